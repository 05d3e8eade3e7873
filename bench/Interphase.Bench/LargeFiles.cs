using System.Buffers.Binary;
using System.Text;

namespace Interphase.Bench;

/// <summary>
/// Large BioLogic files for the reader benchmarks, made from the real files of ../shared/data by
/// repeating their records: an .mpt keeps its header and repeats its data lines; an .mpr keeps its
/// modules and repeats the data module's records, with the record count and module length patched.
/// </summary>
public static class LargeFiles
{
    public static string SharedData
    {
        get => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
    }

    /// <summary>The measured-file fixtures of the tests (tests/Interphase.Tests/Fixtures/measured).</summary>
    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "Interphase.Tests", "Fixtures", "measured");

    static string RepositoryRoot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Interphase.slnx"))) return d.FullName;
            throw new InvalidOperationException("cannot find the repository root above the benchmark binaries");
        }
    }

    /// <summary>Repeats the data lines of an .mpt until the file holds at least <paramref name="targetBytes"/>.</summary>
    public static string Mpt(string source, string target, long targetBytes)
    {
        var bytes = File.ReadAllBytes(source);
        var text = Encoding.Latin1.GetString(bytes);
        int headerLines = int.Parse(text.Split('\n')[1].Split(':')[1].Trim());
        int pos = 0;
        for (int k = 0; k < headerLines; k++) pos = text.IndexOf('\n', pos) + 1;
        var header = bytes.AsSpan(0, pos).ToArray();
        var body = bytes.AsSpan(pos).ToArray();
        if (body[^1] != (byte)'\n') body = [.. body, (byte)'\r', (byte)'\n'];
        using var f = File.Create(target);
        f.Write(header);
        while (f.Length < targetBytes) f.Write(body);
        return target;
    }

    /// <summary>Repeats the records of an .mpr's data module until the file holds at least <paramref name="targetBytes"/>.</summary>
    public static string Mpr(string source, string target, long targetBytes)
    {
        var b = File.ReadAllBytes(source);
        int pos = 52;
        using var f = File.Create(target);
        f.Write(b, 0, 52);
        while (pos < b.Length)
        {
            bool newHeader = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos + 6 + 35)) == 0xFFFF_FFFF;
            int headerLen = newHeader ? 6 + 59 : 6 + 51;
            int lengthAt = pos + 6 + (newHeader ? 39 : 35);
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(lengthAt));
            string name = Encoding.ASCII.GetString(b, pos + 6, 10).Trim();
            int dataStart = pos + headerLen;
            if (name != "VMP data")
            {
                f.Write(b, pos, headerLen + length);
                pos = dataStart + length;
                continue;
            }
            int version = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(lengthAt + 4)) +
                          (newHeader ? (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(lengthAt + 8)) : 0);
            int recordsAt = version switch { 2 => 0x195, 3 => 0x196, _ => 0x3EF };
            uint n = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(dataStart));
            int recordBytes = length - recordsAt;
            long repeats = Math.Max(1, (targetBytes - b.Length) / recordBytes + 1);
            var header = b.AsSpan(pos, headerLen + recordsAt).ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(lengthAt - pos), checked((uint)(recordsAt + recordBytes * repeats)));
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(headerLen), checked((uint)(n * repeats)));
            f.Write(header);
            for (long k = 0; k < repeats; k++) f.Write(b, dataStart + recordsAt, recordBytes);
            pos = dataStart + length;
        }
        return target;
    }

    /// <summary>
    /// Repeats the 86-byte records of a version-29 .nda until the file holds at least <paramref name="targetBytes"/>,
    /// each repetition's record indices (data and auxiliary records alike) moved past the previous one's, so that the
    /// reader's de-duplication by index keeps them all.
    /// </summary>
    public static string Nda29(string source, string target, long targetBytes)
    {
        const int len = 86;
        var b = File.ReadAllBytes(source);
        // the data start as the reader finds it: four zero bytes, then 55 00, where the next record starts with 55 too
        ReadOnlySpan<byte> marker = [0, 0, 0, 0, 0x55, 0];
        int h = -1;
        for (int p = b.AsSpan().IndexOf(marker); p >= 0;)
        {
            int rec = p + 4;
            if (rec + len + 1 <= b.Length && b[rec + len] == 0x55 && b[rec + 12] != 0) { h = rec; break; }
            int next = b.AsSpan(p + 4).IndexOf(marker);
            p = next < 0 ? -1 : p + 4 + next;
        }
        if (h < 0) throw new InvalidOperationException("no version-29 records in " + source);
        int count = (b.Length - h) / len;
        uint maxIndex = 0;
        for (int k = 0; k < count; k++) maxIndex = Math.Max(maxIndex, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(h + k * len + 2)));
        return RepeatRecords(b, h, count, len, 2, maxIndex, type => type is 0x55 or 0x65, target, targetBytes);
    }

    /// <summary>
    /// Repeats the records of a version-8 or version-22 .nda (records from the header's pointer at byte 64, each
    /// <paramref name="len"/> bytes) until the file holds at least <paramref name="targetBytes"/>, each repetition's data
    /// record indices (u32 at <paramref name="indexAt"/>, records whose first byte is <paramref name="data"/>) moved past
    /// the previous one's.
    /// </summary>
    public static string NdaPointed(string source, string target, long targetBytes, int len, int indexAt, byte data)
    {
        var b = File.ReadAllBytes(source);
        int h = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(64));
        int count = (b.Length - h) / len;
        uint maxIndex = 0;
        for (int k = 0; k < count; k++)
            if (b[h + k * len] == data) maxIndex = Math.Max(maxIndex, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(h + k * len + indexAt)));
        return RepeatRecords(b, h, count, len, indexAt, maxIndex, type => type == data, target, targetBytes);
    }

    /// <summary>
    /// Writes the header (the first <paramref name="h"/> bytes of <paramref name="b"/>) and then the
    /// <paramref name="count"/> records of <paramref name="len"/> bytes after it again and again until the file holds at
    /// least <paramref name="targetBytes"/>; in each repetition the index (u32 at <paramref name="indexAt"/>) of every
    /// record whose first byte <paramref name="indexed"/> accepts moves past the previous repetition's
    /// (<paramref name="maxIndex"/>), so that the reader's de-duplication by index keeps them all.
    /// </summary>
    static string RepeatRecords(byte[] b, int h, int count, int len, int indexAt, uint maxIndex, Func<byte, bool> indexed, string target, long targetBytes)
    {
        var block = b.AsSpan(h, count * len).ToArray();
        using var f = File.Create(target);
        f.Write(b, 0, h);
        for (uint rep = 0; f.Length < targetBytes; rep++)
        {
            var copy = (byte[])block.Clone();
            for (int k = 0; k < count; k++)
            {
                var r = copy.AsSpan(k * len);
                if (indexed(r[0]))
                    BinaryPrimitives.WriteUInt32LittleEndian(r[indexAt..], BinaryPrimitives.ReadUInt32LittleEndian(r[indexAt..]) + rep * maxIndex);
            }
            f.Write(copy);
        }
        return target;
    }

    /// <summary>
    /// Repeats the records of a version-130 (BTS 9.1) .nda until the file holds at least <paramref name="targetBytes"/>,
    /// with each repetition's indices and test times moved past the previous one's; the footer follows the last.
    /// </summary>
    public static string Nda130(string source, string target, long targetBytes)
    {
        var b = File.ReadAllBytes(source);
        if (b[1024] != 0x55) throw new InvalidOperationException("not a BTS 9.1 record layout: " + source);
        int len = b.AsSpan(1026).IndexOf(b.AsSpan(1024, 2)) + 2;
        int end = 1024;
        while (end + len <= b.Length && b[end] != 0x81) end += len;
        int count = (end - 1024) / len;
        uint maxIndex = 0, maxSeconds = 0;
        for (int k = 0; k < count; k++)
        {
            var r = b.AsSpan(1024 + k * len);
            if (r[0] != 0x55) continue;
            maxIndex = Math.Max(maxIndex, BinaryPrimitives.ReadUInt32LittleEndian(r[8..]));
            maxSeconds = Math.Max(maxSeconds, BinaryPrimitives.ReadUInt32LittleEndian(r[12..]));
        }
        using var f = File.Create(target);
        f.Write(b, 0, 1024);
        for (uint rep = 0; f.Length < targetBytes; rep++)
        {
            var copy = b.AsSpan(1024, end - 1024).ToArray();
            for (int k = 0; k < count; k++)
            {
                var r = copy.AsSpan(k * len);
                if (r[0] != 0x55) continue;
                BinaryPrimitives.WriteUInt32LittleEndian(r[8..], BinaryPrimitives.ReadUInt32LittleEndian(r[8..]) + rep * maxIndex);
                BinaryPrimitives.WriteUInt32LittleEndian(r[12..], BinaryPrimitives.ReadUInt32LittleEndian(r[12..]) + rep * (maxSeconds + 1));
            }
            f.Write(copy);
        }
        f.Write(b, end, b.Length - end);
        return target;
    }

    /// <summary>
    /// Repeats the records of a delimited text export (Arbin CSV, Maccor text, Neware CSV) until the file holds at least
    /// <paramref name="targetBytes"/>: the lines up to and including the column header (line <paramref name="headerLine"/>,
    /// 0-based) are kept, and each repetition of the records has its cumulative-time column (named <paramref name="timeColumn"/>;
    /// a number or hh:mm:ss) moved past the previous repetition's last record, so that time keeps running forwards as the
    /// readers require. Every other field is copied as it is.
    /// </summary>
    public static string Delimited(string source, string target, long targetBytes, int headerLine, char separator, string timeColumn)
    {
        var lines = File.ReadAllText(source, Encoding.Latin1).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        int ti = Array.FindIndex(lines[headerLine].Split(separator), f => f.Trim().Trim('"') == timeColumn);
        if (ti < 0) throw new InvalidOperationException($"no column '{timeColumn}' in line {headerLine + 1} of {source}");
        var records = lines.Skip(headerLine + 1).Where(l => l.Trim().Length > 0).Select(l => l.Split(separator)).ToList();
        bool clock = records[0][ti].Contains(':');
        double Seconds(string f) => clock
            ? f.Trim().Split(':').Aggregate(0.0, (a, x) => a * 60 + double.Parse(x, System.Globalization.CultureInfo.InvariantCulture))
            : double.Parse(f, System.Globalization.CultureInfo.InvariantCulture);
        string Text(double s) => clock
            ? $"{(long)(s / 3600):00}:{(long)(s / 60) % 60:00}:{s % 60:00}"
            : s.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        double first = Seconds(records[0][ti]), last = Seconds(records[^1][ti]);
        double step = Math.Max(1, (last - first) / Math.Max(1, records.Count - 1));
        double span = last - first + step;
        using var f = new StreamWriter(File.Create(target), Encoding.Latin1) { NewLine = "\r\n" };
        for (int k = 0; k <= headerLine; k++) f.WriteLine(lines[k]);
        for (int rep = 0; f.BaseStream.Length < targetBytes; rep++)
        {
            foreach (var r in records)
            {
                var copy = (string[])r.Clone();
                if (rep > 0) copy[ti] = Text(Seconds(r[ti]) + rep * span);
                f.WriteLine(string.Join(separator, copy));
            }
            f.Flush();
        }
        return target;
    }
}
