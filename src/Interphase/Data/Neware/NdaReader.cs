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
/// mW·s, negative on discharge) @28/32, Unix date u32 s + u32 ns @44, temperature f32 °C @52 in
/// 56-byte records. Older BTS 9 files have 88-byte records that repeat the file's first six bytes
/// at 1024 and hold, 4 bytes in: step u8 @5, status @6, index u32 @12, time u64 µs @24, voltage
/// and current f32 @32/36, charge capacity, charge energy, discharge capacity, discharge energy
/// f32 @48–60, Unix date u64 µs @64.</item>
/// </list>
/// Records are deduplicated by index and ordered by it. Version 29 stores step time, which the
/// reader accumulates into test time.
/// </summary>
public static class NdaReader
{
    /// <summary>Current and counter scale (mA per unit) by the current range of a version-29 record.</summary>
    static readonly Dictionary<int, double> RangeScale = new()
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

    /// <summary>One decoded record before sorting.</summary>
    record struct Rec(uint Index, int Cycle, int Step, int Status, double TimeS, double VoltageV, double CurrentMa,
        double QChargeMah, double QDischargeMah, double EChargeMwh, double EDischargeMwh, double Stamp, double TemperatureC);

    /// <summary>
    /// Reads the file. The status names of the records come back in <c>statuses</c> (the overload below)
    /// (one per dataset row) for callers that want Neware's own step names.
    /// </summary>
    public static CyclingDataset Read(string path) => Read(path, out _);

    public static CyclingDataset Read(string path, out string[] statuses)
    {
        // .nda files are read whole: records are deduplicated and re-ordered by index, which needs them all.
        byte[] d;
        try { d = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot read the file: {e.Message}", path); }
        if (d.Length < 16 || !Sniff(d)) throw new InputException("at byte 0: not a Neware .nda file: expected 'NEWARE'", path);
        int version = d[14];
        var notes = new List<string>();
        List<Rec> recs;
        double? massKg = null;
        DateTimeOffset? start = null;
        switch (version)
        {
            case 29:
                if (d.Length < 156) throw new InputException($"at byte {d.Length}: the file ends inside the version-29 header (truncated file?)", path);
                uint micrograms = BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(152));
                if (micrograms > 0) massKg = micrograms * 1e-9;
                recs = Read29(d, path, out start);
                break;
            case 130:
                recs = Read130(d, path, notes, out start);
                massKg = Mass130(d);
                break;
            default:
                throw new InputException($"at byte 14: .nda version {version} is not supported (known: 29, 130); export the data as CSV from BTSDA", path);
        }
        if (recs.Count == 0) throw new InputException("the file holds no data records", path);

        // deduplicate by index, order by index
        recs.Sort((a, b) => a.Index.CompareTo(b.Index));
        int w = 0;
        for (int i = 0; i < recs.Count; i++)
            if (w == 0 || recs[i].Index != recs[w - 1].Index) recs[w++] = recs[i];
        if (w < recs.Count) notes.Add($"{recs.Count - w} duplicate records (same index) dropped");
        recs.RemoveRange(w, recs.Count - w);

        var b = new CyclingDatasetBuilder(recs.Count);
        statuses = new string[recs.Count];
        double offset = 0, prevStepTime = 0;
        int prevStep = int.MinValue;
        for (int i = 0; i < recs.Count; i++)
        {
            var r = recs[i];
            double t = r.TimeS;
            if (version == 29)
            {
                // step time → test time: each new step starts where the previous one ended
                if (i > 0 && r.Step != prevStep) offset += prevStepTime;
                prevStep = r.Step;
                prevStepTime = r.TimeS;
                t = offset + r.TimeS;
            }
            var name = NewareStatus.Name(r.Status);
            statuses[i] = name;
            var row = CyclingRow.Empty;
            row.TimeS = t;
            row.Voltage = r.VoltageV;
            row.Current = r.CurrentMa * 1e-3;
            row.Cycle = r.Cycle;
            row.StepIndex = r.Step;
            row.ChargeCapacity = r.QChargeMah * 3.6;
            row.DischargeCapacity = r.QDischargeMah * 3.6;
            row.ChargeEnergy = r.EChargeMwh * 3.6;
            row.DischargeEnergy = r.EDischargeMwh * 3.6;
            row.TemperatureC = r.TemperatureC;
            row.Step = NewareStatus.Classify(name, row.Current);
            if (row.Invalid() is { } why) throw new InputException($"record {r.Index}: {why}", path);
            b.Add(row);
        }
        if (version == 29) notes.Add("test time accumulated from the step times the file stores");
        return b.Build(new DatasetInfo
        {
            Format = "Neware .nda",
            Source = path,
            Instrument = $"Neware BTS (.nda version {version})",
            StartTime = start,
            FileActiveMassKg = massKg,
            Header = new Dictionary<string, string> { ["nda version"] = version.ToString(CultureInfo.InvariantCulture) },
            Notes = notes,
        });
    }

    static List<Rec> Read29(byte[] d, string path, out DateTimeOffset? start)
    {
        const int len = 86;
        start = null;
        // the data start: four zero bytes, then 55 00, where the record after it starts with 55 too
        int h = -1;
        for (int p = IndexOf(d, 0); p >= 0; p = IndexOf(d, p + 4))
        {
            int rec = p + 4;
            if (rec + len + 1 > d.Length) break;
            if (d[rec + len] == 0x55 && d[rec + 12] != 0) { h = rec; break; }
        }
        if (h < 0) throw new InputException("no data records found (expected 86-byte records starting 55 00 after the header)", path);
        var recs = new List<Rec>();
        var temps = new Dictionary<uint, double>();
        for (int pos = h; pos + len <= d.Length; pos += len)
        {
            var r = d.AsSpan(pos, len);
            if (BinaryPrimitives.ReadUInt32LittleEndian(r[82..]) != 0) continue;
            if (r[0] == 0x55 && r[1] == 0)
            {
                uint index = BinaryPrimitives.ReadUInt32LittleEndian(r[2..]);
                int status = r[12];
                if (index == 0 || status == 0) continue;
                int range = BinaryPrimitives.ReadInt32LittleEndian(r[78..]);
                if (!RangeScale.TryGetValue(range, out var scale))
                    throw new InputException($"at byte {pos + 78}: unknown current range {range} in record {index}", path);
                var stamp = Date(BinaryPrimitives.ReadUInt16LittleEndian(r[70..]), r[72], r[73], r[74], r[75], r[76]);
                if (start is null && stamp is { } s0) start = s0;
                recs.Add(new Rec(index,
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(r[6..]) + 1,
                    BinaryPrimitives.ReadUInt16LittleEndian(r[10..]),
                    status,
                    BinaryPrimitives.ReadUInt64LittleEndian(r[14..]) / 1000.0,
                    BinaryPrimitives.ReadInt32LittleEndian(r[22..]) / 10000.0,
                    BinaryPrimitives.ReadInt32LittleEndian(r[26..]) * scale,
                    BinaryPrimitives.ReadInt64LittleEndian(r[38..]) * scale / 3600,
                    BinaryPrimitives.ReadInt64LittleEndian(r[46..]) * scale / 3600,
                    BinaryPrimitives.ReadInt64LittleEndian(r[54..]) * scale / 3600,
                    BinaryPrimitives.ReadInt64LittleEndian(r[62..]) * scale / 3600,
                    stamp?.ToUnixTimeMilliseconds() / 1000.0 ?? double.NaN,
                    double.NaN));
            }
            else if (r[0] == 0x65)
            {
                // auxiliary channel: index u32 @2, temperature i16 ×0.1 °C @34 (the first channel is kept)
                uint index = BinaryPrimitives.ReadUInt32LittleEndian(r[2..]);
                temps.TryAdd(index, BinaryPrimitives.ReadInt16LittleEndian(r[34..]) / 10.0);
            }
        }
        if (temps.Count > 0)
            for (int i = 0; i < recs.Count; i++)
                if (temps.TryGetValue(recs[i].Index, out var tc)) recs[i] = recs[i] with { TemperatureC = tc };
        return recs;
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

    static DateTimeOffset? Date(int y, int mo, int day, int h, int mi, int s)
    {
        if (y < 1990 || y > 2100 || mo is < 1 or > 12 || day is < 1 or > 31 || h > 23 || mi > 59 || s > 59) return null;
        try { return new DateTimeOffset(y, mo, day, h, mi, s, TimeSpan.Zero); }
        catch (ArgumentOutOfRangeException) { return null; }
    }

    static List<Rec> Read130(byte[] d, string path, List<string> notes, out DateTimeOffset? start)
    {
        start = null;
        if (d.Length < 1030) throw new InputException($"at byte {d.Length}: the file ends before its first record at byte 1024 (truncated file?)", path);
        var recs = new List<Rec>();
        if (d[1024] == 0x55)
        {
            // BTS 9.1: the record length is the distance to the next record's first two bytes
            int next = d.AsSpan(1026).IndexOf(d.AsSpan(1024, 2));
            if (next < 0) throw new InputException("at byte 1024: cannot find the second record to learn the record length", path);
            int len = next + 2;
            if (len < 52) throw new InputException($"at byte 1024: a record length of {len} bytes is too short for a BTS 9.1 record", path);
            notes.Add($"BTS 9.1 layout, {len}-byte records");
            for (int pos = 1024; pos + len <= d.Length; pos += len)
            {
                var r = d.AsSpan(pos, len);
                if (r[0] == 0x81) break;
                if (r[0] != 0x55) continue;
                double stamp = BinaryPrimitives.ReadUInt32LittleEndian(r[44..]) + 1e-9 * BinaryPrimitives.ReadUInt32LittleEndian(r[48..]);
                if (start is null && IsPlausibleUnixTime(stamp)) start = DateTimeOffset.FromUnixTimeMilliseconds((long)(stamp * 1000));
                double q = BinaryPrimitives.ReadSingleLittleEndian(r[28..]) / 3600.0;
                double e = BinaryPrimitives.ReadSingleLittleEndian(r[32..]) / 3600.0;
                recs.Add(new Rec(
                    BinaryPrimitives.ReadUInt32LittleEndian(r[8..]), -1, r[2], r[3],
                    BinaryPrimitives.ReadUInt32LittleEndian(r[12..]) + 1e-9 * BinaryPrimitives.ReadUInt32LittleEndian(r[16..]),
                    BinaryPrimitives.ReadSingleLittleEndian(r[24..]),
                    BinaryPrimitives.ReadSingleLittleEndian(r[20..]),
                    Math.Max(q, 0), Math.Max(-q, 0), Math.Max(e, 0), Math.Max(-e, 0),
                    stamp,
                    len >= 56 ? BinaryPrimitives.ReadSingleLittleEndian(r[52..]) : double.NaN));
            }
        }
        else
        {
            const int len = 88;
            var id = d.AsSpan(1024, 6).ToArray();
            notes.Add("BTS 9 layout, 88-byte records");
            for (int pos = 1024; pos + len <= d.Length; pos += len)
            {
                var r = d.AsSpan(pos, len);
                if (r[0] == 0x81) break;
                if (!r[..6].SequenceEqual(id)) continue;
                var x = r[4..];
                double stamp = BinaryPrimitives.ReadUInt64LittleEndian(x[64..]) / 1e6;
                if (start is null && IsPlausibleUnixTime(stamp)) start = DateTimeOffset.FromUnixTimeMilliseconds((long)(stamp * 1000));
                recs.Add(new Rec(
                    BinaryPrimitives.ReadUInt32LittleEndian(x[12..]), -1, x[5], x[6],
                    BinaryPrimitives.ReadUInt64LittleEndian(x[24..]) / 1e6,
                    BinaryPrimitives.ReadSingleLittleEndian(x[32..]),
                    BinaryPrimitives.ReadSingleLittleEndian(x[36..]),
                    BinaryPrimitives.ReadSingleLittleEndian(x[48..]) / 3600.0,
                    BinaryPrimitives.ReadSingleLittleEndian(x[56..]) / 3600.0,
                    BinaryPrimitives.ReadSingleLittleEndian(x[52..]) / 3600.0,
                    BinaryPrimitives.ReadSingleLittleEndian(x[60..]) / 3600.0,
                    stamp, double.NaN));
            }
        }
        return recs;
    }

    /// <summary>Version 130 keeps the active mass (mg, f64) at the end of a footer block.</summary>
    static double? Mass130(byte[] d)
    {
        ReadOnlySpan<byte> marker = [0x06, 0x00, 0xf0, 0x1d, 0x81, 0x00, 0x03, 0x00, 0x61, 0x90, 0x71, 0x90, 0x02, 0x7f, 0xff, 0x00];
        int k = d.AsSpan(1024).LastIndexOf(marker);
        if (k < 0) return null;
        int at = 1024 + k + 16 + 499 - 8;
        if (at + 8 > d.Length) return null;
        double mg = BinaryPrimitives.ReadDoubleLittleEndian(d.AsSpan(at));
        return double.IsFinite(mg) && mg > 0 && mg < 1e9 ? mg * 1e-6 : null;
    }
}
