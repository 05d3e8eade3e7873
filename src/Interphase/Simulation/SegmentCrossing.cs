using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// A filament's tip crossing from one segment of its path into the next within a time step (decision 0086): the
/// velocity jumps there (a crack deep in one brittle layer meets the next layer's fresh flaw, ∝ √depth restarts; a
/// layer may stop it). Heun's trapezoid over the whole step (decision 0069) would average the velocities on either
/// side of the jump over the whole step wherever the tip meets the boundary, an error first order in the step. The
/// moment the tip reaches the boundary is located by the trapezoid within the first segment (from the step's start
/// velocity to the velocity just before the boundary), and the rest of the step is taken by Heun's trapezoid in the
/// next segment from its entry, again for every boundary the tip reaches within the step.
/// </summary>
internal static class SegmentCrossing
{
    /// <summary>Boundaries crossed in one step at most (each a segment of the stack).</summary>
    public const int MaxCrossings = 16;

    /// <summary>
    /// The nearest segment boundary (m from the electrode) beyond <paramref name="h"/> among the electrode's paths,
    /// found as ElectrodeSideDynamics.FilamentVelocity finds the tip's segment; +∞ when none lies before the
    /// separator's end <paramref name="separator"/> (the contact there is located by StepEngine.ToContact).
    /// </summary>
    public static double NextBoundary(ElectrodeSide s, double h, double separator)
    {
        double next = double.PositiveInfinity;
        for (int p = 0; p < s.Paths.Count; p++)
        {
            var segs = s.Paths[p].Segments;
            double acc = 0;
            for (int seg = 0; seg < segs.Count - 1; seg++)
            {
                acc += segs[seg].thickness;
                if (h < acc) { next = Math.Min(next, acc); break; }
            }
        }
        return next < separator ? next : double.PositiveInfinity;
    }

    /// <summary>
    /// The filament's mean velocity (m/s) over a step of <paramref name="dt"/> from <paramref name="h0"/> (m), with
    /// velocity <paramref name="v0"/> in the step's start state: <paramref name="velocity"/>(h) is the velocity in the
    /// step's end state with the tip at h, <paramref name="boundary"/>(h) the next segment boundary beyond h (+∞: none).
    /// Within a segment, Heun's trapezoid; at a boundary the predictor reaches, the time to it by the trapezoid from the
    /// piece's first velocity to the one just before the boundary, then the next segment from its entry velocity (a
    /// segment whose entry velocity is zero stops the tip there).
    /// </summary>
    public static double MeanVelocity(double h0, double v0, double dt, Func<double, double> velocity, Func<double, double> boundary)
    {
        double h = h0, t = 0, vFirst = v0;
        for (int n = 0; n <= MaxCrossings && t < dt && vFirst > 0; n++)
        {
            double left = dt - t, b = boundary(h);
            double predicted = h + vFirst * left;
            if (!(predicted >= b))
            {
                h += 0.5 * (vFirst + velocity(predicted)) * left;
                return (h - h0) / dt;
            }
            // the velocity just before the boundary, still in this segment
            double mean = 0.5 * (vFirst + velocity(Before(b)));
            double reach = mean > 0 ? (b - h) / mean : double.PositiveInfinity;
            if (reach >= left)
            {
                h = Math.Min(h + mean * left, Before(b));
                return (h - h0) / dt;
            }
            t += reach;
            h = b;
            vFirst = velocity(b);
        }
        return (h - h0) / dt;
    }

    /// <summary>A position a hair short of boundary b (m), in the segment before it.</summary>
    static double Before(double b) => b * (1 - 1e-12);
}
