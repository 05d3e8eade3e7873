using Interphase.Materials;

namespace Interphase.Tests.Materials;

/// <summary>
/// Values carried over from another library value are computed from it when the library loads
/// (<c>derived: {from, factor}</c>, docs/materials-schema.md; decision 0079), so a re-fit of the original
/// cannot leave a stale copy behind, as it did for NCM523|PT (357 from LiFePO4|PT's 33 000 after that became 35 400).
/// </summary>
public class DerivedValueTests
{
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
    public void AMistakeInADerivedValueIsAOneLineLoadError(string bDensity, string message)
    {
        var dir = TwoMaterials("{value: 2, unit: g/cm3, source: test}", bDensity);
        var e = Assert.Throws<InputException>(() => MaterialLibrary.Load(dir));
        Assert.Contains(message, e.OneLine);
        Assert.Contains("Bi.yaml:5", e.OneLine);
        Assert.DoesNotContain('\n', e.OneLine);
    }
}
