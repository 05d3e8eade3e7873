using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Materials;

/// <summary>
/// Issue 10: a cathode | electrolyte pairing with no record in interfaces.yaml and no other cathode of its class
/// with the same electrolyte (Li | LLZO | LiFePO4) was refused. It is now built from model.yaml's class default for
/// the electrolyte's family (class_defaults.cathode_interface.{polymer, liquid, sulfide, oxide}); every value so
/// taken is named among the warnings, with one line saying what the default represents. Order: the pair's own data,
/// then a relative's (CathodePairTests), then the class default.
/// </summary>
public class CathodeInterfaceDefaultTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static string Yaml(string cathode, string electrolyte, string temperature = "25 degC", string extra = "") =>
        $"name: x\nkind: full\narea: 1 cm2\ntemperature: {temperature}\nstack_pressure: 5 MPa\nlayers:\n" +
        $"  - {{material: Li, thickness: 200 um}}\n  - {{material: {electrolyte}, thickness: 100 um}}\n" +
        $"  - {{material: {cathode}, loading: 1.5 mg/cm2, electrolyte_fraction: 0.3, active_volume_fraction: 0.45}}\n" + extra;

    static FullCell Build(string yaml, MaterialLibrary? lib = null) =>
        FullCell.Build(CellSpec.Parse(YNode.LoadText(yaml, "x.yaml"), lib ?? Lib), lib ?? Lib);

    /// <summary>Every value CathodeInterface reads, the optional temperature law included.</summary>
    static readonly string[] InterfaceValues =
    [
        "interfacial_asr", "reference_temperature", "activation_energy", "oxidation_onset", "parasitic_current_density",
        "parasitic_tafel_slope", "parasitic_activation_energy", "passivation_charge", "cei_resistance_per_charge", "double_layer_capacitance",
    ];

    [Fact]
    public void LiLlzoLfpBuildsRunsAndNamesEveryDefaultedValue()
    {
        Assert.Null(Lib.FindPair(Lib.Get("LiFePO4"), Lib.Get("LLZO")));
        var cell = Build(Yaml("LiFePO4", "LLZO"));
        // the oxide (co-sintered) default: 60 Ohm cm2 at 25 degC, 40 kJ/mol, oxidation from 4.3 V
        Assert.Equal(60 * Si.OhmCm2, cell.Cathode.Interface.InitialAsr, 12);
        Assert.Equal(40e3, cell.Cathode.Interface.AsrActivationEnergy, 6);
        Assert.Equal(4.3, cell.Cathode.Interface.OxidationOnset, 12);
        var protocol = ProtocolParser.ParseLines(["Repeat 2 times: Charge at 0.1C until 3.8 V; Discharge at 0.1C until 2.5 V"]);
        var r = new FullCellSimulator(cell).Run(protocol);
        Assert.Equal(2, r.Complete.Count);
        Assert.All(r.Complete, c => Assert.True(c.DischargeCapacity > 0));

        var warnings = cell.WarningsFor(protocol);
        foreach (var v in InterfaceValues)
            Assert.Contains(warnings, w => w.Contains($" LiFePO4|LLZO.{v} = ") && w.Contains("estimated (class default for cathode_interface.oxide"));
        Assert.Equal(InterfaceValues.Length, cell.Parameters.Defaulted.Count(d => d.Path.StartsWith("LiFePO4|LLZO.")));
        // one line on what the default stands for (a co-sintered composite; cold-pressed is outside it), at the cathode's line
        var what = Assert.Single(warnings, w => w.Contains("class_defaults.cathode_interface.oxide"));
        Assert.StartsWith("x.yaml:9:", what);
        Assert.Contains("co-sintered", what);
        Assert.Contains("cold-pressed", what);
        // the electrolyte's own window still applies: 3.8 V is above LLZO's 2.91 V and below the default's kinetic onset
        Assert.Contains(warnings, w => w.Contains("above LLZO's oxidation potential 2.91 V") && w.Contains("LiFePO4|LLZO interface models its oxidation only from 4.3 V"));
    }

    /// <summary>The default's temperature law is applied: at 60 degC the 60 Ohm cm2 of 25 degC falls by exp(Ea/R (1/298.15 - 1/333.15)) with Ea = 40 kJ/mol.</summary>
    [Fact]
    public void TheDefaultsTemperatureLawIsApplied()
    {
        var cell = Build(Yaml("NCM523", "LLZO", "60 degC"));
        var expected = 60 * Si.OhmCm2 / Math.Exp(40e3 / 8.314462618 * (1 / 298.15 - 1 / 333.15));
        Assert.Equal(expected, cell.Cathode.Interface.Asr(0, 333.15), 9);
        Assert.Contains(cell.Parameters.Defaulted, d => d.Path == "NCM523|LLZO.activation_energy");
    }

    /// <summary>The default follows the electrolyte's family: a conversion cathode in an argyrodite takes the sulfide default.</summary>
    [Fact]
    public void FeS2OnAnArgyroditeTakesTheSulfideDefault()
    {
        var cell = Build(Yaml("FeS2", "Li6PS5Cl"));
        Assert.Equal(30 * Si.OhmCm2, cell.Cathode.Interface.InitialAsr, 12);
        Assert.Equal(4.2, cell.Cathode.Interface.OxidationOnset, 12);
        Assert.Contains(cell.Warnings, w => w.Contains(" FeS2|Li6PS5Cl.interfacial_asr = 30 Ohm cm2: estimated (class default for cathode_interface.sulfide"));
    }

    /// <summary>A pair with its own record uses it: FeS2 | Li7P3S11's 50 Ohm cm2 and 2.5 V, not the sulfide default's 30 and 4.2, and no default is named.</summary>
    [Fact]
    public void APairWithItsOwnDataUsesIt()
    {
        var cell = Build(Yaml("FeS2", "Li7P3S11"));
        Assert.Equal(50 * Si.OhmCm2, cell.Cathode.Interface.InitialAsr, 12);
        Assert.Equal(2.5, cell.Cathode.Interface.OxidationOnset, 12);
        Assert.DoesNotContain(cell.Parameters.Defaulted, d => d.Path.StartsWith("FeS2|"));
        Assert.DoesNotContain(cell.Warnings, w => w.Contains("cathode_interface"));
    }

    /// <summary>A defaulted value can be overridden under the pair's own name; the override then wins and is no longer a default.</summary>
    [Fact]
    public void ADefaultedValueTakesAnOverride()
    {
        var cell = Build(Yaml("LiFePO4", "LLZO", extra: "overrides:\n  \"LiFePO4|LLZO.interfacial_asr\": 5000 Ohm cm2\n"));
        Assert.Equal(5000 * Si.OhmCm2, cell.Cathode.Interface.InitialAsr, 12);
        Assert.DoesNotContain(cell.Parameters.Defaulted, d => d.Path == "LiFePO4|LLZO.interfacial_asr");
        Assert.Contains(cell.Parameters.Defaulted, d => d.Path == "LiFePO4|LLZO.oxidation_onset");
        // a name neither the pair nor its default has is still a typo
        var e = Assert.Throws<InputException>(() => Build(Yaml("LiFePO4", "LLZO", extra: "overrides:\n  \"LiFePO4|LLZO.interfacial_ars\": 5000 Ohm cm2\n")));
        Assert.Contains("'LiFePO4|LLZO.interfacial_ars'", e.Message);
    }

    /// <summary>The mechanism switched off: the same library without class_defaults.cathode_interface refuses the cell in one line naming the file and line.</summary>
    [Fact]
    public void WithoutTheCathodeDefaultTheCellIsRefusedInOneLine()
    {
        var e = Assert.Throws<InputException>(() => Build(Yaml("LiFePO4", "LLZO"), WithoutCathodeDefaults()));
        Assert.Contains("no interface data for 'LiFePO4|LLZO'", e.Message);
        Assert.Contains("interfaces.yaml", e.Message);
        Assert.StartsWith("x.yaml:9:", e.OneLine);
        Assert.DoesNotContain('\n', e.OneLine);
    }

    /// <summary>A solid electrolyte that states no family cannot pick a default: the pair is refused as before.</summary>
    [Fact]
    public void ASolidElectrolyteWithoutAFamilyIsRefusedInOneLine()
    {
        var dir = CopyOfLibrary();
        var llzo = Path.Combine(dir, "LLZO.yaml");
        File.WriteAllText(llzo, File.ReadAllText(llzo).Replace("family: oxide\n", ""));
        var e = Assert.Throws<InputException>(() => Build(Yaml("LiFePO4", "LLZO"), MaterialLibrary.Load(dir)));
        Assert.Contains("no interface data for 'LiFePO4|LLZO'", e.OneLine);
        // and a family that is neither sulfide nor oxide is a loading error naming the file (a fresh folder: libraries are cached by folder)
        var dir2 = CopyOfLibrary();
        var llzo2 = Path.Combine(dir2, "LLZO.yaml");
        File.WriteAllText(llzo2, File.ReadAllText(llzo2).Replace("family: oxide", "family: garnet"));
        var bad = Assert.Throws<InputException>(() => MaterialLibrary.Load(dir2));
        Assert.Contains("LLZO.yaml", bad.OneLine);
        Assert.Contains("'garnet'", bad.Message);
    }

    /// <summary>
    /// Every cathode of the library with every electrolyte that carries its ion builds against the same metal: each
    /// pairing has its own record, a relative's, or its family's default (before, 22 of the 36 Li pairings were refused).
    /// </summary>
    [Fact]
    public void EveryCathodeBuildsWithEveryElectrolyteOfItsIon()
    {
        var cathodes = Lib.All.Where(m => m.Class is MaterialClass.Cathode or MaterialClass.ConversionCathode).ToList();
        var electrolytes = Lib.All.Where(m => m.IsElectrolyte).ToList();
        int built = 0, defaulted = 0;
        foreach (var c in cathodes)
            foreach (var e in electrolytes.Where(e => e.WorkingIon == c.WorkingIon && Lib.TryGet(c.WorkingIon!, out var metal) && metal.Class == MaterialClass.Metal))
            {
                var cell = Build(Yaml(c.Name, e.Name).Replace("material: Li,", $"material: {c.WorkingIon},"));
                Assert.True(cell.Cathode.Interface.InitialAsr > 0, $"{c.Name}|{e.Name}");
                built++;
                if (cell.Parameters.Defaulted.Any(d => d.ClassKey.StartsWith(ClassDefaults.CathodeInterface))) defaulted++;
            }
        Assert.True(built >= 37, $"{built} pairings built");
        Assert.True(defaulted >= 22, $"{defaulted} pairings on a class default");
    }

    static string CopyOfLibrary()
    {
        var dir = TestPaths.TempDir();
        foreach (var f in Directory.GetFiles(TestPaths.Library, "*.yaml")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    static MaterialLibrary WithoutCathodeDefaults()
    {
        var dir = CopyOfLibrary();
        var model = Path.Combine(dir, "model.yaml");
        var text = File.ReadAllText(model);
        var start = text.IndexOf("    cathode_interface:", StringComparison.Ordinal);
        Assert.True(start > 0);
        File.WriteAllText(model, text[..start]);
        return MaterialLibrary.Load(dir);
    }
}
