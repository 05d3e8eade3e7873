using System.Numerics;
using Interphase.Data.Eis;
using MathNet.Numerics.LinearAlgebra;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Interphase.Impedance;

/// <summary>
/// The linear problem shared by the DRT and the automatic initial guess: unknowns [R∞, (L), (1/C), x_1..x_M] in
/// units of <see cref="Scale"/> (median |Z|), rows Re and Im of each point weighted by 1/|Z|.
/// </summary>
internal sealed class DrtProblem
{
    public required double[] Ata { get; init; }
    public required double[] Atb { get; init; }
    public required double[] A { get; init; }   // rows 2N × cols, row-major
    public required double[] B { get; init; }
    public required int Rows { get; init; }
    public required int Cols { get; init; }
    public required int Offset { get; init; }
    public required bool HasInductance { get; init; }
    public required bool HasCapacitance { get; init; }
    /// <summary>The column of 1/C (in units of <see cref="Scale"/> per second) when <see cref="HasCapacitance"/>.</summary>
    public int CapacitanceColumn => HasInductance ? 2 : 1;
    public required double Scale { get; init; }
    public required double[] Weight { get; init; } // |Z_n|
    public required int Points { get; init; }
    /// <summary>Solve with <see cref="Nnls.SolveRobust"/> (the DRT) rather than <see cref="Nnls.Solve"/> (the initial guess).</summary>
    public bool Robust { get; init; }

    public static DrtProblem Build(ImpedanceSpectrum s, double[] grid, Func<double, double, (double re, double im)> column, bool inductance,
        bool capacitance = false, bool robust = false)
    {
        int n = s.Count, m = grid.Length, off = 1 + (inductance ? 1 : 0) + (capacitance ? 1 : 0), cols = off + m, rows = 2 * n;
        var mags = s.Impedance.Select(z => z.Magnitude).ToArray();
        var sorted = mags.OrderBy(v => v).ToArray();
        double scale = Math.Max(sorted[n / 2], double.Epsilon);
        var a = new double[rows * cols];
        var b = new double[rows];
        for (int i = 0; i < n; i++)
        {
            double w = 2 * Math.PI * s.FrequenciesHz[i];
            double wt = scale / Math.Max(mags[i], double.Epsilon);
            int re = 2 * i, im = 2 * i + 1;
            a[re * cols] = wt;
            if (inductance) a[im * cols + 1] = w * wt;
            if (capacitance) a[im * cols + off - 1] = -wt / w;
            for (int j = 0; j < m; j++)
            {
                var (cr, ci) = column(w, grid[j]);
                a[re * cols + off + j] = cr * wt;
                a[im * cols + off + j] = ci * wt;
            }
            b[re] = s.Impedance[i].Real / mags[i];
            b[im] = s.Impedance[i].Imaginary / mags[i];
        }
        var ata = new double[cols * cols];
        var atb = new double[cols];
        // each entry of AᵀA summed over the rows in order, several entries at a time (a product and a sum per entry, as
        // one at a time: the same numbers)
        int width = System.Numerics.Vector<double>.Count;
        for (int r = 0; r < rows; r++)
        {
            int ro = r * cols;
            var row = a.AsSpan(ro, cols);
            for (int p = 0; p < cols; p++)
            {
                double ap = a[ro + p];
                if (ap == 0) continue;
                atb[p] += ap * b[r];
                var out_ = ata.AsSpan(p * cols, cols);
                var vp = new System.Numerics.Vector<double>(ap);
                int q = p;
                for (; q + width <= cols; q += width)
                    (new System.Numerics.Vector<double>(out_[q..]) + vp * new System.Numerics.Vector<double>(row[q..])).CopyTo(out_[q..]);
                for (; q < cols; q++) out_[q] += ap * row[q];
            }
        }
        for (int p = 0; p < cols; p++) for (int q = 0; q < p; q++) ata[p * cols + q] = ata[q * cols + p];
        return new DrtProblem
        {
            Ata = ata, Atb = atb, A = a, B = b, Rows = rows, Cols = cols, Offset = off, HasInductance = inductance, HasCapacitance = capacitance, Robust = robust,
            Scale = scale, Weight = mags, Points = n,
        };
    }

    internal double[] Regularised(double[] penalty, double lambda)
    {
        var h = (double[])Ata.Clone();
        int m = Cols - Offset;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
                h[(Offset + i) * Cols + Offset + j] += lambda * penalty[i * m + j];
        // A tiny ridge keeps R∞ and L well posed when the data do not determine them.
        for (int i = 0; i < Cols; i++) h[i * Cols + i] += 1e-12 * (Ata[i * Cols + i] + 1e-300);
        return h;
    }

    /// <summary>x ≥ 0 at <paramref name="lambda"/>; <paramref name="near"/>, a solution at a nearby λ, starts the active set (same solution, fewer steps).</summary>
    public double[] SolveNonNegative(double[] penalty, double lambda, double[]? near = null) =>
        Nnls.Solve(Regularised(penalty, lambda), Atb, Cols, robust: Robust, start: near);

    /// <summary>
    /// The unknowns for other right-hand sides b (same rows, same weights): x ≥ 0 minimising ‖A x − b‖² + λ xᵀPx;
    /// <paramref name="near"/> as above (the bootstrap starts every replicate from the fit's solution).
    /// </summary>
    public double[] SolveNonNegative(double[] regularised, IReadOnlyList<double> b, double[]? near = null)
    {
        var atb = new double[Cols];
        for (int r = 0; r < Rows; r++)
            for (int p = 0; p < Cols; p++) atb[p] += A[r * Cols + p] * b[r];
        return Nnls.Solve(regularised, atb, Cols, robust: Robust, start: near);
    }

    /// <summary>A x: the weighted model (Ẑ/|Z| by rows Re, Im) for the unknowns x.</summary>
    public double[] Predict(double[] x)
    {
        var y = new double[Rows];
        for (int r = 0; r < Rows; r++)
            for (int p = 0; p < Cols; p++) y[r] += A[r * Cols + p] * x[p];
        return y;
    }

    /// <summary>‖A x − b‖²: the sum of the squared relative residuals (Z − Ẑ)/|Z|, real and imaginary parts.</summary>
    public double Misfit(double[] x)
    {
        var y = Predict(x);
        double res = 0;
        for (int r = 0; r < Rows; r++) res += (y[r] - B[r]) * (y[r] - B[r]);
        return res;
    }

    /// <summary>GCV(λ) = n ‖(I − H)b‖² / (n − tr H)², H the unconstrained hat matrix.</summary>
    public double Gcv(double[] penalty, double lambda)
    {
        var reg = Regularised(penalty, lambda);
        var h = Matrix<double>.Build.Dense(Cols, Cols, (i, j) => reg[i * Cols + j]);
        var chol = h.Cholesky();
        var x = chol.Solve(Vector.Build.DenseOfArray(Atb));
        var ata = Matrix<double>.Build.Dense(Cols, Cols, (i, j) => Ata[i * Cols + j]);
        double trace = chol.Solve(ata).Diagonal().Sum();
        double res = Misfit(x.ToArray());
        double denom = Rows - trace;
        return Rows * res / (denom * denom);
    }

    /// <summary>Curvature of the L-curve (log residual norm, log penalty) at each λ, from NNLS solutions.</summary>
    public double[] LCurveCurvature(double[] penalty, double[] lambdas)
    {
        int k = lambdas.Length, m = Cols - Offset;
        var lr = new double[k];
        var le = new double[k];
        for (int t = 0; t < k; t++)
        {
            var x = SolveNonNegative(penalty, lambdas[t]);
            double res = Misfit(x);
            double sn = 0;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++) sn += x[Offset + i] * penalty[i * m + j] * x[Offset + j];
            lr[t] = 0.5 * Math.Log(Math.Max(res, 1e-300));
            le[t] = 0.5 * Math.Log(Math.Max(sn, 1e-300));
        }
        var kappa = new double[k];
        kappa[0] = kappa[k - 1] = double.NegativeInfinity;
        for (int t = 1; t < k - 1; t++)
        {
            double h = Math.Log(lambdas[t + 1]) - Math.Log(lambdas[t]);
            double x1 = (lr[t + 1] - lr[t - 1]) / (2 * h), y1 = (le[t + 1] - le[t - 1]) / (2 * h);
            double x2 = (lr[t + 1] - 2 * lr[t] + lr[t - 1]) / (h * h), y2 = (le[t + 1] - 2 * le[t] + le[t - 1]) / (h * h);
            double den = Math.Pow(x1 * x1 + y1 * y1, 1.5);
            kappa[t] = den > 0 ? (x1 * y2 - x2 * y1) / den : double.NegativeInfinity;
        }
        return kappa;
    }

    /// <summary>The model impedance Ẑ_n for the unknowns x (in units of <see cref="Scale"/>).</summary>
    public Complex[] Model(double[] x)
    {
        var z = new Complex[Points];
        for (int i = 0; i < Points; i++)
        {
            double re = 0, im = 0;
            for (int p = 0; p < Cols; p++)
            {
                re += A[2 * i * Cols + p] * x[p];
                im += A[(2 * i + 1) * Cols + p] * x[p];
            }
            double back = Weight[i];
            z[i] = new Complex(re * back, im * back);
        }
        return z;
    }
}
