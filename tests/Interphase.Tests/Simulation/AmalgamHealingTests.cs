using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Tests.Cases;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The amalgam's self-healing comes from its physics (docs/models.md §8): voids open in its contact as
/// in a metal's, and only its liquid part, by the lever rule of the Li–Hg phase diagram, flows back
/// into them. These tests fail when the wetting is switched off, when the old exemption of amalgams
/// from voids returns, or when a solid amalgam is let heal.
/// </summary>
public class AmalgamHealingTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static readonly AmalgamInterlayer LiHg = AmalgamInterlayer.Read(new Parameters(Lib), Lib.Get("LiHg"));

    static SymmetricCell AmalgamCell(string wetting)
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "E-amalgam-Li-LLTO.yaml"), Lib);
        // LLTO made an electronic insulator: all of the current is then ionic and the void law below holds exactly
        // (its electronic leak, ~1e-5 of the current, is ElectronicLeakage's; InterphaseMechanismTests)
        spec = spec with { Overrides = [new ParameterOverride($"model.{AmalgamInterlayer.WettingSwitch}", wetting, default),
            new ParameterOverride("LLTO.electronic_conductivity", "0 S/cm", default)] };
        return SymmetricCell.Build(spec, Lib);
    }

    static SimulationResult Run(SymmetricCell cell, Protocol protocol) => new SymmetricSimulator(cell).Run(protocol);

    /// <summary>
    /// φ(t) of an amalgam contact that only loses: dφ/dt = −(V_m/(zF h_a))·(j − i_D)·φ (no creep data for
    /// the amalgam, and the metal's supply cannot close its gaps), so φ decays exponentially to φ_min.
    /// </summary>
    static double VoidLaw(double phi0, double lossRate, double t) =>
        Math.Max(ContactModel.MinimumContact, phi0 * Math.Exp(-lossRate * t));

    static double LossRate(ElectrodeSide side, double j, double temperatureK) =>
        side.Contact.ThicknessPerCharge / side.Contact.AsperityHeight * Math.Max(0, j - side.Contact.Supply.DiffusionCurrent(temperatureK, side.MetalThickness));

    [Fact]
    public void LeverRuleLiquidFractionAtItsLimits()
    {
        // Li–Hg at 25 °C (physics-notes §2, Cogley & Butler 1968): liquid to 1.33 mol %, liquid + LiHg3 to 25 %, solid beyond
        Assert.Equal(1, LiHg.LiquidFraction(0));
        Assert.Equal(1, LiHg.LiquidFraction(0.0133));
        Assert.Equal(0, LiHg.LiquidFraction(0.25));
        Assert.Equal(0, LiHg.LiquidFraction(0.3));
        Assert.Equal(0.5, LiHg.LiquidFraction((0.0133 + 0.25) / 2), 12);
        Assert.Equal((0.25 - 0.1) / 0.2367, LiHg.LiquidFraction(0.1), 12);
        // just inside the two-phase field on either side
        Assert.True(LiHg.LiquidFraction(0.0134) is < 1 and > 0.999);
        Assert.True(LiHg.LiquidFraction(0.2499) is > 0 and < 0.001);
    }

    [Fact]
    public void OnlyAFlowingPasteInfiltratesAtWashburnsRate()
    {
        double h = 7e-6, ha = 1e-6;
        // solid surface (no film): x̄ = x_rest = 0.3 ≥ 0.25, nothing flows
        Assert.Equal((0.0, 0.0), LiHg.Infiltration(0, h, ha));
        // a film filling the asperity zone is all liquid at saturation: θ = 0, Washburn γ/(2μ h_a), wets completely
        var (rate, wetted) = LiHg.Infiltration(2e-6, h, ha);
        Assert.Equal(0.485 / (2 * 1.526e-3 * ha), rate, 1e-6 * rate);
        Assert.Equal(1, wetted, 12);
        // the paste stops flowing where its LiHg3 fraction 1 − f_L reaches the maximum packing φ_m
        double xJam = LiHg.SolidLimit - (1 - LiHg.MaxPackingFraction) * (LiHg.SolidLimit - LiHg.LiquidLimit);
        double sJam = ha * (LiHg.RestComposition - xJam) / (LiHg.RestComposition - LiHg.LiquidLimit);
        Assert.Equal(0, LiHg.Infiltration(0.999 * sJam, h, ha).rate);
        var near = LiHg.Infiltration(1.001 * sJam, h, ha).rate;
        Assert.True(near > 0 && near < rate, $"rate just past jamming {near:G3}");
        // switched off, nothing flows however liquid it is
        Assert.Equal((0.0, 0.0), (LiHg with { Wetting = false }).Infiltration(2e-6, h, ha));
    }

    [Fact]
    public void SolidAmalgamDoesNotHeal()
    {
        // stripping at 0.2 mA/cm² stays below what diffusion through the solid resupplies (≈0.27 mA/cm² for the
        // 70 µm coating; it was 1 mA/cm² against ≈2.7 mA/cm² when the case had a 7 µm layer): no film forms,
        // x = 0.3 ≥ 0.25 throughout, and voids open (vacancy supply of the 70 µm Li ≈0.064 mA/cm²)
        var cell = AmalgamCell("on");
        var protocol = ProtocolParser.ParseLines(["Strip at 0.2 mA/cm2 for 5 h"]);
        var on = Run(cell, protocol);
        var off = Run(AmalgamCell("off"), protocol);
        var side = cell.Left;
        double j = 0.2 * Si.MilliampPerCm2;
        double a = LossRate(side, j, cell.TemperatureK);
        Assert.True(a > 1e-4, $"loss rate {a:G3} 1/s");
        Assert.Equal(off.Series.Count, on.Series.Count);
        for (int i = 0; i < on.Series.Count; i++)
        {
            var p = on.Series[i];
            Assert.Equal(0, p.Left.AmalgamLiquidFraction);
            Assert.Equal(0.3, p.Left.AmalgamLiFraction);
            Assert.Equal(VoidLaw(side.InitialContact, a, p.TimeS), p.Left.Contact, 1e-9);
            Assert.Equal(off.Series[i].Left.Contact, p.Left.Contact, 1e-12);
        }
        Assert.True(on.Series[^1].Left.Contact < 0.1 * side.InitialContact);
    }

    [Fact]
    public void E_AmalgamCellHealsOnlyWithWetting()
    {
        // domain.md E: Li-amalgam | LLTO | amalgam-Li at 5 mA/cm². Electrode 2 strips first.
        var cell = AmalgamCell("off");
        var on = DomainCaseTests.Run("E-amalgam-Li-LLTO");
        var off = Run(cell, ProtocolParser.ParseFile(Path.Combine(TestPaths.Cases, "E-symmetric.protocol")));
        var side = cell.Right;
        double j = 5 * Si.MilliampPerCm2;
        double a = LossRate(side, j, cell.TemperatureK);
        var offStrip = off.Series.Where(p => p.StepIndex == 1 && p.CurrentDensity != 0).ToList();
        var onStrip = on.Series.Where(p => p.StepIndex == 1 && p.CurrentDensity != 0).ToList();
        Assert.NotEmpty(offStrip);

        // wetting off: the voids of the stripping electrode stay open, exactly as the void law without refill says
        foreach (var p in offStrip)
            Assert.Equal(VoidLaw(side.InitialContact, a, p.TimeS), p.Right.Contact, 1e-9);
        var end = offStrip[^1];
        Assert.True(end.Right.Contact < 1e-3, $"contact without wetting {end.Right.Contact:G3}");
        // wetting on: its liquid film fills the voids within the first strip and keeps them filled
        Assert.True(onStrip[^1].Right.Contact > 0.99);
        // from step 2 on, once each electrode has stripped (electrode 1 plates first and keeps its as-applied
        // wetted contact through step 1: plating deposits on the contact spots and fills no gap)
        foreach (var last in on.Series.Where(p => p.CurrentDensity != 0 && p.StepIndex >= 2).GroupBy(p => p.StepIndex).Select(g => g.Last()))
            Assert.True(Math.Min(last.Left.Contact, last.Right.Contact) > 0.99, $"contact at the end of step {last.StepIndex}");

        // the overpotential rises without wetting: at least by the charge-transfer penalty of the contact it lost,
        // η_BV(j/φ_off) − η_BV(j/φ_on) on the stripping electrode (the other electrode only adds to it)
        var rEl = on.Derived["electrolyte_asr_ohm_cm2"] * 1e-4;
        double IrFree(TimePoint p) => Math.Abs(p.Voltage) - Math.Abs(p.CurrentDensity) * rEl;
        var bv = side.Paths[0].Kinetic;
        double phiOn = onStrip.Where(p => p.TimeS <= end.TimeS).Min(p => p.Right.Contact);
        double penalty = bv.Overpotential(j / end.Right.Contact) - bv.Overpotential(j / phiOn);
        Assert.True(penalty > 0.2, $"charge-transfer penalty {penalty * 1e3:G3} mV");
        double rise = IrFree(end) - onStrip.Where(p => p.TimeS <= end.TimeS).Max(IrFree);
        Assert.True(rise >= penalty, $"IR-free overpotential rises by {rise * 1e3:G4} mV without wetting, less than the {penalty * 1e3:G4} mV the lost contact costs");
        Assert.True(on.Series[^1].TimeS / Si.Hour >= 500);
    }

    [Fact]
    public void WettingSwitchIsOnOrOff()
    {
        var ex = Assert.Throws<InputException>(() => AmalgamCell("maybe"));
        Assert.Contains("amalgam_wetting must be on or off", ex.Message);
    }
}
