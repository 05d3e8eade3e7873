using System.Diagnostics;
using System.Runtime.InteropServices;
using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;

namespace Interphase.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Interphase.Bench -- outputs [CYCLES] [REPS] [end-to-end]</c>: where the time of a
/// symmetric-cell run goes when every output is written (issue 13, item 3: 1000 cycles end to end ≤ 2× the solver).
/// Times the solver with its time series, then each writer, best of REPS (default 10) after a warm-up, by the wall
/// clock and by the CPU time of the whole process (clock_gettime(CLOCK_PROCESS_CPUTIME_ID), every thread; on a
/// machine shared with other jobs the wall clock counts the time a thread waited for a core, the CPU time does not).
/// Then the solver alone against solver + files end to end, interleaved (<see cref="EndToEnd"/>); with
/// <c>end-to-end</c> only that.
/// </summary>
internal static class OutputTiming
{
    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec t);

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec { public long Seconds; public long Nanoseconds; }

    /// <summary>CPU time of the calling thread (ms): clock_gettime(CLOCK_THREAD_CPUTIME_ID); NaN where not available.</summary>
    static double ThreadCpuMs()
    {
        try { return ClockGetTime(3, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : double.NaN; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return double.NaN; }
    }

    /// <summary>CPU time of every thread of this process (ms); NaN where the clock is not available.</summary>
    static double ProcessCpuMs()
    {
        try { return ClockGetTime(2, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : double.NaN; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return double.NaN; }
    }

    public static int Run(string[] args)
    {
        int cycles = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        int reps = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(BenchData.File("x"))))!;
        var repo = Directory.GetDirectories(root).First(d => File.Exists(Path.Combine(d, "Interphase.slnx")) && Directory.Exists(Path.Combine(d, "data", "cases")));
        var lib = MaterialLibrary.Load(Path.Combine(repo, "data", "materials"));
        var cell = SymmetricCell.Build(CellSpec.Load(Path.Combine(repo, "data", "cases", "A-bare-Li-LPSCl.yaml"), lib), lib);
        var protocol = ProtocolParser.ParseLines([$"Repeat {cycles} times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h"]);
        SimulationResult r = null!;
        string csv = "", cyc = "", json = "", html = "";
        HtmlReport page = null!;
        string Temp() => Path.Combine(Path.GetTempPath(), "interphase-out-" + Guid.NewGuid().ToString("N"));
        var steps = new (string Name, Action Do)[]
        {
            ("solver (with series)", () => r = new SymmetricSimulator(cell).Run(protocol)),
            ("timeseries.csv text", () => csv = SimulationWriter.TimeSeriesCsv(r)),
            ("timeseries.parquet", () => { using var s = new MemoryStream(); SimulationWriter.TimeSeries(r).WriteParquet(s); }),
            ("cycles.csv text", () => cyc = SimulationWriter.CyclesCsv(r)),
            ("summary.json text", () => json = SimulationWriter.SummaryJson(r)),
            ("report build", () => page = SimulationReport.Build(r)),
            ("report render (built)", () => { using var s = new MemoryStream(); page.RenderTo(s); }),
            ("report build + render", () => html = SimulationReport.Build(r).Render()),
            ("all files written", () => { var d = Temp(); SimulationWriter.Write(r, d, null, SimulationReport.Build); Directory.Delete(d, true); }),
            ("all files, --format parquet", () => { var d = Temp(); SimulationWriter.Write(r, d, null, SimulationReport.Build, TableFormat.Parquet); Directory.Delete(d, true); }),
        };
        Console.WriteLine($"A-bare-Li-LPSCl, {cycles} cycles, best of {reps} (ms); {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        if (args.Length > 2 && args[2] == "end-to-end")
        {
            EndToEnd(cell, protocol, reps);
            return 0;
        }
        Console.WriteLine($"  {"",-28} {"wall",8} {"CPU",8}");
        foreach (var (name, action) in steps)
        {
            action();
            double best = double.MaxValue, bestCpu = double.MaxValue;
            for (int k = 0; k < reps; k++)
            {
                double cpu0 = ProcessCpuMs();
                var sw = Stopwatch.StartNew();
                action();
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
                bestCpu = Math.Min(bestCpu, ProcessCpuMs() - cpu0);
            }
            Console.WriteLine($"  {name,-28} {best,8:F1} {bestCpu,8:F1}");
        }
        Console.WriteLine($"  points {r.Series.Count}, timeseries.csv {csv.Length / 1e6:F2} MB, report {html.Length / 1e6:F2} MB, cycles.csv {cyc.Length / 1e3:F0} kB, summary {json.Length / 1e3:F0} kB");
        EndToEnd(cell, protocol, reps);
        Console.WriteLine($"  end: load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>
    /// The solver alone against the solver and every file, as `interphase simulate` runs them (the time series streamed
    /// to another core while the solver runs) and as before (every file made after the run), CSV and Parquet: the
    /// configurations interleaved round by round, so that a change of load hits them alike. Prints the best and the
    /// median of each (wall clock, CPU time of the process, CPU time of the calling thread), and the median of the
    /// per-round ratios to the solver of the same round (wall clock and calling thread's CPU).
    /// </summary>
    static void EndToEnd(SymmetricCell cell, Protocol protocol, int reps)
    {
        string Temp() => Path.Combine(Path.GetTempPath(), "interphase-out-" + Guid.NewGuid().ToString("N"));
        void Run(TableFormat format, bool stream)
        {
            var d = Temp();
            var series = stream ? SimulationWriter.StreamTimeSeries(cell, format) : null;
            var r = new SymmetricSimulator(cell) { Recorded = series is null ? null : series.Add }.Run(protocol);
            SimulationWriter.Write(r, d, null, SimulationReport.Build, format, streamed: series);
            Directory.Delete(d, true);
        }
        var configs = new (string Name, Action Do)[]
        {
            ("solver alone (with series)", () => new SymmetricSimulator(cell).Run(protocol)),
            ("end to end, CSV, streamed", () => Run(TableFormat.Csv, true)),
            ("end to end, CSV, after run", () => Run(TableFormat.Csv, false)),
            ("end to end, Parquet, streamed", () => Run(TableFormat.Parquet, true)),
            ("end to end, Parquet, after", () => Run(TableFormat.Parquet, false)),
        };
        foreach (var c in configs) c.Do();
        var wall = configs.Select(_ => new List<double>()).ToArray();
        var cpu = configs.Select(_ => new List<double>()).ToArray();
        var own = configs.Select(_ => new List<double>()).ToArray();
        for (int k = 0; k < reps; k++)
            for (int j = 0; j < configs.Length; j++)
            {
                double cpu0 = ProcessCpuMs(), own0 = ThreadCpuMs();
                var sw = Stopwatch.StartNew();
                configs[j].Do();
                wall[j].Add(sw.Elapsed.TotalMilliseconds);
                cpu[j].Add(ProcessCpuMs() - cpu0);
                own[j].Add(ThreadCpuMs() - own0);
            }
        static double Median(IEnumerable<double> x) { var a = x.Order().ToArray(); return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]); }
        Console.WriteLine($"  interleaved, {reps} rounds; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        // the calling thread's CPU time: the solver and what the writer does on that thread (on an idle machine the
        // wall clock of the run, when the other core keeps up with the work handed to it)
        Console.WriteLine($"  {"",-30} {"wall best",9} {"median",8} {"CPU best",9} {"median",8} {"thread CPU",10} {"median",8} {"÷ solver: wall",15} {"thread CPU",10}");
        for (int j = 0; j < configs.Length; j++)
        {
            var ratio = Median(wall[j].Zip(wall[0], (a, b) => a / b));
            var ownRatio = Median(own[j].Zip(own[0], (a, b) => a / b));
            Console.WriteLine($"  {configs[j].Name,-30} {wall[j].Min(),9:F1} {Median(wall[j]),8:F1} {cpu[j].Min(),9:F1} {Median(cpu[j]),8:F1} {own[j].Min(),10:F1} {Median(own[j]),8:F1} {ratio,15:F2} {ownRatio,10:F2}");
        }
        Console.WriteLine($"  ÷ solver, round by round (CSV streamed): {string.Join(" ", wall[1].Zip(wall[0], (a, b) => (a / b).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"  ÷ solver, round by round (Parquet streamed): {string.Join(" ", wall[3].Zip(wall[0], (a, b) => (a / b).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
    }
}
