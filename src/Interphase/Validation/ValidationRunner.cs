using System.Collections.Concurrent;
using Interphase.Materials;
using Interphase.Simulation;

namespace Interphase.Validation;

/// <summary>
/// Runs every entry of a validation set that can be simulated, in-process and in parallel, and holds
/// the model value to the entry's tolerance. Order of decisions for an entry:
/// <list type="number">
/// <item><c>no_model:</c> given → not scored, "no model for …" (the mechanism is not in the model yet);</item>
/// <item><c>not_runnable:</c> given → not scored, "not runnable: …" (conditions the source does not give yet);</item>
/// <item>no <c>simulate:</c> block → not scored (qualitative/trend checks, or no cell defined);</item>
/// <item><c>value: null</c> → not scored, "to extract" (the model is still run and shown);</item>
/// <item>a condition the measure needs is null → not scored, "not runnable: missing …";</item>
/// <item>calibration entries → "calibration": shown, never counted as a pass;</item>
/// <item>otherwise pass or fail by the tolerance.</item>
/// </list>
/// </summary>
public static class ValidationRunner
{
    public static IReadOnlyList<ValidationOutcome> Run(ValidationSet set, MaterialLibrary lib, string casesFolder,
        string? only = null, IProgress<string>? progress = null)
    {
        var entries = set.Entries.ToList();
        if (only is not null)
        {
            var e = entries.FirstOrDefault(x => x.Id == only)
                ?? throw new InputException($"--only '{only}': no entry with that id in {set.File} (ids such as {string.Join(", ", entries.Take(3).Select(x => x.Id))})");
            entries = [e];
            if (e.Simulate?.Reference is { } r) entries.Insert(0, set.Entries.First(x => x.Id == r));
        }
        // check every entry's cell before running any (a bad case name fails at once, with its line)
        foreach (var e in entries)
        {
            if (e.Simulate is { } s && e.Unit is { } u && u != ValidationMeasurement.Unit(s.Measure))
                throw new InputException($"'{e.Id}' is in {u} but measure '{s.Measure}' gives {ValidationMeasurement.Unit(s.Measure)}", s.Where);
            if (e.Simulate is not null) ValidationCell.Build(e, casesFolder, lib);
        }
        var models = new ConcurrentDictionary<string, Model>();
        var runnable = entries.Where(e => e.Simulate is not null && e.NoModel is null && e.NotRunnable is null && ValidationMeasurement.Missing(e) is null).ToList();
        Parallel.ForEach(runnable, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, e =>
        {
            var (spec, desc, assumptions) = ValidationCell.Build(e, casesFolder, lib);
            try
            {
                var m = ValidationMeasurement.Measure(e, spec, lib);
                models[e.Id] = new Model(m.Value, m.Reason, desc, assumptions, m.Warnings.Select(w => Relative(w, casesFolder)).ToList(), m.TrendHolds, m.RampReached);
            }
            catch (InputException x)
            {
                models[e.Id] = new Model(null, $"the model cannot build or run this cell: {Relative(x.OneLine, casesFolder)}", desc, assumptions, [], null, null);
            }
            progress?.Report(e.Id);
        });
        var outcomes = new List<ValidationOutcome>();
        foreach (var e in only is null ? entries : entries.Where(x => x.Id == only))
            outcomes.Add(Score(e, models, set));
        return outcomes;
    }

    /// <summary>A warning names the base case by its file name, not by where this machine keeps it.</summary>
    static string Relative(string warning, string casesFolder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(casesFolder)) + Path.DirectorySeparatorChar;
        return warning.Replace(full, "");
    }

    sealed record Model(double? Value, string Reason, string Cell, List<string> Assumptions, IReadOnlyList<string> Warnings, bool? TrendHolds, double? RampReached);

    static ValidationOutcome Score(ValidationEntry e, IReadOnlyDictionary<string, Model> models, ValidationSet set)
    {
        if (e.Simulate is null || e.NoModel is not null || e.NotRunnable is not null || ValidationMeasurement.Missing(e) is not null)
        {
            var (s0, r0) = Judge(e, null, "", null, null);
            return new ValidationOutcome(e, null, s0, r0, "", [], []);
        }
        var model = models[e.Id];
        ValidationEntry? reference = e.Simulate.Reference is { } id ? set.Entries.First(x => x.Id == id) : null;
        double? refModel = reference is not null && models.TryGetValue(reference.Id, out var rm) ? rm.Value : null;
        var (status, reason) = Judge(e, model.Value, model.Reason, reference, refModel, model.TrendHolds, model.RampReached);
        return new ValidationOutcome(e, model.Value, status, reason, model.Cell, model.Assumptions, model.Warnings);
    }

    /// <summary>
    /// The verdict on one entry, given its model value (null when it could not be computed, with
    /// <paramref name="why"/>) and, for a ratio, the reference entry and its model value. For a ramp,
    /// <paramref name="rampReached"/> is the highest current the run reached (mA/cm²; it may stop below the
    /// ramp's top, e.g. when a stripped foil is used up); null takes the ramp's top.
    /// </summary>
    public static (ValidationStatus status, string reason) Judge(ValidationEntry e, double? m, string why, ValidationEntry? reference, double? referenceModel,
        bool? trendHolds = null, double? rampReached = null)
    {
        if (e.NoModel is { } nm) return (ValidationStatus.NotScored, $"no model for {nm}");
        if (e.NotRunnable is { } nr) return (ValidationStatus.NotScored, $"not runnable: {nr}");
        if (e.Simulate is null)
            return (ValidationStatus.NotScored, e.Value is null && e.Tolerance.Kind is not ("trend" or "qualitative")
                ? "to extract (no value yet)"
                : $"no model check for this {e.Tolerance.Kind} entry yet");
        if (ValidationMeasurement.Missing(e) is { } missing)
            return (ValidationStatus.NotScored, $"not runnable: missing {missing}");
        // a trend is scored by its direction alone: it needs no value
        // so is a qualitative shape that a series measure checks (critical_stripping_current_vs_pressure: linear or not)
        if (e.Tolerance.Kind is "trend" or "qualitative" && trendHolds is { } holds)
            return e.IsCalibration
                ? (ValidationStatus.Calibration, $"calibration entry, never counted as a pass; model: {why}")
                : (holds ? ValidationStatus.Pass : ValidationStatus.Fail, why);
        // a pressure series whose ramp found no limit at some pressure leaves the shape undecided
        // (and so does an ASR series whose ramp found no onset at some ASR)
        if (e.Tolerance.Kind == "qualitative" && e.Simulate.Measure is "critical_stripping_current_vs_pressure" or "onset_ccd_vs_interface_asr")
            return (ValidationStatus.NotScored, $"inconclusive: {why}");
        if (e.Value is not { } target) return (ValidationStatus.NotScored, $"to extract (no value yet); model: {why}");
        // a calibration entry is shown against its target but never scored: it cannot confirm the model
        if (e.IsCalibration)
            return (ValidationStatus.Calibration, $"calibration entry, never counted as a pass; model: {why}");
        var t = e.Tolerance;
        static ValidationStatus V(bool ok) => ok ? ValidationStatus.Pass : ValidationStatus.Fail;
        // a ramp that found no event: its verdict is decided only by how far the ramp went (decision 0041)
        if (m is null && NoEvent(e, target, why, rampReached) is { } open) return open;
        switch (t.Kind)
        {
            case "factor":
                if (m is not { } mf) return (ValidationStatus.Fail, why);
                var ratio = mf / target;
                return (V(ratio > 0 && Math.Max(ratio, 1 / ratio) <= t.Value), $"model/target = {ratio:G3} (allowed 1/{t.Value:G3} to {t.Value:G3}); {why}");
            case "lower-bound":
                if (m is not { } ml) return (ValidationStatus.Fail, why);
                return (V(ml >= target / t.Value!.Value), $"model {ml:G3} vs lower bound {target / t.Value!.Value:G3}; {why}");
            case "upper-bound":
                // the measured cell already failed at the target: the model's limit must lie at or below it (within the factor)
                if (m is not { } mu) return (ValidationStatus.Fail, why);
                return (V(mu <= target * t.Value!.Value), $"model {mu:G3} vs upper bound {target * t.Value!.Value:G3}; {why}");
            case "range":
                if (m is not { } mr) return (ValidationStatus.Fail, why);
                return (V(mr >= t.Low && mr <= t.High), $"model {mr:G4} vs the span {t.Low:G4}–{t.High:G4}; {why}");
            case "exponent-abs":
                if (m is not { } mx) return (ValidationStatus.Fail, why);
                return (V(Math.Abs(mx - target) <= t.Value), $"|model − target| = {Math.Abs(mx - target):G3} (allowed {t.Value:G3}); {why}");
            case "ratio-factor":
            {
                if (reference is null) return (ValidationStatus.NotScored, "not runnable: a ratio-factor entry needs simulate.reference");
                if (reference.Value is not { } refTarget) return (ValidationStatus.NotScored, $"to extract: the reference '{reference.Id}' has no value");
                if (referenceModel is not { } refModel) return (ValidationStatus.Fail, $"the reference '{reference.Id}' has no model value");
                if (m is not { } mm || mm <= 0) return (ValidationStatus.Fail, why);
                var measured = refTarget / target;
                var modelled = refModel / mm;
                var q = modelled / measured;
                return (V(q > 0 && Math.Max(q, 1 / q) <= t.Value),
                    $"{reference.Id}/this: model {modelled:G3}, measured {measured:G3} (allowed within factor {t.Value:G3}); {why}");
            }
            default:
                return (ValidationStatus.NotScored, $"no model check for this {t.Kind} entry yet; model: {why}");
        }
    }

    /// <summary>
    /// The verdict of a current ramp (critical_stripping_current, onset_ccd) that ended without its event (decision 0041):
    /// the model's limit then lies somewhere above the highest current the ramp reached, R, and the verdict is decided
    /// only when every limit above R gets the same one. Against a tolerance that passes limits up to a bound B (factor:
    /// target × f; upper-bound: target × f; range: its top) the ramp fails the entry once R &gt; B and is inconclusive
    /// (not scored, with R and B in the reason) below it; against a lower bound target/f it passes once R ≥ target/f.
    /// A ramp that ended in a short circuit is the model's own answer, the cell failing by another mechanism (decision
    /// 0021): it stands for the whole ramp (R = the ramp's top) and a lower bound is failed by it. Null when the entry is
    /// not a ramp, or its tolerance does not bound the current (the caller decides as before). A failure time at constant
    /// current (FailureTimeMeasure, decision 0078) is judged the same way with the run's duration for the ramp's top and
    /// the time it reached for R.
    /// </summary>
    static (ValidationStatus, string)? NoEvent(ValidationEntry e, double target, string why, double? rampReached)
    {
        // a failure time at constant current without its event: the model's time lies beyond the time the run reached
        // (decision 0078); one that ended in another failure of the cell stands for the whole duration
        bool time = FailureTimeMeasure.Covers(e.Simulate!.Measure);
        double? end = time ? e.Simulate.DurationHours : e.Simulate.RampToMilliampPerCm2;
        bool ramp = e.Simulate.Measure is "critical_stripping_current" or "onset_ccd";
        if (!(ramp || time) || end is not { } top) return null;
        string unit = time ? "h" : "mA/cm2", run = time ? "run" : "ramp";
        var t = e.Tolerance;
        // null: the run ended in another failure of the cell (a ramp's short; a failure time's compliance, or a short before
        // the contact loss), which stands for the whole ramp or duration
        bool shorted = rampReached is null;
        double reached = rampReached ?? top;
        double? upper = t.Kind switch
        {
            "factor" or "upper-bound" => target * t.Value!.Value,
            "range" => t.High,
            _ => null,
        };
        if (upper is { } b)
            return reached > b
                ? (ValidationStatus.Fail, shorted ? why : $"{why}; the model's {(time ? "time" : "limit")} lies above the {reached:G3} {unit} reached, past {b:G3} ({t.Describe()})")
                : (ValidationStatus.NotScored, $"inconclusive: {why}; the {run} {(shorted ? "tops out" : "stopped")} at {reached:G3} {unit} without the event, "
                    + $"not past {b:G3} ({t.Describe()}), so the model's {(time ? "time" : "limit")} may lie inside the tolerance or above it");
        if (t.Kind == "lower-bound")
        {
            if (shorted) return (ValidationStatus.Fail, why);
            double lb = target / t.Value!.Value;
            return reached >= lb
                ? (ValidationStatus.Pass, $"{why}; the model's {(time ? "time" : "limit")} lies above the {reached:G3} {unit} reached, at or past the lower bound {lb:G3}")
                : (ValidationStatus.NotScored, $"inconclusive: {why}; the {run} stopped at {reached:G3} {unit} without the event, below the lower bound {lb:G3}");
        }
        return null;
    }
}
