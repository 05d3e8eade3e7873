using System.Diagnostics;

namespace Interphase.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Interphase.Bench -- cpu-time [reps]</c>: the symmetric-cell, full-cell and
/// ensemble benchmarks timed by wall clock and by the process's CPU time, best of <c>reps</c> (default 15)
/// after a warm-up (a 1000-cycle run is timed ten at a time: the CPU clock ticks every 10 ms). On a machine shared with other work the wall clock counts the time the threads
/// waited for a core; the CPU time does not, so it shows what an idle machine would give (the
/// ensemble's CPU time over the cores used, if they scale).
/// </summary>
public static class CpuTime
{
    public static int Run(string[] args)
    {
        int reps = args.Length > 0 ? int.Parse(args[0]) : 15;
        var sym = new SymmetricCellBenchmarks();
        sym.Setup();
        var ens = new EnsembleBenchmarks();
        ens.Setup();
        var full = new FullCellBenchmarks();
        full.Setup();
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Time("A-bare 1000 cycles, 1 mAh/cm2 at 0.1 mA/cm2 (sweep mode)", reps, () => sym.PaperProtocol(), 10);
        Time("A-bare 1000 cycles, 0.3 mA/cm2 1 h halves (sweep mode)", reps, () => sym.VoidProtocol(), 10);
        Time("D-LFP-PT-PEO 1000 CC/CV cycles (sweep mode)", reps, () => full.CcCv());
        Time("ensemble 100 x 100 cycles, all cores", reps, () => ens.Ensemble100x100());
        Time("ensemble 100 x 100 cycles, one core", reps, () => ens.Ensemble100x100OneCore());
        Console.WriteLine($"end: load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    static void Time(string name, int reps, Func<int> work, int batch = 1)
    {
        work();
        var p = Process.GetCurrentProcess();
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        var walls = new List<double>();
        for (int i = 0; i < reps; i++)
        {
            p.Refresh();
            var cpu0 = p.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            for (int b = 0; b < batch; b++) work();
            sw.Stop();
            p.Refresh();
            double wall = sw.Elapsed.TotalMilliseconds / batch, cpu = (p.TotalProcessorTime - cpu0).TotalMilliseconds / batch;
            walls.Add(wall);
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, cpu);
        }
        walls.Sort();
        Console.WriteLine($"{name}: wall best {bestWall:F1} ms, median {walls[walls.Count / 2]:F1} ms; CPU time best {bestCpu:F1} ms");
    }
}
