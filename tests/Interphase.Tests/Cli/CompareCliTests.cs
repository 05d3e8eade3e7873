using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Interphase.Cli;
using Interphase.Reports;
using Interphase.Tests.Cases;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Cli;

/// <summary>`interphase compare`: a measurement and a simulation (or two of either) in one report.</summary>
public class CompareCliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args) => Interphase.Tests.Cli.CliHarness.Run(args);

    [Fact]
    public void SimulationAndTheAnalysisOfItsOwnRecordOverlay()
    {
        var sim = TestPaths.TempDir();
        SimulationWriter.Write(DomainCaseTests.Run("B-bare-Li-PEO"), sim);
        var measured = TestPaths.TempDir();
        Assert.Equal(0, Run("analyze", Path.Combine(sim, "timeseries.csv"), "--out", measured).code);
        var dir = Path.Combine(TestPaths.TempDir(), "cmp");
        var (code, stdout, stderr) = Run("compare", sim, measured, "--out", dir);
        Assert.True(code == 0, stderr);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal("symmetric", s.GetProperty("kind").GetString());
        Assert.Equal(s.GetProperty("a_short_circuit_time_h").GetDouble(), s.GetProperty("b_short_circuit_time_h").GetDouble(), 0.01);
        Assert.True(s.GetProperty("rms_overpotential_difference_mV").GetDouble() < 1.0);
        var csv = File.ReadAllLines(Path.Combine(dir, "comparison.csv"));
        Assert.Equal("cycle,a_mean_abs_overpotential_mV,b_mean_abs_overpotential_mV,difference_mV", csv[0]);
        Assert.Equal(401, csv.Length);
        var dom = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Equal(2, dom.QuerySelectorAll("figure.figure").Length);
        Assert.Contains("B-bare-Li-PEO (simulation)", dom.Title);
        Assert.Contains("symmetric cells", stdout);
    }

    [SharedDataFact]
    public void AMeasuredFileAndItsAnalysisFolderAgree()
    {
        var folder = TestPaths.TempDir();
        Assert.Equal(0, Run("analyze", Arbin, "--out", folder).code);
        var dir = Path.Combine(TestPaths.TempDir(), "cmp");
        var (code, _, stderr) = Run("compare", Arbin, Path.Combine(folder, "cycles.csv"), "--out", dir);
        Assert.True(code == 0, stderr);
        var rows = File.ReadAllLines(Path.Combine(dir, "comparison.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var r in rows)
            Assert.Equal(double.Parse(r[1], CultureInfo.InvariantCulture), double.Parse(r[2], CultureInfo.InvariantCulture), 1e-6);
    }

    [SharedDataFact]
    public void DifferentKindsOfCellAreRefused()
    {
        var sim = TestPaths.TempDir();
        SimulationWriter.Write(DomainCaseTests.Run("B-bare-Li-PEO"), sim);
        var dir = Path.Combine(TestPaths.TempDir(), "cmp");
        var (code, _, stderr) = Run("compare", sim, Arbin, "--out", dir);
        Assert.Equal(1, code);
        Assert.Contains("compare results of the same kind of cell", stderr);
        Assert.False(Directory.Exists(dir));
    }

    [SharedDataFact]
    public void AFolderWithoutResultsIsAnInputError()
    {
        var empty = TestPaths.TempDir();
        var (code, _, stderr) = Run("compare", empty, Arbin, "--out", Path.Combine(empty, "x"));
        Assert.Equal(1, code);
        Assert.Contains("the folder has no summary.json", stderr);
    }

    [Fact]
    public void AFullCellCutShortByAShortQuotesItsLastCompleteDischargeNotTheCutCycles()
    {
        // A-LCO-bare-Li at 2C shorts in cycle 3, whose discharge never began (cycles.csv: discharge 0, complete 0). The
        // comparison's "last discharge" was that 0; it is the last complete cycle's (79.7 mAh/g).
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "cell.yaml");
        File.WriteAllText(cell, File.ReadAllText(Path.Combine(TestPaths.Cases, "A-LCO-bare-Li.yaml")).Replace("protocol_file: A-full.protocol", "") +
            "\nprotocol:\n  - \"Repeat 5 times: Charge at 2C until 4.3 V; Discharge at 2C until 3.0 V\"\n");
        var sim = Path.Combine(dir, "sim");
        var run = Run("simulate", cell, "--out", sim, "--quiet", "--library", TestPaths.Library);
        Assert.True(run.code == 0, run.stderr);
        var rows = File.ReadAllLines(Path.Combine(sim, "cycles.csv"));
        var h = rows[0].Split(',');
        var last = rows[^1].Split(',');
        Assert.Equal("0", last[Array.IndexOf(h, "complete")]);   // the run's last cycle was cut short
        double lastComplete = double.Parse(rows[^2].Split(',')[Array.IndexOf(h, "discharge_capacity_mAh_g")], CultureInfo.InvariantCulture);
        Assert.True(lastComplete > 50, rows[^2]);
        var cmp = Path.Combine(dir, "cmp");
        Assert.Equal(0, Run("compare", sim, sim, "--out", cmp).code);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(cmp, "summary.json"))).RootElement;
        Assert.Equal(lastComplete, s.GetProperty("a_last_discharge").GetDouble(), 6);
        // a_cycles counts the complete cycles, as the run's own summary.json's cycles, a_cycles_begun every row (decision 0080)
        int complete = rows.Skip(1).Count(l => l.Split(',')[Array.IndexOf(h, "complete")] == "1");
        Assert.True(complete < rows.Length - 1);
        Assert.Equal(complete, s.GetProperty("a_cycles").GetInt32());
        Assert.Equal(rows.Length - 1, s.GetProperty("a_cycles_begun").GetInt32());
        var own = JsonDocument.Parse(File.ReadAllText(Path.Combine(sim, "summary.json"))).RootElement;
        Assert.Equal(own.GetProperty("cycles").GetInt32(), s.GetProperty("a_cycles").GetInt32());
    }

    [Fact]
    public void FullCellSimulationAndTheAnalysisOfItsRecordAgree()
    {
        // the analysis of a simulated full cell's timeseries.csv must give the simulator's own per-cycle numbers
        var sim = Path.Combine(TestPaths.TempDir(), "sim");
        Assert.Equal(0, Run("simulate", Path.Combine(TestPaths.Cases, "B-LFP-DCPL-Li.yaml"), "--out", sim, "--quiet", "--library", TestPaths.Library).code);
        var measured = Path.Combine(TestPaths.TempDir(), "an");
        var (code, _, stderr) = Run("analyze", Path.Combine(sim, "timeseries.csv"), "--out", measured);
        Assert.True(code == 0, stderr);
        var a = File.ReadAllLines(Path.Combine(sim, "cycles.csv"));
        var b = File.ReadAllLines(Path.Combine(measured, "cycles.csv"));
        // every column of the simulator's cycles.csv is in the analysis's, under the same name
        var header = a[0].Split(',');
        var headerB = b[0].Split(',');
        Assert.Empty(header.Except(headerB));
        double Cell(string line, string[] h, string col) { var t = line.Split(',')[Array.IndexOf(h, col)]; return t.Length == 0 ? double.NaN : double.Parse(t, CultureInfo.InvariantCulture); }
        int complete = 0;
        // the record's last cycle is left out: a record that stops after a discharge does not tell the analysis
        // that the cycle ended (the bare-Li cell used here before shorted, so its last cycle was never compared)
        for (int r = 1; r < a.Length - 1; r++)
        {
            if (!double.IsFinite(Cell(a[r], header, "coulombic_efficiency_percent")) || Cell(a[r], header, "discharge_capacity_mAh_g") <= 0) continue;
            complete++;
            foreach (var col in new[] { "charge_capacity_mAh_g", "discharge_capacity_mAh_g", "discharge_capacity_mAh_cm2", "coulombic_efficiency_percent" })
                Close(Cell(a[r], header, col), Cell(b[r], headerB, col), 1e-4, $"cycle {r} {col}");
            Close(Cell(a[r], header, "mean_discharge_voltage_V"), Cell(b[r], headerB, "mean_discharge_voltage_V"), 2e-3, $"cycle {r} mean discharge voltage");
        }
        Assert.True(complete >= 10);
        var dir = Path.Combine(TestPaths.TempDir(), "cmp");
        Assert.Equal(0, Run("compare", sim, measured, "--out", dir).code);
        Assert.StartsWith("cycle,a_discharge_mAh_g,b_discharge_mAh_g", File.ReadLines(Path.Combine(dir, "comparison.csv")).First());
    }
}
