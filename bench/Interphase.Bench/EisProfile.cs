using System.Diagnostics;
using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Bench;

/// <summary>
/// <c>-- eis-profile [count]</c>: where one batch fit's time goes, on one thread, by CPU time
/// (the process's, so waiting for a core on a loaded machine does not count): the automatic guess's
/// features (a coarse NNLS relaxation-time distribution), the ranking of arc assignments, the whole
/// fit, and the iterations and evaluations it took. Same spectra as <see cref="EisBatch"/>.
/// </summary>
internal static class EisProfile
{
    public static int Run(string[] args)
    {
        int count = args.Length > 0 && int.TryParse(args[0], out var c) ? c : 1000;
        var spectra = EisBatch.Spectra(count);
        var circuit = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1");
        for (int k = 0; k < Math.Min(50, count); k++) EisFitter.Fit(spectra[k], circuit);
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Time("features (guess NNLS)", count, k => InitialGuess.Features(spectra[k]));
        var features = spectra.Select(InitialGuess.Features).ToArray();
        var peakCounts = features.GroupBy(f => f.Peaks.Count).OrderBy(g => g.Key).Select(g => $"{g.Key} peaks: {g.Count()}");
        Console.WriteLine($"  guess distribution: {string.Join(", ", peakCounts)}");
        var ranked = InitialGuess.RankedArcs(circuit, spectra[0], features[0], InitialGuess.DefaultExponent);
        Console.WriteLine($"  spectrum 1: {ranked.Count} arc assignments, {ranked.Select(r => string.Join(";", r)).Distinct().Count()} distinct");
        Time("ranked arcs", count, k => InitialGuess.RankedArcs(circuit, spectra[k], features[k], InitialGuess.DefaultExponent));
        long iters = 0, evals = 0;
        Time("whole fit", count, k => { var f = EisFitter.Fit(spectra[k], circuit); iters += f.Iterations; evals += f.Evaluations; });
        Console.WriteLine($"  per fit: {iters / (double)count:F1} iterations, {evals / (double)count:F1} evaluations");
        return 0;
    }

    static void Time(string name, int count, Action<int> work)
    {
        var p = Process.GetCurrentProcess();
        p.Refresh();
        var cpu0 = p.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (int k = 0; k < count; k++) work(k);
        sw.Stop();
        p.Refresh();
        double cpu = (p.TotalProcessorTime - cpu0).TotalMilliseconds / count;
        Console.WriteLine($"{name,-24} CPU {cpu * 1e3,8:F1} µs/spectrum   wall {sw.Elapsed.TotalMilliseconds / count * 1e3,8:F1} µs/spectrum");
    }
}
