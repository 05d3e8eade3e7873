using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Interphase.Tests.Examples;

/// <summary>
/// README.md's "Using Interphase from C#" (issue 13, item 6) is docs/examples/LibraryExample.cs, which the
/// solution builds as a program: the README shows that file verbatim, and the program runs and prints what
/// the library computed.
/// </summary>
public partial class LibraryExampleTests
{
    const string Section = "## Using Interphase from C#";

    static string ExampleFile => Path.Combine(TestPaths.RepoRoot, "docs", "examples", "LibraryExample.cs");

    /// <summary>The example's code: the file without its opening comment lines.</summary>
    static string ExampleCode() =>
        string.Join('\n', File.ReadAllLines(ExampleFile).SkipWhile(l => l.StartsWith("//", StringComparison.Ordinal)));

    /// <summary>The csharp blocks of the README's section, in order, joined by a blank line.</summary>
    internal static string ReadmeCode()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md")).Replace("\r\n", "\n");
        int start = readme.IndexOf("\n" + Section + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no section '{Section}'");
        int end = readme.IndexOf("\n## ", start + Section.Length + 2, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        var blocks = CSharpBlock().Matches(section).Select(m => m.Groups[1].Value.TrimEnd('\n')).ToList();
        Assert.True(blocks.Count >= 3, $"expected the simulate, analyze and fit blocks in '{Section}', found {blocks.Count}");
        return string.Join("\n\n", blocks);
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [Fact]
    public void TheReadmeShowsTheExampleFileVerbatim()
    {
        Assert.Equal(ExampleCode().TrimEnd('\n'), ReadmeCode());
    }

    [Fact]
    public void TheReadmeExamplesAreShortEnough()
    {
        // issue 13: each of simulate, analyze and fit in under 20 lines
        foreach (var block in ReadmeCode().Split("\n\n"))
            Assert.True(block.Split('\n').Length < 20, block);
    }

    [Fact]
    public void TheExampleRunsAndPrintsWhatTheLibraryComputed()
    {
        var work = TestPaths.TempDir();
        try
        {
            // the README's paths are the repository's: data/ beside, out/ written there
            foreach (var folder in new[] { "materials", "cases" })
                CopyFolder(Path.Combine(TestPaths.RepoRoot, "data", folder), Path.Combine(work, "data", folder));
            var stdout = RunExample(work);
            Assert.DoesNotContain("NaN", stdout);
            var lines = stdout.Split('\n', StringSplitOptions.TrimEntries);
            var outDir = Path.Combine(work, "out", "from-csharp");

            // simulate: the cycles printed are the three of cycles.csv, which Lab.Write wrote
            var cycles = File.ReadAllLines(Path.Combine(outDir, "cycles.csv"));
            Assert.Equal(4, cycles.Length);
            int col = Array.IndexOf(cycles[0].Split(','), "mean_abs_overpotential_mV");
            var simulated = cycles[1..].Select(l => double.Parse(l.Split(',')[col], CultureInfo.InvariantCulture)).ToArray();
            int firstAnalysed = Array.FindIndex(lines, l => l.StartsWith("analysed as", StringComparison.Ordinal));
            Assert.True(firstAnalysed > 0, stdout);
            for (int k = 0; k < 3; k++)
                Assert.Contains($"cycle {k + 1}: mean |V| {simulated[k]:F2} mV", lines[..firstAnalysed]);
            Assert.Contains("wrote 5 files to out/from-csharp", lines);
            foreach (var f in new[] { "timeseries.csv", "summary.json", "eis_1.csv", "report.html" }) Assert.True(File.Exists(Path.Combine(outDir, f)), f);

            // analyze: the written time series read back as a symmetric cell, its cycles as Measurement.Analyze finds them
            Assert.Equal("analysed as Symmetric: the voltage follows the sign of the current and stays below 1 V", lines[firstAnalysed]);
            var measured = Interphase.Data.Analysis.Measurement.Analyze(Path.Combine(outDir, "timeseries.csv")).Symmetric!;
            Assert.Equal(3, measured.Cycles.Count);
            foreach (var c in measured.Cycles) Assert.Contains($"cycle {c.Cycle}: mean |V| {c.MeanAbsVoltage * 1e3:F2} mV", lines[firstAnalysed..]);

            // fit: the circuit recovers the model's own resistances (summary.json) within 1 %
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            var model = summary.RootElement.GetProperty("impedance")[0];
            foreach (var (name, key) in new[] { ("R0", "R_bulk_ohm"), ("R1", "R_interphase_ohm"), ("R2", "R_ct_ohm") })
            {
                var line = Assert.Single(lines, l => l.StartsWith(name + " = ", StringComparison.Ordinal));
                var fitted = double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
                var expected = model.GetProperty(key).GetDouble();
                Assert.True(Math.Abs(fitted / expected - 1) < 0.01, $"{name} = {fitted} against the model's {key} = {expected}");
            }
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    /// <summary>The built example (docs/examples/bin), run with `dotnet` from <paramref name="workingDirectory"/>; its standard output.</summary>
    static string RunExample(string workingDirectory)
    {
        var dll = Path.Combine(TestPaths.RepoRoot, "docs", "examples", "bin", Configuration, "net10.0", "LibraryExample.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built (the test project builds docs/examples/LibraryExample.csproj)");
        var psi = new ProcessStartInfo("dotnet", ["exec", dll]) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment.Remove("INTERPHASE_LIBRARY");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(300_000), "the example did not finish in 5 min");
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }

#if DEBUG
    internal const string Configuration = "Debug";
#else
    internal const string Configuration = "Release";
#endif

    static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
    }
}
