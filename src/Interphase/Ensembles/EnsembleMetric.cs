using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Ensembles;

/// <summary>
/// A figure of merit read off each realisation, in the unit its name ends with; null where the
/// realisation does not define it (no short circuit, no complete cycle, no filament).
/// </summary>
public sealed record EnsembleMetric(string Name, string Label, string Unit, Func<SimulationResult, double?>? Symmetric, Func<FullCellResult, double?>? Full)
{
    static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>The metrics of a symmetric cell.</summary>
    public static readonly IReadOnlyList<EnsembleMetric> SymmetricMetrics =
    [
        new("time_to_short_h", "time to short circuit", "h", r => r.ShortCircuitTimeS / Si.Hour, null),
        new("short_ccd_mA_cm2", "critical current density at the short", "mA/cm²", r => r.CriticalCurrentDensity / Si.MilliampPerCm2, null),
        new("onset_time_h", "dendrite onset time", "h", r => r.Onset?.TimeS / Si.Hour, null),
        new("onset_ccd_mA_cm2", "onset critical current density (ramp)", "mA/cm²", r => r.Onset?.RampCurrentDensity / Si.MilliampPerCm2, null),
        new("mean_overpotential_mV", "mean overpotential before any short", "mV", r => Finite(r.MeanOverpotential * 1e3), null),
        new("mean_interfacial_overpotential_mV", "mean interfacial (IR-free) overpotential", "mV", r => Finite(r.MeanInterfacialOverpotential * 1e3), null),
    ];

    /// <summary>The metrics of a full cell.</summary>
    public static readonly IReadOnlyList<EnsembleMetric> FullMetrics =
    [
        new("time_to_short_h", "time to short circuit", "h", null, r => r.ShortCircuitTimeS / Si.Hour),
        new("first_discharge_capacity_mAh_g", "first discharge capacity (cycle 1)", "mAh/g", null, r => r.FirstCycleMahPerG?.Discharge),
        new("last_discharge_capacity_mAh_g", "last complete cycle's discharge capacity", "mAh/g", null, r => r.LastDischargeMahPerG),
        new("retention_percent", "capacity retention", "%", null, r => Finite(r.RetentionPercent)),
        new("mean_voltage_hysteresis_mV", "mean charge − discharge voltage (complete cycles)", "mV", null, r => r.MeanVoltageHysteresis * 1e3),
    ];
}
