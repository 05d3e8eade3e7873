using System.Buffers.Binary;
using System.IO.Compression;

namespace Interphase.Data.Neware;

/// <summary>
/// The auxiliary part of an older .ndax whose data.ndc is .ndc version 2: an entry of file type 5 and version 2 (in
/// the published archive <c>{date}_{time}_…_{n}.ndc</c>, the name data_Aux.ndc gives) in version 2's 512-byte blocks
/// of five 94-byte slots (<see cref="NdcFile.ForEachWholeRecord"/>). A slot of type 0x74 holds, in version 5's places:
/// the record's index u32 @1 (the index of the data record it belongs to), the auxiliary voltage i32 in 0.1 mV @24, the
/// channel's temperature i16 in 0.1 °C @34 (BTSDA's <c>T1</c>) and a second value i16 in 0.1 @36 (BTSDA's <c>t1</c>,
/// which fastnda calls a set-point temperature and NewareNDA leaves unnamed). Worked out from the bytes of fastnda's
/// <c>scrubbed_ndc2.ndax</c> and checked, every record, against BTSDA's export of it (V1, T1, t1; docs/data.md, decision
/// 0083). Slots of type 0x65 (a voltage and a temperature without the second value, in NewareNDA's reader) have no
/// published file with a reference and are not read; a note counts them.
/// </summary>
static class NdcWholeRecordAux
{
    public const int Version = 2, FileType = 5;
    const byte TemperaturePair = 0x74, VoltageTemperature = 0x65;

    /// <summary>
    /// The name of the first auxiliary part of a version-2 archive (file type 5, version 2, in the order of the archive's
    /// directory), or null; <paramref name="bytes"/> unpacks an entry.
    /// </summary>
    public static string? Find(ZipArchive zip, Func<string, byte[]?> bytes) =>
        zip.Entries.Select(e => e.FullName).FirstOrDefault(name => name != "data.ndc" && name.EndsWith(".ndc", StringComparison.Ordinal) &&
            bytes(name) is { Length: > 2 } b && b[0] == FileType && b[2] == Version);

    /// <summary>
    /// The temperature (°C) by the index of the data record it belongs to. Slots of type 0x65 are counted in
    /// <paramref name="unread"/>; a slot of any other type is refused at its byte.
    /// </summary>
    public static Dictionary<uint, double> Temperatures(NdcFile part, string path, out int unread)
    {
        var t = new Dictionary<uint, double>();
        int skipped = 0;
        part.ForEachWholeRecord((n, r) =>
        {
            if (r[0] == VoltageTemperature) { skipped++; return; }
            if (r[0] != TemperaturePair)
                throw NdcFile.Damaged(path, part.Entry, NdcFile.Version2SlotAt(n),
                    $"auxiliary record {n} is of type 0x{r[0]:x2}: expected 0x74 or 0x65 (damaged file)");
            t[BinaryPrimitives.ReadUInt32LittleEndian(r[1..])] = BinaryPrimitives.ReadInt16LittleEndian(r[34..]) / 10.0;
        });
        unread = skipped;
        return t;
    }
}
