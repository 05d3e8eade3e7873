namespace Interphase.Sweeps;

/// <summary>
/// First-order sensitivity indices from the runs of any sweep (the "given-data" estimator of Plischke,
/// Reliab. Eng. Syst. Saf. 95, 2010): the share of a metric's variance that one parameter explains alone,
/// S = Var(E[Y | X]) / Var(Y), with E[Y | X] estimated as the metric's mean in classes of X — each distinct
/// value of a listed parameter, or about √n equal-count classes of a continuous one. For independent
/// parameters S is the first-order Sobol' index; it carries a positive bias of about (classes − 1) / n.
/// </summary>
public static class Sensitivity
{
    /// <summary>The least number of runs for an index.</summary>
    public const int MinimumRuns = 10;

    /// <summary>S of <paramref name="y"/> on <paramref name="x"/> (pairs where both are defined), or null with fewer than <see cref="MinimumRuns"/> pairs or no variance.</summary>
    public static double? FirstOrder(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        if (n < MinimumRuns || y.Count != n) return null;
        double mean = y.Average();
        double total = y.Sum(v => (v - mean) * (v - mean));
        if (!(total > 0)) return null;
        var order = Enumerable.Range(0, n).OrderBy(i => x[i]).ToArray();
        int classes = (int)Math.Ceiling(Math.Sqrt(n));
        var distinct = x.Distinct().Count();
        IEnumerable<IEnumerable<int>> groups = distinct <= classes
            ? order.GroupBy(i => x[i]).Select(g => g.AsEnumerable())
            : Enumerable.Range(0, classes).Select(c => order.Skip(c * n / classes).Take((c + 1) * n / classes - c * n / classes));
        double between = 0;
        foreach (var g in groups)
        {
            var members = g.ToList();
            if (members.Count == 0) continue;
            double m = members.Average(i => y[i]);
            between += members.Count * (m - mean) * (m - mean);
        }
        return between / total;
    }
}
