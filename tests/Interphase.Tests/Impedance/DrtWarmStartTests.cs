using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;
using Xunit.Abstractions;

namespace Interphase.Tests.Impedance;

/// <summary>
/// The DRT's non-negative least squares started from a neighbouring solution's active set (the discrepancy search along
/// λ, the bootstrap from the fit's solution; docs/decisions/0030): the same numbers as from a cold start, with a fraction
/// of the Cholesky factorisations. Every test compares against the cold path in the same run, so it fails if the warm
/// start is removed (no saving) or changes the answer.
/// </summary>
public sealed class DrtWarmStartTests(ITestOutputHelper output)
{
    static ImpedanceSpectrum TwoArcsAndWarburg(double noise, int seed) =>
        Synthetic.Spectrum(Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1", 20, 62, 2e-6, 0.9, 91, 5e-4, 0.8, 30),
            Synthetic.LogGrid(1e6, 1e-2, 10), noise, seed);

    static ImpedanceSpectrum TwoZarcs(double noise, int seed)
    {
        var parts = new AnalyticDrt[] { new(100, 1e-4, 0.85), new(50, 1e-1, 0.75) };
        var f = Synthetic.LogGrid(1e6, 1e-2, 10);
        var rng = new Random(seed);
        var z = f.Select(x =>
        {
            var v = 10 + parts.Aggregate(Complex.Zero, (acc, p) => acc + p.Impedance(x));
            return v + noise * v.Magnitude * new Complex(Synthetic.Gauss(rng), Synthetic.Gauss(rng));
        }).ToArray();
        return new ImpedanceSpectrum(f, z);
    }

    public static TheoryData<string, double> Cases() => new()
    {
        { "two arcs and a Warburg", 0.002 },
        { "two arcs and a Warburg", 0.01 },
        { "two ZARCs", 0.001 },
        { "two ZARCs", 0.005 },
    };

    static (DrtResult Result, long Factorisations) Compute(ImpedanceSpectrum s, DrtOptions o, bool warm)
    {
        bool search = DrtDiscrepancy.WarmStart, boot = DrtBootstrap.WarmStart;
        DrtDiscrepancy.WarmStart = DrtBootstrap.WarmStart = warm;
        try
        {
            long before = Nnls.Factorisations;
            var r = Drt.Compute(s, o);
            return (r, Nnls.Factorisations - before);
        }
        finally { DrtDiscrepancy.WarmStart = search; DrtBootstrap.WarmStart = boot; }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheWarmStartedSearchAndBootstrapGiveTheColdNumbersWithFarFewerFactorisations(string name, double noise)
    {
        var s = name.StartsWith("two ZARCs") ? TwoZarcs(noise, 3) : TwoArcsAndWarburg(noise, 3);
        // the λ search alone (no bootstrap), then the bootstrap at that λ alone
        var (warmSearch, fwS) = Compute(s, new DrtOptions { BootstrapSamples = 0 }, warm: true);
        var (coldSearch, fcS) = Compute(s, new DrtOptions { BootstrapSamples = 0 }, warm: false);
        var atLambda = new DrtOptions { Selection = DrtLambdaSelection.Fixed, Lambda = coldSearch.Lambda, BootstrapSamples = 100 };
        var (warmBoot, fwB) = Compute(s, atLambda, warm: true);
        var (coldBoot, fcB) = Compute(s, atLambda, warm: false);
        output.WriteLine($"{name} at {noise:P1}: λ = {coldSearch.Lambda:G4}; factorisations of the search {fwS} (cold {fcS}), of the bootstrap {fwB} (cold {fcB})");

        // the same numbers bit for bit: the solution is the passive system solved on the final passive set, which is the
        // same from either start
        Assert.Equal(coldSearch.Lambda, warmSearch.Lambda);
        Assert.Equal(coldSearch.LambdaScore, warmSearch.LambdaScore);
        Assert.Equal(coldSearch.Gamma, warmSearch.Gamma);
        Assert.Equal(coldBoot.Gamma, warmBoot.Gamma);
        Assert.Equal(coldBoot.GammaLow, warmBoot.GammaLow);
        Assert.Equal(coldBoot.GammaHigh, warmBoot.GammaHigh);
        Assert.Equal(coldBoot.Peaks, warmBoot.Peaks);
        // measured: the search takes 11–18 times fewer factorisations, the bootstrap 5–7 times fewer
        Assert.True(fwS * 5 < fcS, $"search: {fwS} factorisations warm against {fcS} cold");
        Assert.True(fwB * 3 < fcB, $"bootstrap: {fwB} factorisations warm against {fcB} cold");
    }

    [Theory]
    [InlineData("peis.issue_149.mpr")]
    [InlineData("geis.issue_149.mpr")]
    public void MeasuredSweepsGiveTheColdNumbers(string name)
    {
        // yadg's BioLogic PEIS and GEIS files (tests/…/measured/PROVENANCE.md): every sweep, the default analysis (noise from
        // Lin-KK, the discrepancy λ, 100 bootstrap replicates), warm against cold
        foreach (var s in EisFile.ReadAll(Path.Combine(TestPaths.Fixtures, "measured", "biologic", name)))
        {
            var o = new DrtOptions { Noise = Drt.NoiseFrom(LinKK.Test(s), s.Count) };
            var (warm, fw) = Compute(s, o, warm: true);
            var (cold, fc) = Compute(s, o, warm: false);
            output.WriteLine($"{name}: λ = {cold.Lambda:G4}, {cold.Peaks.Count} peaks; factorisations {fw} warm, {fc} cold");
            Assert.Equal(cold.Lambda, warm.Lambda);
            Assert.Equal(cold.Gamma, warm.Gamma);
            Assert.Equal(cold.GammaLow, warm.GammaLow);
            Assert.Equal(cold.GammaHigh, warm.GammaHigh);
            Assert.Equal(cold.Peaks, warm.Peaks);
            Assert.Equal(cold.Tail, warm.Tail);
            Assert.True(fw * 3 < fc, $"{fw} factorisations warm against {fc} cold");
        }
    }

    [Fact]
    public void AnyStartingActiveSetEndsAtTheSameSolution()
    {
        // random well-posed problems and random (not nearby) starting sets: the warm start changes the path, not the answer
        var rng = new Random(5);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = 3 + rng.Next(30), m = n + 5 + rng.Next(40);
            var a = new double[m * n];
            for (int i = 0; i < a.Length; i++) a[i] = Synthetic.Gauss(rng);
            var b = Enumerable.Range(0, m).Select(_ => Synthetic.Gauss(rng)).ToArray();
            var ata = new double[n * n];
            var atb = new double[n];
            for (int r = 0; r < m; r++)
                for (int p = 0; p < n; p++)
                {
                    atb[p] += a[r * n + p] * b[r];
                    for (int q = 0; q < n; q++) ata[p * n + q] += a[r * n + p] * a[r * n + q];
                }
            var start = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray();
            foreach (bool robust in new[] { false, true })
            {
                var cold = Nnls.Solve(ata, atb, n, robust: robust);
                var warm = Nnls.Solve(ata, atb, n, robust: robust, start: start);
                double scale = Math.Max(1e-300, cold.Max(Math.Abs));
                for (int k = 0; k < n; k++)
                    Assert.True(Math.Abs(cold[k] - warm[k]) <= 1e-9 * scale, $"trial {trial}, robust {robust}, x[{k}]: {warm[k]} from the warm start, {cold[k]} cold");
            }
        }
    }
}
