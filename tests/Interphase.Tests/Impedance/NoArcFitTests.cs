using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

/// <summary>
/// Circuits without an arc — the blocking-electrode fit R0-CPE1, R0, R0-C1, R-CPE-W chains, L0-R0-CPE1 —
/// are fitted from the automatic guess like any other (issue 8: they used to end in an internal error).
/// </summary>
public class NoArcFitTests
{
    static readonly double[] Grid = Synthetic.LogGrid(1e6, 0.01, 10);

    /// <summary>Every element of each circuit shows in 1 MHz – 10 mHz with these values.</summary>
    public static TheoryData<string, double[]> NoArcCircuits() => new()
    {
        { "R0", [100] },
        { "R0-C1", [100, 1e-6] },
        { "R0-CPE1", [100, 1e-6, 0.85] },
        { "R0-CPE1", [20, 3e-7, 0.7] },
        { "CPE1", [1e-6, 0.9] },
        { "R0-W1", [100, 500] },
        { "R0-Wo1", [100, 1000, 10] },
        { "R0-Ws1", [100, 1000, 10] },
        { "R0-C1-W1", [50, 1e-5, 300] },
        { "R0-CPE1-W1", [100, 1e-4, 0.9, 2000] },
        { "R0-CPE1-Wo1", [100, 1e-3, 0.9, 1000, 10] },
        { "L0-R0", [1e-6, 20] },
        { "L0-R0-CPE1", [1e-6, 50, 1e-6, 0.8] },
        { "R0-La1", [10, 1e-6, 0.9] },
    };

    [Theory]
    [MemberData(nameof(NoArcCircuits))]
    public void RecoversExactSpectraToOnePartInAMillion(string text, double[] truth)
    {
        var circuit = Circuit.Parse(text);
        var r = EisFitter.Fit(new ImpedanceSpectrum(Grid, circuit.WithValues(truth).Evaluate(Grid)), circuit);
        Assert.True(r.Converged, $"{text}: {r.Exit}");
        Assert.Empty(r.Warnings);
        for (int k = 0; k < truth.Length; k++)
            Assert.True(Math.Abs(r.Values[k] / truth[k] - 1) < 1e-6, $"{text} {r.Parameters[k].Name}: {r.Values[k]:R} vs {truth[k]}");
    }

    [Theory]
    [MemberData(nameof(NoArcCircuits))]
    public void RecoversNoisySpectraWithinFourStandardErrors(string text, double[] truth)
    {
        var circuit = Circuit.Parse(text);
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var s = Synthetic.Spectrum(circuit.WithValues(truth), Grid, 0.01, seed);
            var r = EisFitter.Fit(s, circuit);
            Assert.True(r.Converged, $"{text}, seed {seed}: {r.Exit}");
            Assert.Empty(r.Warnings);
            for (int k = 0; k < truth.Length; k++)
            {
                var p = r.Parameters[k];
                Assert.True(Math.Abs(p.Value - truth[k]) <= 4 * p.StandardError, $"{text}, seed {seed}, {p.Name}: {p.Value} ± {p.StandardError}, truth {truth[k]}");
                Assert.True(p.StandardError < 0.15 * truth[k], $"{text}, seed {seed}, {p.Name}: standard error {p.StandardError} too wide");
            }
            // 1 % noise on Z' and Z'' with modulus weighting: χ²/ν estimates 0.01²
            Assert.InRange(r.ReducedChiSquare, 0.5e-4, 2e-4);
        }
    }

    [Theory]
    [InlineData("R0-C1", new[] { 100, 1e-6 })]
    [InlineData("R0-W1", new[] { 100, 500.0 })]
    [InlineData("R0-C1-W1", new[] { 50, 1e-5, 300 })]
    [InlineData("L0-R0", new[] { 1e-6, 20 })]
    [InlineData("R0-CPE1", new[] { 20, 3e-7, 0.7 })]
    [InlineData("L0-R0-CPE1", new[] { 1e-6, 50, 1e-6, 0.8 })]
    public void TheGuessOfASeriesChainIsItsLeastSquaresSolution(string text, double[] truth)
    {
        // Shapes known (R, C, L, W) or read from the low-frequency slope (a lone CPE's α): the amplitudes
        // are linear and the guess is exact on an exact spectrum, before any iteration.
        var circuit = Circuit.Parse(text);
        var guess = InitialGuess.For(circuit, new ImpedanceSpectrum(Grid, circuit.WithValues(truth).Evaluate(Grid)));
        for (int k = 0; k < truth.Length; k++)
            Assert.True(Math.Abs(guess[k] / truth[k] - 1) < 1e-6, $"{text} {circuit.Parameters[k].Name}: guess {guess[k]:R} vs {truth[k]}");
    }

    [Fact]
    public void TailExponentIsTheLowFrequencySlope()
    {
        var cpe = Circuit.Parse("R0-CPE1", 20, 3e-7, 0.7);
        Assert.Equal(0.7, InitialGuess.TailExponent(new ImpedanceSpectrum(Grid, cpe.Evaluate(Grid)))!.Value, 9);
        // a spectrum that closes on the real axis has no capacitive tail
        var arc = Circuit.Parse("R0-p(R1,C1)", 10, 100, 1e-3);
        Assert.Null(InitialGuess.TailExponent(new ImpedanceSpectrum(Grid, arc.Evaluate(Grid))));
    }

    [Theory]
    [InlineData("R0")]
    [InlineData("R0-CPE1")]
    public void TwoResistorsInSeriesAreReportedAsOneSumNotASplit(string dataCircuit)
    {
        var data = dataCircuit == "R0" ? Circuit.Parse("R0", 100) : Circuit.Parse("R0-CPE1", 100, 1e-6, 0.85);
        var s = Synthetic.Spectrum(data, Grid, 0.01, 5);
        var r = EisFitter.Fit(s, Circuit.Parse("R0-R1"));
        Assert.False(r["R0"].Identifiable);
        Assert.False(r["R1"].Identifiable);
        Assert.Equal(double.PositiveInfinity, r["R0"].StandardError);
        Assert.Contains(r.Warnings, w => w.Contains("R0 and R1 (only their combination is determined"));
        // the sum is the weighted least-squares resistance, whatever the split
        var (rHat, _) = ResistorOptimum(s);
        Assert.Equal(rHat, r["R0"].Value + r["R1"].Value, 1e-6 * rHat);
        Assert.All(r.Values, v => Assert.True(double.IsFinite(v) && v > 0));
    }

    [Fact]
    public void APureResistanceOnASpectrumWithReactanceReportsItsPoorChiSquare()
    {
        var s = Synthetic.Spectrum(Circuit.Parse("R0-CPE1", 100, 1e-6, 0.85), Grid, 0.01, 5);
        var r = EisFitter.Fit(s, Circuit.Parse("R0"));
        Assert.True(r.Converged);
        var (rHat, chi2) = ResistorOptimum(s);
        Assert.Equal(rHat, r["R0"].Value, 1e-9 * rHat);
        Assert.Equal(chi2, r.ChiSquare, 1e-9 * chi2);
        Assert.Equal(chi2 / (2 * Grid.Length - 1), r.ReducedChiSquare, 1e-9 * chi2);
        Assert.True(r.ReducedChiSquare > 0.1, $"χ²/ν = {r.ReducedChiSquare}: a resistor cannot follow a CPE");
    }

    /// <summary>
    /// The closed-form fit of Ẑ = R with modulus weighting: R̂ = Σ Z'ᵢ/|Zᵢ|² / Σ 1/|Zᵢ|² and
    /// χ² = Σ [(R̂ − Z'ᵢ)² + Z''ᵢ²] / |Zᵢ|², computed here independently of the fitter.
    /// </summary>
    static (double R, double ChiSquare) ResistorOptimum(ImpedanceSpectrum s)
    {
        double r = s.Impedance.Sum(z => z.Real / (z.Magnitude * z.Magnitude)) / s.Impedance.Sum(z => 1 / (z.Magnitude * z.Magnitude));
        return (r, s.Impedance.Sum(z => (Math.Pow(r - z.Real, 2) + z.Imaginary * z.Imaginary) / (z.Magnitude * z.Magnitude)));
    }

    // Real files: the parts of the measured spectra that a circuit without an arc describes.

    static (ImpedanceSpectrum Spectrum, FitResult Fit) FitAbove(string file, double fMin, string circuit)
    {
        var s = EisFile.Read(SharedData.File(file)).InRange(fMin, double.PositiveInfinity);
        var r = EisFitter.Fit(s, Circuit.Parse(circuit));
        Assert.True(r.Converged, $"{file} above {fMin} Hz, {circuit}: {r.Exit}");
        return (s, r);
    }

    [SharedDataTheory]
    [InlineData("eis/exampleDataBioLogic.mpt", 5.0)]
    [InlineData("eis/exampleDataZPlot.z", 1e5)]
    public void RealHighFrequencyPlateauIsItsWeightedMeanResistance(string file, double fMin)
    {
        // BioLogic: Z' = 60.6–65.5 Ω, |Z''| < 8 Ω above 5 Hz; ZPlot: the top of its arc. Both are the
        // closed-form optimum of Ẑ = R, and the fit reports how well a resistor describes them.
        var (s, r) = FitAbove(file, fMin, "R0");
        var (rHat, chi2) = ResistorOptimum(s);
        Assert.Equal(rHat, r["R0"].Value, 1e-9 * rHat);
        Assert.Equal(chi2, r.ChiSquare, 1e-9 * chi2);
    }

    [SharedDataTheory]
    [InlineData("eis/exampleData.csv", 2000.0)]
    [InlineData("eis/exampleDataAutolab.txt", 3000.0)]
    public void RealInductiveEndIsAnInductorInSeriesWithAResistor(string file, double fMin)
    {
        // Ẑ = R + jωL separates: R̂ = Σ Z'/|Z|² / Σ 1/|Z|², L̂ = Σ ωZ''/|Z|² / Σ ω²/|Z|².
        var (s, r) = FitAbove(file, fMin, "L0-R0");
        var w = s.FrequenciesHz.Select(f => 2 * Math.PI * f).ToArray();
        var m2 = s.Impedance.Select(z => z.Magnitude * z.Magnitude).ToArray();
        double lHat = w.Select((x, i) => x * s.Impedance[i].Imaginary / m2[i]).Sum() / w.Select((x, i) => x * x / m2[i]).Sum();
        Assert.Equal(ResistorOptimum(s).R, r["R0"].Value, 1e-9 * r["R0"].Value);
        Assert.Equal(lHat, r["L0"].Value, 1e-9 * lHat);
        Assert.True(r["L0"].Identifiable && r["R0"].Identifiable);
    }

    [SharedDataFact]
    public void RealDiffusionTailFitsAsWarburgOrAsCpeWithHalfExponent()
    {
        // exampleData.csv below 0.1 Hz is a 45° diffusion line: R0-W1 and R0-CPE1 describe it within
        // 1 % (RMS), agree on the resistance in front of it, and the CPE's exponent is near ½.
        var s = EisFile.Read(SharedData.File("eis/exampleData.csv")).InRange(0, 0.1);
        var w = EisFitter.Fit(s, Circuit.Parse("R0-W1"));
        var q = EisFitter.Fit(s, Circuit.Parse("R0-CPE1"));
        foreach (var r in new[] { w, q })
        {
            Assert.True(r.Converged, r.Circuit.Text);
            Assert.Empty(r.Warnings);
            Assert.True(Rms(r) < 0.01, $"{r.Circuit.Text}: RMS relative residual {Rms(r):P2}");
        }
        Assert.InRange(q["CPE1_1"].Value, 0.45, 0.6);
        Assert.InRange(q["R0"].Value / w["R0"].Value, 0.95, 1.05);
    }

    [SharedDataTheory]
    [MemberData(nameof(RealFilesTimesNoArcCircuits))]
    public void NoArcCircuitsOnWholeRealSpectraGiveFiniteHonestResults(string file, string circuit)
    {
        // Mostly not a good description of these spectra: the fit must still end, with finite values
        // and the χ² that its own residuals give.
        var s = EisFile.Read(SharedData.File(file));
        var r = EisFitter.Fit(s, Circuit.Parse(circuit));
        // an element may degenerate onto its bound (L0 = 0 on a spectrum without inductance): it says so
        Assert.All(r.Parameters, p => Assert.True(double.IsFinite(p.Value) && (p.Value > 0 || (p.Value == 0 && p.AtBound)), $"{p.Name} = {p.Value}"));
        Assert.All(r.Parameters.Where(p => p.AtBound), p => Assert.Contains(r.Warnings, w => w.Contains("on a bound") && w.Contains(p.Name)));
        double chi2 = r.ResidualReal.Zip(r.ResidualImag).Sum(x => x.First * x.First + x.Second * x.Second);
        Assert.Equal(chi2, r.ChiSquare, 1e-9 * chi2);
        Assert.True(double.IsFinite(r.ReducedChiSquare) && double.IsFinite(r.Aic));
        Assert.True(r.Converged || r.Warnings.Count > 0);
        // a parameter at 0 has no relative error: its warning gives the absolute one
        Assert.All(r.Warnings, w => Assert.DoesNotContain("Infinity", w));
    }

    public static TheoryData<string, string> RealFilesTimesNoArcCircuits()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "eis/exampleData.csv", "eis/exampleDataBioLogic.mpt", "eis/exampleDataGamry.DTA", "eis/exampleDataAutolab.txt", "eis/exampleDataZPlot.z" })
            foreach (var circuit in new[] { "R0", "R0-R1", "R0-C1", "R0-CPE1", "R0-CPE1-W1", "L0-R0-CPE1" })
                data.Add(file, circuit);
        return data;
    }

    static double Rms(FitResult r) => Math.Sqrt(r.ResidualReal.Concat(r.ResidualImag).Average(v => v * v));
}
