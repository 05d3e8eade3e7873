using System.Globalization;
using System.Text.Json;
using Interphase.Cells;
using Interphase.Data.Analysis;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The electrolyte's reduction on a blocking working electrode (docs/models.md §16.4, decision 0065): a CV through the
/// electrolyte's reduction potential shows a cathodic peak on its first sweep, where the reducing film closes, and none
/// on the second; above the reduction potential only the double layer charges; the analysis finds the reduction's onset.
/// The cells are Li | LP30 | SS (reduction potential 0.8 V) and Li | Li6PS5Cl | SS (1.71 V) on model.yaml's blocking defaults.
/// </summary>
public class BlockingReductionTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    const string Lp30Yaml = "name: cv-lp30\nkind: blocking\narea: 1 cm2\ntemperature: 25 degC\nstack_pressure: 0.1 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 100 um}\n  - {material: LP30, thickness: 25 um}\n  - {material: SS}\n";

    static BlockingCell Lp30() => BlockingCell.Build(CellSpec.Parse(YNode.LoadText(Lp30Yaml, "cv-lp30.yaml"), Lib), Lib);

    static SweepResult Run(BlockingCell cell, params string[] steps) => new SweepSimulator(cell).Run(ProtocolParser.ParseLines(steps));

    static IReadOnlyList<SweepSegment> Segments(SweepResult r) => SweepAnalysis.Of(r.Series.Select(p => p.Voltage).ToList(),
        r.Series.Select(p => p.CurrentDensity).ToList(), r.Series.Select(p => p.Cycle).ToList(), SweepAnalysis.DefaultThreshold);

    [Fact]
    public void ACvThroughTheReductionPotentialPeaksOnItsFirstCathodicSweepAndHardlyOnItsSecond()
    {
        var cell = Lp30();
        var red = Assert.IsType<Interphase.Models.ElectrolyteReduction>(cell.Reduction);
        Assert.Equal(0.8, red.ReductionPotential, 9);                      // LP30.validity.reduction_potential
        var r = Run(cell, "Cycle between 0 V and 3 V at 2 mV/s 2 times");
        var segs = Segments(r);
        Assert.Equal(["cathodic", "anodic", "cathodic", "anodic"], segs.Select(s => s.Anodic ? "anodic" : "cathodic"));
        // cycle 1: the irreversible surface wave of the law, E_p = E_red − b·ln(q_m·ν/(b·i_r0)), |i_p| = q_m·ν/(e·b)
        // (0.581 V, 29.4 µA/cm²), below the reduction potential; the ohmic and counter drops at 30 µA/cm² are < 1 mV
        var (ep, ip) = red.LinearSweepPeak(2e-3);
        Assert.Equal(ep, segs[0].PeakVoltage, 3e-3);
        Assert.Equal(-ip, segs[0].PeakCurrent, 0.03 * ip);
        Assert.InRange(segs[0].PeakVoltage, 0.4, 0.8);
        // the film closed on the first sweep: the second cathodic sweep draws its double layer only, C_dl·ν = 20 nA/cm²
        double capacitive = cell.DoubleLayerCapacitance * 2e-3;
        Assert.True(Math.Abs(segs[2].PeakCurrent) < 1.01 * capacitive, $"cycle 2 peak {segs[2].PeakCurrent} A/m² against cycle 1's {segs[0].PeakCurrent}");
        Assert.Equal(red.PassivationCharge, r.ReductionChargeCPerM2, 1e-9 * red.PassivationCharge);
    }

    [Fact]
    public void AboveTheReductionPotentialOnlyTheDoubleLayerCharges()
    {
        var cell = Lp30();
        var r = Run(cell, "Cycle between 0.85 V and 3 V at 2 mV/s 1 time");
        double capacitive = cell.DoubleLayerCapacitance * 2e-3;
        // after the R·C transient of each vertex the current is ±C·ν to 1 %, down to 50 mV above the reduction potential
        foreach (var p in r.Series.Where(p => p.Voltage is > 0.9 and < 2.9))
            Assert.Equal(capacitive, Math.Abs(p.CurrentDensity), 0.01 * capacitive);
        Assert.Equal(0, r.ReductionChargeCPerM2);
    }

    [Fact]
    public void AModelledReductionIsNamedAmongTheEstimatesAndNotWarnedAsMissing()
    {
        var cell = BlockingCell.Build(CellSpec.Parse(YNode.LoadText(
            "name: cv\nkind: blocking\narea: 1 cm2\ntemperature: 25 degC\nstack_pressure: 5 MPa\nlayers:\n" +
            "  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 500 um}\n  - {material: SS}\n", "cv.yaml"), Lib), Lib);
        Assert.Equal(1.71, cell.Reduction!.ReductionPotential, 9);
        var w = cell.WarningsFor(ProtocolParser.ParseLines(["Cycle between 0 V and 1.9 V at 2 mV/s 2 times"]));
        foreach (var v in new[] { "reduction_current_density", "reduction_tafel_slope", "reduction_passivation_charge" })
            Assert.Contains(w, x => x.Contains($"SS|Li6PS5Cl.{v}") && x.Contains("class default for blocking_interface"));
        Assert.DoesNotContain(w, x => x.Contains("is not modelled"));
        // a CV that starts below the reduction potential says that its film forms in a spike at the start
        var start = cell.WarningsFor(ProtocolParser.ParseLines(["Cycle between 0 V and 1 V at 2 mV/s 3 times"]));
        Assert.Single(start, x => x.Contains("starts the bare SS at 1 V, below Li6PS5Cl's reduction potential 1.71 V"));
    }

    [Fact]
    public void WithoutAReductionRateTheSweepStillSaysTheReductionIsNotModelled()
    {
        // a library with a steel pair that states no reduction and no blocking defaults to take one from
        var dir = BlockingDefaultsTests.LibraryWithoutBlockingDefaults();
        File.AppendAllText(Path.Combine(dir, "interfaces.yaml"), "\n  \"SS|LP30\":\n" +
            "    double_layer_capacitance: {value: 10, unit: uF/cm2, source: test, tag: estimate}\n" +
            "    oxidation_current_density: {value: 1.0e-3, unit: mA/cm2, source: test, tag: estimate}\n" +
            "    oxidation_tafel_slope: {value: 0.05, unit: V, source: test, tag: estimate}\n");
        var lib = MaterialLibrary.Load(dir);
        var cell = BlockingCell.Build(CellSpec.Parse(YNode.LoadText(Lp30Yaml, "cv-lp30.yaml"), lib), lib);
        Assert.Null(cell.Reduction);
        var w = cell.WarningsFor(ProtocolParser.ParseLines(["Cycle between 0 V and 3 V at 2 mV/s 2 times"]));
        Assert.Single(w, x => x.Contains("below LP30's reduction potential 0.8 V") && x.Contains("is not modelled"));
    }

    /// <summary>
    /// `analyze --technique sweep` on the simulated CV's timeseries.csv finds the reduction onset where the simulated current
    /// first reaches −10 µA/cm² on the first cathodic sweep (the same number simulate's summary gives), and none on the second.
    /// </summary>
    [Fact]
    public void TheAnalysisOfTheSimulatedCvFindsTheReductionOnsetAtTheThreshold()
    {
        var root = TestPaths.TempDir();
        var cellFile = Path.Combine(root, "cv-lp30.yaml");
        File.WriteAllText(cellFile, Lp30Yaml);
        var sim = Path.Combine(root, "sim");
        var s = CliHarness.Run("simulate", cellFile, "--step", "Cycle between 0 V and 3 V at 2 mV/s 2 times", "--out", sim, "-q");
        Assert.True(s.code == 0, s.stderr);
        var an = Path.Combine(root, "an");
        var a = CliHarness.Run("analyze", Path.Combine(sim, "timeseries.csv"), "--technique", "sweep", "--area", "1 cm2", "--threshold", "10 uA/cm2", "--out", an);
        Assert.True(a.code == 0, a.stderr);
        using var js = JsonDocument.Parse(File.ReadAllText(Path.Combine(sim, "summary.json")));
        using var ja = JsonDocument.Parse(File.ReadAllText(Path.Combine(an, "summary.json")));
        double onset = ja.RootElement.GetProperty("cathodic_onset_V").GetDouble();
        Assert.Equal(1, ja.RootElement.GetProperty("cathodic_onset_segment").GetInt32());
        Assert.Equal(js.RootElement.GetProperty("cathodic_onset_V").GetDouble(), onset, 1e-6);
        // the crossing read off the time series itself: the first record of cycle 1 at or below −0.01 mA/cm² and the one before
        var rows = File.ReadLines(Path.Combine(sim, "timeseries.csv")).Skip(1)
            .Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToList();
        int k = rows.FindIndex(x => x[3] <= -0.01);
        double f = (-0.01 - rows[k - 1][3]) / (rows[k][3] - rows[k - 1][3]);
        Assert.Equal(rows[k - 1][1] + f * (rows[k][1] - rows[k - 1][1]), onset, 1e-6);
        Assert.InRange(onset, 0.6, 0.8);                                    // between the peak (0.58 V) and the reduction potential
        Assert.Contains("first cathodic onset at -10 µA/cm2", a.stdout);
        // the second cathodic sweep, on the closed film, does not reach the threshold
        var second = File.ReadLines(Path.Combine(an, "sweeps.csv")).Skip(1).Select(l => l.Split(',')).Single(x => x[0] == "3");
        Assert.Equal("cathodic", second[2]);
        Assert.Equal("", second[7]);
    }
}
