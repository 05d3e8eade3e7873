using Interphase.Reports;

namespace Interphase.Tests.Reports;

public class DecimationTests
{
    static (double[] X, double[] Y) RandomWalk(int n, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n];
        var y = new double[n];
        double v = 3.7;
        for (int i = 0; i < n; i++)
        {
            v += 0.001 * (rng.NextDouble() - 0.5);
            x[i] = i * 0.5;
            y[i] = v;
        }
        return (x, y);
    }

    /// <summary>
    /// A report decimates views of a dataset's columns in other units (ColumnView): they are read through their
    /// indexer, not copied (issue 11: a copy of a million-record column per trace was most of analyze's report
    /// memory). The points are those of the converted arrays, and decimating a million-point view allocates a small
    /// part of what one copy of it would (8 MB).
    /// </summary>
    [Fact]
    public void AViewIsDecimatedWithoutACopyToTheSamePoints()
    {
        int n = 1_000_000;
        var rng = new Random(4);
        var t = new double[n];
        var i = new double[n];
        for (int k = 0; k < n; k++) { t[k] = k * 3.7; i[k] = (rng.NextDouble() - 0.5) * 1e-3; }
        var hours = new ColumnView(t, x => x / 3600);
        var milliamps = new ColumnView(i, x => x * 1e3);
        var expected = Decimation.Decimate(t.Select(x => x / 3600).ToArray(), i.Select(x => x * 1e3).ToArray(), 20_000);
        Decimation.Decimate(hours, milliamps, 20_000); // JIT and first-use allocations out of the count
        long before = GC.GetAllocatedBytesForCurrentThread();
        var d = Decimation.Decimate(hours, milliamps, 20_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(expected.Indices, d.Indices);
        Assert.Equal(expected.X, d.X);
        Assert.Equal(expected.Y, d.Y);
        Assert.True(allocated < 1_000_000, $"decimating two views of {n} points allocated {allocated} bytes");
    }

    [Fact]
    public void KeepsGlobalMinimumMaximumFirstAndLast()
    {
        var (x, y) = RandomWalk(1_000_000, 7);
        var d = Decimation.Decimate(x, y, 4000);

        Assert.InRange(d.Count, 3000, 4000);
        Assert.Equal(y.Max(), d.Y.Max());
        Assert.Equal(y.Min(), d.Y.Min());
        Assert.Equal((x[0], y[0]), (d.X[0], d.Y[0]));
        Assert.Equal((x[^1], y[^1]), (d.X[^1], d.Y[^1]));
    }

    [Fact]
    public void KeepsOneSampleSpikesThatPlainStridingWouldMiss()
    {
        int n = 200_000;
        var x = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var y = x.Select(t => Math.Sin(t / 5000)).ToArray();
        y[54_321] = 10;   // a one-sample short-circuit spike
        y[77_777] = -10;  // and a dip
        var d = Decimation.Decimate(x, y, 1000);

        Assert.Contains(54_321, d.Indices);
        Assert.Contains(77_777, d.Indices);
        Assert.Equal(10, d.Y.Max());
        Assert.Equal(-10, d.Y.Min());
        // Every-200th-point striding, the naive alternative, loses both.
        var strided = Enumerable.Range(0, n / 200).Select(k => y[k * 200]).ToArray();
        Assert.True(strided.Max() < 1.01 && strided.Min() > -1.01);
    }

    [Theory]
    [InlineData(10, 8)]
    [InlineData(1001, 10)]
    [InlineData(12_345, 999)]
    [InlineData(100_000, 5000)]
    public void ReturnsAtMostMaxPointsInOriginalOrder(int n, int maxPoints)
    {
        var (x, y) = RandomWalk(n, n);
        var d = Decimation.Decimate(x, y, maxPoints);

        Assert.True(d.Count <= maxPoints, $"{d.Count} points for at most {maxPoints}");
        for (int k = 0; k < d.Count; k++)
        {
            Assert.Equal(x[d.Indices[k]], d.X[k]);
            Assert.Equal(y[d.Indices[k]], d.Y[k]);
            if (k > 0) Assert.True(d.Indices[k] > d.Indices[k - 1]);
        }
    }

    [Fact]
    public void ShortSeriesComeBackWhole()
    {
        double[] x = [1, 2, 3], y = [4, double.NaN, 6];
        var d = Decimation.Decimate(x, y, 8);
        Assert.Equal(x, d.X);
        Assert.Equal(y, d.Y);
        Assert.Equal([0, 1, 2], d.Indices);
    }

    [Fact]
    public void GapsStayGaps()
    {
        var (x, y) = RandomWalk(50_000, 3);
        for (int i = 20_000; i < 20_003; i++) y[i] = double.NaN;   // a pause in logging
        var d = Decimation.Decimate(x, y, 1000);

        Assert.True(d.Count <= 1000);
        Assert.Contains(d.Y, double.IsNaN);
        Assert.Contains(20_000, d.Indices);
    }

    [Fact]
    public void ThousandCycleVoltageTraceShrinksBelowTheWebGlThreshold()
    {
        // 1000 charge/discharge cycles, 300 samples each, between 3.0 V and 4.2 V, slowly fading.
        int perCycle = 300, cycles = 1000;
        var t = new double[perCycle * cycles];
        var v = new double[t.Length];
        for (int i = 0; i < t.Length; i++)
        {
            double phase = (i % perCycle) / (double)perCycle;
            double fade = 1 - 0.0001 * (i / perCycle);
            t[i] = i * 10.0;
            v[i] = 3.0 + 1.2 * fade * (phase < 0.5 ? 2 * phase : 2 - 2 * phase);
        }
        var hover = t.Select(s => $"t = {s} s").ToArray();
        var trace = new Trace("voltage", t, v) { HoverText = hover, Color = "#0072B2" };
        var small = trace.Decimated(Trace.WebGlThreshold);

        Assert.True(trace.UsesWebGl);
        Assert.False(small.UsesWebGl);
        Assert.Equal(v.Max(), small.Y.Max());
        Assert.Equal(v.Min(), small.Y.Min());
        Assert.Equal("#0072B2", small.Color);
        for (int k = 0; k < small.Count; k += 97)
            Assert.Equal($"t = {small.X[k]} s", small.HoverText![k]);
    }

    /// <summary>
    /// A simulated run's report (600 cycles, 25 000 points, over both budgets: 20 000 points for the voltage, 5 000
    /// for each interface state) draws each series through the M4 decimation, and on these real series every bucket
    /// of it (⌊budget/4⌋ equal index ranges) keeps the lowest and the highest value it holds, not only the run's.
    /// </summary>
    [Fact]
    public void ARunsReportKeepsTheLowestAndHighestPointOfEveryBucket()
    {
        var r = Interphase.Lab.Simulate(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), "Repeat 600 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h");
        Assert.True(r.Series.Count > 20000, $"{r.Series.Count} points");
        var page = SimulationReport.Build(r);
        var t = r.Series.Select(p => p.TimeS / 3600).ToArray();
        var series = new (string Figure, string Trace, double[] Y, int Budget)[]
        {
            ("Voltage", "voltage", r.Series.Select(p => p.Voltage).ToArray(), 20000),
            ("Voltage", "current density", r.Series.Select(p => p.CurrentDensity / 10).ToArray(), 20000),
            ("Interphase thickness", "electrode 1", r.Series.Select(p => p.Left.InterphaseM * 1e9).ToArray(), 5000),
            ("Metal foil left", "electrode 2", r.Series.Select(p => p.Right.MetalM * 1e6).ToArray(), 5000),
            ("Contact fraction", "electrode 1", r.Series.Select(p => p.Left.Contact).ToArray(), 5000),
        };
        foreach (var (figure, name, y, budget) in series)
        {
            var trace = page.Figures.Single(f => f.Title == figure).Traces.Single(x => x.Name == name);
            var d = Decimation.Decimate(t, y, budget);
            Assert.True(d.Count < y.Length);
            Assert.Equal(d.X, trace.X);
            Assert.Equal(d.Y, trace.Y);

            int n = y.Length, buckets = budget / 4, k = 0;
            for (int b = 0; b < buckets; b++)
            {
                int start = (int)((long)b * n / buckets), end = (int)((long)(b + 1) * n / buckets);
                double lo = double.PositiveInfinity, hi = double.NegativeInfinity, keptLo = double.PositiveInfinity, keptHi = double.NegativeInfinity;
                for (int i = start; i < end; i++) { lo = Math.Min(lo, y[i]); hi = Math.Max(hi, y[i]); }
                for (; k < d.Count && d.Indices[k] < end; k++) { keptLo = Math.Min(keptLo, d.Y[k]); keptHi = Math.Max(keptHi, d.Y[k]); }
                Assert.True(lo == keptLo && hi == keptHi, $"{figure}, {name}, bucket {b} ({t[start]:F2}–{t[end - 1]:F2} h): kept {keptLo:R}..{keptHi:R} of {lo:R}..{hi:R}");
            }
        }
    }

    [Fact]
    public void RejectsMismatchedLengthsAndTinyBudgets()
    {
        Assert.Throws<ArgumentException>(() => Decimation.Decimate([1, 2], [1], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Decimation.Decimate([1, 2], [1, 2], 7));
    }
}
