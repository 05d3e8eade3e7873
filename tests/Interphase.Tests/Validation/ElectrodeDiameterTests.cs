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
    static ValidationEntry Entry(string diameter) => ValidationSet.Parse(YNode.LoadText($$"""
        entries:
          - id: d
            set: validation
            mechanism: critical_current_density
            system: {metal: Li, electrolyte: Li6PS5Cl, electrolyte_thickness_um: null}
            conditions: {temperature_degC: null, stack_pressure_MPa: 0, electrode_diameter_mm: {{diameter}}, current_density_mA_cm2: null, capacity_mAh_cm2: null, protocol: "test"}
            quantity: onset CCD
            value: 1
            unit: mA/cm2
            tolerance: {kind: factor, value: 2, reason: "test"}
            source: "test"
            where: "test"
            reliability: text
            simulate: {case: A-bare-Li-LPSCl, measure: onset_ccd, ramp_from_mA_cm2: 0.01, ramp_to_mA_cm2: 50, ramp_factor: 1.1, step_h: 1}
        """, "diameter.yaml")).Entries.Single();

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
