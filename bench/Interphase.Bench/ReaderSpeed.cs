using System.Buffers.Binary;
using System.Diagnostics;
using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Data.BioLogic;
using Interphase.Data.Neware;

namespace Interphase.Bench;

/// <summary>
/// <c>-- readers [reps] [name]</c>: the binary readers (BioLogic .mpr, Neware .nda versions 29, 130, 22 and 8) and the text
/// layouts (.mpt in English and German, Arbin CSV, Maccor text, Neware CSV) on ~100 MB files made from the real files
/// of ../shared/data and the test fixtures (<see cref="LargeFiles"/>; <c>name</c> keeps the files whose description or
/// path holds it, <c>text</c> every text layout), into the unified dataset on one thread: best
/// and median wall time, CPU time and MB/s (file size ÷ time), bytes allocated; then <c>analyze</c>'s whole path
/// (<see cref="Measurement.Analyze"/>: detect, read, segment, analyse) on the same files with its time and the
/// process's peak resident memory growth over the run, against the targets of issue 11 (≥ 1 GB/s; analyze ≤ 1 s
/// and ≤ 2× the file in memory).
/// </summary>
internal static class ReaderSpeed
{
    public static int Run(string[] args)
    {
        int reps = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 7;
        // a second argument keeps the files whose name holds it ("mpt", "text", "nda"); "text" is every text layout
        string? only = args.Length > 1 ? args[1] : null;
        var dir = Path.Combine(Path.GetTempPath(), "interphase-bench-data");
        Directory.CreateDirectory(dir);
        string shared = LargeFiles.SharedData;
        var files = new (string Name, string Path, Func<string, int> Read)[]
        {
            (".mpr (BCD, 51-byte records)", Make(Path.Combine(dir, "bcd-100MB.mpr"), p => LargeFiles.Mpr(Path.Combine(shared, "biologic", "bcd.issue_241.mpr"), p, DataReaderBenchmarks.TargetBytes)),
                p => BioLogicReader.ReadMpr(p).Count),
            (".nda version 29 (86-byte records)", Make(Path.Combine(dir, "v29-100MB.nda"), p => LargeFiles.Nda29(Path.Combine(shared, "neware", "new_nda_file.nda"), p, DataReaderBenchmarks.TargetBytes)),
                p => NdaReader.Read(p).Count),
            (".nda version 130 (BTS 9.1)", Make(Path.Combine(dir, "v130-100MB.nda"), p => LargeFiles.Nda130(Path.Combine(shared, "neware", "TestFile.nda"), p, DataReaderBenchmarks.TargetBytes)),
                p => NdaReader.Read(p).Count),
            (".nda version 22 (86-byte records)", Make(Path.Combine(dir, "v22-100MB.nda"), p => LargeFiles.NdaPointed(Path.Combine(LargeFiles.Fixtures, "..", "neware", "nda_v22.nda"), p, DataReaderBenchmarks.TargetBytes, 86, 2, 0x55)),
                p => NdaReader.Read(p).Count),
            (".nda version 8 (59-byte records)", Make(Path.Combine(dir, "v8-100MB.nda"), p => LargeFiles.NdaPointed(Path.Combine(LargeFiles.Fixtures, "..", "neware", "nda_v8.nda"), p, DataReaderBenchmarks.TargetBytes, 59, 1, 0x00)),
                p => NdaReader.Read(p).Count),
            (".mpt text, English, CRLF", Make(Path.Combine(dir, "bcd-100MB.mpt"), p => LargeFiles.Mpt(Path.Combine(shared, "biologic", "bcd.issue_241.mpt"), p, DataReaderBenchmarks.TargetBytes)),
                p => BioLogicReader.ReadMpt(p).Count),
            (".mpt text, German decimal commas", Make(Path.Combine(dir, "gcpl-de-100MB.mpt"), p => LargeFiles.Mpt(Path.Combine(shared, "biologic", "gcpl.issue_149.mpt"), p, DataReaderBenchmarks.TargetBytes)),
                p => BioLogicReader.ReadMpt(p).Count),
            ("Arbin CSV text", Make(Path.Combine(dir, "arbin-100MB.csv"), p => LargeFiles.Delimited(Path.Combine(shared, "arbin", "arbin_example.csv"), p, DataReaderBenchmarks.TargetBytes, 0, ',', "Test_Time")),
                p => DataFile.ReadCycling(p).Count),
            ("Maccor text (tab-separated)", Make(Path.Combine(dir, "maccor-100MB.052"), p => LargeFiles.Delimited(Path.Combine(shared, "maccor", "PredictionDiagnostics_000151_test.052"), p, DataReaderBenchmarks.TargetBytes, 1, '\t', "Test (Sec)")),
                p => DataFile.ReadCycling(p).Count),
            ("Neware CSV text (hh:mm:ss)", Make(Path.Combine(dir, "neware-100MB.csv"), p => LargeFiles.Delimited(Path.Combine(LargeFiles.Fixtures, "neware", "neware_uio.csv"), p, DataReaderBenchmarks.TargetBytes, 0, ',', "Cumulative Time")),
                p => DataFile.ReadCycling(p).Count),
        };
        if (only is not null)
            files = files.Where(f => only == "text" ? f.Name.Contains("text") : f.Name.Contains(only, StringComparison.OrdinalIgnoreCase) || f.Path.Contains(only)).ToArray();
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var (name, path, read) in files)
        {
            double mb = new FileInfo(path).Length / 1e6;
            int rows = read(path); // warm-up
            var walls = new List<double>();
            double bestCpu = double.MaxValue;
            long alloc = 0;
            for (int k = 0; k < reps; k++)
            {
                GC.Collect();
                var proc = Process.GetCurrentProcess();
                var cpu0 = proc.TotalProcessorTime;
                long a0 = GC.GetAllocatedBytesForCurrentThread();
                var sw = Stopwatch.StartNew();
                read(path);
                sw.Stop();
                alloc = GC.GetAllocatedBytesForCurrentThread() - a0;
                proc.Refresh();
                walls.Add(sw.Elapsed.TotalSeconds);
                bestCpu = Math.Min(bestCpu, (proc.TotalProcessorTime - cpu0).TotalSeconds);
            }
            walls.Sort();
            Console.WriteLine($"{name,-36} {mb,6:F1} MB {rows,9} rows: wall best {walls[0] * 1e3,7:F1} ms ({mb / walls[0],6:F0} MB/s), median {walls[walls.Count / 2] * 1e3,7:F1} ms; " +
                              $"CPU best {bestCpu * 1e3,7:F1} ms ({mb / bestCpu,6:F0} MB/s); allocated {alloc / 1e6,6:F0} MB");
        }
        foreach (var (name, path, _) in files)
        {
            double mb = new FileInfo(path).Length / 1e6;
            Measurement.Analyze(path); // warm-up
            var walls = new List<double>();
            double bestCpu = double.MaxValue;
            long alloc = 0;
            for (int k = 0; k < Math.Max(3, reps / 2); k++)
            {
                GC.Collect();
                var proc = Process.GetCurrentProcess();
                var cpu0 = proc.TotalProcessorTime;
                long a0 = GC.GetTotalAllocatedBytes(true);
                var sw = Stopwatch.StartNew();
                var m = Measurement.Analyze(path);
                sw.Stop();
                alloc = GC.GetTotalAllocatedBytes(true) - a0;
                proc.Refresh();
                walls.Add(sw.Elapsed.TotalSeconds);
                bestCpu = Math.Min(bestCpu, (proc.TotalProcessorTime - cpu0).TotalSeconds);
                GC.KeepAlive(m);
            }
            walls.Sort();
            Console.WriteLine($"analyze {name,-28} {mb,6:F1} MB: wall best {walls[0] * 1e3,7:F1} ms, median {walls[walls.Count / 2] * 1e3,7:F1} ms; CPU best {bestCpu * 1e3,7:F1} ms; allocated {alloc / 1e6,6:F0} MB ({alloc / 1e6 / mb:F2}x the file)");
        }
        Console.WriteLine($"end: load average {File.ReadAllText("/proc/loadavg").Trim()}; peak working set of this process {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
        return 0;
    }

    static string Make(string path, Func<string, string> make) => File.Exists(path) ? path : make(path);
}
