using System.Buffers.Binary;

namespace Interphase.Data.Neware;

/// <summary>
/// .nda version 8 (BTS 6.8, 2015–2020). The header's u32 at byte 64 is where the records start; they are 59 bytes long
/// and start with their type: 0x00 a data record, 0xFF the marks written when the test starts and ends (not read). A
/// data record: index u32 @1, cycle u32 @5 (from 1), step u8 @9, status u8 @10, step time u32 s @11, voltage i32
/// ×10⁻⁴ V @15, current i32 µA @19, the step's capacity i64 µA·s @31 and energy i64 µW·s @39 (one counter each, in the
/// direction of the current), the date as Unix seconds u64 @47; bytes 23–30 are zero in every published record and the
/// last four (a checksum?) are not read. Worked out from the bytes of two published files and checked against BTSDA's
/// export of both (docs/data.md, decision 0052). Neither file holds a charge: that a charge's capacity is kept in the same
/// field is fastnda's reading too, not something a file has shown.
/// </summary>
public static partial class NdaReader
{
    const int Length8 = 59;

    static Columns Read8(FileStream fs, byte[] head, long length, string path, List<string> notes, out DateTimeOffset? start)
    {
        long from = RecordsStart(head, length, Length8, 8, path);
        NotePartialRecord(from, length, Length8, notes);
        int records = 0;
        ForEachBlock(fs, head, length, from, Length8, (block, offset) =>
        {
            for (int at = 0; at < block.Length; at += Length8)
            {
                byte type = block[at];
                if (type == 0x00) records++;
                else if (type != 0xFF)
                    throw new InputException($"at byte {offset + at}: record type 0x{type:x2}: expected 0x00 (data) or 0xff (test mark) (damaged file?)", path);
            }
            return true;
        });
        var c = new Columns(records);
        DateTimeOffset? first = null;
        ForEachBlock(fs, head, length, from, Length8, (block, offset) =>
        {
            for (int at = 0; at < block.Length; at += Length8)
            {
                var r = block.Slice(at, Length8);
                if (r[0] != 0x00) continue;
                ulong unix = BinaryPrimitives.ReadUInt64LittleEndian(r[47..]);
                if (first is null && IsPlausibleUnixTime(unix)) first = DateTimeOffset.FromUnixTimeSeconds((long)unix);
                double amps = BinaryPrimitives.ReadInt32LittleEndian(r[19..]) * 1e-6;
                // µA·s → C and µW·s → J
                double q = BinaryPrimitives.ReadInt64LittleEndian(r[31..]) * 1e-6, e = BinaryPrimitives.ReadInt64LittleEndian(r[39..]) * 1e-6;
                bool discharge = amps < 0;
                int k = c.Add();
                c.Index[k] = BinaryPrimitives.ReadUInt32LittleEndian(r[1..]);
                c.Cycle[k] = (int)BinaryPrimitives.ReadUInt32LittleEndian(r[5..]);
                c.Step[k] = r[9];
                c.Status[k] = r[10];
                c.TimeS[k] = BinaryPrimitives.ReadUInt32LittleEndian(r[11..]);
                c.VoltageV[k] = BinaryPrimitives.ReadInt32LittleEndian(r[15..]) / 10000.0;
                c.CurrentA[k] = amps;
                c.QChargeC[k] = discharge ? 0 : q;
                c.QDischargeC[k] = discharge ? q : 0;
                c.EChargeJ[k] = discharge ? 0 : e;
                c.EDischargeJ[k] = discharge ? e : 0;
                c.TemperatureC[k] = double.NaN;
            }
            return true;
        });
        start = first;
        return c;
    }
}
