namespace Interphase.Impedance;

/// <summary>
/// The Gaussian radial basis of the DRT, γ(y) = Scale · Σ x_m exp(−(ε(y − y_m))²) with y = ln τ: evaluates the
/// distribution of a solution x anywhere in ln τ.
/// </summary>
internal sealed class DrtBasis(double[] grid, double eps, DrtProblem problem)
{
    /// <summary>Points per grid spacing of the fine grid on which peaks and areas are read.</summary>
    const int Subdivisions = 8;

    /// <summary>γ(y) in Ω for each y.</summary>
    public double[] Gamma(double[] x, double[] y)
    {
        var g = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            double s = 0;
            for (int j = 0; j < grid.Length; j++) s += x[problem.Offset + j] * Math.Exp(-Sq(eps * (y[i] - grid[j])));
            g[i] = s * problem.Scale;
        }
        return g;
    }

    /// <summary>ln τ from the first to the last centre, <see cref="Subdivisions"/> points per spacing.</summary>
    public double[] FineGrid()
    {
        int n = (grid.Length - 1) * Subdivisions + 1;
        return Enumerable.Range(0, n).Select(i => grid[0] + (grid[^1] - grid[0]) * i / (n - 1)).ToArray();
    }

    static double Sq(double v) => v * v;
}
