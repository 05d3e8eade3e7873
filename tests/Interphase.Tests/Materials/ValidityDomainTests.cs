using System.Text.Json;
using System.Text.RegularExpressions;
using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Materials;

/// <summary>
/// The validity domain (issue 8, item 1): every material states where its data hold; a cell outside
/// is refused with one line naming the file, the material and the limit, or runs with warnings that
/// are printed and stored in summary.json. The rules are in docs/models.md ("Validity domain").
/// </summary>
public class ValidityDomainTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>A shipped case with its temperature and/or stack pressure replaced, as a user's copy of the case file would be.</summary>
    static CellSpec Case(string name, string? temperature = null, string? pressure = null, string extra = "")
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, name + ".yaml"));
        if (temperature is not null) text = Regex.Replace(text, "^temperature: .*$", $"temperature: {temperature}", RegexOptions.Multiline);
        if (pressure is not null) text = Regex.Replace(text, "^stack_pressure: .*$", $"stack_pressure: {pressure}", RegexOptions.Multiline);
        // beside the shipped file, so that its protocol_file resolves
        return CellSpec.Parse(YNode.LoadText(text + extra, Path.Combine(TestPaths.Cases, name + "-copy.yaml")), Lib);
    }

    static CellWithElectrolyte Build(CellSpec spec) =>
        spec.Kind == "full" ? FullCell.Build(spec, Lib) : SymmetricCell.Build(spec, Lib);

    static string PeoCell(string temperature) =>
        "name: peo\ndiameter: 10 mm\n" + $"temperature: {temperature}\n" + "stack_pressure: 0.2 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 200 um}\n  - {material: PEO-LiTFSI, thickness: 90 um}\n  - {material: Li, thickness: 200 um}\n";

    /// <summary>The limits a set of warnings names ("Li.validity.temperature_min", …).</summary>
    static HashSet<string> Limits(IEnumerable<string> warnings) =>
        warnings.SelectMany(w => Regex.Matches(w, @"[\w|-]+\.validity\.\w+").Select(m => m.Value)).ToHashSet();

    // ---------------------------------------------------------------- refusals

    [Theory]
    [InlineData("-40 degC")]
    [InlineData("-80 degC")]
    public void PeoBelowWhereItsVtfLawHoldsIsRefusedNamingFileMaterialAndLimit(string temperature)
    {
        // issue 8: Li | PEO-LiTFSI 90 um | Li plating 0.01 mA/cm2 gave 2.8e20 mV at -40 degC and "Infinity mV" at -80 degC
        var spec = CellSpec.Parse(YNode.LoadText(PeoCell(temperature), "cold-peo.yaml"), Lib);
        var e = Assert.Throws<InputException>(() => SymmetricCell.Build(spec, Lib));
        Assert.StartsWith("cold-peo.yaml:3:", e.OneLine);
        Assert.Contains($"PEO-LiTFSI at {temperature} is below its glass transition -13 degC (PEO-LiTFSI.validity.glass_transition)", e.OneLine);
        Assert.Contains("VTF", e.OneLine);
    }

    [Fact]
    public void LithiumAboveItsMeltingPointIsRefused()
    {
        var e = Assert.Throws<InputException>(() => Build(Case("A-bare-Li-LPSCl", temperature: "200 degC")));
        Assert.Contains("Li at 200 degC is above its melting point 180.5 degC (Li.validity.melting_point)", e.OneLine);
        Assert.Contains("A-bare-Li-LPSCl-copy.yaml:", e.OneLine);
    }

    [Fact]
    public void ALiquidElectrolyteBelowItsFreezingPointIsRefused()
    {
        var e = Assert.Throws<InputException>(() => Build(Case("E-LFP-amalgam-Li-liquid", temperature: "-20 degC")));
        Assert.Contains("LP30 at -20 degC is below its freezing point -13 degC (LP30.validity.freezing_point)", e.OneLine);
    }

    [Fact]
    public void AValidityLimitCanBeOverriddenInTheCellFile()
    {
        // a user who knows better moves the limit; the override is read, so it is not an "unused override"
        var cell = Build(Case("A-bare-Li-LPSCl", temperature: "120 degC", extra: "overrides:\n  Li.validity.temperature_max: 150 degC\n"));
        Assert.DoesNotContain("Li.validity.temperature_max", Limits(cell.Warnings));
        Assert.Contains("Li6PS5Cl.validity.temperature_max", Limits(cell.Warnings));
        var plain = Build(Case("A-bare-Li-LPSCl", temperature: "120 degC"));
        Assert.Contains("Li.validity.temperature_max", Limits(plain.Warnings));
    }

    // ---------------------------------------------------------------- warnings

    [Theory]
    [InlineData("A-bare-Li-LPSCl", "Li6PS5Cl")]
    [InlineData("A-Li2Se-NP-LPSCl", "Li2Se")]
    [InlineData("A-Li2Se-NR-LPSCl", "Li2Se")]
    [InlineData("A-Li2Se-NW-LPSCl", "Li2Se")]
    [InlineData("B-bare-Li-PEO", "PEO-LiTFSI")]
    [InlineData("B-DCPL-Li-PEO", "DCPL")]
    [InlineData("D-Li-PEO", "PEO-LiTFSI")]
    [InlineData("D-Li-PT-PEO", "PT-PEO")]
    [InlineData("E-bare-Li-LLTO", "LLTO")]
    [InlineData("E-amalgam-Li-LLTO", "LiHg")]
    public void ShippedSymmetricCasesAtZeroDegreesRunWithWarnings(string name, string material)
    {
        var cell = Build(Case(name, temperature: "0 degC"));
        var limits = Limits(cell.Warnings);
        Assert.Contains("Li.validity.temperature_min", limits);
        Assert.Contains($"{material}.validity.temperature_min", limits);
        Assert.All(cell.Warnings, w => Assert.Contains("-copy.yaml:", w));
    }

    [Theory]
    [InlineData("A-bare-Li-LPSCl", null)]
    [InlineData("A-Li2Se-NR-LPSCl", null)]
    [InlineData("B-bare-Li-PEO", "PEO-LiTFSI")]
    [InlineData("D-Li-PT-PEO", "PT-PEO")]
    [InlineData("E-amalgam-Li-LLTO", null)]
    public void ShippedSymmetricCasesAt300MegapascalRunWithWarnings(string name, string? polymer)
    {
        var limits = Limits(Build(Case(name, pressure: "300 MPa")).Warnings);
        Assert.Contains("Li.validity.pressure_max", limits);
        if (polymer is not null) Assert.Contains($"{polymer}.validity.pressure_max", limits);
    }

    /// <summary>
    /// Every shipped case builds without refusal, and its warnings are exactly the true ones listed in
    /// docs/cases.md: the sulfides' thermodynamic oxidation below the cut-off of their full cells, and
    /// the hydrogen evolution the ZnHg|ZnSO4-aq interface is assumed to suppress.
    /// </summary>
    [Theory]
    [MemberData(nameof(ShippedCases))]
    public void ShippedCasesRunWithOnlyTheirDocumentedWarnings(string name)
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);
        var protocol = ProtocolParser.ParseFile(spec.ProtocolFile!);
        // values taken from model.yaml's class defaults are warnings too, and so is the line saying what a whole pair built
        // from them represents (A-CV-Li-LPSCl-SS's SS|Li6PS5Cl); MetalCaseTests checks which ones each case has
        var warnings = (spec.Kind == "blocking" ? BlockingCell.Build(spec, Lib).WarningsFor(protocol) : Build(spec).WarningsFor(protocol))
            .Where(w => !w.Contains("estimated (class default") && !w.Contains("its values are the class default for a blocking electrode")).ToList();
        string[] expected = name switch
        {
            _ when name.StartsWith("A-LCO-") => ["Li6PS5Cl.validity.oxidation_potential"],
            "C-FeS2-LPS-solid" or "C-FeS2-microsphere-solid" => ["Li7P3S11.validity.oxidation_potential"],
            "E-V2O5-Zn-amalgam-liquid" or "E-Zn-amalgam-liquid" => ["ZnSO4-aq.validity.reduction_potential"],
            _ => [],
        };
        Assert.Equal(expected.Order(), Limits(warnings).Order());
        Assert.Equal(expected.Length, warnings.Count);
    }

    public static TheoryData<string> ShippedCases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.Cases, "*.yaml").Order()) data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Fact]
    public void AnElectrolyteReducedByTheMetalWithoutAnInterphaseModelIsAWarning()
    {
        // Li | LLZO: thermodynamically reduced below 0.05 V, kinetically stable; the library has no Li|LLZO interphase
        var yaml = "name: garnet\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 5 MPa\nlayers:\n" +
                   "  - {material: Li, thickness: 100 um}\n  - {material: LLZO, thickness: 500 um}\n  - {material: Li, thickness: 100 um}\n";
        var cell = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(yaml, "garnet.yaml"), Lib), Lib);
        var w = Assert.Single(cell.Warnings);
        Assert.StartsWith("garnet.yaml:7:", w);
        Assert.Contains("LLZO is reduced below 0.05 V (LLZO.validity.reduction_potential)", w);
        Assert.Contains("Li|LLZO", w);
    }

    [Fact]
    public void ASolidElectrolyteCellWithoutAStackPressureIsWarnedThatItStartsWithoutContact()
    {
        // without the line, 0 MPa: Li on Li6PS5Cl starts at the Tabor floor (1e-4 contact) and a 0.1 mA/cm2 step
        // runs into the compliance voltage; the user is told why before reading 10 V
        const string stack = "name: nopress\ndiameter: 10 mm\ntemperature: 25 degC\n{0}layers:\n" +
                             "  - {{material: Li, thickness: 100 um}}\n  - {{material: Li6PS5Cl, thickness: 300 um}}\n  - {{material: Li, thickness: 100 um}}\n";
        var without = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(string.Format(stack, ""), "nopress.yaml"), Lib), Lib);
        var w = Assert.Single(without.Warnings);
        Assert.StartsWith("nopress.yaml: no stack_pressure given", w);
        var with = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(string.Format(stack, "stack_pressure: 5 MPa\n"), "press.yaml"), Lib), Lib);
        Assert.Empty(with.Warnings);
        // a polymer conforms without pressure: no warning
        var peo = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(PeoCell("60 degC").Replace("stack_pressure: 0.2 MPa\n", ""), "peo.yaml"), Lib), Lib);
        Assert.Empty(peo.Warnings);
    }

    // ---------------------------------------------------------------- protocol temperatures

    [Theory]
    [InlineData("Rest for 1 h at -40 degC")]
    [InlineData("Plate at 0.01 mA/cm2 for 1 h at -40 degC")]
    public void AProtocolStepOutsideTheDomainIsRefusedNamingTheStep(string step)
    {
        var cell = Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "B-bare-Li-PEO.yaml"), Lib));
        var protocol = ProtocolParser.ParseLines(["Plate at 0.2 mA/cm2 for 1 h", step]);
        var e = Assert.Throws<InputException>(() => new SymmetricSimulator((SymmetricCell)cell).Run(protocol));
        Assert.Equal(2, e.Location.Line);
        Assert.Contains($"step '{step}' puts B-bare-Li-PEO.yaml at -40 degC", e.OneLine);
        Assert.Contains("PEO-LiTFSI.validity.glass_transition", e.OneLine);
    }

    [Fact]
    public void AFullCellRestAboveTheMeltingPointOfItsAnodeIsRefused()
    {
        var cell = (FullCell)Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "D-LFP-PT-PEO.yaml"), Lib));
        var protocol = ProtocolParser.ParseLines(["Charge at 0.1C until 4.0 V", "Rest for 1 h at 200 degC"]);
        var e = Assert.Throws<InputException>(() => new FullCellSimulator(cell).Run(protocol));
        Assert.Contains("step 'Rest for 1 h at 200 degC'", e.OneLine);
        Assert.Contains("Li.validity.melting_point", e.OneLine);
    }

    [Fact]
    public void AProtocolStepBelowTheDataRangeRunsWithAWarningInSummaryJson()
    {
        var cell = (SymmetricCell)Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "B-bare-Li-PEO.yaml"), Lib));
        Assert.Empty(cell.Warnings);
        var r = new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(["Plate at 0.2 mA/cm2 for 10 min", "Rest for 10 min at 30 degC"]));
        var w = Assert.Single(r.Warnings, x => x.Contains("PEO-LiTFSI.validity.temperature_min"));
        Assert.Contains("step 'Rest for 10 min at 30 degC'", w);
        var json = JsonDocument.Parse(SimulationWriter.SummaryJson(r)).RootElement.GetProperty("warnings");
        Assert.Equal(r.Warnings, json.EnumerateArray().Select(x => x.GetString()!).ToList());
    }

    // ---------------------------------------------------------------- outputs

    [Fact]
    public void SummaryJsonAlwaysHasWarningsEmptyWhenThereAreNone()
    {
        var cell = (SymmetricCell)Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), Lib));
        var r = new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(["Plate at 0.1 mA/cm2 for 10 min"]));
        var json = JsonDocument.Parse(SimulationWriter.SummaryJson(r)).RootElement;
        Assert.Equal(JsonValueKind.Array, json.GetProperty("warnings").ValueKind);
        Assert.Equal(0, json.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public void AFullCellStoresItsWarningsInSummaryJson()
    {
        var cell = (FullCell)Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "E-V2O5-Zn-amalgam-liquid.yaml"), Lib));
        var r = new FullCellSimulator(cell).Run(ProtocolParser.ParseLines(["Discharge at 1000 mA/g for 5 min"]));
        var json = JsonDocument.Parse(FullCellWriter.SummaryJson(r, null)).RootElement.GetProperty("warnings");
        var w = Assert.Single(json.EnumerateArray()).GetString()!;
        Assert.Contains("ZnSO4-aq.validity.reduction_potential", w);
    }

    /// <summary>`interphase simulate` of the PEO cell at a temperature, plating 0.01 mA/cm² for 10 min.</summary>
    static (int code, string stderr, string cellFile, string outDir) SimulatePeo(string temperature)
    {
        var dir = TestPaths.TempDir();
        var cellFile = Path.Combine(dir, "peo.yaml");
        File.WriteAllText(cellFile, PeoCell(temperature));
        var outDir = Path.Combine(dir, "out");
        var (code, _, stderr) = CliHarness.Run("simulate", cellFile, "--step", "Plate at 0.01 mA/cm2 for 10 min", "--out", outDir, "--quiet", "--library", TestPaths.Library);
        return (code, stderr, cellFile, outDir);
    }

    [Fact]
    public void SimulateRefusesWithOneLineAndWritesNothing()
    {
        var (code, stderr, cellFile, outDir) = SimulatePeo("-40 degC");
        Assert.Equal(1, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {cellFile}:3:14: PEO-LiTFSI at -40 degC is below its glass transition", line);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void SimulatePrintsEachWarningOnStderrAndStoresItInSummaryJson()
    {
        var (code, stderr, cellFile, outDir) = SimulatePeo("30 degC");
        Assert.Equal(0, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var warning = Assert.Single(lines);
        Assert.StartsWith($"warning: {cellFile}:3:14: PEO-LiTFSI at 30 degC is below the temperature range of its data, 40 degC to 60 degC", warning);
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json"))).RootElement.GetProperty("warnings");
        Assert.Equal(warning["warning: ".Length..], Assert.Single(json.EnumerateArray()).GetString());
    }

    // ---------------------------------------------------------------- the library

    /// <summary>The limits each class must state (docs/materials-schema.md, "validity").</summary>
    [Fact]
    public void EveryShippedMaterialStatesTheLimitsOfItsClass()
    {
        foreach (var m in Lib.All.Where(m => m.Class != MaterialClass.Model))
        {
            var block = m.Properties.Get("validity");
            Assert.True(block is not null, $"{m.Name} has no validity block");
            var keys = block!.Keys.ToHashSet();
            var required = new List<string> { "temperature_min", "temperature_max" };
            if (m.Class is MaterialClass.Metal or MaterialClass.Alloy) required.Add("melting_point");
            if (m.Class is MaterialClass.PolymerElectrolyte) required.AddRange(["glass_transition", "pressure_max", "oxidation_potential"]);
            if (m.Class is MaterialClass.LiquidElectrolyte) required.AddRange(["freezing_point", "boiling_point", "oxidation_potential"]);
            if (m.Class is MaterialClass.SolidElectrolyte) required.AddRange(["reduction_potential", "oxidation_potential"]);
            if (m.Class is MaterialClass.Amalgam) required.Add("freezing_point");
            if (m.Properties.Get("contact") is not null) required.Add("pressure_max");
            foreach (var k in required) Assert.True(keys.Contains(k), $"{m.Name}.validity has no {k}");
        }
    }

    [Fact]
    public void AnUnknownValidityKeyIsALoadError()
    {
        var e = CalibrationTagTests.LoadError("Typo", "class: metal\nproperties:\n  validity:\n    meltingpoint: {value: 100, unit: degC, source: test}\n");
        Assert.Contains("Typo.yaml:5", e.OneLine);
        Assert.Contains("unknown key 'meltingpoint' in Typo.validity", e.OneLine);
    }
}
