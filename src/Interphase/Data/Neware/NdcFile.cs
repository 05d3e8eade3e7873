using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;

namespace Interphase.Data.Neware;

/// <summary>
/// One binary part (<c>.ndc</c>) of a Neware <c>.ndax</c> archive, in the paged layout of BTS 8
/// (ndc versions 14, 16 and 17). Byte 0 is the file type (1 records, 5 auxiliary channel, 7 steps,
/// 18 run information), byte 2 the layout version. The first 4096-byte page is a header; every
/// page after it holds a page type (u16), the number of records it holds (u16), a 128-byte
/// bitmap of which record slots are in use (bit k of byte k/8, least significant first), 3960
/// bytes of fixed-size record slots and a CRC-32 of the 4092 bytes before it. A record's number is
/// its slot's position counted over all pages, used or not, from 1.
/// </summary>
public sealed class NdcFile
{
    public const int PageSize = 4096;
    const int CountAt = 2, BitmapAt = 4, DataAt = 132, DataBytes = 3960, CrcAt = 4092;

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
