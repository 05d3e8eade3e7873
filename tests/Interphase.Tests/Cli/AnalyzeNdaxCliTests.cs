using System.Globalization;
using System.Text.Json;
using Interphase.Tests.Data;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Cli;

/// <summary>`interphase analyze FILE.ndax --out DIR`: a Neware BTS 8 archive analysed end to end.</summary>
public class AnalyzeNdaxCliTests
{
    static double Cell(string[] lines, int row, string column) =>
        double.Parse(lines[row].Split(',')[Array.IndexOf(lines[0].Split(','), column)], CultureInfo.InvariantCulture);

    /// <summary>
    /// nw4-120-1-6-53.ndax: 480 steps of CC charge, CV charge and CC discharge, so 160 cycles by the
    /// current (the instrument's loop counter says 150). Cycle 1's capacities are the sums of its steps'
    /// last counters in BTSDA's export: charge 0.0559944167 (CC) + 1.6405452778 (CV) mAh, discharge
    /// 0.3236198889 mAh and 1.3140820278 mWh; the test lasted 173045.9 s.
    /// </summary>
    [Fact]
    public void AnalysesAnNdaxAsAFullCell()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "out");
        var (code, stdout, stderr) = CliHarness.Run("analyze", NdaxReaderTests.Fixture("nw4-120-1-6-53.ndax"), "--out", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("Neware .ndax, 18700 records over 48.1 h", stdout);
        foreach (var f in new[] { "timeseries.csv", "cycles.csv", "dqdv.csv", "summary.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal("Neware .ndax", s.GetProperty("format").GetString());
        Assert.Equal("full", s.GetProperty("kind").GetString());
        Assert.Equal(18700, s.GetProperty("records").GetInt32());
        Assert.Equal(160, s.GetProperty("cycles_begun").GetInt32());
        Assert.Equal("instrument counters", s.GetProperty("capacity_from").GetString());
        Close(173045.9 / 3600, s.GetProperty("duration_h").GetDouble(), 1e-9, "duration (h)");
        Close(0.3236198889, s.GetProperty("first_cycle_discharge_mAh").GetDouble(), 1e-6, "cycle 1 discharge (mAh)");
        var cycles = File.ReadAllLines(Path.Combine(dir, "cycles.csv"));
        Close(0.0559944167 + 1.6405452778, Cell(cycles, 1, "charge_mAh"), 1e-6, "cycle 1 charge (mAh)");
        Close(0.3236198889, Cell(cycles, 1, "discharge_mAh"), 1e-6, "cycle 1 discharge (mAh)");
        Close(1.3140820278, Cell(cycles, 1, "discharge_energy_mWh"), 1e-6, "cycle 1 discharge energy (mWh)");
        var series = File.ReadAllLines(Path.Combine(dir, "timeseries.csv"));
        Assert.Equal(18701, series.Length);
        Close(173045.9 / 3600, Cell(series, 18700, "time_h"), 1e-9, "last time (h)");
    }

    [Fact]
    public void ADamagedNdaxGivesOneLineAndNoOutput()
    {
        var src = NdaxReaderTests.Fixture("TESTCELL0001-Test_Data_Collection_Ndc17.ndax");
        var bytes = File.ReadAllBytes(src);
        var cut = Path.Combine(TestPaths.TempDir(), "cut.ndax");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var dir = Path.Combine(TestPaths.TempDir(), "out");
        var line = CliHarness.Run("analyze", cut, "--out", dir).OneLineError(1);
        Assert.Matches(@"^error: .*cut\.ndax: at byte \d+: .*truncated", line);
        Assert.False(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any());
    }
}
