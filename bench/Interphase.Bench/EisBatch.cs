using System.Diagnostics;
using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Bench;

/// <summary>
/// Batch throughput: fit <c>R0-p(R1,CPE1)-p(R2,CPE2)-W1</c> to N spectra (default 10 000) with every
/// core: <c>-- eis-batch N</c> as warm-started series (<see cref="EisSeriesFitter.FitAll"/>, what <c>eis fit</c> on a batch
/// does), <c>-- eis-batch N cold</c> every spectrum from the automatic guess (<see cref="EisFitter.Fit"/> in a Parallel.For). The spectra are the real exampleData.csv spectrum with independent 0.5 %
/// Gaussian noise on each point, so every fit is a different problem of the real shape. Prints
/// fits per second for three repetitions and their median, plus how many fits converged, and fits per second of the
/// process's CPU time (on a machine shared with other work the wall clock counts the time the threads waited for a core).
/// </summary>
internal static class EisBatch
{
    public static int Run(string[] args)
    {
        int count = args.Length > 0 && int.TryParse(args[0], out var c) ? c : 10_000;
        bool cold = args.Length > 1 && args[1] == "cold";
        var circuit = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1");
        var spectra = Spectra(count);
        // warm-up (JIT)
        for (int k = 0; k < Math.Min(50, count); k++) EisFitter.Fit(spectra[k], circuit);
        if (!cold) EisSeriesFitter.FitAll(spectra.Take(200).ToArray(), circuit);
        Console.WriteLine(cold ? "every spectrum fitted cold (EisFitter.Fit, Parallel.For)" : "warm-started series (EisSeriesFitter.FitAll)");

        var rates = new List<double>();
        var cpuRates = new List<double>();
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        for (int rep = 0; rep < 3; rep++)
        {
            int converged = 0;
            var proc = Process.GetCurrentProcess();
            var cpu0 = proc.TotalProcessorTime;
            long alloc0 = GC.GetTotalAllocatedBytes(), gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var pause0 = GC.GetTotalPauseDuration();
            var sw = Stopwatch.StartNew();
            if (cold)
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
                {
                    if (EisFitter.Fit(spectra[k], circuit).Converged) Interlocked.Increment(ref converged);
                });
            else
                converged = EisSeriesFitter.FitAll(spectra, circuit).Count(r => r.Fit is { Converged: true });
            sw.Stop();
            proc.Refresh();
            double cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
            double rate = count / sw.Elapsed.TotalSeconds;
            rates.Add(rate);
            cpuRates.Add(count / cpu);
            Console.WriteLine($"repetition {rep + 1}: {count} fits in {sw.Elapsed.TotalSeconds:F2} s = {rate:F0} fits/s on {Environment.ProcessorCount} cores ({converged} converged); " +
                              $"CPU {cpu:F2} s = {count / cpu:F0} fits per CPU-second; allocated {(GC.GetTotalAllocatedBytes() - alloc0) / (double)count / 1024:F0} kB per fit, " +
                              $"GC {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} (gen 0/1/2) pausing {(GC.GetTotalPauseDuration() - pause0).TotalSeconds:F2} s");
        }
        rates.Sort();
        cpuRates.Sort();
        Console.WriteLine($"median: {rates[1]:F0} fits/s; {cpuRates[1]:F0} fits per CPU-second (× {Environment.ProcessorCount} cores = {cpuRates[1] * Environment.ProcessorCount:F0} fits/s on an idle machine if the cores scale)");
        Console.WriteLine($"end: load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>
    /// <c>-- eis-files DIR [count]</c>: writes <see cref="Spectra"/> (default 1 000) as CSV files (f, Z', Z'') to DIR,
    /// to time <c>interphase eis fit DIR -c CIRCUIT</c>, the batch as users run it.
    /// </summary>
    public static int WriteFiles(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("eis-files DIR [count]");
        int count = args.Length > 1 && int.TryParse(args[1], out var c) ? c : 1000;
        Directory.CreateDirectory(args[0]);
        var spectra = Spectra(count);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        for (int k = 0; k < count; k++)
        {
            var s = spectra[k];
            File.WriteAllLines(Path.Combine(args[0], $"s{k:D5}.csv"),
                Enumerable.Range(0, s.Count).Select(i => string.Create(inv, $"{s.FrequenciesHz[i]:R},{s.Impedance[i].Real:R},{s.Impedance[i].Imaginary:R}")));
        }
        Console.WriteLine($"{count} spectra written to {args[0]}");
        return 0;
    }

    /// <summary>The real exampleData.csv spectrum with independent 0.5 % Gaussian noise on every point, <paramref name="count"/> times (seed 2024).</summary>
    public static ImpedanceSpectrum[] Spectra(int count)
    {
        var baseSpectrum = EisFile.Read(BenchData.File("eis/exampleData.csv"));
        var rng = new Random(2024);
        var spectra = new ImpedanceSpectrum[count];
        for (int k = 0; k < count; k++)
        {
            var z = baseSpectrum.Impedance.Select(v => v * (1 + 0.005 * new Complex(Gauss(rng), Gauss(rng)))).ToArray();
            spectra[k] = new ImpedanceSpectrum(baseSpectrum.FrequenciesHz, z);
        }
        return spectra;
    }

    static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
