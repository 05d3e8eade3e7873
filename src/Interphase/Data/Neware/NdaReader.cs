using System.Buffers.Binary;
using System.Globalization;

namespace Interphase.Data.Neware;

/// <summary>
/// Neware BTS binary files (.nda), versions 29 and 130. The layout is not published; it follows the
/// public description in NewareNDA's reader and is checked against the values that reader gives
/// for the shared test files.
/// <list type="bullet">
/// <item>Bytes 0–5: <c>NEWARE</c>; byte 14: the version.</item>
/// <item>Version 29 (BTS 7): active mass (µg, u32) at byte 152; 86-byte records, each starting
/// <c>55 00</c> and ending in four zero bytes: index u32 @2, cycle u32 @6 (0-based), step u16 @10,
/// status u8 @12, step time u64 ms @14, voltage i32 ×10⁻⁴ V @22, current i32 @26, charge and
/// discharge capacity and energy i64 @38/46/54/62 (current and counters scaled by the current
/// range i32 @78; counters in mA·s and mW·s), wall-clock date @70 (u16 year, then month, day,
/// hour, minute, second).</item>
/// <item>Version 130 (BTS 9): records from byte 1024. BTS 9.1 files start them with <c>55</c> and
/// their length is the distance to the next record: step u8 @2, status u8 @3, index u32 @8, time
/// u32 s + u32 ns @12, current f32 mA @20, voltage f32 V @24, capacity and energy f32 (mA·s,
/// mW·s, negative on discharge) @28/32, cycle u32 @36 (from 0), Unix date u32 s + u32 ns @44,
/// temperature f32 °C @52 in 56-byte records. Older BTS 9 files have 88-byte records that repeat the file's first six bytes
/// at 1024 and hold, 4 bytes in: step u8 @5, status @6, index u32 @12, time u64 µs @24, voltage
/// and current f32 @32/36, charge capacity, charge energy, discharge capacity, discharge energy
/// f32 @48–60, Unix date u64 µs @64.</item>
/// </list>
/// Records are deduplicated by index and ordered by it. Version 29 stores step time, which the
/// reader accumulates into test time.
/// </summary>
public static partial class NdaReader
{
    /// <summary>Current and counter scale (mA per unit) by the current range of a version-29 record (and of the whole
    /// records of .ndax versions 2 and 5).</summary>
    internal static readonly Dictionary<int, double> RangeScale = new()
    {
        [-100000000] = 10, [-200000] = 1e-2, [-100000] = 1e-2, [-60000] = 1e-2, [-50000] = 1e-2, [-30000] = 1e-2,
        [-20000] = 1e-2, [-12000] = 1e-2, [-10000] = 1e-2, [-6000] = 1e-2, [-5000] = 1e-2, [-3000] = 1e-2,
        [-2000] = 1e-2, [-1000] = 1e-2, [-500] = 1e-3, [-100] = 1e-3, [-50] = 1e-4, [-25] = 1e-4, [-20] = 1e-4,
        [-10] = 1e-4, [-5] = 1e-5, [-2] = 1e-5, [-1] = 1e-5, [0] = 0, [1] = 1e-4, [2] = 1e-4, [5] = 1e-4,
        [10] = 1e-3, [20] = 1e-3, [50] = 1e-3, [100] = 1e-2, [200] = 1e-2, [250] = 1e-2, [500] = 1e-2,
        [1000] = 1e-1, [6000] = 1e-1, [10000] = 1e-1, [12000] = 1e-1, [20000] = 1e-1, [30000] = 1e-1,
        [40000] = 1e-1, [50000] = 1e-1, [60000] = 1e-1, [100000] = 1e-1, [200000] = 1e-1,
    };

    public static bool Sniff(ReadOnlySpan<byte> head) => head.StartsWith("NEWARE"u8);

    /// <summary>
    /// The records decoded straight into columns, in the file's order, before they are ordered by index: current in A,
    /// counters in C and J (converted as each record is decoded, with the same operations in the same order as the
    /// file's units were converted before: mA × 10⁻³, mAh × 3.6, mWh × 3.6), time in s (version 29: step time).
    /// </summary>
    sealed class Columns(int capacity)
    {
        public int Count;
        public uint[] Index = new uint[capacity];
        public int[] Cycle = new int[capacity], Step = new int[capacity];
        public byte[] Status = new byte[capacity];
        public double[] TimeS = new double[capacity], VoltageV = new double[capacity], CurrentA = new double[capacity],
            QChargeC = new double[capacity], QDischargeC = new double[capacity], EChargeJ = new double[capacity],
            EDischargeJ = new double[capacity], TemperatureC = new double[capacity];

        public int Add()
        {
            EnsureRoom();
            return Count++;
        }

        /// <summary>Room for one more record.</summary>
        public void EnsureRoom()
        {
            if (Count == Index.Length) Grow();
        }

        void Grow()
        {
            int m = Math.Max(16, Index.Length * 2);
            Array.Resize(ref Index, m); Array.Resize(ref Cycle, m); Array.Resize(ref Step, m); Array.Resize(ref Status, m);
            Array.Resize(ref TimeS, m); Array.Resize(ref VoltageV, m); Array.Resize(ref CurrentA, m); Array.Resize(ref QChargeC, m);
            Array.Resize(ref QDischargeC, m); Array.Resize(ref EChargeJ, m); Array.Resize(ref EDischargeJ, m); Array.Resize(ref TemperatureC, m);
        }
    }

    /// <summary>
    /// Reads the file. The status names of the records come back in <c>statuses</c> (the overload below)
    /// (one per dataset row) for callers that want Neware's own step names.
    /// </summary>
    public static CyclingDataset Read(string path) => Read(path, statusesWanted: false, out _);

    /// <summary>
    /// The file is streamed in blocks of whole records and decoded straight into the dataset's columns (no object per
    /// record; the file is never held whole), so reading takes about the dataset's own size in memory. Records are then
    /// ordered and de-duplicated by index, which costs nothing when the file has them in order (the usual case).
    /// </summary>
    public static CyclingDataset Read(string path, out string[] statuses) => Read(path, statusesWanted: true, out statuses);

    /// <param name="statusesWanted">False: <paramref name="statuses"/> is left empty (a column of one reference per record that only some callers want).</param>
    static CyclingDataset Read(string path, bool statusesWanted, out string[] statuses)
    {
        FileStream fs;
        try { fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot read the file: {e.Message}", path); }
        using (fs)
        {
            try { return Read(fs, path, statusesWanted, out statuses); }
            catch (IOException e) { throw new InputException($"cannot read the file: {e.Message}", path); }
        }
    }

    static CyclingDataset Read(FileStream fs, string path, bool statusesWanted, out string[] statuses)
    {
        long length = fs.Length;
        // the header and the first records; the whole file when it is small or when its layout must be found further in
        var head = new byte[(int)Math.Min(length, HeadBytes)];
        fs.ReadExactly(head);
        if (head.Length < 16 || !Sniff(head)) throw new InputException("at byte 0: not a Neware .nda file: expected 'NEWARE'", path);
        int version = head[14];
        var notes = new List<string>();
        Columns c;
        double? massKg = null;
        DateTimeOffset? start = null;
        switch (version)
        {
            case 26:
            case 29:
                if (head.Length < 156) throw new InputException($"at byte {head.Length}: the file ends inside the version-{version} header (truncated file?)", path);
                uint micrograms = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(152));
                if (micrograms > 0) massKg = micrograms * 1e-9;
                c = Read29(fs, head, length, path, out start);
                break;
            case 8:
                c = Read8(fs, head, length, path, notes, out start);
                break;
            case 22:
            case 23:
                c = Read22(fs, head, length, version, path, notes, out start);
                break;
            case 130:
                var marker = new LastOccurrence(MassMarker);
                c = Read130(fs, head, length, path, notes, marker, out start);
                massKg = Mass130(fs, length, marker);
                break;
            default:
                throw new InputException($"at byte 14: .nda version {version} is not supported (known: 8, 22, 23, 26, 29, 130); export the data as CSV from BTSDA", path);
        }
        if (c.Count == 0) throw new InputException("the file holds no data records", path);
        int n = OrderByIndex(c, notes);

        var names = new string?[256];
        // the step type of each status that names its direction (null: the sign of the current decides)
        var fixedStep = new StepType?[256];
        var known = new bool[256];
        statuses = statusesWanted ? new string[n] : [];
        var step = new StepType[n];
        // each column trimmed in turn and let go of (Take), so that at most one column is held twice
        var current = Take(ref c.CurrentA, n);
        var time = Take(ref c.TimeS, n);
        var qc = Take(ref c.QChargeC, n);
        var qd = Take(ref c.QDischargeC, n);
        var ec = Take(ref c.EChargeJ, n);
        var ed = Take(ref c.EDischargeJ, n);
        var voltage = Take(ref c.VoltageV, n);
        var cycle = Take(ref c.Cycle, n);
        var status = c.Status;
        var stepNumber = c.Step;
        var temperature = c.TemperatureC;
        double offset = 0, prevStepTime = 0;
        int prevStep = int.MinValue;
        bool hasTemperature = false;
        for (int i = 0; i < n; i++)
        {
            if (StoresStepTime(version))
            {
                // step time → test time: each new step starts where the previous one ended
                double stepTime = time[i];
                if (i > 0 && stepNumber[i] != prevStep) offset += prevStepTime;
                prevStep = stepNumber[i];
                prevStepTime = stepTime;
                time[i] = offset + stepTime;
            }
            int code = status[i];
            if (!known[code])
            {
                names[code] = NewareStatus.Name(code);
                fixedStep[code] = NewareStatus.Named(names[code]!);
                known[code] = true;
            }
            if (statusesWanted) statuses[i] = names[code]!;
            double a = current[i];
            step[i] = fixedStep[code] ?? NewareStatus.BySign(a);
            if (!double.IsNaN(temperature[i])) hasTemperature = true;
            if (!double.IsFinite(time[i]) || !double.IsFinite(voltage[i]) || !double.IsFinite(a))
            {
                var row = CyclingRow.Empty;
                row.TimeS = time[i];
                row.Voltage = voltage[i];
                row.Current = a;
                throw new InputException($"record {c.Index[i]}: {row.Invalid()}", path);
            }
        }
        if (StoresStepTime(version)) notes.Add("test time accumulated from the step times the file stores");
        return new CyclingDataset(new DatasetInfo
        {
            Format = "Neware .nda",
            Source = path,
            Instrument = $"Neware BTS (.nda version {version})",
            StartTime = start,
            FileActiveMassKg = massKg,
            Header = new Dictionary<string, string> { ["nda version"] = version.ToString(CultureInfo.InvariantCulture) },
            Notes = notes,
        }, time, voltage, current, step, cycle, Take(ref c.Step, n), qc, qd, ec, ed,
            hasTemperature ? Take(ref c.TemperatureC, n) : null);
    }

    /// <summary>The first <paramref name="n"/> values of a column, which the reader lets go of.</summary>
    static T[] Take<T>(ref T[] column, int n)
    {
        var a = column;
        column = [];
        return a.Length == n ? a : a[..n];
    }

    /// <summary>Bytes read before the layout is known: the header and the first records.</summary>
    const int HeadBytes = 1 << 20;

    /// <summary>Bytes of whole records decoded at a time.</summary>
    const int BlockBytes = 1 << 20;

    /// <summary>
    /// Sorts the records by index (the same sort, on the same keys, as a list of whole records had: duplicates keep the
    /// record that sort keeps) and drops repeated indices; returns the count kept. Records already in strictly rising
    /// order, as instruments write them, are left as they are.
    /// </summary>
    static int OrderByIndex(Columns c, List<string> notes)
    {
        int n = c.Count;
        bool ordered = true;
        for (int i = 1; i < n && ordered; i++) ordered = c.Index[i] > c.Index[i - 1];
        if (ordered) return n;
        var keys = new (uint Index, int Row)[n];
        for (int i = 0; i < n; i++) keys[i] = (c.Index[i], i);
        keys.AsSpan().Sort((a, b) => a.Index.CompareTo(b.Index));
        int w = 0;
        for (int i = 0; i < n; i++)
            if (w == 0 || keys[i].Index != keys[w - 1].Index) keys[w++] = keys[i];
        if (w < n) notes.Add($"{n - w} duplicate records (same index) dropped");
        c.Index = Permute(c.Index, keys, w); c.Cycle = Permute(c.Cycle, keys, w); c.Step = Permute(c.Step, keys, w);
        c.Status = Permute(c.Status, keys, w); c.TimeS = Permute(c.TimeS, keys, w); c.VoltageV = Permute(c.VoltageV, keys, w);
        c.CurrentA = Permute(c.CurrentA, keys, w); c.QChargeC = Permute(c.QChargeC, keys, w);
        c.QDischargeC = Permute(c.QDischargeC, keys, w); c.EChargeJ = Permute(c.EChargeJ, keys, w);
        c.EDischargeJ = Permute(c.EDischargeJ, keys, w); c.TemperatureC = Permute(c.TemperatureC, keys, w);
        c.Count = w;
        return w;
    }

    static T[] Permute<T>(T[] a, (uint Index, int Row)[] keys, int n)
    {
        var r = new T[n];
        for (int i = 0; i < n; i++) r[i] = a[keys[i].Row];
        return r;
    }

    /// <summary>
    /// Calls <paramref name="block"/> with runs of whole <paramref name="len"/>-byte records from byte <paramref name="from"/>
    /// to the last whole record of the file, each run with the file offset of its first byte; stops when it returns false.
    /// The first bytes come from <paramref name="head"/>, the rest from the stream.
    /// </summary>
    static void ForEachBlock(FileStream fs, byte[] head, long length, long from, int len, BlockVisitor block)
    {
        long records = (length - from) / len;
        if (records <= 0) return;
        long end = from + records * len;
        if (end <= head.Length)
        {
            block(head.AsSpan((int)from, (int)(end - from)), from);
            return;
        }
        var buffer = new byte[Math.Max(len, BlockBytes / len * len)];
        long pos = from;
        fs.Position = from;
        while (pos < end)
        {
            int want = (int)Math.Min(buffer.Length, end - pos);
            fs.ReadExactly(buffer, 0, want);
            if (!block(buffer.AsSpan(0, want), pos)) return;
            pos += want;
        }
    }

    delegate bool BlockVisitor(ReadOnlySpan<byte> records, long offset);

    static Columns Read29(FileStream fs, byte[] head, long length, string path, out DateTimeOffset? start)
    {
        const int len = 86;
        DateTimeOffset? first = null;
        // the data start: four zero bytes, then 55 00, where the record after it starts with 55 too
        int h = -1;
        for (int p = IndexOf(head, 0); p >= 0; p = IndexOf(head, p + 4))
        {
            int rec = p + 4;
            if (rec + len + 1 > head.Length)
            {
                if (head.Length < length) return Read29(fs, WholeFile(fs, length), length, path, out start);
                break;
            }
            if (head[rec + len] == 0x55 && head[rec + 12] != 0) { h = rec; break; }
        }
        if (h < 0)
        {
            if (head.Length < length) return Read29(fs, WholeFile(fs, length), length, path, out start);
            throw new InputException("no data records found (expected 86-byte records starting 55 00 after the header)", path);
        }
        // the data records counted first (a pass over the file as it sits in the page cache), so that the columns are
        // made at their final size and never copied to be trimmed: the dataset is read in about its own memory
        int records = 0;
        ForEachBlock(fs, head, length, h, len, (block, offset) =>
        {
            for (int at = 0; at < block.Length; at += len)
            {
                var r = block.Slice(at, len);
                if (BinaryPrimitives.ReadUInt32LittleEndian(r[82..]) == 0 && r[0] == 0x55 && r[1] == 0 &&
                    BinaryPrimitives.ReadUInt32LittleEndian(r[2..]) != 0 && r[12] != 0) records++;
            }
            return true;
        });
        var c = new Columns(records);
        Dictionary<uint, double>? temps = null;
        double lastScale = 0;
        int lastRange = int.MinValue;
        ForEachBlock(fs, head, length, h, len, (block, offset) =>
        {
            for (int at = 0; at < block.Length; at += len)
            {
                var r = block.Slice(at, len);
                if (BinaryPrimitives.ReadUInt32LittleEndian(r[82..]) != 0) continue;
                if (r[0] == 0x55 && r[1] == 0)
                {
                    uint index = BinaryPrimitives.ReadUInt32LittleEndian(r[2..]);
                    int status = r[12];
                    if (index == 0 || status == 0) continue;
                    int range = BinaryPrimitives.ReadInt32LittleEndian(r[78..]);
                    if (range != lastRange)
                    {
                        if (!RangeScale.TryGetValue(range, out lastScale))
                            throw new InputException($"at byte {offset + at + 78}: unknown current range {range} in record {index}", path);
                        lastRange = range;
                    }
                    double scale = lastScale;
                    if (first is null && Date(BinaryPrimitives.ReadUInt16LittleEndian(r[70..]), r[72], r[73], r[74], r[75], r[76]) is { } s0) first = s0;
                    int k = c.Add();
                    c.Index[k] = index;
                    c.Cycle[k] = (int)BinaryPrimitives.ReadUInt32LittleEndian(r[6..]) + 1;
                    c.Step[k] = BinaryPrimitives.ReadUInt16LittleEndian(r[10..]);
                    c.Status[k] = (byte)status;
                    c.TimeS[k] = BinaryPrimitives.ReadUInt64LittleEndian(r[14..]) / 1000.0;
                    c.VoltageV[k] = BinaryPrimitives.ReadInt32LittleEndian(r[22..]) / 10000.0;
                    c.CurrentA[k] = BinaryPrimitives.ReadInt32LittleEndian(r[26..]) * scale * 1e-3;
                    c.QChargeC[k] = BinaryPrimitives.ReadInt64LittleEndian(r[38..]) * scale / 3600 * 3.6;
                    c.QDischargeC[k] = BinaryPrimitives.ReadInt64LittleEndian(r[46..]) * scale / 3600 * 3.6;
                    c.EChargeJ[k] = BinaryPrimitives.ReadInt64LittleEndian(r[54..]) * scale / 3600 * 3.6;
                    c.EDischargeJ[k] = BinaryPrimitives.ReadInt64LittleEndian(r[62..]) * scale / 3600 * 3.6;
                    c.TemperatureC[k] = double.NaN;
                }
                else if (r[0] == 0x65)
                {
                    // auxiliary channel: index u32 @2, temperature i16 ×0.1 °C @34 (the first channel is kept)
                    uint index = BinaryPrimitives.ReadUInt32LittleEndian(r[2..]);
                    (temps ??= []).TryAdd(index, BinaryPrimitives.ReadInt16LittleEndian(r[34..]) / 10.0);
                }
            }
            return true;
        });
        start = first;
        if (temps is { Count: > 0 })
            for (int i = 0; i < c.Count; i++)
                if (temps.TryGetValue(c.Index[i], out var tc)) c.TemperatureC[i] = tc;
        return c;
    }

    /// <summary>The whole file, for a layout that could not be found in its first <see cref="HeadBytes"/>.</summary>
    static byte[] WholeFile(FileStream fs, long length)
    {
        var all = new byte[length];
        fs.Position = 0;
        fs.ReadExactly(all);
        return all;
    }

    static int IndexOf(byte[] d, int from)
    {
        ReadOnlySpan<byte> pattern = [0, 0, 0, 0, 0x55, 0];
        if (from >= d.Length) return -1;
        int k = d.AsSpan(from).IndexOf(pattern);
        return k < 0 ? -1 : from + k;
    }

    /// <summary>1990 to 2100: anything else is not a test's date (a damaged record).</summary>
    static bool IsPlausibleUnixTime(double s) => s is > 631_152_000 and < 4_102_444_800;

    internal static DateTimeOffset? Date(int y, int mo, int day, int h, int mi, int s)
    {
        if (y < 1990 || y > 2100 || mo is < 1 or > 12 || day is < 1 or > 31 || h > 23 || mi > 59 || s > 59) return null;
        try { return new DateTimeOffset(y, mo, day, h, mi, s, TimeSpan.Zero); }
        catch (ArgumentOutOfRangeException) { return null; }
    }

    /// <param name="marker">Sees every block of records decoded (for the active mass's marker, <see cref="Mass130"/>).</param>
    static Columns Read130(FileStream fs, byte[] head, long length, string path, List<string> notes, LastOccurrence marker, out DateTimeOffset? start)
    {
        DateTimeOffset? first = null;
        if (length < 1030) throw new InputException($"at byte {length}: the file ends before its first record at byte 1024 (truncated file?)", path);
        Columns c;
        if (head[1024] == 0x55)
        {
            // BTS 9.1: the record length is the distance to the next record's first two bytes
            int next = head.AsSpan(1026).IndexOf(head.AsSpan(1024, 2));
            if (next < 0 && head.Length < length) return Read130(fs, WholeFile(fs, length), length, path, notes, marker, out start);
            if (next < 0) throw new InputException("at byte 1024: cannot find the second record to learn the record length", path);
            int len = next + 2;
            if (len < 52) throw new InputException($"at byte 1024: a record length of {len} bytes is too short for a BTS 9.1 record", path);
            notes.Add($"BTS 9.1 layout, {len}-byte records");
            // the data records counted first, as for version 29, so that the columns are made at their final size
            int records = 0;
            ForEachBlock(fs, head, length, 1024, len, (block, offset) =>
            {
                for (int at = 0; at < block.Length; at += len)
                {
                    if (block[at] == 0x81) return false;
                    if (block[at] == 0x55) records++;
                }
                return true;
            });
            c = new Columns(records);
            var cols = c;
            ForEachBlock(fs, head, length, 1024, len, (block, offset) =>
            {
                marker.See(block, offset);
                // the columns in locals for the loop (the counting pass made them the right size; they grow only if the
                // file changed in between)
                int k = cols.Count;
                var index = cols.Index; var cycle = cols.Cycle; var step = cols.Step; var status = cols.Status;
                var time = cols.TimeS; var voltage = cols.VoltageV; var current = cols.CurrentA; var qc = cols.QChargeC;
                var qd = cols.QDischargeC; var ec = cols.EChargeJ; var ed = cols.EDischargeJ; var temperature = cols.TemperatureC;
                bool more = true;
                for (int at = 0; at < block.Length; at += len)
                {
                    var r = block.Slice(at, len);
                    if (r[0] == 0x81) { more = false; break; }
                    if (r[0] != 0x55) continue;
                    if (first is null)
                    {
                        double stamp = BinaryPrimitives.ReadUInt32LittleEndian(r[44..]) + 1e-9 * BinaryPrimitives.ReadUInt32LittleEndian(r[48..]);
                        if (IsPlausibleUnixTime(stamp)) first = DateTimeOffset.FromUnixTimeMilliseconds((long)(stamp * 1000));
                    }
                    if (k == index.Length)
                    {
                        cols.Count = k;
                        cols.EnsureRoom();
                        index = cols.Index; cycle = cols.Cycle; step = cols.Step; status = cols.Status;
                        time = cols.TimeS; voltage = cols.VoltageV; current = cols.CurrentA; qc = cols.QChargeC;
                        qd = cols.QDischargeC; ec = cols.EChargeJ; ed = cols.EDischargeJ; temperature = cols.TemperatureC;
                    }
                    double q = BinaryPrimitives.ReadSingleLittleEndian(r[28..]) / 3600.0;
                    double e = BinaryPrimitives.ReadSingleLittleEndian(r[32..]) / 3600.0;
                    index[k] = BinaryPrimitives.ReadUInt32LittleEndian(r[8..]);
                    cycle[k] = (int)BinaryPrimitives.ReadUInt32LittleEndian(r[36..]) + 1;
                    step[k] = r[2];
                    status[k] = r[3];
                    time[k] = BinaryPrimitives.ReadUInt32LittleEndian(r[12..]) + 1e-9 * BinaryPrimitives.ReadUInt32LittleEndian(r[16..]);
                    voltage[k] = BinaryPrimitives.ReadSingleLittleEndian(r[24..]);
                    current[k] = BinaryPrimitives.ReadSingleLittleEndian(r[20..]) * 1e-3;
                    qc[k] = Math.Max(q, 0) * 3.6;
                    qd[k] = Math.Max(-q, 0) * 3.6;
                    ec[k] = Math.Max(e, 0) * 3.6;
                    ed[k] = Math.Max(-e, 0) * 3.6;
                    temperature[k] = len >= 56 ? BinaryPrimitives.ReadSingleLittleEndian(r[52..]) : double.NaN;
                    k++;
                }
                cols.Count = k;
                return more;
            });
        }
        else
        {
            const int len = 88;
            var id = head.AsSpan(1024, 6).ToArray();
            notes.Add("BTS 9 layout, 88-byte records");
            c = new Columns((int)Math.Min((length - 1024) / len + 1, Array.MaxLength));
            ForEachBlock(fs, head, length, 1024, len, (block, offset) =>
            {
                marker.See(block, offset);
                for (int at = 0; at < block.Length; at += len)
                {
                    var r = block.Slice(at, len);
                    if (r[0] == 0x81) return false;
                    if (!r[..6].SequenceEqual(id)) continue;
                    var x = r[4..];
                    if (first is null)
                    {
                        double stamp = BinaryPrimitives.ReadUInt64LittleEndian(x[64..]) / 1e6;
                        if (IsPlausibleUnixTime(stamp)) first = DateTimeOffset.FromUnixTimeMilliseconds((long)(stamp * 1000));
                    }
                    int k = c.Add();
                    c.Index[k] = BinaryPrimitives.ReadUInt32LittleEndian(x[12..]);
                    c.Cycle[k] = -1;
                    c.Step[k] = x[5];
                    c.Status[k] = x[6];
                    c.TimeS[k] = BinaryPrimitives.ReadUInt64LittleEndian(x[24..]) / 1e6;
                    c.VoltageV[k] = BinaryPrimitives.ReadSingleLittleEndian(x[32..]);
                    c.CurrentA[k] = BinaryPrimitives.ReadSingleLittleEndian(x[36..]) * 1e-3;
                    c.QChargeC[k] = BinaryPrimitives.ReadSingleLittleEndian(x[48..]) / 3600.0 * 3.6;
                    c.QDischargeC[k] = BinaryPrimitives.ReadSingleLittleEndian(x[56..]) / 3600.0 * 3.6;
                    c.EChargeJ[k] = BinaryPrimitives.ReadSingleLittleEndian(x[52..]) / 3600.0 * 3.6;
                    c.EDischargeJ[k] = BinaryPrimitives.ReadSingleLittleEndian(x[60..]) / 3600.0 * 3.6;
                    c.TemperatureC[k] = double.NaN;
                }
                return true;
            });
        }
        start = first;
        return c;
    }

    static readonly byte[] MassMarker = [0x06, 0x00, 0xf0, 0x1d, 0x81, 0x00, 0x03, 0x00, 0x61, 0x90, 0x71, 0x90, 0x02, 0x7f, 0xff, 0x00];

    /// <summary>
    /// Version 130 keeps the active mass (mg, f64) at the end of a footer block: the last marker of the file (from byte
    /// 1024). <paramref name="marker"/> has seen the blocks of records the reader decoded; the rest of the file after them
    /// (the footer, or the part of a record the file ends in) is read here, so that every byte from 1024 is searched once.
    /// </summary>
    static double? Mass130(FileStream fs, long length, LastOccurrence marker)
    {
        long pos = marker.End < 1024 ? 1024 : marker.End;
        if (pos < length)
        {
            var buffer = new byte[(int)Math.Min(BlockBytes, length - pos)];
            fs.Position = pos;
            while (pos < length)
            {
                int got = fs.Read(buffer, 0, (int)Math.Min(buffer.Length, length - pos));
                if (got <= 0) break;
                marker.See(buffer.AsSpan(0, got), pos);
                pos += got;
            }
        }
        long k = marker.Last;
        if (k < 0) return null;
        long at = k + 16 + 499 - 8;
        if (at + 8 > length) return null;
        var b = new byte[8];
        fs.Position = at;
        fs.ReadExactly(b);
        double mg = BinaryPrimitives.ReadDoubleLittleEndian(b);
        return double.IsFinite(mg) && mg > 0 && mg < 1e9 ? mg * 1e-6 : null;
    }
}
