using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Interphase.Data.Text;

namespace Interphase.Data.BioLogic;

/// <summary>
/// A BioLogic EC-Lab text export (.mpt), opened for streaming. Line 1 is <c>EC-Lab ASCII FILE</c>
/// (or BT-Lab), line 2 <c>Nb header lines : N</c>; line N holds the tab-separated column names and
/// the data follow, one record per line. Exports in a German (French, …) locale write decimal
/// commas; the reader decides from the first record. The header is decoded as UTF-8 when valid and
/// as Latin-1 otherwise (EC-Lab writes µ and ² in the Windows code page). Numbers are parsed from
/// the bytes of the requested columns only, a chunk of records at a time into one array per column
/// (the form the .mpr's records are decoded into); the other fields are skipped unparsed.
/// </summary>
public sealed partial class MptFile : IColumnChunks, IDisposable
{
    [GeneratedRegex(@"^Nb header lines\s*:\s*(\d+)\s*$")]
    private static partial Regex HeaderCountPattern();

    [GeneratedRegex(@"^Loop\s+(\d+)\s+from point number\s+(\d+)\s+to\s+(\d+)")]
    private static partial Regex LoopPattern();

    readonly LineReader _lines;
    readonly NumberFormatInfo _format;
    byte[]? _pendingFirstRow;
    long _pendingLine;

    MptFile(LineReader lines, int headerLines, string[] columns, IReadOnlyList<string> header, string? technique, bool decimalComma,
        byte[]? firstRow, long firstRowLine, IReadOnlyList<(int Loop, int From, int To)> loops)
    {
        _lines = lines;
        HeaderLineCount = headerLines;
        Columns = columns;
        HeaderLines = header;
        Technique = technique;
        DecimalComma = decimalComma;
        _format = Numbers.Format(decimalComma);
        _pendingFirstRow = firstRow;
        _pendingLine = firstRowLine;
        Loops = loops;
    }

    public string Path => _lines.Path;
    /// <summary>The "Nb header lines" value: the column names are on this line.</summary>
    public int HeaderLineCount { get; }
    /// <summary>The column names as written (a trailing empty name is dropped).</summary>
    public string[] Columns { get; }
    /// <summary>The header lines before the column names, decoded.</summary>
    public IReadOnlyList<string> HeaderLines { get; }
    /// <summary>The technique line (line 4), e.g. "Galvanostatic Cycling with Potential Limitation".</summary>
    public string? Technique { get; }
    public bool DecimalComma { get; }
    /// <summary>"Loop n from point number a to b" lines of the header (points are 0-based rows).</summary>
    public IReadOnlyList<(int Loop, int From, int To)> Loops { get; }

    /// <summary>True when the first bytes are an EC-Lab or BT-Lab text export.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith("EC-Lab ASCII FILE"u8) || head.StartsWith("BT-Lab ASCII FILE"u8);

    public static MptFile Open(string path) => Open(DataFile.OpenRead(path), path);

    /// <summary>Reads the header and the first record; the stream is owned by the result.</summary>
    public static MptFile Open(Stream stream, string path)
    {
        var lines = new LineReader(stream, path);
        try
        {
            return ReadHeader(lines);
        }
        catch
        {
            lines.Dispose();
            throw;
        }
    }

    static MptFile ReadHeader(LineReader lines)
    {
        if (!lines.TryReadLine(out var first))
            throw lines.Error("the file is empty: expected a BioLogic EC-Lab text export (.mpt)");
        if (!Sniff(first))
            throw lines.Error($"expected 'EC-Lab ASCII FILE' on line 1 of a BioLogic .mpt export, found '{Shorten(LineReader.Decode(first))}'", 1);
        if (!lines.TryReadLine(out var second))
            throw lines.Error("the file ends after line 1: expected 'Nb header lines : N' on line 2 (truncated file?)");
        var m = HeaderCountPattern().Match(LineReader.Decode(second).Trim());
        if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 3 || n > 100_000)
            throw lines.Error("expected 'Nb header lines : N' (N ≥ 3) on line 2 of a BioLogic .mpt export", 1);

        var header = new List<string> { LineReader.Decode(first), LineReader.Decode(second) };
        var loops = new List<(int, int, int)>();
        for (int k = 3; k < n; k++)
        {
            if (!lines.TryReadLine(out var h))
                throw lines.Error($"the file ends in its header at line {lines.LineNumber}: line 2 announced {n} header lines (truncated file?)");
            var text = LineReader.Decode(h);
            header.Add(text);
            var lm = LoopPattern().Match(text);
            if (lm.Success && int.TryParse(lm.Groups[1].Value, out int lp) && int.TryParse(lm.Groups[2].Value, out int a) && int.TryParse(lm.Groups[3].Value, out int b))
                loops.Add((lp, a, b));
        }
        if (!lines.TryReadLine(out var names))
            throw lines.Error($"the file ends before line {n}, which should hold the column names (truncated file?)");
        var nameText = LineReader.Decode(names).TrimEnd('\r', '\n');
        var columns = nameText.Split('\t');
        if (columns.Length > 0 && columns[^1].Trim().Length == 0) columns = columns[..^1];
        if (columns.Length == 0 || columns.All(c => c.Trim().Length == 0))
            throw lines.Error($"line {n} should hold the tab-separated column names (the header said {n} header lines), found an empty line");
        if (!columns.Any(c => c.StartsWith("time/", StringComparison.Ordinal) || c.StartsWith("freq/", StringComparison.Ordinal)))
            throw lines.Error($"line {n} should hold the column names with 'time/s' among them (the header said {n} header lines), found '{Shorten(nameText)}'");

        string? technique = header.Count > 3 && header[3].Trim().Length > 0 ? header[3].Trim() : null;

        // the first record decides the decimal separator; keep it for ReadChunks
        byte[]? firstRow = null;
        long firstLine = 0;
        bool comma = false;
        while (lines.TryReadLine(out var row))
        {
            if (IsBlank(row)) continue;
            firstRow = row.ToArray();
            firstLine = lines.LineNumber;
            comma = Numbers.LooksLikeDecimalComma(row, (byte)'\t');
            break;
        }
        return new MptFile(lines, n, columns, header, technique, comma, firstRow, firstLine, loops);
    }

    static bool IsBlank(ReadOnlySpan<byte> s) => s.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;

    /// <summary>The index of a column by exact name, or -1.</summary>
    public int IndexOf(string name) => Array.IndexOf(Columns, name);

    /// <summary>Records a chunk holds: about 10 columns of 8 bytes each, well inside the core's cache.</summary>
    const int ChunkRows = 1024;
    long[] _chunkLines = [];
    long _chunkFirst;
    bool _rowsRead;

    IReadOnlyList<string> IColumnChunks.ColumnNames => Columns;

    /// <summary>
    /// Streams the records in chunks of <see cref="ChunkRows"/>, parsing only the requested columns (indexes into
    /// <see cref="Columns"/>) into one array per column, in the order asked for. Returns the number of records. A record
    /// with the wrong number of fields or a field that is not a number is an <see cref="InputException"/> naming the line
    /// and column (the records before it are handed over first, so that an error the handler finds in them comes
    /// first, as the records come in the file); so is a last line cut short.
    /// </summary>
    public long ReadChunks(IReadOnlyList<int> columns, ChunkHandler handler)
    {
        if (_rowsRead) throw new InvalidOperationException("the records were read already");
        _rowsRead = true;
        int nCols = Columns.Length;
        // slot[j] = position in the output of column j, or -1 to skip it
        var slot = new int[nCols];
        Array.Fill(slot, -1);
        int last = -1;
        for (int s = 0; s < columns.Count; s++)
        {
            int c = columns[s];
            if (c < 0 || c >= nCols) throw new ArgumentOutOfRangeException(nameof(columns), $"column {c} of {nCols}");
            slot[c] = s;
            last = Math.Max(last, c);
        }
        var chunk = new double[columns.Count][];
        for (int s = 0; s < chunk.Length; s++) chunk[s] = new double[ChunkRows];
        _chunkLines = new long[ChunkRows];
        _chunkFirst = 0;
        int k = 0;
        if (_pendingFirstRow is { } firstRow)
        {
            _pendingFirstRow = null;
            if (ParseRow(firstRow, _pendingLine, false, slot, last, chunk, k) is { } error) throw error;
            _chunkLines[k++] = _pendingLine;
        }
        while (_lines.TryReadLine(out var row))
        {
            if (IsBlank(row)) continue;
            if (k == ChunkRows)
            {
                handler(chunk, k, _chunkFirst);
                _chunkFirst += k;
                k = 0;
            }
            if (ParseRow(row, _lines.LineNumber, _lines.LastLineUnterminated, slot, last, chunk, k) is { } error)
            {
                if (k > 0) handler(chunk, k, _chunkFirst);
                throw error;
            }
            _chunkLines[k++] = _lines.LineNumber;
        }
        if (k > 0) handler(chunk, k, _chunkFirst);
        return _chunkFirst + k;
    }

    /// <summary>An error in record <paramref name="record"/> (0-based) of the chunk last handed over, placed at its line.</summary>
    public InputException RecordError(long record, string message) =>
        new(message, new SourceLocation(Path, (int)_chunkLines[record - _chunkFirst]));

    /// <summary>Parses the requested fields of one line into row <paramref name="k"/> of the chunk; the error, or null.</summary>
    InputException? ParseRow(ReadOnlySpan<byte> row, long lineNo, bool unterminated, int[] slot, int last, double[][] chunk, int k)
    {
        int nCols = Columns.Length;
        // fields: count tabs, tolerating one trailing tab
        int tabs = row.Count((byte)'\t');
        int fields = tabs + 1;
        if (tabs > 0 && row[^1] == (byte)'\t') fields--;
        if (fields != nCols)
        {
            var why = fields < nCols && unterminated
                ? $"the last line has {fields} of {nCols} fields: the file ends in the middle of a record (truncated file?)"
                : $"the record has {fields} fields but the header names {nCols} columns";
            return new InputException(why, new SourceLocation(Path, (int)lineNo));
        }
        int pos = 0;
        for (int j = 0; j <= last; j++)
        {
            var rest = row[pos..];
            int tab = rest.IndexOf((byte)'\t');
            var field = tab < 0 ? rest : rest[..tab];
            int s = slot[j];
            if (s >= 0 && !Numbers.TryParse(field, _format, out chunk[s][k]) && !(j == _timeColumn && TryTimestamp(field, out chunk[s][k])))
                return new InputException($"'{Shorten(Encoding.Latin1.GetString(field))}' in column '{Columns[j]}' is not a number{(DecimalComma ? " (the file uses decimal commas)" : "")}",
                    new SourceLocation(Path, (int)lineNo, pos + 1));
            pos += tab < 0 ? rest.Length : tab + 1;
        }
        return null;
    }

    int _timeColumn => _timeIndex ??= IndexOf("time/s");
    int? _timeIndex;

    /// <summary>
    /// True when the <c>time/s</c> column holds date-times (BT-Lab's and EC-Lab's export option "time as
    /// date": <c>11/20/2024 11:38:41.707</c>, the format of the header's "Acquisition started on"); they
    /// are read as seconds since 1970 in the file's clock, and the reader makes them relative.
    /// </summary>
    public bool TimeIsTimestamp { get; private set; }

    static readonly string[] TimestampFormats = ["MM/dd/yyyy HH:mm:ss.FFFFFFF", "MM/dd/yyyy HH:mm:ss", "M/d/yyyy H:mm:ss.FFFFFFF", "M/d/yyyy H:mm:ss"];

    bool TryTimestamp(ReadOnlySpan<byte> field, out double seconds)
    {
        seconds = double.NaN;
        var f = Numbers.Trim(field);
        if (f.Length < 10 || f.Length > 40) return false;
        Span<char> c = stackalloc char[f.Length];
        for (int i = 0; i < f.Length; i++) c[i] = (char)f[i];
        if (!DateTime.TryParseExact(c, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt)) return false;
        seconds = (dt - DateTime.UnixEpoch).Ticks / 1e7;
        TimeIsTimestamp = true;
        return true;
    }

    /// <summary>Reads every column into a table (for comparisons and tools that want the raw columns).</summary>
    public static BioLogicTable ReadTable(string path)
    {
        using var f = Open(path);
        var cols = Enumerable.Range(0, f.Columns.Length).ToArray();
        var data = new List<double>[cols.Length];
        for (int i = 0; i < data.Length; i++) data[i] = new List<double>();
        f.ReadChunks(cols, (chunk, rows, _) =>
        {
            for (int i = 0; i < data.Length; i++) data[i].AddRange(chunk[i].AsSpan(0, rows));
        });
        return new BioLogicTable(path, "BioLogic .mpt", f.Technique, f.Columns, data.Select(d => d.ToArray()).ToArray());
    }

    public void Dispose() => _lines.Dispose();
}
