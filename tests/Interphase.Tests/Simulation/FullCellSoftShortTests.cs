using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Soft shorts in full cells and a second filament in symmetric cells (issue 9, item 2; docs/models.md §9,
/// "Soft shorts"): one mechanism, <see cref="SoftShortBridges"/>, stepped by both simulators.
/// </summary>
public class FullCellSoftShortTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>A shipped case with its electrolyte thickness (and optionally library values) changed.</summary>
    static CellSpec Spec(string name, string from, string to, string overrides = "")
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, name + ".yaml")).Replace(from, to);
        Assert.Contains(to, text);
        if (overrides.Length > 0) text += "\noverrides:\n" + overrides;
        return CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, name + "-soft-short-test.yaml")), Lib);
    }

    /// <summary>A-LCO-bare-Li with a 100 µm Li6PS5Cl separator: at 1C the anode's crack crosses it within two minutes.</summary>
    static FullCell ThinSulfideFullCell(string overrides = "") =>
        FullCell.Build(Spec("A-LCO-bare-Li", "Li6PS5Cl, thickness: 300 um", "Li6PS5Cl, thickness: 100 um", overrides), Lib);

    static FullCellResult Run(FullCell cell, bool softShorts, params string[] steps) =>
        new FullCellSimulator(softShorts ? cell : FullCell.Build(cell.Spec with { Mechanisms = cell.Spec.Mechanisms.Without(Mechanism.SoftShorts) }, Lib),
            new SimulationOptions()).Run(ProtocolParser.ParseLines(steps));

    [Fact]
    public void AFullCellsFilamentBridgeFusesAtTheCellsVoltageAndTheCellChargesOnUntilTheHardShort()
    {
        // the bridge touches a cell at ≈4 V: with it in parallel the voltage across it is still far above Li's 0.107 V
        // melting voltage (the cell's electromotive force drives its own discharge through it), so it fuses at once and
        // the charge goes on; each fused bridge leaves its metal for the next, so the bridges grow thicker and fuse
        // with shorter gaps until one carries the current below the melting voltage: the hard short
        var cell = ThinSulfideFullCell();
        string[] protocol = ["Charge at 1C until 4.3 V", "Discharge at 0.1C until 3.0 V"];
        var on = Run(cell, true, protocol);
        var off = Run(cell, false, protocol);

        Assert.True(off.ShortCircuit && on.ShortCircuit);
        Assert.Empty(off.SoftShorts);
        Assert.True(on.SoftShorts.Count >= 3, $"{on.SoftShorts.Count} soft shorts");
        // the first contact is where the switched-off model's cell fails; with soft shorts it fails later
        Assert.Equal(off.ShortCircuitTimeS!.Value, on.SoftShorts[0].StartS, 6);
        Assert.True(on.ShortCircuitTimeS!.Value > 3 * off.ShortCircuitTimeS.Value);
        Assert.All(on.SoftShorts, s => Assert.Equal("fused", s.Ending));
        Assert.Contains(on.Events, e => e.Kind == "soft_short");

        // the bridge is Li's: ρL/(Nπr²)·A with N the filaments fused so far plus the new one
        var li = cell.Bridge!;
        double r1 = li.Resistivity(cell.TemperatureK) * cell.SeparatorThickness / (Math.PI * li.FilamentRadius * li.FilamentRadius) * cell.Area;
        for (int n = 0; n < on.SoftShorts.Count; n++)
            Assert.Equal(r1 / (n + 1), on.SoftShorts[n].BridgeAsr, 9);
        // thicker bridges take less of the voltage and melt over a shorter part of their length
        for (int n = 1; n < on.SoftShorts.Count; n++)
            Assert.True(on.SoftShorts[n].GapM < on.SoftShorts[n - 1].GapM);

        // each fuse takes the filament's conduction out of the separator: the charging voltage steps up
        foreach (var s in on.SoftShorts)
        {
            var before = on.Series.Last(p => p.TimeS < s.StartS - 1e-9);
            var after = on.Series.First(p => p.TimeS >= s.StartS - 1e-9);
            Assert.True(after.Voltage > before.Voltage, $"{s.StartS / 3600:G5} h: {before.Voltage} → {after.Voltage} V");
            Assert.True(after.Anode.FilamentM < before.Anode.FilamentM);
        }
        // fused at the instant of contact, a bridge conducts for no time: no charge bypasses the cathode through it
        Assert.DoesNotContain(on.Series, p => p.Bridged);
        Assert.Equal(0, on.Series[^1].BridgeCharge);
    }

    [Fact]
    public void AFullCellBridgeThatCarriesTheCurrentBelowItsMeltingVoltageIsTheHardShort()
    {
        // a 5 µm filament (R_f 400 times lower): with it in parallel the cell's voltage collapses below the melting
        // voltage and the charging current alone cannot melt it (|i|·R_f ≪ U_m): its first contact is the hard short
        var cell = ThinSulfideFullCell("  Li.filament_radius: 5 um\n");
        var on = Run(cell, true, "Charge at 1C until 4.3 V");
        var off = Run(cell, false, "Charge at 1C until 4.3 V");
        Assert.True(on.ShortCircuit);
        Assert.Empty(on.SoftShorts);
        Assert.Equal(off.ShortCircuitTimeS!.Value, on.ShortCircuitTimeS!.Value, 6);
        Assert.True(BridgeFuse.Unbreakable(1.4 * Si.MilliampPerCm2, cell.Bridge!.Asr(cell.SeparatorThickness, 1, cell.Area, cell.TemperatureK),
            BridgeFuse.MeltingVoltage(cell.Bridge.MeltingPoint, cell.TemperatureK)));
    }

    [Fact]
    public void AFullCellsSoftShortsAreWrittenToTheSummaryAndTheTimeSeries()
    {
        var r = Run(ThinSulfideFullCell(), true, "Charge at 1C until 4.3 V");
        using var doc = System.Text.Json.JsonDocument.Parse(FullCellWriter.SummaryJson(r, null));
        var root = doc.RootElement;
        Assert.Equal(r.SoftShorts.Count, root.GetProperty("soft_shorts").GetInt32());
        Assert.Equal(r.SoftShorts.Count, root.GetProperty("soft_short_details").GetArrayLength());
        var first = root.GetProperty("soft_short_details")[0];
        Assert.Equal("fused", first.GetProperty("ending").GetString());
        Assert.Equal(r.SoftShorts[0].GapM!.Value * 1e6, first.GetProperty("gap_um").GetDouble(), 9);
        var header = FullCellWriter.TimeSeriesCsv(r).Split('\n')[0].Split(',');
        Assert.Contains("soft_short", header);
        Assert.Contains("soft_short_charge_mAh_cm2", header);
        // the report renders with them
        Assert.Contains("soft shorts", FullCellReport.Html(r));
    }

    [Fact]
    public void ASecondFilamentReachingTheCounterElectrodeWhileABridgeStandsJoinsItInParallel()
    {
        // bare Li | 1000 µm Li6PS5Cl | Li at 1.5 mA/cm²: electrode 1's crack crosses, its first bridge fuses and the
        // second (121 Ω cm², two filaments) stands; after the reversal electrode 2's crack crosses too. The two bridges
        // in parallel (60.6 Ω cm²) carry the 1.5 mA/cm² at 91 mV, below the melting voltage: the hard short. Before,
        // the second filament was ignored and the cell ran on with one bridge standing.
        var cell = SymmetricCell.Build(Spec("A-bare-Li-LPSCl", "Li6PS5Cl, thickness: 300 um", "Li6PS5Cl, thickness: 1000 um"), Lib);
        var r = new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(["Plate at 1.5 mA/cm2 for 1 h", "Strip at 1.5 mA/cm2 for 1 h"]));

        Assert.True(r.ShortCircuit);
        var standing = r.SoftShorts.Single(s => s.Ending == "hard_short");
        Assert.Equal(cell.Left.Label, standing.Electrode);
        Assert.True(standing.StartS < 1 * Si.Hour && r.ShortCircuitTimeS > 1 * Si.Hour);
        Assert.Equal(r.ShortCircuitTimeS!.Value, standing.EndS!.Value, 6);
        // the short is electrode 2's filament reaching electrode 1 while electrode 1's bridge stands
        var at = r.Series.First(p => p.TimeS >= r.ShortCircuitTimeS.Value - 1e-9);
        Assert.True(at.Right.FilamentM >= cell.SeparatorThickness * (1 - 1e-9));
        Assert.True(r.Series.Last(p => p.TimeS < r.ShortCircuitTimeS.Value - 1e-9).Right.FilamentM < cell.SeparatorThickness);
        Assert.Contains(cell.Right.Label, r.Events.Single(e => e.Kind == "short_circuit").Message);
        // the parallel pair carries the whole current below the melting voltage; the standing bridge alone did not
        var b = cell.Bridge!;
        double um = BridgeFuse.MeltingVoltage(b.MeltingPoint, cell.TemperatureK), i = 1.5 * Si.MilliampPerCm2;
        double r2 = b.Asr(cell.SeparatorThickness, 2, cell.Area, cell.TemperatureK);
        Assert.Equal(r2, standing.BridgeAsr, 9);
        Assert.False(BridgeFuse.Unbreakable(i, r2, um));
        Assert.True(BridgeFuse.Unbreakable(i, r2 / 2, um));
    }

    // ---------------------------------------------------------------- the shared component

    static readonly MetalBridge LiBridge = new(9.47e-8, 298.15, 0, 0.25e-6, 453.65);
    const double L = 500e-6, A = 1e-4, T = 298.15;

    [Fact]
    public void BridgesInParallelFuseTogetherAtOneVoltageAndEachLeavesItsGap()
    {
        var b = new SoftShortBridges(LiBridge, L, A, enabled: true);
        double r1 = LiBridge.Asr(L, 1, A, T), um = BridgeFuse.MeltingVoltage(LiBridge.MeltingPoint, T);
        double i = 4 * um / r1; // the current alone would melt even two bridges in parallel
        var cut = new Dictionary<int, double>();
        var s1 = b.Contact(0, "electrode 1", i, T, 1, 10, false, () => 0.5 * um, (side, len) => cut[side] = len, out bool hard1);
        var s2 = b.Contact(1, "electrode 2", -i, T, 1, 20, false, () => 0.5 * um, (side, len) => cut[side] = len, out bool hard2);
        Assert.False(hard1 || hard2);
        Assert.Equal("open", s1!.Ending);
        Assert.Equal(2, b.Bridges.Count);
        Assert.Equal(r1 / 2, b.Asr(T), 12);
        Assert.Equal(r1 / 2 * 3 / (r1 / 2 + 3), b.InParallelWith(3, T), 12);

        // the voltage across both reaches U_m: both melt over the same molten fraction
        var (ended, what) = b.Step(i, T, 2 * um, 30, _ => L, (side, len) => cut[side] = len);
        Assert.Equal(SoftShortBridges.Change.Fused, what);
        Assert.Same(s1, ended);
        double gap = Math.Sqrt(0.75) * L;
        Assert.Equal(L - gap, cut[0], 12);
        Assert.Equal(L - gap, cut[1], 12);
        Assert.All(new[] { s1, s2! }, s => { Assert.Equal("fused", s.Ending); Assert.Equal(gap, s.GapM!.Value, 12); });
        Assert.False(b.Any);
        // their metal joins the next bridge: three filaments
        var s3 = b.Contact(0, "electrode 1", i, T, 1, 40, false, () => 0.5 * um, (_, _) => { }, out _);
        Assert.Equal(r1 / 3, s3!.BridgeAsr, 12);
    }

    [Fact]
    public void ASecondBridgeThatMakesThePairCarryTheCurrentBelowTheMeltingVoltageIsTheHardShort()
    {
        var b = new SoftShortBridges(LiBridge, L, A, enabled: true);
        double r1 = LiBridge.Asr(L, 1, A, T), um = BridgeFuse.MeltingVoltage(LiBridge.MeltingPoint, T);
        double i = 1.5 * um / r1; // one bridge cannot carry it below U_m, two can
        var s1 = b.Contact(0, "electrode 1", i, T, 1, 10, false, () => 0.5 * um, (_, _) => { }, out bool hard1);
        Assert.False(hard1);
        var saved = b.Save();
        var s2 = b.Contact(1, "electrode 2", i, T, 1, 20, false, () => 0.4 * um, (_, _) => { }, out bool hard2);
        Assert.True(hard2);
        Assert.Null(s2);
        Assert.Equal("hard_short", s1!.Ending);
        Assert.Equal(20, s1.EndS);
        Assert.False(b.Any);
        // undone (a stop condition met before the contact): the first bridge stands again
        b.Restore(saved);
        Assert.Equal("open", s1.Ending);
        Assert.Null(s1.EndS);
        Assert.True(b.StandsOn(0) && !b.StandsOn(1));
        // and switched off, a contact is the hard short at once
        var off = new SoftShortBridges(LiBridge, L, A, enabled: false);
        Assert.Null(off.Contact(0, "electrode 1", i, T, 1, 10, false, () => 0.5 * um, (_, _) => { }, out bool hardOff));
        Assert.True(hardOff);
        Assert.Empty(off.Records);
    }

    [Fact]
    public void OnlyTheBridgeWhoseFilamentRetreatedDissolves()
    {
        var b = new SoftShortBridges(LiBridge, L, A, enabled: true);
        double r1 = LiBridge.Asr(L, 1, A, T), um = BridgeFuse.MeltingVoltage(LiBridge.MeltingPoint, T);
        double i = 4 * um / r1;
        var s1 = b.Contact(0, "electrode 1", i, T, 1, 10, false, () => 0.5 * um, (_, _) => { }, out _);
        var s2 = b.Contact(1, "electrode 2", i, T, 1, 20, false, () => 0.5 * um, (_, _) => { }, out _);
        var (ended, what) = b.Step(i, T, 0.5 * um, 30, side => side == 0 ? L - 1e-6 : L, (_, _) => { });
        Assert.Equal(SoftShortBridges.Change.Dissolved, what);
        Assert.Same(s1, ended);
        Assert.Equal("dissolved", s1!.Ending);
        Assert.Equal("open", s2!.Ending);
        Assert.True(b.StandsOn(1) && !b.StandsOn(0));
        Assert.Equal(r1, b.Asr(T), 12);
    }

    /// <summary>A design sweep of full cells stores the soft shorts as the symmetric cell's does (column soft_shorts), each value under its own column.</summary>
    [Fact]
    public void ASweepsFullCellRowCountsTheSoftShorts()
    {
        var r = Run(ThinSulfideFullCell(), true, "Charge at 1C until 4.3 V");
        Assert.NotEmpty(r.SoftShorts);
        var (run, _) = Interphase.Sweeps.SweepMetrics.Of(r);
        var columns = Interphase.Sweeps.SweepMetrics.Full.Run;
        Assert.Equal(columns.Count, run.Length);
        Assert.Equal(r.SoftShorts.Count, run[columns.ToList().IndexOf("soft_shorts")]);
        Assert.Equal(r.Cycles.Count, run[columns.ToList().IndexOf("cycles")]);
        Assert.Equal(r.StopReason, run[columns.ToList().IndexOf("stop_reason")]);
    }
}
