using System.Globalization;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Validation;

/// <summary>
/// The measures of a failure time at constant current (decision 0078): electrode 1 is stripped in one direction at the
/// entry's current density (conditions.current_density_mA_cm2) for simulate.duration_h, the counter electrode plating
/// the same current, as the unidirectional tests of Singh et al. (2022) were run until the cell failed.
/// <list type="bullet">
/// <item>time_to_contact_loss: the first time at which the stripped electrode's contact has fallen to
/// 1 − <see cref="ContactLostFraction"/> of the contact it had when the current started (the share at which the
/// simulator writes its contact_loss event).</item>
/// <item>time_to_short: the time of the short circuit (a filament of the plating electrode spanning the separator, or
/// metal crept through it); the run stops there.</item>
/// </list>
/// A run that ends without its event says the model's time lies beyond the time it reached; the runner then decides as it
/// does for a ramp without its event (decision 0041).
/// </summary>
public static class FailureTimeMeasure
{
    /// <summary>The stripped electrode's relative loss of contact read as contact loss: a half, the share of the simulator's contact_loss event.</summary>
    public const double ContactLostFraction = 0.5;

    /// <summary>Whether the measure is one of these.</summary>
    public static bool Covers(string measure) => measure is "time_to_contact_loss" or "time_to_short";

    /// <summary>The protocol: stop at a short circuit; strip electrode 1 at the entry's current for duration_h.</summary>
    public static string Protocol(ValidationEntry e) =>
        "Stop if short circuit\n" + $"Strip at {N(e.CurrentDensityMilliampPerCm2!.Value)} mA/cm2 for {N(e.Simulate!.DurationHours!.Value)} h\n";

    /// <summary>
    /// The model value (h) or null with the reason; for a run without the event, the time (h) it reached, or null when it
    /// ended in another failure of the cell (a short before the contact loss, the voltage beyond the compliance), which
    /// is itself the model's answer (decision 0021) and stands for the whole duration.
    /// </summary>
    public static (double? Value, string Reason, double? Reached) Read(ValidationEntry e, SimulationResult r)
    {
        double end = r.Series.Count > 0 ? r.Series[^1].TimeS / Si.Hour : 0;
        string ended = $"the run ended at {end:G4} h: {r.StopReason}";
        if (e.Simulate!.Measure == "time_to_short")
        {
            if (r.ShortCircuitTimeS is { } ts)
                return (ts / Si.Hour, $"short circuit at {ts / Si.Hour:G4} h" + Onset(r) + ContactNote(r), null);
            return (null, $"no short circuit ({ended}){Onset(r)}{ContactNote(r)}{Otherwise(r, e)}", FailedOtherwise(r) ? null : end);
        }
        var lost = ContactLoss(r);
        if (lost is { } p)
            return (p.TimeS / Si.Hour, $"the stripped electrode's contact fell from {Start(r):G3} to {p.Left.Contact:G3} at {p.TimeS / Si.Hour:G4} h "
                + $"(|V| {Math.Abs(p.Voltage):G3} V then; {ended})", null);
        string why = r.ShortCircuitTimeS is { } s2
            ? $"the cell shorted at {s2 / Si.Hour:G4} h before the stripped electrode lost {ContactLostFraction:P0} of its contact"
            : $"the stripped electrode kept more than {1 - ContactLostFraction:P0} of its contact ({ended})";
        return (null, why + Otherwise(r, e), r.ShortCircuit || FailedOtherwise(r) ? null : end);
    }

    /// <summary>The first point under current at which the stripped electrode (1) has lost <see cref="ContactLostFraction"/> of its starting contact.</summary>
    static TimePoint? ContactLoss(SimulationResult r)
    {
        double c0 = Start(r);
        foreach (var p in r.Series)
            if (p.CurrentDensity > 0 && p.Left.Contact <= (1 - ContactLostFraction) * c0) return p;
        return null;
    }

    static double Start(SimulationResult r) => r.Series.Count > 0 ? r.Series[0].Left.Contact : double.NaN;

    /// <summary>The run stopped because the cell could not carry the current (the compliance), not at the end of its duration or of a foil.</summary>
    static bool FailedOtherwise(SimulationResult r) => r.StopReason == "compliance";

    /// <summary>What a run that ended in another failure of the cell stands for.</summary>
    static string Otherwise(SimulationResult r, ValidationEntry e) => FailedOtherwise(r)
        ? $"; the cell could no longer carry the current, a failure by another mechanism, which stands for the whole {N(e.Simulate!.DurationHours!.Value)} h (decision 0021)"
        : "";

    static string Onset(SimulationResult r) =>
        r.Onset is { } o ? $"; dendrite onset on {o.Electrode} at {o.TimeS / Si.Hour:G4} h" : "; no dendrite onset";

    /// <summary>The stripped electrode's contact at the end of the run, for the reader of a short time.</summary>
    static string ContactNote(SimulationResult r) =>
        r.Series.Count > 0 ? $"; stripped electrode's contact {Start(r):G3} -> {r.Series[^1].Left.Contact:G3}" : "";

    static string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
