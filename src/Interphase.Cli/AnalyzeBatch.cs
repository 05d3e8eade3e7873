using System.CommandLine;
using Interphase.Data.Analysis;
using Interphase.IO;
using Interphase.Reports;

namespace Interphase.Cli;

/// <summary>
/// <c>interphase analyze FILE FILE… | FOLDER | 'PATTERN' --out DIR</c> (issue 11, item 3): every file analysed as
/// `analyze FILE` would, on all cores, each into DIR/NAME/, then DIR/batch.csv (one row per file and cycle or
/// spectrum) and DIR/report.html overlaying them. A file that cannot be read or analysed is reported on one line
/// and skipped; the others complete, and the exit code is then 1.
/// </summary>
public static class AnalyzeBatch
{
    public static int Run(TextWriter stdout, TextWriter stderr, ParseResult parse, OutputOptions output, IReadOnlyList<string> paths, AnalysisOptions options, bool quiet)
    {
        var files = BatchFiles.Expand(paths);
        using var folder = output.Open(parse, Path.Combine("out", "batch"), [.. paths])!;
        Directory.CreateDirectory(folder.WriteTo);
        var names = FolderNames(files);
        // each analysis is written to its folder and then let go: the batch keeps per-cycle figures and a decimated trace
        int tracePoints = BatchReport.OverlayPoints / Math.Max(1, files.Count);
        var done = BatchFiles.Run(files, k =>
        {
            var sub = Path.Combine(folder.WriteTo, names[k]);
            var m = Measurement.Analyze(files[k], options);
            MeasurementWriter.Write(m, sub);
            return BatchItem.Of(files[k], sub, m, tracePoints);
        }, stderr, quiet);
        var items = done.Select((d, k) => d.Result ?? new BatchItem(files[k], null, d.Error)).ToArray();
        using (var staging = new OutputStaging(folder.WriteTo))
        {
            staging.WriteText("batch.csv", BatchReport.Csv(items));
            BatchReport.Build(items).Write(staging);
            staging.Commit();
        }
        folder.Commit();
        int failed = items.Count(i => !i.Done);
        stdout.WriteLine($"{files.Count - failed} of {files.Count} files analysed" + (failed > 0 ? $"; {failed} failed (see batch.csv)" : ""));
        stdout.WriteLine($"  wrote batch.csv, report.html and a folder per file to {folder.Directory}");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.InputError;
    }

    /// <summary>
    /// A folder name per file: its name without extension, made unique with -2, -3… against every name already
    /// given, so that a.mpr, a.csv and a-2.mpr get three folders (a, a-2, a-2-2), never one for two files.
    /// </summary>
    internal static List<string> FolderNames(IReadOnlyList<string> files)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var f in files)
        {
            var stem = Path.GetFileNameWithoutExtension(f);
            if (stem.Length == 0 || stem.StartsWith('.')) stem = "file";
            var name = stem;
            for (int k = 2; !taken.Add(name); k++) name = $"{stem}-{k}";
            names.Add(name);
        }
        return names;
    }
}
