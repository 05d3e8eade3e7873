using System.Numerics;
using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Contact and voids from vacancy diffusion plus power-law creep under the stress concentrated on the
/// contact spots, the constriction resistance of the spots, and the pressed contact (docs/models.md §6,
/// §6.1). Each test names the mechanism it fails without.
/// </summary>
public class ContactMechanicsTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static readonly Parameters P = new(Lib);
    static readonly MetalProperties LiProps = MetalProperties.Read(P, Lib.Get("Li"));
    static readonly LithiumSupply Li = LithiumSupply.Read(P, Lib.Get("Li"), LiProps);
    const double Mpa = 1e6, T25 = 298.15, Foil = 100e-6;
    static double MaCm2(double aPerM2) => aPerM2 / Si.MilliampPerCm2;

    /// <summary>Kasemchainan 2019's ≈0.2 mA/cm² at 3 MPa is what the creep efficiency κ was fitted to (validation.yaml a1).</summary>
    [Fact]
    public void CriticalStrippingCurrentAt3MPa_RegressionOfCalibration() =>
        Assert.Equal(0.200, MaCm2(Li.CriticalStrippingCurrent(3 * Mpa, T25, Foil)), 3);

    [Fact]
    public void CriticalStrippingCurrentRisesWithPressureAndTemperature()
    {
        double prev = 0;
        foreach (var p in new[] { 0.0, 1, 2, 3, 4, 5, 7 })
        {
            double i = Li.CriticalStrippingCurrent(p * Mpa, T25, Foil);
            Assert.True(i > prev, $"{p} MPa: {MaCm2(i):G3} mA/cm²");
            prev = i;
        }
        foreach (var p in new[] { 0.0, 3 })
            Assert.True(Li.CriticalStrippingCurrent(p * Mpa, 333.15, Foil) > 2 * Li.CriticalStrippingCurrent(p * Mpa, T25, Foil));
        // without pressure only vacancy diffusion supplies: z F D* c / ℓ, 0.045 mA/cm² through 100 µm at 25 °C
        double iD = LiProps.ChargeNumber * Si.Faraday * 6.0e-15 / LiProps.MolarVolume / Foil;
        Assert.Equal(iD, Li.CriticalStrippingCurrent(0, T25, Foil), 1e-9 * iD);
        // creep switched off: the pressure no longer helps at all
        var noCreep = Li with { CreepEfficiency = 0 };
        Assert.Equal(noCreep.CriticalStrippingCurrent(0, T25, Foil), noCreep.CriticalStrippingCurrent(5 * Mpa, T25, Foil));
        Assert.True(Li.CriticalStrippingCurrent(5 * Mpa, T25, Foil) > 20 * noCreep.CriticalStrippingCurrent(5 * Mpa, T25, Foil));
    }

    [Fact]
    public void StressOnTheContactSpotsStopsTheVoidsWhereCreepKeepsUp()
    {
        // above the critical stripping current φ settles where i_D + i_c(p)·φ^(1−n) = j:
        // φ* = ((j − i_D)/i_c(p))^(−1/(n−1)); without the stress concentration (σ = p) or without creep it runs to φ_min
        foreach (var mpa in new[] { 1.0, 2, 3 })
        {
            var cell = CellFactory.Cell(CellFactory.Symmetric("Ohmium", pressure: $"{mpa} MPa"));
            var r = CellFactory.Run(cell, "Strip at 0.5 mA/cm2 for 10 h");
            var s = cell.Left.Contact.Supply;
            double iD = s.DiffusionCurrent(cell.TemperatureK, cell.Left.MetalThickness);
            double ic = s.CreepCurrent(mpa * Mpa, cell.TemperatureK);
            double expected = Math.Pow((0.5 * Si.MilliampPerCm2 - iD) / ic, -1 / (s.CreepExponent - 1));
            Assert.Equal(expected, r.Series[^1].Left.Contact, 3);
            Assert.True(expected is > 0.1 and < 0.95);
        }
    }

    [Fact]
    public void ContactDriveStepIsExactForAConstantLossAndBoundedByFullContact()
    {
        // no creep, no refill: d ln φ/dt = −s(j − i_D), so φ = φ0·exp(−s(j − i_D)t) exactly
        var d = new ContactDrive(Scale: 0.13, Diffusion: 0.45, Creep: 0, Exponent: 6.6, Strip: 5, Soft: 0, Flow: 0, Wet: 0);
        Assert.Equal(0.5 * Math.Exp(-0.13 * 4.55 * 2), d.Step(0.5, 2), 12);
        // supply above stripping closes the gap up to full contact, never beyond
        var closing = d with { Strip = 0, Creep = 1 };
        Assert.Equal(1.0, closing.Step(0.9, 1e4));
        Assert.True(closing.Step(0.3, 0.1) > 0.3);
        // an amalgam's supply only slows its loss: at rest it stays where it is
        Assert.Equal(0.3, (d with { Strip = 0, SupplyCloses = false }).Step(0.3, 100), 12);
    }

    [Fact]
    public void PressedContactKeepsRespondingAbove2p4MPa()
    {
        double h = LiProps.Hardness; // 3 × 0.8 MPa = 2.4 MPa, where Tabor's p/H saturated
        Assert.Equal(ContactModel.MinimumContact, ContactModel.InitialContact(0, h));
        Assert.Equal(0.01 * Mpa / h, ContactModel.InitialContact(0.01 * Mpa, h), 4); // Tabor at low load
        double c2 = ContactModel.InitialContact(2.4 * Mpa, h), c3 = ContactModel.InitialContact(3 * Mpa, h);
        double c5 = ContactModel.InitialContact(5 * Mpa, h), c10 = ContactModel.InitialContact(10 * Mpa, h);
        Assert.True(c2 < c3 && c3 < c5 && c5 < c10 && c10 < 1, $"{c2} {c3} {c5} {c10}");
    }

    /// <summary>
    /// A foil pressed on at 20 MPa and cycled without stack pressure keeps its pressed contact (plastic
    /// contact does not spring back) and loses it only by stripping; without the pressing history the
    /// same cell starts at the smallest contact the model keeps, and its overpotential is far higher.
    /// </summary>
    [Fact]
    public void ThePressingPressureSetsTheInitialContactOfACellCycledWithoutStackPressure()
    {
        string Yaml(string extra) => CellFactory.Symmetric("Ohmium", pressure: "0 MPa", extra: extra);
        var pressed = CellFactory.Cell(Yaml("metal_pressing_pressure: 20 MPa"));
        var laid = CellFactory.Cell(Yaml(""));
        double h = pressed.Left.MetalProps.Hardness;
        Assert.Equal(1 - Math.Exp(-20 * Mpa / h), pressed.Left.InitialContact, 12);
        Assert.Equal(ContactModel.MinimumContact, laid.Left.InitialContact);
        // a stack pressure above the pressing pressure sets the contact instead
        var squeezed = CellFactory.Cell(CellFactory.Symmetric("Ohmium", pressure: "5 MPa", extra: "metal_pressing_pressure: 1 MPa"));
        Assert.Equal(1 - Math.Exp(-5 * Mpa / h), squeezed.Left.InitialContact, 12);
        // the first minute of stripping: the pressed cell answers with a bounded overpotential
        var rp = CellFactory.Run(pressed, "Strip at 0.05 mA/cm2 for 1 min");
        var rl = CellFactory.Run(laid, "Strip at 0.05 mA/cm2 for 1 min");
        Assert.True(Math.Abs(rl.Series[^1].Voltage) > 5 * Math.Abs(rp.Series[^1].Voltage), $"{rl.Series[^1].Voltage} vs {rp.Series[^1].Voltage}");
    }

    [Fact]
    public void ABadMetalPressingPressureIsOneLineNamingItsLine()
    {
        var ex = Assert.Throws<InputException>(() => CellFactory.Cell(CellFactory.Symmetric("Ohmium", extra: "metal_pressing_pressure: -3 MPa")));
        Assert.Contains("metal pressing pressure cannot be negative", ex.Message);
        Assert.StartsWith("test-cell.yaml:", ex.OneLine);
    }

    [Fact]
    public void ConstrictionResistanceFollowsHolmAndVanishesAtFullContact()
    {
        var c = new ConstrictionResistance(1e-6);
        double rho = 10; // Ω m
        Assert.Equal(0, c.AreaSpecific(1, rho));
        Assert.True(c.AreaSpecific(0.1, rho) > c.AreaSpecific(0.5, rho) && c.AreaSpecific(0.5, rho) > c.AreaSpecific(0.9, rho));
        // few, far-apart spots: Holm's ρ/(4a) per spot, n_s spots per m²
        double phi = 1e-8, ns = 1e12, a = Math.Sqrt(phi / (Math.PI * ns));
        Assert.Equal(rho / (4 * a) / ns, c.AreaSpecific(phi, rho), 1e-3 * rho / (4 * a) / ns);
        // it scales with the spot spacing
        Assert.Equal(10 * c.AreaSpecific(0.3, rho), new ConstrictionResistance(1e-5).AreaSpecific(0.3, rho), 1e-12);
    }

    [Fact]
    public void ConstrictionAppearsInTheDcDropAndInTheImpedanceAndVanishesAtFullContact()
    {
        var cell = SymmetricCell.Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "E-bare-Li-LLTO.yaml"), Lib), Lib);
        var side = cell.Left;
        var noSpread = new ElectrodeSide
        {
            Label = side.Label, Metal = side.Metal, MetalProps = side.MetalProps, MetalThickness = side.MetalThickness,
            Contact = side.Contact with { Constriction = new ConstrictionResistance(1e-15) }, Surface = side.Surface,
            Amalgam = side.Amalgam, AmalgamThickness = side.AmalgamThickness, Paths = side.Paths, ConformalRate = side.ConformalRate,
            InitialContact = side.InitialContact, Interlayers = side.Interlayers,
        };
        double T = cell.TemperatureK, j = 5 * Si.MilliampPerCm2;
        var k = new SideConditions(); k.Set(side, T, cell.StackPressure);
        double rho = side.SpreadingResistivity(T);
        Assert.True(rho > 0);
        foreach (var phi in new[] { 0.05, 0.3, 1.0 })
        {
            var st = new SideState { Phi = phi, Metal = side.MetalThickness };
            double rc = side.Contact.Constriction.AreaSpecific(phi * ElectrodeSideDynamics.Psi(st.Metal, side.Contact.AsperityHeight), rho);
            // DC: the drop carries j·R_c on top of the kinetics
            double extra = ElectrodeSideDynamics.Drop(side, st, k, j) - ElectrodeSideDynamics.Drop(noSpread, st, k, j);
            Assert.Equal(j * rc, extra, 1e-9 + 1e-9 * Math.Abs(extra));
            // EIS: at low frequency the side's impedance holds R_c; at very high frequency its capacitance shorts it
            var low = SymmetricImpedance.SideImpedance(cell.ElectrolytePermittivity, side, phi, double.PositiveInfinity, 0, 0, T, new Complex(0, 2 * Math.PI * 1e-4))
                    - SymmetricImpedance.SideImpedance(cell.ElectrolytePermittivity, noSpread, phi, double.PositiveInfinity, 0, 0, T, new Complex(0, 2 * Math.PI * 1e-4));
            double rcEis = side.Contact.Constriction.AreaSpecific(phi, rho);
            Assert.Equal(rcEis, low.Real, 1e-6 * rcEis + 1e-15);
            var (r1, _) = SymmetricImpedance.SideResistances(side, phi, double.PositiveInfinity, 0, 0, T);
            var (r1n, _) = SymmetricImpedance.SideResistances(noSpread, phi, double.PositiveInfinity, 0, 0, T);
            Assert.Equal(rcEis, r1 - r1n, 1e-9 * rcEis + 1e-15);
            if (phi < 1) Assert.True(rcEis > 0 && rc > 0);
            else Assert.True(rcEis == 0 && extra == 0);
        }
    }
}
