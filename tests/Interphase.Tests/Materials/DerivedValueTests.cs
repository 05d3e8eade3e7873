using Interphase.Materials;

namespace Interphase.Tests.Materials;

/// <summary>
/// Values carried over from another library value are computed from it when the library loads
/// (<c>derived: {from, factor}</c>, docs/materials-schema.md; decision 0079), so a re-fit of the original
/// cannot leave a stale copy behind, as it did for NCM523|PT (357 from LiFePO4|PT's 33 000 after that became 35 400).
/// </summary>
public class DerivedValueTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static double Number(string path) => double.Parse(Assert.Single(Lib.Values, v => v.Path == path).Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// NCM523|PT's interface is LiFePO4|PT's per real area carried per electrode area: × a_NCM/a_LFP, the ratio of the
    /// particle surfaces per electrode area at the same loading, 3m/(ρR) each, i.e. (ρR)_LFP/(ρR)_NCM.
    /// </summary>
    [Fact]
    public void Ncm523PtIsLiFePO4PtCarriedByTheRatioOfTheParticleSurfaces()
    {
        var ratio = Number("LiFePO4.density") * Number("LiFePO4.particle_radius") / (Number("NCM523.density") * Number("NCM523.particle_radius"));
        var expected = Number("LiFePO4|PT.interfacial_asr") * ratio;
        Assert.Equal(expected, Number("NCM523|PT.interfacial_asr"), expected * 1e-4);
    }

    /// <summary>Copies of re-fitted values that had drifted (decision 0079) equal their originals.</summary>
    [Theory]
    [InlineData("LiFePO4|PT-PEO.cei_resistance_per_charge", "LiFePO4|PEO-LiTFSI.cei_resistance_per_charge")]
    [InlineData("NCM523|PT-PEO.cei_resistance_per_charge", "LiFePO4|PEO-LiTFSI.cei_resistance_per_charge")]
    [InlineData("Li-In|Li6PS5Cl.interphase.rate_constant", "Li|Li6PS5Cl.interphase.rate_constant")]
    [InlineData("Li|PT-PEO.nucleation_site_fraction", "Li|PEO-LiTFSI.nucleation_site_fraction")]
    [InlineData("PT-PEO.retained_fibre_fraction", "PEO-LiTFSI.retained_fibre_fraction")]
    [InlineData("model.class_defaults.metal.contact.creep_efficiency", "Li.contact.creep_efficiency")]
    public void ACarriedOverValueEqualsItsOriginal(string copy, string original) =>
        Assert.Equal(Number(original), Number(copy), Number(original) * 1e-6);

    /// <summary>Two interlayers, Bi's density derived from Ai's; the library folder.</summary>
    static string TwoMaterials(string aDensity, string bDensity)
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "Ai.yaml"), $"name: Ai\nclass: interlayer\nworking_ion: Li\nproperties:\n  density: {aDensity}\n");
        File.WriteAllText(Path.Combine(dir, "Bi.yaml"), $"name: Bi\nclass: interlayer\nworking_ion: Li\nproperties:\n  density: {bDensity}\n");
        return dir;
    }

    [Fact]
    public void ADerivedValueFollowsTheValueItIsDerivedFrom()
    {
        const string derived = "{derived: {from: Ai.density, factor: 1.5}, source: test, tag: estimate}";
        foreach (var (a, b) in new[] { ("2", "3"), ("4", "6"), ("2.2e-5", "3.3e-5") })
        {
            var lib = MaterialLibrary.Load(TwoMaterials($"{{value: {a}, unit: g/cm3, source: test}}", derived));
            var v = Assert.Single(lib.Values, x => x.Path == "Bi.density");
            Assert.Equal(b, v.Value);
            Assert.Equal("g/cm3", v.Unit);
        }
    }

    [Theory]
    [InlineData("{value: 3, derived: {from: Ai.density}, unit: g/cm3, source: test}", "Bi.density gives both a value and derived")]
    [InlineData("{derived: {from: Ai.porosity}, source: test}", "Bi.density is derived from 'Ai.porosity', which is not a value of the library")]
    [InlineData("{derived: {from: Ai.density}, unit: kg/m3, source: test}", "Bi.density is in 'kg/m3' but 'Ai.density' is in 'g/cm3'")]
    [InlineData("{derived: {from: Bi.density}, source: test}", "Bi.density is derived from itself")]
    [InlineData("{derived: {from: Ai.density, factor: 0}, source: test}", "Bi.density is derived from 'Ai.density' with factor 0: a factor must be positive")]
    [InlineData("{derived: {from: Ai.density, factor: -1.5}, source: test}", "Bi.density is derived from 'Ai.density' with factor -1.5: a factor must be positive")]
    public void AMistakeInADerivedValueIsAOneLineLoadError(string bDensity, string message)
    {
        var dir = TwoMaterials("{value: 2, unit: g/cm3, source: test}", bDensity);
        var e = Assert.Throws<InputException>(() => MaterialLibrary.Load(dir));
        Assert.Contains(message, e.OneLine);
        Assert.Contains("Bi.yaml:5", e.OneLine);
        Assert.DoesNotContain('\n', e.OneLine);
    }

    /// <summary>A cycle is found by the values themselves, whatever names or aliases reach them.</summary>
    [Fact]
    public void ACycleThroughAnAliasIsAOneLineLoadError()
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "Ai.yaml"), "name: Ai\nclass: interlayer\nworking_ion: Li\nproperties:\n  density: {derived: {from: Bee.density}, source: test}\n");
        File.WriteAllText(Path.Combine(dir, "Bi.yaml"), "name: Bi\naliases: [Bee]\nclass: interlayer\nworking_ion: Li\nproperties:\n  density: {derived: {from: Ai.density}, source: test}\n");
        var e = Assert.Throws<InputException>(() => MaterialLibrary.Load(dir));
        Assert.Contains("Ai.density is derived from itself (Ai.density -> Bee.density -> Ai.density)", e.OneLine);
        Assert.DoesNotContain('\n', e.OneLine);
    }

    [Fact]
    public void MaterialsShowPrintsWhatAValueIsDerivedFrom()
    {
        var (lines, i) = CalibrationTagTests.ShowLine("NCM523|PT", "interfacial_asr: 383.2758 Ohm cm2");
        Assert.Contains(lines.Skip(i + 1).Take(2), l => l.Trim() == "derived from: LiFePO4|PT.interfacial_asr x 0.010827");
    }
}
