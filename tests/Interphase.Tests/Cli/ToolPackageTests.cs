using System.Diagnostics;

namespace Interphase.Tests.Cli;

/// <summary>
/// The tool package (issue 13, item 1): packed from this build, installed with
/// <c>dotnet tool install Interphase.Cli --add-source DIR --tool-path X</c> into an empty folder, and run
/// from a folder outside the repository, where only what the package carries can supply the materials
/// library and the cases.
/// </summary>
public class ToolPackageTests
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    [ToolPackFact]
    public void ThePackedToolInstallsAndSimulatesAShippedCaseOutsideTheRepository()
    {
        var root = Path.Combine(Path.GetTempPath(), "interphase-tool-" + Guid.NewGuid().ToString("N"));
        var packages = Path.Combine(root, "packages");
        var tools = Path.Combine(root, "tools");
        var work = Path.Combine(root, "work");
        Directory.CreateDirectory(work);
        try
        {
            // the CLI is built (this test project references it): pack it without building again
            var cli = Path.Combine(TestPaths.RepoRoot, "src", "Interphase.Cli", "Interphase.Cli.csproj");
            Run("dotnet", ["pack", cli, "--no-build", "-c", Configuration, "-o", packages], TestPaths.RepoRoot);
            var package = Assert.Single(Directory.GetFiles(packages, "Interphase.Cli.*.nupkg"));
            var version = Path.GetFileNameWithoutExtension(package)["Interphase.Cli.".Length..];

            // a package cache of its own, so that an earlier install of the same version is not reused
            Run("dotnet", ["tool", "install", "Interphase.Cli", "--add-source", packages, "--tool-path", tools, "--version", version], work, Path.Combine(root, "nuget-cache"));
            var interphase = Path.Combine(tools, OperatingSystem.IsWindows() ? "interphase.exe" : "interphase");

            var shown = Run(interphase, ["--version"], work);
            Assert.StartsWith(version, shown.Trim());

            // a shipped case from the installed package; the library is found beside the tool, not through the working folder
            var installedCases = Assert.Single(Directory.GetDirectories(Path.Combine(tools, ".store"), "cases", SearchOption.AllDirectories));
            var caseFile = Path.Combine(installedCases, "A-bare-Li-LPSCl.yaml");
            var stdout = Run(interphase, ["simulate", caseFile, "--step", "Repeat 2 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h", "--out", "run", "--quiet"], work);
            Assert.Contains("cycles.csv", stdout);
            var cycles = File.ReadAllLines(Path.Combine(work, "run", "cycles.csv"));
            Assert.Equal(3, cycles.Length); // header and two cycles
            Assert.True(File.Exists(Path.Combine(work, "run", "report.html")));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    /// <summary>Runs a program to its end (at most 5 min) and returns its standard output; a non-zero exit fails with its standard error.</summary>
    static string Run(string program, string[] args, string workingDirectory, string? nugetCache = null)
    {
        var psi = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (nugetCache is not null) psi.Environment["NUGET_PACKAGES"] = nugetCache;
        psi.Environment.Remove("INTERPHASE_LIBRARY");
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(300_000), $"{program} {string.Join(' ', args)} did not finish in 5 min");
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)} exited with {p.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}

/// <summary>Runs where the .NET SDK can be started to pack (as under <c>dotnet test</c>); skipped with the reason otherwise.</summary>
public sealed class ToolPackFactAttribute : FactAttribute
{
    public ToolPackFactAttribute() { Skip = SdkAvailable() ? null : "packing needs the .NET SDK's dotnet command on the PATH"; }

    static bool SdkAvailable()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("dotnet", ["--version"]) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (p is null) return false;
            p.WaitForExit(60_000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
