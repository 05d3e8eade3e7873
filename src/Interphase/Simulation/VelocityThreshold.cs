namespace Interphase.Simulation;

/// <summary>
/// A filament's velocity threshold crossed within a time step (decision 0078): the velocity is zero at one end of the
/// step and positive at the other (a plating spot's local current crossing what the layer tolerates as the contact
/// changes, or the filament's tip reaching a segment that stops it). Heun's trapezoid over the whole step (decision
/// 0069) would give it half the positive velocity over the whole step, wherever within it the crossing lies, an error
/// first order in the step. The crossing is located by bisection of the advance τ from the step's start, to
/// <see cref="Tolerance"/> (as the onset, OnsetLocation, and a contact, StepEngine.ToContact), and the trapezoid taken
/// over the part of the step in which the filament grows.
/// </summary>
internal static class VelocityThreshold
{
    /// <summary>Width (s) of the interval the crossing is located to (as a filament's contact, StepEngine.MinContactStep).</summary>
    public const double Tolerance = StepEngine.MinContactStep;

    /// <summary>Advances at most (a step of 10⁹ s still narrows below <see cref="Tolerance"/> in 40).</summary>
    public const int MaxIterations = 60;

    /// <summary>
    /// The bracket (lo, hi) of the first advance in [0, dt] at which <paramref name="changed"/> holds, to
    /// <see cref="Tolerance"/>: it does not hold at lo and holds at hi (hi = dt when it holds only there, lo = 0 when it
    /// holds from the start). <paramref name="changed"/> is taken to change once within the step.
    /// </summary>
    public static (double Lo, double Hi) Bracket(Func<double, bool> changed, double dt)
    {
        double lo = 0, hi = dt;
        for (int n = 0; n < MaxIterations && hi - lo > Tolerance; n++)
        {
            double mid = 0.5 * (lo + hi);
            if (changed(mid)) hi = mid; else lo = mid;
        }
        return (lo, hi);
    }

    /// <summary>
    /// The filament's mean velocity (m/s) over a step of dt in which its velocity crosses zero: <paramref name="v0"/> at
    /// the step's start, with the filament at <paramref name="h0"/> (m). <paramref name="at"/>(τ, h): the velocity in the
    /// state advanced by τ from the step's start with the filament at h; <paramref name="atEnd"/>(h): the one in the
    /// step's end state with the filament at h. Starting to grow (v0 = 0): the trapezoid from the located start of growth
    /// τ* to the step's end; stopping (v0 &gt; 0): from the step's start to the located stop, the filament advanced by v0
    /// meanwhile (Heun's predictor).
    /// </summary>
    public static double MeanVelocity(double v0, double h0, double dt, Func<double, double, double> at, Func<double, double> atEnd)
    {
        if (v0 > 0)
        {
            var (stops, _) = Bracket(tau => !(at(tau, h0 + v0 * tau) > 0), dt);
            double vLast = stops > 0 ? at(stops, h0 + v0 * stops) : v0;
            return 0.5 * (v0 + vLast) * stops / dt;
        }
        var (_, starts) = Bracket(tau => at(tau, h0) > 0, dt);
        double vFirst = at(starts, h0);
        double vEnd = atEnd(h0 + vFirst * (dt - starts));
        return 0.5 * (vFirst + vEnd) * (dt - starts) / dt;
    }
}
