using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;
using Xunit.Abstractions;

namespace Interphase.Tests.Impedance;

/// <summary>
/// A DRT peak's τ is located off the grid, at the maximum of the continuous distribution the Gaussian basis
/// represents (decision 0081): a ZARC whose τ0 lies between two points of the fine grid, exact and at 0.05 % noise with
/// its bootstrap replicates, and the two arcs of the two-arc + Warburg spectrum with their bootstrap intervals.
/// </summary>
public sealed class DrtPeakLocationTests(ITestOutputHelper output)
{
    static readonly double[] Frequencies = Synthetic.LogGrid(1e6, 1e-2, 10);

    /// <summary>The step of the fine grid on which peaks are found (the basis spacing over 8).</summary>
    static double FineStep()
    {
        var grid = Drt.Grid(Frequencies, 10);
        return (grid[1] - grid[0]) / 8;
    }

    /// <summary>R∞ = 10 Ω and a ZARC (100 Ω, α = 0.8) whose ln τ0 lies <paramref name="fraction"/> of a fine step past the fine grid's point nearest 1 ms.</summary>
    static (ImpedanceSpectrum Spectrum, double LnTau0) ZarcBetweenGridPoints(double fraction)
    {
        var grid = Drt.Grid(Frequencies, 10);
        double h = FineStep();
        double k = Math.Round((Math.Log(1e-3) - grid[0]) / h);
        double lnTau0 = grid[0] + (k + fraction) * h;
        var zarc = new AnalyticDrt(100, Math.Exp(lnTau0), 0.8);
        return (new ImpedanceSpectrum(Frequencies, Frequencies.Select(f => 10 + zarc.Impedance(f)).ToArray()), lnTau0);
    }

    /// <summary>The DRT with the peaks located off the grid or read on it; σ given as 10⁻⁴ unless null (estimated).</summary>
    static DrtResult Compute(ImpedanceSpectrum s, bool onGrid, int bootstrap = 0, double? noise = 1e-4)
    {
        DrtPeakLocation.OnGrid = onGrid;
        try { return Drt.Compute(s, new DrtOptions { BootstrapSamples = bootstrap, Noise = noise }); }
        finally { DrtPeakLocation.OnGrid = false; }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    public void AZarcBetweenGridPointsIsLocatedWithinATenthOfTheFineStep(double fraction)
    {
        var (s, lnTau0) = ZarcBetweenGridPoints(fraction);
        double h = FineStep();
        var located = Assert.Single(Compute(s, onGrid: false).Peaks);
        var read = Assert.Single(Compute(s, onGrid: true).Peaks);
        double offLocated = (Math.Log(located.TimeConstant) - lnTau0) / h, offRead = (Math.Log(read.TimeConstant) - lnTau0) / h;
        output.WriteLine($"fraction {fraction}: located {offLocated:F4} h, read on the grid {offRead:F4} h (h = {h:G4} in ln τ)");
        Assert.InRange(offLocated, -0.1, 0.1);
        // the grid's read is a whole number of steps from the point below τ0: off by the fraction or its complement
        Assert.True(Math.Abs(offRead) >= Math.Min(fraction, 1 - fraction) - 0.01, $"{offRead}");
        Assert.Equal(1 / (2 * Math.PI * located.TimeConstant), located.FrequencyHz, 12);
        // the height is the continuous maximum: at least what the grid reads
        Assert.True(located.Height >= read.Height);
        Assert.InRange(located.Resistance, 0.97 * 100, 1.03 * 100);
    }

    [Fact]
    public void TheBootstrapReplicatesAreLocatedOffTheGridToo()
    {
        // at 0.05 % noise, read on the grid, every replicate fell on one of the two points either side of τ0 and their
        // median on one of them, half a step away; located, they spread continuously around τ0
        var (exact, lnTau0) = ZarcBetweenGridPoints(0.5);
        var rng = new Random(13);
        var s = new ImpedanceSpectrum(Frequencies, exact.Impedance.Select(z => z + 0.0005 * z.Magnitude * new Complex(Synthetic.Gauss(rng), Synthetic.Gauss(rng))).ToArray());
        double h = FineStep();
        double Offset(double tau) => (Math.Log(tau) - lnTau0) / h;
        foreach (var onGrid in new[] { false, true })
        {
            var i = Assert.Single(Compute(s, onGrid, bootstrap: 100, noise: null).Peaks).TimeConstantInterval!;
            output.WriteLine($"{(onGrid ? "on the grid" : "located")}: interval {Offset(i.Low):F3} … {Offset(i.High):F3} h, median {Offset(i.Median):F3} h");
            if (onGrid) Assert.Equal(0.5, Math.Abs(Offset(i.Median)), 1e-6);
            else
            {
                Assert.InRange(Offset(i.Median), -0.4, 0.4);
                Assert.InRange(lnTau0, Math.Log(i.Low), Math.Log(i.High));
            }
        }
    }

    [Fact]
    public void TheBasisSlopeAndAreaAreTheDerivativeAndIntegralOfItsGamma()
    {
        // the analytic dγ/dy and erf area against a central difference and Simpson's rule of γ itself
        double[] grid = Enumerable.Range(0, 11).Select(i => -3 + 0.6 * i).ToArray();
        var problem = new DrtProblem
        {
            Ata = [], Atb = [], A = [], B = [], Weight = [], Rows = 0, Points = 0,
            Cols = 1 + grid.Length, Offset = 1, HasInductance = false, HasCapacitance = false, Scale = 2.5,
        };
        var basis = new DrtBasis(grid, 0.5 * 1.6651092223153954 / 0.6, problem);
        var rng = new Random(3);
        double[] x = [0, .. grid.Select(_ => rng.NextDouble() < 0.3 ? 0 : rng.NextDouble())];
        foreach (var y in new[] { -3.7, -1.05, 0.2, 2.9 })
            Assert.Equal((basis.At(x, y + 1e-5) - basis.At(x, y - 1e-5)) / 2e-5, basis.Slope(x, y), 6);
        foreach (var (a, b) in new[] { (-3.0, 3.0), (-1.3, 0.4), (-5.0, 5.0) })
            Assert.Equal(AnalyticDrt.Integrate(v => basis.At(x, v), a, b), basis.Area(x, a, b), 9);
    }

    [Fact]
    public void TwoArcsAndAWarburgAtTwoTenthsOfAPercentHaveBothPeaksLocatedAndTheTrueTauInTheirIntervals()
    {
        var s = Synthetic.Spectrum(Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1", 20, 62, 2e-6, 0.9, 91, 5e-4, 0.8, 30),
            Frequencies, 0.002, 3);
        var d = Drt.Compute(s, new DrtOptions { BootstrapSamples = 100 });
        double[] tau0 = [Math.Pow(62 * 2e-6, 1 / 0.9), Math.Pow(91 * 5e-4, 1 / 0.8)];
        Assert.Equal(2, d.Peaks.Count);
        foreach (var (p, t) in d.Peaks.Zip(tau0))
        {
            var i = p.TimeConstantInterval!;
            output.WriteLine($"τ0 {t:G5}: located {p.TimeConstant:G5} ({i.Low:G5}–{i.High:G5}, median {i.Median:G5}), R {p.Resistance:G5} ({p.ResistanceInterval!.Low:G5}–{p.ResistanceInterval.High:G5})");
            Assert.InRange(t, i.Low, i.High);
            Assert.False(i.ExcludesEstimate);
        }
    }
}
