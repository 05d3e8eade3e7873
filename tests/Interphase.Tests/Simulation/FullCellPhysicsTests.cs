using Interphase;
using Interphase.Models;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>Full-cell physics against limits that hold whatever the parameters.</summary>
public class FullCellPhysicsTests
{
    const string NoDegradation = "degradation: {anode_interphase: off, cathode_interphase: off, contact_loss: off, active_material_loss: off, short_circuit: off}\n";

    static FullCell Lfp(string extra = NoDegradation, string electrolyte = "Ohmium", string cathodeExtra = "", string loading = "2 mg/cm2") =>
        FullCellFactory.Cell(FullCellFactory.Lfp(loading: loading, extra: extra, cathodeExtra: cathodeExtra).Replace("material: Ohmium", $"material: {electrolyte}"));

    static double MahG(FullCellResult r, double areal) => r.Specific(areal) / 3600;

    [Theory]
    [InlineData("0.05C")]
    [InlineData("1C")]
    [InlineData("5C")]
    public void CapacityNeverExceedsTheTheoretical(string rate)
    {
        var r = FullCellFactory.Run(Lfp(), $"Repeat 3 times: Charge at {rate} until 4.0 V; Hold at 4.0 V until C/100; Discharge at {rate} until 2.5 V");
        var theo = r.TheoreticalCapacity / 3600;
        Assert.All(r.Complete, c =>
        {
            Assert.True(MahG(r, c.ChargeCapacity) <= theo * 1.0001, $"{MahG(r, c.ChargeCapacity)} > {theo}");
            Assert.True(MahG(r, c.DischargeCapacity) <= theo * 1.0001);
        });
    }

    [Fact]
    public void AtCOver100TheCellDeliversItsPracticalCapacity()
    {
        var cell = Lfp();
        var r = FullCellFactory.Run(cell, "Charge at C/100 until 3.8 V", "Discharge at C/100 until 2.8 V");
        var ic = cell.Cathode.Intercalation!;
        // practical capacity: the stoichiometry window between the cut-offs at open circuit (OCV inverted by bisection)
        double Xat(double u) { double lo = 0, hi = 1; for (int k = 0; k < 60; k++) { var m = 0.5 * (lo + hi); if (ic.OpenCircuit(m, cell.TemperatureK) > u) lo = m; else hi = m; } return 0.5 * (lo + hi); }
        double practical = (Xat(2.8) - Xat(3.8)) * r.TheoreticalCapacity / 3600;
        var c = r.Complete[0];
        Assert.InRange(MahG(r, c.DischargeCapacity) / practical, 0.97, 1.001);
        Assert.True(MahG(r, c.DischargeCapacity) > 0.9 * r.TheoreticalCapacity / 3600);
    }

    [Fact]
    public void RestVoltageRelaxesToTheOpenCircuitVoltage()
    {
        var cell = Lfp();
        var r = FullCellFactory.Run(cell, "Charge at 1C for 20 min", "Rest for 10 h");
        var last = r.Series[^1];
        var ocv = cell.Cathode.Intercalation!.OpenCircuit(last.Cathode.Stoichiometry, cell.TemperatureK) - cell.AnodePotential;
        Assert.Equal(ocv, last.Voltage, 3);
        // right after the current stops the voltage is above the OCV (polarisation), then relaxes
        var firstRest = r.Series.First(p => p.StepIndex == 2);
        Assert.True(r.Series.Last(p => p.StepIndex == 1).Voltage > last.Voltage + 0.005);
        Assert.True(firstRest.Voltage >= last.Voltage - 1e-4);
    }

    [Fact]
    public void PolarisationGrowsWithCRateAndResistance()
    {
        double Hysteresis(FullCell cell, string rate)
        {
            var r = FullCellFactory.Run(cell, $"Charge at {rate} until 4.0 V", $"Discharge at {rate} until 2.5 V");
            return r.Complete[0].MeanChargeVoltage - r.Complete[0].MeanDischargeVoltage;
        }
        var cell = Lfp();
        var h01 = Hysteresis(cell, "0.1C");
        var h1 = Hysteresis(cell, "1C");
        var h3 = Hysteresis(cell, "3C");
        Assert.True(h01 < h1 && h1 < h3, $"{h01} {h1} {h3}");
        var resistive = Lfp(NoDegradation + "overrides:\n  \"TestLFP|Ohmium.interfacial_asr\": 100 Ohm cm2\n");
        Assert.True(Hysteresis(resistive, "1C") > h1 + 0.9 * 2 * 90e-4 * cell.Cathode.NominalCapacity * cell.Cathode.ActiveMass / 3600);
    }

    [Fact]
    public void ChargeIsConservedInTheCathode()
    {
        var cell = Lfp();
        var r = FullCellFactory.Run(cell, "Charge at 0.5C for 1 h", "Rest for 1 h", "Discharge at 0.2C for 30 min");
        var ic = cell.Cathode.Intercalation!;
        double passed = 0;
        for (int k = 1; k < r.Series.Count; k++) passed += r.Series[k].CurrentDensity * (r.Series[k].TimeS - r.Series[k - 1].TimeS);
        double dx = ic.StoichiometryDischarged - r.Series[^1].Cathode.Stoichiometry;
        Assert.Equal(passed, dx * ic.MaxConcentration * Si.Faraday * cell.Cathode.ActiveVolume, 6);
        // the anode gained exactly that much metal
        Assert.Equal(200e-6 + passed * cell.Anode.MetalProps.ThicknessPerCharge, r.Series[^1].Anode.MetalM, 9);
    }

    [Fact]
    public void LfpDischargesOnItsPlateauNear3p4V()
    {
        var r = FullCellFactory.Run(Lfp(), "Charge at 0.1C until 3.8 V", "Discharge at 0.1C until 2.8 V");
        Assert.InRange(r.Complete[0].MeanDischargeVoltage, 3.35, 3.45);
    }

    [Fact]
    public void ConstantVoltageHoldEndsAtItsCurrentLimit()
    {
        var cell = Lfp(loading: "4 mg/cm2");
        var r = FullCellFactory.Run(cell, "Charge at 10C until 3.6 V", "Hold at 3.6 V until C/50");
        var hold = r.Series.Where(p => p.StepIndex == 2).ToList();
        Assert.All(hold, p => Assert.Equal(3.6, p.Voltage, 3));
        var oneC = cell.Cathode.NominalCapacity * cell.Cathode.ActiveMass / 3600;
        Assert.True(hold[0].CurrentDensity > 0.2 * oneC);
        Assert.InRange(hold[^1].CurrentDensity, 0.0, oneC / 50 * 1.02);
        Assert.True(hold.Zip(hold.Skip(1)).All(p => p.Second.CurrentDensity <= p.First.CurrentDensity * 1.01));
    }

    [Fact]
    public void AnOverrideTheModelNeverReadsIsAnError()
    {
        // a material that is not in the stack: its property would otherwise be silently ignored
        var e = Assert.Throws<InputException>(() => FullCellFactory.Cell(FullCellFactory.Lfp(extra: "overrides:\n  Thermium.shear_modulus: 10 GPa\n")));
        Assert.Contains("override 'Thermium.shear_modulus' is not used by the full-cell model", e.Message);
    }

    [Theory]
    [InlineData("0.2C")]
    [InlineData("5C")]
    public void StepsEndAtTheirCutOffVoltage(string rate)
    {
        // at 5 C the particle surface nearly empties (fills) before the cut-off and the open-circuit potential's
        // ideal-solution term carries the cell there; the crossing is located, not written over: the last point
        // of each step is the first computed one past its cut-off, within the stated 1 mV
        const double tol = StepControl.CutOffVoltageTolerance;
        var r = FullCellFactory.Run(Lfp(), $"Repeat 2 times: Charge at {rate} until 4.0 V; Discharge at {rate} until 2.5 V");
        Assert.All(r.Series.Where(p => p.StepIndex > 0), p => Assert.InRange(p.Voltage, 2.5 - tol, 4.0 + tol));
        var steps = r.Series.Where(p => p.StepIndex > 0).GroupBy(p => (p.Cycle, p.StepIndex)).ToList();
        Assert.Equal(4, steps.Count);
        foreach (var step in steps)
        {
            var v = step.Last().Voltage;
            if (step.Last().CurrentDensity > 0) Assert.InRange(v, 4.0, 4.0 + tol);
            else Assert.InRange(v, 2.5 - tol, 2.5);
        }
    }

    [Fact]
    public void TheOpenCircuitPotentialDivergesAsTheLatticeEmptiesAndFills()
    {
        // the fitted LiFePO4 curve is finite at both ends (3.91 V at x = 0); the ideal-solution term adds
        // (RT/F)·ln((1 − x)/x) relative to the margin x = 1e-3, continuous there, without bound beyond
        var ic = Lfp().Cathode.Intercalation!;
        const double T = 298.15, m = IntercalationCathode.IdealSolutionMargin;
        double kT = Si.GasConstant * T / Si.Faraday;
        Assert.Equal(ic.Ocv(m), ic.OpenCircuit(m, T), 12);
        Assert.Equal(ic.Ocv(m) + kT * (Math.Log((1 - 1e-7) / 1e-7) - Math.Log((1 - m) / m)), ic.OpenCircuit(1e-7, T), 9);
        Assert.Equal(ic.Ocv(1 - m) - kT * (Math.Log((1 - 1e-7) / 1e-7) - Math.Log((1 - m) / m)), ic.OpenCircuit(1 - 1e-7, T), 9);
        Assert.True(ic.OpenCircuit(1e-9, T) > 4.15, $"{ic.OpenCircuit(1e-9, T)}");   // the fit alone: 3.91 V
        Assert.True(ic.Ocv(0) < 4.0);
        // monotonic: the potential falls as the lattice fills, over the whole range
        var xs = Enumerable.Range(0, 200).Select(k => Math.Pow(10, -9 + 9.0 * k / 199) * 0.5).Concat(Enumerable.Range(0, 200).Select(k => 1 - Math.Pow(10, -9 + 9.0 * k / 199) * 0.5).Reverse()).ToList();
        Assert.All(xs.Zip(xs.Skip(1)), p => Assert.True(ic.OpenCircuit(p.Second, T) <= ic.OpenCircuit(p.First, T) + 1e-12, $"{p.First} -> {p.Second}"));
    }

    [Fact]
    public void HoldAboveTheOpenCircuitMaximumIsLimitedByDiffusionInTheParticle()
    {
        // LFP's open-circuit potential never reaches 4.0 V: holding there empties the particle surface, the
        // current is what solid diffusion can feed, and it decays as the particle empties
        var cell = Lfp(loading: "4 mg/cm2");
        var r = FullCellFactory.Run(cell, "Charge at 1C until 4.0 V", "Hold at 4.0 V until C/20");
        var hold = r.Series.Where(p => p.StepIndex == 2).ToList();
        Assert.NotEmpty(hold);
        var oneC = cell.Cathode.NominalCapacity * cell.Cathode.ActiveMass / 3600;
        Assert.All(hold, p => Assert.Equal(4.0, p.Voltage, 3));
        Assert.All(hold, p => Assert.InRange(p.CurrentDensity, 0.0, 1.01 * oneC));
        Assert.InRange(hold[^1].CurrentDensity, 0.0, oneC / 20 * 1.02);
        // the particle empties: the charge passed approaches (never exceeds) the theoretical capacity
        var theo = r.TheoreticalCapacity / 3600;
        Assert.InRange(MahG(r, r.Cycles[0].ChargeCapacity) / theo, 0.9, 1.0001);
        // the current falls as the surface stays empty and the inside runs down (within the 3 % a step
        // from the diffusion limit back to the kinetic root can add)
        Assert.True(hold.Zip(hold.Skip(1)).All(p => p.Second.CurrentDensity <= p.First.CurrentDensity * 1.03));
        Assert.True(hold[^1].CurrentDensity < 0.2 * hold[0].CurrentDensity);
    }

    [Fact]
    public void CeiFormationLowersEfficiencyMostInTheFirstCyclesAndMoreAtHigherCutOff()
    {
        var cell = Lfp("degradation: {active_material_loss: off}\n", electrolyte: "Thermium");
        var r = FullCellFactory.Run(cell, "Repeat 10 times: Charge at 0.5C until 4.1 V; Discharge at 0.5C until 2.8 V");
        var ce = r.Complete.Select(c => c.CoulombicEfficiency).ToList();
        Assert.True(ce[0] < 0.995);
        Assert.True(ce[^1] > ce[1], $"CE should rise as the CEI passivates: {string.Join(", ", ce.Select(x => x.ToString("F4")))}");
        var low = FullCellFactory.Run(cell, "Repeat 10 times: Charge at 0.5C until 3.95 V; Discharge at 0.5C until 2.8 V");
        Assert.True(low.Complete[1].CoulombicEfficiency > r.Complete[1].CoulombicEfficiency,
            $"{string.Join(", ", low.Complete.Select(c => c.CoulombicEfficiency.ToString("F4")))} vs {string.Join(", ", ce.Select(x => x.ToString("F4")))}");
        Assert.True(low.Series[^1].Cathode.CeiCharge < r.Series[^1].Cathode.CeiCharge);
    }

    [Fact]
    public void ActiveMaterialIsLostFasterAtAHigherCutOff()
    {
        var cell = Lfp("degradation: {cathode_interphase: off}\n");
        double Retention(string cutoff)
        {
            var r = FullCellFactory.Run(cell, $"Repeat 20 times: Charge at 1C until {cutoff}; Hold at {cutoff} for 30 min; Discharge at 1C until 2.8 V");
            Assert.True(r.Specific(r.Complete[0].DischargeCapacity) / 3600 > 100);
            return r.RetentionPercent;
        }
        var r39 = Retention("3.9 V");
        var r41 = Retention("4.1 V");
        Assert.True(r41 < r39 - 1, $"{r41} vs {r39}");
        Assert.True(r39 < 100);
    }

    [Fact]
    public void AnodeShortCircuitEndsTheCell()
    {
        // soft polymer electrolyte, nucleation on 10 % of the anode: plating above the limiting current at the spots grows fibres
        var cell = FullCellFactory.Cell(FullCellFactory.Lfp(loading: "10 mg/cm2", electrolyte: "30 um").Replace("material: Ohmium", "material: Gelium").Replace("temperature: 25 degC", "temperature: 60 degC"));
        var r = FullCellFactory.Run(cell, "Repeat 50 times: Charge at 2C until 4.2 V; Discharge at 0.5C until 2.5 V");
        Assert.True(r.ShortCircuit);
        Assert.Contains("short circuit", r.EndReason);
        Assert.True(r.Series[^1].Anode.FilamentM >= cell.SeparatorThickness * 0.999);
        var safe = FullCellFactory.Run(cell, "Repeat 5 times: Charge at 0.1C until 4.0 V; Discharge at 0.1C until 2.5 V");
        Assert.False(safe.ShortCircuit);
    }

    [Fact]
    public void ConversionParticlesStopWhereContactIsLostButNotInALiquid()
    {
        string Cell(string electrolyte, string cathodeExtra = "") =>
            "name: fes2\nkind: full\narea: 1 cm2\ntemperature: 25 degC\nstack_pressure: 100 MPa\nlayers:\n" +
            "  - {material: TestMetal, thickness: 200 um}\n" +
            $"  - {{material: {electrolyte}, thickness: 100 um}}\n" +
            $"  - {{material: TestPyrite, loading: 2 mg/cm2{cathodeExtra}}}\n";
        const string protocol = "Discharge at 0.05C until 1.0 V";
        var solid = FullCellFactory.Run(FullCellFactory.Cell(Cell("Ohmium")), protocol);
        var liquid = FullCellFactory.Run(FullCellFactory.Cell(Cell("Liquidum")), protocol);
        var sphere = FullCellFactory.Run(FullCellFactory.Cell(Cell("Ohmium", ", morphology: microsphere, porosity: 0.45")), protocol);
        double X(FullCellResult r) => r.Series[^1].Cathode.ConvertedFraction;
        Assert.True(X(liquid) > 0.9, $"liquid {X(liquid)}");
        Assert.True(X(solid) < 0.7, $"solid {X(solid)}");
        Assert.True(X(sphere) > X(solid) + 0.1, $"microsphere {X(sphere)} vs solid {X(solid)}");
        Assert.True(solid.Series[^1].Cathode.Contact < 0.2);
        Assert.Equal(1, liquid.Series[^1].Cathode.Contact, 9);
        // the first discharge runs on the plateau of the conversion (1.55 V here)
        var plateau = liquid.Series.Where(p => p.Cathode.ConvertedFraction is > 0.2 and < 0.8).Average(p => p.Voltage);
        Assert.InRange(plateau, 1.45, 1.56);
        // the fast axis converts first
        Assert.True(solid.Series[^1].Cathode.FastAxisFront > solid.Series[^1].Cathode.SlowAxisFront);
    }

    [Fact]
    public void ConversionFrontGeometry()
    {
        var cc = new ConversionCathode("x", 0.12, 5010, 4, 1.61, [new Plateau(1.5, 1, 0.02)], [new Plateau(2, 1, 0.02)], 1e-6, 1e-3, 1, 1, 2, 0, 0);
        var (b0, a0) = FullCellSimulator.ConversionFront(cc, 0);
        Assert.Equal(1e-6, b0, 12);
        Assert.Equal(4 * Math.PI * 1e-12, a0, 15);
        var (b5, _) = FullCellSimulator.ConversionFront(cc, 0.5);
        double a = Math.Max(0, 1e-6 - 2 * (1e-6 - b5));
        Assert.Equal(0.5, a * b5 * b5 / 1e-18, 6);
    }

    [Fact]
    public void APeriodClauseWritesTheStepOnItsGridAndItsLastPoint()
    {
        // PyBaMM's '(1 minute period)': the series of that step sits on start + n·60 s, plus the point where the
        // cut-off ended it; the same step without the clause is written at the integrator's own (uneven) points
        var cell = FullCellFactory.Cell(FullCellFactory.Lfp());
        var with = FullCellFactory.Run(cell, "Charge at 1C until 3.6 V (1 minute period)");
        var without = FullCellFactory.Run(cell, "Charge at 1C until 3.6 V");
        var pts = with.Series.Skip(1).ToList(); // the first point is the cell before the protocol, at t = 0
        double end = pts[^1].TimeS;
        // both end where the cut-off was located (to 1 mV, so their times agree to well under a second)
        Assert.InRange(end - without.Series[^1].TimeS, -1, 1);
        Assert.InRange(pts[^1].Voltage, 3.6, 3.601);
        for (int n = 0; n < pts.Count - 1; n++) Assert.Equal(60.0 * (n + 1), pts[n].TimeS, 6);
        Assert.True(end > pts[^2].TimeS && end <= pts[^2].TimeS + 60);
        Assert.Contains(without.Series.Skip(1), p => Math.Abs(p.TimeS / 60 - Math.Round(p.TimeS / 60)) > 1e-3);
    }
}
