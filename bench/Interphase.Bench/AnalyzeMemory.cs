using System.Diagnostics;
using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Reports;

namespace Interphase.Bench;

/// <summary>
/// <c>-- analyze-memory FILE</c>: where <c>analyze</c>'s memory goes, phase by phase (read and analyse, then write every
/// output file to a temporary folder): the bytes each phase allocates, what is still reachable after it (a full
/// collection), and the process's peak working set so far (one file per process, so that the peaks are its own). The peak resident
/// set of the command itself is measured with <c>/usr/bin/time -v interphase analyze FILE</c>.
/// </summary>
internal static class AnalyzeMemory
{
    public static int Run(string[] args)
    {
        foreach (var path in args)
        {
            double mb = new FileInfo(path).Length / 1e6;
            Console.WriteLine($"{Path.GetFileName(path)} ({mb:F1} MB)");
            long a0 = GC.GetTotalAllocatedBytes(true);
            void Phase(string name)
            {
                long a = GC.GetTotalAllocatedBytes(true);
                GC.Collect(2, GCCollectionMode.Forced, true, true);
                var proc = Process.GetCurrentProcess();
                Console.WriteLine($"  {name,-28} allocated {(a - a0) / 1e6,8:F1} MB; reachable after it {GC.GetTotalMemory(true) / 1e6,7:F1} MB; peak working set {proc.PeakWorkingSet64 / 1e6,7:F1} MB");
                a0 = GC.GetTotalAllocatedBytes(true);
            }
            Phase("start");
            if (Environment.GetEnvironmentVariable("INTERPHASE_PHASES") == "1")
            {
                // the steps of Measurement.Analyze one by one (a full cell's), each kept until the end of this block
                var d = DataFile.ReadCycling(path);
                Phase("  read");
                var seg = Segmentation.Of(d);
                Phase("  segment");
                bool symmetric = SymmetricAnalysis.LooksSymmetric(d, seg);
                Phase($"  symmetric or full ({(symmetric ? "symmetric" : "full")})");
                if (seg.StartSign < 0) seg = Segmentation.Of(d, new SegmentationOptions { CycleStart = CycleStart.Charge });
                var fc = FullCellAnalysis.Of(d, seg, null, null);
                Phase("  full-cell analysis");
                GC.KeepAlive(fc);
                GC.KeepAlive(d);
                d = null;
                fc = null;
                Phase("  (dropped)");
            }
            var m = Measurement.Analyze(path);
            Phase($"analyze ({m.Data?.Count} rows; counters: capacity {m.Data?.HasCapacityCounters}, energy {m.Data?.HasEnergyCounters}, temperature {m.Data?.TemperatureC is not null})");
            // a pause in which a heap dump can be taken (dotnet-gcdump collect -p PID) to see what stays reachable
            if (Environment.GetEnvironmentVariable("INTERPHASE_PAUSE") is { } pause && int.TryParse(pause, out var seconds))
            {
                Console.WriteLine($"  pid {Environment.ProcessId}: pausing {seconds} s");
                Thread.Sleep(seconds * 1000);
            }
            if (m.Full is { } full)
            {
                MeasurementWriter.TimeSeriesCsv(full, TextWriter.Null);
                Phase("timeseries.csv (to nothing)");
                MeasurementWriter.DqDvCsv(full, TextWriter.Null);
                Phase("dqdv.csv (to nothing)");
            }
            MeasurementReport.Build(m).RenderTo(Stream.Null);
            Phase("report.html (to nothing)");
            var dir = Path.Combine(Path.GetTempPath(), "interphase-analyze-memory");
            var files = MeasurementWriter.Write(m, dir);
            Phase($"write ({files.Count} files)");
            GC.KeepAlive(m);
            Directory.Delete(dir, true);
        }
        return 0;
    }
}
