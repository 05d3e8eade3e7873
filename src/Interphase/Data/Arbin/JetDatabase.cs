using System.Buffers.Binary;
using System.Text;

namespace Interphase.Data.Arbin;

/// <summary>The type code of a column in a Jet table definition.</summary>
public enum JetType : byte
{
    Bool = 0x01, Byte = 0x02, Int16 = 0x03, Int32 = 0x04, Money = 0x05, Single = 0x06, Double = 0x07,
    DateTime = 0x08, Binary = 0x09, Text = 0x0A, Ole = 0x0B, Memo = 0x0C, Guid = 0x0F, Numeric = 0x10,
}

/// <summary>One column of a Jet table, as its table definition describes it.</summary>
public sealed record JetColumn(string Name, JetType Type, int Number, int VarIndex, int FixedOffset, int Length, bool IsFixed);

/// <summary>A table of a Jet database: its definition page, columns and the pages its rows occupy.</summary>
public sealed record JetTable(string Name, int DefinitionPage, IReadOnlyList<JetColumn> Columns, long RowCount)
{
    public JetColumn? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A read-only reader of Microsoft Jet 4 databases (the Access 2000–2003 <c>.mdb</c> format that
/// Arbin's MITS Pro writes as <c>.res</c>), enough to list the tables and stream the rows of one.
/// It reads the format as the mdbtools project describes it in its notes on the Jet file layout; no Windows driver.
/// <list type="bullet">
/// <item>4096-byte pages; page 0 starts <c>00 01 00 00 "Standard Jet DB"</c> (or <c>"Standard ACE DB"</c>),
/// its byte 0x14 the version (1 = Jet 4, 2 and 3 = ACE 12 and 14, same page layout; 0 = Jet 3, 2048-byte
/// pages, not read);</item>
/// <item>page 2 is the definition of the catalogue, <c>MSysObjects</c>, whose rows name every table
/// (type 1) and give its definition page (<c>Id</c> &amp; 0xFFFFFF);</item>
/// <item>a table definition (page type 2, continued on the pages it chains through its bytes 4–7,
/// each continuation from byte 8): row count at 16, column count at 45, real index count at 51,
/// the usage map (row byte and 3-byte page) at 55, the columns from 63 + 12 × real indexes, 25 bytes each
/// (type 0, number 5, variable index 7, flags 15 (1 = fixed), fixed offset 21, length 23), then their names
/// (16-bit length, UCS-2);</item>
/// <item>the usage map lists the table's data pages: map type 0 (first page, then a bitmap) or 1
/// (pages that each hold a bitmap of 4092 × 8 pages);</item>
/// <item>a data page (type 1) names its table at 4; its row count at 12, the row offsets from 14
/// (13 bits; 0x8000 deleted, 0x4000 moved elsewhere); a row runs to the start of the row before it:
/// column count (16 bits), the fixed columns from byte 2, the variable columns' data, their offsets
/// (16 bits each, backwards from the end), their count, and a null bitmap (bit set = value present).</item>
/// </list>
/// Text is UCS-2, or Jet 4's compressed form (FF FE, then one byte per character, a zero byte switching
/// between one and two bytes). Every inconsistency is an <see cref="InputException"/> naming the byte.
/// </summary>
public sealed class JetDatabase : IDisposable
{
    public const int PageSize = 4096;
    const int CatalogPage = 2;
    readonly Stream _stream;
    readonly long _pages;
    readonly byte[] _page = new byte[PageSize];
    int _loaded = -1;

    public string Path { get; }
    /// <summary>1 = Jet 4 (Access 2000–2003), 2 = ACE 12, 3 = ACE 14.</summary>
    public int Version { get; }
    /// <summary>The user tables, by name.</summary>
    public IReadOnlyDictionary<string, int> Tables { get; }

    /// <summary>True when the bytes start as a Jet or ACE database does.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head) =>
        head.Length >= 20 && head[0] == 0 && head[1] == 1 && head[2] == 0 && head[3] == 0 &&
        (head[4..].StartsWith("Standard Jet DB"u8) || head[4..].StartsWith("Standard ACE DB"u8));

    public static JetDatabase Open(string path) => Open(DataFile.OpenRead(path), path);

    public static JetDatabase Open(Stream stream, string path)
    {
        try { return new JetDatabase(stream, path); }
        catch { stream.Dispose(); throw; }
    }

    JetDatabase(Stream stream, string path)
    {
        _stream = stream;
        Path = path;
        if (stream.Length < 3L * PageSize)
            throw Error(stream.Length, $"the file ends after {stream.Length} bytes: a Jet database has at least three {PageSize}-byte pages (truncated file?)");
        var head = new byte[0x20];
        stream.Position = 0;
        stream.ReadExactly(head);
        if (!Sniff(head)) throw Error(0, "expected a Jet database ('Standard Jet DB')");
        Version = head[0x14];
        if (Version == 0) throw Error(0x14, "this is a Jet 3 database (Access 97, 2048-byte pages); expected Jet 4 (Arbin MITS Pro 4 or later)");
        if (Version > 5) throw Error(0x14, $"unknown Jet version {Version}; expected 1 (Jet 4) to 3 (ACE 14)");
        if (stream.Length % PageSize != 0)
            throw Error(stream.Length / PageSize * PageSize, $"the file is {stream.Length} bytes, not a whole number of {PageSize}-byte pages (truncated file?)");
        _pages = stream.Length / PageSize;

        var catalog = ReadDefinition(CatalogPage, "MSysObjects");
        var id = catalog.Column("Id") ?? throw Error(CatalogPage * PageSize, "the catalogue (MSysObjects) has no column 'Id'");
        var name = catalog.Column("Name") ?? throw Error(CatalogPage * PageSize, "the catalogue (MSysObjects) has no column 'Name'");
        var type = catalog.Column("Type") ?? throw Error(CatalogPage * PageSize, "the catalogue (MSysObjects) has no column 'Type'");
        var tables = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        ForEachRow(catalog, (page, start, end) =>
        {
            if (Number(type, page, start, end) != 1) return;
            var n = Text(name, page, start, end);
            var pg = (long)Number(id, page, start, end) & 0xFFFFFF;
            if (n is null || n.StartsWith("MSys", StringComparison.Ordinal)) return;
            if (pg < 3 || pg >= _pages) throw Error(start, $"table '{n}' points to page {pg}, outside the file's {_pages} pages");
            tables[n] = (int)pg;
        });
        Tables = tables;
    }

    InputException Error(long offset, string message) => new($"at byte {offset}: {message}", Path);

    byte[] Page(long number)
    {
        if (number < 0 || number >= _pages) throw Error(number * PageSize, $"page {number} is outside the file's {_pages} pages");
        if (_loaded == number) return _page;
        _stream.Position = number * PageSize;
        _stream.ReadExactly(_page);
        _loaded = (int)number;
        return _page;
    }

    /// <summary>The definition of a user table, or null when the database has none of that name.</summary>
    public JetTable? Table(string name) => Tables.TryGetValue(name, out var page) ? ReadDefinition(page, name) : null;

    JetTable ReadDefinition(int first, string name)
    {
        var bytes = new List<byte>();
        var seen = new HashSet<long>();
        long pg = first;
        while (pg != 0)
        {
            if (!seen.Add(pg)) throw Error(pg * PageSize, $"the definition of table '{name}' loops back to page {pg}");
            var p = Page(pg);
            if (p[0] != 0x02) throw Error(pg * PageSize, $"page {pg} should continue the definition of table '{name}' (page type 2) but has type {p[0]}");
            if (bytes.Count == 0) bytes.AddRange(p);
            else bytes.AddRange(p.AsSpan(8).ToArray());
            pg = BinaryPrimitives.ReadUInt32LittleEndian(p.AsSpan(4));
            if (seen.Count > 4096) throw Error(first * (long)PageSize, $"the definition of table '{name}' runs over more than 4096 pages");
        }
        var d = bytes.ToArray();
        long at = first * (long)PageSize;
        if (d.Length < 63) throw Error(at, $"the definition of table '{name}' is too short");
        long rows = BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(16));
        int nCols = BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(45));
        long nRealIdx = BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(51));
        long colStart = 63 + nRealIdx * 12;
        if (nRealIdx > 1000 || colStart + nCols * 25L > d.Length)
            throw Error(at + 45, $"the definition of table '{name}' announces {nCols} columns and {nRealIdx} indexes, more than its {d.Length} bytes hold");
        var raw = new (JetType Type, int Number, int Var, int Fixed, int Len, bool IsFixed)[nCols];
        for (int c = 0; c < nCols; c++)
        {
            var e = d.AsSpan((int)colStart + c * 25, 25);
            raw[c] = ((JetType)e[0], BinaryPrimitives.ReadUInt16LittleEndian(e[5..]), BinaryPrimitives.ReadUInt16LittleEndian(e[7..]),
                BinaryPrimitives.ReadUInt16LittleEndian(e[21..]), BinaryPrimitives.ReadUInt16LittleEndian(e[23..]), (e[15] & 1) != 0);
        }
        int pos = (int)colStart + nCols * 25;
        var cols = new List<JetColumn>(nCols);
        for (int c = 0; c < nCols; c++)
        {
            if (pos + 2 > d.Length) throw Error(at + pos, $"the column names of table '{name}' end early");
            int len = BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(pos));
            if (pos + 2 + len > d.Length) throw Error(at + pos, $"a column name of table '{name}' runs past the definition");
            var colName = DecodeText(d.AsSpan(pos + 2, len));
            pos += 2 + len;
            var r = raw[c];
            cols.Add(new JetColumn(colName, r.Type, r.Number, r.Var, r.Fixed, r.Len, r.IsFixed));
        }
        var usage = d.AsSpan(55, 4).ToArray();
        var table = new JetTable(name, first, cols, rows);
        _usage[first] = usage;
        return table;
    }

    readonly Dictionary<int, byte[]> _usage = new();

    /// <summary>The data pages of a table in ascending order, from its usage map.</summary>
    public IEnumerable<long> DataPages(JetTable table)
    {
        var u = _usage[table.DefinitionPage];
        int row = u[0];
        long page = u[1] | (u[2] << 8) | (u[3] << 16);
        var map = RowBytes(page, row, $"the usage map of table '{table.Name}'");
        if (map.Length < 1) throw Error(page * PageSize, $"the usage map of table '{table.Name}' is empty");
        var result = new List<long>();
        if (map[0] == 0)
        {
            if (map.Length < 5) throw Error(page * PageSize, $"the usage map of table '{table.Name}' is too short");
            long start = BinaryPrimitives.ReadUInt32LittleEndian(map.AsSpan(1));
            for (int i = 0; i < (map.Length - 5) * 8; i++)
                if ((map[5 + i / 8] & (1 << (i % 8))) != 0) result.Add(start + i);
        }
        else if (map[0] == 1)
        {
            int perPage = (PageSize - 4) * 8;
            for (int k = 0; 1 + 4 * k + 4 <= map.Length; k++)
            {
                long mp = BinaryPrimitives.ReadUInt32LittleEndian(map.AsSpan(1 + 4 * k));
                if (mp == 0) continue;
                var bits = Page(mp).AsSpan(4).ToArray();
                for (int i = 0; i < perPage; i++)
                    if ((bits[i / 8] & (1 << (i % 8))) != 0) result.Add((long)k * perPage + i);
            }
        }
        else throw Error(page * PageSize, $"the usage map of table '{table.Name}' has type {map[0]}; expected 0 or 1");
        foreach (var p in result)
            if (p >= _pages) throw Error(page * PageSize, $"the usage map of table '{table.Name}' lists page {p}, beyond the file's {_pages} pages (truncated file?)");
        return result;
    }

    byte[] RowBytes(long page, int row, string what)
    {
        var p = Page(page);
        if (p[0] != 0x01) throw Error(page * PageSize, $"{what} should be on a data page, but page {page} has type {p[0]}");
        int n = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(12));
        if (row >= n || 14 + 2 * n > PageSize) throw Error(page * PageSize + 12, $"{what} is row {row} of page {page}, which has {n} rows");
        var (start, end) = RowBounds(p, row, page);
        return p.AsSpan(start, end - start).ToArray();
    }

    (int Start, int End) RowBounds(byte[] p, int row, long page)
    {
        int start = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(14 + 2 * row)) & 0x1FFF;
        int end = row == 0 ? PageSize : BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(14 + 2 * row - 2)) & 0x1FFF;
        if (start >= end || end > PageSize || start < 14)
            throw Error(page * PageSize + 14 + 2 * row, $"row {row} of page {page} spans bytes {start}–{end}: rows must lie within the page, after its header, each before the previous one");
        return (start, end);
    }

    /// <summary>Receives one row: the page buffer and the row's first byte and end (exclusive).</summary>
    public delegate void RowVisitor(byte[] page, int start, int end);

    /// <summary>
    /// Visits every live row of a table, page by page in the order of its usage map and, within a page,
    /// in slot order. Deleted rows and the stubs of moved rows are skipped (the moved row itself is read
    /// where it lives).
    /// </summary>
    public void ForEachRow(JetTable table, RowVisitor visit)
    {
        foreach (var pg in DataPages(table))
        {
            var p = Page(pg);
            if (p[0] != 0x01 || BinaryPrimitives.ReadUInt32LittleEndian(p.AsSpan(4)) != table.DefinitionPage) continue;
            int n = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(12));
            if (14 + 2 * n > PageSize) throw Error(pg * PageSize + 12, $"page {pg} announces {n} rows, more than a page holds");
            for (int r = 0; r < n; r++)
            {
                int off = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(14 + 2 * r));
                if ((off & 0xC000) != 0) continue;
                var (start, end) = RowBounds(p, r, pg);
                if (end - start < 2) throw Error(pg * PageSize + start, $"row {r} of page {pg} is {end - start} bytes long");
                _rowPage = pg;
                visit(p, start, end);
            }
        }
    }

    long _rowPage;

    /// <summary>The file offset of a byte of the row being visited, for error messages.</summary>
    public long Offset(int inPage) => _rowPage * PageSize + inPage;

    static bool IsPresent(JetColumn c, byte[] p, int start, int end)
    {
        int nCols = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(start));
        int maskBytes = (nCols + 7) / 8;
        if (c.Number >= nCols || end - maskBytes < start + 2) return false;
        return (p[end - maskBytes + c.Number / 8] & (1 << (c.Number % 8))) != 0;
    }

    /// <summary>
    /// A numeric fixed column of the row (bool, byte, 16- and 32-bit integers, single, double, date as
    /// days since 1899-12-30, money), or NaN when the row has no value for it.
    /// </summary>
    public double Number(JetColumn c, byte[] p, int start, int end)
    {
        if (c.Type == JetType.Bool) return IsPresent(c, p, start, end) ? 1 : 0;
        if (!IsPresent(c, p, start, end)) return double.NaN;
        if (!c.IsFixed) throw Error(Offset(start), $"column '{c.Name}' is not a fixed-size number");
        int at = start + 2 + c.FixedOffset;
        int width = c.Type switch
        {
            JetType.Byte => 1, JetType.Int16 => 2, JetType.Int32 or JetType.Single => 4,
            JetType.Double or JetType.DateTime or JetType.Money => 8, _ => -1,
        };
        if (width < 0) throw Error(Offset(start), $"column '{c.Name}' has type {c.Type}, not a number");
        if (at + width > end) throw Error(Offset(at), $"column '{c.Name}' runs past the end of its row ({end - start} bytes)");
        var s = p.AsSpan(at, width);
        return c.Type switch
        {
            JetType.Byte => s[0],
            JetType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s),
            JetType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s),
            JetType.Single => BinaryPrimitives.ReadSingleLittleEndian(s),
            JetType.Money => BinaryPrimitives.ReadInt64LittleEndian(s) / 10000.0,
            _ => BinaryPrimitives.ReadDoubleLittleEndian(s),
        };
    }

    /// <summary>A text column of the row (variable or fixed), or null when the row has none.</summary>
    public string? Text(JetColumn c, byte[] p, int start, int end)
    {
        if (!IsPresent(c, p, start, end)) return null;
        if (c.IsFixed)
        {
            int at = start + 2 + c.FixedOffset;
            if (at + c.Length > end) throw Error(Offset(at), $"column '{c.Name}' runs past the end of its row");
            return DecodeText(p.AsSpan(at, c.Length));
        }
        int nCols = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(start));
        int maskBytes = (nCols + 7) / 8;
        int countAt = end - maskBytes - 2;
        if (countAt < start + 2) throw Error(Offset(start), $"row of {end - start} bytes is too short for its {nCols} columns");
        int nVar = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(countAt));
        if (c.VarIndex >= nVar) return null;
        int offAt = countAt - 2 * (c.VarIndex + 2);
        if (offAt < start + 2) throw Error(Offset(countAt), $"the row's {nVar} variable columns do not fit in its {end - start} bytes");
        int to = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(offAt));
        int from = BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(offAt + 2));
        if (from > to || start + to > end) throw Error(Offset(offAt), $"column '{c.Name}' spans bytes {from}–{to} of a row of {end - start} bytes");
        return DecodeText(p.AsSpan(start + from, to - from));
    }

    /// <summary>Jet 4 text: UCS-2, or FF FE then one byte per character, a zero byte toggling to two bytes and back.</summary>
    internal static string DecodeText(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
        {
            var sb = new StringBuilder(b.Length);
            bool compressed = true;
            for (int i = 2; i < b.Length;)
            {
                if (b[i] == 0) { compressed = !compressed; i++; continue; }
                if (compressed) { sb.Append((char)b[i]); i++; }
                else if (i + 1 < b.Length) { sb.Append((char)(b[i] | (b[i + 1] << 8))); i += 2; }
                else break;
            }
            return sb.ToString();
        }
        return Encoding.Unicode.GetString(b[..(b.Length & ~1)]).TrimEnd('\0');
    }

    public void Dispose() => _stream.Dispose();
}
