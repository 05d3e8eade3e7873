using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Interphase.Tests.Examples;

/// <summary>
/// docs/examples/interphase.ipynb (issue 13, item 6) runs headless, as CI runs it: every cell without an
/// error, the cycles it prints are the simulator's, it draws the voltage as SVG and its fit finds the model's
/// resistances.
/// </summary>
public class NotebookExampleTests
{
    [NotebookFact]
    public void TheNotebookRunsSimulatesPlotsAndFits()
    {
        var examples = Path.Combine(TestPaths.RepoRoot, "docs", "examples");
        var library = Path.Combine(examples, "bin", "Debug", "net10.0", "Interphase.Core.dll");
        Assert.True(File.Exists(library), $"{library} is not built (the test project builds docs/examples/LibraryExample.csproj)");
        var work = TestPaths.TempDir();
        try
        {
            var executed = Path.Combine(work, "executed.ipynb");
            var psi = new ProcessStartInfo(DotnetRepl.Path, ["--run", Path.Combine(examples, "interphase.ipynb"), "--exit-after-run", "--output-path", executed])
            { WorkingDirectory = examples, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment.Remove("INTERPHASE_LIBRARY");
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(300_000), "the notebook did not finish in 5 min");
            using var nb = JsonDocument.Parse(File.ReadAllText(executed));
            var outputs = nb.RootElement.GetProperty("cells").EnumerateArray()
                .Where(c => c.GetProperty("cell_type").GetString() == "code")
                .SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToList();
            var errors = outputs.Where(o => o.GetProperty("output_type").GetString() == "error").Select(o => o.GetProperty("evalue").GetString()).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            Assert.True(p.ExitCode == 0, $"dotnet-repl exited with {p.ExitCode}:\n{stdout.Result}\n{stderr.Result}");

            var text = string.Concat(outputs.Where(o => o.GetProperty("output_type").GetString() == "stream")
                .SelectMany(o => o.GetProperty("text").EnumerateArray()).Select(t => t.GetString()));
            var lines = text.Split('\n', StringSplitOptions.TrimEntries);

            // the same simulation in this process: the notebook printed its cycles
            var run = Lab.Simulate(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"),
                "Repeat 5 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h", "Measure EIS from 1 MHz to 100 mHz");
            Assert.Equal(5, run.Cycles.Count);
            foreach (var c in run.Cycles)
                Assert.Contains($"cycle {c.Cycle}: mean |V| {c.MeanAbsVoltage * 1e3:F2} mV, max |V| {c.MaxAbsVoltage * 1e3:F2} mV", lines);

            // the voltage figure: an SVG whose longest path has a point for most of the run's time series
            var svg = outputs.Where(o => o.TryGetProperty("data", out var d) && d.TryGetProperty("image/svg+xml", out _))
                .Select(o => string.Concat(o.GetProperty("data").GetProperty("image/svg+xml").EnumerateArray().Select(t => t.GetString()))).Single();
            var doc = XDocument.Parse(svg);
            Assert.Equal("svg", doc.Root!.Name.LocalName);
            int longest = doc.Descendants().Where(e => e.Name.LocalName is "path" or "polyline")
                .Select(e => ((string?)e.Attribute("d") ?? (string?)e.Attribute("points") ?? "").Count(ch => ch is 'L' or ',')).Max();
            Assert.True(longest >= run.Series.Count / 2, $"the longest path has {longest} segments for {run.Series.Count} points");

            // the fit recovers the model's resistances of the spectrum within 1 %
            var spectrum = Assert.Single(run.Spectra);
            foreach (var (name, expected) in new[] { ("R0", spectrum.RBulk), ("R1", spectrum.RInterphase), ("R2", spectrum.RChargeTransfer) })
            {
                var line = Assert.Single(lines, l => l.StartsWith(name + " = ", StringComparison.Ordinal));
                var fitted = double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(fitted / expected - 1) < 0.01, $"{name} = {fitted} against the model's {expected}");
            }
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }
}
