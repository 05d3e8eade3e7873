namespace Interphase.Data.Analysis;

/// <summary>
/// A record in which no current flows (an OCV technique, or a Modulo Bat of rests only): the
/// open-circuit voltage over time. Its start and end, the drift between them and the drift per hour,
/// and the lowest and highest voltage.
/// </summary>
public sealed record OpenCircuitAnalysis(CyclingDataset Data, double DurationS, double StartV, double EndV, double MinV, double MaxV)
{
    /// <summary>V: the end minus the start.</summary>
    public double DriftV => EndV - StartV;

    /// <summary>V/h over the whole record, or null when the record has no duration.</summary>
    public double? DriftVPerHour => DurationS > 0 ? DriftV / (DurationS / 3600) : null;

    public static OpenCircuitAnalysis Of(CyclingDataset d) =>
        new(d, d.TimeS[^1] - d.TimeS[0], d.Voltage[0], d.Voltage[^1], d.Voltage.Min(), d.Voltage.Max());
}
