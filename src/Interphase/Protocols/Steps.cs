namespace Interphase.Protocols;

/// <summary>What a current step does at electrode 1 (symmetric cells) or to the cell (full cells).</summary>
public enum CurrentKind { Plate, Strip, Charge, Discharge }

/// <summary>How the current of a step is given: density, absolute current, C-rate or per mass.</summary>
public enum CurrentUnit { Density, Absolute, CRate, PerMass }

/// <summary>A current magnitude in SI (A/m², A, 1/h for C-rate, A/kg), always positive.</summary>
public readonly record struct CurrentSpec(double Value, CurrentUnit Unit)
{
    public override string ToString() => Unit switch
    {
        CurrentUnit.Density => $"{Value / Units.Si.MilliampPerCm2:G4} mA/cm2",
        CurrentUnit.Absolute => $"{Value * 1e3:G4} mA",
        CurrentUnit.CRate => $"{Value:G4}C",
        _ => $"{Value:G4} mA/g",
    };
}

/// <summary>A condition that ends a step or the whole run: "|V| &gt; 0.5 V", "V &lt; 2.8 V", "I &lt; C/50", "short circuit".</summary>
public abstract record Condition(string Text);
public enum Comparison { Greater, GreaterOrEqual, Less, LessOrEqual }
public sealed record VoltageCondition(string Text, bool Absolute, Comparison Op, double Volts) : Condition(Text)
{
    public bool IsMet(double v)
    {
        var x = Absolute ? Math.Abs(v) : v;
        return Op switch
        {
            Comparison.Greater => x > Volts,
            Comparison.GreaterOrEqual => x >= Volts,
            Comparison.Less => x < Volts,
            _ => x <= Volts,
        };
    }
}
/// <summary>Current magnitude falls below a limit (for constant-voltage holds).</summary>
public sealed record CurrentBelowCondition(string Text, CurrentSpec Limit) : Condition(Text);
public sealed record ShortCircuitCondition(string Text) : Condition(Text);

/// <summary>
/// The instrument's voltage compliance: no potentiostat drives a cell beyond ±Volts, so a galvanostatic
/// step whose computed |V| would exceed it (or is not a number at all) ends there and the run stops.
/// </summary>
public sealed record ComplianceCondition(string Text, double Volts) : Condition(Text)
{
    public bool IsMet(double v) => !(Math.Abs(v) <= Volts);
}
/// <summary>A capacity has passed in this step (mAh/cm2, mAh, mAh/g).</summary>
public sealed record CapacityCondition(string Text, double Value, CurrentUnit Unit) : Condition(Text);

/// <summary>One line (or one ';'-separated part) of a protocol.</summary>
public abstract record Step(SourceLocation Where, string Text)
{
    /// <summary>
    /// PyBaMM's output period, <c>(1 minute period)</c> after a current, rest or hold step (s): the step's time
    /// series is written on the grid start + n·period and at its end; null for the simulator's own spacing.
    /// </summary>
    public double? PeriodS { get; init; }
}

/// <summary>
/// Galvanostatic step. <see cref="Current"/> is null inside a ramp (the ramp supplies it).
/// The step ends after <see cref="DurationS"/>, after <see cref="Capacity"/> has passed, or when
/// <see cref="Until"/> is met, whichever comes first.
/// </summary>
public sealed record CurrentStep(SourceLocation Where, string Text, CurrentKind Kind, CurrentSpec? Current,
    double? DurationS, CapacityCondition? Capacity, Condition? Until, double? TemperatureK) : Step(Where, Text)
{
    /// <summary>
    /// A drive cycle (<c>with profile FILE</c>): the current follows the file's profile instead of
    /// <see cref="Current"/>, and <see cref="DurationS"/> is the profile's length unless 'for' shortens it.
    /// </summary>
    public CurrentProfile? Profile { get; init; }
}

/// <summary>Open circuit for a time.</summary>
public sealed record RestStep(SourceLocation Where, string Text, double DurationS, double? TemperatureK) : Step(Where, Text);

/// <summary>Hold a voltage for a time or until a current limit: a full cell's CV step, a symmetric cell's potentiostatic polarisation.</summary>
public sealed record HoldStep(SourceLocation Where, string Text, double Volts, double? DurationS, Condition? Until, double? TemperatureK) : Step(Where, Text);

/// <summary>
/// A linear voltage sweep of a cell with a blocking working electrode (<c>Sweep from 3 V to 5.5 V at
/// 0.1 mV/s</c>): the cell voltage runs from <see cref="FromV"/> to <see cref="ToV"/> at <see cref="RateVPerS"/> (positive).
/// </summary>
public sealed record SweepStep(SourceLocation Where, string Text, double FromV, double ToV, double RateVPerS) : Step(Where, Text);

/// <summary>
/// Cyclic voltammetry (<c>Cycle between 0 V and 1 V at 2 mV/s 100 times</c>): <see cref="Count"/> triangles
/// from the voltage the cell is at (the first vertex nearer to it first) between the two vertices.
/// </summary>
public sealed record CyclicSweepStep(SourceLocation Where, string Text, double LowV, double HighV, double RateVPerS, int Count) : Step(Where, Text);

/// <summary>Impedance spectrum of the cell in its current state.</summary>
public sealed record MeasureEisStep(SourceLocation Where, string Text, double FMaxHz, double FMinHz, int PointsPerDecade) : Step(Where, Text)
{
    /// <summary>A temperature series (<c>Measure EIS at 20, 40, 60 degC</c>): one spectrum at each (K); empty for one spectrum at the cell's temperature.</summary>
    public IReadOnlyList<double> TemperaturesK { get; init; } = [];
}

public sealed record RepeatBlock(SourceLocation Where, string Text, int Count, IReadOnlyList<Step> Body) : Step(Where, Text);

/// <summary>A current ramp: the body runs once per current value From, From+Increment, ... To.</summary>
public sealed record RampBlock(SourceLocation Where, string Text, CurrentSpec From, CurrentSpec To, double Increment, IReadOnlyList<Step> Body) : Step(Where, Text)
{
    public IEnumerable<CurrentSpec> Values()
    {
        int n = (int)Math.Floor((To.Value - From.Value) / Increment + 1e-9);
        for (int k = 0; k <= n; k++) yield return From with { Value = From.Value + k * Increment };
    }
}

/// <summary>"Stop if …": ends the whole run when met.</summary>
public sealed record StopStep(SourceLocation Where, string Text, Condition Condition) : Step(Where, Text);

/// <summary>A parsed protocol: its steps in order and the stop conditions that apply throughout.</summary>
public sealed record Protocol(IReadOnlyList<Step> Steps, IReadOnlyList<StopStep> StopConditions, string Source)
{
    /// <summary>Every step in execution order with ramps and repeats expanded, each with its ramp current.</summary>
    public IEnumerable<(Step step, CurrentSpec? rampCurrent, bool rampStart)> Flatten() => Flatten(Steps, null);

    static IEnumerable<(Step, CurrentSpec?, bool)> Flatten(IReadOnlyList<Step> steps, CurrentSpec? ramp)
    {
        foreach (var s in steps)
        {
            switch (s)
            {
                case RepeatBlock r:
                    for (int i = 0; i < r.Count; i++)
                        foreach (var x in Flatten(r.Body, ramp)) yield return x;
                    break;
                case RampBlock rb:
                    foreach (var c in rb.Values())
                    {
                        bool first = true;
                        foreach (var (st, rc, _) in Flatten(rb.Body, c)) { yield return (st, rc, first); first = false; }
                    }
                    break;
                case StopStep:
                    break;
                default:
                    yield return (s, ramp, false);
                    break;
            }
        }
    }

    public bool HasRamp => Contains(Steps, s => s is RampBlock);

    static bool Contains(IReadOnlyList<Step> steps, Func<Step, bool> p) =>
        steps.Any(s => p(s) || (s is RepeatBlock r && Contains(r.Body, p)) || (s is RampBlock rb && Contains(rb.Body, p)));
}
