using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Sweeps;

/// <summary>
/// The columns a sweep stores per run (table <c>runs</c>) and per cycle (table <c>cycles</c>), for a
/// symmetric or a full cell, in the unit each name ends with; the same quantities as summary.json and
/// cycles.csv of <c>simulate</c>. A quantity a run does not define (no short, no complete cycle) is null.
/// </summary>
public sealed record SweepMetrics(string Kind, IReadOnlyList<string> Run, IReadOnlyList<string> Cycle)
{
    static object? N(double v) => double.IsFinite(v) ? v : null;
    static object? N(double? v) => v is { } d && double.IsFinite(d) ? d : null;

    public static SweepMetrics For(string kind) => kind == "full" ? Full : Symmetric;

    public static readonly SweepMetrics Symmetric = new("symmetric",
        ["mean_overpotential_mV", "mean_interfacial_overpotential_mV", "short_circuit", "short_circuit_time_h", "short_circuit_cycle",
         "critical_current_density_mA_cm2", "onset_critical_current_density_mA_cm2", "dendrite_onset_time_h", "soft_shorts",
         "cycles", "complete_cycles", "stop_reason", "warnings"],
        ["current_density_mA_cm2", "mean_abs_overpotential_mV", "max_abs_overpotential_mV", "mean_abs_interfacial_overpotential_mV", "complete"]);

    public static readonly SweepMetrics Full = new("full",
        ["first_charge_capacity_mAh_g", "first_discharge_capacity_mAh_g", "last_discharge_capacity_mAh_g", "capacity_retention_percent",
         "first_cycle_coulombic_efficiency_percent", "mean_voltage_hysteresis_mV", "short_circuit", "short_circuit_time_h", "short_circuit_cycle",
         "dendrite_onset_time_h", "soft_shorts", "cycles", "complete_cycles", "stop_reason", "warnings"],
        ["charge_capacity_mAh_g", "discharge_capacity_mAh_g", "coulombic_efficiency_percent", "mean_charge_voltage_V", "mean_discharge_voltage_V", "complete"]);

    public static (object?[] Run, List<object?[]> Cycles) Of(SimulationResult r) => (
        [
            N(r.MeanOverpotential * 1e3), N(r.MeanInterfacialOverpotential * 1e3), r.ShortCircuit ? 1 : 0, N(r.ShortCircuitTimeS / Si.Hour),
            r.ShortCircuitCycle, N(r.CriticalCurrentDensity / Si.MilliampPerCm2), N(r.Onset?.RampCurrentDensity / Si.MilliampPerCm2),
            N(r.Onset?.TimeS / Si.Hour), r.SoftShorts.Count, r.Cycles.Count, r.Cycles.Count(c => c.Complete), r.StopReason, r.Warnings.Count,
        ],
        r.Cycles.Select(c => (object?[])[c.Cycle, N(c.CurrentDensity / Si.MilliampPerCm2), N(c.MeanAbsVoltage * 1e3), N(c.MaxAbsVoltage * 1e3),
            N(c.MeanAbsInterfacial * 1e3), c.Complete ? 1 : 0]).ToList());

    public static (object?[] Run, List<object?[]> Cycles) Of(FullCellResult r)
    {
        double Mah(double areal) => r.Specific(areal) / 3600;
        var first = r.FirstCycleMahPerG;
        return (
            [
                N(first?.Charge), N(first?.Discharge), N(r.LastDischargeMahPerG), N(r.RetentionPercent), N(r.FirstCycleCoulombicEfficiencyPercent),
                N(r.MeanVoltageHysteresis * 1e3), r.ShortCircuit ? 1 : 0, N(r.ShortCircuitTimeS / Si.Hour), r.ShortCircuitCycle,
                N(r.Onset?.TimeS / Si.Hour), r.SoftShorts.Count, r.Cycles.Count, r.Complete.Count, r.StopReason, r.Warnings.Count,
            ],
            r.Cycles.Select(c => (object?[])[c.Cycle, N(Mah(c.ChargeCapacity)), N(Mah(c.DischargeCapacity)), N(100 * c.CoulombicEfficiency),
                N(c.MeanChargeVoltage), N(c.MeanDischargeVoltage), c.Complete ? 1 : 0]).ToList());
    }
}
