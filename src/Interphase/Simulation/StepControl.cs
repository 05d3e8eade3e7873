using Interphase.Protocols;

namespace Interphase.Simulation;

/// <summary>Pieces of step control shared by the symmetric and the full-cell simulators.</summary>
internal static class StepControl
{
    /// <summary>
    /// The first condition met: the step's own 'until' (a voltage, a current below a limit, a short),
    /// then the run's 'Stop if' conditions. Null when none is.
    /// </summary>
    public static Condition? FirstMet(Condition? until, IReadOnlyList<StopStep> stops, double v, bool shortNow, double i = double.NaN, double currentLimit = 0)
    {
        if (until is VoltageCondition uv && uv.IsMet(v)) return until;
        if (until is CurrentBelowCondition cb && Math.Abs(i) <= currentLimit) return cb;
        if (until is ShortCircuitCondition && shortNow) return until;
        // by index: a foreach over the interface would allocate an enumerator at every time step
        for (int k = 0; k < stops.Count; k++)
        {
            var s = stops[k];
            if (s.Condition is ComplianceCondition cc && cc.IsMet(v)) return cc;
            if (s.Condition is VoltageCondition vc && vc.IsMet(v)) return vc;
            if (s.Condition is ShortCircuitCondition && shortNow) return s.Condition;
        }
        return null;
    }

    /// <summary>Voltage (V) to which a voltage cut-off or 'Stop if' crossing is located.</summary>
    public const double CutOffVoltageTolerance = 1e-3;

    /// <summary>Time (s) below which the location of a voltage crossing stops refining (a divergence, e.g. an emptied particle surface).</summary>
    public const double CutOffTimeFloor = 1e-6;

    /// <summary>
    /// A voltage crossing is located, besides to <see cref="CutOffVoltageTolerance"/>, until its bracket in time is at most
    /// this share of the protocol step's time so far (times SimulationOptions.ToleranceScale): the charge the step passed
    /// is then known to this share wherever the voltage curve is flat near its cut-off (decision 0042).
    /// </summary>
    public const double CutOffRelativeTime = 1e-4;

    /// <summary>Time (s) to which a crossing of any other condition (neither a voltage, a hold's current nor the compliance) is located, by bisection.</summary>
    public const double OtherTimeTolerance = 0.25;

    /// <summary>
    /// Where within a step of length <paramref name="dt"/> the condition <paramref name="hit"/> (met at
    /// its end) is first met: <paramref name="at"/>(τ) advances the state from the step's start by τ and returns
    /// whether a condition is met there, the voltage and the current (A/m²). A voltage cut-off is located until the first
    /// point past it lies within <see cref="CutOffVoltageTolerance"/> of it and the bracket is no longer than
    /// <paramref name="timeTolerance"/>, a hold's current limit (<c>until &lt;current&gt;</c>, <paramref name="currentLimit"/>
    /// A/m²) until the bracket is no longer than <paramref name="timeTolerance"/> (either, or the bracket is shorter than
    /// <see cref="CutOffTimeFloor"/>, where the quantity diverges), by false position on the distance past the condition
    /// (<see cref="ConditionDistance"/>, Illinois) while it is finite at both ends of the bracket and changes sign between
    /// them (<paramref name="vStart"/>, <paramref name="iStart"/>: the voltage and current at τ = 0, NaN if not known;
    /// <paramref name="iEnd"/>: the current at τ = dt), by bisection otherwise; the compliance to
    /// <see cref="ComplianceTimeTolerance"/>, anything else to <see cref="OtherTimeTolerance"/>, by bisection. Returns the
    /// bracket: the last time the condition is not met (<c>Lo</c>, 0 if it is met at once) and the first time it is
    /// (<c>Hi</c>) with the voltage there.
    /// </summary>
    public static (double Lo, double Hi, double VHi) Locate(Condition hit, double dt, double vEnd, Func<double, (bool Met, double V, double I)> at,
        double timeTolerance, double vStart = double.NaN, double iStart = double.NaN, double iEnd = double.NaN, double currentLimit = 0)
    {
        double lo = 0, hi = dt, vHi = vEnd;
        double fLo = ConditionDistance.Past(hit, vStart, iStart, currentLimit), fHi = ConditionDistance.Past(hit, vHi, iEnd, currentLimit);
        int side = 0; // which end the last probe moved: +1 the upper, −1 the lower
        bool Close() => hit switch
        {
            ComplianceCondition => hi - lo <= ComplianceTimeTolerance,
            VoltageCondition c => hi - lo <= CutOffTimeFloor || Math.Abs(vHi - c.Volts) <= CutOffVoltageTolerance && hi - lo <= timeTolerance,
            CurrentBelowCondition => hi - lo <= CutOffTimeFloor || hi - lo <= timeTolerance,
            _ => hi - lo <= OtherTimeTolerance,
        };
        for (int b = 0; b < 200 && !Close(); b++)
        {
            double w = hi - lo, mid = 0.5 * (lo + hi);
            if (fLo < 0 && fHi > 0 && double.IsFinite(fLo) && double.IsFinite(fHi))
                // false position, kept a 64th of the bracket inside it so that each probe shortens it
                mid = Math.Clamp(lo + w * -fLo / (fHi - fLo), lo + w / 64, hi - w / 64);
            var (met, v, i) = at(mid);
            double f = ConditionDistance.Past(hit, v, i, currentLimit);
            if (met)
            {
                hi = mid; vHi = v; fHi = f;
                // Illinois: the end kept twice in a row counts half, so that both ends close in
                if (side > 0) fLo *= 0.5;
                side = 1;
            }
            else
            {
                lo = mid; fLo = f;
                if (side < 0) fHi *= 0.5;
                side = -1;
            }
        }
        return (lo, hi, vHi);
    }

    /// <summary>
    /// The condition that really ended the step: a cut-off (or stop voltage) that is met from the step's first
    /// instant with |V| beyond the compliance is the compliance (no instrument reaches that voltage to read
    /// the cut-off: the current cannot be driven at all), otherwise <paramref name="hit"/> itself.
    /// </summary>
    public static Condition Resolve(Condition hit, (double Lo, double Hi, double VHi) bracket, IReadOnlyList<StopStep> stops, double complianceVolts) =>
        hit is not ComplianceCondition && bracket.Lo == 0 && !(Math.Abs(bracket.VHi) <= complianceVolts)
            ? stops.Select(s => s.Condition).OfType<ComplianceCondition>().First()
            : hit;

    /// <summary>
    /// Where a step that a condition ended stops: for the compliance, the last moment |V| is within it
    /// (the instrument can still hold the current); for anything else the first computed point past the
    /// condition, as an instrument records the point that triggered it, unless the potential diverges
    /// there (not finite or beyond compliance), or jumps past a cut-off within <see cref="CutOffTimeFloor"/> by more
    /// than <see cref="CutOffVoltageTolerance"/> inside the step (a full cell's emptied particle surface whose
    /// current an electronic leak takes at a finite voltage), when it is the last point before.
    /// </summary>
    public static double EndOfStep(Condition hit, (double Lo, double Hi, double VHi) bracket, double complianceVolts) =>
        hit is ComplianceCondition || !(Math.Abs(bracket.VHi) <= complianceVolts)
        || (hit is VoltageCondition c && bracket.Lo > 0 && Math.Abs((c.Absolute ? Math.Abs(bracket.VHi) : bracket.VHi) - c.Volts) > CutOffVoltageTolerance) ? bracket.Lo : bracket.Hi;

    /// <summary>
    /// The run's stop conditions and the instrument's voltage compliance (±<paramref name="complianceVolts"/>),
    /// which every galvanostatic step obeys whatever the protocol says.
    /// </summary>
    public static IReadOnlyList<StopStep> WithCompliance(Protocol protocol, double complianceVolts) =>
        [.. protocol.StopConditions, new StopStep(default, "compliance",
            new ComplianceCondition($"voltage compliance |V| > {complianceVolts:G4} V", complianceVolts))];

    /// <summary>Time (s) to which a compliance crossing is located by bisection.</summary>
    public const double ComplianceTimeTolerance = 1e-3;

    /// <summary>Machine-readable kind of why a run ended, for summary.json's stop_reason.</summary>
    public static string StopKind(Condition c) => c switch
    {
        ComplianceCondition => "compliance",
        ShortCircuitCondition => "short_circuit",
        _ => "stop_condition",
    };

    /// <summary>
    /// Voltage of a shorted cell and the current through its ionic path. The metallic path (ASR R_sh)
    /// carries the current in parallel with the cell's small-signal resistance R_cell about its
    /// open-circuit voltage V_oc: the few-mV voltage across R_sh is far below any nucleation barrier, so
    /// i_cell = (i·R_sh − V_oc)/(R_sh + R_cell) and V = (i − i_cell)·R_sh. <paramref name="intact"/> gives
    /// the intact cell's voltage at a current, without nucleation overpotentials.
    /// </summary>
    public static (double v, double iCell) Shorted(double i, double shuntAsr, Func<double, double> intact)
    {
        const double h = 1e-3; // A/m²
        double v0 = intact(0);
        double rCell = Math.Max((intact(h) - intact(-h)) / (2 * h), 1e-12);
        double ic = (i * shuntAsr - v0) / (shuntAsr + rCell);
        return ((i - ic) * shuntAsr, ic);
    }
}
