using MathNet.Numerics.Statistics;

namespace Interphase.Impedance;

/// <summary>
/// Uncertainty of the DRT by a residual bootstrap (Efron, Tibshirani, An Introduction to the Bootstrap, 1993,
/// §9.5): the weighted residuals of the fit are drawn with replacement and added to the fitted model, and each
/// replicate is solved again with the same λ and the same constraint. The 2.5 and 97.5 percentiles over the
/// replicates give a band for γ and intervals for each peak's τ (its maximum within the peak's support, located off
/// the grid as the estimate's, <see cref="DrtPeakLocation"/>) and resistance (the area over that support). The band shows how far noise alone moves the distribution; it does not
/// contain the smoothing bias of the regularisation, which moves every replicate alike.
/// </summary>
internal static class DrtBootstrap
{
    /// <summary>
    /// Each replicate's NNLS starts from the active set of the fit's solution (a replicate differs from the data by a
    /// resampling of the residuals, so its active set is nearly the same): the same solutions in a few factorisations
    /// instead of one per column added. Off only in the test that shows the saving.
    /// </summary>
    internal static bool WarmStart = true;

    public static DrtResult Run(DrtResult result, DrtProblem problem, double[] regularised, double[] x, DrtBasis basis,
        double[] yFine, IReadOnlyList<DrtSupport> supports, int samples, int seed)
    {
        var fitted = problem.Predict(x);
        var residuals = new double[fitted.Length];
        for (int r = 0; r < fitted.Length; r++) residuals[r] = problem.B[r] - fitted[r];
        var rng = new Random(seed);
        var logTau = result.Tau.Select(t => Math.Log(t)).ToArray();
        var gammas = new double[samples][];
        var taus = new double[supports.Count][];
        var areas = new double[supports.Count][];
        for (int k = 0; k < supports.Count; k++) { taus[k] = new double[samples]; areas[k] = new double[samples]; }
        var b = new double[problem.Rows];
        for (int s = 0; s < samples; s++)
        {
            for (int r = 0; r < b.Length; r++) b[r] = fitted[r] + residuals[rng.Next(residuals.Length)];
            var xs = problem.SolveNonNegative(regularised, b, WarmStart ? x : null);
            gammas[s] = basis.Gamma(xs, logTau);
            var fine = basis.Gamma(xs, yFine);
            for (int k = 0; k < supports.Count; k++)
            {
                taus[k][s] = Math.Exp(DrtPeakLocation.Maximum(basis, xs, yFine, fine, supports[k]));
                areas[k][s] = basis.Area(xs, supports[k].From, supports[k].To);
            }
        }
        var low = new double[logTau.Length];
        var high = new double[logTau.Length];
        for (int i = 0; i < logTau.Length; i++)
        {
            var column = gammas.Select(g => g[i]).ToArray();
            (low[i], high[i]) = Interval(column);
        }
        var peaks = result.Peaks.Select((p, k) => p with
        {
            TimeConstantInterval = ToInterval(taus[k], p.TimeConstant),
            ResistanceInterval = ToInterval(areas[k], p.Resistance),
        }).ToList();
        return result with { Peaks = peaks, GammaLow = low, GammaHigh = high, BootstrapSamples = samples };
    }

    static (double Low, double High) Interval(double[] values) =>
        (Statistics.Quantile(values, 0.025), Statistics.Quantile(values, 0.975));

    /// <summary>
    /// The percentile interval of the replicates, flagged when it excludes the estimate (decision 0075). It is not
    /// moved: a percentile interval that misses its estimate shows that the refit at the same λ shifts the peak (the
    /// regularisation applied to the fitted model again), and the basic or bias-corrected intervals would exclude the
    /// estimate in the same cases, on the other side or not at all only by leaning on that shift.
    /// </summary>
    internal static DrtInterval ToInterval(double[] values, double estimate)
    {
        var (lo, hi) = Interval(values);
        return new DrtInterval(lo, hi) { Median = Statistics.Median(values), ExcludesEstimate = estimate < lo || estimate > hi };
    }
}
