using MathNet.Numerics.Statistics;

namespace Interphase.Ensembles;

/// <summary>
/// Median and 10–90 % band of a metric over the realisations where it is defined (a time to short of
/// the realisations that shorted), with how many realisations had it and how many did not. Quantiles
/// are MathNet's R-7 definition (linear interpolation between order statistics, as NumPy's default).
/// With no realisation defining the metric, the quantiles are null.
/// </summary>
public sealed record Band(double? Median, double? P10, double? P90, int Defined, int Undefined)
{
    public const string QuantileDefinition = "R-7 (linear interpolation between order statistics; NumPy's default), over the realisations where the metric is defined";

    /// <summary>Zero width: p10 = median = p90 (every realisation gave the same value).</summary>
    public bool ZeroWidth => P10 is { } a && P90 is { } b && a == b;

    /// <summary>p90 − p10, or null.</summary>
    public double? Width => P10 is { } a && P90 is { } b ? b - a : null;

    /// <summary>The band of <paramref name="values"/>; NaN and null entries count as undefined.</summary>
    public static Band Of(IEnumerable<double?> values)
    {
        var all = values.ToList();
        var v = all.Where(x => x is { } d && double.IsFinite(d)).Select(x => x!.Value).ToArray();
        int undefined = all.Count - v.Length;
        if (v.Length == 0) return new Band(null, null, null, 0, undefined);
        Array.Sort(v);
        double Q(double tau) => SortedArrayStatistics.QuantileCustom(v, tau, MathNet.Numerics.Statistics.QuantileDefinition.R7);
        return new Band(Q(0.5), Q(0.1), Q(0.9), v.Length, undefined);
    }
}
