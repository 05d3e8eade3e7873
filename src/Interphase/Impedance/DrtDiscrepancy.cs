using Interphase.Data.Eis;

namespace Interphase.Impedance;

/// <summary>
/// λ of the DRT by Morozov's discrepancy principle: the most regularised distribution whose residuals are no
/// larger than the noise, ‖(Z − Ẑ)/|Z|‖² ≤ 2N σ² over the 2N real and imaginary parts. σ, the relative noise of
/// one component, comes from the residuals of the Lin-KK test (a Kramers–Kronig-compliant model with more
/// freedom than the DRT), corrected for the parameters that fit spent: σ² = Σ Δ² / (2N − p). Every feature of the
/// distribution is then one the data demand beyond their noise, so noise does not become peaks; the GCV and the
/// L-curve, which look only at the shape of the residual curve, pick λ 10–1000 times smaller on noisy spectra
/// (docs/impedance.md §5, docs/decisions/0010-drt.md).
/// </summary>
internal static class DrtDiscrepancy
{
    /// <summary>Bisection steps in ln λ between the two grid values that bracket the discrepancy.</summary>
    const int Refinements = 12;

    /// <summary>Whether each NNLS of the search starts from the active set of the previous one (off only in the test that shows the saving).</summary>
    internal static bool WarmStart = true;

    /// <summary>The λ grid searched, 10⁻⁶ … 10 in quarter decades (λ is dimensionless: the data are scaled by the median |Z|).</summary>
    public static double[] Lambdas() => Enumerable.Range(0, 29).Select(i => Math.Pow(10, -6 + 0.25 * i)).ToArray();

    /// <summary>The relative noise σ of one component (Re or Im) of the spectrum, from its Lin-KK residuals.</summary>
    public static double NoiseFromKramersKronig(ImpedanceSpectrum spectrum) => NoiseFromKramersKronig(LinKK.Test(spectrum), spectrum.Count);

    /// <summary>The same from a Lin-KK test already run on the spectrum (<paramref name="points"/> frequencies): no second test.</summary>
    public static double NoiseFromKramersKronig(LinKkResult kk, int points)
    {
        int values = 2 * points, spent = kk.ElementCount + (kk.Capacitance is null ? 2 : 3);
        double sum = kk.ResidualReal.Concat(kk.ResidualImag).Sum(v => v * v);
        return Math.Sqrt(sum / Math.Max(1, values - spent));
    }

    /// <summary>
    /// The largest λ whose misfit stays within the noise budget 2N σ², with the misfit at each grid λ. When even the
    /// smallest λ leaves a larger misfit (the distribution cannot follow the data, e.g. a capacitive tail), the budget
    /// is that smallest misfit plus 2N σ²: the noise allowed on top of what no distribution explains.
    /// </summary>
    public static (double Lambda, double[] Lambdas, double[] Misfits, double[] Solution) Choose(DrtProblem problem, double[] penalty, double noise)
    {
        var lambdas = Lambdas();
        // each λ of the grid starts its NNLS from the active set of the one below it (the same solutions, a few
        // factorisations each instead of one per column added)
        var solutions = new double[lambdas.Length][];
        var misfits = new double[lambdas.Length];
        for (int t = 0; t < lambdas.Length; t++)
        {
            solutions[t] = problem.SolveNonNegative(penalty, lambdas[t], WarmStart && t > 0 ? solutions[t - 1] : null);
            misfits[t] = problem.Misfit(solutions[t]);
        }
        // 2N σ² is the expected misfit of the true distribution; its χ² spread, √(2/2N) relative, is allowed twice so
        // that the true distribution stays within the budget 97.5 % of the time.
        double budget = problem.Rows * noise * noise * (1 + 2 * Math.Sqrt(2.0 / problem.Rows));
        double least = misfits.Min();
        if (least > budget) budget += least;
        int k = lambdas.Length - 1;
        while (k > 0 && misfits[k] > budget) k--;
        if (k + 1 == lambdas.Length || misfits[k] > budget) return (lambdas[k], lambdas, misfits, solutions[k]);
        // the misfit grows with λ: bisect ln λ between the last grid value inside the budget and the first outside
        double lo = Math.Log(lambdas[k]), hi = Math.Log(lambdas[k + 1]);
        var near = solutions[k];
        var atLo = solutions[k];
        for (int i = 0; i < Refinements; i++)
        {
            double mid = 0.5 * (lo + hi);
            var x = problem.SolveNonNegative(penalty, Math.Exp(mid), WarmStart ? near : null);
            if (problem.Misfit(x) <= budget) { lo = mid; atLo = x; }
            else hi = mid;
            near = x;
        }
        return (Math.Exp(lo), lambdas, misfits, atLo);
    }
}
