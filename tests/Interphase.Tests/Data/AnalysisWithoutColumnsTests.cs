using Interphase.Data;
using Interphase.Data.Analysis;

namespace Interphase.Tests.Data;

/// <summary>
/// What the analysis computes on demand instead of storing per record (issue 11, the memory of <c>analyze</c>):
/// the charge and energy increments, each record's cycle, half cycle and charge in its half cycle, and medians
/// compared with a bound. Each must equal, bit for bit, what the stored columns and sorted copies gave; the
/// expected values are computed here the way the code computed them before.
/// </summary>
public class AnalysisWithoutColumnsTests
{
    static string Fixture(string folder, string name) => Path.Combine(TestPaths.Fixtures, "measured", folder, name);

    /// <summary>Real records with counters (Maccor, Neware, Novonix) and a synthetic symmetric cell without.</summary>
    static IEnumerable<CyclingDataset> Records()
    {
        yield return DataFile.ReadCycling(Fixture("maccor", "maccor_002.txt"));
        yield return DataFile.ReadCycling(Fixture("neware", "neware_uio.csv"));
        yield return DataFile.ReadCycling(Fixture("novonix", "sample_data_novonix.csv"));
        yield return Synthetic.Build(Synthetic.Symmetric(12, 1e-3, 3600, 600), 30, (t, s, q, i) => Math.Sign(i) * 0.05 + 1e-3 * Math.Sin(t / 100));
    }

    /// <summary>The arrays ChargeIncrements stored before: the right-point rule of the current, split by its sign.</summary>
    static (double[] Pos, double[] Neg) OldFromCurrent(CyclingDataset d, double[]? weight)
    {
        int n = d.Count;
        var pos = new double[n];
        var neg = new double[n];
        for (int i = 1; i < n; i++)
        {
            double dt = d.TimeS[i] - d.TimeS[i - 1];
            if (!(dt > 0) || !double.IsFinite(d.Current[i])) continue;
            double x = Math.Abs(d.Current[i]) * dt * (weight?[i] ?? 1);
            if (d.Current[i] > 0) pos[i] = x; else neg[i] = x;
        }
        return (pos, neg);
    }

    /// <summary>A counter's increments as stored before: a drop is a reset.</summary>
    static double[] OldIncrements(double[] counter)
    {
        var inc = new double[counter.Length];
        for (int i = 1; i < counter.Length; i++)
        {
            double a = counter[i - 1], b = counter[i];
            if (double.IsNaN(a) || double.IsNaN(b)) continue;
            inc[i] = b >= a ? b - a : Math.Max(b, 0);
        }
        return inc;
    }

    static void SameBits(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || double.IsNaN(expected) && double.IsNaN(actual),
            $"{what}: {actual:R}, stored before {expected:R}");

    [Fact]
    public void Increments_AreTheValuesTheStoredColumnsHeld()
    {
        foreach (var d in Records())
        {
            var sources = new List<(string, ChargeIncrements, double[], double[])>();
            var (p, q) = OldFromCurrent(d, null);
            sources.Add(("charge from the current", ChargeIncrements.FromCurrent(d), p, q));
            (p, q) = OldFromCurrent(d, d.Voltage);
            sources.Add(("energy from the current", ChargeIncrements.FromCurrent(d, d.Voltage), p, q));
            if (d.HasCapacityCounters)
                sources.Add(("capacity counters", ChargeIncrements.FromCounters(d.ChargeCapacity, d.DischargeCapacity), OldIncrements(d.ChargeCapacity), OldIncrements(d.DischargeCapacity)));
            foreach (var (name, inc, pos, neg) in sources)
                for (int i = 0; i < d.Count; i++)
                {
                    SameBits(pos[i], inc.At(1, i), $"{d.Info.Source}, {name}, record {i}, charge direction");
                    SameBits(neg[i], inc.At(-1, i), $"{d.Info.Source}, {name}, record {i}, discharge direction");
                }
        }
    }

    [Fact]
    public void Walk_GivesEachRecordsCycleHalfCycleAndChargeAsTheStoredColumnsDid()
    {
        int walked = 0;
        foreach (var d in Records())
        {
            var seg = Segmentation.Of(d);
            if (seg.HalfCycles.Count > 1) walked++;
            // the columns as Segmentation.Of filled them before
            var rowHalf = new int[d.Count];
            Array.Fill(rowHalf, -1);
            foreach (var h in seg.HalfCycles)
                for (int i = h.FirstRow; i <= h.LastRow; i++) rowHalf[i] = h.Index;
            var rowCycle = new int[d.Count];
            for (int i = 0, k = 0, c = 1; i < d.Count; i++)
            {
                while (k < seg.HalfCycles.Count && seg.HalfCycles[k].FirstRow <= i) { c = seg.HalfCycles[k].Cycle; k++; }
                rowCycle[i] = c;
            }
            var charge = seg.ChargeInHalfCycle();
            var walk = seg.Walk();
            for (int i = 0; i < d.Count; i++)
            {
                walk.MoveTo(i);
                Assert.True(rowCycle[i] == walk.Cycle, $"{d.Info.Source}, record {i}: cycle {walk.Cycle}, stored {rowCycle[i]}");
                Assert.True(rowHalf[i] == walk.HalfCycle, $"{d.Info.Source}, record {i}: half cycle {walk.HalfCycle}, stored {rowHalf[i]}");
                SameBits(charge[i], walk.ChargeInHalfCycle, $"{d.Info.Source}, record {i}, charge in its half cycle");
            }
            Assert.Equal(rowCycle, seg.RowCycle);
            Assert.Equal(rowHalf, seg.RowHalfCycle);
            foreach (var h in seg.HalfCycles)
            {
                var (rows, q) = seg.Progress(d, h);
                for (int k = 0; k < rows.Length; k++) SameBits(charge[rows[k]], q[k], $"{d.Info.Source}, half cycle {h.Index}, record {rows[k]}");
            }
        }
        Assert.True(walked >= 3, $"only {walked} records have several half cycles to walk through");
    }

    [Fact]
    public void MedianBelow_DecidesAsTheSortedMedianDoes()
    {
        var rng = new Random(23);
        double[] pool = [-1, -0.5, 0, 0, 0.25, 0.5, 0.999999, 1, 1, 1.000001, 2, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        for (int trial = 0; trial < 20_000; trial++)
        {
            int n = rng.Next(0, 12);
            var values = new double[n];
            for (int k = 0; k < n; k++) values[k] = rng.Next(3) == 0 ? rng.NextDouble() * 3 - 1 : pool[rng.Next(pool.Length)];
            foreach (double bound in new[] { 0.0, 1.0, 0.5 })
            {
                var counted = new ShortCircuitDetector.MedianBelow(bound);
                foreach (var v in values) counted.Add(v);
                bool sorted = ShortCircuitDetector.Median(values) < bound;
                Assert.True(sorted == counted.Result, $"[{string.Join(", ", values)}] below {bound}: counted {counted.Result}, sorted median {ShortCircuitDetector.Median(values)}");
            }
        }
    }
}
