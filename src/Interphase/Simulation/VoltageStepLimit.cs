namespace Interphase.Simulation;

/// <summary>
/// Halves a time step whose voltage moved by more than a tolerance from the last point: the larger of
/// <see cref="Absolute"/> and <see cref="Relative"/>·|V|, tightened by the rules that mechanisms coupled explicitly
/// through the voltage contribute (<see cref="VoltageStepRule"/>: a full cell's parasitic oxidation, active-material
/// loss and polymerisation on the cathode).
/// </summary>
internal sealed class VoltageStepLimit(double absolute, double relative, double minStep, params VoltageStepRule[] rules) : StepLimit
{
    /// <summary>Tolerance (V) whatever the voltage.</summary>
    public double Absolute => absolute;
    /// <summary>Tolerance as a share of |V| at the last point.</summary>
    public double Relative => relative;
    /// <summary>The mechanisms' own limits, each +∞ while its mechanism does not matter.</summary>
    public IReadOnlyList<VoltageStepRule> Rules => rules;
    public override double MinStep => minStep;

    /// <summary>The largest voltage change (V) allowed for a step at current i from the last point's voltage vLast.</summary>
    public double Tolerance(double i, double vLast)
    {
        double tol = relative > 0 ? Math.Max(absolute, relative * Math.Abs(vLast)) : absolute;
        for (int r = 0; r < rules.Length; r++) tol = Math.Min(tol, rules[r].MaxChange(i));
        return tol;
    }

    public override bool TooLarge(in StepAttempt a, double vLast) => Math.Abs(a.V - vLast) > Tolerance(a.I, vLast);
}

/// <summary>
/// A mechanism's limit on the voltage change of one time step (V), from the state at the end of the attempted step and
/// its current i; +∞ while the mechanism does not matter. <paramref name="Mechanism"/> names it for people.
/// </summary>
internal sealed record VoltageStepRule(string Mechanism, Func<double, double> MaxChange);
