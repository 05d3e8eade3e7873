using Interphase.Data.Eis;
using Interphase.Impedance;
using MathNet.Numerics.LinearAlgebra;

namespace Interphase.Tests.Impedance;

/// <summary>
/// The fit's covariance from the inverse of the thin QR's R when the Jacobian is safely of full rank
/// (<see cref="TriangularCovariance"/>, docs/decisions/0050-eis-fit-statistics-without-svd.md) against the SVD
/// pseudo-inverse it replaces there, and the SVD kept where a direction is undetermined.
/// </summary>
public class FitCovarianceTests
{
    /// <summary>V diag(1/s²) Vᵀ of R over the singular values above 10⁻⁹ of the largest: the SVD path's covariance.</summary>
    static Matrix<double> PseudoInverse(double[] r, int n)
    {
        var svd = Matrix<double>.Build.Dense(n, n, (a, b) => r[a * n + b]).Svd(true);
        var cov = Matrix<double>.Build.Dense(n, n);
        for (int t = 0; t < n; t++)
            if (svd.S[t] > 1e-9 * svd.S[0]) cov += svd.VT.Row(t).OuterProduct(svd.VT.Row(t)) / (svd.S[t] * svd.S[t]);
        return cov;
    }

    /// <summary>R of the thin QR of the Jacobian scaled by the values, at <paramref name="fit"/>'s optimum.</summary>
    static (double[] R, int N) ScaledR(FitResult fit)
    {
        var setup = EisFitter.Setup.Create(fit.Spectrum, fit.Circuit, new EisFitOptions());
        var p = fit.Values;
        var (_, j) = new EisFitter.EisProblem(setup).AtParameters(p);
        int rows = 2 * fit.Spectrum.Count, nf = setup.Free.Length;
        var scaled = new double[rows * nf];
        for (int a = 0; a < rows; a++)
            for (int b = 0; b < nf; b++) scaled[a * nf + b] = j[a * nf + b] * Math.Abs(p[setup.Free[b]]);
        return (ThinQr.R(scaled, rows, nf), nf);
    }

    static void AssertCovariancesAgree(double[] r, int n, string what)
    {
        var inverse = new double[n * n];
        var cov = new double[n * n];
        Assert.True(TriangularCovariance.TryInverse(r, n, inverse, cov), $"{what}: R should be safely of full rank");
        var reference = PseudoInverse(r, n);
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                double scale = Math.Sqrt(reference[a, a] * reference[b, b]);
                Assert.True(Math.Abs(cov[a * n + b] - reference[a, b]) <= 1e-9 * scale,
                    $"{what}: cov[{a},{b}] = {cov[a * n + b]:R}, SVD {reference[a, b]:R}");
            }
    }

    /// <summary>A synthetic two-arc spectrum with noise: every free parameter determined.</summary>
    [Fact]
    public void InverseOfRIsTheSvdCovarianceOnAWellDeterminedFit()
    {
        var c = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)");
        var truth = c.WithValues([10, 100, 1e-5, 0.85, 300, 1e-3, 0.75]);
        var s = Synthetic.Spectrum(truth, Synthetic.LogGrid(1e6, 1e-2, 8), 0.005, 3);
        var fit = EisFitter.Fit(s, c);
        Assert.DoesNotContain(fit.Warnings, w => w.Contains("not identifiable"));
        var (r, n) = ScaledR(fit);
        AssertCovariancesAgree(r, n, "synthetic");
        // and the fit's standard errors are s² × its diagonal, scaled back by the values
        var reference = PseudoInverse(r, n);
        double s2 = fit.ChiSquare / fit.DegreesOfFreedom;
        for (int b = 0; b < n; b++)
        {
            var q = fit.Parameters[b];
            double se = Math.Sqrt(reference[b, b] * s2) * Math.Abs(q.Value);
            Assert.True(Math.Abs(q.StandardError - se) <= 1e-9 * se, $"{q.Name}: SE {q.StandardError:R}, from the SVD {se:R}");
        }
    }

    [SharedDataTheory]
    [MemberData(nameof(FitSpeedPathTests.RealSpectra), MemberType = typeof(FitSpeedPathTests))]
    public void InverseOfRIsTheSvdCovarianceOnRealFits(string file, string circuit)
    {
        var fit = EisFitter.Fit(EisFile.Read(SharedData.File(file)), Circuit.Parse(circuit));
        var (r, n) = ScaledR(fit);
        var inverse = new double[n * n];
        var cov = new double[n * n];
        // a real fit may have an undetermined direction (then the SVD path is the one taken, which is what it was before)
        if (!TriangularCovariance.TryInverse(r, n, inverse, cov))
        {
            var sv = Matrix<double>.Build.Dense(n, n, (a, b) => r[a * n + b]).Svd(false).S;
            Assert.True(sv[n - 1] < 1e-7 * sv[0], $"{file}: refused a Jacobian of condition {sv[0] / sv[n - 1]:G3}, which is safely of full rank");
            return;
        }
        AssertCovariancesAgree(r, n, file);
    }

    /// <summary>
    /// Two resistors in series: only their sum is determined, R is singular to rounding. The inverse must be refused, so
    /// that the SVD finds the undetermined pair and the fit says so.
    /// </summary>
    [Fact]
    public void AnUndeterminedPairIsLeftToTheSvd()
    {
        var c = Circuit.Parse("R0-R3-p(R1,CPE1)");
        var truth = c.WithValues([10, 5, 100, 1e-5, 0.85]);
        var s = Synthetic.Spectrum(truth, Synthetic.LogGrid(1e6, 1e-1, 8), 0.005, 4);
        var fit = EisFitter.Fit(s, c);
        var (r, n) = ScaledR(fit);
        Assert.False(TriangularCovariance.TryInverse(r, n, new double[n * n], new double[n * n]));
        Assert.Contains(fit.Warnings, w => w.Contains("R0 and R3 (only their combination is determined"));
        Assert.True(double.IsPositiveInfinity(fit["R0"].StandardError));
    }

    /// <summary>The inverse against MathNet's on random upper-triangular matrices of the fits' sizes, and its refusals.</summary>
    [Fact]
    public void TriangularInverseMatchesMathNetAndRefusesSingularFactors()
    {
        var rng = new Random(7);
        for (int n = 1; n <= 10; n++)
        {
            var r = new double[n * n];
            for (int a = 0; a < n; a++)
                for (int b = a; b < n; b++) r[a * n + b] = a == b ? 1 + rng.NextDouble() : rng.NextDouble() - 0.5;
            var cov = new double[n * n];
            Assert.True(TriangularCovariance.TryInverse(r, n, new double[n * n], cov));
            var m = Matrix<double>.Build.Dense(n, n, (a, b) => r[a * n + b]);
            var reference = (m.Transpose() * m).Inverse();
            for (int a = 0; a < n; a++)
                for (int b = 0; b < n; b++)
                    Assert.True(Math.Abs(cov[a * n + b] - reference[a, b]) <= 1e-12 * Math.Sqrt(reference[a, a] * reference[b, b]), $"n = {n}: [{a},{b}]");
        }
        var singular = new double[] { 1, 2, 0, 0 };
        Assert.False(TriangularCovariance.TryInverse(singular, 2, new double[4], new double[4]));
        var illConditioned = new double[] { 1, 0, 0, 1e-9 };
        Assert.False(TriangularCovariance.TryInverse(illConditioned, 2, new double[4], new double[4]));
        var notFinite = new double[] { 1, double.NaN, 0, 1 };
        Assert.False(TriangularCovariance.TryInverse(notFinite, 2, new double[4], new double[4]));
    }
}
