using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Simulation;

namespace Interphase.Tests.Materials;

/// <summary>
/// A cathode paired with an electrolyte the library has no interface record for (NCM523 | Li6PS5Cl, one of
/// the most common solid-state pairings) is built from the record of the same electrolyte with another
/// cathode of its class, says so in its warnings, and takes overrides under its own name; with no such
/// record the refusal stays one line.
/// </summary>
public class CathodePairTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static CellSpec Spec(string cathode, string electrolyte, string overrides = "") => CellSpec.Parse(YNode.LoadText(
        "name: x\nkind: full\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 10 MPa\nlayers:\n" +
        $"  - {{material: Li, thickness: 50 um}}\n  - {{material: {electrolyte}, thickness: 100 um}}\n" +
        $"  - {{material: {cathode}, loading: 10 mg/cm2, electrolyte_fraction: 0.3}}\n" + overrides, "x.yaml"), Lib);

    [Fact]
    public void NcmOnAnArgyroditeTakesTheLcoArgyroditeRecordAndSaysSo()
    {
        Assert.Null(Lib.FindPair(Lib.Get("NCM523"), Lib.Get("Li6PS5Cl")));
        var ncm = FullCell.Build(Spec("NCM523", "Li6PS5Cl"), Lib);
        var lco = FullCell.Build(Spec("LiCoO2", "Li6PS5Cl"), Lib);
        Assert.Equal("NCM523|Li6PS5Cl", ncm.Cathode.Interface.Pair);
        Assert.Equal(lco.Cathode.Interface with { Pair = "NCM523|Li6PS5Cl" }, ncm.Cathode.Interface);
        var w = Assert.Single(ncm.Warnings, x => x.Contains("no interface data"));
        Assert.Contains("LiCoO2|Li6PS5Cl's", w);
        Assert.StartsWith("x.yaml:9:", w);
        Assert.DoesNotContain(lco.Warnings, x => x.Contains("no interface data"));
    }

    [Fact]
    public void TheBorrowedRecordTakesOverridesUnderItsOwnName()
    {
        var ncm = FullCell.Build(Spec("NCM523", "Li6PS5Cl", "overrides:\n  NCM523|Li6PS5Cl.interfacial_asr: 80 Ohm cm2\n"), Lib);
        Assert.Equal(80e-4, ncm.Cathode.Interface.InitialAsr, 12);
    }

    /// <summary>
    /// With no record of the same electrolyte and class the pair falls to the class default of its electrolyte's family
    /// (CathodeInterfaceDefaultTests); a library without that default refuses it in one line, as before.
    /// </summary>
    [Fact]
    public void WithNoRecordOfTheSameElectrolyteAndClassAndNoClassDefaultTheRefusalIsOneLine()
    {
        // no conversion cathode is paired with Li6PS5Cl in the library (FeS2 is with Li7P3S11 and an ether)
        var withDefaults = FullCell.Build(Spec("FeS2", "Li6PS5Cl"), Lib);
        Assert.Contains(withDefaults.Parameters.Defaulted, d => d.Path == "FeS2|Li6PS5Cl.interfacial_asr");
        var dir = TestPaths.TempDir();
        foreach (var f in Directory.GetFiles(TestPaths.Library, "*.yaml")) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var model = Path.Combine(dir, "model.yaml");
        var text = File.ReadAllText(model);
        File.WriteAllText(model, text[..text.IndexOf("    cathode_interface:", StringComparison.Ordinal)]);
        var lib = MaterialLibrary.Load(dir);
        var e = Assert.Throws<InputException>(() => FullCell.Build(Spec("FeS2", "Li6PS5Cl"), lib));
        Assert.Contains("no interface data for 'FeS2|Li6PS5Cl'", e.Message);
        Assert.DoesNotContain('\n', e.OneLine);
    }
}
