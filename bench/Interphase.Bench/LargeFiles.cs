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
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Interphase.slnx")))
                    return Path.GetFullPath(Path.Combine(d.FullName, "..", "shared", "data"));
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
}
