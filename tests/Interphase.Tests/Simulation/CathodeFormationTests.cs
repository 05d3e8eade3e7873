using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The polythiophene layer grown on a composite cathode in a full cell (issue 10, docs/models.md §16.2):
/// Li | PEO-LiTFSI + 2,2'-bithiophene | LiFePO4. The first charge's end drives the composite above the monomer's
/// oxidation onset; the layer grows on the particles and the cathode interface resistance follows from it.
/// </summary>
public class CathodeFormationTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    const double F = 96485.33212;

    static string Yaml(bool grown = true, string extra = "") =>
        "name: f\nkind: full\narea: 1 cm2\ntemperature: 40 degC\nstack_pressure: 0.2 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 200 um}\n  - {material: PEO-LiTFSI, thickness: 100 um}\n" +
        (grown ? "  - {material: PT, grown_by: electropolymerisation, monomer_concentration: 50 mM}\n" : "") +
        "  - {material: LiFePO4, loading: 1.5 mg/cm2, electrolyte_fraction: 0.3, active_volume_fraction: 0.45, nominal_capacity: 170 mAh/g}\n" + extra;

    static FullCell Cell(bool grown = true, string extra = "") => FullCell.Build(CellSpec.Parse(YNode.LoadText(Yaml(grown, extra), "f.yaml"), Lib), Lib);

    static FullCellResult Run(FullCell cell, params string[] steps) => new FullCellSimulator(cell).Run(ProtocolParser.ParseLines(steps));

    /// <summary>The formation of the shipped case (a 0.05C charge to 4.0 V at 60 °C and a discharge), with a spectrum at 40 °C before and after, then a 0.1C cycle at 40 °C.</summary>
    static readonly string[] Formation =
    [
        "Measure EIS from 100 kHz to 10 mHz at 40, 60 degC",
        "Charge at 0.05C until 4.0 V at 60 degC",
        "Discharge at 0.1C until 2.5 V at 60 degC",
        "Measure EIS from 100 kHz to 10 mHz at 40, 60 degC",
        "Charge at 0.1C until 4.0 V",
        "Discharge at 0.1C until 2.5 V",
    ];

    static (double before, double after) Interphase40(FullCellResult r)
    {
        var s = r.Spectra.Where(x => x.TemperatureK is { } t && Math.Abs(t - 313.15) < 1e-6).ToList();
        return (s[0].RInterphase, s[^1].RInterphase);
    }

    [Fact]
    public void TheResistanceDropsOnlyWithTheMonomerAndItsPolymerisation()
    {
        // with the monomer, the formation grows a layer and the cathode interface falls by more than 5x (at 40 degC)
        var on = Run(Cell(), Formation);
        var f = on.Formation!;
        Assert.True(f.ChargeCPerM2 > 100, $"{f.ChargeCPerM2 / 10} mC/cm2");
        var (b, a) = Interphase40(on);
        Assert.True(a < 0.2 * b, $"{b} -> {a} Ohm");
        Assert.True(f.Cycles[1].InterfaceAsr < 0.2 * f.Cycles[0].InterfaceAsr);
        Assert.Contains(on.Events, e => e.Kind == "polymerisation_onset");
        // without the monomer (no grown layer): no formation, and the interface does not fall (the CEI of the charge's end raises it a little)
        var bare = Run(Cell(grown: false), Formation);
        Assert.Null(bare.Formation);
        var (b0, a0) = Interphase40(bare);
        Assert.True(a0 >= b0, $"{b0} -> {a0} Ohm");
        // the polymerisation switched off (a rate constant 1e14 times smaller): no layer, no drop
        var off = Run(Cell(extra: "overrides:\n  \"PT|PEO-LiTFSI.electropolymerisation.rate_constant\": 1e-20 cm/s\n"), Formation);
        Assert.True(off.Formation!.ThicknessM < 1e-15, $"{off.Formation.ThicknessM} m");
        // the cell's voltage carries the layer's resistance: at 0.1C and 40 degC the formed cell's hysteresis is smaller by about
        // 2 x 0.1C x (13 040 - 1 765) Ohm cm2 = 0.58 V (computed)
        double Hysteresis(FullCellResult x) => x.Cycles[1].MeanChargeVoltage - x.Cycles[1].MeanDischargeVoltage;
        Assert.True(Hysteresis(on) < Hysteresis(bare) - 0.4, $"{Hysteresis(on)} vs {Hysteresis(bare)} V");
        Assert.True(Hysteresis(off) > Hysteresis(bare) - 0.05, $"{Hysteresis(off)} vs {Hysteresis(bare)} V");
        var (b1, a1) = Interphase40(off);
        Assert.True(a1 >= b1, $"{b1} -> {a1} Ohm");
        // the monomer present but no formation run (the cell only rests): nothing grows
        var rest = Run(Cell(), "Measure EIS from 100 kHz to 10 mHz at 40, 60 degC", "Rest for 10 h", "Measure EIS from 100 kHz to 10 mHz at 40, 60 degC");
        Assert.Equal(0, rest.Formation!.ChargeCPerM2);
        // (the spectra's R_interphase also holds the anode's SEI, which grows at rest; the cathode interface itself stays)
        Assert.True(rest.Formation.FinalInterfaceAsr >= rest.Formation.InitialInterfaceAsr, $"{rest.Formation.InitialInterfaceAsr} -> {rest.Formation.FinalInterfaceAsr}");
    }

    [Fact]
    public void BelowTheOnsetNothingGrows()
    {
        // a charge to 3.75 V and a hold there: the composite's electronic network stays below the 3.8 V onset (the cell
        // voltage adds the anode's and the separator's drops to it while charging), so not a coulomb polymerises
        // (the CEI switched off: the PEO's oxidation near 3.75 V would raise the interface on its own)
        var cell = Cell(extra: "degradation: {cathode_interphase: off}\n");
        Assert.True(cell.CathodeGrowth!.Law.OnsetPotential > 3.75);
        var r = Run(cell, "Charge at 0.05C until 3.75 V at 60 degC", "Hold at 3.75 V for 2 h at 60 degC", "Discharge at 0.1C until 2.5 V at 60 degC");
        Assert.Equal(0, r.Formation!.ChargeCPerM2);
        Assert.Equal(0, r.Formation.Coverage);
        Assert.DoesNotContain(r.Events, e => e.Kind == "polymerisation_onset");
        Assert.Equal(r.Formation.InitialInterfaceAsr, r.Formation.Cycles[1].InterfaceAsr, 1e-9 * r.Formation.InitialInterfaceAsr);
        // the same cell taken to 4.0 V grows the layer
        var up = Run(cell, "Charge at 0.05C until 4.0 V at 60 degC", "Discharge at 0.1C until 2.5 V at 60 degC");
        Assert.True(up.Formation!.ChargeCPerM2 > 100);
    }

    [Fact]
    public void PolymerFormedAndMonomerLeftAreConservedAndThePolymerisationChargeDoesNotDelithiate()
    {
        // the CEI switched off, so that the charge passed is the intercalation's and the polymerisation's alone
        var cell = Cell(extra: "degradation: {cathode_interphase: off}\n");
        var g = cell.CathodeGrowth!;
        var r = Run(cell, "Charge at 0.05C until 4.0 V at 60 degC");
        var f = r.Formation!;
        // monomer per area there was: c0 over the separator and the composite's pores
        double initial = g.Law.MonomerConcentration * g.MonomerDomainThickness;
        double polymerised = f.ChargeCPerM2 / (g.Law.ElectronsPerMonomer * F);
        Assert.True(f.MonomerConsumedFraction > 0.5, $"{f.MonomerConsumedFraction}");
        Assert.Equal(initial * f.MonomerConsumedFraction, polymerised, 1e-9 * initial);
        // Faraday: mass from the charge, thickness on the particles' surface
        Assert.Equal(f.ChargeCPerM2 * g.Law.RepeatUnitMolarMass / (g.Law.ElectronsPerMonomer * F), f.MassKgPerM2, 1e-12 * f.MassKgPerM2);
        Assert.Equal(f.MassKgPerM2 / g.Law.Density / g.SurfaceArea, f.ThicknessM, 1e-9 * f.ThicknessM);
        // the charge the cell passed = the lithium taken out of the LiFePO4 + the polymerisation's (+ any electronic leak)
        var end = r.Series[^1];
        double delithiated = (r.Series[0].Cathode.Stoichiometry - end.Cathode.Stoichiometry) * cell.Cathode.FullCharge;
        Assert.True(end.StepCapacity > delithiated + 0.5 * f.ChargeCPerM2, "the formation charge passes more than the lithium it takes out");
        Assert.Equal(end.StepCapacity, delithiated + f.ChargeCPerM2 + end.LeakCharge, 1e-6 * end.StepCapacity);
    }

    [Fact]
    public void AGrownLayerSitsBeforeTheCathodeOnly()
    {
        InputException Err(string yaml) => Assert.Throws<InputException>(() => FullCell.Build(CellSpec.Parse(YNode.LoadText(yaml, "g.yaml"), Lib), Lib));
        // on the anode's side: refused on its line, pointing to where it can grow
        var anode = Err(Yaml(grown: false).Replace("  - {material: PEO-LiTFSI", "  - {material: PT, grown_by: electropolymerisation, monomer_concentration: 50 mM}\n  - {material: PEO-LiTFSI"));
        Assert.Contains("g.yaml:8", anode.OneLine);
        Assert.Contains("grown in the cell", anode.OneLine);
        Assert.DoesNotContain('\n', anode.OneLine);
    }

    [Fact]
    public void TheShippedFormationCaseReproducesDsInterfaceResistances()
    {
        var dir = TestPaths.TempDir();
        var (code, _, stderr) = CliHarness.Run("simulate", Path.Combine(TestPaths.Cases, "D-LFP-PT-formation.yaml"), "--out", dir, "--quiet", "--overwrite");
        Assert.True(code == 0, stderr);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var fm = json.RootElement.GetProperty("formation");
        // 13 040 Ohm: the pristine pair's calibrated value; 1 765 Ohm after the formation: reproduced through LiFePO4|PT.interfacial_asr (calibrated on it)
        Assert.Equal(13040, fm.GetProperty("cathode_interface_before_ohm").GetDouble(), 1e-6);
        Assert.Equal(1765, fm.GetProperty("cathode_interface_after_first_cycle_ohm").GetDouble(), 20.0);
        Assert.True(fm.GetProperty("layer_coverage").GetDouble() is > 0.05 and < 0.2);
        var rows = File.ReadAllLines(Path.Combine(dir, "formation.csv"));
        Assert.Equal(1 + 1 + 11, rows.Length); // header, before the run, the end of each of the 11 cycles
        Assert.Contains("PT layer grown on the cathode", File.ReadAllText(Path.Combine(dir, "report.html")));
    }
}
