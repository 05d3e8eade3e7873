using System.Buffers.Binary;
using System.Text;

namespace Interphase.Data.BioLogic;

/// <summary>
/// A BioLogic EC-Lab binary file (.mpr), opened for streaming. Layout (reverse-engineered by the
/// community, checked here against the .mpt exports of the same runs):
/// <list type="bullet">
/// <item>52 bytes of magic: <c>BIO-LOGIC MODULAR FILE\x1a</c>, spaces to 48 bytes, four zero bytes;</item>
/// <item>then modules, each <c>MODULE</c> + a header: short name (10 bytes), long name (25), then
/// either length (u32), version (u32), date (8 ASCII) or, from EC-Lab 11.50 on (marked by
/// FF FF FF FF where the length was), max length, length, version, version 2 (u32 each) and the date;</item>
/// <item>the settings module (<c>VMP Set</c>): the technique id in its first byte;</item>
/// <item>the data module (<c>VMP data</c>): record count (u32), column count (u8), the column ids
/// (u16, little-endian in module versions 2 and 3, big-endian in 10 and 11, one byte each in
/// version 0), then fixed-size little-endian records from offset 0x195 (v2), 0x196 (v3), 0x3EF
/// (v10, v11) or 100 (v0); see <see cref="MprColumns"/> for the ids;</item>
/// <item>log and loop modules (<c>VMP LOG</c>, <c>VMP loop</c>: loop count u32 and the first
/// record of each loop, u32).</item>
/// </list>
/// Records are decoded in chunks straight from the stream; only the columns asked for are
/// converted. Every inconsistency is an <see cref="InputException"/> naming the byte offset.
/// </summary>
public sealed class MprFile : IColumnChunks, IDisposable
{
    static readonly byte[] Magic = BuildMagic();
    const int ChunkBytes = 1 << 16;

    static byte[] BuildMagic()
    {
        var m = new byte[52];
        Array.Fill(m, (byte)' ', 0, 48);
        Encoding.ASCII.GetBytes("BIO-LOGIC MODULAR FILE\x1a").CopyTo(m, 0);
        return m;
    }

    readonly Stream _stream;
    long _pos;
    readonly long _dataStart;     // file offset of the first record
    readonly long _moduleEnd;     // file offset just past the data module
    readonly int[] _offsets;      // byte offset of each column within a record
    readonly List<(int Loop, int From, int To)> _loops = new();
    bool _rowsRead;

    public string Path { get; }
    /// <summary>Short technique code from the settings module (GCPL, BCD, MB, PEIS, …).</summary>
    public string Technique { get; }
    public int TechniqueId { get; }
    /// <summary>The data module's version (2, 3, 10, 11 or 0).</summary>
    public int DataVersion { get; }
    public long RecordCount { get; }
    public int RecordSize { get; }
    /// <summary>The columns in record order, named as the .mpt export names them.</summary>
    public IReadOnlyList<MprColumn> Columns { get; }
    public IReadOnlyList<string> Names { get; }
    /// <summary>The file offset of the first record.</summary>
    public long DataStart => _dataStart;
    /// <summary>The byte offset of a column (index into <see cref="Columns"/>) within a record.</summary>
    public int ColumnOffset(int column) => _offsets[column];
    /// <summary>What the reader had to decide (unknown column widths inferred, trailing bytes).</summary>
    public IReadOnlyList<string> Notes { get; }
    /// <summary>The loop module's loops (0-based first and last record of each); filled by <see cref="ReadChunks"/>.</summary>
    public IReadOnlyList<(int Loop, int From, int To)> Loops => _loops;

    public static bool Sniff(ReadOnlySpan<byte> head) => head.Length >= 23 && head.StartsWith("BIO-LOGIC MODULAR FILE"u8);

    public static MprFile Open(string path) => Open(DataFile.OpenRead(path), path);

    public static MprFile Open(Stream stream, string path)
    {
        try { return new MprFile(stream, path); }
        catch { stream.Dispose(); throw; }
    }

    MprFile(Stream stream, string path)
    {
        _stream = stream;
        Path = path;
        var magic = new byte[Magic.Length];
        int got = ReadUpTo(magic);
        if (got < Magic.Length || !magic.AsSpan(0, 22).SequenceEqual(Magic.AsSpan(0, 22)))
            throw Error(0, "not a BioLogic .mpr file: expected 'BIO-LOGIC MODULAR FILE' at the start");
        if (!magic.AsSpan().SequenceEqual(Magic))
            throw Error(0, "the .mpr file signature is damaged: expected 'BIO-LOGIC MODULAR FILE', spaces and four zero bytes in the first 52 bytes");

        string? technique = null;
        int techniqueId = -1;
        var notes = new List<string>();
        while (true)
        {
            var (name, length, version, headerAt) = ReadModuleHeader(required: true, "the data module ('VMP data')")!.Value;
            if (name == "VMP Set")
            {
                if (length < 1) throw Error(headerAt, "the settings module is empty: expected the technique id");
                var body = ReadExactly((int)Math.Min(length, 1 << 24), "the settings module");
                techniqueId = body[0];
                technique = BioLogicTechniques.FromMprId(techniqueId);
                Skip(length - body.Length);
            }
            else if (name == "VMP data")
            {
                long moduleStart = _pos;
                var head = ReadExactly(5, "the data module's record and column counts");
                long n = BinaryPrimitives.ReadUInt32LittleEndian(head);
                int nCols = head[4];
                if (nCols == 0) throw Error(moduleStart + 4, "the data module has no columns");
                bool oneByteIds = version == 0;
                int headerSize;
                switch (version)
                {
                    case 0: headerSize = 100; break;
                    case 2: headerSize = 0x195; break;
                    case 3: headerSize = 0x196; break;
                    case 10: case 11: headerSize = 0x3EF; break;
                    default: throw Error(headerAt, $"data module version {version} is not supported (known: 0, 2, 3, 10, 11)");
                }
                int idBytes = oneByteIds ? nCols : 2 * nCols;
                if (5 + idBytes > headerSize) throw Error(moduleStart + 4, $"the data module names {nCols} columns, more than its header holds");
                var ids = ReadExactly(idBytes, "the data module's column ids");
                Skip(headerSize - 5 - idBytes);
                var idList = new int[nCols];
                for (int k = 0; k < nCols; k++)
                    idList[k] = oneByteIds ? ids[k]
                        : version >= 10 ? BinaryPrimitives.ReadUInt16BigEndian(ids.AsSpan(2 * k))
                        : BinaryPrimitives.ReadUInt16LittleEndian(ids.AsSpan(2 * k));
                var (cols, offsets, size) = Layout(idList, technique, n, length - headerSize, moduleStart, notes);
                long need = headerSize + n * size;
                if (need > length)
                    throw Error(moduleStart, $"the data module holds {length} bytes but {n} records of {size} bytes need {need} (damaged file?)");
                if (need < length) notes.Add($"{length - need} bytes after the last record of the data module were ignored");
                Columns = cols;
                Names = cols.Select(c => MprColumns.NameFor(c, technique)).ToArray();
                _offsets = offsets;
                RecordSize = size;
                RecordCount = n;
                DataVersion = version;
                _dataStart = _pos;
                _moduleEnd = moduleStart + length;
                break;
            }
            else Skip(length);
        }
        Technique = technique ?? "unknown technique";
        TechniqueId = techniqueId;
        Notes = notes;
        if (Columns is null || _offsets is null || Names is null) throw Error(_pos, "no data module");
    }

    /// <summary>Record layout: each column's offset; one shared byte for all flag columns. An unknown column id is
    /// only accepted when it is the only one and the module's size tells its width.</summary>
    (MprColumn[] cols, int[] offsets, int size) Layout(int[] ids, string? technique, long n, long dataBytes, long at, List<string> notes)
    {
        var cols = new MprColumn?[ids.Length];
        int known = 0, unknownAt = -1;
        bool flags = false;
        for (int k = 0; k < ids.Length; k++)
        {
            var c = MprColumns.Find(ids[k]);
            cols[k] = c;
            if (c is null)
            {
                if (unknownAt >= 0)
                    throw Error(at + 5, $"column ids {ids[unknownAt]} and {ids[k]} are unknown: cannot tell the record size (technique {technique})");
                unknownAt = k;
                continue;
            }
            if (c.Type == MprType.Flags) { if (!flags) { known += 1; flags = true; } }
            else known += c.Size;
        }
        if (unknownAt >= 0)
        {
            long rest = n > 0 ? dataBytes / n - known : -1;
            if (n == 0 || dataBytes % n != 0 || rest is not (1 or 2 or 4 or 8))
                throw Error(at + 5, $"column id {ids[unknownAt]} is unknown and its width cannot be inferred from the module size (technique {technique})");
            var type = rest switch { 1 => MprType.U1, 2 => MprType.U2, 4 => MprType.F4, _ => MprType.F8 };
            cols[unknownAt] = new MprColumn(ids[unknownAt], $"column id {ids[unknownAt]}", type);
            notes.Add($"column id {ids[unknownAt]} is unknown; read as {rest}-byte {(type is MprType.F4 or MprType.F8 ? "float" : "integer")} from the record size");
        }
        var offsets = new int[ids.Length];
        int pos = 0, flagPos = -1;
        for (int k = 0; k < ids.Length; k++)
        {
            var c = cols[k]!;
            if (c.Type == MprType.Flags)
            {
                if (flagPos < 0) { flagPos = pos; pos += 1; }
                offsets[k] = flagPos;
            }
            else { offsets[k] = pos; pos += c.Size; }
        }
        return (cols.Select(c => c!).ToArray(), offsets, pos);
    }

    /// <summary>The index of a column by name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++) if (Names[i] == name) return i;
        return -1;
    }

    IReadOnlyList<string> IColumnChunks.ColumnNames => Names;

    /// <summary>
    /// Streams the records in chunks, each decoded column by column (one tight loop per column and storage type) into
    /// doubles; then reads the modules after the data (the loop indexes). Returns the record count.
    /// </summary>
    public long ReadChunks(IReadOnlyList<int> columns, ChunkHandler handler)
    {
        var chunk = new double[columns.Count][];
        for (int s = 0; s < chunk.Length; s++) chunk[s] = new double[RecordsPerChunk];
        ForEachChunk((records, k, first) =>
        {
            for (int s = 0; s < chunk.Length; s++) Decode(records, k, columns[s], chunk[s]);
            handler(chunk, k, first);
        });
        return RecordCount;
    }

    int RecordsPerChunk => Math.Max(1, ChunkBytes / RecordSize);

    /// <summary>Reads the records a chunk of about 64 kB at a time and hands over the chunk's bytes, its record count and
    /// the index of its first record; then reads the modules after the data (the loop indexes).</summary>
    void ForEachChunk(Action<byte[], int, long> each)
    {
        if (_rowsRead) throw new InvalidOperationException("the records were read already");
        _rowsRead = true;
        var buf = new byte[RecordsPerChunk * RecordSize];
        long done = 0;
        while (done < RecordCount)
        {
            int k = (int)Math.Min(RecordsPerChunk, RecordCount - done);
            int bytes = k * RecordSize;
            int got = ReadUpTo(buf.AsSpan(0, bytes));
            if (got < bytes)
                throw Error(_pos, $"the file ends inside record {done + got / RecordSize + 1} of {RecordCount}: expected {RecordCount * RecordSize} bytes of records from byte {_dataStart} (truncated file?)");
            each(buf, k, done);
            done += k;
        }
        Skip(_moduleEnd - _pos);
        ReadTrailingModules();
    }

    /// <summary>An error in record <paramref name="record"/> (0-based), placed at its first byte.</summary>
    public InputException RecordError(long record, string message) =>
        Error(_dataStart + record * RecordSize, $"record {record + 1} of {RecordCount}: {message}");

    void ReadTrailingModules()
    {
        while (ReadModuleHeader(required: false, "") is { } h)
        {
            if (h.Name == "VMP loop" && h.Length >= 4)
            {
                var body = ReadExactly((int)Math.Min(h.Length, 1 << 24), "the loop module");
                long count = BinaryPrimitives.ReadUInt32LittleEndian(body);
                if (4 + 4 * count > body.Length) throw Error(h.At, $"the loop module announces {count} loops but holds {body.Length} bytes");
                var starts = new List<long>();
                for (int i = 0; i < count; i++) starts.Add(BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(4 + 4 * i)));
                // the list ends with the record count; trailing zeros are padding
                while (starts.Count > 1 && starts[^1] == 0) starts.RemoveAt(starts.Count - 1);
                for (int i = 0; i + 1 < starts.Count; i++)
                    if (starts[i + 1] > starts[i]) _loops.Add((i, (int)starts[i], (int)starts[i + 1] - 1));
                Skip(h.Length - body.Length);
            }
            else Skip(h.Length);
        }
    }

    (string Name, long Length, int Version, long At)? ReadModuleHeader(bool required, string expected)
    {
        long at = _pos;
        // a module header is "MODULE", short name (10), long name (25), then the old or the 11.50 layout
        var tag = new byte[6];
        int got = ReadUpTo(tag);
        if (got == 0)
        {
            if (required) throw Error(at, $"the file ends before {expected} (truncated file?)");
            return null;
        }
        if (got < 6 || !tag.AsSpan().SequenceEqual("MODULE"u8))
            throw Error(at, "expected 'MODULE' at the start of the next module (damaged or truncated file?)");
        var h = ReadExactly(43, "a module header");
        string name = Encoding.Latin1.GetString(h, 0, 10).TrimEnd(' ', '\0');
        long length;
        int version;
        if (BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(35)) == 0xFFFF_FFFF)
        {
            var more = ReadExactly(8, "a module header");
            var full = h.Concat(more).ToArray();
            length = BinaryPrimitives.ReadUInt32LittleEndian(full.AsSpan(39));
            version = (int)BinaryPrimitives.ReadUInt32LittleEndian(full.AsSpan(43)) + (int)BinaryPrimitives.ReadUInt32LittleEndian(full.AsSpan(47));
            // the date (8 bytes) follows
            ReadExactly(8, "a module header");
        }
        else
        {
            length = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(35));
            version = (int)BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(39));
            ReadExactly(8, "a module header"); // the date
        }
        if (_stream.CanSeek && _pos + length > _stream.Length)
            throw Error(at, $"module '{name}' announces {length} bytes but the file ends {_stream.Length - _pos} bytes later (truncated file?)");
        return (name, length, version, at);
    }

    byte[] ReadExactly(int n, string what)
    {
        var b = new byte[n];
        if (ReadUpTo(b) < n) throw Error(_pos, $"the file ends inside {what} (truncated file?)");
        return b;
    }

    int ReadUpTo(Span<byte> b)
    {
        int total = 0;
        try
        {
            while (total < b.Length)
            {
                int r = _stream.Read(b[total..]);
                if (r == 0) break;
                total += r;
            }
        }
        catch (IOException e) { throw Error(_pos, $"cannot read the file: {e.Message}"); }
        _pos += total;
        return total;
    }

    void Skip(long n)
    {
        if (n <= 0) return;
        if (_stream.CanSeek)
        {
            if (_pos + n > _stream.Length) throw Error(_pos, "the file ends inside a module (truncated file?)");
            _stream.Seek(n, SeekOrigin.Current);
            _pos += n;
            return;
        }
        var tmp = new byte[Math.Min(n, 1 << 16)];
        while (n > 0)
        {
            int k = (int)Math.Min(n, tmp.Length);
            if (ReadUpTo(tmp.AsSpan(0, k)) < k) throw Error(_pos, "the file ends inside a module (truncated file?)");
            n -= k;
        }
    }

    InputException Error(long offset, string message) => new($"at byte {offset}: {message}", Path);

    /// <summary>Reads every column into a table, decoding column by column within each chunk of records.</summary>
    public static BioLogicTable ReadTable(string path)
    {
        using var f = Open(path);
        var data = new double[f.Columns.Count][];
        for (int c = 0; c < data.Length; c++) data[c] = new double[f.RecordCount];
        f.ForEachChunk((records, k, first) =>
        {
            for (int c = 0; c < data.Length; c++) f.Decode(records, k, c, data[c].AsSpan((int)first, k));
        });
        return new BioLogicTable(path, "BioLogic .mpr", f.Technique, f.Names, data);
    }

    /// <summary>Column <paramref name="column"/> of the first <paramref name="k"/> records of <paramref name="records"/>, as doubles.</summary>
    void Decode(byte[] records, int k, int column, Span<double> dst)
    {
        int size = RecordSize, off = _offsets[column];
        var col = Columns[column];
        ReadOnlySpan<byte> b = records;
        dst = dst[..k];
        switch (col.Type)
        {
            case MprType.F8: for (int r = 0; r < dst.Length; r++) dst[r] = BinaryPrimitives.ReadDoubleLittleEndian(b.Slice(r * size + off, 8)); break;
            case MprType.F4: for (int r = 0; r < dst.Length; r++) dst[r] = BinaryPrimitives.ReadSingleLittleEndian(b.Slice(r * size + off, 4)); break;
            case MprType.U2: for (int r = 0; r < dst.Length; r++) dst[r] = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(r * size + off, 2)); break;
            case MprType.U4: for (int r = 0; r < dst.Length; r++) dst[r] = BinaryPrimitives.ReadUInt32LittleEndian(b.Slice(r * size + off, 4)); break;
            case MprType.U1: for (int r = 0; r < dst.Length; r++) dst[r] = b[r * size + off]; break;
            default:
                int shift = System.Numerics.BitOperations.TrailingZeroCount(col.Mask);
                for (int r = 0; r < dst.Length; r++) dst[r] = (b[r * size + off] & col.Mask) >> shift;
                break;
        }
    }

    public void Dispose() => _stream.Dispose();
}
