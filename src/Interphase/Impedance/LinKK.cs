using System.Numerics;
using Interphase.Data.Eis;
using MathNet.Numerics.LinearAlgebra;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Interphase.Impedance;

/// <summary>Options of the Lin-KK test.</summary>
public sealed record LinKkOptions
{
    /// <summary>Stop adding RC elements once μ falls below this (Schönleber et al. 2014 use 0.85).</summary>
    public double MuCutoff { get; init; } = 0.85;
    /// <summary>Upper limit of the number of RC elements.</summary>
    public int MaxElements { get; init; } = 50;
    /// <summary>
    /// Include a series capacitance (on by default): a KK-compliant element without which spectra that
    /// do not close at low frequency (diffusion tails, blocking electrodes) fail for the wrong reason.
    /// </summary>
    public bool AddCapacitance { get; init; } = true;
    /// <summary>The test passes when every relative residual |ΔZ'|/|Z|, |ΔZ''|/|Z| is at most this.</summary>
    public double ResidualLimit { get; init; } = 0.01;
}

/// <summary>
/// Result of the Lin-KK test: number of RC elements M, μ, the fitted KK-compliant model and the
/// relative residuals per frequency, Δ' = (Z' − Ẑ')/|Z| and Δ'' = (Z'' − Ẑ'')/|Z|.
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
    bool Passed)
{
    /// <summary>One sentence for the command line.</summary>
    public string Verdict => Passed
        ? $"passes: all residuals within ±{ResidualLimit:P1} (max {MaxResidual:P2}, M = {ElementCount}, μ = {Mu:F3})"
        : $"fails: largest residual {MaxResidual:P2} exceeds ±{ResidualLimit:P1} (M = {ElementCount}, μ = {Mu:F3}); the spectrum is not consistent with a linear, causal, stable system (drift, non-linearity or noise)";
}

/// <summary>
/// The linear Kramers–Kronig test of Schönleber, Klotz, Ivers-Tiffée (Electrochim. Acta 131 (2014) 20):
/// the data are fitted by Ẑ = R0 + jωL [+ 1/(jωC)] + Σ R_k / (1 + jωτ_k) with fixed τ_k log-spaced from 1/ω_max to
/// 1/ω_min, by linear least squares on Re and Im weighted by 1/|Z|; M grows until
/// μ = 1 − Σ_{R_k&lt;0} |R_k| / Σ_{R_k≥0} |R_k| falls below the cut-off. Data that a KK-compliant model
/// cannot follow are not valid impedance data.
/// </summary>
public static class LinKK
{
    public static LinKkResult Test(ImpedanceSpectrum spectrum, LinKkOptions? options = null)
    {
        var o = options ?? new LinKkOptions();
        if (!(o.MuCutoff > 0 && o.MuCutoff <= 1)) throw new InputException($"Lin-KK μ cut-off must be in (0, 1], got {o.MuCutoff}");
        if (o.MaxElements < 1) throw new InputException($"Lin-KK needs at least one RC element, got {o.MaxElements}");
        int n = spectrum.Count;
        int extra = o.AddCapacitance ? 3 : 2;
        int maxM = Math.Min(o.MaxElements, 2 * n - extra - 1);
        if (maxM < 1) throw new InputException($"{spectrum.Source ?? "spectrum"}: Lin-KK needs more points (has {n})");

        Fit best = default;
        for (int m = 1; m <= maxM; m++)
        {
            best = Solve(spectrum, m, o.AddCapacitance);
            if (best.Mu <= o.MuCutoff) break;
        }

        var model = new Complex[n];
        var rr = new double[n];
        var ri = new double[n];
        double chi = 0, maxAbs = 0;
        for (int i = 0; i < n; i++)
        {
            double w = 2 * Math.PI * spectrum.FrequenciesHz[i];
            var z = new Complex(best.R0, w * best.L);
            for (int k = 0; k < best.Tau.Length; k++) z += best.R[k] / new Complex(1, w * best.Tau[k]);
            if (best.InvC is double ic) z += new Complex(0, -ic / w);
            model[i] = z;
            var d = (spectrum.Impedance[i] - z) / spectrum.Impedance[i].Magnitude;
            rr[i] = d.Real; ri[i] = d.Imaginary;
            chi += d.Real * d.Real + d.Imaginary * d.Imaginary;
            maxAbs = Math.Max(maxAbs, Math.Max(Math.Abs(d.Real), Math.Abs(d.Imaginary)));
        }
        double? cap = best.InvC is double inv && inv != 0 ? 1 / inv : null;
        return new LinKkResult(best.Tau.Length, best.Mu, best.Tau, best.R, best.R0, best.L, cap, model, rr, ri, chi, maxAbs, o.ResidualLimit, maxAbs <= o.ResidualLimit);
    }

    readonly record struct Fit(double[] Tau, double[] R, double R0, double L, double? InvC, double Mu);

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
        var x = a.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Solve(b);
        var r = Enumerable.Range(1, m).Select(k => x[k]).ToArray();
        double pos = r.Where(v => v >= 0).Sum(), neg = -r.Where(v => v < 0).Sum();
        double mu = pos > 0 ? 1 - neg / pos : 1;
        return new Fit(tau, r, x[0], x[m + 1], addCap ? x[m + 2] : null, mu);
    }
}
