using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Cases;

/// <summary>
/// The shipped full cells against domain.md's numbers (within 10 % for capacities, 5 points for
/// retention) and their story. What was calibrated on what is listed in docs/cases.md ("Calibrated
/// on, or predicted"). A test that only re-checks a number a value was calibrated on ends in
/// <c>_RegressionOfCalibration</c> (see <see cref="DomainCaseTests"/>).
/// </summary>
public class FullCellCaseTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static readonly Dictionary<string, FullCellResult> Cache = new();
    static readonly object CacheLock = new();

    internal static FullCellResult Run(string name)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(name, out var r)) return r;
            var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);
            r = new FullCellSimulator(FullCell.Build(spec, Lib)).Run(ProtocolParser.ParseFile(spec.ProtocolFile!));
            Cache[name] = r;
            return r;
        }
    }

    static double MahG(FullCellResult r, double areal) => r.Specific(areal) / 3600;
    static FullCycleStats Cycle(FullCellResult r, int n) => r.Complete.First(c => c.Cycle == n);

    static void Within(double expected, double actual, double rel, string what) =>
        Assert.True(Math.Abs(actual - expected) <= rel * Math.Abs(expected), $"{what}: {actual:G4} is not within {rel:P0} of {expected:G4}");

    [Fact]
    public void B_DualConductiveLayerCellCapacities()
    {
        // domain.md B: 143.85 → 139.85 mAh/g from cycle 5 to 50 at 200 mA/g, 2.8–4.0 V, 60 °C
        var r = Run("B-LFP-DCPL-Li");
        Within(143.85, MahG(r, Cycle(r, 5).DischargeCapacity), 0.10, "cycle-5 discharge capacity (mAh/g)");
        Within(139.85, MahG(r, Cycle(r, 50).DischargeCapacity), 0.10, "cycle-50 discharge capacity (mAh/g)");
        Assert.False(r.ShortCircuit);
    }

    /// <summary>LiFePO4|PEO-LiTFSI's CEI resistance per charge was calibrated on this 97.22 % retention.</summary>
    [Fact]
    public void B_DualConductiveLayerCellRetention_RegressionOfCalibration()
    {
        var r = Run("B-LFP-DCPL-Li");
        Assert.Equal(5, r.ReferenceCycle);
        Assert.InRange(r.RetentionPercent, 97.22 - 5, 97.22 + 5);
    }

    [Fact]
    public void B_BareLithiumFullCellFallsShortOfTheProtectedOne()
    {
        // prediction (cases.md): plating on bare Li is focused on θ = 0.14 of its surface (decision 0072), which costs
        // charge-transfer overpotential on charge and brings the 4.0 V cut-off early; its fibres grow while they are
        // depleted and mostly redissolve on discharge (no short in 50 cycles). domain.md B gives no bare-Li number, so
        // the claim is the order only: below the protected cell at cycle 5 and at cycle 50, and fading faster (with
        // θ = 0.07 the bare cell gave 10.4 mAh/g at cycle 5; with 0.14 it gives 80, fading to 21 at cycle 50)
        var bare = Run("B-LFP-bare-Li");
        var dcpl = Run("B-LFP-DCPL-Li");
        foreach (int n in new[] { 5, 50 })
            Assert.True(MahG(bare, Cycle(bare, n).DischargeCapacity) < MahG(dcpl, Cycle(dcpl, n).DischargeCapacity), $"cycle {n}");
        Assert.True(Cycle(bare, 50).DischargeCapacity / Cycle(bare, 5).DischargeCapacity
                    < Cycle(dcpl, 50).DischargeCapacity / Cycle(dcpl, 5).DischargeCapacity);
        Assert.True(bare.Series[^1].Anode.FilamentM > 0);
        Assert.Equal(0, dcpl.Series[^1].Anode.FilamentM);
    }

    [Fact]
    public void D_PolythiopheneCellDelivers162MilliampHoursPerGramAt0p1C()
    {
        // domain.md D: LiFePO4 | PT–PEO | Li at 40 °C delivers 162 mAh/g at 0.1 C (94.7 % of theoretical)
        var pt = Run("D-LFP-PT-PEO");
        Within(162, MahG(pt, Cycle(pt, 2).DischargeCapacity), 0.10, "0.1 C discharge capacity (mAh/g)");
        Assert.True(MahG(pt, Cycle(pt, 2).DischargeCapacity) <= pt.TheoreticalCapacity / 3600);
        // without the PT interlayer the 7x larger interface resistance costs capacity, more at higher rates
        var peo = Run("D-LFP-PEO");
        var ratePt = pt.RateCapability;
        var ratePeo = peo.RateCapability;
        Assert.Equal([0.1, 0.2, 0.5, 1.0], ratePt.Select(p => Math.Round(p.CRate, 2)).ToArray()[..4]);
        for (int k = 0; k < 4; k++) Assert.True(ratePt[k].DischargeCapacity >= ratePeo[k].DischargeCapacity);
        Assert.True(MahG(pt, ratePt[3].DischargeCapacity) > 2 * MahG(peo, ratePeo[3].DischargeCapacity));
        // polarisation grows with C-rate
        Assert.True(ratePt.Zip(ratePt.Skip(1)).Take(3).All(p => p.Second.DischargeCapacity <= p.First.DischargeCapacity + 1e-6));
    }

    [Fact]
    public void D_Ncm523RunsTo4p3VonPtPeo()
    {
        var r = Run("D-NCM523-PT-PEO");
        var c1 = Cycle(r, 1);
        Assert.InRange(MahG(r, c1.DischargeCapacity), 150, 200);
        Assert.InRange(c1.MeanDischargeVoltage, 3.5, 3.9);
        Assert.True(r.RetentionPercent > 85);
    }

    [Fact]
    public void C_ConversionCathodesSolidLiquidAndMicrospheres()
    {
        var solid = Run("C-FeS2-LPS-solid");
        var liquid = Run("C-FeS2-liquid");
        var sphere = Run("C-FeS2-microsphere-solid");
        // FeS2's first discharge sits near 1.5 V (domain.md C)
        Assert.InRange(Cycle(solid, 1).MeanDischargeVoltage, 1.3, 1.6);
        Assert.InRange(Cycle(liquid, 1).MeanDischargeVoltage, 1.3, 1.6);
        // in the solid cell the conversion stops at a core–shell and little is reversible
        var solidX = solid.Series.Where(p => p.Cycle == 1).Max(p => p.Cathode.ConvertedFraction);
        Assert.InRange(solidX, 0.4, 0.8);
        Assert.True(MahG(solid, Cycle(solid, 2).DischargeCapacity) < 0.2 * MahG(solid, Cycle(solid, 1).DischargeCapacity));
        // the liquid refills the cracks: uniform, nearly complete and reversible conversion
        Assert.True(liquid.Series.Where(p => p.Cycle == 1).Max(p => p.Cathode.ConvertedFraction) > 0.95);
        Assert.True(MahG(liquid, Cycle(liquid, 5).DischargeCapacity) > 0.9 * 894);
        // the liquid cell's extra SEI reaction below 1.0 V adds irreversible first-discharge capacity
        Assert.True(Cycle(liquid, 1).DischargeCapacity > Cycle(liquid, 2).DischargeCapacity * 1.03);
        // porous microspheres with electrolyte grown inside keep contact
        Assert.True(MahG(sphere, Cycle(sphere, 5).DischargeCapacity) > 5 * Math.Max(1, MahG(solid, Cycle(solid, 5).DischargeCapacity)));
        Assert.True(sphere.Series[^1].Cathode.Contact > 0.5 && solid.Series[^1].Cathode.Contact < 0.05);
        // the interfacial resistance rises from the first to the second discharge
        Assert.Equal(2, solid.Spectra.Count);
        Assert.True(solid.Spectra[1].RChargeTransfer + solid.Spectra[1].RInterphase > 1.3 * (solid.Spectra[0].RChargeTransfer + solid.Spectra[0].RInterphase));
        // the conversion runs ahead along one axis
        var mid = solid.Series.First(p => p.Cathode.ConvertedFraction > 0.3);
        Assert.True(mid.Cathode.FastAxisFront > 1.5 * mid.Cathode.SlowAxisFront);
    }

    [Fact]
    public void A_LithiumCobaltOxideCellsAgainstThreeAnodes()
    {
        var bare = Run("A-LCO-bare-Li");
        var liIn = Run("A-LCO-Li-In");
        var nr = Run("A-LCO-Li2Se-NR");
        foreach (var r in new[] { bare, liIn, nr })
        {
            Assert.InRange(MahG(r, Cycle(r, 1).DischargeCapacity), 120, 160);
            Assert.True(MahG(r, Cycle(r, 1).ChargeCapacity) <= r.TheoreticalCapacity / 3600);
            Assert.True(Cycle(r, 1).CoulombicEfficiency < 1);
            Assert.False(r.ShortCircuit);
        }
        // Li–In sits 0.622 V above Li: the whole curve shifts down by that much
        Assert.InRange(Cycle(bare, 2).MeanDischargeVoltage - Cycle(liIn, 2).MeanDischargeVoltage, 0.58, 0.66);
        // the bare Li anode's growing interphase costs a little more than the protected one
        Assert.True(nr.RetentionPercent >= bare.RetentionPercent);
    }

    [Fact]
    public void E_AmalgamAnodesInLiquidCells()
    {
        var lfp = Run("E-LFP-amalgam-Li-liquid");
        var zn = Run("E-V2O5-Zn-amalgam-liquid");
        Assert.InRange(MahG(lfp, Cycle(lfp, 1).DischargeCapacity), 150, 170);
        Assert.True(lfp.RetentionPercent > 90);
        Assert.False(lfp.ShortCircuit);
        // Zn | V2O5 starts charged (V2O5 is made Zn-free), discharges on its 0.9/0.6 V plateaus
        Assert.False(zn.Complete[0].ChargeFirst);
        Assert.InRange(Cycle(zn, 1).MeanDischargeVoltage, 0.55, 0.9);
        Assert.InRange(MahG(zn, Cycle(zn, 1).DischargeCapacity), 300, 470);
    }

    internal static IEnumerable<double> CutOffs(IEnumerable<Step> steps) => steps.SelectMany(s => s switch
    {
        RepeatBlock rb => CutOffs(rb.Body),
        RampBlock ramp => CutOffs(ramp.Body),
        HoldStep h => [h.Volts],
        CurrentStep { Until: VoltageCondition { Absolute: false } v } => [v.Volts],
        _ => Array.Empty<double>(),
    });

    [Theory]
    [InlineData("A-LCO-bare-Li")]
    [InlineData("B-LFP-bare-Li")]
    [InlineData("C-FeS2-LPS-solid")]
    [InlineData("D-LFP-PT-PEO")]
    [InlineData("E-V2O5-Zn-amalgam-liquid")]
    public void RecordedVoltagesStayWithinTheProtocolsCutOffs(string name)
    {
        // a charge never passes the highest cut-off and a discharge never falls below the lowest (an emptied
        // particle's runaway never shows; an as-made cell may start a charge below the window); at rest
        // the cell sits at a positive open-circuit voltage
        var r = Run(name);
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);
        var limits = CutOffs(ProtocolParser.ParseFile(spec.ProtocolFile!).Steps).ToList();
        double lo = limits.Min(), hi = limits.Max();
        Assert.True(hi > lo, $"{name}: the protocol has no voltage window");
        // the crossing is located to StepControl.CutOffVoltageTolerance (1 mV), and the point written is the
        // computed one; the only point further past a cut-off is the one a step writes when the cell is past it
        // from its first microsecond (a current it cannot take at all: C-FeS2's cycles after the first), and
        // that point ends its step
        const double tol = StepControl.CutOffVoltageTolerance;
        var s = r.Series;
        for (int n = 1; n < s.Count; n++)
        {
            var p = s[n];
            if (p.Shorted) continue;
            bool past = p.CurrentDensity > 0 ? p.Voltage > hi + tol : p.CurrentDensity < 0 ? p.Voltage < lo - tol : !(p.Voltage >= 0 && p.Voltage <= hi + tol);
            if (!past) continue;
            bool atOnce = p.CurrentDensity != 0 && p.TimeS - s[n - 1].TimeS <= 2 * StepControl.CutOffTimeFloor
                          && s[n - 1].StepIndex != p.StepIndex && (n == s.Count - 1 || s[n + 1].StepIndex != p.StepIndex);
            Assert.True(atOnce, $"{name}: {p.Voltage} V at {p.TimeS / 3600:G6} h (current {p.CurrentDensity} A/m2, step {p.StepIndex})");
        }
    }
}
