using MathNet.Numerics;

namespace Interphase.Impedance;

/// <summary>
/// The Gaussian radial basis of the DRT, γ(y) = Scale · Σ x_m exp(−(ε(y − y_m))²) with y = ln τ: evaluates the
/// distribution of a solution x anywhere in ln τ.
/// </summary>
internal sealed class DrtBasis(double[] grid, double eps, DrtProblem problem)
{
    /// <summary>Points per grid spacing of the fine grid on which peaks and areas are read.</summary>
    const int Subdivisions = 8;

    /// <summary>
    /// The basis functions' values at the points of each array of ln τ already evaluated on (by reference): the bootstrap
    /// evaluates a hundred solutions on the same two arrays, and the exponentials were most of its time.
    /// </summary>
    readonly Dictionary<double[], double[]> _values = new(ReferenceEqualityComparer.Instance);

    /// <summary>γ(y) in Ω for each y.</summary>
    public double[] Gamma(double[] x, double[] y)
    {
        int m = grid.Length;
        if (!_values.TryGetValue(y, out var e))
        {
            e = new double[y.Length * m];
            for (int i = 0; i < y.Length; i++)
                for (int j = 0; j < m; j++) e[i * m + j] = Math.Exp(-Sq(eps * (y[i] - grid[j])));
            _values[y] = e;
        }
        var g = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            // the same sum in the same order as term by term; a zero coefficient adds exactly nothing and is skipped
            double s = 0;
            for (int j = 0; j < m; j++)
            {
                double c = x[problem.Offset + j];
                if (c != 0) s += c * e[i * m + j];
            }
            g[i] = s * problem.Scale;
        }
        return g;
    }

    /// <summary>γ at one ln τ, in Ω: the continuous distribution of the representation, not a value read on a grid.</summary>
    public double At(double[] x, double y) => Sum(x, ym => Math.Exp(-Sq(eps * (y - ym))));

    /// <summary>dγ/d ln τ at one ln τ (Ω), analytic: d/dy exp(−ε²(y − y_m)²) = −2ε²(y − y_m) exp(−ε²(y − y_m)²).</summary>
    public double Slope(double[] x, double y) => Sum(x, ym => -2 * eps * eps * (y - ym) * Math.Exp(-Sq(eps * (y - ym))));

    /// <summary>
    /// ∫ γ d ln τ from <paramref name="a"/> to <paramref name="b"/> (Ω), analytic for the Gaussian basis:
    /// ∫ₐᵇ exp(−ε²(y − y_m)²) dy = √π/(2ε) [erf(ε(b − y_m)) − erf(ε(a − y_m))].
    /// </summary>
    public double Area(double[] x, double a, double b)
    {
        double c = Math.Sqrt(Math.PI) / (2 * eps);
        return Sum(x, ym => c * (SpecialFunctions.Erf(eps * (b - ym)) - SpecialFunctions.Erf(eps * (a - ym))));
    }

    /// <summary>Scale · Σ x_m term(y_m) over the basis functions with a non-zero coefficient (y_m their centres).</summary>
    double Sum(double[] x, Func<double, double> term)
    {
        double s = 0;
        for (int j = 0; j < grid.Length; j++)
        {
            double c = x[problem.Offset + j];
            if (c != 0) s += c * term(grid[j]);
        }
        return s * problem.Scale;
    }

    /// <summary>ln τ from the first to the last centre, <see cref="Subdivisions"/> points per spacing.</summary>
    public double[] FineGrid()
    {
        int n = (grid.Length - 1) * Subdivisions + 1;
        return Enumerable.Range(0, n).Select(i => grid[0] + (grid[^1] - grid[0]) * i / (n - 1)).ToArray();
    }

    static double Sq(double v) => v * v;
}
