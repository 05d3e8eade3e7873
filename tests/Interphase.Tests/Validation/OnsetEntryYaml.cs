namespace Interphase.Tests.Validation;

/// <summary>
/// One onset-CCD validation entry as YAML (an item of <c>entries:</c>) on the A-bare-Li-LPSCl case, for tests of how
/// `validate` builds and reports an entry: only the electrolyte and the conditions vary; the target, tolerance and ramp are
/// placeholders.
/// </summary>
internal static class OnsetEntryYaml
{
    /// <param name="conditions">The conditions' own keys, e.g. "temperature_degC: 30, stack_pressure_MPa: 5".</param>
    /// <param name="caseElectrolyte">The electrolyte that replaces the case's, or null to keep Li6PS5Cl.</param>
    public static string Of(string id, string electrolyte, string conditions, string? caseElectrolyte = null) => $$"""
          - id: {{id}}
            set: validation
            mechanism: critical_current_density
            system: {metal: Li, electrolyte: {{electrolyte}}, electrolyte_thickness_um: null}
            conditions: {{{conditions}}, current_density_mA_cm2: null, capacity_mAh_cm2: null, protocol: "test"}
            quantity: onset CCD
            value: 1
            unit: mA/cm2
            tolerance: {kind: factor, value: 2, reason: "test"}
            source: "test"
            where: "test"
            reliability: text
            simulate: {case: A-bare-Li-LPSCl, {{(caseElectrolyte is null ? "" : $"electrolyte: {caseElectrolyte}, ")}}measure: onset_ccd, ramp_from_mA_cm2: 0.01, ramp_to_mA_cm2: 50, ramp_factor: 1.1, step_h: 1}

        """;
}
