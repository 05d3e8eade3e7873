using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Units;

namespace Interphase.Tests.Materials;

/// <summary>The shipped library: every value has a source, units parse, and derived numbers match domain.md.</summary>
public class LibraryTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static IEnumerable<(string path, YNode node)> Leaves(YNode node, string path)
    {
        foreach (var (key, child) in node.Entries)
        {
            var p = $"{path}.{key}";
            if (child.IsMapping && child.Get("value") is not null) yield return (p, child);
            else if (child.IsMapping) foreach (var x in Leaves(child, p)) yield return x;
        }
    }

    [Fact]
    public void EveryPropertyHasAValueAUnitThatParsesAndASource()
    {
        var all = Lib.All.Select(m => (m.Name, m.Properties)).Concat(Lib.Pairs.Select(p => (p.Key, p.Properties))).ToList();
        Assert.True(all.Count >= 30);
        int count = 0;
        foreach (var (name, props) in all)
            foreach (var (path, leaf) in Leaves(props, name))
            {
                count++;
                var src = leaf.Get("source")?.Text();
                Assert.False(string.IsNullOrWhiteSpace(src), $"{path} has no source");
                var unit = leaf.Get("unit")?.Text() ?? "";
                var value = leaf.Get("value")!.Text();
                if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                    UnitParser.Parse(unit); // throws on a unit the parser does not know
                if (leaf.Get("tag")?.Text() == "calibrated")
                    Assert.False(string.IsNullOrWhiteSpace(leaf.Get("calibrated_on")?.Text()), $"{path} is calibrated but does not say on what");
            }
        Assert.True(count > 200);
    }

    [Fact]
    public void EveryMaterialOfTheFiveSystemsIsThere()
    {
        foreach (var n in new[] { "Li", "Na", "K", "Zn", "Al", "Mg", "Li6PS5Cl", "Li7P3S11", "75Li2S-25P2S5", "LLTO", "LLZO", "PEO-LiTFSI", "PT-PEO",
                                  "Li2Se", "DCPL", "LiHg", "Li-In", "LPSCl", "argyrodite" })
            Assert.True(Lib.TryGet(n, out _), n);
        foreach (var morph in new[] { "NP", "NR", "NW" })
            Assert.NotNull(Lib.Get("Li2Se").Properties.Get("morphologies")!.Get(morph));
    }

    [Theory]
    [InlineData("Li", 3860)]
    [InlineData("Na", 1166)]
    [InlineData("K", 687)]
    [InlineData("Al", 2978)]
    [InlineData("Zn", 820)]
    [InlineData("Mg", 2206)]
    public void TheoreticalCapacitiesFollowFromMolarMassAndCharge(string metal, double domainMahPerG)
    {
        var p = new Parameters(Lib);
        var props = MetalProperties.Read(p, Lib.Get(metal));
        var mahPerG = props.TheoreticalCapacity / 3600; // C/kg → mAh/g
        Assert.InRange(mahPerG, domainMahPerG * 0.995, domainMahPerG * 1.005);
    }

    [Fact]
    public void Li7P3S11UsesSystemCsMeasuredConductivityAndActivationEnergy()
    {
        var p = new Parameters(Lib);
        var s = IonicConductivity.Read(p, Lib.Get("Li7P3S11"));
        Assert.Equal(1.27e-4, s.At(298.15) / 100, 6);
        var a = Assert.IsType<ArrheniusConductivity>(s);
        Assert.Equal(9493, a.ActivationEnergy, 0);
    }

    /// <summary>
    /// PEO-LiTFSI's VTF B was calibrated on these two conductivities (domain.md B and D), PT-PEO's
    /// reference point is its input: a regression of the calibration (see Cases/DomainCaseTests for the naming).
    /// </summary>
    [Fact]
    public void PolymerConductivitiesMatchDomainAtTheirTemperatures_RegressionOfCalibration()
    {
        var p = new Parameters(Lib);
        var peo = IonicConductivity.Read(p, Lib.Get("PEO-LiTFSI"));
        var pt = IonicConductivity.Read(p, Lib.Get("PT-PEO"));
        Assert.Equal(2.4e-4, peo.At(333.15) / 100, 2);
        Assert.InRange(peo.At(313.15) / 100, 2.84e-5 * 0.9, 2.84e-5 * 1.1);   // domain.md D, 40 °C
        Assert.InRange(pt.At(313.15) / 100, 1.06e-4 * 0.95, 1.06e-4 * 1.05);
        Assert.True(peo.At(353.15) > peo.At(333.15));
    }

    [Fact]
    public void OverridesReplaceValuesAndTyposAreErrors()
    {
        var where = new SourceLocation("cell.yaml", 12, 3);
        var p = new Parameters(Lib, [new ParameterOverride("LPSCl.conductivity.reference_conductivity", "1 mS/cm", where)]);
        Assert.Equal(0.1, p.Get(Lib.Get("Li6PS5Cl"), "conductivity.reference_conductivity", QuantityKind.Conductivity), 12);
        var e = Assert.Throws<InputException>(() => new Parameters(Lib, [new ParameterOverride("Li6PS5Cl.conductivity.sigma", "1 mS/cm", where)]));
        Assert.Equal(12, e.Location.Line);
        var bad = new Parameters(Lib, [new ParameterOverride("Li6PS5Cl.conductivity.reference_conductivity", "1 mV", where)]);
        Assert.Contains("conductivity", Assert.Throws<InputException>(() => bad.Get(Lib.Get("Li6PS5Cl"), "conductivity.reference_conductivity", QuantityKind.Conductivity)).Message);
    }

    [Fact]
    public void MalformedLibraryFileNamesFileAndLine()
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "Bad.yaml"), "name: Bad\nclass: metal\nproperties:\n  density: {value: 1, unit: g/cm3\n");
        var e = Assert.Throws<InputException>(() => MaterialLibrary.Load(dir));
        Assert.Contains("Bad.yaml", e.OneLine);
        Assert.Contains("malformed YAML", e.Message);
        Assert.True(e.Location.Line >= 4);
    }
}
