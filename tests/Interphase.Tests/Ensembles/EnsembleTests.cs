using CsCheck;
using Interphase.Cells;
using Interphase.Ensembles;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;

namespace Interphase.Tests.Ensembles;

/// <summary>Ensembles (issue 9, item 6): reproducible draws, bands that follow the spread of the inputs.</summary>
public sealed class EnsembleTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static readonly Protocol Cycling = ProtocolParser.ParseLines(["Repeat 4 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h"]);
    static readonly Protocol Ramp = ProtocolParser.ParseLines(["Ramp from 0.1 to 3 mA/cm2 in steps of 0.1 mA/cm2: Plate for 1 h; Strip for 1 h", "Stop if short circuit"]);

    /// <summary>A-bare-Li-LPSCl with a 'distributions:' block (YAML lines, indented by two spaces).</summary>
    internal static CellSpec Cell(params string[] distributions)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml")).Replace("protocol_file: A-symmetric.protocol", "");
        if (distributions.Length > 0) text += "\ndistributions:\n" + string.Concat(distributions.Select(d => $"  {d}\n"));
        return CellSpec.Parse(YNode.LoadText(text, "cell.yaml"), Lib);
    }

    static EnsembleResult Run(CellSpec cell, int n, int seed, Protocol? protocol = null, int cores = -1) =>
        Ensemble.Run(cell, Lib, protocol ?? Cycling, EnsembleSpec.Read(cell, Lib), new EnsembleOptions { Count = n, Seed = seed, MaxDegreeOfParallelism = cores });

    static int Metric(EnsembleResult r, string name) => r.Metrics.Select((m, k) => (m, k)).Single(x => x.m.Name == name).k;

    const string Pressure = "stack_pressure: normal(5 MPa, 1 MPa)";
    static string ExchangeCurrent(double sigma) => $"\"Li|Li6PS5Cl.exchange_current_density\": lognormal(1.12 mA/cm2, {sigma})";

    [Fact]
    public void TheSameSeedGivesTheSameEnsembleOnAnyNumberOfCores()
    {
        var cell = Cell(Pressure, ExchangeCurrent(0.3), "layers.2.thickness: uniform(250 um, 350 um)");
        var a = Run(cell, 12, 42, Ramp, cores: 1);
        var b = Run(cell, 12, 42, Ramp, cores: 2);
        var c = Run(cell, 12, 42, Ramp);
        foreach (var other in new[] { b, c })
            for (int i = 0; i < a.Count; i++)
            {
                Assert.Equal(a.Realisations[i].Seed, other.Realisations[i].Seed);
                Assert.Equal(a.Realisations[i].Sampled, other.Realisations[i].Sampled);
                Assert.Equal(a.Realisations[i].Metrics, other.Realisations[i].Metrics);
            }
        Assert.Equal(Interphase.Reports.EnsembleWriter.TableCsv(a), Interphase.Reports.EnsembleWriter.TableCsv(b));
    }

    [Fact]
    public void ADifferentSeedDrawsDifferentValues()
    {
        var cell = Cell(Pressure, ExchangeCurrent(0.3));
        var a = Run(cell, 6, 1);
        var b = Run(cell, 6, 2);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.NotEqual(a.Realisations[i].Seed, b.Realisations[i].Seed);
            Assert.NotEqual(a.Realisations[i].Sampled[0], b.Realisations[i].Sampled[0]);
            Assert.NotEqual(a.Realisations[i].Sampled[1], b.Realisations[i].Sampled[1]);
        }
        // and within one ensemble the realisations differ from each other
        Assert.Equal(a.Count, a.Realisations.Select(r => r.Sampled[0]).Distinct().Count());
    }

    [Fact]
    public void WithoutADistributionEveryBandHasZeroWidth()
    {
        var r = Run(Cell(), 5, 3);
        var k = Metric(r, "mean_overpotential_mV");
        var band = r.BandOf(k);
        Assert.Equal(5, band.Defined);
        Assert.True(band.ZeroWidth, $"p10 {band.P10}, p90 {band.P90}");
        Assert.Equal(band.Median, band.P10);
        // a distribution with no spread is the same as none
        var zero = Run(Cell(ExchangeCurrent(0)), 5, 3).BandOf(k);
        Assert.True(zero.ZeroWidth);
        Assert.Equal(band.Median, zero.Median);
    }

    [Fact]
    public void TheBandsWidenWhenTheSpreadWidens()
    {
        var k = Metric(Run(Cell(), 1, 1), "mean_interfacial_overpotential_mV");
        var widths = new[] { 0.0, 0.1, 0.4 }.Select(s => Run(Cell(ExchangeCurrent(s)), 24, 11).BandOf(k).Width!.Value).ToArray();
        Assert.Equal(0, widths[0]);
        Assert.True(widths[1] > 0, $"width {widths[1]} mV at sigma 0.1");
        Assert.True(widths[2] > 2.5 * widths[1], $"width {widths[2]} mV at sigma 0.4 against {widths[1]} mV at 0.1");
    }

    [Fact]
    public void ASampledSeparatorThicknessSetsEachRealisationsOhmicDrop()
    {
        // the electrolyte's ohmic drop, mean |V| − interfacial, is proportional to the drawn thickness
        var r = Run(Cell("layers.2.thickness: uniform(100 um, 900 um)"), 10, 5);
        int v = Metric(r, "mean_overpotential_mV"), vi = Metric(r, "mean_interfacial_overpotential_mV");
        var ratio = r.Realisations.Select(x => (x.Metrics[v]!.Value - x.Metrics[vi]!.Value) / x.Sampled[0]).ToArray();
        Assert.True(r.Realisations.Select(x => x.Sampled[0]).Max() > 2 * r.Realisations.Select(x => x.Sampled[0]).Min());
        Assert.All(ratio, q => Assert.Equal(ratio[0], q, 1e-6 * ratio[0]));
    }

    [Fact]
    public void ASampledStackPressureAndTemperatureReachTheModel()
    {
        var k = Metric(Run(Cell(), 1, 1), "mean_overpotential_mV");
        Assert.True(Run(Cell("temperature: uniform(15 degC, 45 degC)"), 8, 9).BandOf(k).Width > 1);
        var p = Run(Cell("stack_pressure: uniform(0.5 MPa, 20 MPa)"), 8, 9, Ramp);
        Assert.True(p.BandOf(Metric(p, "time_to_short_h")).Width > 0 || p.BandOf(k).Width > 0.1);
    }

    [Fact]
    public void TheShortCircuitMetricsOfARampAreBandsOverTheRealisationsThatShorted()
    {
        var r = Run(Cell(Pressure, ExchangeCurrent(0.3)), 10, 8, Ramp);
        Assert.Equal(10, r.Shorted);
        foreach (var name in new[] { "time_to_short_h", "short_ccd_mA_cm2", "onset_ccd_mA_cm2" })
        {
            var b = r.BandOf(Metric(r, name));
            Assert.Equal(10, b.Defined);
            Assert.True(b.P10 <= b.Median && b.Median <= b.P90);
        }
        // without a short the time to short is counted as undefined, never NaN
        var none = Run(Cell(ExchangeCurrent(0.3)), 4, 8);
        var t = none.BandOf(Metric(none, "time_to_short_h"));
        Assert.Equal((null, 0, 4), (t.Median, t.Defined, t.Undefined));
    }

    [Fact]
    public void ARefusedDrawIsCountedAndLeftOutOfTheBands()
    {
        // normal(0.5 MPa, 2 MPa) draws negative pressures
        var r = Run(Cell("stack_pressure: normal(0.5 MPa, 2 MPa)"), 20, 4);
        Assert.InRange(r.Refused, 1, 19);
        Assert.All(r.Realisations.Where(x => x.Refused is not null), x => Assert.Contains("cannot be negative", x.Refused));
        var b = r.BandOf(Metric(r, "mean_overpotential_mV"));
        Assert.Equal(20 - r.Refused, b.Defined + b.Undefined);
    }

    [Fact]
    public void DrawsFollowTheirDistributions()
    {
        static double[] Draws(string text, int n = 4000)
        {
            var d = Distribution.Parse(text, default);
            var rng = new MathNet.Numerics.Random.Xoshiro256StarStar(17, false);
            return Enumerable.Range(0, n).Select(_ => d.Sample(rng)).ToArray();
        }
        var normal = Draws("normal(5 MPa, 0.5 MPa)");
        Assert.Equal(5, normal.Average(), 0.03);
        Assert.Equal(0.5, MathNet.Numerics.Statistics.Statistics.StandardDeviation(normal), 0.02);
        var logn = Draws("lognormal(2 mA/cm2, 0.3)");
        Assert.Equal(2, MathNet.Numerics.Statistics.Statistics.Median(logn), 0.05);
        Assert.Equal(0.3, MathNet.Numerics.Statistics.Statistics.StandardDeviation(logn.Select(x => Math.Log(x))), 0.01);
        var uni = Draws("uniform(20 degC, 30 degC)");
        Assert.InRange(uni.Min(), 20, 20.1);
        Assert.InRange(uni.Max(), 29.9, 30);
        // a spread in another unit of the same kind is converted: 500 kPa = 0.5 MPa
        Assert.Equal(0.5, Distribution.Parse("normal(5 MPa, 500 kPa)", default).B, 12);
    }

    [Theory]
    [InlineData("normal(5 MPa, -1 MPa)", "negative")]
    [InlineData("lognormal(1 mA/cm2, -0.2)", "negative")]
    [InlineData("weibull(5 MPa, 2)", "unknown distribution 'weibull'")]
    [InlineData("uniform(30 degC, 20 degC)", "below the lower one")]
    [InlineData("normal(5 MPa)", "takes two values")]
    [InlineData("normal(5 MPa, 1 mA)", "not in a unit of the same kind")]
    [InlineData("5 MPa", "not a distribution")]
    public void AMistakenDistributionIsAnInputErrorAtItsLine(string text, string expected)
    {
        var e = Assert.Throws<InputException>(() => EnsembleSpec.Read(Cell($"stack_pressure: {text}"), Lib));
        Assert.Contains(expected, e.Message);
        Assert.Equal("cell.yaml", e.Location.File);
        Assert.True(e.Location.Line > 10);
    }

    [Theory]
    [InlineData("temperature: normal(25 MPa, 1 MPa)", "temperature")]
    [InlineData("layers.7.thickness: normal(25 um, 1 um)", "layers 1 to 3")]
    [InlineData("\"Li|Li6PS5Cl.exchange_current_density\": normal(1 V, 0.1 V)", "current density")]
    [InlineData("\"Li|Li6PS5Cl.no_such_value\": normal(1 V, 0.1 V)", "no property")]
    [InlineData("voltage: normal(1 V, 0.1 V)", "unknown quantity 'voltage'")]
    public void AQuantityThatCannotCarryTheDistributionIsAnInputError(string entry, string expected)
    {
        var e = Assert.Throws<InputException>(() => EnsembleSpec.Read(Cell(entry), Lib));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void QuantilesAreOrdered() =>
        Gen.Select(Gen.Double[-1e6, 1e6].Array[1, 60], Gen.Int[0, 5]).Sample(t =>
        {
            var (values, nulls) = t;
            var b = Band.Of(values.Select(v => (double?)v).Concat(Enumerable.Repeat((double?)null, nulls)).Append(double.NaN));
            Assert.Equal(values.Length, b.Defined);
            Assert.Equal(nulls + 1, b.Undefined);
            Assert.True(b.P10 <= b.Median && b.Median <= b.P90, $"{b.P10} {b.Median} {b.P90}");
            Assert.InRange(b.P10!.Value, values.Min(), values.Max());
            Assert.InRange(b.P90!.Value, values.Min(), values.Max());
        });

    [Fact]
    public void QuantilesOfEnsemblesAreOrdered() =>
        Gen.Select(Gen.Int[2, 8], Gen.Int[0, 1000], Gen.Double[0, 0.6]).Sample(t =>
        {
            var (n, seed, sigma) = t;
            var r = Run(Cell(ExchangeCurrent(Math.Round(sigma, 3)), "stack_pressure: uniform(2 MPa, 8 MPa)"), n, seed);
            for (int k = 0; k < r.Metrics.Count; k++)
            {
                var b = r.BandOf(k);
                if (b.Defined > 0) Assert.True(b.P10 <= b.Median && b.Median <= b.P90);
                Assert.Equal(n, b.Defined + b.Undefined);
            }
        }, iter: 12);

    [Fact]
    public void RealisationSeedsAreSpreadOut()
    {
        var seeds = Enumerable.Range(0, 10000).Select(i => Ensemble.RealisationSeed(1, i)).ToHashSet();
        Assert.Equal(10000, seeds.Count);
        Assert.NotEqual(Ensemble.RealisationSeed(1, 0), Ensemble.RealisationSeed(2, 0));
    }
}
