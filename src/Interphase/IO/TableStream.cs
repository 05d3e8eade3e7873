using System.Buffers;

namespace Interphase.IO;

/// <summary>Writes one record's row of a table into <paramref name="row"/> (as many values as the table has columns).</summary>
public delegate void RowFiller<T>(in T item, Span<double> row);

/// <summary>
/// A table filled while a run is still going: the simulator hands each recorded point to <see cref="Add"/> (on its
/// own thread; a copy of the point into a pooled block, nothing more), and every <c>rowsPerChunk</c> points the
/// block goes to another core, which turns the points into rows and, for a CSV table, formats those rows as CSV text
/// (<see cref="NumericTable"/>'s text, chunk by chunk; only the text is kept), or, for Parquet, appends them to the
/// whole table (<see cref="Table"/>). When the run ends, <see cref="Complete"/> hands over the last points and waits
/// for the other core; the CSV is then exactly what <see cref="NumericTable"/> writes for the same rows after the run
/// (the text of a row does not depend on where a chunk starts: a cell copied from the row above is the text
/// formatting gives it). Nothing is written anywhere: the bytes stay in memory until a writer puts them in its
/// staging folder (<see cref="OutputStaging.StartTable{T}"/>), so a run that fails or is refused leaves no file.
/// </summary>
public sealed class TableStream<T> where T : struct
{
    readonly NumericTable _table;
    readonly RowFiller<T> _fill;
    readonly bool _csv;
    readonly int _chunkRows;
    readonly List<(byte[] Bytes, int Length)> _chunks = new();
    T[] _block;
    int _inBlock;
    int _added;
    Task _work = Task.CompletedTask;
    double[]? _row; // the other core's row buffer
    bool _completed;

    /// <param name="names">The table's columns, in order.</param>
    /// <param name="fill">A point's row.</param>
    /// <param name="formatCsv">Format the CSV text as the rows come (a CSV table); false fills the table only (Parquet).</param>
    /// <param name="rowsPerChunk">Points handed to the other core at a time.</param>
    public TableStream(IReadOnlyList<string> names, RowFiller<T> fill, bool formatCsv, int rowsPerChunk = 2048)
    {
        ArgumentNullException.ThrowIfNull(fill);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
        // a CSV stream keeps only the rows of the block being formatted (the text is all it needs); a Parquet stream the whole table
        _table = new NumericTable(names, formatCsv ? rowsPerChunk : 4096);
        _fill = fill;
        _csv = formatCsv;
        _chunkRows = rowsPerChunk;
        _block = ArrayPool<T>.Shared.Rent(rowsPerChunk);
    }

    /// <summary>The columns' names.</summary>
    public IReadOnlyList<string> Names => _table.Names;

    /// <summary>The last point handed to the stream (default before the first).</summary>
    public T Last { get; private set; }

    /// <summary>
    /// Refuses (InvalidOperationException) a stream that is not the one of <paramref name="series"/> in
    /// <paramref name="format"/>: made for the other format, other columns, another number of points or another last
    /// point (a stream handed to a writer with another run's result).
    /// </summary>
    public void CheckIsOf(IReadOnlyList<T> series, IReadOnlyList<string> columns, TableFormat format)
    {
        if (FormatsCsv != (format == TableFormat.Csv))
            throw new InvalidOperationException($"the streamed table was made for {(FormatsCsv ? "CSV" : "Parquet")}, not {format}");
        if (!Names.SequenceEqual(columns, StringComparer.Ordinal))
            throw new InvalidOperationException("the streamed table's columns are not those of this result (a stream made for another cell)");
        if (_added != series.Count || _added > 0 && !EqualityComparer<T>.Default.Equals(Last, series[^1]))
            throw new InvalidOperationException($"the streamed table has {_added} points, the result {series.Count} (or another last point): it was not streamed from this run");
    }

    /// <summary>The points handed to the stream so far.</summary>
    public int Count => _added;

    /// <summary>Whether the CSV text is formatted as the rows come.</summary>
    public bool FormatsCsv => _csv;

    /// <summary>Takes the next point (the producer's thread only: one thread adds, in order).</summary>
    public void Add(T item)
    {
        if (_completed) throw new InvalidOperationException("the table stream is complete; no point can be added");
        _block[_inBlock++] = item;
        _added++;
        Last = item;
        if (_inBlock == _chunkRows) Hand();
    }

    /// <summary>Sends the filled part of the block to the other core, in order after the blocks before it.</summary>
    void Hand()
    {
        var block = _block;
        int n = _inBlock;
        _block = ArrayPool<T>.Shared.Rent(_chunkRows);
        _inBlock = 0;
        // each block waits for the one before (the rows are appended in order); a failure passes down the chain
        _work = _work.ContinueWith(before =>
        {
            try
            {
                before.GetAwaiter().GetResult();
                Process(block, n);
            }
            finally { ArrayPool<T>.Shared.Return(block, clearArray: false); }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    void Process(T[] block, int n)
    {
        if (_csv) _table.Clear();
        int r0 = _table.RowCount;
        var row = _row ??= new double[_table.ColumnCount];
        for (int k = 0; k < n; k++)
        {
            _fill(in block[k], row);
            _table.Row(row);
        }
        if (_csv && n > 0) _chunks.Add(_table.FormatRows(r0, _table.RowCount));
    }

    /// <summary>
    /// Hands over the last points and waits for the other core (the producer's thread; afterwards <see cref="Add"/>
    /// refuses). A failure on the other core is thrown here.
    /// </summary>
    public void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            if (_inBlock > 0) Hand();
            else { ArrayPool<T>.Shared.Return(_block); }
            _block = [];
        }
        _work.GetAwaiter().GetResult();
    }

    /// <summary>The whole table, after <see cref="Complete"/>: a stream that only fills the table (Parquet) keeps it.</summary>
    public NumericTable Table()
    {
        if (_csv) throw new InvalidOperationException("a CSV stream keeps its text, not its rows");
        Complete();
        return _table;
    }

    /// <summary>Writes the CSV (header, then every row) after <see cref="Complete"/>; the chunks' buffers go back to the pool.</summary>
    internal void WriteCsvTo(Stream output)
    {
        if (!_csv) throw new InvalidOperationException("this table stream fills a table only; it formats no CSV");
        Complete();
        output.Write(_table.HeaderBytes());
        foreach (var (bytes, length) in _chunks)
        {
            output.Write(bytes, 0, length);
            ArrayPool<byte>.Shared.Return(bytes);
        }
        _chunks.Clear();
    }
}
