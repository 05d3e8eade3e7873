using System.Diagnostics;

namespace Interphase.Tests.Examples;

/// <summary>
/// A test that runs a .NET Interactive notebook headless with the dotnet-repl tool, installed from NuGet
/// into a tool folder of its own under the temporary folder (once; later runs reuse it). Skipped with the
/// reason where the tool cannot be installed (no NuGet), unless <c>INTERPHASE_REQUIRE_NOTEBOOK=1</c>
/// (CI), where the test runs and fails.
/// </summary>
public sealed class NotebookFactAttribute : FactAttribute
{
    public const string RequireVariable = "INTERPHASE_REQUIRE_NOTEBOOK";

    public NotebookFactAttribute()
    {
#if DEBUG
        if (Environment.GetEnvironmentVariable(RequireVariable) != "1" && DotnetRepl.Missing is { } reason) Skip = reason;
#else
        // docs/examples/interphase.ipynb references the Debug build, which `dotnet build` makes
        Skip = "the notebook references the Debug build of docs/examples (dotnet build); this is a Release build";
#endif
    }
}

/// <summary>dotnet-repl (it runs a notebook with <c>--run FILE --exit-after-run</c>), installed on first use.</summary>
internal static class DotnetRepl
{
    public const string Version = "0.3.259";

    static readonly Lazy<(string? Path, string? Reason)> Tool = new(Install);

    /// <summary>The dotnet-repl program; fails the test with the installation's reason when there is none.</summary>
    public static string Path => Tool.Value.Path ?? throw new InvalidOperationException(Tool.Value.Reason);

    /// <summary>Null when the tool is installed; otherwise why not.</summary>
    public static string? Missing => Tool.Value.Reason;

    static (string?, string?) Install()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"interphase-dotnet-repl-{Version}");
        var program = System.IO.Path.Combine(folder, OperatingSystem.IsWindows() ? "dotnet-repl.exe" : "dotnet-repl");
        if (File.Exists(program)) return (program, null);
        // installed into a folder of its own, then moved into place whole: a half-finished installation is never reused
        var fresh = folder + "-" + Guid.NewGuid().ToString("N");
        try
        {
            var psi = new ProcessStartInfo("dotnet", ["tool", "install", "dotnet-repl", "--version", Version, "--tool-path", fresh])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(300_000)) { p.Kill(true); return (null, $"dotnet tool install dotnet-repl {Version} did not finish in 5 min; set {NotebookFactAttribute.RequireVariable}=1 to make this a failure"); }
            if (p.ExitCode != 0)
            {
                var why = (stderr.Result + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit {p.ExitCode}";
                return (null, $"dotnet tool install dotnet-repl {Version} failed ({why}); set {NotebookFactAttribute.RequireVariable}=1 to make this a failure");
            }
            try { Directory.Move(fresh, folder); }
            catch (IOException) when (File.Exists(program)) { } // another test run put it there first
            return (program, null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"cannot start dotnet to install dotnet-repl ({e.Message}); set {NotebookFactAttribute.RequireVariable}=1 to make this a failure");
        }
        finally
        {
            if (Directory.Exists(fresh)) Directory.Delete(fresh, true);
        }
    }
}
