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
        foreach (var s in stops)
        {
            if (s.Condition is ComplianceCondition cc && cc.IsMet(v)) return cc;
            if (s.Condition is VoltageCondition vc && vc.IsMet(v)) return vc;
            if (s.Condition is ShortCircuitCondition && shortNow) return s.Condition;
        }
        return null;
    }

    /// <summary>
    /// The voltage recorded at the end of a step that a voltage cut-off (its 'until') ended: the cut-off
    /// itself, as an instrument records it. The crossing is located to within a fraction of a second,
    /// and the state at the bracket's far end can overshoot the cut-off by volts where the potential
    /// runs away (an emptied particle surface, a stripped-out electrode). Any other voltage is unchanged.
    /// </summary>
    public static double AtCutOff(Condition? hit, Condition? until, double v) =>
        hit is VoltageCondition { Absolute: false } c && ReferenceEquals(hit, until)
            ? c.Op is Comparison.Greater or Comparison.GreaterOrEqual ? Math.Min(v, c.Volts) : Math.Max(v, c.Volts)
            : v;

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
