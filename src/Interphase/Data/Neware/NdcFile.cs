using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;

namespace Interphase.Data.Neware;

/// <summary>
/// One binary part (<c>.ndc</c>) of a Neware <c>.ndax</c> archive, in the paged layout of BTS 8
/// (ndc versions 5, 14, 16 and 17; version 2's blocks: <see cref="ForEachWholeRecord"/>). Byte 0 is the file type (1 records, 5 auxiliary channel, 7 steps,
/// 18 run information), byte 2 the layout version. The first 4096-byte page is a header; every
/// page after it holds a page type (u16), the number of records it holds (u16), a 128-byte
/// bitmap of which record slots are in use (bit k of byte k/8, least significant first), 3960
/// bytes of fixed-size record slots and a CRC-32 of the 4092 bytes before it. A record's number is
/// its slot's position counted over all pages, used or not, from 1.
/// </summary>
public sealed class NdcFile
{
    public const int PageSize = 4096;
    const int CountAt = 2, BitmapAt = 4, CrcAt = 4092;
    /// <summary>Where a page's record slots start, and how many bytes they take.</summary>
    internal const int DataAt = 132, DataBytes = 3960;

    readonly byte[] _bytes;
    readonly string _path;

    NdcFile(byte[] bytes, string entry, string path)
    {
        _bytes = bytes;
        _path = path;
        Entry = entry;
    }

    /// <summary>The entry's name in the archive (data.ndc, data_runInfo.ndc, …).</summary>
    public string Entry { get; }
    /// <summary>Byte 0: 1 records, 5 auxiliary channel, 7 steps, 18 run information.</summary>
    public int FileType => _bytes[0];
    /// <summary>Byte 2: the layout version.</summary>
    public int Version => _bytes[2];

    /// <summary>Wraps an entry's bytes, refusing one too short to hold the file type and version.</summary>
    public static NdcFile Of(byte[] bytes, string entry, string path)
    {
        if (bytes.Length < 4) throw Damaged(path, entry, bytes.Length, "the entry ends inside its header (truncated file?)");
        return new NdcFile(bytes, entry, path);
    }

    /// <summary>An error naming the archive, the entry and the byte within the entry.</summary>
    public static InputException Damaged(string path, string entry, long at, string what) =>
        new($"entry {entry}, at byte {at}: {what}", path);

    /// <summary>A record slot in use: its number (from 1) and its bytes.</summary>
    public delegate void RecordVisitor(int number, ReadOnlySpan<byte> record);

    /// <summary>Bytes of a whole record of .ndc versions 2 and 5 (<see cref="ForEachWholeRecord"/>).</summary>
    public const int WholeRecordSize = 87;
    const int V2Block = 512, V2SlotsAt = 5, V2Slot = 94, V2BodyAt = 7;

    /// <summary>The byte where whole record <paramref name="number"/> (from 1) of a version-2 entry starts: its block, then its slot.</summary>
    public static long Version2SlotAt(int number)
    {
        const int perBlock = (V2Block - V2SlotsAt) / V2Slot;
        return (long)((number - 1) / perBlock + 1) * V2Block + V2SlotsAt + (number - 1) % perBlock * V2Slot;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every whole record of a .ndc of version 2 or 5 (the older
    /// archives that keep each record whole, with its times and counters, in data.ndc), with its
    /// <see cref="WholeRecordSize"/> bytes. Version 5 has the pages of <see cref="ForEachRecord"/>
    /// with 87-byte slots (45 a page). Version 2 has no checksum: a 512-byte header, then 512-byte
    /// blocks, each with its number of records (u16) at byte 2 and five 94-byte slots from byte 5; a
    /// slot holds the record's type at byte 0 and its fields from byte 8 where version 5 has them
    /// from byte 1 (they are given in version 5's layout). A slot is in use when its index (u32 at
    /// byte 8) is not 0, and a block whose count disagrees with the slots in use is refused.
    /// </summary>
    public void ForEachWholeRecord(RecordVisitor visit)
    {
        if (Version != 2)
        {
            ForEachRecord(WholeRecordSize, visit);
            return;
        }
        if (_bytes.Length % V2Block != 0)
            throw Damaged(_path, Entry, _bytes.Length - _bytes.Length % V2Block,
                $"the entry ends inside a {V2Block}-byte block ({_bytes.Length} bytes; truncated file?)");
        const int perBlock = (V2Block - V2SlotsAt) / V2Slot;
        var record = new byte[WholeRecordSize];
        for (int block = 1; block * V2Block < _bytes.Length; block++)
        {
            int at = block * V2Block;
            var p = _bytes.AsSpan(at, V2Block);
            if (!p.ContainsAnyExcept((byte)0)) continue;
            int count = BinaryPrimitives.ReadUInt16LittleEndian(p[CountAt..]), used = 0;
            for (int k = 0; k < perBlock; k++)
                if (BinaryPrimitives.ReadUInt32LittleEndian(p[(V2SlotsAt + k * V2Slot + V2BodyAt + 1)..]) != 0) used++;
            if (used != count)
                throw Damaged(_path, Entry, at, $"the block says it holds {count} records but {used} slots hold one (damaged file)");
            for (int k = 0; k < perBlock; k++)
            {
                var slot = p.Slice(V2SlotsAt + k * V2Slot, V2Slot);
                if (BinaryPrimitives.ReadUInt32LittleEndian(slot[(V2BodyAt + 1)..]) == 0) continue;
                // the record's type, then its fields as version 5 has them
                record[0] = slot[0];
                slot[(V2BodyAt + 1)..].CopyTo(record.AsSpan(1));
                visit((block - 1) * perBlock + k + 1, record);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every slot in use, in order, with slots of
    /// <paramref name="size"/> bytes. A page whose checksum or count disagrees with its contents, or
    /// an entry that ends inside a page, is refused: the page is damaged and its records unknown.
    /// An all-zero page is space the instrument had reserved and not yet written.
    /// </summary>
    public void ForEachRecord(int size, RecordVisitor visit)
    {
        if (_bytes.Length % PageSize != 0)
            throw Damaged(_path, Entry, _bytes.Length - _bytes.Length % PageSize,
                $"the entry ends inside a {PageSize}-byte page ({_bytes.Length} bytes; truncated file?)");
        int perPage = DataBytes / size;
        for (int page = 1; page * PageSize < _bytes.Length; page++)
        {
            int at = page * PageSize;
            var p = _bytes.AsSpan(at, PageSize);
            if (!p.ContainsAnyExcept((byte)0)) continue;
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(p[CrcAt..]);
            if (Crc32.HashToUInt32(p[..CrcAt]) != crc)
                throw Damaged(_path, Entry, at, "the page fails its CRC-32 check (damaged file)");
            var bitmap = p.Slice(BitmapAt, DataAt - BitmapAt);
            int used = 0;
            foreach (var b in bitmap) used += BitOperations.PopCount(b);
            int count = BinaryPrimitives.ReadUInt16LittleEndian(p[CountAt..]);
            if (used != count)
                throw Damaged(_path, Entry, at, $"the page says it holds {count} records but marks {used} slots as used (damaged file)");
            for (int k = 0; k < perPage; k++)
                if ((bitmap[k >> 3] >> (k & 7) & 1) != 0)
                    visit((page - 1) * perPage + k + 1, p.Slice(DataAt + k * size, size));
        }
    }
}
