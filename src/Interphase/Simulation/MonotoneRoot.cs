namespace Interphase.Simulation;

/// <summary>
/// Root of an increasing function by bracketing and bisection, shared by the potentiostatic hold
/// (<see cref="PotentiostaticHold"/>) and the voltage sweeps (<see cref="SweepSimulator"/>). Written by
/// hand because their functions are not finite everywhere (a depleted salt face, an exponential
/// oxidation current overflowing far from the root), which MathNet's root finders do not allow:
/// a non-finite or too-large value only has to have the right sign here.
/// </summary>
internal static class MonotoneRoot
{
    /// <summary>
    /// x with f(x) = 0 for f increasing: the bracket [lo, hi] is moved outward (doubling its width, each
    /// evaluation kept) until f(lo) ≤ 0 ≤ f(hi), then bisected until it is 1e-12 of its width (plus
    /// <paramref name="absoluteTolerance"/>).
    /// </summary>
    public static double Find(Func<double, double> f, double lo, double hi, double absoluteTolerance = 1e-15)
    {
        if (!(hi > lo)) throw new ArgumentException($"empty bracket [{lo}, {hi}]");
        double flo = f(lo), fhi = f(hi);
        for (int k = 0; k < 200 && !(flo <= 0); k++)
        {
            double w = hi - lo;
            hi = lo; fhi = flo;
            lo -= 2 * w; flo = f(lo);
        }
        for (int k = 0; k < 200 && !(fhi >= 0); k++)
        {
            double w = hi - lo;
            lo = hi; flo = fhi;
            hi += 2 * w; fhi = f(hi);
        }
        if (!(flo <= 0 && fhi >= 0)) throw new InvalidOperationException("no root in reach: the function does not change sign");
        double tol = 1e-12 * (hi - lo) + absoluteTolerance;
        for (int k = 0; k < 200 && hi - lo > tol; k++)
        {
            double mid = 0.5 * (lo + hi);
            if (f(mid) < 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
