using System.Diagnostics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Bench;

/// <summary>
/// <c>-- eis-cli-parts DIR</c>: what <c>interphase eis fit DIR</c> does, phase by phase in one process, with the process's
/// CPU time and the wall clock of each: reading the files on all cores, the warm-started fits, fits.csv, report.html.
/// Where the CLI's time goes beyond the fits (issue 11: ~3 900 spectra/s through the CLI against ~11 000/s in process).
/// </summary>
internal static class EisCliParts
{
    public static int Run(string[] args)
    {
        if (args.Length > 1 && args[1] == "one-file")
        {
            // -- eis-cli-parts FILE one-file: the parts of reading one file of many sweeps, one thread, twice (the first pass
            // compiles as it goes)
            Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}, {args[0]}");
            for (int pass = 1; pass <= 2; pass++)
            {
                EisText text = null!;
                EisRows rows = null!;
                Time($"pass {pass}: EisText.Load", () => text = EisText.Load(args[0]));
                Time($"pass {pass}: DelimitedSpectrumReader.Read", () => rows = DelimitedSpectrumReader.Read(text, null));
                Time($"pass {pass}: ToSpectra", () => rows.ToSpectra(args[0]));
                Time($"pass {pass}: EisFile.ReadAll", () => EisFile.ReadAll(args[0]));
            }
            return 0;
        }
        var files = Directory.GetFiles(args[0]).Order(StringComparer.Ordinal).ToArray();
        var circuit = Circuit.Parse(args.Length > 1 && args[1] != "read" ? args[1] : "R0-p(R1,CPE1)-p(R2,CPE2)-W1");
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}, {files.Length} files");
        if (args.Length > 1 && args[1] == "read")
        {
            var some = files.Take(3000).ToArray();
            foreach (var f in some.Take(200)) EisFile.ReadAll(f);
            Time("one thread: EisFile.ReadAll (3000 files)", () => { foreach (var f in some) { EisFile.ReadAll(f); } });
            Time("one thread: File.ReadAllBytes", () => { foreach (var f in some) File.ReadAllBytes(f); });
            Time("one thread: ZahnerIsm+Ivium+PalmSens sniff", () => { foreach (var f in some) { ZahnerIsmReader.SniffFile(f); IviumReader.SniffFile(f); PalmSensSessionReader.SniffFile(f); } });
            Time("one thread: EisText.Load", () => { foreach (var f in some) EisText.Load(f); });
            var texts = some.Select(f => EisText.Load(f)).ToArray();
            Time("one thread: format checks", () => { foreach (var t in texts) { var first = t.FirstNonEmpty(); _ = first.StartsWith("EC-Lab ASCII FILE", StringComparison.Ordinal) || t.AnyLineStartsWith("ZCURVE") || VersaStudioParReader.Sniff(t) || ZPlotReader.FindHeader(t) >= 0 || EisFile.IsChInstruments(t); } });
            Time("one thread: DelimitedSpectrumReader.Read", () => { foreach (var t in texts) DelimitedSpectrumReader.Read(t, null); });
            var rowsets = texts.Select(t => DelimitedSpectrumReader.Read(t, null)).ToArray();
            Time("one thread: ToSpectra", () => { foreach (var r in rowsets) r.ToSpectra("x"); });
            Time("one thread: Load + DelimitedSpectrumReader", () => { foreach (var f in some) DelimitedSpectrumReader.Read(EisText.Load(f), null).ToSpectra(f); });
            Time("one thread: EisFile.ReadAll again", () => { foreach (var f in some) { EisFile.ReadAll(f); } });
            return 0;
        }
        IReadOnlyList<ImpedanceSpectrum>[] read = [];
        Time("read (all cores)", () =>
        {
            read = new IReadOnlyList<ImpedanceSpectrum>[files.Length];
            Parallel.For(0, files.Length, k => read[k] = EisFile.ReadAll(files[k]));
        });
        var spectra = read.SelectMany(r => r).ToList();
        (FitResult? Fit, Exception? Error)[] fits = [];
        Time("fits (EisSeriesFitter.FitAll)", () => fits = EisSeriesFitter.FitAll(spectra, circuit));
        var items = files.Select((f, k) => new EisBatchItem(f, [fits[k].Fit!], null)).ToList();
        string csv = "";
        Time("fits.csv text", () => csv = EisBatchReport.Csv(items, circuit));
        Interphase.Reports.HtmlReport? rep = null;
        Time("report built", () => rep = EisBatchReport.Build(items, circuit));
        long bytes = 0;
        Time("report rendered", () => { using var s = new MemoryStream(); rep!.RenderTo(s); bytes = s.Length; });
        Console.WriteLine($"  fits.csv {csv.Length / 1e6:F1} MB, report.html {bytes / 1e6:F1} MB");
        return 0;
    }

    static void Time(string name, Action work)
    {
        var p = Process.GetCurrentProcess();
        p.Refresh();
        var cpu0 = p.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        work();
        sw.Stop();
        p.Refresh();
        Console.WriteLine($"{name,-32} CPU {(p.TotalProcessorTime - cpu0).TotalSeconds,7:F2} s   wall {sw.Elapsed.TotalSeconds,7:F2} s");
    }
}
