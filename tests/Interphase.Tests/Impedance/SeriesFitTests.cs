using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

/// <summary>
/// Warm-started series of fits (<see cref="EisSeriesFitter"/>, docs/decisions/0024-eis-warm-starts.md) against the cold
/// path (<see cref="EisFitter.Fit"/> on every spectrum from the automatic guess): on every spectrum of each batch the
/// series' χ² is equal to the cold one (to 10⁻⁶ relative: both stop on a relative reduction of 10⁻⁹) or lower, and where
/// both found the same minimum, every fitted value is within the cold fit's standard error of the cold value.
/// </summary>
public class SeriesFitTests
{
    const string TwoArcs = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";

    static ImpedanceSpectrum Noisy(ImpedanceSpectrum s, double noise, Random rng) =>
        new(s.FrequenciesHz, [.. s.Impedance.Select(v => v * (1 + noise * new Complex(Synthetic.Gauss(rng), Synthetic.Gauss(rng))))]);

    static ImpedanceSpectrum Noisy(Circuit c, double[] f, double[] p, double noise, Random rng) =>
        new(f, [.. c.Evaluate(f, p).Select(v => v + noise * v.Magnitude * new Complex(Synthetic.Gauss(rng), Synthetic.Gauss(rng)))]);

    static readonly double[] Grid = [.. Enumerable.Range(0, 61).Select(i => 1e5 * Math.Pow(1e-6, i / 60.0))];

    /// <summary>Fits the batch both ways and holds the series to the cold fits; returns both.</summary>
    static (FitResult[] Series, FitResult[] Cold) NoWorseThanCold(IReadOnlyList<ImpedanceSpectrum> spectra, Circuit c, double minWarmFraction, EisFitOptions? o = null)
    {
        var series = EisSeriesFitter.FitAll(spectra, c, o);
        var cold = spectra.Select(s => EisFitter.Fit(s, c, o)).ToArray();
        var fits = new FitResult[spectra.Count];
        for (int k = 0; k < spectra.Count; k++)
        {
            Assert.True(series[k].Error is null, $"spectrum {k}: {series[k].Error}");
            var w = fits[k] = series[k].Fit!;
            var cf = cold[k];
            Assert.Same(spectra[k], w.Spectrum);
            Assert.True(w.ChiSquare <= cf.ChiSquare * (1 + 1e-6),
                $"spectrum {k} ({(w.WarmStart ? "warm" : "cold")}): χ² {w.ChiSquare:R} against {cf.ChiSquare:R} from the automatic guess");
            if (w.Converged && !cf.Converged) continue;
            Assert.Equal(cf.Converged, w.Converged);
            if (Math.Abs(w.ChiSquare / cf.ChiSquare - 1) > 1e-6) continue; // a lower minimum: other values are expected
            // the same minimum: every value within the cold fit's standard error, up to a relabelling of like elements (two
            // arcs p(R1,CPE1) and p(R2,CPE2) fitted either way round are one fit: the same impedance at every frequency)
            bool sameLabels = cf.Parameters.Where(q => !q.Fixed && q.Identifiable).All(q => Math.Abs(w[q.Name].Value - q.Value) <= q.StandardError);
            if (sameLabels) continue;
            for (int i = 0; i < w.Model.Length; i++)
                Assert.True((w.Model[i] - cf.Model[i]).Magnitude <= 1e-4 * cf.Model[i].Magnitude, $"spectrum {k}: the same χ² but another impedance at point {i}");
            foreach (var q in cf.Parameters.Where(q => !q.Fixed && q.Identifiable))
                Assert.True(w.Parameters.Any(v => v.Symbol == q.Symbol && v.Unit == q.Unit && Math.Abs(v.Value - q.Value) <= q.StandardError),
                    $"spectrum {k}: no {q.Symbol} of the series' fit is within {q.StandardError:G3} of {q.Name} = {q.Value:G6} from the automatic guess");
        }
        double warm = fits.Count(f => f.WarmStart) / (double)fits.Length;
        Assert.True(warm >= minWarmFraction, $"only {warm:P0} of the fits were warm; the batch should exercise the warm path");
        return (fits, cold);
    }

    /// <summary>
    /// Noisy copies (0.5 %) of the real exampleData.csv spectrum, the batch of the speed benchmark. On a few copies in a
    /// hundred the automatic guess lands in a minimum about 8 % above the usual one (R2 → ∞, W1 → 0); the batch starts
    /// with such a copy, so that its series would stay there if its anchor were not fitted again from the neighbouring
    /// anchors. Copies of this spectrum put CPE1's exponent on its bound of 1, so each warm fit starts with a parameter on
    /// a bound (held there while the data push against it).
    /// </summary>
    [SharedDataFact]
    public void NoisyCopiesOfARealSpectrumFitNoWorseThanFromTheGuess()
    {
        var real = EisFile.Read(SharedData.File("eis/exampleData.csv"));
        var rng = new Random(2024);
        var copies = Enumerable.Range(0, 161).Select(_ => Noisy(real, 0.005, rng)).ToList();
        var c = Circuit.Parse(TwoArcs);
        var (series, cold) = NoWorseThanCold(copies.Skip(1).ToList(), c, 0.9);
        Assert.True(series[0].ChiSquare < cold[0].ChiSquare * 0.99, "the first copy is one on which the automatic guess finds the worse minimum");
        Assert.True(series.Where(f => f.WarmStart).Average(f => f.Iterations) < 10, "a warm fit from a neighbour's minimum takes a few iterations");
        Assert.Contains(series, f => f.WarmStart && f["CPE1_1"].AtBound);
    }

    /// <summary>R1 grows tenfold and CPE2's coefficient a hundredfold along the series, 0.5 % noise.</summary>
    [Fact]
    public void ADriftingSeriesFitsNoWorseThanFromTheGuess()
    {
        var c = Circuit.Parse(TwoArcs);
        var rng = new Random(7);
        var spectra = Enumerable.Range(0, 96).Select(k =>
        {
            double t = k / 95.0;
            return Noisy(c, Grid, [10, 20 * Math.Pow(10, t), 1e-6, 0.9, 200, 1e-4 * Math.Pow(100, t), 0.8, 50], 0.005, rng);
        }).ToList();
        NoWorseThanCold(spectra, c, 0.9);
    }

    /// <summary>
    /// Unrelated spectra one after another: random arcs (resistances over two decades, capacitances over three, exponents
    /// 0.65–1) and noise from 0.1 to 2 %. A warm start from the previous spectrum is a poor start here; the checks must
    /// send these spectra to the automatic guess.
    /// </summary>
    [Fact]
    public void UnrelatedSpectraWithVaryingNoiseFitNoWorseThanFromTheGuess()
    {
        var c = Circuit.Parse(TwoArcs);
        var rng = new Random(8);
        double U(double a, double b) => a + (b - a) * rng.NextDouble();
        var spectra = Enumerable.Range(0, 64).Select(_ =>
        {
            double[] p = [Math.Pow(10, U(0, 2)), Math.Pow(10, U(0.5, 2.5)), Math.Pow(10, U(-8, -5)), U(0.65, 1), Math.Pow(10, U(1, 3)), Math.Pow(10, U(-5, -2)), U(0.65, 1), Math.Pow(10, U(0.5, 2.5))];
            return Noisy(c, Grid, p, Math.Pow(10, U(-3, Math.Log10(0.02))), rng);
        }).ToList();
        NoWorseThanCold(spectra, c, 0);
    }

    /// <summary>
    /// The real spectra of ../shared/data and of the test fixtures fitted as one batch with one circuit: unrelated spectra
    /// next to each other, so the checks must send most of them to the automatic guess. (Noisy copies of
    /// exampleDataAutolab.txt with this circuit are where the series is known to fall short: the automatic guess itself
    /// lands in two minima 0.05–9 % apart from copy to copy, and a series follows one of them; see
    /// docs/decisions/0024-eis-warm-starts.md.)
    /// </summary>
    [SharedDataFact]
    public void RealSpectraFitNoWorseThanFromTheGuess()
    {
        string[] files =
        [
            SharedData.File("eis/exampleData.csv"), SharedData.File("eis/exampleDataAutolab.txt"), SharedData.File("eis/exampleDataGamry.DTA"),
            SharedData.File("eis/exampleDataBioLogic.mpt"), SharedData.File("eis/exampleDataZPlot.z"),
            Fixture("impedance.py", "exampleDataCHInstruments.txt"), Fixture("impedance.py", "exampleDataParstat.txt"),
            Fixture("impedance.py", "exampleDataPowersuite.txt"), Fixture("impedance.py", "exampleDataVersaStudio.par"), Fixture("impedance.py", "Circuit1_EIS_1.z"),
            Fixture("pyimpspec", "data.dta"), Fixture("zahner", "rc-data.ism"),
        ];
        var spectra = files.Select(f => EisFile.Read(f).WithoutInductivePoints()).ToList();
        NoWorseThanCold(spectra, Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)"), 0);
    }

    static string Fixture(string folder, string name) => Path.Combine(TestPaths.Fixtures, "measured", "eis", folder, name);

    /// <summary>The sweeps of a real BioLogic Modulo Bat file: a measured series, fitted warm one after another.</summary>
    [Fact]
    public void TheSweepsOfAMeasuredFileFitNoWorseThanFromTheGuess()
    {
        var sweeps = EisFile.ReadAll(Path.Combine(TestPaths.Fixtures, "measured", "biologic", "mb.issue_223.mpr"));
        Assert.True(sweeps.Count > 2, "the fixture holds a series of sweeps");
        NoWorseThanCold(sweeps, Circuit.Parse("R0-p(R1,CPE1)"), 0.3);
    }

    /// <summary>A spectrum that cannot be fitted is that spectrum's error; the series goes on with the next ones.</summary>
    [Fact]
    public void ASpectrumThatCannotBeFittedDoesNotStopTheSeries()
    {
        var c = Circuit.Parse("R0-p(R1,CPE1)");
        var rng = new Random(3);
        var spectra = Enumerable.Range(0, 20).Select(_ => Noisy(c, Grid, [10, 100, 1e-5, 0.9], 0.002, rng)).ToList();
        spectra[5] = new ImpedanceSpectrum([1000, 100], [new Complex(10, -1), new Complex(20, -5)]);
        var fits = EisSeriesFitter.FitAll(spectra, c);
        Assert.IsType<InputException>(fits[5].Error);
        Assert.Null(fits[5].Fit);
        Assert.All(fits.Where((_, k) => k != 5), f => Assert.True(f.Fit is { Converged: true }));
        Assert.True(fits[6].Fit!.WarmStart, "the spectrum after the failure starts from the last fit");
    }

    /// <summary>With a global search every spectrum gets its many starts: no warm starts.</summary>
    [Fact]
    public void AGlobalSearchFitsEverySpectrumFromTheGuess()
    {
        var c = Circuit.Parse("R0-p(R1,CPE1)");
        var rng = new Random(4);
        var spectra = Enumerable.Range(0, 4).Select(_ => Noisy(c, Grid, [10, 100, 1e-5, 0.9], 0.002, rng)).ToList();
        var o = new EisFitOptions { GlobalStarts = 3 };
        var fits = EisSeriesFitter.FitAll(spectra, c, o);
        for (int k = 0; k < spectra.Count; k++)
        {
            Assert.False(fits[k].Fit!.WarmStart);
            Assert.Equal(EisFitter.Fit(spectra[k], c, o).ChiSquare, fits[k].Fit!.ChiSquare);
        }
    }

    /// <summary>The results depend on the batch, not on the number of cores.</summary>
    [Fact]
    public void OneCoreAndAllCoresGiveTheSameFits()
    {
        var c = Circuit.Parse("R0-p(R1,CPE1)");
        var rng = new Random(9);
        var spectra = Enumerable.Range(0, 40).Select(k => Noisy(c, Grid, [10, 100 + k, 1e-5, 0.9], 0.002, rng)).ToList();
        var one = EisSeriesFitter.FitAll(spectra, c, maxParallel: 1);
        // several times: which block runs first is up to the thread pool (a series once read a neighbour's anchor after
        // that neighbour had replaced it, so the fits depended on the order)
        for (int run = 0; run < 40; run++)
        {
            var all = EisSeriesFitter.FitAll(spectra, c, maxParallel: 4);
            for (int k = 0; k < spectra.Count; k++) Assert.Equal(one[k].Fit!.Values, all[k].Fit!.Values);
        }
    }
}
