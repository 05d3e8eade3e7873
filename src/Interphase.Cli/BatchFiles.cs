namespace Interphase.Cli;

/// <summary>
/// The files a batch command (<c>analyze</c>, <c>eis fit</c>, <c>eis arrhenius</c>) was given: several paths, a folder
/// or a wildcard pattern, expanded to files in a stable order.
/// </summary>
public static class BatchFiles
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

    /// <summary>
    /// The one-line reason a file of a batch failed: an <see cref="InputException"/>'s own line; any other exception (a
    /// reader's bug, which must not take the rest of the batch with it) is reported like a bad file, as an internal error.
    /// </summary>
    public static string Reason(string file, Exception e) =>
        e is InputException input ? input.OneLine : $"{file}: internal error ({e.GetType().Name}: {e.Message}); please report it";

    /// <summary>
    /// Runs <paramref name="work"/> on every file on all cores. A file that fails with an <see cref="InputException"/>
    /// (or, a reader's bug, any other exception) gets its one-line reason instead of a result and is reported on stderr
    /// as <c>error: FILE:LINE: … (skipped)</c>; the others complete. Results are in the order of <paramref name="files"/>.
    /// </summary>
    public static (T? Result, string? Error)[] Run<T>(IReadOnlyList<string> files, Func<int, T> work, TextWriter stderr, bool quiet) where T : class
    {
        var done = new (T? Result, string? Error)[files.Count];
        int finished = 0;
        var progress = new object();
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            try
            {
                done[k] = (work(k), null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                done[k] = (null, Reason(files[k], e));
            }
            lock (progress)
            {
                finished++;
                if (done[k].Error is { } why) stderr.WriteLine($"error: {why} (skipped)");
                else if (!quiet) stderr.WriteLine($"  [{finished}/{files.Count}] {Path.GetFileName(files[k])}");
            }
        });
        return done;
    }
}
