using System.Numerics;
using Interphase.Data.Eis;
using MathNet.Numerics.LinearAlgebra;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Interphase.Impedance;

/// <summary>How the regularisation parameter λ of the DRT is chosen.</summary>
public enum DrtLambdaSelection
{
    /// <summary>Generalised cross-validation (Golub, Heath, Wahba 1979) over a λ grid.</summary>
    Gcv,
    /// <summary>Corner (maximum curvature) of the L-curve (Hansen 1992) over a λ grid.</summary>
    LCurve,
    /// <summary>The λ given in <see cref="DrtOptions.Lambda"/>.</summary>
    Fixed,
}

/// <summary>Options of <see cref="Drt.Compute"/>.</summary>
public sealed record DrtOptions
{
    public DrtLambdaSelection Selection { get; init; } = DrtLambdaSelection.LCurve;
    /// <summary>λ when <see cref="Selection"/> is Fixed (dimensionless: the data are scaled by the median |Z|).</summary>
    public double Lambda { get; init; } = 1e-3;
    /// <summary>Radial basis functions per decade of τ.</summary>
    public int PointsPerDecade { get; init; } = 10;
    /// <summary>FWHM coefficient of the Gaussian RBF (Wan et al. 2015): FWHM = grid spacing / coefficient.</summary>
    public double ShapeCoefficient { get; init; } = 0.5;
    /// <summary>Order of the derivative penalised by the Tikhonov term (1 or 2).</summary>
    public int DerivativeOrder { get; init; } = 2;
    /// <summary>Fit a series inductance (≥ 0) along with R∞ (recommended when the data have inductive points).</summary>
    public bool IncludeInductance { get; init; } = true;
    /// <summary>Peaks lower than this fraction of the highest interior peak are not listed.</summary>
    public double PeakThreshold { get; init; } = 0.05;
}

/// <summary>A peak of the DRT: time constant at its maximum, the resistance under it, and whether it touches the τ range's edge.</summary>
public sealed record DrtPeak(double TimeConstant, double FrequencyHz, double Resistance, double Height, bool AtEdge);

/// <summary>The distribution γ(ln τ) (Ω per unit of ln τ) on <see cref="Tau"/>, R∞, L, λ, peaks and residuals.</summary>
public sealed record DrtResult(
    double[] Tau,
    double[] Gamma,
    double RInfinity,
    double Inductance,
    double Lambda,
    DrtLambdaSelection SelectedBy,
    IReadOnlyList<DrtPeak> Peaks,
    Complex[] Model,
    double[] ResidualReal,
    double[] ResidualImag,
    double[] LambdaGrid,
    double[] LambdaScore)
{
    /// <summary>Polarisation resistance: the area under γ.</summary>
    public double PolarizationResistance { get; init; }
}

/// <summary>
/// Distribution of relaxation times by Tikhonov regularisation with Gaussian radial basis functions
/// and a non-negativity constraint (Wan, Saccoccio, Chen, Ciucci, Electrochim. Acta 184 (2015) 483):
/// Z(ω) = R∞ + jωL + ∫ γ(ln τ) / (1 + jωτ) d ln τ, γ(y) = Σ x_m exp(−(ε(y − y_m))²), minimising
/// Σ |Z_n − Ẑ_n|² / |Z_n|² + λ ∫ (γ^(k))² dy over x ≥ 0, R∞ ≥ 0, L ≥ 0. See docs/impedance.md.
/// </summary>
public static class Drt
{
    const double FwhmGaussian = 1.6651092223153954; // 2 √ln 2: FWHM of exp(−y²)

    public static DrtResult Compute(ImpedanceSpectrum spectrum, DrtOptions? options = null)
    {
        var o = options ?? new DrtOptions();
        if (o.DerivativeOrder is not (1 or 2)) throw new InputException($"DRT derivative order must be 1 or 2, got {o.DerivativeOrder}");
        if (o.PointsPerDecade < 2) throw new InputException($"DRT needs at least 2 points per decade, got {o.PointsPerDecade}");
        if (!(o.ShapeCoefficient > 0)) throw new InputException($"DRT shape coefficient must be positive, got {o.ShapeCoefficient}");
        if (spectrum.Count < 5) throw new InputException($"{spectrum.Source ?? "spectrum"}: DRT needs at least 5 points, got {spectrum.Count}");
        var f = spectrum.FrequenciesHz;
        var grid = Grid(f, o.PointsPerDecade);
        double dy = grid.Length > 1 ? grid[1] - grid[0] : 1;
        double eps = o.ShapeCoefficient * FwhmGaussian / dy;
        var problem = DrtProblem.Build(spectrum, grid, (w, y) => RbfColumns(w, y, eps), o.IncludeInductance);
        var penalty = GaussianPenalty(grid, eps, o.DerivativeOrder);

        double[] lambdas, scores;
        double lambda;
        switch (o.Selection)
        {
            case DrtLambdaSelection.Fixed:
                if (!(o.Lambda > 0)) throw new InputException($"DRT λ must be positive, got {o.Lambda}");
                lambda = o.Lambda; lambdas = [lambda]; scores = [double.NaN];
                break;
            case DrtLambdaSelection.Gcv:
                lambdas = LambdaGrid();
                scores = lambdas.Select(l => problem.Gcv(penalty, l)).ToArray();
                lambda = lambdas[ArgMin(scores)];
                break;
            default:
                lambdas = LambdaGrid();
                scores = problem.LCurveCurvature(penalty, lambdas);
                lambda = lambdas[ArgMax(scores)];
                break;
        }
        var x = problem.SolveNonNegative(penalty, lambda);
        // γ on the basis centres, in Ω.
        int m = grid.Length;
        var gamma = new double[m];
        for (int i = 0; i < m; i++)
        {
            double g = 0;
            for (int j = 0; j < m; j++) g += x[problem.Offset + j] * Math.Exp(-Sq(eps * (grid[i] - grid[j])));
            gamma[i] = g * problem.Scale;
        }
        var fine = FineGamma(x, problem, grid, eps, out var yFine);
        var peaks = Peaks(yFine, fine, o.PeakThreshold);
        var model = problem.Model(x);
        var rr = new double[spectrum.Count];
        var ri = new double[spectrum.Count];
        for (int n = 0; n < spectrum.Count; n++)
        {
            var d = (spectrum.Impedance[n] - model[n]) / spectrum.Impedance[n].Magnitude;
            rr[n] = d.Real; ri[n] = d.Imaginary;
        }
        double area = 0;
        for (int i = 1; i < yFine.Length; i++) area += 0.5 * (fine[i] + fine[i - 1]) * (yFine[i] - yFine[i - 1]);
        return new DrtResult(grid.Select(Math.Exp).ToArray(), gamma, x[0] * problem.Scale, problem.HasInductance ? x[1] * problem.Scale : 0,
            lambda, o.Selection, peaks, model, rr, ri, lambdas, scores) { PolarizationResistance = area };
    }

    static double Sq(double v) => v * v;

    /// <summary>ln τ grid: one decade beyond 1/ω_max and 1/ω_min on each side.</summary>
    internal static double[] Grid(double[] f, int perDecade)
    {
        double yMin = Math.Log(1 / (2 * Math.PI * f.Max())) - Math.Log(10);
        double yMax = Math.Log(1 / (2 * Math.PI * f.Min())) + Math.Log(10);
        int m = Math.Max(4, (int)Math.Ceiling((yMax - yMin) / Math.Log(10) * perDecade) + 1);
        return Enumerable.Range(0, m).Select(i => yMin + (yMax - yMin) * i / (m - 1)).ToArray();
    }

    static double[] LambdaGrid() => Enumerable.Range(0, 26).Select(i => Math.Pow(10, -5 + 0.2 * i)).ToArray();

    /// <summary>∫ φ(y − y_m) / (1 + jω e^y) dy for a Gaussian RBF, by the trapezoidal rule (spectrally accurate here).</summary>
    static (double re, double im) RbfColumns(double omega, double ym, double eps)
    {
        const int K = 81;
        double half = 5.5 / eps, h = 2 * half / (K - 1);
        double sre = 0, sim = 0, s0 = Math.Log(omega) + ym;
        for (int k = 0; k < K; k++)
        {
            double u = -half + k * h;
            double phi = Math.Exp(-Sq(eps * u));
            double s = s0 + u;
            // 1/(1 + e^{2s}) and −1/(2 cosh s), written to avoid overflow
            double re = s > 0 ? Math.Exp(-2 * s) / (1 + Math.Exp(-2 * s)) : 1 / (1 + Math.Exp(2 * s));
            double im = -1 / (2 * Math.Cosh(Math.Min(Math.Abs(s), 700)));
            double wgt = k == 0 || k == K - 1 ? 0.5 : 1;
            sre += wgt * phi * re;
            sim += wgt * phi * im;
        }
        return (sre * h, sim * h);
    }

    /// <summary>Gram matrix ∫ φ_i^(k) φ_j^(k) dy of the Gaussian RBFs (analytic).</summary>
    static double[] GaussianPenalty(double[] grid, double eps, int order)
    {
        int m = grid.Length;
        var p = new double[m * m];
        double c = Math.Sqrt(Math.PI / 2) / eps, e2 = eps * eps;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                double d2 = Sq(grid[i] - grid[j]) * e2;
                double g = Math.Exp(-d2 / 2);
                p[i * m + j] = order == 1 ? c * e2 * (1 - d2) * g : c * e2 * e2 * (3 - 6 * d2 + d2 * d2) * g;
            }
        return p;
    }

    static double[] FineGamma(double[] x, DrtProblem problem, double[] grid, double eps, out double[] y)
    {
        int m = grid.Length, n = (m - 1) * 8 + 1;
        y = new double[n];
        var g = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = grid[0] + (grid[^1] - grid[0]) * i / (n - 1);
            double s = 0;
            for (int j = 0; j < m; j++) s += x[problem.Offset + j] * Math.Exp(-Sq(eps * (y[i] - grid[j])));
            g[i] = s * problem.Scale;
        }
        return g;
    }

    /// <summary>Local maxima above a threshold; each peak's resistance is the area between the neighbouring minima.</summary>
    internal static List<DrtPeak> Peaks(double[] y, double[] g, double threshold)
    {
        var peaks = new List<DrtPeak>();
        int n = g.Length;
        if (!(g.Max() > 0)) return peaks;
        var candidates = new List<int>();
        for (int i = 0; i < n; i++)
        {
            bool left = i == 0 || g[i] > g[i - 1];
            bool right = i == n - 1 || g[i] >= g[i + 1];
            if (left && right && g[i] > 0) candidates.Add(i);
        }
        // The threshold is relative to the highest interior peak: a diffusion tail piling up at the
        // edge of the τ range must not hide the arcs.
        var interior = candidates.Where(i => i > 1 && i < n - 2).ToList();
        double top = interior.Count > 0 ? interior.Max(i => g[i]) : g.Max();
        var maxima = candidates.Where(i => g[i] >= threshold * top).ToList();
        for (int k = 0; k < maxima.Count; k++)
        {
            int c = maxima[k];
            int lo = k == 0 ? 0 : ArgMinRange(g, maxima[k - 1], c);
            int hi = k == maxima.Count - 1 ? n - 1 : ArgMinRange(g, c, maxima[k + 1]);
            double area = 0;
            for (int i = lo + 1; i <= hi; i++) area += 0.5 * (g[i] + g[i - 1]) * (y[i] - y[i - 1]);
            double tau = Math.Exp(y[c]);
            bool edge = c <= 1 || c >= n - 2;
            peaks.Add(new DrtPeak(tau, 1 / (2 * Math.PI * tau), area, g[c], edge));
        }
        return peaks;
    }

    static int ArgMinRange(double[] g, int a, int b)
    {
        int best = a;
        for (int i = a; i <= b; i++) if (g[i] < g[best]) best = i;
        return best;
    }

    static int ArgMin(double[] v)
    {
        int b = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] < v[b] || double.IsNaN(v[b])) b = i;
        return b;
    }

    static int ArgMax(double[] v)
    {
        int b = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[b] || double.IsNaN(v[b])) b = i;
        return b;
    }
}

/// <summary>
/// The linear problem shared by the DRT and the automatic initial guess: unknowns [R∞, (L), x_1..x_M] in
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
    public required double Scale { get; init; }
    public required double[] Weight { get; init; } // |Z_n|
    public required int Points { get; init; }

    public static DrtProblem Build(ImpedanceSpectrum s, double[] grid, Func<double, double, (double re, double im)> column, bool inductance)
    {
        int n = s.Count, m = grid.Length, off = inductance ? 2 : 1, cols = off + m, rows = 2 * n;
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
        for (int r = 0; r < rows; r++)
        {
            int ro = r * cols;
            for (int p = 0; p < cols; p++)
            {
                double ap = a[ro + p];
                if (ap == 0) continue;
                atb[p] += ap * b[r];
                for (int q = p; q < cols; q++) ata[p * cols + q] += ap * a[ro + q];
            }
        }
        for (int p = 0; p < cols; p++) for (int q = 0; q < p; q++) ata[p * cols + q] = ata[q * cols + p];
        return new DrtProblem
        {
            Ata = ata, Atb = atb, A = a, B = b, Rows = rows, Cols = cols, Offset = off, HasInductance = inductance,
            Scale = scale, Weight = mags, Points = n,
        };
    }

    double[] Regularised(double[] penalty, double lambda)
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

    public double[] SolveNonNegative(double[] penalty, double lambda) =>
        Nnls.Solve(Regularised(penalty, lambda), Atb, Cols);

    /// <summary>GCV(λ) = n ‖(I − H)b‖² / (n − tr H)², H the unconstrained hat matrix.</summary>
    public double Gcv(double[] penalty, double lambda)
    {
        var reg = Regularised(penalty, lambda);
        var h = Matrix<double>.Build.Dense(Cols, Cols, (i, j) => reg[i * Cols + j]);
        var chol = h.Cholesky();
        var x = chol.Solve(Vector.Build.DenseOfArray(Atb));
        var ata = Matrix<double>.Build.Dense(Cols, Cols, (i, j) => Ata[i * Cols + j]);
        double trace = chol.Solve(ata).Diagonal().Sum();
        double res = 0;
        for (int r = 0; r < Rows; r++)
        {
            double s = -B[r];
            for (int p = 0; p < Cols; p++) s += A[r * Cols + p] * x[p];
            res += s * s;
        }
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
            double res = 0;
            for (int r = 0; r < Rows; r++)
            {
                double s = -B[r];
                for (int p = 0; p < Cols; p++) s += A[r * Cols + p] * x[p];
                res += s * s;
            }
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
