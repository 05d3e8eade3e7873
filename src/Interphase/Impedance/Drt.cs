using System.Numerics;
using Interphase.Data.Eis;
using MathNet.Numerics.LinearAlgebra;
using Vector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace Interphase.Impedance;

/// <summary>How the regularisation parameter λ of the DRT is chosen.</summary>
public enum DrtLambdaSelection
{
    /// <summary>The largest λ whose residuals stay within the noise (Morozov's discrepancy principle, noise from Lin-KK).</summary>
    Discrepancy,
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
    public DrtLambdaSelection Selection { get; init; } = DrtLambdaSelection.Discrepancy;
    /// <summary>λ when <see cref="Selection"/> is Fixed (dimensionless: the data are scaled by the median |Z|).</summary>
    public double Lambda { get; init; } = 1e-3;
    /// <summary>Relative noise σ of Z′ and of Z″ (each, as a fraction of |Z|) for the discrepancy principle; null: estimated from the Lin-KK residuals.</summary>
    public double? Noise { get; init; }
    /// <summary>Radial basis functions per decade of τ.</summary>
    public int PointsPerDecade { get; init; } = 10;
    /// <summary>FWHM coefficient of the Gaussian RBF (Wan et al. 2015): FWHM = grid spacing / coefficient.</summary>
    public double ShapeCoefficient { get; init; } = 0.5;
    /// <summary>Order of the derivative penalised by the Tikhonov term (1 or 2).</summary>
    public int DerivativeOrder { get; init; } = 2;
    /// <summary>Fit a series inductance (≥ 0) along with R∞ (recommended when the data have inductive points).</summary>
    public bool IncludeInductance { get; init; } = true;
    /// <summary>
    /// Fit a series capacitance (1/C ≥ 0) along with R∞: it stands for the part of a distribution slower than the τ
    /// range (a diffusion or blocking tail), which the basis cannot hold and which would otherwise bend the rest.
    /// </summary>
    public bool IncludeCapacitance { get; init; } = true;
    /// <summary>Peaks lower than this fraction of the highest interior peak are not listed.</summary>
    public double PeakThreshold { get; init; } = 0.05;
    /// <summary>Maxima whose prominence is less than this fraction of the highest interior peak are ripples, not peaks.</summary>
    public double PeakProminence { get; init; } = 0.1;
    /// <summary>Bootstrap replicates (residuals resampled, refitted at the same λ) for the band and the peaks' intervals; 0: none.</summary>
    public int BootstrapSamples { get; init; } = 100;
    /// <summary>Seed of the bootstrap's resampling: the same spectrum gives the same intervals.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>
/// A 95 % interval (2.5 and 97.5 percentiles of the bootstrap replicates). When the replicates lie mostly on one
/// side of the estimate, the percentile interval can exclude it (decision 0075): <see cref="ExcludesEstimate"/> says
/// so and <see cref="Median"/> gives the replicates' median, whose distance from the estimate is the bootstrap's
/// estimate of the bias (Efron, Tibshirani 1993, §10.2).
/// </summary>
public sealed record DrtInterval(double Low, double High)
{
    /// <summary>Median of the bootstrap replicates; NaN when the interval was not made from replicates.</summary>
    public double Median { get; init; } = double.NaN;
    /// <summary>The estimate lies outside [Low, High]: the interval is the replicates' spread, shifted from the estimate.</summary>
    public bool ExcludesEstimate { get; init; }
}

/// <summary>
/// A peak of the DRT: time constant at its maximum, the resistance under it, and whether it touches the τ range's edge.
/// The maximum and the minima that bound it are those of the continuous γ(ln τ) the basis represents, located between
/// the grid's points (<see cref="DrtPeakLocation"/>); the resistance is the area between those minima.
/// </summary>
public sealed record DrtPeak(double TimeConstant, double FrequencyHz, double Resistance, double Height, bool AtEdge)
{
    /// <summary>τ at the minimum (or the range's end) that bounds the peak on the fast side; its resistance is the area from here…</summary>
    public double LowerTimeConstant { get; init; }
    /// <summary>…to τ at the minimum (or the range's end) on the slow side.</summary>
    public double UpperTimeConstant { get; init; }
    /// <summary>95 % interval of τ at the maximum (each replicate's located as the estimate's), null without bootstrap.</summary>
    public DrtInterval? TimeConstantInterval { get; init; }
    /// <summary>95 % interval of the resistance under the peak, null without bootstrap.</summary>
    public DrtInterval? ResistanceInterval { get; init; }
    /// <summary>95 % interval of the peak frequency 1/(2πτ), null without bootstrap.</summary>
    public DrtInterval? FrequencyInterval => TimeConstantInterval is { } t ? new(1 / (2 * Math.PI * t.High), 1 / (2 * Math.PI * t.Low)) : null;
}

/// <summary>
/// γ still rising at the long-τ end of the range: a process slower than the lowest frequency, such as diffusion
/// (a 45° branch, <see cref="LowFrequencySlope"/> ≈ 0.5) or a blocking electrode (≈ 1). <see cref="Resistance"/> is
/// the area under γ from <see cref="FromTimeConstant"/> (the last minimum) to the end of the range: what of the
/// process the measured window shows, not its full resistance.
/// </summary>
public sealed record DrtTail(double FromTimeConstant, double Resistance, double? LowFrequencySlope);

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
    /// <summary>The relative noise σ the discrepancy principle used (estimated or given), null for other selections.</summary>
    public double? Noise { get; init; }
    /// <summary>The series capacitance fitted for what is slower than the τ range, null when none was fitted or needed (1/C = 0).</summary>
    public double? Capacitance { get; init; }
    /// <summary>γ rising at the long-τ end (diffusion, blocking), null when γ falls off there.</summary>
    public DrtTail? Tail { get; init; }
    /// <summary>2.5 and 97.5 percentiles of γ on <see cref="Tau"/> over the bootstrap replicates, null without bootstrap.</summary>
    public double[]? GammaLow { get; init; }
    public double[]? GammaHigh { get; init; }
    public int BootstrapSamples { get; init; }
}

/// <summary>
/// Distribution of relaxation times by Tikhonov regularisation with Gaussian radial basis functions
/// and a non-negativity constraint (Wan, Saccoccio, Chen, Ciucci, Electrochim. Acta 184 (2015) 483):
/// Z(ω) = R∞ + jωL + ∫ γ(ln τ) / (1 + jωτ) d ln τ, γ(y) = Σ x_m exp(−(ε(y − y_m))²), minimising
/// Σ |Z_n − Ẑ_n|² / |Z_n|² + λ ∫ (γ^(k))² dy over x ≥ 0, R∞ ≥ 0, L ≥ 0. See docs/impedance.md.
/// </summary>
public static class Drt
{
    /// <summary>The spectrum's noise for the discrepancy principle from a Lin-KK test already run on it (no second test).</summary>
    /// <remarks>Null when the residuals give no positive noise (an exact synthetic spectrum): Compute then proceeds as without it.</remarks>
    public static double? NoiseFrom(LinKkResult kk, int points) =>
        DrtDiscrepancy.NoiseFromKramersKronig(kk, points) is var n && n > 0 && double.IsFinite(n) ? n : null;

    const double FwhmGaussian = 1.6651092223153954; // 2 √ln 2: FWHM of exp(−y²)

    public static DrtResult Compute(ImpedanceSpectrum spectrum, DrtOptions? options = null)
    {
        var o = options ?? new DrtOptions();
        if (o.DerivativeOrder is not (1 or 2)) throw new InputException($"DRT derivative order must be 1 or 2, got {o.DerivativeOrder}");
        if (o.PointsPerDecade < 2) throw new InputException($"DRT needs at least 2 points per decade, got {o.PointsPerDecade}");
        if (!(o.ShapeCoefficient > 0)) throw new InputException($"DRT shape coefficient must be positive, got {o.ShapeCoefficient}");
        if (o.Noise is double given && !(given > 0 && double.IsFinite(given))) throw new InputException($"DRT noise level must be positive, got {given}");
        if (o.BootstrapSamples is < 0 or (> 0 and < 20)) throw new InputException($"DRT bootstrap needs 0 or at least 20 replicates, got {o.BootstrapSamples}");
        if (spectrum.Count < 5) throw new InputException($"{spectrum.Source ?? "spectrum"}: DRT needs at least 5 points, got {spectrum.Count}");
        var f = spectrum.FrequenciesHz;
        var grid = Grid(f, o.PointsPerDecade);
        double dy = grid.Length > 1 ? grid[1] - grid[0] : 1;
        double eps = o.ShapeCoefficient * FwhmGaussian / dy;
        var table = ColumnTable(f, grid, eps);
        // Build asks for the entries row by row (frequency i, then basis function j), as the table holds them
        int gridIndex = 0;
        var problem = DrtProblem.Build(spectrum, grid, (w, y) => table[gridIndex++], o.IncludeInductance, o.IncludeCapacitance, robust: true);
        var penalty = GaussianPenalty(grid, eps, o.DerivativeOrder);

        double[] lambdas, scores;
        double lambda;
        double[]? near = null;
        double? noise = null;
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
            case DrtLambdaSelection.LCurve:
                lambdas = LambdaGrid();
                scores = problem.LCurveCurvature(penalty, lambdas);
                lambda = lambdas[ArgMax(scores)];
                break;
            default:
                noise = o.Noise ?? DrtDiscrepancy.NoiseFromKramersKronig(spectrum);
                (lambda, lambdas, scores, near) = DrtDiscrepancy.Choose(problem, penalty, noise.Value);
                break;
        }
        var x = problem.SolveNonNegative(penalty, lambda, near);
        var basis = new DrtBasis(grid, eps, problem);
        var gamma = basis.Gamma(x, grid);
        var yFine = basis.FineGrid();
        var fine = basis.Gamma(x, yFine);
        var (peaks, supports, tail) = PeaksAndTail(yFine, fine, o.PeakThreshold, o.PeakProminence, spectrum, basis, x);
        var model = problem.Model(x);
        var rr = new double[spectrum.Count];
        var ri = new double[spectrum.Count];
        for (int n = 0; n < spectrum.Count; n++)
        {
            var d = (spectrum.Impedance[n] - model[n]) / spectrum.Impedance[n].Magnitude;
            rr[n] = d.Real; ri[n] = d.Imaginary;
        }
        var result = new DrtResult(grid.Select(Math.Exp).ToArray(), gamma, x[0] * problem.Scale, problem.HasInductance ? x[1] * problem.Scale : 0,
            lambda, o.Selection, peaks, model, rr, ri, lambdas, scores)
        {
            PolarizationResistance = basis.Area(x, yFine[0], yFine[^1]),
            Noise = noise,
            Tail = tail,
            Capacitance = problem.HasCapacitance && x[problem.CapacitanceColumn] > 0 ? 1 / (x[problem.CapacitanceColumn] * problem.Scale) : null,
        };
        return o.BootstrapSamples > 0
            ? DrtBootstrap.Run(result, problem, problem.Regularised(penalty, lambda), x, basis, yFine, supports, o.BootstrapSamples, o.Seed)
            : result;
    }

    /// <summary>∫ γ d ln τ between two indices of <paramref name="y"/>, by the trapezoidal rule.</summary>
    internal static double Area(double[] y, double[] g, int lo, int hi)
    {
        double area = 0;
        for (int i = lo + 1; i <= hi; i++) area += 0.5 * (g[i] + g[i - 1]) * (y[i] - y[i - 1]);
        return area;
    }

    /// <summary>
    /// The peaks, and the slowest one taken out of them as the tail when its maximum lies beyond the data
    /// (τ &gt; 1/(2π f_min)), or in their lowest decade while −Z'' still grows towards low frequency there: γ still
    /// rising where the data end, whose shape the data cannot tell from a diffusion branch. A maximum at the
    /// short-τ end stays a peak, marked at the edge. The peaks are found on the fine grid and located off it
    /// (<see cref="DrtPeakLocation"/>).
    /// </summary>
    static (List<DrtPeak> Peaks, List<DrtSupport> Supports, DrtTail? Tail) PeaksAndTail(double[] y, double[] g, double threshold, double prominence,
        ImpedanceSpectrum spectrum, DrtBasis basis, double[] x)
    {
        var peaks = DrtPeakLocation.Locate(basis, x, y, Peaks(y, g, threshold, prominence, out var bounds), bounds, out var supports);
        if (peaks.Count == 0) return (peaks, supports, null);
        double slowest = 1 / (2 * Math.PI * spectrum.FrequenciesHz.Min());
        var slope = InitialGuess.TailSlope(spectrum);
        // beyond the data, or in their lowest decade while −Z'' still grows towards low frequency
        bool tailing = peaks[^1].TimeConstant > slowest || peaks[^1].TimeConstant > slowest / 10 && slope is not null;
        if (!tailing) return (peaks, supports, null);
        var tail = new DrtTail(peaks[^1].LowerTimeConstant, peaks[^1].Resistance, slope);
        peaks.RemoveAt(peaks.Count - 1);
        supports.RemoveAt(supports.Count - 1);
        return (peaks, supports, tail);
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

    /// <summary>
    /// The kernel integrals <see cref="RbfColumns"/> of every frequency (row) and basis function (column), in the order
    /// <see cref="DrtProblem.Build"/> asks for them, kept for the last few frequency lists: the sweeps of one file usually
    /// share their frequencies, and these integrals (81 nodes with three exponentials each per entry) were a third of a
    /// DRT at its chosen λ. The same numbers, computed once (docs/decisions/0030).
    /// </summary>
    static (double re, double im)[] ColumnTable(double[] f, double[] grid, double eps)
    {
        lock (Tables)
        {
            foreach (var t in Tables)
                if (t.Eps == eps && t.Frequencies.AsSpan().SequenceEqual(f) && t.Grid.AsSpan().SequenceEqual(grid)) return t.Table;
        }
        var table = new (double re, double im)[f.Length * grid.Length];
        for (int i = 0; i < f.Length; i++)
        {
            double w = 2 * Math.PI * f[i];
            for (int j = 0; j < grid.Length; j++) table[i * grid.Length + j] = RbfColumns(w, grid[j], eps);
        }
        lock (Tables)
        {
            Tables.Insert(0, (f.ToArray(), grid.ToArray(), eps, table));
            if (Tables.Count > 8) Tables.RemoveAt(Tables.Count - 1);
        }
        return table;
    }

    static readonly List<(double[] Frequencies, double[] Grid, double Eps, (double re, double im)[] Table)> Tables = [];

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

    /// <summary>Local maxima above a threshold; each peak's resistance is the area between the neighbouring minima.</summary>
    internal static List<DrtPeak> Peaks(double[] y, double[] g, double threshold) => Peaks(y, g, threshold, 0, out _);

    /// <summary>
    /// The peaks with, for each, the indices of its maximum and of the minima that bound it. A maximum is a peak when
    /// its height is at least <paramref name="threshold"/> and its prominence (height above the higher of the lowest
    /// points that separate it from a higher maximum or the edge on either side) at least <paramref name="prominence"/>,
    /// both as fractions of the highest interior maximum: a ripple on a flank is not a peak of its own.
    /// </summary>
    internal static List<DrtPeak> Peaks(double[] y, double[] g, double threshold, double prominence, out List<(int Lo, int Peak, int Hi)> bounds)
    {
        var peaks = new List<DrtPeak>();
        bounds = new List<(int, int, int)>();
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
        var maxima = candidates.Where(i => g[i] >= threshold * top && Prominence(g, i) >= prominence * top).ToList();
        for (int k = 0; k < maxima.Count; k++)
        {
            int c = maxima[k];
            int lo = k == 0 ? 0 : ArgMinRange(g, maxima[k - 1], c);
            int hi = k == maxima.Count - 1 ? n - 1 : ArgMinRange(g, c, maxima[k + 1]);
            double tau = Math.Exp(y[c]);
            bool edge = c <= 1 || c >= n - 2;
            peaks.Add(new DrtPeak(tau, 1 / (2 * Math.PI * tau), Area(y, g, lo, hi), g[c], edge)
            {
                LowerTimeConstant = Math.Exp(y[lo]),
                UpperTimeConstant = Math.Exp(y[hi]),
            });
            bounds.Add((lo, c, hi));
        }
        return peaks;
    }

    /// <summary>g[c] minus the higher of the lowest values between c and the nearest higher point (or the edge) on each side.</summary>
    static double Prominence(double[] g, int c)
    {
        double left = g[c], right = g[c];
        for (int i = c - 1; i >= 0 && g[i] <= g[c]; i--) left = Math.Min(left, g[i]);
        for (int i = c + 1; i < g.Length && g[i] <= g[c]; i++) right = Math.Min(right, g[i]);
        return g[c] - Math.Max(left, right);
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

