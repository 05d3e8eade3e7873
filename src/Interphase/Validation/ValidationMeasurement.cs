using System.Globalization;
using System.Text;
using Interphase.Protocols;
using Interphase.Cells;
using Interphase.Materials;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Validation;

/// <summary>
/// The protocol that measures an entry's quantity on its cell, and how the quantity is read from the
/// run (docs/validation.md, "How interphase validate measures"):
/// <list type="bullet">
/// <item>critical_stripping_current: after a rest under the stack pressure, electrode 1 is stripped in one
/// direction at a rising current (step_h at each level, the current multiplied by ramp_factor each level),
/// as the papers of the entries strip (Kasemchainan 2019: stripping at increasing current; Krauskopf 2019:
/// galvanostatic stripping; Nat. Commun. 12, 6369: one direction until the cutoff); the counter electrode
/// plates the same current. The model value is the first stripping current at which the stripped electrode
/// has lost 1 % of its contact at the end of the rest (the contact law of docs/models.md §6 lets the contact
/// fall to where creep under the concentrated stress keeps up, so a 1 % loss marks a current a few per cent
/// above the critical one).</item>
/// <item>critical_stripping_current_vs_pressure: the same stripping ramp at each of pressures_MPa (the stack
/// pressure, and the pressing pressure unless the entry gives one); no single value: the check is whether the
/// critical stripping current rises linearly with the pressure (<see cref="Linear"/>), as Spencer Jolly et al.
/// (2020) find for Na | Na-β″-alumina.</item>
/// <item>onset_ccd: the same ramp, plating first (A-ccd.protocol style, geometric instead of linear);
/// the model value is the current of the first dendrite onset (the onset CCD, which does not depend
/// on the separator thickness).</item>
/// <item>onset_ccd_vs_interface_asr: the onset_ccd ramp at each of interface_asrs_ohm_cm2 (the cell's surface given as
/// that interface ASR, docs/models.md §6.2); no single value: the check is whether the onset CCD falls exponentially
/// with the ASR rather than as a power law (<see cref="InterfaceAsrSeries"/>).</item>
/// <item>onset_time: constant-current plating at the entry's current for duration_h; the model value
/// is the time of the dendrite onset.</item>
/// <item>onset_time_trend: the same at each of currents_mA_cm2; the check is that the onset time falls
/// as the current rises (no onset within duration_h counts as later than any onset).</item>
/// <item>time_to_contact_loss, time_to_short: electrode 1 stripped at the entry's constant current until the
/// stripped electrode has lost half its contact or the cell shorts (<see cref="FailureTimeMeasure"/>).</item>
/// <item>interface_asr: an impedance spectrum at rest; the model value is one interface's
/// area-specific resistance (interphase + charge transfer, R1 + R2, halved for the two electrodes).</item>
/// <item>interface_asr_after_heat: a rest of heat_h at heat_temperature_degC, one hour back at the
/// entry's temperature, then the same spectrum.</item>
/// </list>
/// </summary>
public static class ValidationMeasurement
{
    /// <summary>Rest under the stack pressure before a stripping ramp (h).</summary>
    public const double SettlingHours = 24;

    /// <summary>The stripped electrode's relative contact loss taken as the onset of voiding.</summary>
    public const double ContactLossThreshold = 0.01;

    /// <summary>The unit each measure reports, which the entry's unit must be.</summary>
    public static string Unit(string measure) => measure switch
    {
        "critical_stripping_current" or "onset_ccd" => "mA/cm2",
        "critical_stripping_current_vs_pressure" or "onset_ccd_vs_interface_asr" => "-",
        "onset_time" or "onset_time_trend" or "time_to_contact_loss" or "time_to_short" => "h",
        _ => "ohm cm2",
    };

    /// <summary>A condition the measure cannot run without (beyond the base case's).</summary>
    public static string? Missing(ValidationEntry e) => e.Simulate!.Measure switch
    {
        "onset_time" or "time_to_contact_loss" or "time_to_short" when e.CurrentDensityMilliampPerCm2 is null => "conditions.current_density_mA_cm2",
        "onset_time" or "onset_time_trend" or "time_to_contact_loss" or "time_to_short" when e.Simulate.DurationHours is null => "simulate.duration_h",
        "interface_asr_after_heat" when e.Simulate.HeatTemperatureC is null => "simulate.heat_temperature_degC",
        "interface_asr_after_heat" when e.Simulate.HeatHours is null => "simulate.heat_h",
        "critical_stripping_current" or "critical_stripping_current_vs_pressure" or "onset_ccd" or "onset_ccd_vs_interface_asr" when e.Simulate.RampFromMilliampPerCm2 is null || e.Simulate.RampToMilliampPerCm2 is null => "simulate.ramp_from_mA_cm2 and simulate.ramp_to_mA_cm2",
        _ => null,
    };

    /// <summary>What a run (or, for a series, the runs) gave: the model value or null with the reason, the
    /// validity warnings, and for a trend whether the series goes the measured way.</summary>
    public sealed record Measured(double? Value, string Reason, IReadOnlyList<string> Warnings, bool? TrendHolds = null)
    {
        /// <summary>For a ramp that ended without a short circuit: the highest current (mA/cm²) it reached; for a failure time at
        /// constant current (FailureTimeMeasure) that ended without its event and without another failure: the time (h) it reached;
        /// null otherwise.</summary>
        public double? RampReached { get; init; }
    }

    /// <summary>Simulate the entry's cell under its protocol(s) and read the quantity.</summary>
    public static Measured Measure(ValidationEntry e, CellSpec spec, MaterialLibrary lib)
    {
        if (e.Simulate!.Measure == "critical_stripping_current_vs_pressure") return PressureSeries(e, spec, lib);
        if (e.Simulate.Measure == "onset_ccd_vs_interface_asr") return InterfaceAsrSeries.Measure(e, spec, lib);
        var cell = SymmetricCell.Build(spec, lib);
        if (FailureTimeMeasure.Covers(e.Simulate.Measure))
        {
            var run = new SymmetricSimulator(cell).Run(Protocol(e, spec.TemperatureK));
            var (value, reason, reached) = FailureTimeMeasure.Read(e, run);
            return new Measured(value, reason, run.Warnings) { RampReached = reached };
        }
        if (e.Simulate!.Measure != "onset_time_trend")
        {
            var result = new SymmetricSimulator(cell).Run(Protocol(e, spec.TemperatureK));
            var (v, why) = Read(e, result);
            if (e.Simulate.Measure == "onset_time" && SandFigures(cell, e.CurrentDensityMilliampPerCm2!.Value * Si.MilliampPerCm2, result) is { } sand)
                why += "; " + sand.Describe();
            if (e.Simulate.Measure == "onset_ccd" && result.Onset is { } onset && OnsetLimits(cell, result, onset) is { } limits)
                why += "; " + limits;
            if (e.Simulate.Measure == "critical_stripping_current")
                // the supply law's own threshold at the cell's pressure, temperature and foil (docs/models.md §6), for the reader
                // to set against the plating side's limit when the ramp ends in a short
                why += $"; the supply law's critical stripping current i_D + i_c(p) = {cell.Left.Contact.Supply.CriticalStrippingCurrent(cell.StackPressure, cell.TemperatureK, cell.Left.MetalThickness) / Si.MilliampPerCm2:G3} mA/cm2";
            // a ramp cut short by anything but a short circuit (a stripped foil used up) tested the cell only up to where it
            // stopped; a short is itself the model's answer (the cell fails there), so the verdict keeps the ramp's top
            bool ramp = e.Simulate.Measure is "critical_stripping_current" or "onset_ccd";
            return new Measured(v, why, result.Warnings) { RampReached = ramp && !result.ShortCircuit ? HighestCurrent(result) : null };
        }
        var onsets = new List<double>();
        var warnings = new List<string>();
        foreach (var j in e.Simulate.CurrentsMilliampPerCm2)
        {
            var at = e with { CurrentDensityMilliampPerCm2 = j, Simulate = e.Simulate with { Measure = "onset_time" } };
            var r = new SymmetricSimulator(cell).Run(Protocol(at, spec.TemperatureK));
            warnings.AddRange(r.Warnings.Where(w => !warnings.Contains(w)));
            onsets.Add(r.Onset is { } o ? o.TimeS / Si.Hour : double.PositiveInfinity);
        }
        bool falls = true;
        for (int k = 1; k < onsets.Count; k++) falls &= onsets[k] < onsets[k - 1];
        var series = string.Join(", ", e.Simulate.CurrentsMilliampPerCm2.Zip(onsets, (j, t) =>
            $"{N(j)} mA/cm2: {(double.IsFinite(t) ? t.ToString("G3", CultureInfo.InvariantCulture) + " h" : $"none in {N(e.Simulate.DurationHours!.Value)} h")}"));
        return new Measured(null, $"onset times {series}; {(falls ? "falling" : "not falling")} with the current", warnings, falls);
    }

    /// <summary>
    /// Largest distance of an interior point of a series from the straight line through its end points, as a
    /// fraction of the rise between them, that still counts as linear: 0.1. A shape check, not a fit: the model's
    /// power-law creep supply (i − i_D ∝ p^n, n = 5 for Na) lies 40 % of the rise off the chord at mid-span.
    /// </summary>
    public const double LinearityTolerance = 0.1;

    /// <summary>
    /// Whether y rises linearly with x: y rises from the first point to the last, and every interior point lies within
    /// <see cref="LinearityTolerance"/> of the rise from the chord through the end points. Also returns that largest
    /// relative distance. Needs at least three points.
    /// </summary>
    public static (bool linear, double deviation) Linear(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 3 || x.Count != y.Count) throw new ArgumentException("a linearity check needs at least three points, one y per x");
        double rise = y[^1] - y[0];
        if (!(rise > 0)) return (false, double.PositiveInfinity);
        double dev = 0;
        for (int k = 1; k < x.Count - 1; k++)
        {
            double chord = y[0] + rise * (x[k] - x[0]) / (x[^1] - x[0]);
            dev = Math.Max(dev, Math.Abs(y[k] - chord) / rise);
        }
        return (dev <= LinearityTolerance, dev);
    }

    /// <summary>The stripping measure at each of the entry's pressures; the verdict is whether the critical stripping
    /// current rises linearly with the pressure. A pressure at which the ramp finds no contact loss leaves the shape
    /// undecided (null), with the reason.</summary>
    static Measured PressureSeries(ValidationEntry e, CellSpec spec, MaterialLibrary lib)
    {
        var single = e with { Simulate = e.Simulate! with { Measure = "critical_stripping_current" } };
        var (values, parts, warnings) = RunSeries(single, spec, e.Simulate!.PressuresMPa,
            pm => SymmetricCell.Build(spec with { StackPressurePa = pm * 1e6 }, lib),
            (pm, cell, v, why) =>
            {
                double law = cell.Left.Contact.Supply.CriticalStrippingCurrent(cell.StackPressure, cell.TemperatureK, cell.Left.MetalThickness) / Si.MilliampPerCm2;
                return $"{N(pm)} MPa: {(v is { } x ? x.ToString("G3", CultureInfo.InvariantCulture) : "none (" + why + ")")} (supply law {law:G3})";
            });
        var series = "critical stripping current in mA/cm2 at " + string.Join(", ", parts);
        if (values.Any(v => v is null))
            return new Measured(null, $"{series}; the shape is undecided where the ramp found no contact loss", warnings);
        var (linear, dev) = Linear(e.Simulate.PressuresMPa, values.Select(v => v!.Value).ToList());
        return new Measured(null, $"{series}; {(linear ? "linear" : "not linear")} in the pressure (largest distance from the chord {dev:P0} of the rise, allowed {LinearityTolerance:P0})", warnings, linear);
    }

    /// <summary>
    /// The single-value measure <paramref name="single"/> run on a cell built for each point of a series (a stack pressure,
    /// an interface ASR): the value at each point (null where the run found none), a description of each point, and
    /// the runs' warnings, each once.
    /// </summary>
    internal static (List<double?> Values, List<string> Parts, List<string> Warnings) RunSeries(ValidationEntry single, CellSpec spec,
        IReadOnlyList<double> points, Func<double, SymmetricCell> build, Func<double, SymmetricCell, double?, string, string> describe)
    {
        var protocol = Protocol(single, spec.TemperatureK);
        var values = new List<double?>();
        var parts = new List<string>();
        var warnings = new List<string>();
        foreach (var x in points)
        {
            var cell = build(x);
            var r = new SymmetricSimulator(cell).Run(protocol);
            warnings.AddRange(r.Warnings.Where(w => !warnings.Contains(w)));
            var (v, why) = Read(single, r);
            values.Add(v);
            parts.Add(describe(x, cell, v, why));
        }
        return (values, parts, warnings);
    }

    /// <summary>
    /// Which limit an onset-CCD ramp met (decision 0033): the plating electrode's contact φ at the onset, its
    /// penetration criterion's limit at full contact expressed as the cell's mean plating current (i_tol·θ_s·θ_n:
    /// the crack criterion of the as-set surface, docs/models.md §6.2 and §9) and the supply law's critical stripping
    /// current i_D + i_c(p) (§6). An onset well below the full-contact limit at a contact ≪ 1 is the void chain of
    /// §6 (stripping opens voids, the next plating is focused 1/φ onto the rest); an onset at the full-contact limit
    /// with φ ≈ 1 is the film-focused (or clean) crack criterion alone. Null for a layer without a tolerable current
    /// at full contact (a polymer's Sand criterion), an electrode with parallel current paths, or a run without the onset's point.
    /// </summary>
    static string? OnsetLimits(SymmetricCell cell, SimulationResult r, DendriteOnset onset)
    {
        bool left = onset.Electrode == cell.Left.Label;
        var side = left ? cell.Left : cell.Right;
        // one current path (a porous interlayer's parallel paths split the current: no single full-contact figure)
        if (side.Paths.Count != 1 || side.Paths[0].Segments[0].criterion is not Models.FractureCriterion) return null;
        var at = r.Series.Where(p => p.TimeS <= onset.TimeS + 1e-9).Select(p => (TimePoint?)p).LastOrDefault();
        if (at is not { } point) return null;
        double phi = left ? point.Left.Contact : point.Right.Contact;
        var k = new SideConditions();
        k.Set(side, cell.TemperatureK, cell.StackPressure);
        double full = k.Tol[0][0] * side.FilmFreeFraction * side.Paths[0].Kinetics.NucleationSiteFraction;
        double strip = side.Contact.Supply.CriticalStrippingCurrent(cell.StackPressure, cell.TemperatureK, side.MetalThickness);
        return $"plating electrode's contact at the onset {phi:G3}; at full contact the plating limit is {full / Si.MilliampPerCm2:G3} mA/cm2 "
            + $"(film-free fraction {side.FilmFreeFraction:G3}) and the supply law's critical stripping current {strip / Si.MilliampPerCm2:G3} mA/cm2";
    }

    /// <summary>
    /// Sand's-law figures of a plating run in a binary salt electrolyte (docs/models.md §9 item 2, §11): Sand's time
    /// of a semi-infinite layer at the cell's mean current, the focus i_loc/|j| = 1/(φθ) of the plating electrode's nucleation
    /// spots at its contact at the first point under current, Sand's time at that focused current, and the steady limiting
    /// current of the layer, 2zFc0·D/((1 − t+)L). Null for a cell without a simulated salt profile.
    /// </summary>
    public sealed record Sand(double MeanCurrentTimeS, double Focus, double FocusedTimeS, double LimitingCurrent, double Current)
    {
        public string Describe() =>
            $"Sand's time at the mean {Current / Si.MilliampPerCm2:G3} mA/cm2 {MeanCurrentTimeS / Si.Hour:G3} h (semi-infinite), "
            + (Current < LimitingCurrent ? "but the mean current is below" : "and the mean current is above")
            + $" the layer's limiting current {LimitingCurrent / Si.MilliampPerCm2:G3} mA/cm2; "
            + $"on the nucleation spots (focus 1/(phi theta) = {Focus:G3}) Sand's time is {FocusedTimeS / Si.Hour:G3} h";
    }

    public static Sand? SandFigures(SymmetricCell cell, double current, SimulationResult r)
    {
        if (cell.Concentration is not { } cp || cell.SaltDiffusivity is not { } ds) return null;
        double T = cell.TemperatureK, d = ds(T), c0 = cp.InitialConcentration, tp = cell.TransferenceNumber;
        // the plating electrode at the first point under current (a negative current plates electrode 1)
        var first = r.Series.FirstOrDefault(p => p.CurrentDensity != 0);
        bool left = first.CurrentDensity <= 0;
        var side = left ? cell.Left : cell.Right;
        int z = side.MetalProps.ChargeNumber;
        double contact = first.CurrentDensity != 0 ? (left ? first.Left.Contact : first.Right.Contact) : 1;
        double focus = 1 / (contact * side.FilmFreeFraction * side.Paths[0].Kinetics.NucleationSiteFraction);
        double iLim = 2 * z * Si.Faraday * c0 * d / ((1 - tp) * cp.Thickness);
        return new Sand(Models.SandOnset.SandTime(d, c0, tp, z, current), focus, Models.SandOnset.SandTime(d, c0, tp, z, current * focus), iLim, current);
    }

    public static Protocol Protocol(ValidationEntry e, double cellTemperatureK)
    {
        var s = e.Simulate!;
        var text = new StringBuilder();
        switch (s.Measure)
        {
            case "critical_stripping_current":
            case "onset_ccd":
                bool stripping = s.Measure == "critical_stripping_current";
                text.AppendLine("Stop if short circuit");
                // the pressed cell first settles under its stack pressure (creep closes the gaps the pressing left), as the
                // cells of these experiments did before they were stripped: voids are then counted from a settled contact
                if (stripping) text.AppendLine($"Rest for {N(SettlingHours)} h");
                foreach (var i in Ramp(s.RampFromMilliampPerCm2!.Value, s.RampToMilliampPerCm2!.Value, s.RampFactor))
                {
                    var a = $"at {N(i)} mA/cm2 for {N(s.StepHours)} h";
                    // the stripping measurements of the set strip one electrode in one direction (no plating half between
                    // the levels, which would let its contact recover); the plating-onset ramp alternates as A-ccd.protocol
                    if (stripping) text.AppendLine($"Strip {a}");
                    else { text.AppendLine($"Plate {a}"); text.AppendLine($"Strip {a}"); }
                }
                break;
            case "onset_time":
                text.AppendLine("Stop if short circuit");
                text.AppendLine($"Plate at {N(e.CurrentDensityMilliampPerCm2!.Value)} mA/cm2 for {N(s.DurationHours!.Value)} h");
                break;
            case "time_to_contact_loss":
            case "time_to_short":
                text.Append(FailureTimeMeasure.Protocol(e));
                break;
            case "interface_asr":
                text.AppendLine("Rest for 1 min");
                text.AppendLine("Measure EIS from 1 MHz to 100 mHz");
                break;
            case "interface_asr_after_heat":
                text.AppendLine($"Rest for {N(s.HeatHours!.Value)} h at {N(s.HeatTemperatureC!.Value)} degC");
                text.AppendLine($"Rest for 1 h at {N(cellTemperatureK - 273.15)} degC");
                text.AppendLine("Measure EIS from 1 MHz to 100 mHz");
                break;
        }
        return ProtocolParser.Parse(text.ToString(), $"{e.Id} (validation protocol)");
    }

    /// <summary>from, from·f, from·f², … up to and including the first level at or above to.</summary>
    public static IReadOnlyList<double> Ramp(double from, double to, double factor)
    {
        var list = new List<double>();
        for (double i = from; ; i *= factor)
        {
            var r = double.Parse(i.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (list.Count == 0 || r > list[^1]) list.Add(r);
            if (i >= to) break;
        }
        return list;
    }

    /// <summary>The model value, or null with the reason it could not be computed.</summary>
    public static (double? value, string reason) Read(ValidationEntry e, SimulationResult r)
    {
        var s = e.Simulate!;
        switch (s.Measure)
        {
            case "critical_stripping_current":
            {
                // the contact at the end of the settling rest, just before the first stripping step
                var settled = r.Series.TakeWhile(p => p.CurrentDensity <= 0).ToList();
                var c0 = settled.Count > 0 ? settled[^1].Left.Contact : double.NaN;
                foreach (var p in r.Series)
                    if (p.CurrentDensity > 0 && p.Left.Contact < (1 - ContactLossThreshold) * c0)
                        return (p.CurrentDensity / Si.MilliampPerCm2, $"stripped electrode lost {ContactLossThreshold:P0} of its contact ({c0:G3} -> {p.Left.Contact:G3}) at {p.TimeS / Si.Hour:G4} h");
                if (r.ShortCircuit)
                {
                    // which electrode's filament shorted and at what plating current: in a symmetric cell the counter
                    // electrode plates what the stripped one strips, so a plating limit below the stripping one ends the ramp
                    var at = r.Series.LastOrDefault(p => p.TimeS <= r.ShortCircuitTimeS!.Value);
                    var onset = r.Onset is { } first ? $"; dendrite onset on {first.Electrode} at {first.TimeS / Si.Hour:G4} h, plating {first.CurrentDensity / Si.MilliampPerCm2:G3} mA/cm2" : "";
                    return (null, $"the cell shorted at {r.ShortCircuitTimeS / Si.Hour:G4} h (stripping {Math.Abs(at.CurrentDensity) / Si.MilliampPerCm2:G3} mA/cm2) before the stripped electrode lost {ContactLossThreshold:P0} of its contact ({c0:G3} at the end of the rest{Unsettled(settled)}){onset}");
                }
                // the run may end before the top of the ramp (a stripped foil used up): name the highest current reached
                var top = HighestCurrent(r);
                return (null, $"no contact loss of {ContactLossThreshold:P0} up to {N(top)} mA/cm2 (contact {c0:G3} at the end of the rest{Unsettled(settled)}; run ended: {r.StopReason})");
            }
            case "onset_ccd":
                return r.Onset is { } o
                    ? (o.CurrentDensity / Si.MilliampPerCm2, $"dendrite onset at {o.TimeS / Si.Hour:G4} h on {o.Electrode}" + (r.CriticalCurrentDensity is { } ccd ? $"; short-circuit CCD {ccd / Si.MilliampPerCm2:G3} mA/cm2" : "; no short"))
                    : (null, $"no dendrite onset up to {N(s.RampToMilliampPerCm2!.Value)} mA/cm2");
            case "onset_time":
                return r.Onset is { } t
                    ? (t.TimeS / Si.Hour, $"dendrite onset on {t.Electrode}" + (r.ShortCircuitTimeS is { } ts ? $"; short at {ts / Si.Hour:G4} h" : "; no short"))
                    : (null, $"no dendrite onset within {N(s.DurationHours!.Value)} h");
            default:
            {
                if (r.Spectra.Count == 0) return (null, "no impedance spectrum was computed");
                var sp = r.Spectra[^1];
                var asr = (sp.RInterphase + sp.RChargeTransfer) * r.AreaM2 / 2 * 1e4;
                return double.IsFinite(asr)
                    ? (asr, $"R1 + R2 = {(sp.RInterphase + sp.RChargeTransfer):G4} ohm over {r.AreaM2 * 1e4:G3} cm2, two interfaces")
                    : (null, "the interface resistance is not finite");
            }
        }
    }

    /// <summary>", still rising" when the contact had not settled by the end of the rest (over the last stretch of at least an hour it grew by more than the loss threshold).</summary>
    static string Unsettled(List<TimePoint> rest)
    {
        if (rest.Count < 2) return "";
        var end = rest[^1];
        var hourBefore = rest.LastOrDefault(p => p.TimeS <= end.TimeS - Si.Hour, rest[0]);
        return end.Left.Contact > (1 + ContactLossThreshold) * hourBefore.Left.Contact ? ", still rising" : "";
    }

    /// <summary>The highest current density (mA/cm², either direction) the run applied.</summary>
    public static double HighestCurrent(SimulationResult r) =>
        r.Series.Select(p => Math.Abs(p.CurrentDensity) / Si.MilliampPerCm2).DefaultIfEmpty(0).Max();

    static string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
