using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Interphases (issue 9, item 3; docs/models.md §7): growth driven by the electrolyte's reduction
/// potential against the local electrode potential, the metal it consumes, and the electronic leakage
/// of a mixed-conducting interphase. Each test fails when its mechanism is switched off.
/// </summary>
public class InterphaseMechanismTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    const double T = 298.15;

    static SymmetricCell Cell(string electrolyte, string thickness, string extra = "", string metal = "Li") =>
        SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(
            $"name: t\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 5 MPa\n{extra}layers:\n" +
            $"  - {{material: {metal}, thickness: 200 um}}\n  - {{material: {electrolyte}, thickness: {thickness}}}\n  - {{material: {metal}, thickness: 200 um}}\n",
            "t.yaml"), Lib), Lib);

    static SimulationResult Run(SymmetricCell cell, params string[] steps) =>
        new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(steps));

    static InterphaseGrowth Growth(string electrolyte) => Cell(electrolyte, "300 um").Left.Paths[0].Growth!;

    // ---------------------------------------------------------------- drive

    [Theory]
    [InlineData("Li6PS5Cl")]   // parabolic (Deal-Grove with a Wagner transport term)
    [InlineData("LLTO")]       // linear (reaction-limited front)
    [InlineData("PEO-LiTFSI")] // saturating, no reduction potential in the library: the law as given
    public void GrowthStopsOnAnElectrodeAboveTheElectrolytesReductionPotential(string electrolyte)
    {
        var g = Growth(electrolyte);
        double l0 = g.InitialThicknessM, dt = 100 * Si.Hour;
        double onMetal = g.Advance(l0, dt, T, ReductionDrive.At(g.ReductionPotential, 0, 1, T));
        Assert.True(onMetal > 1.5 * l0, $"{electrolyte}: the interphase grows on the bare metal ({l0} -> {onMetal} m)");
        if (g.ReductionPotential is not { } u)
        {
            // nothing to compare against: the drive is 1 at every potential
            Assert.Equal(onMetal, g.Advance(l0, dt, T, ReductionDrive.At(null, 3.0, 1, T)));
            return;
        }
        // above U_red: no growth; the same step without the drive (switched off) grows as on the metal
        Assert.Equal(l0, g.Advance(l0, dt, T, ReductionDrive.At(u, u + 0.01, 1, T)));
        Assert.Equal(onMetal, g.Advance(l0, dt, T, ReductionDrive.Unscaled));
        // the drive falls continuously to zero at U_red
        var near = ReductionDrive.At(u, u - 1e-3, 1, T);
        Assert.InRange(near.TransportFactor, 0, 1e-3);
        Assert.InRange(near.ReactionFactor, 0, 1e-12);
    }

    [Fact]
    public void AnAmalgamAt0p94VStopsTheReductionOfLltoThatBareLithiumRunsThrough()
    {
        // LLTO is reduced below 1.75 V (Zhu, He & Mo 2015); the Ti reduction front is reaction-limited, so its
        // Butler-Volmer rate falls by exp(-αF·0.94/RT) ≈ 1e-8 on the liquid amalgam (Cogley & Butler 1968)
        var g = Growth("LLTO");
        double dt = 100 * Si.Hour, l0 = g.InitialThicknessM;
        double bare = g.Advance(l0, dt, T, ReductionDrive.At(g.ReductionPotential, 0, 1, T)) - l0;
        double amalgam = g.Advance(l0, dt, T, ReductionDrive.At(g.ReductionPotential, 0.94, 1, T)) - l0;
        Assert.True(bare > 50e-6, $"bare Li: {bare * 1e6} um in 100 h");
        Assert.True(amalgam < 1e-6 * bare, $"amalgam: {amalgam} m against {bare} m");
        // Li-In (0.622 V) against Li6PS5Cl (1.71 V): the reduction at the surface, not the transport, now
        // limits the growth, which falls more than tenfold although the alloy lies below U_red
        var s = Growth("Li6PS5Cl");
        double onLi = s.Advance(s.InitialThicknessM, dt, T, ReductionDrive.At(s.ReductionPotential, 0, 1, T)) - s.InitialThicknessM;
        double onLiIn = s.Advance(s.InitialThicknessM, dt, T, ReductionDrive.At(s.ReductionPotential, 0.622, 1, T)) - s.InitialThicknessM;
        Assert.True(onLiIn < 0.1 * onLi, $"Li-In {onLiIn} m against Li {onLi} m");
        Assert.True(onLiIn > 0);
    }

    [Fact]
    public void PlatingLowersTheLocalPotentialAndSpeedsTheReductionStrippingSlowsIt()
    {
        // Li | LLTO: the reaction-limited front during 1 h at 2 mA/cm², plating on electrode 1, stripping on 2;
        // the charge-transfer overpotential moves each electrode's potential (Kolzenberg, Latz & Horstmann 2020)
        var cell = Cell("LLTO", "500 um");
        var plate = Run(cell, "Plate at 2 mA/cm2 for 1 h").Series[^1];
        var rest = Run(cell, "Rest for 1 h").Series[^1];
        double g0 = cell.Left.Paths[0].Growth!.InitialThicknessM;
        double platingSide = plate.Left.InterphaseM - g0, strippingSide = plate.Right.InterphaseM - g0, resting = rest.Left.InterphaseM - g0;
        Assert.True(platingSide > 1.05 * resting, $"plating {platingSide} vs rest {resting}");
        Assert.True(strippingSide < resting / 1.05, $"stripping {strippingSide} vs rest {resting}");
    }

    // ---------------------------------------------------------------- lithium consumed

    [Theory]
    [InlineData("LLTO", "500 um")]
    [InlineData("Li6PS5Cl", "300 um")]
    public void TheFoilLosesExactlyTheLithiumTheInterphaseHolds(string electrolyte, string thickness)
    {
        // electronically insulating (no leak: every electron of the current moves an ion; the leak's own
        // bookkeeping is the leakage test's)
        var cell = Cell(electrolyte, thickness, $"overrides:\n  {electrolyte}.electronic_conductivity: 0 S/cm\n");
        var r = Run(cell, "Rest for 10 h", "Plate at 0.05 mA/cm2 for 2 h", "Strip at 0.05 mA/cm2 for 1 h");
        Assert.Equal("protocol_completed", r.StopReason);
        var g = cell.Left.Paths[0].Growth!;
        var metal = cell.Left.MetalProps;
        double net = 0.05 * Si.MilliampPerCm2 * Si.Hour; // electrode 1 gained 1 h of plating, electrode 2 lost it
        foreach (var (side, start, end, sign) in new[] { ("left", r.Series[0].Left, r.Series[^1].Left, -1.0), ("right", r.Series[0].Right, r.Series[^1].Right, 1.0) })
        {
            // the interphase holds uptake·z·F per m³ it grew (a single path covering the area)
            double held = g.MetalUptake * metal.ChargeNumber * Si.Faraday * (end.InterphaseM - start.InterphaseM);
            Assert.True(held > 0, side);
            Assert.Equal(held, end.InterphaseChargeCPerM2, held * 1e-9);
            // charge conservation: the foil lost the interphase's metal on top of what the current moved
            double expected = start.MetalM - (sign * net + held) * metal.ThicknessPerCharge;
            Assert.True(Math.Abs(end.MetalM - expected) < 1e-13, $"{side}: metal {end.MetalM} m, expected {expected} m (without the interphase: {expected + held * metal.ThicknessPerCharge} m); charge moved {(start.MetalM - end.MetalM) / metal.ThicknessPerCharge - held} C/m2");
        }
        Assert.Equal(r.Series[^1].Left.InterphaseChargeCPerM2, r.InterphaseCharge.Left);
    }

    [Fact]
    public void AFullCellsAnodeLosesTheLithiumItsInterphaseTakesAndNoneWhenTheInterphaseIsOff()
    {
        foreach (var on in new[] { true, false })
        {
            var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-LCO-bare-Li.yaml")) + (on ? "" : "degradation: {anode_interphase: off}\n");
            var cell = FullCell.Build(CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, "A-LCO-bare-Li.yaml")), Lib), Lib);
            var r = new FullCellSimulator(cell).Run(ProtocolParser.ParseLines(["Charge at 0.1C for 2 h", "Rest for 20 h", "Discharge at 0.1C for 1 h"]));
            var first = r.Series[0].Anode;
            var last = r.Series[^1].Anode;
            double net = r.Series.Zip(r.Series.Skip(1)).Sum(p => p.Second.CurrentDensity * (p.Second.TimeS - p.First.TimeS)); // charge in = plated on the anode
            double taken = last.InterphaseChargeCPerM2 - first.InterphaseChargeCPerM2;
            double expected = first.MetalM + (net - taken) * cell.Anode.MetalProps.ThicknessPerCharge;
            Assert.True(Math.Abs(last.MetalM - expected) < 1e-12, $"interphase {(on ? "on" : "off")}: metal {last.MetalM} m, expected {expected} m");
            if (on) Assert.True(taken > 1e-3, $"{taken} C/m2"); else Assert.Equal(0, taken);
        }
    }

    // ---------------------------------------------------------------- leakage

    [Fact]
    public void TheDcVoltageFallsAsTheLeakageConductanceGrows()
    {
        // an ohmic ionic path R in parallel with R_e: V = i·R·R_e/(R + R_e), lower for every larger 1/R_e
        const double i = 10, r = 0.1;
        double last = double.PositiveInfinity;
        foreach (var rE in new[] { double.PositiveInfinity, 10, 1, 0.1, 0.01 })
        {
            var (v, iIon) = ElectronicLeakage.Split(i, rE, i * r, x => x * r);
            double exact = double.IsPositiveInfinity(rE) ? i * r : i * r * rE / (r + rE);
            Assert.Equal(exact, v, 1e-9);
            Assert.Equal(v / r, iIon, 1e-8);
            Assert.True(v < last || double.IsPositiveInfinity(last));
            last = v;
        }
    }

    const string Leak0 = "overrides:\n  \"Li|LLTO.interphase.electronic_conductivity\": 0 S/cm\n";

    [Fact]
    public void AMixedConductingInterphaseLeaksElectronsInTheVoltageAndTheImpedanceInsteadOfShorting()
    {
        // Li | 20 um LLTO | Li: each reduced-LLTO front grows ~1 um/h and they meet after ~10 h of rest; the
        // reduced LLTO (1e-3 S/cm electronic) then carries most of the current in parallel with the ionic path
        string[] steps = ["Rest for 12 h", "Measure EIS from 100 kHz to 10 mHz with 5 points per decade", "Plate at 0.05 mA/cm2 for 10 min"];
        var leaky = Run(Cell("LLTO", "20 um"), steps);
        var off = Run(Cell("LLTO", "20 um", Leak0), steps); // the same interphase, electronically insulating
        Assert.False(leaky.ShortCircuit);
        Assert.Equal(off.Series[^1].Left.InterphaseM, leaky.Series[^1].Left.InterphaseM, 1e-15);
        // DC: the leak carries the current; with the interphase insulating the voltage is the ionic one
        double vLeak = Math.Abs(leaky.Series[^1].Voltage), vOff = Math.Abs(off.Series[^1].Voltage);
        Assert.True(vLeak < 0.1 * vOff, $"{vLeak} V with the leak, {vOff} V without");
        Assert.NotNull(leaky.LeakageAsr);
        double rE = leaky.LeakageAsr!.Value;
        Assert.True(vLeak <= 0.05 * Si.MilliampPerCm2 * rE * (1 + 1e-9), $"V = {vLeak}, i·R_e = {0.05 * Si.MilliampPerCm2 * rE}");
        // EIS: the spectrum is the ionic one in parallel with R_e at every frequency
        var zl = leaky.Spectra[0];
        var zo = off.Spectra[0];
        Assert.NotNull(zl.RElectronic);
        Assert.Null(zo.RElectronic);
        for (int k = 0; k < zl.FrequencyHz.Length; k++)
        {
            var expected = SymmetricImpedance.Parallel(zo.Impedance[k], zl.RElectronic!.Value);
            Assert.True((zl.Impedance[k] - expected).Magnitude <= 1e-9 * expected.Magnitude, $"{zl.FrequencyHz[k]} Hz: {zl.Impedance[k]} vs {expected}");
        }
        Assert.True(zl.Impedance[^1].Real < 0.1 * zo.Impedance[^1].Real);
    }

    [Fact]
    public void TheLeakSplitFindsAnIonicCurrentOutsideZeroToI()
    {
        // a cell holding 0.5 V at zero ionic current (a salt profile after a reversal): with a 0.1 Ohm m2 leak at
        // 1 A/m2 the ions carry x = (0.1 - 0.5)/1.1 A/m2, against the applied current (found by MathNet at first
        // only between 0 and i, where there is no root)
        var (v, iIon) = ElectronicLeakage.Split(1, 0.1, 1.5, x => 0.5 + x);
        Assert.Equal(-0.4 / 1.1, iIon, 9);
        Assert.Equal(0.5 - 0.4 / 1.1, v, 9);
        // and on the other side: the ions carry more than i
        (v, iIon) = ElectronicLeakage.Split(1, 0.1, 0.5, x => -1.5 + x);
        Assert.Equal(1.6 / 1.1, iIon, 9);
        Assert.Equal(-1.5 + 1.6 / 1.1, v, 9);
    }
}
