using System.Globalization;
using System.Text.Json;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Cases;

/// <summary>
/// The state each impedance spectrum was taken at (summary.json, impedance[]): cycle, half cycle, the charge passed
/// since the half cycle began and the depth of discharge (HalfCycleTracker). Checked on the shipped
/// C-eis-dod protocol against the charge read back from timeseries.csv's step capacities, an independent sum.
/// </summary>
public class EisDepthOfDischargeTests
{
    static (JsonDocument summary, string[] header, List<string[]> rows, string report) RunDod()
    {
        var outDir = Path.Combine(TestPaths.TempDir(), "dod");
        var r = CliHarness.Run("simulate", Path.Combine(TestPaths.Cases, "C-FeS2-LPS-solid.yaml"),
            "--protocol-file", Path.Combine(TestPaths.Cases, "C-eis-dod.protocol"), "--out", outDir, "--quiet");
        Assert.True(r.code == 0, r.stderr);
        var lines = File.ReadAllLines(Path.Combine(outDir, "timeseries.csv"));
        return (JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))), lines[0].Split(','),
            lines.Skip(1).Select(l => l.Split(',')).ToList(), File.ReadAllText(Path.Combine(outDir, "report.html")));
    }

    static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void TheDepthOfDischargeOfEachSpectrumIsTheChargePassedOverTheDischargesCapacityFromTheTimeSeries()
    {
        var (summary, header, rows, report) = RunDod();
        int iT = Array.IndexOf(header, "time_h"), iI = Array.IndexOf(header, "current_density_mA_cm2"),
            iQ = Array.IndexOf(header, "step_capacity_mAh_g"), iS = Array.IndexOf(header, "step");
        // the discharge's charge up to time t: for every step that discharged, the step capacity of its last row at or before t
        double DischargedBy(double tH) => rows.Where(x => D(x[iI]) < 0 && D(x[iT]) <= tH + 1e-7)
            .GroupBy(x => x[iS]).Sum(g => g.Max(x => Math.Abs(D(x[iQ]))));
        double total = DischargedBy(double.PositiveInfinity);
        Assert.True(total > 100, $"{total} mAh/g discharged");

        var spectra = summary.RootElement.GetProperty("impedance").EnumerateArray().ToList();
        Assert.Equal(11, spectra.Count);
        double previous = -1;
        foreach (var s in spectra)
        {
            double t = s.GetProperty("time_h").GetDouble();
            double passed = DischargedBy(t);
            double dod = s.GetProperty("depth_of_discharge").GetDouble(); // a null throws
            Assert.True(Math.Abs(dod - passed / total) < 1e-6, $"spectrum at {t} h: DoD {dod} vs {passed / total} from timeseries.csv");
            Assert.True(Math.Abs(s.GetProperty("half_cycle_charge_mAh_g").GetDouble() - passed) < 1e-5 * total, $"spectrum at {t} h: charge");
            Assert.True(dod >= previous, $"DoD falls to {dod} at {t} h");
            previous = dod;
            bool before = t == 0;
            Assert.Equal(before ? "rest" : "discharge", s.GetProperty("half_cycle").GetString());
            Assert.Equal(before ? 0 : 1, s.GetProperty("cycle").GetInt32());
        }
        Assert.Equal(0, spectra[0].GetProperty("depth_of_discharge").GetDouble());
        Assert.Equal(1, spectra[^1].GetProperty("depth_of_discharge").GetDouble(), 1e-12);
        Assert.Contains("Interface resistance vs depth of discharge", report);
    }

    [Fact]
    public void ASymmetricCellsSpectraCarryTheirCycleAndHalfCycle()
    {
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "llzo.yaml");
        File.WriteAllText(cell, "name: llzo\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 5 MPa\nlayers:\n" +
            "  - {material: Li, thickness: 100 um}\n  - {material: LLZO, thickness: 500 um}\n  - {material: Li, thickness: 100 um}\n");
        var outDir = Path.Combine(dir, "out");
        var r = CliHarness.Run("simulate", cell, "--step", "Measure EIS from 1 MHz to 1 Hz", "--step", "Plate at 0.1 mA/cm2 for 0.1 h",
            "--step", "Measure EIS from 1 MHz to 1 Hz", "--step", "Strip at 0.1 mA/cm2 for 0.1 h", "--step", "Measure EIS from 1 MHz to 1 Hz", "--out", outDir, "--quiet");
        Assert.True(r.code == 0, r.stderr);
        using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var spectra = j.RootElement.GetProperty("impedance").EnumerateArray().ToList();
        Assert.Equal(["rest", "plate", "strip"], spectra.Select(s => s.GetProperty("half_cycle").GetString()));
        Assert.Equal([0, 1, 1], spectra.Select(s => s.GetProperty("cycle").GetInt32()));
        // a symmetric cell has no depth of discharge
        Assert.All(spectra, s => Assert.False(s.TryGetProperty("depth_of_discharge", out _)));
    }
}
