using System.Buffers.Binary;

namespace Interphase.Data.Neware;

/// <summary>
/// .nda versions 22 (BTS 7, 2015) and 23 (2017, the same layout). The header's u32 at byte 64 is where the records start; they are 86 bytes long,
/// end in four zero bytes and start with their type: 0x55 a data record, 0xAA the marks the instrument writes at the
/// start and end of a step (not read). A data record has version 29's fields except the date: index u32 @2, cycle u32
/// @6 (from 0), step u16 @10, status u8 @12, step time u64 ms @14, voltage i32 ×10⁻⁴ V @22, current i32 @26, charge
/// and discharge capacity and energy i64 @38/46/54/62 (current and counters scaled by the current range i32 @78, as in
/// version 29; counters in mA·s and mW·s), and the date as Unix seconds u32 @70. Worked out from the bytes of the one
/// published version-22 file and checked against BTSDA's export of it (docs/data.md, decision 0052); the one published
/// version-23 file has the same layout and matches BTSDA's export of it (decision 0083).
/// </summary>
public static partial class NdaReader
{
    const int StartPointerAt = 64, Length22 = 86;

    /// <summary>Versions whose records hold the step time, which the reader accumulates into test time.</summary>
    static bool StoresStepTime(int version) => version is 8 or 22 or 23 or 26 or 29;

    /// <summary>The header's pointer to the first record (versions 8, 22 and 23), refused when it lies outside the file.</summary>
    static long RecordsStart(byte[] head, long length, int recordLength, int version, string path)
    {
        if (head.Length < StartPointerAt + 4)
            throw new InputException($"at byte {head.Length}: the file ends inside the version-{version} header (truncated file?)", path);
        long from = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(StartPointerAt));
        if (from < StartPointerAt + 4 || from + recordLength > length)
            throw new InputException($"at byte {StartPointerAt}: the header says the records start at byte {from}, but the file has {length} bytes (truncated or damaged file?)", path);
        return from;
    }

    /// <summary>A file that ends part-way into a record: the instrument was writing it, or the file was cut. Noted, not read.</summary>
    static void NotePartialRecord(long from, long length, int recordLength, List<string> notes)
    {
        long tail = (length - from) % recordLength;
        if (tail != 0)
            notes.Add($"the file ends {tail} bytes into a {recordLength}-byte record at byte {length - tail} (a record being written, or a truncated file): that record is left out");
    }

    static Columns Read22(FileStream fs, byte[] head, long length, int version, string path, List<string> notes, out DateTimeOffset? start)
    {
        long from = RecordsStart(head, length, Length22, version, path);
        NotePartialRecord(from, length, Length22, notes);
        int records = 0;
        ForEachBlock(fs, head, length, from, Length22, (block, offset) =>
        {
            for (int at = 0; at < block.Length; at += Length22)
            {
                byte type = block[at];
                if (type == 0x55) records++;
                else if (type != 0xAA)
                    throw new InputException($"at byte {offset + at}: record type 0x{type:x2}: expected 0x55 (data) or 0xaa (step mark) (damaged file?)", path);
            }
            return true;
        });
        var c = new Columns(records);
        DateTimeOffset? first = null;
        double lastScale = 0;
        int lastRange = int.MinValue;
        ForEachBlock(fs, head, length, from, Length22, (block, offset) =>
        {
            for (int at = 0; at < block.Length; at += Length22)
            {
                var r = block.Slice(at, Length22);
                if (r[0] != 0x55) continue;
                uint index = BinaryPrimitives.ReadUInt32LittleEndian(r[2..]);
                int range = BinaryPrimitives.ReadInt32LittleEndian(r[78..]);
                if (range != lastRange)
                {
                    if (!RangeScale.TryGetValue(range, out lastScale))
                        throw new InputException($"at byte {offset + at + 78}: unknown current range {range} in record {index}", path);
                    lastRange = range;
                }
                double scale = lastScale;
                uint unix = BinaryPrimitives.ReadUInt32LittleEndian(r[70..]);
                if (first is null && IsPlausibleUnixTime(unix)) first = DateTimeOffset.FromUnixTimeSeconds(unix);
                int k = c.Add();
                c.Index[k] = index;
                c.Cycle[k] = (int)BinaryPrimitives.ReadUInt32LittleEndian(r[6..]) + 1;
                c.Step[k] = BinaryPrimitives.ReadUInt16LittleEndian(r[10..]);
                c.Status[k] = r[12];
                c.TimeS[k] = BinaryPrimitives.ReadUInt64LittleEndian(r[14..]) / 1000.0;
                c.VoltageV[k] = BinaryPrimitives.ReadInt32LittleEndian(r[22..]) / 10000.0;
                c.CurrentA[k] = BinaryPrimitives.ReadInt32LittleEndian(r[26..]) * scale * 1e-3;
                c.QChargeC[k] = BinaryPrimitives.ReadInt64LittleEndian(r[38..]) * scale * 1e-3;
                c.QDischargeC[k] = BinaryPrimitives.ReadInt64LittleEndian(r[46..]) * scale * 1e-3;
                c.EChargeJ[k] = BinaryPrimitives.ReadInt64LittleEndian(r[54..]) * scale * 1e-3;
                c.EDischargeJ[k] = BinaryPrimitives.ReadInt64LittleEndian(r[62..]) * scale * 1e-3;
                c.TemperatureC[k] = double.NaN;
            }
            return true;
        });
        start = first;
        return c;
    }
}
