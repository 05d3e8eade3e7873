using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Simulation;
using Interphase.Tests.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Materials;

/// <summary>
/// A new interlayer or electrolyte pairing is constructible from the library: the values the library
/// lacks come from model.yaml's class defaults, and the run lists each one as "estimated (class default)".
/// </summary>
public class ClassDefaultTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    const string LiFOnLlzo =
        "name: lif\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 5 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 100 um}\n  - {material: LiF, thickness: 10 nm}\n  - {material: LLZO, thickness: 500 um}\n" +
        "  - {material: LiF, thickness: 10 nm}\n  - {material: Li, thickness: 100 um}\n";

    static SymmetricCell Build(MaterialLibrary lib) => SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(LiFOnLlzo, "lif.yaml"), lib), lib);

    [Fact]
    public void ALiFInterlayerOnLlzoBuildsRunsAndItsWarningsNameEveryDefault()
    {
        var cell = Build(Lib);
        var r = CellFactory.Run(cell, "Repeat 2 times: Plate at 0.01 mA/cm2 for 1 h; Strip at 0.01 mA/cm2 for 1 h");
        Assert.NotEmpty(r.Series);
        Assert.All(r.Series, p => Assert.True(double.IsFinite(p.Voltage)));
        var defaults = r.Warnings.Where(w => w.Contains("estimated (class default")).ToList();
        foreach (var path in new[] { "Li|LiF.exchange_current_density", "Li|LiF.transfer_coefficient", "Li|LiF.nucleation_site_fraction",
                     "Li|LiF.double_layer_capacitance", "LiF.fracture_toughness", "LiF.poisson_ratio", "LiF.surface_flaws.characteristic_size" })
            Assert.Contains(defaults, w => w.Contains($" {path} = "));
        // LiF's own shear modulus and LLZO's own mechanics are the library's, not defaults
        Assert.DoesNotContain(defaults, w => w.Contains("LiF.shear_modulus") || w.Contains("LLZO."));
        Assert.Equal(defaults.Count, cell.Parameters.Defaulted.Count);
    }

    /// <summary>
    /// Li3N (5e-4 S/cm, unlike LiF's 1e-13) on LLZO: the same defaults (Li|Li3N kinetics, Li3N's mechanics)
    /// make a cell that runs its whole protocol at a modest overpotential.
    /// </summary>
    [Fact]
    public void ALi3NInterlayerOnLlzoRunsItsProtocolOnClassDefaults()
    {
        var yaml = LiFOnLlzo.Replace("{material: LiF, thickness: 10 nm}", "{material: Li3N, thickness: 1 um}");
        var cell = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(yaml, "li3n.yaml"), Lib), Lib);
        var r = CellFactory.Run(cell, "Repeat 2 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h");
        Assert.Equal("protocol_completed", r.StopReason);
        Assert.Equal(2, r.Cycles.Count(c => c.Complete));
        Assert.True(double.IsFinite(r.MeanOverpotential) && r.MeanOverpotential < 0.1, $"{r.MeanOverpotential * 1e3:G3} mV");
        Assert.Contains(r.Warnings, w => w.Contains(" Li|Li3N.exchange_current_density = 1.0 mA/cm2: estimated (class default for interface"));
        Assert.Contains(r.Warnings, w => w.Contains(" Li3N.shear_modulus = 30 GPa: estimated (class default for interlayer"));
    }

    /// <summary>A class-default value can be overridden like any library value; the override then wins and is no longer a default.</summary>
    [Fact]
    public void AClassDefaultCanBeOverriddenByTheCell()
    {
        var p = new Parameters(Lib, [new ParameterOverride("Na.contact.creep_efficiency", "1e-3", default)]);
        Assert.Equal(1e-3, p.Get(Lib.Get("Na"), "contact.creep_efficiency", QuantityKind.Dimensionless), 12);
        Assert.Empty(p.Defaulted);
        Assert.Empty(p.Unused);
        // a value neither the material nor its class has is still a typo
        Assert.Throws<InputException>(() => new Parameters(Lib, [new ParameterOverride("Na.contact.creep_efficency", "1e-3", default)]));
    }

    /// <summary>
    /// An interface the library lacks (Li|LiF) runs on the interface class defaults; each of them can be overridden in
    /// the cell file, and the override is then what the model uses and no longer an estimated default. Was refused:
    /// "no interface 'Li|LiF' in the library".
    /// </summary>
    [Fact]
    public void AClassDefaultInterfaceValueCanBeOverriddenByTheCell()
    {
        var yaml = LiFOnLlzo + "overrides:\n  \"Li|LiF.exchange_current_density\": 7 mA/cm2\n";
        var cell = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(yaml, "lif-ov.yaml"), Lib), Lib);
        Assert.DoesNotContain(cell.Parameters.Defaulted, d => d.Path == "Li|LiF.exchange_current_density");
        Assert.Contains(cell.Parameters.Defaulted, d => d.Path == "Li|LiF.transfer_coefficient");
        Assert.Empty(cell.Parameters.Unused);
        // the model's exchange current at the Li|LiF charge-transfer interface is the override (7 mA/cm², not the default 1)
        var derived = SymmetricCellReport.Derived(cell);
        Assert.Equal(7.0, derived["exchange_current_density_mA_cm2_e1"], 9);
        // a property the interface defaults do not have is still a typo, on one line naming it
        var bad = LiFOnLlzo + "overrides:\n  \"Li|LiF.exchange_current\": 7 mA/cm2\n";
        var e = Assert.Throws<InputException>(() => CellSpec.Parse(YNode.LoadText(bad, "lif-bad.yaml"), Lib) is var spec ? SymmetricCell.Build(spec, Lib) : null);
        Assert.Contains("'Li|LiF.exchange_current'", e.Message);
    }

    /// <summary>The mechanism switched off: the same library without model.yaml's class_defaults refuses the cell with one line.</summary>
    [Fact]
    public void WithoutClassDefaultsTheSameCellIsRefusedWithOneLine()
    {
        var dir = TestPaths.TempDir();
        foreach (var f in Directory.GetFiles(TestPaths.Library, "*.yaml")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var model = Path.Combine(dir, "model.yaml");
        var text = File.ReadAllText(model);
        File.WriteAllText(model, text[..text.IndexOf("  class_defaults:", StringComparison.Ordinal)]);
        var ex = Assert.Throws<InputException>(() => Build(MaterialLibrary.Load(dir)));
        Assert.DoesNotContain('\n', ex.Message.Trim());
        Assert.Contains("LiF", ex.Message);   // the first value the library lacks, named
    }

    /// <summary>The class_defaults key of every class is the key its materials' files name it by (blocking_electrode, not blockingelectrode).</summary>
    [Fact]
    public void EveryClasssDefaultsKeyIsTheKeyItsFilesUse()
    {
        Assert.Equal("blocking_electrode", ClassDefaults.Key(MaterialClass.BlockingElectrode));
        foreach (var c in Enum.GetValues<MaterialClass>())
            Assert.Equal(c, Material.ParseClass(YNode.LoadText($"class: {ClassDefaults.Key(c)}", "class.yaml").Get("class")!));
    }

    [Fact]
    public void AMaterialsOwnValueWinsOverItsClassDefault()
    {
        var p = new Parameters(Lib);
        // LPS-glass states 0.2 MPa m^0.5; the solid-electrolyte default is 1.0
        Assert.Equal(0.2e6, p.Get(Lib.Get("LPS-glass"), "fracture_toughness", QuantityKind.FractureToughness), 3);
        Assert.Empty(p.Defaulted);
        // Li3N states no fracture toughness: the interlayer default, reported
        Assert.Equal(1.0e6, p.Get(Lib.Get("Li3N"), "fracture_toughness", QuantityKind.FractureToughness), 3);
        Assert.Contains(p.Defaulted, d => d.Path == "Li3N.fracture_toughness" && d.ClassKey == "interlayer");
    }

    /// <summary>
    /// Issue 10: "Na has no 'contact…'"-style errors stopped every metal but Li and Zn. Each metal of the
    /// library now builds and runs in its own liquid electrolyte; what it lacks (K's interface, the contact
    /// constants of Na, K, Al, Mg) comes from the class defaults and is named in the warnings.
    /// </summary>
    [Theory]
    [InlineData("Li", "LP30", new string[0])]
    [InlineData("Zn", "ZnSO4-aq", new string[0])]
    [InlineData("Na", "NaPF6-EC-PC", new[] { "Na.contact.creep_efficiency" })]
    [InlineData("Al", "AlCl3-EMIMCl", new[] { "Al.contact.creep_efficiency" })]
    [InlineData("Mg", "Mg-TFSI-DME", new[] { "Mg.contact.creep_efficiency" })]
    [InlineData("K", "KPF6-EC-DEC", new[] { "K.contact.creep_efficiency", "K|KPF6-EC-DEC.exchange_current_density" })]
    public void EveryMetalBuildsAndRunsInItsOwnElectrolyte(string metal, string electrolyte, string[] defaulted)
    {
        var yaml = $"name: {metal}\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 1 MPa\nlayers:\n" +
                   $"  - {{material: {metal}, thickness: 70 um}}\n  - {{material: {electrolyte}, thickness: 260 um}}\n  - {{material: {metal}, thickness: 70 um}}\n";
        var cell = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(yaml, "m.yaml"), Lib), Lib);
        var r = CellFactory.Run(cell, "Plate at 1 mA/cm2 for 1 h", "Strip at 1 mA/cm2 for 1 h");
        Assert.All(r.Series, p => Assert.True(double.IsFinite(p.Voltage) && Math.Abs(p.Voltage) < 10));
        Assert.Equal(2 * Si.Hour, r.Series[^1].TimeS, 1e-6);
        var defaults = cell.Parameters.Defaulted.Select(d => d.Path).ToList();
        foreach (var d in defaulted) Assert.Contains(d, defaults);
        if (defaulted.Length == 0) Assert.Empty(defaults);
    }
}
