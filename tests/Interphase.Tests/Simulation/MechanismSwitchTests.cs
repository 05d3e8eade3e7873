using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Tests.Cli;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Each mechanism switched off (cell file <c>mechanisms:</c>, <c>simulate --without</c>; docs/models.md, "Mechanisms
/// and how to switch them off") changes a shipped case the way the physics says: the quantity the mechanism drives
/// stays where it started, and what it costs or gives goes with it. With nothing switched off every shipped case
/// writes what it wrote before (ShippedCaseOutputTests).
/// </summary>
public class MechanismSwitchTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static CellSpec Spec(string name, string? without)
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);
        return without is null ? spec : spec with { Mechanisms = spec.Mechanisms.WithoutNames([without], default) };
    }

    static Protocol ProtocolOf(CellSpec spec, string[] steps) => steps.Length == 0 ? ProtocolParser.OfCell(spec)! : ProtocolParser.ParseLines(steps);

    static SimulationResult Sym(string name, string? without, params string[] steps)
    {
        var spec = Spec(name, without);
        return new SymmetricSimulator(SymmetricCell.Build(spec, Lib)).Run(ProtocolOf(spec, steps));
    }

    static FullCellResult Full(string name, string? without, params string[] steps)
    {
        var spec = Spec(name, without);
        return new FullCellSimulator(FullCell.Build(spec, Lib)).Run(ProtocolOf(spec, steps));
    }

    // A-bare-Li-LPSCl at 1 MPa, where stripping at 1 mA/cm² outpaces the metal's supply (its void onset at 5 MPa is
    // 4.6 mA/cm²), electrode 1 stripping; the plating electrode's filaments would short it first, so dendrites are off
    static readonly string[] StripAboveVoidOnset = ["Strip at 1 mA/cm2 for 1 h"];

    static SimulationResult LowPressure(string without) =>
        new SymmetricSimulator(LowPressureCell(without)).Run(ProtocolParser.ParseLines(StripAboveVoidOnset));

    static SymmetricCell LowPressureCell(string without) => SymmetricCell.Build(Spec("A-bare-Li-LPSCl", without) with { StackPressurePa = 1e6 }, Lib);

    [Fact]
    public void ContactLossOffOpensNoVoidsAndLowersTheLateStrippingOverpotential()
    {
        var on = LowPressure("dendrites");
        var off = LowPressure("dendrites,contact-loss");
        double phi0 = on.Series[0].Left.Contact;
        Assert.Equal(phi0, off.Series[0].Left.Contact);
        // on: the stripping electrode loses contact; off: it never falls below its pressed contact
        Assert.True(on.Series[^1].Left.Contact < 0.9 * phi0, $"contact with voids {on.Series[^1].Left.Contact:G4} of {phi0:G4}");
        Assert.All(off.Series, p => Assert.True(p.Left.Contact >= phi0 - 1e-12, $"contact {p.Left.Contact:G6} below {phi0:G6} at {p.TimeS:G4} s"));
        // the overpotential: the same at the start, lower without voids late in the strip, and the gap widens
        double early = Math.Abs(on.Series[1].Voltage) - Math.Abs(off.Series[1].Voltage);
        double late = Math.Abs(on.Series[^1].Voltage) - Math.Abs(off.Series[^1].Voltage);
        Assert.True(late > 0.005, $"late stripping overpotential only {late * 1e3:G3} mV lower without voids");
        Assert.True(late > 5 * Math.Abs(early), $"gap early {early * 1e3:G3} mV, late {late * 1e3:G3} mV");
    }

    [Fact]
    public void ConstrictionOffRemovesTheSpreadingResistanceOfTheRemainingContact()
    {
        var cell = LowPressureCell("dendrites");
        var on = new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(StripAboveVoidOnset));
        var off = LowPressure("dendrites,constriction");
        // the contact does not depend on the voltage: both runs lose the same contact
        var a = on.Series[^1];
        var b = off.Series[^1];
        Assert.Equal(a.TimeS, b.TimeS);
        Assert.Equal(a.Left.Contact, b.Left.Contact, 1e-3);
        // the voltage gap is the constriction resistance R_c(φ) of both electrodes at the current (Fleig & Maier)
        double j = 1 * Si.MilliampPerCm2, T = cell.TemperatureK;
        double Rc(ElectrodeSide s, InterfaceSnapshot x) =>
            s.Contact.Constriction.AreaSpecific(Math.Max(x.Contact * ElectrodeSideDynamics.Psi(x.MetalM, s.Contact.AsperityHeight), Models.ContactModel.MinimumContact), s.SpreadingResistivity(T));
        double expected = j * (Rc(cell.Left, a.Left) + Rc(cell.Right, a.Right));
        double gap = Math.Abs(a.Voltage) - Math.Abs(b.Voltage);
        Assert.True(expected > 1e-5, $"constriction drop {expected * 1e3:G3} mV");
        Assert.Equal(expected, gap, 0.05 * expected);
    }

    [Fact]
    public void InterphaseGrowthOffKeepsTheInterphaseAndTheMetal()
    {
        string[] steps = ["Rest for 100 h", "Plate at 0.1 mA/cm2 for 5 h", "Strip at 0.1 mA/cm2 for 5 h"];
        var on = Sym("A-bare-Li-LPSCl", null, steps);
        var off = Sym("A-bare-Li-LPSCl", "interphase-growth", steps);
        double l0 = on.Series[0].Left.InterphaseM;
        Assert.True(on.Series[^1].Left.InterphaseM > 1.5 * l0, $"interphase {on.Series[^1].Left.InterphaseM * 1e9:G4} nm from {l0 * 1e9:G4} nm");
        Assert.True(on.InterphaseCharge.Left > 0);
        Assert.All(off.Series, p => Assert.Equal(l0, p.Left.InterphaseM));
        Assert.Equal((0.0, 0.0), off.InterphaseCharge);
        // plated and stripped the same charge: without the interphase's appetite the foil is back where it started
        Assert.Equal(off.Series[0].Left.MetalM, off.Series[^1].Left.MetalM, 1e-12);
        Assert.True(on.Series[^1].Left.MetalM < off.Series[^1].Left.MetalM);
        // the resistance it adds stays the initial one: the overpotential after the rest is lower without growth
        Assert.True(Math.Abs(off.Series[^1].Voltage) < Math.Abs(on.Series[^1].Voltage));
    }

    [Fact]
    public void ElectronicLeakageOffLeavesTheCurrentToTheIons()
    {
        // Li | LLTO | Li: Li reduces LLTO to a mixed conductor, a leak in parallel with the ionic cell
        string[] steps = ["Rest for 20 h", "Plate at 0.1 mA/cm2 for 0.5 h"];
        var on = Sym("E-bare-Li-LLTO", null, steps);
        var off = Sym("E-bare-Li-LLTO", "electronic-leakage", steps);
        Assert.NotNull(on.LeakageAsr);
        Assert.Null(off.LeakageAsr);
        // the leak takes a share of the current, so the cell's voltage is lower with it, by about R_ionic/R_e
        double vOn = Math.Abs(on.Series[^1].Voltage), vOff = Math.Abs(off.Series[^1].Voltage);
        double rIonic = vOff / (0.1 * Si.MilliampPerCm2);
        double share = (vOff - vOn) / vOff, expected = rIonic / on.LeakageAsr!.Value;
        Assert.True(share > 0.5 * expected && share < 2 * expected, $"voltage lowered by {share:G3}, R_ionic/R_e = {expected:G3}");
    }

    [Fact]
    public void DendritesOffLeaveAPolymerCellThatShortsWithoutAShort()
    {
        var on = Sym("B-bare-Li-PEO", null);
        var off = Sym("B-bare-Li-PEO", "dendrites");
        Assert.True(on.ShortCircuit);
        Assert.NotNull(on.Onset);
        Assert.False(off.ShortCircuit);
        Assert.Null(off.Onset);
        Assert.All(off.Series, p => Assert.True(p.Left.FilamentM == 0 && p.Right.FilamentM == 0));
    }

    [Fact]
    public void FilamentConductionOffLeavesTheSeparatorResistanceUntilTheShort()
    {
        var on = Sym("B-bare-Li-PEO", null);
        var off = Sym("B-bare-Li-PEO", "filament-conduction");
        // the same filaments grow and short at the same time: conduction changes only the ohmic drop
        Assert.Equal(on.ShortCircuitTimeS, off.ShortCircuitTimeS);
        var cOn = on.Cycles.Single(c => c.Cycle == 60);
        var cOff = off.Cycles.Single(c => c.Cycle == 60);
        Assert.Contains(on.Series, p => p.TimeS <= cOn.EndS && p.Left.FilamentM + p.Right.FilamentM > 0);
        // the interfacial (IR-free) overpotential is the same; the whole overpotential is higher without conduction
        Assert.Equal(cOn.MeanAbsInterfacial, cOff.MeanAbsInterfacial, 1e-6);
        Assert.True(cOff.MeanAbsVoltage > cOn.MeanAbsVoltage + 1e-3, $"{cOff.MeanAbsVoltage * 1e3:G5} vs {cOn.MeanAbsVoltage * 1e3:G5} mV");
    }

    [Fact]
    public void SoftShortsOffMakeTheFirstContactTheHardShort()
    {
        var on = Sym("E-bare-Li-LLTO", null);
        var off = Sym("E-bare-Li-LLTO", "soft-shorts");
        Assert.NotEmpty(on.SoftShorts);
        Assert.Empty(off.SoftShorts);
        Assert.True(off.ShortCircuit);
        // the filament touches the counter electrode at the same moment: without a bridge that is the short
        Assert.Equal(on.SoftShorts[0].StartS, off.ShortCircuitTimeS!.Value, 1e-6 * on.SoftShorts[0].StartS);
        Assert.True(off.ShortCircuitTimeS < on.ShortCircuitTimeS);
    }

    [Fact]
    public void PoreIntrusionOffKeepsTheMetalOutOfThePoresAtHighPressure()
    {
        // A-bare at a pressure whose creep crosses the pellet's open pores in about 50 h (BrittleFailureTests)
        var reference = SymmetricCell.Build(Spec("A-bare-Li-LPSCl", null) with { StackPressurePa = 100e6 }, Lib);
        var pi = reference.Left.Intrusion!;
        double T = reference.TemperatureK;
        double pressure = 100e6 * Math.Pow(pi.TimeToCross(T, 100e6) / (50 * 3600.0), 1 / pi.CreepExponent);
        var rest = ProtocolParser.ParseLines(["Rest for 100 h"]);
        var on = new SymmetricSimulator(SymmetricCell.Build(Spec("A-bare-Li-LPSCl", null) with { StackPressurePa = pressure }, Lib)).Run(rest);
        var offCell = SymmetricCell.Build(Spec("A-bare-Li-LPSCl", "pore-intrusion") with { StackPressurePa = pressure }, Lib);
        var off = new SymmetricSimulator(offCell).Run(rest);
        Assert.True(on.ShortCircuit);
        Assert.Contains(on.Events, e => e.Kind == "short_circuit" && e.Message.Contains("open pores"));
        Assert.Null(offCell.Left.Intrusion);
        Assert.False(off.ShortCircuit);
    }

    [Fact]
    public void AmalgamWettingOffIsTheModelSwitchAndLeavesTheVoidsOpen()
    {
        string[] steps = ["Plate at 5 mA/cm2 for 1 h", "Strip at 5 mA/cm2 for 1 h"];
        var on = Sym("E-amalgam-Li-LLTO", null, steps);
        var off = Sym("E-amalgam-Li-LLTO", "amalgam-wetting", steps);
        // the same as the library's own switch (overrides: {model.amalgam_wetting: off})
        var spec = Spec("E-amalgam-Li-LLTO", null);
        spec = spec with { Overrides = [.. spec.Overrides, new ParameterOverride($"model.{Models.AmalgamInterlayer.WettingSwitch}", "off", default)] };
        var model = new SymmetricSimulator(SymmetricCell.Build(spec, Lib)).Run(ProtocolParser.ParseLines(steps));
        Assert.Equal(model.Series.Select(p => p.Voltage), off.Series.Select(p => p.Voltage));
        // electrode 2 strips first: with wetting its liquid film refills the voids, without it they stay open
        Assert.True(on.Series[^1].Right.Contact > 0.99, $"contact with wetting {on.Series[^1].Right.Contact:G4}");
        Assert.True(off.Series.Where(p => p.StepIndex == 1).Last().Right.Contact < 0.5 * on.Series.Where(p => p.StepIndex == 1).Last().Right.Contact);
    }

    [Fact]
    public void DensificationOffLeavesAPressedInterlayerAtItsAsMadePorosity()
    {
        var on = SymmetricCell.Build(Spec("A-Li2Se-NP-LPSCl", null), Lib);
        var off = SymmetricCell.Build(Spec("A-Li2Se-NP-LPSCl", "densification"), Lib);
        var (_, gOn) = on.Left.Interlayers[0];
        var (_, gOff) = off.Left.Interlayers[0];
        // Heckel: the assembly pressure closed pores and thinned the layer at constant solid volume
        Assert.True(gOff.Porosity > gOn.Porosity + 0.01, $"porosity {gOff.Porosity:G3} vs {gOn.Porosity:G3}");
        Assert.Equal(gOff.Thickness * (1 - gOff.Porosity), gOn.Thickness * (1 - gOn.Porosity), 1e-9 * gOn.Thickness);
        Assert.True(off.Left.Paths.Sum(p => p.AreaFraction * p.OhmicAsr) != on.Left.Paths.Sum(p => p.AreaFraction * p.OhmicAsr));
    }

    [Fact]
    public void ConcentrationPolarisationOffKeepsTheSaltUniform()
    {
        var on = Sym("B-bare-Li-PEO", null);
        var off = Sym("B-bare-Li-PEO", "concentration-polarisation");
        Assert.True(on.HasConcentration);
        Assert.False(off.HasConcentration);
        // no salt gradient: no concentration overpotential, and no electrode runs out of salt (no Sand onset, no short)
        Assert.True(off.Cycles[0].MeanAbsVoltage < on.Cycles[0].MeanAbsVoltage - 0.003,
            $"{off.Cycles[0].MeanAbsVoltage * 1e3:G4} vs {on.Cycles[0].MeanAbsVoltage * 1e3:G4} mV");
        Assert.True(on.ShortCircuit);
        Assert.False(off.ShortCircuit);
        Assert.Null(off.Onset);
    }

    // ------------------------------------------------------------------ full cells

    [Fact]
    public void AFullCellHonoursTheElectrodeMechanisms()
    {
        var on = Full("A-LCO-bare-Li", null);
        var off = Full("A-LCO-bare-Li", "interphase-growth");
        Assert.True(on.Series[^1].Anode.InterphaseM > on.Series[0].Anode.InterphaseM);
        Assert.All(off.Series, p => Assert.Equal(off.Series[0].Anode.InterphaseM, p.Anode.InterphaseM));
        Assert.All(off.Series, p => Assert.Equal(0, p.Anode.InterphaseChargeCPerM2));
        // a polymer full cell's dendrite onset goes with the dendrites
        Assert.NotNull(Full("B-LFP-bare-Li", null).Onset);
        Assert.Null(Full("B-LFP-bare-Li", "dendrites").Onset);
    }

    [Fact]
    public void TheCathodeMechanismsSwitchOffInAFullCell()
    {
        var on = Full("A-LCO-bare-Li", null);
        Assert.True(on.Series[^1].Cathode.CeiCharge > 0);
        Assert.True(on.Series[^1].Cathode.Contact < 1);
        Assert.All(Full("A-LCO-bare-Li", "cathode-interphase").Series, p => Assert.Equal(0, p.Cathode.CeiCharge));
        Assert.All(Full("A-LCO-bare-Li", "cathode-contact-loss").Series, p => Assert.Equal(1, p.Cathode.Contact));
        var conv = Full("C-FeS2-LPS-solid", null);
        Assert.True(conv.Series[^1].Cathode.Contact < 0.9);
        Assert.All(Full("C-FeS2-LPS-solid", "cathode-contact-loss").Series, p => Assert.Equal(1, p.Cathode.Contact));
    }

    [Fact]
    public void ActiveMaterialLossOffKeepsTheCathodeWhole()
    {
        string[] steps = ["Charge at 0.1C until 4.5 V", "Hold at 4.5 V for 20 h"];
        var on = Full("A-LCO-bare-Li", null, steps);
        var off = Full("A-LCO-bare-Li", "active-material-loss", steps);
        Assert.True(on.Series[^1].Cathode.ActiveFraction < 0.999, $"active fraction {on.Series[^1].Cathode.ActiveFraction:G5}");
        Assert.All(off.Series, p => Assert.Equal(1, p.Cathode.ActiveFraction));
    }

    // ------------------------------------------------------------------ input

    [Fact]
    public void AnUnknownMechanismInTheCellFileNamesItsLineAndTheValidNames()
    {
        var yaml = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml")) + "mechanisms:\n  voids: off\n";
        var file = Path.Combine(TestPaths.Cases, "cell.yaml");
        var ex = Assert.Throws<InputException>(() => CellSpec.Parse(YNode.LoadText(yaml, file), Lib));
        Assert.Contains("unknown mechanism 'voids'", ex.Message);
        Assert.Contains(Mechanisms.ValidNames, ex.Message);
        Assert.Equal(file, ex.Location.File);
        Assert.Equal(yaml.Split('\n').Length - 1, ex.Location.Line);
        var bad = Assert.Throws<InputException>(() => CellSpec.Parse(YNode.LoadText(yaml.Replace("voids: off", "dendrites: maybe"), file), Lib));
        Assert.Contains("mechanisms.dendrites must be on or off", bad.Message);
        var cathode = Assert.Throws<InputException>(() => CellSpec.Parse(YNode.LoadText(yaml.Replace("voids: off", "cathode-interphase: off"), file), Lib));
        Assert.Contains("cathode-interphase is a mechanism of full cells", cathode.Message);
    }

    [Fact]
    public void TheCellFileAndTheCommandLineSwitchTheSameMechanism()
    {
        var yaml = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml")) + "mechanisms: {contact-loss: off, interphase_growth: off}\n";
        var spec = CellSpec.Parse(YNode.LoadText(yaml, Path.Combine(TestPaths.Cases, "x.yaml")), Lib);
        Assert.Equal(Mechanisms.All.Without(Mechanism.ContactLoss).Without(Mechanism.InterphaseGrowth), spec.Mechanisms);
        Assert.Equal(spec.Mechanisms, Mechanisms.All.WithoutNames(["contact-loss,interphase-growth"], default));
        // the older full-cell block means the same mechanisms
        var deg = CellSpec.Parse(YNode.LoadText(File.ReadAllText(Path.Combine(TestPaths.Cases, "A-LCO-bare-Li.yaml")) + "degradation: {anode_interphase: off, contact_loss: off}\n",
            Path.Combine(TestPaths.Cases, "y.yaml")), Lib);
        Assert.Equal(Mechanisms.All.Without(Mechanism.InterphaseGrowth).Without(Mechanism.ContactLoss).Without(Mechanism.CathodeContactLoss), deg.Mechanisms);
    }

    [Fact]
    public void ASweepSwitchesAMechanismAsAnyCellKey()
    {
        var cell = Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml").Replace('\\', '/');
        var file = Sweeps.SweepSpecTests.Write($"cell: {cell}\nprotocol:\n  - \"Plate at 0.2 mA/cm2 for 1 h\"\ndesign: {{method: grid}}\nparameters:\n  mechanisms.dendrites: {{values: [on, off]}}\n");
        var spec = Interphase.Sweeps.SweepSpec.Read(file);
        var points = spec.Points();
        Assert.Equal([Mechanisms.All, Mechanisms.All.Without(Mechanism.Dendrites)], points.Select(p => Interphase.Sweeps.SweepCell.Apply(spec, p, Lib).Cell.Mechanisms));
    }

    [Fact]
    public void TheCommandLineRefusesAnUnknownMechanismAndSummaryJsonListsThem()
    {
        var bad = CliHarness.Run("simulate", "A-bare-Li-LPSCl", "--without", "voids", "--out", Path.Combine(TestPaths.TempDir(), "x"), "-q");
        Assert.Equal(2, bad.code);
        Assert.Contains("--without 'voids'", bad.stderr);
        Assert.Contains(Mechanisms.ValidNames, bad.stderr);
        CliHarness.Run("simulate", "A-bare-Li-LPSCl", "--without", "cathode-interphase", "--step", "Rest for 1 h", "--out", Path.Combine(TestPaths.TempDir(), "y"), "-q").OneLineError(1);

        var dir = Path.Combine(TestPaths.TempDir(), "z");
        var ok = CliHarness.Run("simulate", "A-bare-Li-LPSCl", "--without", "contact-loss", "--without", "dendrites", "--step", "Strip at 0.5 mA/cm2 for 1 h", "--out", dir, "-q");
        Assert.True(ok.code == 0, ok.stderr);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        Assert.Equal(["contact-loss", "dendrites"], json["mechanisms"]!["off"]!.AsArray().Select(n => n!.GetValue<string>()));
        var onNames = json["mechanisms"]!["on"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.Contains("constriction", onNames);
        Assert.DoesNotContain("contact-loss", onNames);
        Assert.DoesNotContain("cathode-interphase", onNames); // a symmetric cell has none
    }
}
