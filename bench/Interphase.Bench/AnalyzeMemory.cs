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
