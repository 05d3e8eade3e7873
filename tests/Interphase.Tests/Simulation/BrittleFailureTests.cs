using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;
using MathNet.Numerics.Statistics;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Brittle electrolytes (issue 9, item 2): crack initiation from the metal pressure in the largest
/// surface flaw (Porz 2017, with the stack pressure), Weibull flaw sizes, crack growth fed by the
/// plating current (Ning 2021), and the metal creeping into the open pores of a pressed electrolyte
/// at high stack pressure (Doux 2020).
/// </summary>
public class BrittleFailureTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    const double LiMolarVolume = 6.94e-3 / 534;

    /// <summary>A-bare-Li-LPSCl with its pellet, pressure, diameter or library values changed.</summary>
    static SymmetricCell ABare(string overrides = "", string pressure = "5 MPa", string separator = "300 um", string diameter = "8 mm")
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"))
            .Replace("{material: Li6PS5Cl, thickness: 300 um}", $"{{material: Li6PS5Cl, thickness: {separator}}}")
            .Replace("stack_pressure: 5 MPa", $"stack_pressure: {pressure}")
            .Replace("diameter: 8 mm", $"diameter: {diameter}");
        if (overrides != "") text = text.TrimEnd() + "\noverrides:\n" + overrides + "\n";
        var spec = CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, "A-brittle.yaml")), Lib);
        return SymmetricCell.Build(spec, Lib);
    }

    static SimulationResult Run(SymmetricCell cell, string protocol = "A-ccd.protocol", int? seed = null) =>
        new SymmetricSimulator(cell, new SimulationOptions { RecordSeries = false, Seed = seed }).Run(ProtocolParser.ParseFile(Path.Combine(TestPaths.Cases, protocol)));

    static SimulationResult Run(SymmetricCell cell, Protocol protocol) =>
        new SymmetricSimulator(cell, new SimulationOptions { RecordSeries = false }).Run(protocol);

    static double? OnsetMa(SimulationResult r) => r.Onset?.RampCurrentDensity / Si.MilliampPerCm2;

    // ------------------------------------------------------------------ initiation

    [Fact]
    public void TheStackPressureAddsToTheMetalPressureInTheFlaw()
    {
        var free = new FractureCriterion("x", 0.25e6, 1e-6, LiMolarVolume, 1, 0, 30e9);
        var pressed = free with { StackPressure = 20e6 };
        // P = p_s + zF|η|/V_m: 20 MPa of stack pressure spare V_m·p_s/F of overpotential (2.7 mV)
        Assert.Equal(free.CriticalOverpotential - 20e6 * LiMolarVolume / Si.Faraday, pressed.CriticalOverpotential, 12);
        Assert.Equal(pressed.CriticalPressure(1e-6), pressed.FlawPressure(pressed.CriticalOverpotential), 3);
        // a stack pressure that alone reaches K_Ic/(Y√(πc)) opens the flaw at any plating current
        var crushing = free with { StackPressure = free.CriticalPressure(1e-6) * 1.01 };
        Assert.Equal(0, crushing.CriticalOverpotential);
        Assert.Equal(0, crushing.TolerableCurrent(new ButlerVolmer(10, 0.5, 0.5, 298.15), 298.15), 12);
        // deeper flaws open at lower pressure: P_crit ∝ c^(−1/2)
        Assert.Equal(2, free.CriticalPressure(1e-6) / free.CriticalPressure(4e-6), 9);
    }

    [Fact]
    public void TheOnsetRisesOnAFlawFreeSurfaceAndWithToughness()
    {
        var shipped = OnsetMa(Run(ABare()));
        Assert.NotNull(shipped);
        var fewerFlaws = OnsetMa(Run(ABare("  Li6PS5Cl.surface_flaws.characteristic_size: 0.25 um")));
        var tougher = OnsetMa(Run(ABare("  Li6PS5Cl.fracture_toughness: 0.5 MPa m^0.5")));
        Assert.True(fewerFlaws is null || fewerFlaws > shipped, $"{fewerFlaws} vs {shipped}");
        Assert.True(tougher is null || tougher > shipped, $"{tougher} vs {shipped}");
        // a larger flaw population lowers it
        var flawed = OnsetMa(Run(ABare("  Li6PS5Cl.surface_flaws.characteristic_size: 4 um")));
        Assert.True(flawed < shipped, $"{flawed} vs {shipped}");
    }

    [Fact]
    public void WithoutTheCrackCriterionNothingGrows()
    {
        // switching the crack criterion off (a layer that no metal pressure can open) removes both the onset and the short
        var r = Run(ABare("  Li6PS5Cl.fracture_toughness: 1000 MPa m^0.5"));
        Assert.Null(r.Onset);
        Assert.False(r.ShortCircuit);
        // with it, the ramp meets it
        Assert.NotNull(Run(ABare()).Onset);
    }

    [Fact]
    public void ALargerElectrodeMeetsALargerFlawAndCracksEarlier()
    {
        var small = ABare();
        var large = ABare(diameter: "16 mm");
        var cs = (FractureCriterion)small.Left.Paths[0].Segments[0].criterion;
        var cl = (FractureCriterion)large.Left.Paths[0].Segments[0].criterion;
        // median largest flaw ∝ A^(2/m): four times the area
        Assert.Equal(Math.Pow(4, 2 / cs.Flaws!.WeibullModulus), cl.FlawSize / cs.FlawSize, 9);
        Assert.True(OnsetMa(Run(large)) < OnsetMa(Run(small)));
    }

    // ------------------------------------------------------------------ Weibull flaws

    [Fact]
    public void SeededWeibullSamplingGivesTheLargestFlawScalingWithArea()
    {
        var d = new FlawDistribution(1e-6, 5, 1e-4);
        var rng = new Random(20260);
        double[] Draw(double area) => Enumerable.Range(0, 20001).Select(_ => d.SampleLargestFlaw(area, rng)).ToArray();
        var a1 = Draw(1e-4);
        var a4 = Draw(4e-4);
        // the largest flaw grows as A^(2/m)
        Assert.Equal(Math.Pow(4, 2 / 5.0), a4.Median() / a1.Median(), 0.05);
        Assert.Equal(1, a1.Median() / d.MedianLargestFlaw(1e-4), 0.03);
        // on the reference area the largest flaw stays below c0 with probability 1/e
        Assert.Equal(Math.Exp(-1), a1.Count(c => c <= 1e-6) / (double)a1.Length, 0.015);
        // the same seed draws the same flaws
        var again = new Random(20260);
        Assert.Equal(d.SampleLargestFlaw(1e-4, new Random(7)), d.SampleLargestFlaw(1e-4, new Random(7)));
        Assert.NotEqual(d.SampleLargestFlaw(1e-4, again), d.SampleLargestFlaw(1e-4, again));
    }

    [Fact]
    public void ASeedDrawsEachElectrodesFlawAndTheOnsetFollows()
    {
        var cell = ABare();
        var a = Run(cell, seed: 3);
        var b = Run(cell, seed: 3);
        Assert.Equal(OnsetMa(a), OnsetMa(b));
        Assert.Equal(a.ShortCircuitTimeS, b.ShortCircuitTimeS);
        var onsets = Enumerable.Range(1, 6).Select(s => OnsetMa(Run(cell, seed: s))).Distinct().ToList();
        Assert.True(onsets.Count >= 2, "different seeds draw different flaws: " + string.Join(", ", onsets));
    }

    // ------------------------------------------------------------------ crack growth

    [Fact]
    public void ACrackGrowsAsTheSquareRootOfItsDepthFedByThePlatingCurrent()
    {
        double tpc = LiMolarVolume / Si.Faraday, e = 30e9, k = 0.25e6;
        double v1 = CrackGrowth.Velocity(10, 1e-6, tpc, e, k);
        Assert.Equal(2, CrackGrowth.Velocity(10, 4e-6, tpc, e, k) / v1, 9);
        Assert.Equal(3, CrackGrowth.Velocity(30, 1e-6, tpc, e, k) / v1, 9);
        // TimeToGrow integrates the velocity (explicit midpoint steps)
        double l = 1e-6, t = 0, dt = 0.01;
        while (l < 300e-6) { double mid = l + 0.5 * dt * CrackGrowth.Velocity(10, l, tpc, e, k); l += dt * CrackGrowth.Velocity(10, mid, tpc, e, k); t += dt; }
        Assert.Equal(CrackGrowth.TimeToGrow(1e-6, 300e-6, 10, tpc, e, k), t, 0.01 * t);
    }

    [Fact]
    public void OnceOpenTheCrackKeepsGrowingAtALowerCurrent()
    {
        var c = new FractureCriterion("x", 0.25e6, 1e-6, LiMolarVolume, 1, 0, 30e9);
        var bv = new ButlerVolmer(11.2, 0.5, 0.5, 298.15);
        double tol = c.TolerableCurrent(bv, 298.15);
        double tpc = LiMolarVolume / Si.Faraday;
        // below the initiation current a fresh flaw does not grow, a crack 50 µm deep does (it needs less pressure)
        Assert.Equal(0, c.GrowthVelocity(0.8 * tol, 0.8 * tol, tol, bv, tpc, 0));
        Assert.True(c.GrowthVelocity(0.8 * tol, 0.8 * tol, tol, bv, tpc, 50e-6) > 0);
    }

    // ------------------------------------------------------------------ Doux: creep into the pores

    [Fact]
    public void LithiumCreepsThroughThePoresAboveAPressureThresholdAndNotBelow()
    {
        var reference = ABare(pressure: "100 MPa");
        var pi = reference.Left.Intrusion!;
        double hours = 100, T = reference.TemperatureK;
        // the crossing time falls as p^−n: the pressure that crosses the pellet in exactly 100 h
        double threshold = 100e6 * Math.Pow(pi.TimeToCross(T, 100e6) / (hours * 3600), 1 / pi.CreepExponent);
        var rest = ProtocolParser.Parse($"Rest for {hours} h\n", "rest.protocol");
        var below = Run(ABare(pressure: $"{0.8 * threshold / 1e6:G6} MPa"), rest);
        var above = Run(ABare(pressure: $"{1.25 * threshold / 1e6:G6} MPa"), rest);
        Assert.False(below.ShortCircuit);
        Assert.True(above.ShortCircuit);
        Assert.Contains(above.Events, ev => ev.Kind == "short_circuit" && ev.Message.Contains("open pores"));
        // no plating, no crack: this short has no dendrite onset
        Assert.Null(above.Onset);
        // ... and it comes when the creep law says: ℓ^(n+1) ∝ t at constant pressure
        Assert.Equal(pi.TimeToCross(T, 1.25 * threshold), above.ShortCircuitTimeS!.Value, 0.02 * above.ShortCircuitTimeS.Value);
    }

    [Fact]
    public void TheIntrusionDepthFollowsThePowerLawCreepOfTheMetal()
    {
        var pi = new PoreIntrusion(1.3e4, 6.6, 37e3, 1e-6, 0.15, 300e-6);
        double T = 298.15;
        // ℓ ∝ p^(n/(n+1)) at a given time, faster when warmer (the metal softens)
        double l1 = pi.Depth(pi.Rate(T, 50e6) * 3600), l2 = pi.Depth(pi.Rate(T, 100e6) * 3600);
        Assert.Equal(Math.Pow(2, 6.6 / 7.6), l2 / l1, 9);
        Assert.Equal(Math.Exp(37e3 / Si.GasConstant * (1 / T - 1 / 333.15)), pi.Rate(333.15, 50e6) / pi.Rate(T, 50e6), 9);
        Assert.Equal(0, pi.Rate(T, 0));
        // the path winds: L/√ε
        Assert.Equal(300e-6 / Math.Sqrt(0.15), pi.PathLength, 15);
        // a dense sintered oxide has no open pores: no intrusion
        var llzo = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(
            "name: x\narea: 1 cm2\ntemperature: 25 degC\nstack_pressure: 10 MPa\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: LLZO, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\n", "x.yaml"), Lib), Lib);
        Assert.Null(llzo.Left.Intrusion);
    }
}
