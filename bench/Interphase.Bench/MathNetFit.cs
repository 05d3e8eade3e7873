using Complex = System.Numerics.Complex;
using Interphase.Data.Eis;
using Interphase.Impedance;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Interphase.Bench;

/// <summary>
/// The EIS least-squares problem solved by MathNet.Numerics' <c>LevenbergMarquardtMinimizer</c>
/// (bounded by its own parameter transform) with the same analytic Jacobian and modulus weights,
/// to compare with Interphase's own Levenberg–Marquardt.
/// </summary>
internal static class MathNetFit
{
    public sealed record Result(double[] Parameters, double ChiSquare, int Iterations, ExitCondition Exit);

    /// <summary>
    /// <paramref name="bounds"/>: "none", "lower" (every parameter ≥ 0, MathNet's one-sided transform;
    /// exponents then unbounded above) or "both" (≥ 0 and exponents ≤ 1; MathNet applies an upper bound
    /// to every parameter, so the others get 1e300).
    /// </summary>
    public static Result Fit(ImpedanceSpectrum s, Circuit c, double[] start, string bounds, int maxIterations = 400)
    {
        int n = s.Count, m = c.ParameterCount;
        var f = s.FrequenciesHz;
        var x = Vector<double>.Build.Dense(2 * n, i => i);
        var y = Vector<double>.Build.Dense(2 * n, i => i < n ? s.Impedance[i].Real : s.Impedance[i - n].Imaginary);
        var w = Vector<double>.Build.Dense(2 * n, i => 1 / Math.Pow(s.Impedance[i % n].Magnitude, 2));
        var z = new Complex[n];
        var jac = new Complex[n * m];
        Vector<double> Model(Vector<double> p, Vector<double> _)
        {
            c.Evaluate(f, p.AsArray() ?? p.ToArray(), z, Span<Complex>.Empty);
            return Vector<double>.Build.Dense(2 * n, i => i < n ? z[i].Real : z[i - n].Imaginary);
        }
        Matrix<double> Jacobian(Vector<double> p, Vector<double> _)
        {
            c.Evaluate(f, p.AsArray() ?? p.ToArray(), z, jac);
            return Matrix<double>.Build.Dense(2 * n, m, (i, k) => i < n ? jac[i * m + k].Real : jac[(i - n) * m + k].Imaginary);
        }
        var objective = ObjectiveFunction.NonlinearModel(Model, Jacobian, x, y, w);
        Vector<double>? lower = bounds == "none" ? null : Vector<double>.Build.Dense(m, 0.0);
        Vector<double>? upper = bounds == "both" ? Vector<double>.Build.Dense(m, k => c.Parameters[k].Kind == ParameterKind.Exponent ? 1 : 1e300) : null;
        var result = new LevenbergMarquardtMinimizer(maximumIterations: maxIterations)
            .FindMinimum(objective, Vector<double>.Build.DenseOfArray(start), lower, upper);
        var p = result.MinimizingPoint.ToArray();
        c.Evaluate(f, p, z, Span<Complex>.Empty);
        double chi2 = 0;
        for (int i = 0; i < n; i++)
        {
            var d = (z[i] - s.Impedance[i]) / s.Impedance[i].Magnitude;
            chi2 += d.Real * d.Real + d.Imaginary * d.Imaginary;
        }
        return new Result(p, chi2, result.Iterations, result.ReasonForExit);
    }
}
