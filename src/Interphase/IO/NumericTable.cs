using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Parquet;
using Parquet.Schema;

namespace Interphase.IO;

/// <summary>
/// A table of numbers (a run's time series or its cycles) held once, row by row, and written either as CSV text
/// or as Parquet from the same values, without an intermediate string. The CSV is the text <c>CsvText</c> writes
/// (invariant culture; a non-finite value is an empty cell; a whole number below 10⁹ as an integer; any other
/// value with 9 significant digits, "G9"), formatted straight to UTF-8 in chunks of rows that two threads can
/// share (<see cref="CsvJob"/>). The Parquet file has the schema <see cref="ParquetTable"/> gives a CSV table of
/// the same values (counters and flags int64, every other column double, a non-finite value null), but holds the
/// values themselves, not their 9-digit text.
/// </summary>
public sealed class NumericTable
{
    readonly string[] _names;
    double[] _values;
    int _rows;

    /// <param name="names">The column names, in order.</param>
    /// <param name="capacity">Rows to make room for (more are allowed).</param>
    public NumericTable(IReadOnlyList<string> names, int capacity = 16)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) throw new ArgumentException("a table needs at least one column", nameof(names));
        _names = [.. names];
        _values = new double[Math.Max(1, capacity) * _names.Length];
    }

    public IReadOnlyList<string> Names => _names;
    public int ColumnCount => _names.Length;
    public int RowCount => _rows;

    /// <summary>Appends a row (its values are copied; the array may be reused for the next row).</summary>
    public NumericTable Row(params ReadOnlySpan<double> values)
    {
        if (values.Length != _names.Length) throw new ArgumentException($"expected {_names.Length} values, got {values.Length}");
        if ((_rows + 1) * _names.Length > _values.Length) Array.Resize(ref _values, _values.Length * 2);
        values.CopyTo(_values.AsSpan(_rows * _names.Length));
        _rows++;
        return this;
    }

    /// <summary>Removes every row (the room stays), for a table reused block by block.</summary>
    internal void Clear() => _rows = 0;

    /// <summary>The value in row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public double this[int row, int column] => _values[checked(row * _names.Length + column)];

    /// <summary>Column <paramref name="column"/> as a new array.</summary>
    public double[] Column(int column)
    {
        var c = new double[_rows];
        for (int i = 0, k = column; i < _rows; i++, k += _names.Length) c[i] = _values[k];
        return c;
    }

    /// <summary>Column <paramref name="name"/> as a new array.</summary>
    public double[] Column(string name)
    {
        int j = Array.IndexOf(_names, name);
        return j >= 0 ? Column(j) : throw new ArgumentException($"no column '{name}'", nameof(name));
    }

    /// <summary>The CSV text (header line, then one line per row).</summary>
    public string ToCsv()
    {
        using var ms = new MemoryStream();
        StartCsv().WriteTo(ms);
        return System.Text.Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    /// <summary>Starts formatting the CSV: <see cref="CsvJob.Work"/> may be called from several threads at once.</summary>
    public CsvJob StartCsv(int rowsPerChunk = 2048) => new(this, rowsPerChunk);

    /// <summary>
    /// The CSV of a table in chunks of rows: each thread that calls <see cref="Work"/> formats the chunks no other
    /// thread has taken, so that a writer can hand part of the formatting to a second core and take up what is left
    /// when its own work is done; <see cref="WriteTo"/> formats whatever is still left and writes the chunks in order.
    /// </summary>
    public sealed class CsvJob
    {
        readonly NumericTable _table;
        readonly SharedWork<(byte[] Bytes, int Length)> _chunks;

        internal CsvJob(NumericTable table, int rowsPerChunk)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerChunk, 1);
            _table = table;
            _chunks = new((table._rows + rowsPerChunk - 1) / rowsPerChunk, c =>
            {
                int r0 = c * rowsPerChunk;
                return table.FormatRows(r0, Math.Min(table._rows, r0 + rowsPerChunk));
            });
        }

        /// <summary>Formats chunks until none is left; safe to call from several threads.</summary>
        public void Work() => _chunks.Work();

        /// <summary>Writes the header and every row to <paramref name="output"/> as UTF-8 (formatting what no other thread has).</summary>
        public void WriteTo(Stream output)
        {
            output.Write(_table.HeaderBytes());
            Work();
            for (int c = 0; c < _chunks.Count; c++)
            {
                var (bytes, length) = _chunks.Take(c);
                output.Write(bytes, 0, length);
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }

    /// <summary>The CSV's header line as UTF-8 (the names joined by commas, then a line feed).</summary>
    internal byte[] HeaderBytes() => System.Text.Encoding.UTF8.GetBytes(string.Join(',', _names) + "\n");

    /// <summary>
    /// Rows r0..r1 as CSV lines in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it), with
    /// the number of bytes written.
    /// </summary>
    internal (byte[] Bytes, int Length) FormatRows(int r0, int r1)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((r1 - r0) * _names.Length * MaxCell + Slack);
        return (buffer, Format(this, r0, r1, buffer));
    }

    /// <summary>
    /// The most bytes one cell takes with the comma or line feed after it: "-1.23456789E-308," is 17 (an integer cell, at
    /// most "-999999999", is shorter). A chunk of 2048 rows of 15 columns then fits a 512 kB buffer of the pool (decision 0043).
    /// </summary>
    const int MaxCell = 17;

    /// <summary>
    /// Room after the last cell for the whole-word stores of the cell text (GText writes up to 27 bytes for a G9 text,
    /// a copied cell 16): every cell then has at least this much room, whatever the cells before it took.
    /// </summary>
    const int Slack = 32;

    /// <summary>
    /// Rows r0..r1 as CSV lines into <paramref name="buffer"/>; returns the bytes written. A column whose value is
    /// the same as in the row before (bit for bit) copies that row's text instead of formatting it again.
    /// </summary>
    static int Format(NumericTable t, int r0, int r1, byte[] buffer)
    {
        int cols = t._names.Length;
        Span<byte> dst = buffer;
        Span<long> lastBits = stackalloc long[cols];
        Span<int> lastStart = stackalloc int[cols];
        Span<int> lastLength = stackalloc int[cols];
        lastStart.Fill(-1);
        var values = t._values.AsSpan(r0 * cols, (r1 - r0) * cols);
        int pos = 0;
        for (int i = 0, k = 0; i < r1 - r0; i++)
        {
            for (int j = 0; j < cols; j++, k++)
            {
                if (j > 0) dst[pos++] = (byte)',';
                double v = values[k];
                long bits = BitConverter.DoubleToInt64Bits(v);
                if (lastStart[j] >= 0 && lastBits[j] == bits)
                {
                    // a cell's text is at most 16 bytes ("-1.23456789E-308"): one 16-byte load, then one store (the bytes
                    // after the text are overwritten by what follows; Slack leaves the room)
                    Unsafe.WriteUnaligned(ref buffer[pos], Unsafe.ReadUnaligned<Vector128<byte>>(ref buffer[lastStart[j]]));
                    lastStart[j] = pos;
                    pos += lastLength[j];
                    continue;
                }
                int n = FormatCell(v, dst[pos..]);
                lastBits[j] = bits;
                lastStart[j] = pos;
                lastLength[j] = n;
                pos += n;
            }
            dst[pos++] = (byte)'\n';
        }
        return pos;
    }

    /// <summary>
    /// A number's cell in every CSV Interphase writes (these tables, and CsvText's for analyze, sweeps, ensembles and
    /// the rest): nothing for NaN and ±∞; a whole number below 10⁹ (not −0) as an integer, the text G9 gives it too;
    /// any other value as G9 (<see cref="GText"/>). So the text is G9's for every finite value.
    /// </summary>
    internal static int FormatCell(double v, Span<byte> dst)
    {
        if (!double.IsFinite(v)) return 0;
        if (!IsSmallWhole(v)) return GText.Format(v, 9, dst); // G9's text (GText: without .NET where provably the same)
        if (!((long)v).TryFormat(dst, out int n, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("a CSV cell did not fit its buffer");
        return n;
    }

    static bool IsSmallWhole(double v) => v == Math.Floor(v) && Math.Abs(v) < 1e9 && !(v == 0 && double.IsNegative(v));

    /// <summary>
    /// Writes the table as Parquet (Parquet.Net, one row group, its default Snappy compression): a column named in
    /// <see cref="ParquetTable.IntegerColumns"/> whose values are all whole numbers below 10⁹ is int64, every
    /// other column double; a non-finite value is null. The schema is the one <see cref="ParquetTable.WriteCsv"/>
    /// gives the CSV of the same table; the values are the table's own doubles.
    /// </summary>
    public void WriteParquet(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var fields = new List<DataField>();
        var write = new List<Func<ParquetRowGroupWriter, Task>>();
        for (int j = 0; j < _names.Length; j++)
        {
            var col = Column(j);
            if (ParquetTable.IntegerColumns.Contains(_names[j]) && col.All(v => !double.IsFinite(v) || (v == Math.Floor(v) && Math.Abs(v) < 1e9)))
            {
                var f = new DataField<long?>(_names[j]);
                var v = new long?[col.Length];
                for (int i = 0; i < col.Length; i++) v[i] = double.IsFinite(col[i]) ? (long)col[i] : null;
                fields.Add(f);
                write.Add(g => g.WriteAsync<long>(f, v.AsMemory()));
            }
            else
            {
                var f = new DataField<double?>(_names[j]);
                var v = new double?[col.Length];
                for (int i = 0; i < col.Length; i++) v[i] = double.IsFinite(col[i]) ? col[i] : null;
                fields.Add(f);
                write.Add(g => g.WriteAsync<double>(f, v.AsMemory()));
            }
        }
        // the library is asynchronous; our writers are not, and run no synchronisation context
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output);
            using var group = writer.CreateRowGroup();
            foreach (var w in write) await w(group);
        }).GetAwaiter().GetResult();
    }
}
