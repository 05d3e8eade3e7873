using System.Buffers;

namespace Interphase.IO;

/// <summary>Writes one record's row of a table into <paramref name="row"/> (as many values as the table has columns).</summary>
public delegate void RowFiller<T>(in T item, Span<double> row);

/// <summary>
/// A table filled while a run is still going: the simulator hands each recorded point to <see cref="Add"/> (on its
/// own thread; a copy of the point into a pooled block, nothing more), and every <c>rowsPerChunk</c> points the
/// block goes to the stream's writer thread (on the other core), which turns the points into rows and, for a CSV table, formats those rows as CSV text
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
    double[]? _row; // the writer thread's row buffer
    bool _completed;

    // the blocks waiting for the writer thread, in order; the lock is this queue's (see Hand and WriterLoop)
    readonly Queue<(T[] Block, int Count)> _queue = new();
    bool _writerRunning; // a writer thread is taking blocks (at most one at a time: the blocks are processed in order)
    bool _closed; // Complete was called: the writer ends once the queue is empty
    Exception? _failure; // the first failure on the writer thread, thrown by Complete

    /// <summary>How long an idle writer thread waits for the next block before it ends (a run abandoned without
    /// <see cref="Complete"/>, one that failed, leaves no thread behind; a later block starts a new one).</summary>
    internal int IdleMilliseconds { get; init; } = 2000;

    /// <summary>Whether a writer thread is alive (taking blocks, or waiting for the next).</summary>
    internal bool WriterRunning { get { lock (_queue) return _writerRunning; } }

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

    /// <summary>
    /// Sends the filled part of the block to the writer thread, after the blocks before it. One long-lived thread per
    /// stream takes the blocks from a queue, in order, and sleeps on the queue's monitor between them: no task per block
    /// and no thread-pool worker woken (and spinning) for each of a run's twenty-odd blocks while the solver needs its core.
    /// </summary>
    void Hand()
    {
        var block = _block;
        int n = _inBlock;
        _block = ArrayPool<T>.Shared.Rent(_chunkRows);
        _inBlock = 0;
        bool start;
        lock (_queue)
        {
            _queue.Enqueue((block, n));
            start = !_writerRunning;
            _writerRunning = true;
            Monitor.PulseAll(_queue);
        }
        if (start) new Thread(WriterLoop) { IsBackground = true, Name = "Interphase table stream" }.Start();
    }

    /// <summary>The writer thread: processes the queued blocks in order; ends when the stream is complete and the queue
    /// empty, or after <see cref="IdleMilliseconds"/> without a block. After a failure it only returns the blocks.</summary>
    void WriterLoop()
    {
        while (true)
        {
            (T[] Block, int Count) item;
            lock (_queue)
            {
                while (_queue.Count == 0)
                {
                    if (_closed || !Monitor.Wait(_queue, IdleMilliseconds) && _queue.Count == 0)
                    {
                        _writerRunning = false;
                        Monitor.PulseAll(_queue); // Complete waits for this
                        return;
                    }
                }
                item = _queue.Dequeue();
            }
            try
            {
                if (_failure is null) Process(item.Block, item.Count);
            }
            catch (Exception e) { _failure = e; }
            finally { ArrayPool<T>.Shared.Return(item.Block, clearArray: false); }
        }
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
    /// Hands over the last points and waits for the writer thread (the producer's thread, or the one it hands the stream
    /// to; afterwards <see cref="Add"/> refuses). A failure on the writer thread is thrown here, every time it is called.
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
        lock (_queue)
        {
            _closed = true;
            Monitor.PulseAll(_queue);
            while (_writerRunning) Monitor.Wait(_queue);
        }
        if (_failure is { } e) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
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
