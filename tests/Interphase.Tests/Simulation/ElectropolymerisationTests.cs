using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Simulation;

/// <summary>
/// A polythiophene layer grown in the cell (issue 10, docs/models.md §16.1): Li | PEO-LiTFSI + 2,2'-bithiophene
/// | SS. The layer grows only above the monomer's oxidation onset; its mass follows the polymerisation
/// charge by Faraday's law; the working interface's resistance follows from the coverage, covered and
/// bare fractions in parallel.
/// </summary>
public class ElectropolymerisationTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    const double F = 96485.33212;

    static string Yaml(bool grown = true, string overrides = "", string monomer = "50 mM") =>
        "name: pt\nkind: blocking\narea: 1 cm2\ntemperature: 60 degC\nstack_pressure: 0.1 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 200 um}\n  - {material: PEO-LiTFSI, thickness: 100 um}\n" +
        (grown ? $"  - {{material: PT, grown_by: electropolymerisation, monomer_concentration: {monomer}}}\n" : "") +
        "  - {material: SS}\n" + overrides;

    static BlockingCell Cell(bool grown = true, string overrides = "", string monomer = "50 mM") =>
        BlockingCell.Build(CellSpec.Parse(YNode.LoadText(Yaml(grown, overrides, monomer), "pt.yaml"), Lib), Lib);

    static SweepResult Run(BlockingCell cell, params string[] steps) => new SweepSimulator(cell).Run(ProtocolParser.ParseLines(steps));

    [Fact]
    public void TheLayerGrowsOnlyAboveTheMonomersOnset()
    {
        var cell = Cell();
        double onset = cell.Growth!.OnsetPotential;
        // up to 50 mV below the onset: no polymerisation at all, the interface stays pristine
        var below = Run(cell, $"Cycle between 3 V and {onset - 0.05:F2} V at 1 mV/s 3 times");
        Assert.Equal(0, below.Formation!.ChargeCPerM2);
        Assert.Equal(0, below.Formation.ThicknessM);
        Assert.All(below.Series, p => Assert.Equal(0, p.PolymerisationCurrent));
        Assert.Equal(cell.Growth.PristineAsr(cell.TemperatureK), below.Formation.FinalInterfaceAsr, 1e-12);
        Assert.DoesNotContain(below.Events, e => e.Kind == "polymerisation_onset");
        // 150 mV above it the same protocol grows a layer and lowers the interface
        var above = Run(cell, $"Cycle between 3 V and {onset + 0.15:F2} V at 1 mV/s 3 times");
        Assert.True(above.Formation!.ThicknessM > 50e-9, $"{above.Formation.ThicknessM * 1e9} nm");
        Assert.True(above.Formation.FinalInterfaceAsr < 0.2 * above.Formation.InitialInterfaceAsr);
        var ev = Assert.Single(above.Events, e => e.Kind == "polymerisation_onset");
        // the first polymerisation happens above the onset (E vs Li)
        var firstGrowth = above.Series.First(p => p.PolymerisationCurrent > 0);
        Assert.True(firstGrowth.WorkingPotential > onset, $"grew at {firstGrowth.WorkingPotential} V");
        Assert.Equal(firstGrowth.TimeS, ev.TimeS, 1e-9);
    }

    [Fact]
    public void WithoutTheMechanismTheInterfaceKeepsItsPristineResistance()
    {
        const string protocol = "Cycle between 3 V and 4 V at 1 mV/s 3 times";
        // the same cell without a grown layer: the working interface is SS|PEO-LiTFSI's pristine value throughout
        var bare = Cell(grown: false);
        var r = Run(bare, protocol);
        Assert.Null(r.Formation);
        double pristine = bare.WorkingInterfaceAsr(0, bare.TemperatureK);
        Assert.Equal(Cell().Growth!.PristineAsr(bare.TemperatureK), pristine, 1e-12);
        // the polymerisation switched off (a rate constant 1e14 times smaller): no layer, the pristine resistance
        var off = Run(Cell(overrides: "overrides:\n  \"PT|PEO-LiTFSI.electropolymerisation.rate_constant\": 1e-20 cm/s\n"), protocol);
        Assert.True(off.Formation!.ThicknessM < 1e-15, $"{off.Formation.ThicknessM} m");
        Assert.Equal(pristine, off.Formation.FinalInterfaceAsr, 1e-9 * pristine);
        // and on, the resistance falls
        var on = Run(Cell(), protocol);
        Assert.True(on.Formation!.FinalInterfaceAsr < 0.2 * pristine);
    }

    [Fact]
    public void ChargeAndMassFollowFaradaysLawAndTheMonomerIsConserved()
    {
        var cell = Cell();
        var r = Run(cell, "Cycle between 3 V and 4 V at 2 mV/s 4 times");
        var f = r.Formation!;
        // the polymerisation charge is the time integral of the polymerisation current (backward Euler: the step's end value)
        double q = 0;
        for (int k = 1; k < r.Series.Count; k++) q += r.Series[k].PolymerisationCurrent * (r.Series[k].TimeS - r.Series[k - 1].TimeS);
        Assert.Equal(q, f.ChargeCPerM2, 1e-9 * q);
        // Faraday: m = Q·M/((2 + δ)F) with the library's bithiophene unit (164.24 g/mol) and δ = 0.5
        double mass = f.ChargeCPerM2 * 0.16424 / (2.5 * F);
        Assert.Equal(mass, f.MassKgPerM2, 1e-12 * mass);
        // mean thickness with the library's PT density, 1.5 g/cm3
        Assert.Equal(mass / 1500, f.ThicknessM, 1e-12 * f.ThicknessM);
        // the monomer taken from the electrolyte (50 mM over 100 um) is the charge over (2 + δ)F: the diffusion solver conserves it
        double monomerInitial = 50 * 100e-6;
        Assert.Equal(f.ChargeCPerM2 / (2.5 * F), f.MonomerConsumedFraction * monomerInitial, 1e-9 * monomerInitial);
        Assert.True(f.MonomerConsumedFraction is > 0.05 and < 1);
    }

    [Fact]
    public void TheResistanceFollowsFromTheCoverageAndShowsInTheSpectrum()
    {
        // a formation that leaves the electrode partly covered: islands 2 um high (closure_thickness) close slowly
        var cell = Cell(overrides: "overrides:\n  PT.electropolymerisation.closure_thickness: 2 um\n");
        var r = Run(cell, "Measure EIS from 100 kHz to 10 mHz at 40, 60 degC", "Sweep from 3 V to 4 V at 1 mV/s", "Measure EIS from 100 kHz to 10 mHz at 40, 60 degC");
        var f = r.Formation!;
        Assert.InRange(f.Coverage, 0.005, 0.5);
        // independently from the library's numbers: at 40 degC the bare steel is 3912 Ohm cm2 and the covered
        // part 317 Ohm cm2 plus the film, L/theta thick at PT's 1e-6 S/cm
        double theta = 1 - Math.Exp(-f.ThicknessM / 2e-6);
        Assert.Equal(theta, f.Coverage, 1e-12);
        double covered = 317e-4 + f.ThicknessM / theta / 1e-4;
        double expected = 1 / (theta / covered + (1 - theta) / 3912e-4);
        var after40 = r.Spectra.Single(s => s.AfterCycle == 0 && s.TimeS > 0 && s.TemperatureK is > 313 and < 314);
        Assert.Equal(expected / 1e-4, after40.RInterphase, 1e-9 * after40.RInterphase);
        // the spectrum itself: at 10 mHz Re(Z) is R_el + R_ct + R_interface (the blocking double layer adds only -j/(wC))
        var before40 = r.Spectra.Single(s => s.TimeS == 0 && s.TemperatureK is > 313 and < 314);
        double ReLow(SimulatedSpectrum s) => s.Impedance[Array.IndexOf(s.FrequencyHz, s.FrequencyHz.Min())].Real;
        Assert.Equal(before40.RBulk + before40.RChargeTransfer + 3912, ReLow(before40), 0.01 * 3912);
        Assert.Equal(after40.RBulk + after40.RChargeTransfer + expected / 1e-4, ReLow(after40), 0.01 * expected / 1e-4);
        // the drop is the coverage's: with the coverage doubled by a thinner island height the resistance falls further
        var thinner = Run(Cell(overrides: "overrides:\n  PT.electropolymerisation.closure_thickness: 1 um\n"), "Sweep from 3 V to 4 V at 1 mV/s");
        Assert.True(thinner.Formation!.Coverage > 1.5 * f.Coverage);
        Assert.True(thinner.Formation.FinalInterfaceAsr < 0.9 * f.FinalInterfaceAsr);
    }

    [Fact]
    public void OnceClosedTheInterfaceRisesSlowlyWithTheFilmsOwnResistance()
    {
        const string protocol = "Cycle between 3 V and 4 V at 1 mV/s 6 times";
        var rows = Run(Cell(), protocol).Formation!.Cycles;
        // at 60 degC: the minimum comes when the film closes (cycle 1), then each cycle's growth adds L/sigma_PT
        var min = rows.Where(r => r.Cycle >= 1).MinBy(r => r.InterfaceAsr)!;
        Assert.Equal(1, min.Cycle);
        Assert.True(rows[^1].InterfaceAsr > 1.1 * min.InterfaceAsr, $"{rows[^1].InterfaceAsr * 1e4} vs {min.InterfaceAsr * 1e4} Ohm cm2");
        for (int k = 2; k < rows.Count; k++) Assert.True(rows[k].InterfaceAsr > rows[k - 1].InterfaceAsr);
        Assert.True(rows[^1].InterfaceAsr > 1.01 * rows[^2].InterfaceAsr);
        // with a film that conducts like a metal the closed interface stays at the covered value from cycle to cycle
        var conducting = Run(Cell(overrides: "overrides:\n  PT.conductivity.reference_conductivity: 1 S/cm\n"), protocol).Formation!.Cycles;
        Assert.True(conducting[^2].Coverage > 0.99999);
        Assert.Equal(conducting[^2].InterfaceAsr, conducting[^1].InterfaceAsr, 1e-3 * conducting[^2].InterfaceAsr);
    }

    [Fact]
    public void GalvanostaticFormationGrowsTheLayerAndAReductionDoesNot()
    {
        var cell = Cell();
        var ox = Run(cell, "Charge at 20 uA/cm2 for 20 min");
        // the charge passed (0.2 A/m2 x 1200 s) goes to the double layer, PEO's oxidation and the polymer: the polymer takes most of it
        double passed = 0.2 * 1200;
        Assert.InRange(ox.Formation!.ChargeCPerM2, 0.5 * passed, passed);
        Assert.True(ox.Formation.Coverage > 0.99);
        // a reduction of the steel never reaches the onset
        var red = Run(cell, "Discharge at 20 uA/cm2 for 1 min");
        Assert.Equal(0, red.Formation!.ChargeCPerM2);
    }

    [Fact]
    public void GrownLayerKeysAreCheckedOnOneLine()
    {
        InputException Err(string yaml) => Assert.Throws<InputException>(() => BlockingCell.Build(CellSpec.Parse(YNode.LoadText(yaml, "g.yaml"), Lib), Lib));
        var noConc = Err(Yaml().Replace(", monomer_concentration: 50 mM", ""));
        Assert.Contains("g.yaml:9", noConc.OneLine);
        Assert.Contains("monomer_concentration", noConc.OneLine);
        var thick = Err(Yaml().Replace("grown_by: electropolymerisation,", "grown_by: electropolymerisation, thickness: 1 um,"));
        Assert.Contains("starts at zero thickness", thick.OneLine);
        var unknown = Err(Yaml().Replace("grown_by: electropolymerisation", "grown_by: sputtering"));
        Assert.Contains("unknown grown_by 'sputtering'", unknown.OneLine);
        var orphan = Err(Yaml(grown: false).Replace("{material: SS}", "{material: SS, monomer_concentration: 5 mM}"));
        Assert.Contains("add 'grown_by: electropolymerisation'", orphan.OneLine);
        Assert.DoesNotContain('\n', orphan.OneLine);
        // a symmetric cell takes its layers as made
        var sym = Assert.Throws<InputException>(() => SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(
            "name: s\ndiameter: 10 mm\ntemperature: 60 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n" +
            "  - {material: PT, grown_by: electropolymerisation, monomer_concentration: 50 mM}\n  - {material: PEO-LiTFSI, thickness: 100 um}\n  - {material: Li, thickness: 100 um}\n", "s.yaml"), Lib), Lib));
        Assert.Contains("s.yaml:6", sym.OneLine);
        Assert.Contains("kind: blocking", sym.OneLine);
        // C-rates mean nothing without a cathode
        var crate = Assert.Throws<InputException>(() => Run(Cell(), "Charge at 0.1C for 1 h"));
        Assert.Contains("current density", crate.Message);
    }

    [Fact]
    public void TheShippedFormationCaseShowsTheInterfaceFalling()
    {
        var dir = TestPaths.TempDir();
        var (code, stdout, stderr) = CliHarness.Run("simulate", Path.Combine(TestPaths.Cases, "D-PT-formation.yaml"), "--out", dir, "--quiet", "--overwrite");
        Assert.True(code == 0, stderr);
        Assert.Contains("PT layer grown in the cell", stdout);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var root = json.RootElement;
        var spectra = root.GetProperty("impedance").EnumerateArray().Where(s => s.GetProperty("temperature_degC").GetDouble() == 40).ToList();
        // calibrated: 3 912 Ohm pristine (the library value) and 360 Ohm after formation (through PT|PEO-LiTFSI.interfacial_asr)
        Assert.Equal(3912, spectra[0].GetProperty("R_interphase_ohm").GetDouble(), 1e-6);
        Assert.Equal(360, spectra[^1].GetProperty("R_interphase_ohm").GetDouble(), 2.0);
        var fm = root.GetProperty("formation");
        Assert.True(fm.GetProperty("layer_coverage").GetDouble() > 0.99);
        Assert.Contains(root.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "polymerisation_onset");
        var header = File.ReadLines(Path.Combine(dir, "timeseries.csv")).First();
        Assert.Contains("layer_thickness_nm", header);
        Assert.Contains("layer_coverage", header);
        var rows = File.ReadAllLines(Path.Combine(dir, "formation.csv"));
        Assert.Equal(1 + 1 + 1 + 9, rows.Length); // header, start, after the first sweep, 9 cycles
        Assert.True(File.Exists(Path.Combine(dir, "eis_6.csv")));
    }
}
