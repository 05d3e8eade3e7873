namespace Interphase.Data.Analysis;

/// <summary>One monotonic run of a voltage sweep, with its peak and its onset (anodic: oxidation; cathodic: reduction or plating).</summary>
public sealed record SweepSegment(int Index, int Cycle, bool Anodic, double FromV, double ToV, int Start, int End,
    double PeakCurrent, double PeakVoltage, double? OnsetVoltage);

/// <summary>
/// Linear and cyclic voltammograms, measured or simulated: the record split into monotonic voltage runs
/// (a reversal of more than <see cref="ReversalTolerance"/> starts a new one); per run its largest
/// current (anodic runs: the largest positive, cathodic runs: the most negative) and its onset: the voltage at
/// which the current density first reaches the threshold (anodic runs) or its negative (cathodic runs),
/// interpolated linearly between the two records around it (an electrolyte's oxidation or reduction limit, e.g.
/// 10 µA/cm²).
/// </summary>
public static class SweepAnalysis
{
    /// <summary>A voltage change against the run's direction larger than this (V) ends the run.</summary>
    public const double ReversalTolerance = 1e-4;

    /// <summary>Default onset threshold (A/m²): 10 µA/cm².</summary>
    public const double DefaultThreshold = 0.1;

    public static IReadOnlyList<SweepSegment> Of(IReadOnlyList<double> voltage, IReadOnlyList<double> currentDensity, IReadOnlyList<int>? cycle, double threshold)
    {
        var segs = new List<SweepSegment>();
        int n = voltage.Count, start = 0;
        while (start < n - 1)
        {
            // direction of the run: the first change beyond the tolerance
            int k = start;
            while (k + 1 < n && Math.Abs(voltage[k + 1] - voltage[start]) <= ReversalTolerance) k++;
            if (k + 1 >= n) break;
            int dir = Math.Sign(voltage[k + 1] - voltage[start]);
            int end = k + 1;
            double extreme = voltage[end];
            while (end + 1 < n && dir * (voltage[end + 1] - extreme) >= -ReversalTolerance)
            {
                end++;
                if (dir * (voltage[end] - extreme) > 0) extreme = voltage[end];
            }
            // the run ends at its extreme
            int last = end;
            while (last > start && voltage[last] != extreme) last--;
            bool anodic = dir > 0;
            int peak = start;
            for (int j = start; j <= last; j++)
                if (anodic ? currentDensity[j] > currentDensity[peak] : currentDensity[j] < currentDensity[peak]) peak = j;
            double? onset = null;
            // on a cathodic run the same crossing of the current's negative: i·dir reaches the threshold
            for (int j = start + 1; j <= last && onset is null; j++)
                if (dir * currentDensity[j] >= threshold && dir * currentDensity[j - 1] < threshold)
                {
                    double f = (threshold - dir * currentDensity[j - 1]) / (dir * currentDensity[j] - dir * currentDensity[j - 1]);
                    onset = voltage[j - 1] + f * (voltage[j] - voltage[j - 1]);
                }
            segs.Add(new SweepSegment(segs.Count + 1, cycle?[Math.Min(start + 1, last)] ?? 0, anodic, voltage[start], voltage[last], start, last,
                currentDensity[peak], voltage[peak], onset));
            start = last;
        }
        return segs;
    }
}
