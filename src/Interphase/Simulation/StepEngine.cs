using Interphase.Protocols;

namespace Interphase.Simulation;

/// <summary>
/// What the stepping engine needs of a cell model (<see cref="SymmetricSimulator"/>, <see cref="FullCellSimulator"/>):
/// its state at the start of the time step under way, advanced from there, and its voltage. Each simulator keeps one
/// saved state (the start of the time step) that <see cref="RestoreStep"/> returns to.
/// </summary>
internal interface IStepModel
{
    /// <summary>Back to the state saved at the start of the time step under way (salt profile and soft-short bridges included).</summary>
    void RestoreStep();

    /// <summary>Advance every state by dt at external current i (iCell through the ionic path). True when a filament spans the separator or the metal crept through it (dtShort: when).</summary>
    bool Advance(double i, double iCell, double dt, out double dtShort);

    /// <summary>The cell's voltage at external current i in its present state.</summary>
    double VoltageAt(double i);

    /// <summary>The share of external current i through the ionic path (all of it unless a leak, a bridge or a short takes some).</summary>
    double IonicCurrentAt(double i);

    /// <summary>After an <see cref="Advance"/> that reported a filament at the counter electrode: whether it is a new contact (false when the bridge of every filament there already stands and no metal crept).</summary>
    bool MakesNewContact();

    /// <summary>
    /// A filament has just touched the counter electrode at time t (SoftShortBridges.Contact): its bridge fuses at once,
    /// stands in parallel with the cell, or is the hard short (then <see cref="IsShorted"/>; null returned).
    /// <paramref name="standingBefore"/>: the bridges standing before it.
    /// </summary>
    SoftShort? Touch(double i, double t, int cycle, out int standingBefore);

    /// <summary>True once the cell is shorted.</summary>
    bool IsShorted { get; }

    /// <summary>True while a soft short's bridge stands.</summary>
    bool HasStandingBridges { get; }

    /// <summary>The standing bridges' time step ending at t (SoftShortBridges.Step) at current i and voltage v; a hard short sets <see cref="IsShorted"/>.</summary>
    SoftShortBridges.Change StepBridges(double i, double v, double t, out SoftShort? ended);

    /// <summary>A hold (<see cref="HoldControl.Implicit"/>): the current at which the saved state advanced over dt has the set voltage; leaves the saved state.</summary>
    double ImplicitHoldCurrent(double dt);

    /// <summary>A hold (<see cref="HoldControl.AtEnd"/>): the current that holds the set voltage in the present state (<paramref name="guess"/>: where to start).</summary>
    double HoldCurrentAt(double guess);
}

/// <summary>
/// The time stepping both simulators share (docs/decisions/0027): within a time step, the move back to the moment a
/// filament touched the counter electrode, the stop conditions and whether an event met them, and the location of
/// a crossing by <see cref="StepControl"/>; over a run, the recorded series, the events, the progress and why it ended
/// (<see cref="RunLog{TPoint}"/>). Each simulator keeps its own protocol-step set-up (currents, holds, capacities)
/// and the attempt loop that halves a time step, which differ between the cells.
/// </summary>
internal static class StepEngine
{
    /// <summary>
    /// Shortest time step (s) a step limit on the voltage or on a full-cell hold's current halves to, in both cells
    /// (before decision 0034 a symmetric cell stopped halving at 1 s, a full cell at 0.5 s). A symmetric hold's implicit
    /// current halves to <see cref="PotentiostaticHold.MinStep"/>.
    /// </summary>
    public const double MinStep = 0.5;

    /// <summary>Attempts (halvings) of one time step at most.</summary>
    public const int MaxAttempts = 30;

    /// <summary>
    /// The attempt loop of one time step, from the model's state saved at its start: the step's current (a hold's,
    /// <see cref="HoldControl"/>), the advance over <paramref name="dt"/>, a filament's contact (back to its moment,
    /// <see cref="ToContact{M}"/>, and the bridge it makes), the voltage, then the plan's limits: while one of them finds
    /// the change too large above its shortest step, the model goes back to the step's start and the step is halved.
    /// An accepted step without a contact then steps the standing bridges (fuse, dissolve, hard short). The model is
    /// left at the end of the step. <paramref name="t"/> is the step's start, <paramref name="elapsed"/> the time into
    /// the protocol step, <paramref name="vLast"/> the last point's voltage.
    /// </summary>
    public static StepAttempt TakeStep<M>(M model, in StepPlan plan, double dt, double i, double vLast, double t, int cycle, double elapsed) where M : IStepModel
    {
        var a = new StepAttempt { I = i, ICell = i, IEnd = i };
        double iStart = i;
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (plan.Hold == HoldControl.Implicit)
            {
                double iHeld = model.ImplicitHoldCurrent(dt);
                if (plan.HoldLimit!.TooLarge(iHeld, iStart) && dt > plan.HoldLimit.MinStep)
                {
                    dt *= 0.5;
                    continue;
                }
                i = iHeld;
            }
            a.I = i;
            a.ICell = model.IonicCurrentAt(i);
            a.ShortNow = model.Advance(i, a.ICell, dt, out double dtShort);
            // a filament whose bridge stands at the counter electrode makes no new contact; another electrode's may
            if (a.ShortNow && !model.MakesNewContact()) a.ShortNow = false;
            if (a.ShortNow)
            {
                // back to the moment the filament touched: a soft short's bridge fuses at once or stands, or it is the hard short
                dt = ToContact(model, i, a.ICell, dtShort, dt, out double vBefore);
                a.VBeforeEvent = vBefore;
                a.Contact = model.Touch(i, t + dt, cycle, out a.StandingBefore);
                a.ShortNow = model.IsShorted;
            }
            a.V = model.VoltageAt(i);
            a.IEnd = plan.Hold == HoldControl.AtEnd ? model.HoldCurrentAt(i) : i;
            if (!a.ShortNow && a.Contact is null && AnyTooLarge(plan.Limits, a, vLast, dt))
            {
                model.RestoreStep();
                dt *= 0.5;
                i = plan.CurrentOver(i, elapsed, dt);
                continue;
            }
            break;
        }
        a.Dt = dt;
        // a hold's voltage is the one at the current that holds it at the end of the step
        if (plan.Hold == HoldControl.AtEnd) a.V = model.VoltageAt(a.IEnd);
        a.VBridged = a.V;
        if (model.HasStandingBridges && a.Contact is null && !a.ShortNow
            && model.StepBridges(a.IEnd, a.V, t + a.Dt, out a.Ended) != SoftShortBridges.Change.None)
        {
            a.VBeforeEvent = a.VBridged;
            a.ShortNow = model.IsShorted;
            // a hold: the current that holds the set voltage now that the bridges changed
            if (plan.Hold != HoldControl.None) a.IEnd = model.HoldCurrentAt(a.IEnd);
            a.V = model.VoltageAt(a.IEnd);
        }
        return a;
    }

    static bool AnyTooLarge(StepLimit[] limits, in StepAttempt a, double vLast, double dt)
    {
        for (int k = 0; k < limits.Length; k++)
            if (dt > limits[k].MinStep && limits[k].TooLarge(a, vLast)) return true;
        return false;
    }

    /// <summary>
    /// The events of a time step's soft shorts, written at its end t, after its point, in one order for both cells: a
    /// filament's contact that left a bridge ("soft_short"), then a standing bridge that fused or dissolved
    /// ("soft_short_end"). A hard short is the simulator's own "short_circuit" event. Null: none (or undone because a
    /// stop condition was met before the event).
    /// </summary>
    public static void NoteSoftShorts(List<SimulationEvent> events, SoftShortBridges bridges, SoftShort? contact, int standingBefore, SoftShort? ended, double vBridged, double t, int cycle)
    {
        if (contact is not null)
            events.Add(new SimulationEvent(t, Math.Max(cycle, 1), "soft_short", bridges.ContactMessage(contact, standingBefore)));
        if (ended is { Recovered: true })
            events.Add(new SimulationEvent(t, Math.Max(cycle, 1), "soft_short_end", SoftShortBridges.EndMessage(ended, vBridged)));
    }

    /// <summary>Time (s) a time step that ends at a filament's contact lasts at least.</summary>
    public const double MinContactStep = 1e-3;

    /// <summary>
    /// The time step ends when a filament touched the counter electrode: the model goes back to its start and
    /// advances to that moment, located (decision 0069) as the shortest advance from the step's start that still
    /// reaches it, to <see cref="MinContactStep"/>. The first try is <paramref name="dtShort"/>, the moment the full
    /// step <paramref name="dtStep"/> put the contact at; a shorter advance grows the filament at a slightly different
    /// mean velocity (its end state differs), so the moment each reaching advance reports is tried next, and one that
    /// falls short narrows the interval from below (bisection). The filament thus ends exactly at the counter
    /// electrode, where a length a hair short of it would count as a nearly spanned gap (FilamentConduction). Returns
    /// the new length; <paramref name="vBefore"/> is the voltage just before the contact (whether a stop condition
    /// was met by the contact or before it, <see cref="Check"/>).
    /// </summary>
    public static double ToContact<M>(M model, double i, double iCell, double dtShort, double dtStep, out double vBefore) where M : IStepModel
    {
        double lo = 0, hi = dtStep;
        double dt = Math.Min(Math.Max(dtShort, MinContactStep), hi);
        bool atHi = false;
        for (int n = 0; n < MaxContactIterations && hi - lo > MinContactStep; n++)
        {
            model.RestoreStep();
            if (model.Advance(i, iCell, dt, out double next))
            {
                hi = dt;
                atHi = true;
                if (next >= dt || dt - next <= MinContactStep) break;
                dt = next > lo ? Math.Max(next, MinContactStep) : 0.5 * (lo + hi);
            }
            else
            {
                lo = dt;
                atHi = false;
                dt = 0.5 * (lo + hi);
            }
        }
        if (!atHi)
        {
            model.RestoreStep();
            model.Advance(i, iCell, hi, out _);
        }
        vBefore = model.VoltageAt(i);
        return hi;
    }

    /// <summary>Advances at most that <see cref="ToContact{M}"/> tries to locate a contact.</summary>
    public const int MaxContactIterations = 60;

    /// <summary>
    /// The time (s) to which a voltage crossing (besides its 1 mV) or a hold's current limit is located (StepControl.CutOffRelativeTime): a share of
    /// the protocol step's time at the end of the step being cut, <paramref name="elapsed"/> + <paramref name="dt"/>,
    /// scaled by the run's tolerance scale.
    /// </summary>
    public static double CrossingTimeTolerance(double elapsed, double dt, double toleranceScale) =>
        toleranceScale * StepControl.CutOffRelativeTime * (elapsed + dt);

    /// <summary>The stop condition met at the end of a time step, and whether an event of the step met it.</summary>
    public readonly record struct StopCheck(Condition? Hit, bool MetByEvent)
    {
        public bool Compliance => Hit is ComplianceCondition;
    }

    /// <summary>
    /// The first condition met at voltage v and current i (the step's 'until', then the run's 'Stop if'), and whether
    /// the state just before an event of the step (a filament's contact, a bridge that fused or dissolved; voltage
    /// <paramref name="vBeforeEvent"/>) did not meet it: then the event met it, and the step ends with the event.
    /// </summary>
    public static StopCheck Check(Condition? until, IReadOnlyList<StopStep> stops, double v, bool shortNow, double i, double currentLimit, double? vBeforeEvent)
    {
        var hit = StepControl.FirstMet(until, stops, v, shortNow, i, currentLimit);
        bool metByEvent = hit is not null && vBeforeEvent is { } vb && StepControl.FirstMet(until, stops, vb, false, i, currentLimit) is null;
        return new StopCheck(hit, metByEvent);
    }

    /// <summary>
    /// Ends the time step where <paramref name="hit"/> is first met (a cut-off to 1 mV and <paramref name="timeTolerance"/>,
    /// a hold's current limit <paramref name="currentLimit"/> to <paramref name="timeTolerance"/>, the compliance to 1 ms;
    /// StepControl.Locate; <paramref name="vStart"/>, <paramref name="iStart"/>: the voltage and current at the step's
    /// start, NaN if not known; <paramref name="iEnd"/>: the current at its end), <paramref name="probe"/>(τ) advancing the
    /// model from the step's start by τ and returning whether a condition is met there, the voltage and the current. The
    /// model is left advanced to that moment at (i, iCell); returns the condition that really ended the step
    /// (StepControl.Resolve) and the step's length.
    /// </summary>
    public static (Condition Hit, double Dt) EndAtCrossing<M>(M model, Condition hit, double dt, double v, Func<double, (bool Met, double V, double I)> probe,
        IReadOnlyList<StopStep> stops, double complianceVolts, double i, double iCell, double vStart, double timeTolerance,
        double iStart = double.NaN, double iEnd = double.NaN, double currentLimit = 0) where M : IStepModel
    {
        var bracket = StepControl.Locate(hit, dt, v, probe, timeTolerance, vStart, iStart, iEnd, currentLimit);
        model.RestoreStep();
        hit = StepControl.Resolve(hit, bracket, stops, complianceVolts);
        dt = StepControl.EndOfStep(hit, bracket, complianceVolts);
        model.Advance(i, iCell, dt, out _);
        return (hit, dt);
    }

    /// <summary>
    /// A time step leaves a point unless the current could not be driven even at its start (|V| beyond the compliance
    /// at once, not by an event).
    /// </summary>
    public static bool Records(double dt, StopCheck stop, double v) =>
        dt > 0 && (stop.MetByEvent || !(stop.Compliance && ((ComplianceCondition)stop.Hit!).IsMet(v)));
}

/// <summary>
/// A run's record: the time series (<see cref="PeriodicRecording{T}"/>), the events, the time steps taken, the progress
/// reported and why the run ended, the same for both simulators.
/// </summary>
internal sealed class RunLog<TPoint>
{
    public readonly List<TPoint> Series;
    public readonly PeriodicRecording<TPoint> Recording;
    public readonly List<SimulationEvent> Events = [];
    readonly bool _recordSeries;
    readonly double _planned;
    readonly IProgress<double>? _progress;
    double _lastProgress = -1;

    public int TimeSteps;
    public bool Stopped;
    public string EndReason = "protocol completed", StopReason = "protocol_completed";

    /// <param name="recorded">Called with each point as it is recorded (the simulators' <c>Recorded</c>); null: none.</param>
    public RunLog(bool recordSeries, double planned, IProgress<double>? progress, Action<TPoint>? recorded = null)
    {
        _recordSeries = recordSeries;
        Series = new List<TPoint>(recordSeries ? 4096 : 0);
        Recording = new PeriodicRecording<TPoint>(Series, recordSeries ? recorded : null);
        _planned = planned;
        _progress = progress;
    }

    /// <summary>Whether the run keeps its time series (false for sweeps and benchmarks: cycles and summary only).</summary>
    public bool RecordsSeries => _recordSeries;

    /// <summary>Ends the run at time t: <paramref name="reason"/> for people, <paramref name="kind"/> for summary.json, and a "stop" event.</summary>
    public void Stop(double t, int cycle, string reason, string kind)
    {
        EndReason = reason;
        StopReason = kind;
        Events.Add(new SimulationEvent(t, cycle, "stop", reason));
        Stopped = true;
    }

    /// <summary>Ends the run at a stop condition met in protocol step <paramref name="step"/>.</summary>
    public void Stop(double t, int cycle, Condition hit, Step step) =>
        Stop(t, cycle, $"stopped: {hit.Text} at {t / 3600:G5} h in '{step.Text}'", StepControl.StopKind(hit));

    /// <summary>Reports the share of the planned time done, every half per cent.</summary>
    public void Progress(double t)
    {
        if (_progress is null || _planned <= 0) return;
        double f = Math.Min(1, t / _planned);
        if (f - _lastProgress >= 0.005) { _progress.Report(f); _lastProgress = f; }
    }
}
