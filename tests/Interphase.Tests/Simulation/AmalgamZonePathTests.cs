using System.Numerics;
using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The metal an amalgam carries into the electrolyte's channels shortens the ionic path (AmalgamZone, docs/models.md
/// §8.1, decision 0055): the bulk ends at the zone's front and the zone is de Levie's transmission line, in the DC
/// voltage and in the impedance, in the symmetric and the full cell. Each test fails with model.amalgam_zone_path off
/// or with the zone's path taken out of the simulators.
/// </summary>
public class AmalgamZonePathTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    const double Z0 = 7e-6;   // LiHg initial_zone_thickness (domain.md E, as made)
    static readonly AmalgamZone Zone = new(0.05, 0.5e-6, Z0, 1e-9, "test");

    /// <summary>Input impedance of the zone as a ladder of n segments, from the face (load zWet/φ) to the front (an independent check of the closed form).</summary>
    static Complex Ladder(double depth, double phi, Complex zWet, double rho, int n)
    {
        double matrix = rho / Math.Pow(1 - Zone.Porosity, 1.5), dz = depth / n;
        Complex z = zWet / phi;
        Complex shunt = zWet / (phi * Zone.SpecificArea * dz);   // the walls of one segment, per geometric area
        for (int k = 0; k < n; k++)
        {
            // half the segment's matrix, its walls, the other half (second order in dz)
            z += matrix * dz / 2;
            z = z * shunt / (z + shunt) + matrix * dz / 2;
        }
        return z;
    }

    [Fact]
    public void TheZoneIsATransmissionLineBetweenTheFaceAndTheBulkBeyondItsFront()
    {
        double rct = 5e-5, rho = 100, phi = 0.6, l = 500e-6, rBulk = rho * l;   // Ω m², Ω m (LLTO at 1e-4 S/cm), m
        // Z = 0: the face alone and the whole pellet, exactly the model without the zone's path
        Assert.Equal(0, Zone.IonicResistance(0, phi, rct, rho));
        Assert.Equal(rct / phi, Zone.InputImpedance(0, phi, rct, rho).Real);
        Assert.Equal(rBulk, ElectrodeSideDynamics.BulkBeyondZones(rBulk, l, Zone.PathDepth(0), Zone.PathDepth(0)));
        // any depth: the closed form (charge transfer on the area m plus the matrix's ρ_m λ tanh(Z/λ)/m) is the
        // finite line itself, a ladder of 20 000 segments, in DC and at 10 kHz (walls R_ct ∥ C_dl = 20 µF/cm²)
        foreach (double depth in new[] { 0.5e-6, Z0, 24e-6 })
        {
            double closed = rct / (phi * Zone.AreaFactor(depth, phi, rct, rho)) + Zone.IonicResistance(depth, phi, rct, rho);
            Assert.Equal(closed, Zone.InputImpedance(depth, phi, rct, rho).Real, 1e-12 * closed);
            Assert.Equal(0, Zone.InputImpedance(depth, phi, rct, rho).Imaginary, 1e-20);
            double ladder = Ladder(depth, phi, rct, rho, 20000).Real;
            Assert.True(Math.Abs(closed / ladder - 1) < 1e-4, $"Z = {depth * 1e6} µm: closed form {closed:G6}, ladder {ladder:G6} Ω m²");
            var jw = new Complex(0, 2 * Math.PI * 1e4);
            var zw = rct / (1 + jw * rct * 0.2);
            var ac = Zone.InputImpedance(depth, phi, zw, rho);
            var acLadder = Ladder(depth, phi, zw, rho, 20000);
            Assert.True(Complex.Abs(ac / acLadder - 1) < 1e-4, $"Z = {depth * 1e6} µm at 10 kHz: {ac} vs ladder {acLadder}");
        }
        // Z ≫ λ: the bulk up to the front, ρ(L − Z), and the semi-infinite line's Z₀ = ρ_m λ
        double matrix = rho / Math.Pow(0.95, 1.5), lambda = Math.Sqrt(rct / (phi * Zone.SpecificArea * matrix));
        double deep = 100 * lambda;
        double total = ElectrodeSideDynamics.BulkBeyondZones(rBulk, l, Zone.PathDepth(deep), 0) + Zone.InputImpedance(deep, phi, rct, rho).Real;
        Assert.Equal(rho * (l - deep) + matrix * lambda, total, 1e-12 * total);
        // switched off: no path through the zone, the face on the area m and the whole pellet (decision 0035's model)
        var off = Zone with { ShortensPath = false };
        Assert.Equal(0, off.PathDepth(Z0));
        Assert.Equal(0, off.IonicResistance(Z0, phi, rct, rho));
        // no channels: no metal in the pellet, nothing shortened
        Assert.Equal(0, (Zone with { Porosity = 0 }).PathDepth(Z0));
    }

    static CellSpec Spec(string path, params (string path, string value)[] more)
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "E-amalgam-Li-LLTO.yaml"), Lib);
        // LLTO made an electronic insulator, so that all of the current is ionic (its leak is ~1e-5 of it)
        return spec with { Overrides = [new ParameterOverride($"model.{AmalgamZone.PathSwitch}", path, default),
            new ParameterOverride("LLTO.electronic_conductivity", "0 S/cm", default), .. more.Select(o => new ParameterOverride(o.path, o.value, default))] };
    }

    /// <summary>R_ion of one side's zone, its matrix's ionic resistance (Ω m²), at the state of a time point.</summary>
    static double Matrix(ElectrodeSide s, InterfaceSnapshot side, double T)
    {
        double rho = 1 / s.Paths[0].NeighbourConductivity!.At(T);
        double a = Math.Max(side.Contact * ElectrodeSideDynamics.Psi(side.MetalM, s.Contact.AsperityHeight), ContactModel.MinimumContact);
        return s.Zone!.IonicResistance(side.AmalgamZoneM, a, s.Paths[0].Kinetics.At(T).LinearResistance, rho);
    }

    /// <summary>ρ·Z − R_ion of one side: what the zone's path takes off the cell's resistance (Ω m²).</summary>
    static double Saved(ElectrodeSide s, InterfaceSnapshot side, double T) =>
        side.AmalgamZoneM / s.Paths[0].NeighbourConductivity!.At(T) - Matrix(s, side, T);

    /// <summary>
    /// The electrolyte's ohmic path of an amalgam symmetric cell at a time point (Ω m²): the bulk beyond the zones'
    /// fronts and their matrix, what the interfacial (IR-free) overpotential subtracts.
    /// </summary>
    internal static double PathAsr(SymmetricCell cell, TimePoint p)
    {
        double T = cell.TemperatureK, rho = 1 / cell.ElectrolyteConductivity.At(T);
        return rho * (cell.ElectrolyteThickness - p.Left.AmalgamZoneM - p.Right.AmalgamZoneM) + Matrix(cell.Left, p.Left, T) + Matrix(cell.Right, p.Right, T);
    }

    [Fact]
    public void TheSymmetricCellsVoltageAndSpectrumSeeTheBulkEndAtTheFronts()
    {
        string[] steps = ["Strip at 5 mA/cm2 for 1 h", "Measure EIS from 1 MHz to 100 mHz"];
        var on = SymmetricCell.Build(Spec("on"), Lib);
        var off = SymmetricCell.Build(Spec("off"), Lib);
        var rOn = new SymmetricSimulator(on).Run(ProtocolParser.ParseLines(steps));
        var rOff = new SymmetricSimulator(off).Run(ProtocolParser.ParseLines(steps));
        var end = rOn.Series.Last(p => p.StepIndex == 1);
        var endOff = rOff.Series.Last(p => p.StepIndex == 1);
        // the same state: the zone's growth and the contact do not depend on the voltage
        Assert.Equal(end.Left.AmalgamZoneM, endOff.Left.AmalgamZoneM, 1e-12);
        Assert.True(end.Left.AmalgamZoneM > 2 * Z0);
        double T = on.TemperatureK, j = 5 * Si.MilliampPerCm2;
        // DC: the cell's voltage is lower by j·Σ(ρZ − R_ion)
        double saved = Saved(on.Left, end.Left, T) + Saved(on.Right, end.Right, T);
        Assert.True(saved > 0.05 / j, $"saved {saved / Si.OhmCm2:G4} Ω cm²");
        Assert.Equal(j * saved, endOff.Voltage - end.Voltage, 1e-3 * j * saved);
        // the IR-free overpotential subtracts the whole ohmic path, the zones' matrix included: it is the model's without
        // the path (the charge transfer on the area m, the constriction and the interphase)
        Assert.Equal(Math.Abs(endOff.Voltage) - j * rOff.Derived["electrolyte_asr_ohm_cm2"] * Si.OhmCm2, Math.Abs(end.Voltage) - j * PathAsr(on, end), 1e-6);
        // AC: the grouping's bulk is that path, ρ(L − Z_L − Z_R) + Σ R_ion
        double rho = 1 / on.ElectrolyteConductivity.At(T), l = on.ElectrolyteThickness;
        var sOn = rOn.Spectra[^1];
        var sOff = rOff.Spectra[^1];
        Assert.Equal(PathAsr(on, end) / on.Area, sOn.RBulk, 1e-6 * sOn.RBulk);
        Assert.Equal(rho * l / off.Area, sOff.RBulk, 1e-9 * sOff.RBulk);
        // and its low-frequency limit is the DC small-signal resistance, the zones' matrix included
        double dc = sOn.RBulk + sOn.RInterphase + sOn.RChargeTransfer;
        Assert.Equal(dc, sOn.Impedance[^1].Real, 1e-4 * dc);
        Assert.Equal(saved / on.Area, sOff.RBulk + sOff.RInterphase + sOff.RChargeTransfer - dc, 1e-3 * saved / on.Area);
    }

    [Fact]
    public void TheFullCellsSeparatorEndsAtTheAnodesZone()
    {
        const string yaml = """
            name: amalgam-full
            kind: full
            diameter: 10 mm
            temperature: 25 degC
            stack_pressure: 1 MPa
            layers:
              - {material: Li, thickness: 70 um}
              - {material: LiHg, thickness: 70 um}
              - {material: LLTO, thickness: 100 um}
              - {material: LiFePO4, loading: 2 mg/cm2, electrolyte_fraction: 0.35}
            """;
        FullCellResult Run(string path, out FullCell cell)
        {
            var spec = CellSpec.Parse(YNode.LoadText(yaml + $"\noverrides:\n  model.{AmalgamZone.PathSwitch}: {path}\n  LLTO.electronic_conductivity: 0 S/cm\n", "full.yaml"), Lib);
            cell = FullCell.Build(spec, Lib);
            return new FullCellSimulator(cell).Run(ProtocolParser.ParseLines(["Charge at 0.5 mA/cm2 for 6 min"]));
        }
        var on = Run("on", out var cellOn);
        var off = Run("off", out _);
        Assert.NotNull(cellOn.Anode.Zone);
        var end = on.Series[^1];
        // charging plates the anode: its zone keeps its as-made depth
        Assert.Equal(Z0, end.Anode.AmalgamZoneM, 15);
        double saved = Saved(cellOn.Anode, end.Anode, cellOn.TemperatureK);
        Assert.True(saved > 0, $"saved {saved / Si.OhmCm2:G4} Ω cm²");
        double j = 0.5 * Si.MilliampPerCm2;
        Assert.Equal(j * saved, off.Series[^1].Voltage - end.Voltage, 1e-3 * j * saved);
    }
}
