using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The zone of the electrolyte an amalgam infiltrates (AmalgamZone, docs/models.md §8.1, decision 0035): it grows only
/// while the stripping electrode's amalgam flows, by Washburn's law with the paste's viscosity, as deep as the liquid in
/// the channels keeps the front wetting, taking its volume from the layer; its channel walls enlarge the
/// charge-transfer area. Each test fails when the part of the mechanism it names is taken out.
/// </summary>
public class AmalgamZoneTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static readonly AmalgamInterlayer LiHg = AmalgamInterlayer.Read(new Parameters(Lib), Lib.Get("LiHg"));

    static CellSpec Spec(string name = "E-amalgam-Li-LLTO", string? without = null, params (string path, string value)[] overrides)
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);
        if (without is not null) spec = spec with { Mechanisms = spec.Mechanisms.WithoutNames([without], default) };
        return spec with { Overrides = [.. spec.Overrides, .. overrides.Select(o => new ParameterOverride(o.path, o.value, default))] };
    }

    static (SymmetricCell cell, SimulationResult r) Run(CellSpec spec, params string[] steps)
    {
        var cell = SymmetricCell.Build(spec, Lib);
        return (cell, new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(steps)));
    }

    const double Z0 = 7e-6;   // LiHg initial_zone_thickness (domain.md E, as made)

    [Fact]
    public void TheZoneGrowsOnlyOnTheStrippingSideAndOnlyOnceItsAmalgamIsLiquid()
    {
        // "Strip": electrode 1 strips, electrode 2 plates for the whole hour
        var (cell, r) = Run(Spec(), "Strip at 5 mA/cm2 for 1 h");
        Assert.NotNull(cell.Left.Zone);
        Assert.Equal(Z0, r.Series[0].Left.AmalgamZoneM, 15);
        Assert.True(r.Series[^1].Left.AmalgamZoneM > 2 * Z0, $"stripping side's zone {r.Series[^1].Left.AmalgamZoneM * 1e6:G4} µm");
        // the plating side never turns liquid and its zone stays as made
        Assert.All(r.Series, p => Assert.Equal(0, p.Right.AmalgamLiquidFraction));
        Assert.All(r.Series, p => Assert.Equal(Z0, p.Right.AmalgamZoneM));
        // the zone first moves only after the stripping side's film has formed and flows
        var firstMove = r.Series.First(p => p.Left.AmalgamZoneM > Z0);
        Assert.True(firstMove.Left.AmalgamLiquidFraction > 0);
        Assert.All(r.Series.Where(p => p.Left.AmalgamLiquidFraction == 0), p => Assert.Equal(Z0, p.Left.AmalgamZoneM));

        // below the current the solid layer resupplies (≈0.27 mA/cm² for 70 µm) no film forms: the amalgam stays
        // solid and nothing infiltrates, however long it strips
        var (_, slow) = Run(Spec(), "Strip at 0.2 mA/cm2 for 5 h");
        Assert.All(slow.Series, p => Assert.Equal(0, p.Left.AmalgamLiquidFraction));
        Assert.All(slow.Series, p => Assert.Equal(Z0, p.Left.AmalgamZoneM));
    }

    [Fact]
    public void PlatingFreezesTheFrontEvenWhileTheFilmIsStillLiquid()
    {
        // strip long enough for a film, then plate: the film is liquid at the start of the plating, but plating
        // deposits at the front first and jams it, so the zone does not move in the plating step
        var (_, r) = Run(Spec(), "Strip at 5 mA/cm2 for 0.03 h", "Plate at 5 mA/cm2 for 0.5 h");
        var plating = r.Series.Where(p => p.StepIndex == 2).ToList();
        Assert.Contains(plating, p => p.Left.AmalgamLiquidFraction > 0.01);
        double atStart = r.Series.Where(p => p.StepIndex == 1).Last().Left.AmalgamZoneM;
        Assert.True(atStart > Z0);
        Assert.All(plating, p => Assert.Equal(atStart, p.Left.AmalgamZoneM));
    }

    [Fact]
    public void TheFrontStopsWhereTheChannelsLiquidCanNoLongerKeepItWetting()
    {
        // LLTO made an electronic insulator, so that all of the current is ionic and strips the amalgam (its
        // electronic leak, ~1e-5 of the current, would set a slightly deeper limit)
        var (cell, r) = Run(Spec(overrides: ("LLTO.electronic_conductivity", "0 S/cm")), "Strip at 5 mA/cm2 for 1 h");
        var zone = cell.Left.Zone!;
        double j = 5 * Si.MilliampPerCm2;
        // Z_max = zF·ε^1.5·D_L·c·(x_l − x90)/j, c = 1/V_Hg (docs/models.md §8.1)
        double x90 = LiHg.NonWettingComposition;
        Assert.Equal(0, LiHg.CosContactAngle(x90), 9);
        double zMax = Si.Faraday * Math.Pow(0.05, 1.5) * 1e-9 / LiHg.HostMolarVolume * (LiHg.LiquidLimit - x90) / j;
        Assert.Equal(zMax, zone.MaxDepth(LiHg, j), 1e-9 * zMax);
        Assert.Equal(zMax, r.Series[^1].Left.AmalgamZoneM, 1e-9 * zMax);
        // half the current: twice as deep
        Assert.Equal(2 * zMax, zone.MaxDepth(LiHg, j / 2), 1e-9 * zMax);
        // the layer gave the zone's amalgam: h = h0 − ε·(Z − Z0)
        Assert.Equal(cell.Left.AmalgamThickness - 0.05 * (r.Series[^1].Left.AmalgamZoneM - Z0), r.Series[^1].Left.AmalgamLayerM, 1e-12);
        Assert.True(r.Series[^1].Left.AmalgamLayerM < cell.Left.AmalgamThickness);
    }

    [Fact]
    public void WashburnGrowthIsFasterWithALessViscousOrBetterWettingAmalgam()
    {
        var zone = new AmalgamZone(0.05, 0.5e-6, Z0, 1e-9, "test");
        double film = 5e-6, layer = 70e-6, ha = 1e-6, j = 5 * Si.MilliampPerCm2, dt = 1e-6;
        var (z1, taken) = zone.Advance(LiHg, Z0, film, layer, ha, j, dt);
        // all liquid over the asperity depth at saturation: θ = 0, μ = μ_Hg; (Z'² − Z²) = ε γ r cos θ dt/(2μ)
        Assert.Equal(0.05 * 0.485 * 0.5e-6 * dt / (2 * 1.526e-3), z1 * z1 - Z0 * Z0, 1e-9 * (z1 * z1 - Z0 * Z0));
        Assert.Equal(0.05 * (z1 - Z0), taken, 1e-18);
        // half the viscosity: twice the Washburn increment of Z²
        var (zFluid, _) = zone.Advance(LiHg with { HostViscosity = LiHg.HostViscosity / 2 }, Z0, film, layer, ha, j, dt);
        Assert.Equal(2, (zFluid * zFluid - Z0 * Z0) / (z1 * z1 - Z0 * Z0), 9);
        // a paste near jamming (film just past the jamming depth) flows slower than the liquid
        double xJam = LiHg.SolidLimit - (1 - LiHg.MaxPackingFraction) * (LiHg.SolidLimit - LiHg.LiquidLimit);
        double sJam = ha * (LiHg.RestComposition - xJam) / (LiHg.RestComposition - LiHg.LiquidLimit);
        Assert.Equal(0, zone.Speed(LiHg, Z0, 0.999 * sJam, layer, ha, j));
        // worse wetting (complete wetting only at 5 mol %: the saturated liquid keeps θ > 0) grows slower and stops shallower
        var poorer = LiHg with { CompleteWettingFraction = 0.05 };
        Assert.True(poorer.CosContactAngle(poorer.LiquidLimit) < 1);
        var (zPoor, _) = zone.Advance(poorer, Z0, film, layer, ha, j, dt);
        Assert.True(zPoor < z1, $"{zPoor} vs {z1}");
        Assert.True(zone.MaxDepth(poorer, j) < zone.MaxDepth(LiHg, j));
        // no film beyond the asperity depth: the voids at the face take the liquid first, the zone none
        Assert.Equal((Z0, 0.0), zone.Advance(LiHg, Z0, 0.9 * ha, layer, ha, j, dt));
    }

    [Fact]
    public void NoChannelsNoWettingOrALiquidElectrolyteGiveNoGrowth()
    {
        // zero porosity: nothing to infiltrate, and the face is all the area there is
        var (closed, rc) = Run(Spec(overrides: ("LLTO.surface_channels.porosity", "0")), "Strip at 5 mA/cm2 for 1 h");
        Assert.Equal(0, closed.Left.Zone!.Porosity);
        Assert.All(rc.Series, p => Assert.Equal(Z0, p.Left.AmalgamZoneM));
        Assert.Equal(1, closed.Left.Zone.AreaFactor(24e-6, 1, 1e-4, 100));
        // amalgam-wetting off: the amalgam does not flow, into voids or channels
        var (_, off) = Run(Spec(without: "amalgam-wetting"), "Strip at 5 mA/cm2 for 1 h");
        Assert.Contains(off.Series, p => p.Left.AmalgamLiquidFraction > 0);
        Assert.All(off.Series, p => Assert.Equal(Z0, p.Left.AmalgamZoneM));
        // a liquid electrolyte has no zone (n/a), and the outputs carry none
        var liquid = SymmetricCell.Build(Spec("E-Li-amalgam-liquid"), Lib);
        Assert.NotNull(liquid.Left.Amalgam);
        Assert.Null(liquid.Left.Zone);
    }

    [Fact]
    public void TheChannelWallsLowerTheChargeTransferResistanceUpToTheDeLevieDepth()
    {
        var zone = new AmalgamZone(0.05, 0.5e-6, Z0, 1e-9, "test");
        double rct = 5e-5, rho = 100;   // Ω m², Ω m (LiHg|LLTO at 52 mA/cm², LLTO at 1e-4 S/cm)
        double a = zone.SpecificArea;
        Assert.Equal(2 * 0.05 / 0.5e-6, a, 1e-6);
        double lambda = Math.Sqrt(rct / (a * rho / Math.Pow(0.95, 1.5)));
        Assert.Equal(1, zone.AreaFactor(0, 1, rct, rho));
        // thin zone: all its wall area works (m → 1 + a_s Z); deep zone: only λ of it (m → 1 + a_s λ)
        Assert.Equal(1 + a * 1e-9, zone.AreaFactor(1e-9, 1, rct, rho), 1e-6);
        Assert.Equal(1 + a * lambda, zone.AreaFactor(100 * lambda, 1, rct, rho), 1e-9);
        Assert.True(zone.AreaFactor(2 * lambda, 1, rct, rho) > zone.AreaFactor(lambda, 1, rct, rho));

        // in the cell: the zone lowers the interfacial overpotential and the charge-transfer resistance of the spectrum
        string[] steps = ["Plate at 5 mA/cm2 for 1 h", "Strip at 5 mA/cm2 for 1 h", "Measure EIS from 1 MHz to 100 mHz"];
        var (_, with) = Run(Spec(), steps);
        var (_, without) = Run(Spec(overrides: ("LLTO.surface_channels.porosity", "0")), steps);
        var rEl = with.Derived["electrolyte_asr_ohm_cm2"] * 1e-4;
        double IrFree(TimePoint p) => Math.Abs(p.Voltage) - Math.Abs(p.CurrentDensity) * rEl;
        double Late(SimulationResult r) => IrFree(r.Series.Last(p => p.StepIndex == 1));
        Assert.True(Late(with) < 0.95 * Late(without), $"IR-free overpotential {Late(with) * 1e3:G4} mV with the zone, {Late(without) * 1e3:G4} mV without");
        Assert.True(with.Spectra[^1].RChargeTransfer < 0.9 * without.Spectra[^1].RChargeTransfer,
            $"R_ct {with.Spectra[^1].RChargeTransfer:G4} Ω with the zone, {without.Spectra[^1].RChargeTransfer:G4} Ω without");
    }
}
