using Interphase.Materials;
using Interphase.Models;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>Each interface mechanism against its analytic limit.</summary>
public class MechanismTests
{
    [Fact]
    public void ConcentrationProfileReachesTheSteadyStateGradientAndBruceVincentVoltage()
    {
        double L = 100e-6, c0 = 1000, t = 0.3, D = 5e-12, i = 2.0, T = 333.15;
        var cp = new ConcentrationPolarisation(L, c0, t, 1);
        var c = cp.NewProfile();
        for (int k = 0; k < 400; k++) cp.Advance(c, i, D, 0.05 * cp.TimeConstant(D)); // 20 τ
        var (left, right) = cp.FaceConcentrations(c, i, D);
        double dc = i * (1 - t) * L / (Si.Faraday * D);
        Assert.Equal(dc, left - right, 6);
        Assert.Equal(c0, 0.5 * (left + right), 6); // salt is conserved
        Assert.Equal(2 * Si.GasConstant * T / Si.Faraday * (1 - t) * Math.Log((c0 + dc / 2) / (c0 - dc / 2)), cp.Overpotential(left, right, T), 9);
    }

    [Fact]
    public void PlatingSideEmptiesAtSandsTime()
    {
        // semi-infinite regime: the depletion length √(D t_S) = 50 µm is short against L = 300 µm
        // and spans several of the 40 cells
        double L = 300e-6, c0 = 1000, t = 0.2, D = 1e-11, i = 21.4;
        var cp = new ConcentrationPolarisation(L, c0, t, 1);
        var c = cp.NewProfile();
        double sand = Math.PI * D * Math.Pow(c0 * Si.Faraday, 2) / (4 * Math.Pow(i * (1 - t), 2));
        double time = 0, dt = sand / 4000;
        while (cp.FaceConcentrations(c, i, D).right > 1e-3 * c0 && time < 3 * sand) { cp.Advance(c, i, D, dt); time += dt; }
        Assert.InRange(time / sand, 0.8, 1.2);
    }

    [Fact]
    public void PorzCriticalOverpotentialForASulfide()
    {
        // K_Ic = 0.25 MPa√m, c = 1 µm, Li, no stack pressure: physics-notes §1.5 gives 14–17 mV
        var c = new FractureCriterion("x", 0.25e6, 1e-6, 6.94e-3 / 534, 1, 0, 30e9);
        Assert.InRange(c.CriticalOverpotential * 1e3, 14, 18);
        // the tolerable current is the Butler–Volmer current at η_crit
        var bv = new ButlerVolmer(10, 0.5, 0.5, 298.15);
        Assert.Equal(2 * 10 * Math.Sinh(0.5 * Si.Faraday * c.CriticalOverpotential / (Si.GasConstant * 298.15)), c.TolerableCurrent(bv, 298.15), 9);
    }

    [Fact]
    public void PolymerLimitingCurrent()
    {
        var c = new DiffusionLimitCriterion("x", 1300, _ => 5e-12, 0.2, 90e-6, 1, new MonroeNewmanStability(1e6, 4.2e9), 1);
        Assert.Equal(2 * Si.Faraday * 1300 * 5e-12 / (0.8 * 90e-6), c.LimitingCurrent(333), 9);
    }

    [Fact]
    public void FilamentInASoftPolymerGrowsAtTheAnionDriftVelocityOnceItsSpotsRunOutOfSalt()
    {
        // Gelium: 100 µm, θ = 0.1 at TestMetal|Gelium, no retained_fibre_fraction (nothing redissolves);
        // at 0.25 mA/cm² the spots carry 2.5 mA/cm² > i_lim, so their salt runs out early in each plating
        var cell = CellFactory.Cell(CellFactory.Symmetric("Gelium", temperature: "60 degC"));
        var tol = cell.Left.Paths[0].Segments[0].criterion.TolerableCurrent(cell.Left.Paths[0].Kinetic, cell.TemperatureK);
        Assert.True(2.5 / 0.1 > tol);
        double v = AnionDriftGrowth.Velocity(2.5, 0.2, 1, 1300);
        var r = CellFactory.Run(cell, "Repeat 20 times: Plate at 0.25 mA/cm2 for 1 h; Strip at 0.25 mA/cm2 for 1 h");
        Assert.True(r.ShortCircuit);
        // the first plating advances the filament at v from the spots' Sand time (a few minutes) to its end
        var endOfFirst = r.Series.Last(p => p.TimeS <= 3600 + 1e-6);
        Assert.InRange(endOfFirst.Left.FilamentM / (v * 3600), 0.85, 1.0);
        // below the threshold nothing grows
        var safe = CellFactory.Run(cell, "Repeat 200 times: Plate at 0.05 mA/cm2 for 1 h; Strip at 0.05 mA/cm2 for 1 h");
        Assert.False(safe.ShortCircuit);
        Assert.Equal(0, safe.Series[^1].Left.FilamentM);
    }

    [Fact]
    public void BrittleElectrolyteShortsJustAboveItsCriticalCurrentDensity()
    {
        // Reactium: K_Ic 0.25 MPa√m, 100 MPa (no voids): CCD ≈ i_tol; the crack then crosses within the step
        var cell = CellFactory.Cell(CellFactory.Symmetric("Reactium", pressure: "100 MPa"));
        var tol = cell.Left.Paths[0].Segments[0].criterion.TolerableCurrent(cell.Left.Paths[0].Kinetic, cell.TemperatureK) / Si.MilliampPerCm2;
        var r = CellFactory.Run(cell, "Ramp from 0.05 to 3 mA/cm2 in steps of 0.05 mA/cm2: Plate for 1 h; Strip for 1 h");
        Assert.True(r.ShortCircuit);
        var ccd = r.CriticalCurrentDensity!.Value / Si.MilliampPerCm2;
        Assert.InRange(ccd, tol, tol + 0.15);
    }

    [Fact]
    public void ThinFoilIsUsedUpAndTheVoltageRunsAway()
    {
        var cell = CellFactory.Cell(CellFactory.Symmetric("Ohmium", metal: "3 um"));
        var r = CellFactory.Run(cell, "Strip at 0.5 mA/cm2 for 2 h", "Rest for 1 h");
        Assert.Contains(r.Events, e => e.Kind == "metal_depleted");
        Assert.Contains(r.Events, e => e.Kind == "stop" && e.Message.Contains("used up"));
        // 3 µm of Li is 0.619 mAh/cm²: at 0.5 mA/cm² it is gone after 1.237 h, and the run ends there
        Assert.Equal(3e-6 / cell.Left.MetalProps.ThicknessPerCharge / 5.0, r.Series[^1].TimeS, 3);
        Assert.Equal(0, r.Series[^1].Left.MetalM, 12);
    }

    [Fact]
    public void ALeakStretchesTheFoilsLifeByTheShareOfTheCurrentItCarries()
    {
        // Ohmium as a mixed conductor (R_e = 100 um / 1e-3 S/cm = 10 Ohm cm2, about the ionic path's): only the
        // ionic share of the current strips metal, so the 3 um foil outlasts the 1.237 h of the insulating cell
        // and the run stops when its metal, not the external charge, is used up
        var cell = CellFactory.Cell(CellFactory.Symmetric("Ohmium", metal: "3 um", extra: "overrides:\n  Ohmium.electronic_conductivity: 1e-3 S/cm\n"));
        var r = CellFactory.Run(cell, "Strip at 0.5 mA/cm2 for 4 h");
        Assert.Equal("metal_exhausted", r.StopReason);
        Assert.True(r.Series[^1].TimeS > 1.2 * 3e-6 / cell.Left.MetalProps.ThicknessPerCharge / 5.0, $"{r.Series[^1].TimeS / 3600} h");
        Assert.Equal(0, r.Series[^1].Left.MetalM, 12);
    }

    [Fact]
    public void NucleationSpikeAtTheStartOfPlating()
    {
        var cell = CellFactory.Cell(CellFactory.Symmetric("Gelium", temperature: "60 degC"));
        var r = CellFactory.Run(cell, "Strip at 0.05 mA/cm2 for 1 h", "Plate at 0.05 mA/cm2 for 1 h");
        var plate = r.Series.Where(p => p.CurrentDensity < 0).ToList();
        var spike = plate.Max(p => Math.Abs(p.Voltage));
        var plateau = Math.Abs(plate[^1].Voltage);
        // electrode 1 had just stripped: its nucleation overpotential (30 mV, decaying over 0.005 mAh/cm²) shows
        Assert.InRange(spike - plateau, 0.015, 0.035);
    }

    [Fact]
    public void AmalgamWettingAndLiquidFilm()
    {
        var lib = MaterialLibrary.Load(TestPaths.Library);
        var am = AmalgamInterlayer.Read(new Parameters(lib), lib.Get("LiHg"));
        Assert.Equal((1 + Math.Cos(140 * Math.PI / 180)) / 2, am.WettedContact(0), 9);
        Assert.Equal(1, am.WettedContact(0.0133), 9);
        Assert.True(am.CosContactAngle(3e-5) > am.CosContactAngle(0) + 0.2); // 0.003 mol % Li already helps
        // stripping faster than the solid resupplies: the liquid film grows to h − D c Δx F/j
        double h = 7e-6, j = 50;
        double s = 0;
        for (int k = 0; k < 2000; k++) s = am.AdvanceLiquid(s, j, h, 5);
        double expected = h - am.SolidDiffusivity * (am.RestComposition - am.LiquidLimit) * Si.Faraday / (am.HostMolarVolume * j);
        Assert.Equal(expected, s, 9);
        // plating freezes it again
        for (int k = 0; k < 200; k++) s = am.AdvanceLiquid(s, -j, h, 5);
        Assert.Equal(0, s);
        // Li activity: ≈0.94 V vs Li for the saturated liquid (physics-notes §2)
        Assert.InRange(am.SurfacePotential(0.0133, 298.15), 0.92, 0.96);
    }

    [Fact]
    public void TemperatureOfAStepChangesTheKinetics()
    {
        var cell = CellFactory.Cell(CellFactory.Symmetric("Thermium"));
        var r = CellFactory.Run(cell, "Strip at 0.5 mA/cm2 for 10 min", "Strip at 0.5 mA/cm2 for 10 min at 60 degC");
        var cold = r.Series.Last(p => p.StepIndex == 1).Voltage;
        var hot = r.Series.Last(p => p.StepIndex == 2).Voltage;
        Assert.True(hot < 0.5 * cold);
    }
}
