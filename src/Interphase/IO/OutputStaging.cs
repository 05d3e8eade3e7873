namespace Interphase.IO;

/// <summary>
/// Writes a run's output files to a hidden staging folder inside the output directory and moves
/// them into place only when every file is complete (<see cref="Commit"/>). A run that fails
/// leaves the output directory as it was: no half-written files.
/// </summary>
public sealed class OutputStaging : IDisposable
{
    readonly string _outDir;
    readonly string _staging;
    readonly List<string> _names = new();
    // files being written on other cores (StartTable): Commit waits for them, and so does Dispose before it deletes
    readonly List<Task> _background = new();
    bool _done;

    public OutputStaging(string outDir)
    {
        _outDir = Path.GetFullPath(outDir);
        if (File.Exists(_outDir))
            throw new InputException($"output path '{outDir}' is a file; expected a directory");
        try
        {
            Directory.CreateDirectory(_outDir);
            _staging = Path.Combine(_outDir, $".interphase-tmp-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot create output directory '{outDir}': {e.Message}");
        }
    }

    public string OutputDirectory => _outDir;

    /// <summary>The staging path for a file that will end up as <c>OUT/name</c>.</summary>
    /// <remarks>A name may have one folder, <c>figures/01-voltage.png</c>; it is created in the staging folder and in OUT.</remarks>
    public string PathFor(string name)
    {
        var parts = name.Split('/');
        if (name.Contains('\\') || parts.Length > 2 || parts.Any(p => p.Length == 0 || p is "." or ".."))
            throw new ArgumentException("a file name, or one folder and a file name", nameof(name));
        if (!_names.Contains(name)) _names.Add(name);
        if (parts.Length == 2) Directory.CreateDirectory(Path.Combine(_staging, parts[0]));
        return Path.Combine(_staging, name);
    }

    public void WriteText(string name, string content) => File.WriteAllText(PathFor(name), content);

    /// <summary>
    /// A text file written by <paramref name="write"/> straight to disk (UTF-8 without a byte-order mark, as
    /// <see cref="WriteText(string, string)"/> writes), for files too large to build as one string.
    /// </summary>
    public void WriteText(string name, Action<TextWriter> write)
    {
        using var w = new StreamWriter(PathFor(name), append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        write(w);
    }

    /// <summary>A table as <c>name.csv</c> (the CSV text of <see cref="NumericTable"/>), or as <c>name.parquet</c> from its values.</summary>
    /// <param name="csv">The table's CSV, started earlier so that other threads may have formatted part of it; null to start it here.</param>
    public void WriteTable(string name, NumericTable table, TableFormat format, NumericTable.CsvJob? csv = null)
    {
        using var stream = Create(format.FileName(name));
        if (format == TableFormat.Csv) (csv ?? table.StartCsv()).WriteTo(stream);
        else table.WriteParquet(stream);
    }

    public Stream Create(string name) => new FileStream(PathFor(name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

    /// <summary>
    /// Start a large table on another core while the caller writes the rest: its CSV is formatted there in chunks
    /// (this thread takes up the chunks that are left at <see cref="BackgroundTable.Finish"/>), or its Parquet file
    /// written there. The file keeps its place in the list of what was written.
    /// </summary>
    public BackgroundTable StartTable(string name, NumericTable table, TableFormat format)
    {
        if (format == TableFormat.Csv)
        {
            var csv = table.StartCsv();
            var work = Task.Run(csv.Work);
            PathFor(format.FileName(name));
            return new BackgroundTable(() => { WriteTable(name, table, format, csv); work.GetAwaiter().GetResult(); });
        }
        var parquet = Create(format.FileName(name));
        var task = Task.Run(() => { using (parquet) table.WriteParquet(parquet); });
        _background.Add(task);
        return new BackgroundTable(() => task.GetAwaiter().GetResult());
    }

    /// <summary>
    /// A table that was filled while the run went on (<see cref="TableStream{T}"/>; its CSV already formatted, chunk by
    /// chunk, on another core): the rest of it is completed and its file written on another core while the caller
    /// writes the rest. The file is the one <see cref="StartTable(string, NumericTable, TableFormat)"/> writes for the
    /// same rows, and keeps its place in the list of what was written. The stream must have been made for
    /// <paramref name="format"/> (a CSV stream formats its text; a Parquet one only fills the table).
    /// </summary>
    public BackgroundTable StartTable<T>(string name, TableStream<T> stream, TableFormat format) where T : struct
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.FormatsCsv != (format == TableFormat.Csv))
            throw new InvalidOperationException($"the stream of '{name}' was made for {(stream.FormatsCsv ? "CSV" : "Parquet")}, not {format}");
        var path = PathFor(format.FileName(name));
        var task = Task.Run(() =>
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            if (format == TableFormat.Csv) stream.WriteCsvTo(file);
            else stream.Table().WriteParquet(file);
        });
        _background.Add(task);
        return new BackgroundTable(() => task.GetAwaiter().GetResult());
    }

    /// <summary>A table being written on another core (<see cref="StartTable(string, NumericTable, TableFormat)"/>).</summary>
    public sealed class BackgroundTable(Action finish)
    {
        /// <summary>Write what is left of the table on this thread and wait for the rest.</summary>
        public void Finish() => finish();
    }

    /// <summary>Move every staged file into the output directory.</summary>
    public IReadOnlyList<string> Commit()
    {
        // a file still being written on another core is waited for; if it failed, nothing is moved
        foreach (var t in _background) t.GetAwaiter().GetResult();
        var written = new List<string>();
        foreach (var n in _names)
        {
            var src = Path.Combine(_staging, n);
            if (!File.Exists(src)) continue;
            var dst = Path.Combine(_outDir, n);
            if (Path.GetDirectoryName(dst) is { } dir) Directory.CreateDirectory(dir);
            File.Move(src, dst, overwrite: true);
            written.Add(dst);
        }
        _done = true;
        TryDelete();
        return written;
    }

    void TryDelete()
    {
        try { if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public void Dispose()
    {
        if (_done) return;
        // a failed run: let the files other cores are writing end (their errors do not matter now), then delete them all
        try { Task.WaitAll(_background); } catch (AggregateException) { }
        TryDelete();
    }
}
