using System.Diagnostics;
using System.IO.Compression;
using Interphase.Data;

namespace Interphase.Bench;

/// <summary>
/// <c>-- cycler-readers</c>: throughput of the Arbin .res (Jet 4) reader and of the Basytec, Novonix and
/// BT-Lab text readers on their test files (Fixtures/measured), each read into the dataset repeatedly
/// until about 200 MB have passed, best of 7 (Stopwatch, one thread). The files are small (7 KB–1.9 MB) and
/// stay in the page cache, so this is the readers' own speed, not the disk's. The process's CPU time is
/// printed beside the wall clock: on a machine shared with other work it is the steadier figure (it
/// includes the garbage collector's threads).
/// </summary>
internal static class CyclerReaderTiming
{
    public static int Run(string[] args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Interphase.slnx"))) root = root.Parent;
        var measured = Path.Combine(root?.FullName ?? ".", "tests", "Interphase.Tests", "Fixtures", "measured");
        var tmp = Directory.CreateTempSubdirectory("interphase-cycler-readers-").FullName;
        string Unpack(string gz)
        {
            var p = Path.Combine(tmp, Path.GetFileNameWithoutExtension(gz));
            using var i = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
            using var o = File.Create(p);
            i.CopyTo(o);
            return p;
        }
        var files = new[]
        {
            Unpack(Path.Combine(measured, "arbin", "20160805_test001_45_cc_01.res.gz")),
            Unpack(Path.Combine(measured, "arbin", "aux_one_x_dx.res.gz")),
            Path.Combine(measured, "basytec", "sample_data_basytec.txt"),
            Path.Combine(measured, "novonix", "sample_data_novonix.csv"),
            Path.Combine(measured, "biologic", "Sample_data_biologic_CA1.txt"),
        };
        Console.WriteLine("| file | bytes | records | best wall time per read | throughput (wall) | best CPU time per read | throughput (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var f in files)
        {
            long bytes = new FileInfo(f).Length;
            int reps = (int)Math.Max(1, 200_000_000 / bytes);
            int records = DataFile.ReadCycling(f).Count;
            double best = double.MaxValue, bestCpu = double.MaxValue;
            var process = Process.GetCurrentProcess();
            for (int k = 0; k < 7; k++)
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                for (int r = 0; r < reps; r++) DataFile.ReadCycling(f);
                best = Math.Min(best, sw.Elapsed.TotalSeconds / reps);
                process.Refresh();
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu0).TotalSeconds / reps);
            }
            Console.WriteLine($"| `{Path.GetFileName(f)}` | {bytes} | {records} | {best * 1e3:F3} ms | {bytes / best / 1e6:F0} MB/s | {bestCpu * 1e3:F3} ms | {bytes / bestCpu / 1e6:F0} MB/s |");
        }
        // the readers of decision 0026: the Arbin .xlsx (cycling) and the Ivium, PalmSens and EC-Lab PEIS .mpr (impedance)
        // files, 20 reads a round, best of 5 rounds (an .xlsx read is far slower per byte than a text or binary read)
        Console.WriteLine();
        Console.WriteLine("| file | bytes | records or points | best wall time per read | throughput (wall) | best CPU time per read | throughput (CPU) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var added = new (string Path, Func<string, int> Read)[]
        {
            (Path.Combine(measured, "arbin", "bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx"), p => DataFile.ReadCycling(p).Count),
            (Path.Combine(measured, "eis", "pyimpspec", "data.idf"), p => DataFile.ReadSpectra(DataFile.Detect(p)).Sum(s => s.Count)),
            (Path.Combine(measured, "eis", "pyimpspec", "data.ids"), p => DataFile.ReadSpectra(DataFile.Detect(p)).Sum(s => s.Count)),
            (Path.Combine(measured, "eis", "pyimpspec", "data.pssession"), p => DataFile.ReadSpectra(DataFile.Detect(p)).Sum(s => s.Count)),
            (Path.Combine(measured, "biologic", "peis.issue_149.mpr"), p => DataFile.ReadSpectra(DataFile.Detect(p)).Sum(s => s.Count)),
        };
        foreach (var (f, read) in added)
        {
            long bytes = new FileInfo(f).Length;
            int n = read(f), reps = 20;
            double best = double.MaxValue, bestCpu = double.MaxValue;
            var process = Process.GetCurrentProcess();
            for (int k = 0; k < 5; k++)
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                for (int r = 0; r < reps; r++) read(f);
                best = Math.Min(best, sw.Elapsed.TotalSeconds / reps);
                process.Refresh();
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu0).TotalSeconds / reps);
            }
            Console.WriteLine($"| `{Path.GetFileName(f)}` | {bytes} | {n} | {best * 1e3:F3} ms | {bytes / best / 1e6:F1} MB/s | {bestCpu * 1e3:F3} ms | {bytes / bestCpu / 1e6:F1} MB/s |");
        }
        Directory.Delete(tmp, true);
        return 0;
    }
}
