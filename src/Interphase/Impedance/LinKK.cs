using System.Numerics;
using Interphase.Data.Eis;
using MathNet.Numerics.LinearAlgebra;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Interphase.Impedance;

/// <summary>Options of the Lin-KK test.</summary>
public sealed record LinKkOptions
{
    /// <summary>μ at or below this marks over-fitting (Schönleber et al. 2014 use 0.85).</summary>
    public double MuCutoff { get; init; } = 0.85;
    /// <summary>Upper limit of the number of RC elements (never more than the number of frequencies).</summary>
    public int MaxElements { get; init; } = 50;
    /// <summary>
    /// Include a series capacitance (on by default): a KK-compliant element without which spectra that
    /// do not close at low frequency (diffusion tails, blocking electrodes) fail for the wrong reason.
    /// </summary>
    public bool AddCapacitance { get; init; } = true;
    /// <summary>
    /// Residuals |ΔZ'|/|Z|, |ΔZ''|/|Z| all at most this pass outright; larger ones pass only when they
    /// scatter like random noise (no trend over frequency, no outliers).
    /// </summary>
    public double ResidualLimit { get; init; } = 0.01;
}

/// <summary>
/// Result of the Lin-KK test: number of RC elements M, μ, the fitted KK-compliant model and the
/// relative residuals per frequency, Δ' = (Z' − Ẑ')/|Z| and Δ'' = (Z'' − Ẑ'')/|Z|, with the noise level
/// estimated from them (1.4826 × median |Δ|) and their lag-1 correlation along the frequency axis.
/// </summary>
public sealed record LinKkResult(
    int ElementCount,
    double Mu,
    double[] TimeConstants,
    double[] Resistances,
    double SeriesResistance,
    double Inductance,
    double? Capacitance,
    Complex[] Model,
    double[] ResidualReal,
    double[] ResidualImag,
    double PseudoChiSquare,
    double MaxResidual,
    double ResidualLimit,
    double NoiseEstimate,
    double SerialCorrelation,
    bool Passed)
{
    /// <summary>One sentence for the command line.</summary>
    public string Verdict
    {
        get
        {
            string fit = $"M = {ElementCount}, μ = {Mu:F3}";
            if (MaxResidual <= ResidualLimit)
                return $"passes: all residuals within ±{ResidualLimit:P1} (max {MaxResidual:P2}, {fit})";
            string scatter = $"noise ≈ {NoiseEstimate:P2}, lag-1 correlation {SerialCorrelation:F2}";
            if (Passed)
                return $"passes: residuals up to {MaxResidual:P2} exceed ±{ResidualLimit:P1} but scatter randomly ({scatter}, {fit}): valid data with that much noise";
            string why = LinKK.Reason(this) switch
            {
                LinKkReason.Trend => $"the residuals follow a trend over frequency ({scatter})",
                LinKkReason.Outliers => $"a few points lie far outside the scatter of the rest (largest {MaxResidual / NoiseEstimate:F0}× the noise ≈ {NoiseEstimate:P2})",
                _ => "there are too few points to tell noise from a systematic misfit",
            };
            return $"fails: largest residual {MaxResidual:P2} exceeds ±{ResidualLimit:P1} and {why} ({fit}); the spectrum is not consistent with a linear, causal, stable system (drift, non-linearity or faulty points)";
        }
    }
}

/// <summary>Why residuals above the limit do or do not count as random noise.</summary>
public enum LinKkReason { WithinLimit, RandomScatter, Trend, Outliers, TooFewPoints }

/// <summary>
/// The linear Kramers–Kronig test of Schönleber, Klotz, Ivers-Tiffée (Electrochim. Acta 131 (2014) 20):
/// the data are fitted by Ẑ = R0 + jωL [+ 1/(jωC)] + Σ R_k / (1 + jωτ_k) with fixed τ_k log-spaced from 1/ω_max to
/// 1/ω_min, by linear least squares on Re and Im weighted by 1/|Z|, for M = 1 … M_max, and
/// μ = 1 − Σ_{R_k&lt;0} |R_k| / Σ_{R_k≥0} |R_k| marks over-fitting. M is the start of the last run of M
/// with μ ≤ c (Yrjänä, Bobacka, Electrochim. Acta 504 (2024) 144951: μ fluctuates at small M, so the first
/// dip below c can be an under-fit), moved on to the first M whose pseudo-χ² is within a factor
/// <see cref="ChiSquareFactor"/> of the best in that run. Data that a KK-compliant model cannot follow
/// are not valid impedance data. See docs/impedance.md §4.
/// </summary>
public static class LinKK
{
    /// <summary>A fit whose pseudo-χ² is within this factor of the smallest in the last μ ≤ c run is not an under-fit.</summary>
    public const double ChiSquareFactor = 2;
    /// <summary>Residuals above the limit count as noise only with at least this many frequencies.</summary>
    public const int MinPointsForNoise = 20;
    /// <summary>Largest residual, in units of the noise estimate, that still counts as noise.</summary>
    public const double OutlierFactor = 6;
    /// <summary>Lag-1 correlation above this many standard errors (1/√(2N) for white noise) is a trend.</summary>
    public const double TrendZ = 4;

    public static LinKkResult Test(ImpedanceSpectrum spectrum, LinKkOptions? options = null)
    {
        var o = options ?? new LinKkOptions();
        if (!(o.MuCutoff > 0 && o.MuCutoff <= 1)) throw new InputException($"Lin-KK μ cut-off must be in (0, 1], got {o.MuCutoff}");
        if (o.MaxElements < 1) throw new InputException($"Lin-KK needs at least one RC element, got {o.MaxElements}");
        int n = spectrum.Count;
        int extra = o.AddCapacitance ? 3 : 2;
        // More RC elements than frequencies would let the model follow the noise (and any misfit) point by point.
        int maxM = Math.Min(Math.Min(o.MaxElements, n), 2 * n - extra - 1);
        if (maxM < 1) throw new InputException($"{spectrum.Source ?? "spectrum"}: Lin-KK needs more points (has {n})");

        var fits = new Fit[maxM];
        for (int m = 1; m <= maxM; m++) fits[m - 1] = Solve(spectrum, m, o.AddCapacitance);
        var best = fits[Choose(fits, o.MuCutoff) - 1];

        var model = new Complex[n];
        var rr = new double[n];
        var ri = new double[n];
        double maxAbs = 0;
        for (int i = 0; i < n; i++)
        {
            var z = best.Evaluate(spectrum.FrequenciesHz[i]);
            model[i] = z;
            var d = (spectrum.Impedance[i] - z) / spectrum.Impedance[i].Magnitude;
            rr[i] = d.Real; ri[i] = d.Imaginary;
            maxAbs = Math.Max(maxAbs, Math.Max(Math.Abs(d.Real), Math.Abs(d.Imaginary)));
        }
        double noise = RobustSigma(rr.Concat(ri));
        double r1 = LagOneCorrelation(spectrum.FrequenciesHz, rr, ri);
        var reason = Classify(n, maxAbs, o.ResidualLimit, noise, r1);
        double? cap = best.InvC is double inv && inv != 0 ? 1 / inv : null;
        return new LinKkResult(best.Tau.Length, best.Mu, best.Tau, best.R, best.R0, best.L, cap, model, rr, ri, best.Chi, maxAbs,
            o.ResidualLimit, noise, r1, reason is LinKkReason.WithinLimit or LinKkReason.RandomScatter);
    }

    /// <summary>Why the result passed or failed.</summary>
    public static LinKkReason Reason(LinKkResult r) => Classify(r.ResidualReal.Length, r.MaxResidual, r.ResidualLimit, r.NoiseEstimate, r.SerialCorrelation);

    static LinKkReason Classify(int n, double maxAbs, double limit, double noise, double r1)
    {
        if (maxAbs <= limit) return LinKkReason.WithinLimit;
        if (n < MinPointsForNoise) return LinKkReason.TooFewPoints;
        if (r1 > TrendZ / Math.Sqrt(2 * n)) return LinKkReason.Trend;
        if (!(maxAbs <= OutlierFactor * noise)) return LinKkReason.Outliers;
        return LinKkReason.RandomScatter;
    }

    /// <summary>
    /// The number of RC elements: the first M of the last run of M with μ ≤ c that reaches M_max, moved on to the
    /// first M of that run whose pseudo-χ² is within <see cref="ChiSquareFactor"/> of the run's smallest; M_max when
    /// μ(M_max) &gt; c (μ never fell below c for good, as when the loop of Schönleber et al. reaches its end).
    /// </summary>
    static int Choose(Fit[] fits, double c)
    {
        int maxM = fits.Length;
        if (fits[maxM - 1].Mu > c) return maxM;
        int lo = maxM;
        while (lo > 1 && fits[lo - 2].Mu <= c) lo--;
        double least = double.PositiveInfinity;
        for (int m = lo; m <= maxM; m++) least = Math.Min(least, fits[m - 1].Chi);
        for (int m = lo; m <= maxM; m++)
            if (fits[m - 1].Chi <= ChiSquareFactor * least) return m;
        return maxM;
    }

    /// <summary>1.4826 × median |x|: the standard deviation of zero-mean Gaussian noise, insensitive to a few outliers.</summary>
    static double RobustSigma(IEnumerable<double> x)
    {
        var a = x.Select(Math.Abs).OrderBy(v => v).ToArray();
        int h = a.Length / 2;
        double median = a.Length % 2 == 1 ? a[h] : 0.5 * (a[h - 1] + a[h]);
        return 1.4826 * median;
    }

    /// <summary>
    /// Σ Δᵢ Δᵢ₊₁ / Σ Δᵢ² over neighbouring frequencies, real and imaginary parts pooled (not centred, so an
    /// offset counts as correlation): about 0 ± 1/√(2N) for white noise, near 1 for a trend.
    /// </summary>
    static double LagOneCorrelation(double[] f, double[] rr, double[] ri)
    {
        var idx = Enumerable.Range(0, f.Length).OrderBy(i => f[i]).ToArray();
        double num = 0, den = 0;
        for (int j = 0; j < idx.Length; j++)
        {
            int i = idx[j];
            den += rr[i] * rr[i] + ri[i] * ri[i];
            if (j > 0) num += rr[i] * rr[idx[j - 1]] + ri[i] * ri[idx[j - 1]];
        }
        return den > 0 ? num / den : 0;
    }

    readonly record struct Fit(double[] Tau, double[] R, double R0, double L, double? InvC, double Mu, double Chi)
    {
        public Complex Evaluate(double fHz)
        {
            double w = 2 * Math.PI * fHz;
            var z = new Complex(R0, w * L);
            for (int k = 0; k < Tau.Length; k++) z += R[k] / new Complex(1, w * Tau[k]);
            if (InvC is double ic) z += new Complex(0, -ic / w);
            return z;
        }
    }

    static Fit Solve(ImpedanceSpectrum s, int m, bool addCap)
    {
        var f = s.FrequenciesHz;
        double tMin = 1 / (2 * Math.PI * f.Max()), tMax = 1 / (2 * Math.PI * f.Min());
        double[] tau = m == 1
            ? [Math.Sqrt(tMin * tMax)]
            : Enumerable.Range(0, m).Select(k => Math.Exp(Math.Log(tMin) + k * (Math.Log(tMax) - Math.Log(tMin)) / (m - 1))).ToArray();
        int n = s.Count, cols = m + 2 + (addCap ? 1 : 0);
        var a = Matrix<double>.Build.Dense(2 * n, cols);
        var b = Vector.Build.Dense(2 * n);
        for (int i = 0; i < n; i++)
        {
            double w = 2 * Math.PI * f[i], mag = s.Impedance[i].Magnitude;
            a[2 * i, 0] = 1 / mag;
            for (int k = 0; k < m; k++)
            {
                double wt = w * tau[k], d = 1 + wt * wt;
                a[2 * i, 1 + k] = 1 / d / mag;
                a[2 * i + 1, 1 + k] = -wt / d / mag;
            }
            a[2 * i + 1, m + 1] = w / mag;
            if (addCap) a[2 * i + 1, m + 2] = -1 / w / mag;
            b[2 * i] = s.Impedance[i].Real / mag;
            b[2 * i + 1] = s.Impedance[i].Imaginary / mag;
        }
        // MathNet's QR parallelises its column updates and spins inside batches (ThinQr); this one runs on the calling thread
        var x = Vector.Build.DenseOfArray(ThinQr.Solve(a.ToRowMajorArray(), b.ToArray(), 2 * n, cols));
        var r = Enumerable.Range(1, m).Select(k => x[k]).ToArray();
        double pos = r.Where(v => v >= 0).Sum(), neg = -r.Where(v => v < 0).Sum();
        // Schönleber's μ, kept in [0, 1]: all-negative resistances are the extreme of over-fitting, not an under-fit.
        double mu = pos > 0 ? Math.Max(0, 1 - neg / pos) : neg > 0 ? 0 : 1;
        // pseudo-χ² = Σ (Δ'² + Δ''²) with Δ = (Z − Ẑ)/|Z|, i.e. the weighted residual of this least-squares problem (Boukamp 1995)
        double chi = (a * x - b).Sum(v => v * v);
        return new Fit(tau, r, x[0], x[m + 1], addCap ? x[m + 2] : null, mu, chi);
    }
}
