using MathNet.Numerics.RootFinding;

namespace Interphase.Impedance;

/// <summary>
/// A peak's support: the indices on the fine grid of the minima (or the range's ends) that bound it, and where those
/// minima lie in ln τ between the grid's points.
/// </summary>
internal readonly record struct DrtSupport(int Lo, int Hi, double From, double To);

/// <summary>
/// Peaks located off the grid. The peaks are found on the fine grid of ln τ (<c>Drt.Peaks</c>),
/// whose step quantises a maximum read there (ln 10 / 80 at 10 basis functions per decade: 2.9 % in τ). The
/// distribution the DRT computes is the continuous sum of Gaussians γ(y) = Σ x_m exp(−ε²(y − y_m)²), so its maximum
/// is where dγ/dy, analytic too, changes sign from + to −: found by Brent's method (MathNet.Numerics) between the
/// grid points either side of the grid's maximum, exact for the representation to 10⁻¹² in ln τ. The bounding minima
/// are located the same way, and the resistance is the area between them, analytic for the Gaussian basis
/// (<see cref="DrtBasis.Area"/>). See docs/decisions/0081-drt-peaks-off-the-grid.md.
/// </summary>
internal static class DrtPeakLocation
{
    /// <summary>
    /// Read the peaks on the fine grid as before (no location off it): set only by the test that shows what that read
    /// misses, and per thread, so that tests running alongside it are not affected.
    /// </summary>
    [ThreadStatic] internal static bool OnGrid;

    /// <summary>
    /// The located peaks (τ, f and height at the continuous maximum, bounds at the continuous minima, resistance the
    /// area between them) and their supports, from the peaks and bounds found on the fine grid <paramref name="y"/>.
    /// </summary>
    public static List<DrtPeak> Locate(DrtBasis basis, double[] x, double[] y, IReadOnlyList<DrtPeak> peaks,
        IReadOnlyList<(int Lo, int Peak, int Hi)> bounds, out List<DrtSupport> supports)
    {
        var located = new List<DrtPeak>(peaks.Count);
        supports = new List<DrtSupport>(peaks.Count);
        for (int k = 0; k < peaks.Count; k++)
        {
            var (lo, c, hi) = bounds[k];
            double top = Stationary(basis, x, y, c, maximum: true);
            double from = Stationary(basis, x, y, lo, maximum: false), to = Stationary(basis, x, y, hi, maximum: false);
            double tau = Math.Exp(top);
            located.Add(peaks[k] with
            {
                TimeConstant = tau,
                FrequencyHz = 1 / (2 * Math.PI * tau),
                Height = basis.At(x, top),
                Resistance = basis.Area(x, from, to),
                LowerTimeConstant = Math.Exp(from),
                UpperTimeConstant = Math.Exp(to),
            });
            supports.Add(new DrtSupport(lo, hi, from, to));
        }
        return located;
    }

    /// <summary>
    /// ln τ of the maximum of γ within a support, for a bootstrap replicate: the highest point of the fine grid
    /// <paramref name="g"/> there, located off the grid unless it is one of the support's ends.
    /// </summary>
    public static double Maximum(DrtBasis basis, double[] x, double[] y, double[] g, DrtSupport support)
    {
        int top = support.Lo;
        for (int i = support.Lo; i <= support.Hi; i++) if (g[i] > g[top]) top = i;
        return top > support.Lo && top < support.Hi ? Stationary(basis, x, y, top, maximum: true) : y[top];
    }

    /// <summary>
    /// The root of dγ/dy between y[i − 1] and y[i + 1] when dγ/dy changes sign there as at a maximum (+ to −) or a
    /// minimum (− to +); y[i] itself at the ends of the grid or without that change of sign.
    /// </summary>
    static double Stationary(DrtBasis basis, double[] x, double[] y, int i, bool maximum)
    {
        if (OnGrid || i <= 0 || i >= y.Length - 1) return y[i];
        double a = basis.Slope(x, y[i - 1]), b = basis.Slope(x, y[i + 1]);
        if (maximum ? !(a > 0 && b < 0) : !(a < 0 && b > 0)) return y[i];
        double scale = Math.Max(Math.Abs(a), Math.Abs(b));
        return Brent.TryFindRoot(v => basis.Slope(x, v) / scale, y[i - 1], y[i + 1], 1e-12, 100, out double root) ? root : y[i];
    }
}
