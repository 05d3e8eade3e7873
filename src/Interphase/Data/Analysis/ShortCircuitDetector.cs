namespace Interphase.Data.Analysis;

/// <summary>Thresholds of <see cref="ShortCircuitDetector"/>.</summary>
public sealed record ShortDetectionOptions
{
    /// <summary>A hard short: |V| falls below this fraction of the level before it, and stays there.</summary>
    public double CollapseFraction { get; init; } = 0.25;
    /// <summary>A soft short: the point-to-point noise exceeds this many times the noise of the healthy half cycles …</summary>
    public double NoiseFactor { get; init; } = 5;
    /// <summary>… and at least this fraction of the level (so that a noise-free record does not trigger on rounding) …</summary>
    public double MinRelativeNoise { get; init; } = 0.02;
    /// <summary>… and the level then falls below this fraction of the level before it and stays there.</summary>
    public double SoftDropFraction { get; init; } = 0.6;
    /// <summary>Half cycles after the event that must stay low for it to count (fewer at the end of the file).</summary>
    public int Persistence { get; init; } = 2;
    /// <summary>When the record ends within three points of the drop (the test stopped at the short), the last points must be below this fraction of the level.</summary>
    public double FinalCollapseFraction { get; init; } = 0.05;
}

/// <summary>The moment a symmetric cell failed, and how.</summary>
public sealed record ShortCircuitEvent(double TimeS, int Cycle, int HalfCycle, string Kind, string Message);

/// <summary>
/// Finds the short circuit of a measured symmetric (plating/stripping) cell, as domain.md
/// describes it: the voltage collapses towards zero (a metallic path now carries the current), or
/// it turns noisy (filaments forming and burning through) and then drops.
/// <para>Per half cycle the detector takes the level (median |V| over the records with current) and
/// the noise (median of |V_k − (V_{k−1} + V_{k+1})/2|, which a smooth galvanostatic transient
/// hardly moves). The reference is the level of the last healthy half cycle before. A hard short is
/// the first record whose |V| falls below <see cref="ShortDetectionOptions.CollapseFraction"/> of
/// the reference and after which |V| stays there (the rest of that half cycle and the next
/// <see cref="ShortDetectionOptions.Persistence"/> half cycles). A soft short is the first record
/// of a half cycle whose noise is large both against the healthy noise and against the level, when
/// the level falls below <see cref="ShortDetectionOptions.SoftDropFraction"/> of the reference within
/// the next half cycles and stays there. A slow, steady fall of the overpotential (an interface that
/// heals, like system E's amalgam) is neither: each half cycle is compared with the one before.</para>
/// </summary>
public static class ShortCircuitDetector
{
    public static ShortCircuitEvent? Find(CyclingDataset d, Segmentation seg, ShortDetectionOptions? options = null)
    {
        var o = options ?? new ShortDetectionOptions();
        var H = seg.HalfCycles;
        if (H.Count == 0) return null;
        var rows = H.Select(h => CurrentRows(d, seg, h)).ToArray();
        var level = rows.Select(r => Median(r.Select(i => Math.Abs(d.Voltage[i])))).ToArray();
        var noise = rows.Select(r => Noise(d.Voltage, r)).ToArray();

        double reference = rows[0].Length >= 3 ? Median(rows[0].Take(Math.Max(3, rows[0].Length / 3)).Select(i => Math.Abs(d.Voltage[i]))) : level[0];
        var healthyNoise = new List<double>();
        for (int h = 0; h < H.Count; h++)
        {
            if (rows[h].Length == 0) continue;
            if (!(reference > 0)) { reference = level[h]; continue; }
            double lowCut = o.CollapseFraction * reference;
            int after = Math.Min(o.Persistence, H.Count - 1 - h);

            // hard short: a record after which |V| stays below the cut (most of the rest of the half cycle, and the next ones)
            var r = rows[h];
            var below = new int[r.Length + 1]; // below[k] = records k.. with |V| under the cut
            for (int k = r.Length - 1; k >= 0; k--) below[k] = below[k + 1] + (Math.Abs(d.Voltage[r[k]]) < lowCut ? 1 : 0);
            bool laterLow = Enumerable.Range(h + 1, after).All(j => level[j] < lowCut);
            for (int k = 0; k < r.Length && laterLow; k++)
            {
                if (Math.Abs(d.Voltage[r[k]]) >= lowCut) continue;
                int tail = r.Length - k;
                if (after == 0 && tail < 3)
                {
                    // the record ends a few points after the drop (a test stopped at the short): only a drop to
                    // almost nothing counts then
                    bool deep = true;
                    for (int j = k; j < r.Length; j++) deep &= Math.Abs(d.Voltage[r[j]]) < o.FinalCollapseFraction * reference;
                    if (!deep) break;
                }
                else if (2 * below[k] <= tail) continue;
                int i0 = r[k];
                return new ShortCircuitEvent(d.TimeS[i0], H[h].Cycle, h, "collapse",
                    $"the voltage collapsed from a {reference * 1e3:G3} mV overpotential to {Math.Abs(d.Voltage[i0]) * 1e3:G3} mV and stayed below {o.CollapseFraction:P0} of it");
            }

            // soft short: noise first, then a lasting drop
            double baseNoise = healthyNoise.Count > 0 ? Median(healthyNoise.TakeLast(10)) : double.NaN;
            double noiseCut = Math.Max(double.IsFinite(baseNoise) ? o.NoiseFactor * baseNoise : 0, o.MinRelativeNoise * reference);
            if (double.IsFinite(noise[h]) && double.IsFinite(baseNoise) && noise[h] > noiseCut)
            {
                double dropCut = o.SoftDropFraction * reference;
                int last = Math.Min(H.Count - 1, h + 1 + o.Persistence);
                int fell = -1;
                for (int j = h; j <= last; j++)
                    if (level[j] < dropCut) { fell = j; break; }
                if (fell >= 0 && Enumerable.Range(fell, Math.Min(o.Persistence, H.Count - fell)).All(j => level[j] < dropCut))
                {
                    int i0 = FirstNoisy(d.Voltage, r, noiseCut);
                    if (h > 0 && NoisyTailStart(d.Voltage, rows[h - 1], noiseCut) is int early) i0 = early;
                    return new ShortCircuitEvent(d.TimeS[i0], H[h].Cycle, h, "soft",
                        $"the voltage turned noisy ({noise[h] * 1e3:G3} mV point to point, {noise[h] / baseNoise:G3}× before) and the overpotential then fell from {reference * 1e3:G3} to {level[fell] * 1e3:G3} mV");
                }
            }

            reference = level[h];
            if (double.IsFinite(noise[h])) healthyNoise.Add(noise[h]);
        }
        return null;
    }

    /// <summary>The records of a half cycle that carry its current.</summary>
    internal static int[] CurrentRows(CyclingDataset d, Segmentation seg, HalfCycle h)
    {
        int count = 0;
        for (int i = h.FirstRow; i <= h.LastRow; i++)
            if (CarriesCurrent(d, seg, h, i)) count++;
        var rows = new int[count];
        for (int i = h.FirstRow, k = 0; i <= h.LastRow; i++)
            if (CarriesCurrent(d, seg, h, i)) rows[k++] = i;
        return rows;
    }

    /// <summary>Whether record <paramref name="i"/> of <paramref name="h"/> carries the half cycle's current (one of <see cref="CurrentRows"/>).</summary>
    internal static bool CarriesCurrent(CyclingDataset d, Segmentation seg, HalfCycle h, int i) =>
        Math.Sign(d.Current[i]) == h.Sign && Math.Abs(d.Current[i]) > seg.ThresholdA;

    static double Noise(double[] v, int[] r)
    {
        if (r.Length < 5) return double.NaN;
        var x = new double[r.Length - 2];
        for (int k = 1; k + 1 < r.Length; k++) x[k - 1] = Math.Abs(v[r[k]] - 0.5 * (v[r[k - 1]] + v[r[k + 1]]));
        return Median(x);
    }

    static int FirstNoisy(double[] v, int[] r, double cut)
    {
        for (int k = 1; k + 1 < r.Length; k++)
            if (Math.Abs(v[r[k]] - 0.5 * (v[r[k - 1]] + v[r[k + 1]])) > cut) return r[k];
        return r[0];
    }

    /// <summary>
    /// The noise may start inside the half cycle before the first one that is noisy as a whole:
    /// walking back from its end while most records are noisy finds where it began.
    /// </summary>
    static int? NoisyTailStart(double[] v, int[] r, double cut)
    {
        int? start = null;
        int noisy = 0, total = 0;
        for (int k = r.Length - 2; k >= 1; k--)
        {
            total++;
            if (Math.Abs(v[r[k]] - 0.5 * (v[r[k - 1]] + v[r[k + 1]])) > cut)
            {
                noisy++;
                if (2 * noisy >= total) start = r[k];
            }
            if (total >= 10 && noisy < 0.3 * total) break;
        }
        return start;
    }

    /// <summary>
    /// Whether <see cref="Median"/> of the values added lies below a bound, decided by counting instead of sorting a
    /// copy of them all (a file of millions of records): the median of m finite values is below the bound when more than
    /// half of them are; when exactly half are (m even), it is the mean of the largest below and the smallest not below,
    /// compared as <see cref="Median"/> computes it. The answer is the same as <c>Median(values) &lt; bound</c>.
    /// </summary>
    internal sealed class MedianBelow(double bound)
    {
        int _finite, _below;
        double _largestBelow = double.NegativeInfinity, _smallestAbove = double.PositiveInfinity;

        public void Add(double x)
        {
            if (!double.IsFinite(x)) return;
            _finite++;
            if (x < bound) { _below++; if (x > _largestBelow) _largestBelow = x; }
            else if (x < _smallestAbove) _smallestAbove = x;
        }

        public bool Result
        {
            get
            {
                if (_finite == 0) return false; // the median is NaN
                if (_finite % 2 == 1) return _below > _finite / 2;
                if (_below != _finite / 2) return _below > _finite / 2;
                return 0.5 * (_largestBelow + _smallestAbove) < bound;
            }
        }
    }

    internal static double Median(IEnumerable<double> values)
    {
        var a = values.Where(double.IsFinite).ToArray();
        if (a.Length == 0) return double.NaN;
        Array.Sort(a);
        return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]);
    }
}
