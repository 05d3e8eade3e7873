namespace Interphase.Reports;

/// <summary>A reduced series and, for each kept point, its index in the original series.</summary>
public sealed record DecimatedSeries(double[] X, double[] Y, int[] Indices)
{
    public int Count => X.Length;
}

/// <summary>
/// Shrinks long time series for plotting without hiding what matters in them.
/// </summary>
public static class Decimation
{
    /// <summary>
    /// Min/max-preserving decimation (the M4 scheme: Jugel et al., "M4: A Visualization-Oriented
    /// Time Series Data Aggregation", PVLDB 7 (2014) 797). The index range is cut into
    /// ⌊maxPoints/4⌋ equal buckets and each bucket keeps its first, last, lowest and highest
    /// point, in their original order. A line through the kept points covers the same pixels as a
    /// line through all of them at that resolution: every peak, dip and voltage cut-off stays.
    /// Where y has non-finite values (gaps), ⌊maxPoints/5⌋ buckets are used and each bucket also
    /// keeps its first gap, so a gap stays a gap.
    /// </summary>
    /// <param name="x">Abscissae, normally increasing (time); the buckets are taken by index.</param>
    /// <param name="y">Ordinates, as many as <paramref name="x"/>.</param>
    /// <param name="maxPoints">At most this many points are returned (at least 8).</param>
    /// <returns>The input unchanged (copied) when it has at most <paramref name="maxPoints"/> points.</returns>
    public static DecimatedSeries Decimate(IReadOnlyList<double> x, IReadOnlyList<double> y, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}", nameof(y));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 8);

        // arrays are read directly; anything else (a report's ColumnView of a column in other units) through its
        // indexer, not copied: a copy of a million-record column per trace was most of analyze's report memory
        // (issue 11). The same points either way.
        return (x, y) switch
        {
            (double[] xa, double[] ya) => Core(new ArrayValues(xa), new ArrayValues(ya), maxPoints),
            (double[] xa, _) => Core(new ArrayValues(xa), new ListValues(y), maxPoints),
            (_, double[] ya) => Core(new ListValues(x), new ArrayValues(ya), maxPoints),
            _ => Core(new ListValues(x), new ListValues(y), maxPoints),
        };
    }

    interface IValues
    {
        int Length { get; }
        double this[int i] { get; }
    }

    readonly struct ArrayValues(double[] a) : IValues
    {
        public int Length => a.Length;
        public double this[int i] => a[i];
    }

    readonly struct ListValues(IReadOnlyList<double> a) : IValues
    {
        public int Length => a.Count;
        public double this[int i] => a[i];
    }

    /// <summary>Generic over the value kinds (structs), so that arrays are read without an interface call.</summary>
    static DecimatedSeries Core<TX, TY>(TX x, TY y, int maxPoints) where TX : struct, IValues where TY : struct, IValues
    {
        int n = x.Length;
        if (n <= maxPoints)
        {
            var all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return Select(x, y, all);
        }

        bool hasGaps = false;
        for (int i = 0; i < n && !hasGaps; i++) hasGaps = !double.IsFinite(y[i]);
        int buckets = maxPoints / (hasGaps ? 5 : 4);

        var kept = new List<int>(maxPoints);
        Span<int> candidates = stackalloc int[5];
        for (int b = 0; b < buckets; b++)
        {
            int start = (int)((long)b * n / buckets);
            int end = (int)((long)(b + 1) * n / buckets);
            int lo = -1, hi = -1, gap = -1;
            for (int i = start; i < end; i++)
            {
                double v = y[i];
                if (!double.IsFinite(v))
                {
                    if (gap < 0) gap = i;
                    continue;
                }
                if (lo < 0 || v < y[lo]) lo = i;
                if (hi < 0 || v > y[hi]) hi = i;
            }
            int m = 0;
            candidates[m++] = start;
            candidates[m++] = end - 1;
            if (lo >= 0) candidates[m++] = lo;
            if (hi >= 0) candidates[m++] = hi;
            if (gap >= 0) candidates[m++] = gap;
            // in order (an insertion sort of at most five: a general sort's set-up cost more than the sorting), once each
            var c = candidates[..m];
            for (int k = 1; k < m; k++)
            {
                int ck = c[k], j = k - 1;
                for (; j >= 0 && c[j] > ck; j--) c[j + 1] = c[j];
                c[j + 1] = ck;
            }
            for (int k = 0; k < m; k++)
                if (k == 0 || c[k] != c[k - 1]) kept.Add(c[k]);
        }
        return Select(x, y, kept.ToArray());
    }

    static DecimatedSeries Select<TX, TY>(TX x, TY y, int[] indices) where TX : struct, IValues where TY : struct, IValues
    {
        var xs = new double[indices.Length];
        var ys = new double[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            xs[k] = x[indices[k]];
            ys[k] = y[indices[k]];
        }
        return new DecimatedSeries(xs, ys, indices);
    }
}
