using System.Numerics;
using Interphase.Cli;
using Interphase.Data.Eis;
using Interphase.Impedance;
using MathNet.Numerics.LinearAlgebra;

namespace Interphase.Tests.Impedance;

/// <summary>
/// The fast paths of the fitter (issue 11, speed; docs/decisions/0019-eis-batch-speed.md) against the paths they
/// replaced: the whole-spectrum circuit sweep against point-by-point evaluation (bit for bit), the hand-written thin
/// QR of the covariance against MathNet's on the Jacobians of real spectra, and a file's spectra fitted in parallel
/// against fitting them one by one.
/// </summary>
public class FitSpeedPathTests
{
    static double[] LogGrid(double fMin, double fMax, int n) =>
        Enumerable.Range(0, n).Select(i => fMin * Math.Pow(fMax / fMin, i / (n - 1.0))).ToArray();

    /// <summary>Every element, in series and inside a parallel connection, at values spread over its range.</summary>
    [Fact]
    public void SweepGivesThePointByPointNumbersBitForBit()
    {
        var f = LogGrid(1e-3, 1e6, 71);
        var w = f.Select(x => 2 * Math.PI * x).ToArray();
        var lw = w.Select(x => Math.Log(x)).ToArray();
        var rng = new Random(11);
        foreach (var type in Elements.All)
        {
            var c = Circuit.Parse($"R0-p(R1,{type.Symbol}7)-{type.Symbol}8");
            for (int trial = 0; trial < 5; trial++)
            {
                var p = c.Parameters.Select(q => q.Kind == ParameterKind.Exponent ? 0.3 + 0.7 * rng.NextDouble() : Math.Pow(10, -4 + 6 * rng.NextDouble())).ToArray();
                int n = f.Length, m = c.ParameterCount;
                var z = new Complex[n];
                var dz = new Complex[n * m];
                c.Sweep(w, lw, p, z, dz, new Complex[c.SweepScratch(n)]);
                var zOnly = new Complex[n];
                c.Sweep(w, lw, p, zOnly, Span<Complex>.Empty, new Complex[c.SweepScratch(n)]);
                var point = new Complex[m];
                for (int i = 0; i < n; i++)
                {
                    var zi = c.EvaluateAt(w[i], lw[i], p, point);
                    Same(zi, z[i], $"{c.Text} Z at {f[i]:G3} Hz");
                    Same(zi, zOnly[i], $"{c.Text} Z (no derivatives) at {f[i]:G3} Hz");
                    for (int k = 0; k < m; k++) Same(point[k], dz[i * m + k], $"{c.Text} dZ/d{c.Parameters[k].Name} at {f[i]:G3} Hz");
                }
            }
        }
    }

    static void Same(Complex expected, Complex actual, string what)
    {
        bool re = BitConverter.DoubleToInt64Bits(expected.Real) == BitConverter.DoubleToInt64Bits(actual.Real) || double.IsNaN(expected.Real) && double.IsNaN(actual.Real);
        bool im = BitConverter.DoubleToInt64Bits(expected.Imaginary) == BitConverter.DoubleToInt64Bits(actual.Imaginary) || double.IsNaN(expected.Imaginary) && double.IsNaN(actual.Imaginary);
        Assert.True(re && im, $"{what}: point by point {expected:R}, sweep {actual:R}");
    }

    /// <summary>
    /// <see cref="ComplexMath.Divide"/>, the inlined division of the element sweeps (decision 0050), gives the runtime's
    /// Complex / double bit for bit, on ordinary, tiny, huge, zero, infinite and NaN parts and divisors.
    /// </summary>
    [Fact]
    public void InlinedDivisionIsTheRuntimesBitForBit()
    {
        double[] values = [0.0, -0.0, 1.5, -3e-310, 7e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e-320];
        foreach (var re in values)
            foreach (var im in values)
                foreach (var d in values)
                {
                    var z = new Complex(re, im);
                    Same(z / d, ComplexMath.Divide(z, d), $"({re:R}, {im:R}) / {d:R}");
                }
    }

    public static TheoryData<string, string> RealSpectra => new()
    {
        { "eis/exampleData.csv", "R0-p(R1,CPE1)-p(R2,CPE2)-W1" },
        { "eis/exampleDataAutolab.txt", "R0-p(R1,CPE1)-p(R2,CPE2)" },
        { "eis/exampleDataZPlot.z", "L0-R0-p(R1,CPE1)" },
        { "eis/exampleDataGamry.DTA", "R0-p(R1,CPE1)-p(R2,CPE2)" },
        { "eis/exampleDataBioLogic.mpt", "R0-p(R1,CPE1)-W1" },
    };

    /// <summary>
    /// R of the thin QR of the scaled Jacobian at the fitted optimum is unique up to the sign of each row: the
    /// hand-written factorisation must give MathNet's rows (the path it replaced) to rounding, and the same singular values.
    /// </summary>
    [SharedDataTheory]
    [MemberData(nameof(RealSpectra))]
    public void ThinQrGivesMathNetsTriangularFactorOnRealJacobians(string file, string circuit)
    {
        var s = EisFile.Read(SharedData.File(file));
        var c = Circuit.Parse(circuit);
        var fit = EisFitter.Fit(s, c);
        var setup = EisFitter.Setup.Create(s, c, new EisFitOptions());
        var p = fit.Parameters.Select(q => q.Value).ToArray();
        var (_, j) = new EisFitter.EisProblem(setup).AtParameters(p);
        int rows = 2 * s.Count, nf = setup.Free.Length;
        var scaled = new double[rows * nf];
        for (int a = 0; a < rows; a++)
            for (int b = 0; b < nf; b++) scaled[a * nf + b] = j[a * nf + b] * Math.Abs(p[setup.Free[b]]);
        var reference = Matrix<double>.Build.Dense(rows, nf, (a, b) => scaled[a * nf + b]).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R;
        var r = ThinQr.R((double[])scaled.Clone(), rows, nf);
        for (int a = 0; a < nf; a++)
        {
            double rowNorm = Enumerable.Range(0, nf).Max(b => Math.Abs(reference[a, b]));
            double sign = Math.Sign(reference[a, a]) * Math.Sign(r[a * nf + a]);
            for (int b = 0; b < nf; b++)
            {
                if (b < a) Assert.Equal(0.0, r[a * nf + b]);
                else Assert.True(Math.Abs(sign * r[a * nf + b] - reference[a, b]) <= 1e-10 * rowNorm,
                    $"{file}: R[{a},{b}] = {r[a * nf + b]:R}, MathNet {reference[a, b]:R}");
            }
        }
        var sv = Matrix<double>.Build.Dense(nf, nf, (a, b) => r[a * nf + b]).Svd(false).S;
        var svRef = reference.Svd(false).S;
        for (int t = 0; t < nf; t++)
            Assert.True(Math.Abs(sv[t] - svRef[t]) <= 1e-10 * svRef[0], $"{file}: singular value {t}: {sv[t]:R} against MathNet's {svRef[t]:R}");
    }

    /// <summary>
    /// The least-squares solve of the Lin-KK test (one per number of RC elements) by the thread-free QR, against
    /// MathNet's thin QR that it replaced, on Lin-KK's own design matrix of the shared Gamry spectrum (RC elements at
    /// τ spread over the measured range, weighted by 1/|Z|) and on a random tall matrix.
    /// </summary>
    [SharedDataFact]
    public void ThinQrSolvesLeastSquaresAsMathNetsQrDoes()
    {
        var s = EisFile.Read(SharedData.File("eis/exampleDataGamry.DTA"));
        int n = s.Count, m = 12, cols = m + 2;
        double tMin = 1 / (2 * Math.PI * s.FrequenciesHz.Max()), tMax = 1 / (2 * Math.PI * s.FrequenciesHz.Min());
        var a = new double[2 * n * cols];
        var b = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            double w = 2 * Math.PI * s.FrequenciesHz[i], mag = s.Impedance[i].Magnitude;
            a[2 * i * cols] = 1 / mag;
            for (int k = 0; k < m; k++)
            {
                double tau = tMin * Math.Pow(tMax / tMin, k / (m - 1.0)), wt = w * tau, d = 1 + wt * wt;
                a[2 * i * cols + 1 + k] = 1 / d / mag;
                a[(2 * i + 1) * cols + 1 + k] = -wt / d / mag;
            }
            a[(2 * i + 1) * cols + m + 1] = w / mag;
            b[2 * i] = s.Impedance[i].Real / mag;
            b[2 * i + 1] = s.Impedance[i].Imaginary / mag;
        }
        var rnd = new Random(5);
        var random = Enumerable.Range(0, 60 * 9).Select(_ => rnd.NextDouble() - 0.5).ToArray();
        var rb = Enumerable.Range(0, 60).Select(_ => rnd.NextDouble()).ToArray();
        foreach (var (matrix, rhs, rows, c) in new[] { (a, b, 2 * n, cols), (random, rb, 60, 9) })
        {
            var reference = Matrix<double>.Build.Dense(rows, c, (i, j) => matrix[i * c + j])
                .QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(rhs));
            var x = ThinQr.Solve((double[])matrix.Clone(), (double[])rhs.Clone(), rows, c);
            double scale = reference.AbsoluteMaximum();
            for (int j = 0; j < c; j++)
                Assert.True(Math.Abs(x[j] - reference[j]) <= 1e-9 * scale, $"x[{j}] = {x[j]:R}, MathNet {reference[j]:R}");
        }
    }

    /// <summary>A file of several sweeps is fitted on all cores; the fits come back in the file's order, each as alone.</summary>
    [Fact]
    public void ParallelSweepsOfOneFileComeBackInTheFilesOrder()
    {
        var path = Path.Combine(TestPaths.Fixtures, "measured", "biologic", "mb.issue_223.mpr");
        var c = Circuit.Parse("R0-p(R1,CPE1)");
        var one = EisFile.ReadAll(path).Select(sp => EisFitter.Fit(sp, c)).ToList();
        Assert.True(one.Count > 1, "the fixture should hold several sweeps");
        Assert.True(one.Select(x => x.ChiSquare).Distinct().Count() > 1, "the sweeps should fit differently, so that their order shows");
        var batch = EisFitBatch.FitFile(path, c, new EisFitOptions(), sp => sp);
        Assert.Equal(one.Count, batch.Count);
        for (int k = 0; k < one.Count; k++)
        {
            Assert.Equal(one[k].Spectrum.Impedance, batch[k].Spectrum.Impedance);
            Assert.Equal(one[k].ChiSquare, batch[k].ChiSquare);
            Assert.Equal(one[k].Parameters.Select(q => q.Value), batch[k].Parameters.Select(q => q.Value));
        }
    }

    /// <summary>
    /// The normal equations in 4 × 4 blocks held in registers (decision 0060) give, bit for bit, each entry summed over the
    /// rows in their order from zero, a product then a sum (what the row-by-row update gave), for every size from one
    /// variable to 13 (whole blocks, partial ones, none): values over twelve decades with both signs, so that any other
    /// order of the sums or a fused multiply-add changes last bits.
    /// </summary>
    [Fact]
    public void NormalEquationsInBlocksGiveTheRowOrderSumsBitForBit()
    {
        var rng = new Random(60);
        for (int n = 1; n <= 13; n++)
            foreach (int m in new[] { 1, 7, 132 })
            {
                var j = new double[m * n];
                var r = new double[m];
                for (int k = 0; k < j.Length; k++) j[k] = (rng.Next(2) == 0 ? -1 : 1) * Math.Pow(10, -6 + 12 * rng.NextDouble()) * (1 + rng.NextDouble());
                for (int k = 0; k < m; k++) r[k] = (rng.Next(2) == 0 ? -1 : 1) * Math.Pow(10, -3 + 6 * rng.NextDouble());
                var a = new double[n * n];
                var g = new double[n];
                Array.Fill(a, double.NaN);
                Array.Fill(g, double.NaN);
                LevenbergMarquardt.Normal(j, r, m, n, a, g);
                for (int p = 0; p < n; p++)
                {
                    double gp = 0;
                    for (int i = 0; i < m; i++) gp -= j[i * n + p] * r[i];
                    Assert.True(BitConverter.DoubleToInt64Bits(gp) == BitConverter.DoubleToInt64Bits(g[p]), $"n {n}, m {m}: g[{p}] {gp:R} in row order, {g[p]:R} built");
                    for (int q = 0; q < n; q++)
                    {
                        double apq = 0;
                        for (int i = 0; i < m; i++) apq += j[i * n + Math.Min(p, q)] * j[i * n + Math.Max(p, q)];
                        Assert.True(BitConverter.DoubleToInt64Bits(apq) == BitConverter.DoubleToInt64Bits(a[p * n + q]),
                            $"n {n}, m {m}: A[{p},{q}] {apq:R} in row order, {a[p * n + q]:R} built");
                    }
                }
            }
    }

    /// <summary>
    /// The thin QR with four columns of each reflection in Vector256 lanes (decision 0060) gives, bit for bit, the R and
    /// the solution of the column-at-a-time Householder loop it replaced (written out here), for 1 to 13 columns (whole
    /// groups of four, partial ones, none) on values over twelve decades with both signs.
    /// </summary>
    [Fact]
    public void ThinQrInLanesGivesTheColumnAtATimeNumbersBitForBit()
    {
        var rng = new Random(61);
        for (int cols = 1; cols <= 13; cols++)
            foreach (int extra in new[] { 0, 3, 120 })
            {
                int rows = cols + extra;
                var a = new double[rows * cols];
                var b = new double[rows];
                for (int k = 0; k < a.Length; k++) a[k] = (rng.Next(2) == 0 ? -1 : 1) * Math.Pow(10, -6 + 12 * rng.NextDouble()) * (1 + rng.NextDouble());
                for (int k = 0; k < rows; k++) b[k] = (rng.Next(2) == 0 ? -1 : 1) * Math.Pow(10, -3 + 6 * rng.NextDouble());
                var (rExpected, xExpected) = ColumnAtATimeQr((double[])a.Clone(), (double[])b.Clone(), rows, cols);
                var r = ThinQr.R((double[])a.Clone(), rows, cols);
                var x = ThinQr.Solve((double[])a.Clone(), (double[])b.Clone(), rows, cols);
                for (int k = 0; k < r.Length; k++)
                    Assert.True(BitConverter.DoubleToInt64Bits(rExpected[k]) == BitConverter.DoubleToInt64Bits(r[k]), $"{rows} × {cols}: R[{k}] {rExpected[k]:R} column at a time, {r[k]:R} in lanes");
                for (int k = 0; k < cols; k++)
                    Assert.True(BitConverter.DoubleToInt64Bits(xExpected[k]) == BitConverter.DoubleToInt64Bits(x[k]), $"{rows} × {cols}: x[{k}] {xExpected[k]:R} column at a time, {x[k]:R} in lanes");
            }
    }

    /// <summary>The Householder QR of <see cref="ThinQr"/> before decision 0060, one column of each reflection at a time.</summary>
    static (double[] R, double[] X) ColumnAtATimeQr(double[] a, double[] b, int rows, int cols)
    {
        for (int k = 0; k < cols; k++)
        {
            double scale = 0;
            for (int i = k; i < rows; i++) scale = Math.Max(scale, Math.Abs(a[i * cols + k]));
            if (scale == 0) continue;
            double ss = 0;
            for (int i = k; i < rows; i++) { double t = a[i * cols + k] / scale; ss += t * t; }
            double norm = scale * Math.Sqrt(ss), akk = a[k * cols + k], beta = akk > 0 ? -norm : norm, denom = akk - beta;
            for (int i = k + 1; i < rows; i++) a[i * cols + k] /= denom;
            double tau = -denom / beta;
            for (int j = k + 1; j < cols; j++)
            {
                double s = a[k * cols + j];
                for (int i = k + 1; i < rows; i++) s += a[i * cols + k] * a[i * cols + j];
                s *= tau;
                a[k * cols + j] -= s;
                for (int i = k + 1; i < rows; i++) a[i * cols + j] -= s * a[i * cols + k];
            }
            double sb = b[k];
            for (int i = k + 1; i < rows; i++) sb += a[i * cols + k] * b[i];
            sb *= tau;
            b[k] -= sb;
            for (int i = k + 1; i < rows; i++) b[i] -= sb * a[i * cols + k];
            a[k * cols + k] = beta;
        }
        var r = new double[cols * cols];
        for (int i = 0; i < cols; i++) for (int j = i; j < cols; j++) r[i * cols + j] = a[i * cols + j];
        var x = new double[cols];
        for (int i = cols - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < cols; j++) s -= r[i * cols + j] * x[j];
            x[i] = s / r[i * cols + i];
        }
        return (r, x);
    }
}
