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
/// <c>end-to-end</c> only that; with <c>stages [NAME]</c> the end to end's parts one by one (<see cref="Stages"/>; those whose name holds NAME);
/// with <c>loop [solver]</c> the streamed CSV end to end (or the solver alone) REPS times in a row, for a profiler (<see cref="Loop"/>).
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
        // this clone's cases and materials (not the first clone found beside it)
        var repo = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(BenchData.File("x"))))!;
        repo = Directory.GetDirectories(repo).FirstOrDefault(d => AppContext.BaseDirectory.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && File.Exists(Path.Combine(d, "Interphase.slnx"))) ?? throw new InvalidOperationException("the bench is not inside a clone beside ../shared");
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
        if (args.Length > 2 && args[2] == "stages")
        {
            Stages(cell, protocol, reps, args.Length > 3 ? args[3] : "");
            return 0;
        }
        if (args.Length > 2 && args[2] == "loop")
        {
            Loop(cell, protocol, reps, args.Length > 3 && args[3] == "solver");
            return 0;
        }
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
    /// Where the time of `interphase simulate` beyond the solver goes (decision 0039): each part of the streamed end to end
    /// alone, on one thread unless said, best of REPS after a warm-up, by the process's CPU time (every thread) and the
    /// wall clock. The parts: what streaming costs the run (the solver with a stream that does nothing with its points:
    /// the copies and hand-offs; then with the real CSV stream, whose filling and formatting run on the writer thread),
    /// filling and formatting the time series alone, the other tables and files, the report (build, figures' JSON,
    /// the page with plotly.js), writing the bytes to files, and the staging folder's own work.
    /// </summary>
    static void Stages(SymmetricCell cell, Protocol protocol, int reps, string only)
    {
        string Temp() => Path.Combine(Path.GetTempPath(), "interphase-out-" + Guid.NewGuid().ToString("N"));
        var r = new SymmetricSimulator(cell).Run(protocol);
        var layout = new SimulationWriter.SeriesLayout(r.HasAmalgam, r.HasConcentration);
        var page = SimulationReport.Build(r);
        byte[] csvBytes, htmlBytes;
        using (var ms = new MemoryStream()) { SimulationWriter.TimeSeries(r).StartCsv().WriteTo(ms); csvBytes = ms.ToArray(); }
        using (var ms = new MemoryStream()) { page.RenderTo(ms); htmlBytes = ms.ToArray(); }
        // the time series' values that are not small whole numbers (those are written as integers): what G9 formats
        var table = SimulationWriter.TimeSeries(r);
        var values = Enumerable.Range(0, table.RowCount).SelectMany(i => Enumerable.Range(0, table.ColumnCount).Select(j => table[i, j]))
            .Where(v => double.IsFinite(v) && !(v == Math.Floor(v) && Math.Abs(v) < 1e9)).Take(200_000).ToArray();
        var text = new byte[32];
        var parts = new (string Name, Action Do)[]
        {
            ($"G9 text, .NET ({values.Length / 1000} k values)", () => { foreach (var v in values) v.TryFormat(text, out _, "G9", System.Globalization.CultureInfo.InvariantCulture); }),
            ($"G9 text, GText ({values.Length / 1000} k values)", () => { foreach (var v in values) GText.Format(v, 9, text); }),
            ("solver alone", () => new SymmetricSimulator(cell).Run(protocol)),
            ("solver + stream doing nothing", () =>
            {
                var s = new TableStream<TimePoint>(layout.Columns(), (in TimePoint p, Span<double> row) => { }, formatCsv: false);
                new SymmetricSimulator(cell) { Recorded = s.Add }.Run(protocol);
                s.Complete();
            }),
            ("solver + CSV stream (2 threads)", () =>
            {
                var s = SimulationWriter.StreamTimeSeries(cell, TableFormat.Csv);
                new SymmetricSimulator(cell) { Recorded = s.Add }.Run(protocol);
                s.WriteCsvTo(Stream.Null);
            }),
            ("time series: rows filled", () => SimulationWriter.TimeSeries(r)),
            ("time series: filled + CSV", () => SimulationWriter.TimeSeries(r).StartCsv().WriteTo(Stream.Null)),
            ("time series: filled + Parquet", () => SimulationWriter.TimeSeries(r).WriteParquet(Stream.Null)),
            ("cycles.csv", () => SimulationWriter.Cycles(r).StartCsv().WriteTo(Stream.Null)),
            ("summary.json", () => SimulationWriter.SummaryJson(r)),
            ("report build (2 threads)", () => SimulationReport.Build(r)),
            ("report figures' JSON", () => { int k = 0; foreach (var f in page.Figures) PlotlyJson.SerializeFigure($"figure-{++k}", f); }),
            ("report page (2 threads)", () => page.RenderTo(Stream.Null)),
            ("files: 3.8 + 5.6 MB written", () =>
            {
                var d = Temp();
                Directory.CreateDirectory(d);
                File.WriteAllBytes(Path.Combine(d, "timeseries.csv"), csvBytes);
                File.WriteAllBytes(Path.Combine(d, "report.html"), htmlBytes);
                Directory.Delete(d, true);
            }),
            ("staging: folder, 4 files moved", () =>
            {
                var d = Temp();
                using (var st = new OutputStaging(d))
                {
                    foreach (var n in new[] { "timeseries.csv", "cycles.csv", "summary.json", "report.html" }) File.WriteAllBytes(st.PathFor(n), []);
                    st.Commit();
                }
                Directory.Delete(d, true);
            }),
            ("a task on the pool, waited for", () => Task.Run(() => { }).Wait()),
        };
        parts = parts.Where(p => p.Name.Contains(only, StringComparison.Ordinal)).ToArray();
        foreach (var p in parts) p.Do();
        var cpu = parts.Select(_ => new List<double>()).ToArray();
        var wall = parts.Select(_ => new List<double>()).ToArray();
        for (int k = 0; k < reps; k++)
            for (int j = 0; j < parts.Length; j++)
            {
                double c0 = ProcessCpuMs();
                var sw = Stopwatch.StartNew();
                parts[j].Do();
                wall[j].Add(sw.Elapsed.TotalMilliseconds);
                cpu[j].Add(ProcessCpuMs() - c0);
            }
        static double Median(List<double> x) { var a = x.Order().ToArray(); return a.Length % 2 == 1 ? a[a.Length / 2] : 0.5 * (a[a.Length / 2 - 1] + a[a.Length / 2]); }
        Console.WriteLine($"  stages, {reps} interleaved rounds; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"  {"",-34} {"CPU best",9} {"median",8} {"wall best",10} {"median",8}");
        for (int j = 0; j < parts.Length; j++)
            Console.WriteLine($"  {parts[j].Name,-34} {cpu[j].Min(),9:F2} {Median(cpu[j]),8:F2} {wall[j].Min(),10:F2} {Median(wall[j]),8:F2}");
    }

    /// <summary>
    /// <c>outputs CYCLES REPS loop [solver]</c>: `interphase simulate`'s end to end (CSV, streamed), or the solver alone, REPS times in a row and nothing
    /// else, for a profiler (perf with DOTNET_PerfMapEnabled=1) or GC counters; prints the process's CPU time and GC counts.
    /// </summary>
    static void Loop(SymmetricCell cell, Protocol protocol, int reps, bool solverOnly)
    {
        string Temp() => Path.Combine(Path.GetTempPath(), "interphase-out-" + Guid.NewGuid().ToString("N"));
        Action Run = () =>
        {
            var d = Temp();
            var series = SimulationWriter.StreamTimeSeries(cell, TableFormat.Csv);
            var r = new SymmetricSimulator(cell) { Recorded = series.Add }.Run(protocol);
            SimulationWriter.Write(r, d, null, SimulationReport.Build, TableFormat.Csv, streamed: series);
            Directory.Delete(d, true);
        };
        if (solverOnly) Run = () => new SymmetricSimulator(cell).Run(protocol);
        Run();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        long bytes = GC.GetTotalAllocatedBytes(true);
        double c0 = ProcessCpuMs();
        var sw = Stopwatch.StartNew();
        for (int k = 0; k < reps; k++) Run();
        Console.WriteLine($"  {reps} {(solverOnly ? "solver-alone" : "end-to-end (CSV, streamed)")} runs: wall {sw.Elapsed.TotalMilliseconds / reps:F1} ms, process CPU {(ProcessCpuMs() - c0) / reps:F1} ms a run; "
            + $"allocated {(GC.GetTotalAllocatedBytes(true) - bytes) / 1e6 / reps:F1} MB a run; GCs gen0/1/2 {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
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
        // the process's CPU time (every thread) against the solver's of the same round: on one core this is the wall clock's ratio
        var cpuRatio = cpu[1].Zip(cpu[0], (a, b) => a / b).ToArray();
        var wallRatio = wall[1].Zip(wall[0], (a, b) => a / b).ToArray();
        Console.WriteLine($"  CSV streamed ÷ solver alone, process CPU: best {cpu[1].Min() / cpu[0].Min():F2} (best ÷ best), median of rounds {Median(cpuRatio):F2}, "
            + $"{cpuRatio.Count(x => x <= 2)} of {reps} rounds ≤ 2; wall clock: best {wall[1].Min() / wall[0].Min():F2}, median of rounds {Median(wallRatio):F2}, {wallRatio.Count(x => x <= 2)} of {reps} rounds ≤ 2");
        Console.WriteLine($"  ÷ solver, round by round, process CPU (CSV streamed): {string.Join(" ", cpuRatio.Select(x => x.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"  ÷ solver, round by round (CSV streamed): {string.Join(" ", wall[1].Zip(wall[0], (a, b) => (a / b).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"  ÷ solver, round by round (Parquet streamed): {string.Join(" ", wall[3].Zip(wall[0], (a, b) => (a / b).ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}");
    }
}
