using Interphase.IO;
using Interphase.Materials;
using Interphase.Validation;

namespace Interphase.Tests.Validation;

/// <summary>
/// conditions.electrode_diameter_mm (decision 0067): where the source states its electrode diameter, the entry's cell has
/// that electrode area instead of the case's (the largest surface flaw of the crack criterion grows with the area,
/// docs/models.md §9), and the area is no longer listed as an assumption.
/// </summary>
public class ElectrodeDiameterTests
{
    static ValidationEntry Entry(string diameter) => ValidationSet.Parse(YNode.LoadText("entries:\n" + OnsetEntryYaml.Of("d", "Li6PS5Cl",
        $"temperature_degC: null, stack_pressure_MPa: 0, electrode_diameter_mm: {diameter}"), "diameter.yaml")).Entries.Single();

    [Fact]
    public void TheSourcesElectrodeDiameterSetsTheCellsArea()
    {
        var lib = MaterialLibrary.Load(TestPaths.Library);
        var (given, _, givenAssumptions) = ValidationCell.Build(Entry("6"), TestPaths.Cases, lib);
        Assert.Equal(Math.PI * 3e-3 * 3e-3, given.AreaM2, 12);
        Assert.DoesNotContain(givenAssumptions, a => a.Contains("electrode area", StringComparison.Ordinal));

        // without it the case's 8 mm electrode stays, named as an assumption
        var (open, _, openAssumptions) = ValidationCell.Build(Entry("null"), TestPaths.Cases, lib);
        Assert.Equal(Math.PI * 4e-3 * 4e-3, open.AreaM2, 12);
        Assert.Contains(openAssumptions, a => a.StartsWith("electrode area 0.503 cm2", StringComparison.Ordinal));
    }

    [Fact]
    public void ANonPositiveDiameterIsOneLineNamingItsLine()
    {
        var ex = Assert.Throws<InputException>(() => Entry("0"));
        Assert.Contains("electrode_diameter_mm of 'd' must be positive", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
        Assert.Equal(6, ex.Location.Line);
    }
}
