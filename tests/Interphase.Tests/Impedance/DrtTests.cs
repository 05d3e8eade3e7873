using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

/// <summary>
/// The DRT against distributions known in closed form: one, two and three ZARCs and a Havriliak–Negami relaxation
/// at 0.1, 0.5 and 1 % noise (fixed seeds), and two arcs with a Warburg tail.
/// </summary>
public sealed class DrtTests
{
    const double RInf = 10;

    static readonly Dictionary<string, AnalyticDrt[]> Cases = new()
    {
        ["one ZARC"] = [new(100, 1e-3, 0.8)],
        ["two ZARCs"] = [new(100, 1e-4, 0.85), new(50, 1e-1, 0.75)],
        ["three ZARCs"] = [new(30, 1e-5, 0.9), new(60, 1e-3, 0.8), new(40, 1e-1, 0.85)],
        ["Havriliak-Negami"] = [new(100, 1e-3, 0.8, 0.6)],
    };

    static ImpedanceSpectrum Spectrum(AnalyticDrt[] parts, double noise, int seed)
    {
        var f = Synthetic.LogGrid(1e6, 1e-2, 10);
        var rng = new Random(seed);
        var z = f.Select(x =>
        {
            var v = RInf + parts.Aggregate(Complex.Zero, (acc, p) => acc + p.Impedance(x));
            return v + noise * v.Magnitude * new Complex(Synthetic.Gauss(rng), Synthetic.Gauss(rng));
        }).ToArray();
        return new ImpedanceSpectrum(f, z);
    }

    static double TrueGamma(AnalyticDrt[] parts, double lnTau) => parts.Sum(p => p.Gamma(lnTau));

    [Theory]
    [InlineData(0.8, 1.0)]
    [InlineData(0.6, 1.0)]
    [InlineData(0.8, 0.6)]
    [InlineData(0.5, 0.4)]
    public void AnalyticDistributionsReproduceTheirImpedance(double alpha, double beta)
    {
        var d = new AnalyticDrt(1, 1e-3, alpha, beta);
        double lo = Math.Log(1e-3) - 60, hi = Math.Log(1e-3) + 60;
        Assert.Equal(1, AnalyticDrt.Integrate(d.Gamma, lo, hi, 200000), 3);
        foreach (var fHz in new[] { 1.0, 100, 1e4 })
        {
            double w = 2 * Math.PI * fHz;
            double re = AnalyticDrt.Integrate(s => d.Gamma(s) / (1 + Math.Pow(w * Math.Exp(s), 2)), lo, hi, 200000);
            double im = AnalyticDrt.Integrate(s => -d.Gamma(s) * w * Math.Exp(s) / (1 + Math.Pow(w * Math.Exp(s), 2)), lo, hi, 200000);
            var z = d.Impedance(fHz);
            Assert.True(Complex.Abs(new Complex(re, im) - z) < 1e-3 * z.Magnitude, $"f = {fHz}: {re} {im} vs {z}");
        }
    }

    public static TheoryData<string, double, int> Known()
    {
        var data = new TheoryData<string, double, int>();
        foreach (var c in Cases.Keys)
            foreach (var (noise, seed) in new[] { (0.001, 11), (0.005, 12), (0.01, 13) })
                data.Add(c, noise, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Known))]
    public void DrtFindsEachRelaxationOfAKnownDistribution(string name, double noise, int seed)
    {
        var parts = Cases[name];
        var s = Spectrum(parts, noise, seed);
        var d = Drt.Compute(s, new DrtOptions { BootstrapSamples = 0 });

        Assert.Equal(DrtLambdaSelection.Discrepancy, d.SelectedBy);
        Assert.Equal(parts.Length, d.Peaks.Count);
        Assert.Null(d.Tail);
        Assert.InRange(d.Noise!.Value, 0.8 * noise, 1.2 * noise);
        double total = parts.Sum(p => p.R);
        Assert.InRange(d.PolarizationResistance, 0.97 * total, 1.03 * total);
        Assert.InRange(d.RInfinity, RInf - 0.03 * total, RInf + 0.03 * total);
        foreach (var (peak, part) in d.Peaks.Zip(parts))
        {
            // τ at the analytic maximum (for Havriliak–Negami it is not τ0), within 0.15 decade
            double top = MaxLnTau(s2 => TrueGamma(parts, s2), Math.Log(peak.LowerTimeConstant), Math.Log(peak.UpperTimeConstant));
            Assert.InRange(Math.Log10(peak.TimeConstant), top / Math.Log(10) - 0.15, top / Math.Log(10) + 0.15);
            // the area under the peak against the analytic area between the same bounds, and against the arc's R
            double area = AnalyticDrt.Integrate(s2 => TrueGamma(parts, s2), Math.Log(peak.LowerTimeConstant), Math.Log(peak.UpperTimeConstant));
            Assert.InRange(peak.Resistance, 0.94 * area, 1.06 * area);
            Assert.InRange(peak.Resistance, 0.9 * part.R, 1.1 * part.R);
        }
    }

    static double MaxLnTau(Func<double, double> g, double lo, double hi)
    {
        double best = lo;
        for (int i = 0; i <= 2000; i++)
        {
            double s = lo + (hi - lo) * i / 2000;
            if (g(s) > g(best)) best = s;
        }
        return best;
    }

    static ImpedanceSpectrum TwoArcsAndWarburg(double noise, int seed) =>
        Synthetic.Spectrum(Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1", 20, 62, 2e-6, 0.9, 91, 5e-4, 0.8, 30),
            Synthetic.LogGrid(1e6, 1e-2, 10), noise, seed);

    [Theory]
    [InlineData(0.001, 3)]
    [InlineData(0.002, 3)]
    [InlineData(0.005, 4)]
    [InlineData(0.01, 5)]
    public void TwoArcsAndAWarburgGiveTwoPeaksAndADiffusionTail(double noise, int seed)
    {
        var d = Drt.Compute(TwoArcsAndWarburg(noise, seed), new DrtOptions { BootstrapSamples = 0 });
        Assert.Equal(2, d.Peaks.Count);
        double tau1 = Math.Pow(62 * 2e-6, 1 / 0.9), tau2 = Math.Pow(91 * 5e-4, 1 / 0.8);
        Assert.InRange(d.Peaks[0].TimeConstant, tau1 / 1.3, tau1 * 1.3);
        Assert.InRange(d.Peaks[1].TimeConstant, tau2 / 1.3, tau2 * 1.3);
        Assert.InRange(d.Peaks[0].Resistance, 62 * 0.95, 62 * 1.08);
        Assert.InRange(d.Peaks[1].Resistance, 91 * 0.95, 91 * 1.15);
        var tail = Assert.IsType<DrtTail>(d.Tail);
        Assert.InRange(tail.LowFrequencySlope!.Value, 0.4, 0.6);   // the 45° branch
        Assert.True(tail.FromTimeConstant > d.Peaks[1].TimeConstant);
        Assert.NotNull(d.Capacitance);                              // what lies beyond the τ range
    }

    [Fact]
    public void TheMisfitGrowsWithLambdaAndReachesTheNoise()
    {
        // Non-negative least squares must find the minimum at every λ: the misfit then grows with λ, and at the
        // smallest λ it is below the noise. (An NNLS that gave up on a singular step returned 4-40x the noise here.)
        var s = Spectrum(Cases["three ZARCs"], 0.001, 11);
        var d = Drt.Compute(s, new DrtOptions { BootstrapSamples = 0 });
        var misfits = d.LambdaScore;
        for (int i = 1; i < misfits.Length; i++) Assert.True(misfits[i] >= misfits[i - 1] * (1 - 1e-6), $"misfit falls at λ = {d.LambdaGrid[i]}");
        Assert.True(misfits[0] < 2 * s.Count * d.Noise!.Value * d.Noise.Value);
    }

    [Fact]
    public void BootstrapIntervalsWidenWithNoiseAndRepeatWithTheSeed()
    {
        var parts = Cases["two ZARCs"];
        DrtResult Run(double noise) => Drt.Compute(Spectrum(parts, noise, 12), new DrtOptions { BootstrapSamples = 60, Seed = 5 });
        var quiet = Run(0.001);
        var noisy = Run(0.01);
        foreach (var d in new[] { quiet, noisy })
        {
            Assert.Equal(60, d.BootstrapSamples);
            foreach (var p in d.Peaks)
            {
                var t = p.TimeConstantInterval!;
                var r = p.ResistanceInterval!;
                Assert.True(t.Low < t.High && r.Low < r.High);
                Assert.Equal(1 / (2 * Math.PI * t.High), p.FrequencyInterval!.Low, 12);
            }
            for (int i = 0; i < d.Tau.Length; i++) Assert.True(d.GammaLow![i] <= d.GammaHigh![i]);
        }
        double Width(DrtResult d) => d.Peaks.Sum(p => p.ResistanceInterval!.High - p.ResistanceInterval.Low);
        Assert.True(Width(noisy) > 3 * Width(quiet), $"{Width(noisy)} vs {Width(quiet)}");
        // the same seed gives the same intervals
        Assert.Equal(quiet.Peaks[0].ResistanceInterval, Run(0.001).Peaks[0].ResistanceInterval);
        var none = Drt.Compute(Spectrum(parts, 0.001, 12), new DrtOptions { BootstrapSamples = 0 });
        Assert.Null(none.GammaLow);
        Assert.All(none.Peaks, p => Assert.Null(p.ResistanceInterval));
    }

    [Fact]
    public void AGivenNoiseLevelSetsTheBudget()
    {
        var s = Spectrum(Cases["one ZARC"], 0.005, 12);
        var estimated = Drt.Compute(s, new DrtOptions { BootstrapSamples = 0 });
        var larger = Drt.Compute(s, new DrtOptions { BootstrapSamples = 0, Noise = 0.02 });
        Assert.Equal(0.02, larger.Noise);
        Assert.True(larger.Lambda > 5 * estimated.Lambda);
        Assert.Throws<InputException>(() => Drt.Compute(s, new DrtOptions { Noise = -1 }));
        Assert.Throws<InputException>(() => Drt.Compute(s, new DrtOptions { BootstrapSamples = 5 }));
    }
}
