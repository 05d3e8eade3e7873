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
    /// <summary>Several paths, a folder or a wildcard pattern make a batch; one file does not.</summary>
    public static bool IsBatch(IReadOnlyList<string> paths) =>
        paths.Count > 1 || Directory.Exists(paths[0]) || paths[0].IndexOfAny(['*', '?']) >= 0;

    /// <summary>The files of the batch in the order given: a folder's files (not its subfolders, not hidden ones) and a pattern's matches sorted by name.</summary>
    public static List<string> Expand(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
                files.AddRange(Directory.GetFiles(p).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
            else if (p.IndexOfAny(['*', '?']) >= 0)
            {
                var dir = Path.GetDirectoryName(p) is { Length: > 0 } d ? d : ".";
                if (Path.GetDirectoryName(dir)?.IndexOfAny(['*', '?']) >= 0 || dir.IndexOfAny(['*', '?']) >= 0)
                    throw new InputException("a pattern may hold * and ? in its file name only, not in its folders", p);
                var matches = Directory.Exists(dir) ? Directory.GetFiles(dir, Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList() : [];
                if (matches.Count == 0) throw new InputException("no file matches this pattern", p);
                files.AddRange(matches);
            }
            else files.Add(p);
        }
        var distinct = files.Select(Path.GetFullPath).Distinct().ToList();
        if (distinct.Count == 0) throw new InputException("the folder holds no files", paths[0]);
        return distinct;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, ParseResult parse, OutputOptions output, IReadOnlyList<string> paths, AnalysisOptions options, bool quiet)
    {
        var files = Expand(paths);
        using var folder = output.Open(parse, Path.Combine("out", "batch"), [.. paths])!;
        Directory.CreateDirectory(folder.WriteTo);
        var names = FolderNames(files);
        var items = new BatchItem[files.Count];
        int finished = 0;
        var progress = new object();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            var sub = Path.Combine(folder.WriteTo, names[k]);
            try
            {
                var m = Measurement.Analyze(files[k], options);
                MeasurementWriter.Write(m, sub);
                items[k] = new BatchItem(files[k], sub, m, null);
            }
            catch (InputException e)
            {
                items[k] = new BatchItem(files[k], null, null, e.OneLine);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // a reader's bug must not take the rest of the batch with it; it is reported like a bad file
                items[k] = new BatchItem(files[k], null, null, $"{files[k]}: internal error ({e.GetType().Name}: {e.Message}); please report it");
            }
            lock (progress)
            {
                finished++;
                if (items[k].Error is { } why) stderr.WriteLine($"error: {why} (skipped)");
                else if (!quiet) stderr.WriteLine($"  [{finished}/{files.Count}] {Path.GetFileName(files[k])}");
            }
        });
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

    /// <summary>A folder name per file: its name without extension, made unique with -2, -3… when two files share it.</summary>
    static List<string> FolderNames(IReadOnlyList<string> files)
    {
        var used = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var f in files)
        {
            var stem = Path.GetFileNameWithoutExtension(f);
            if (stem.Length == 0 || stem.StartsWith('.')) stem = "file";
            if (used.TryGetValue(stem, out var n)) { used[stem] = n + 1; names.Add($"{stem}-{n + 1}"); }
            else { used[stem] = 1; names.Add(stem); }
        }
        return names;
    }
}
