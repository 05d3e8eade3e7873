using System.Buffers.Binary;

namespace Interphase.Data.Neware;

/// <summary>
/// The auxiliary part of a BTS 8 .ndax of .ndc version 16 whose channel (TestInfo.xml's <c>AuxN</c>, <c>ChlType</c> 6)
/// measures a voltage and a temperature together. The part is <c>data_{AuxID}.ndc</c>, file type 5, in the pages of
/// <see cref="NdcFile"/> with 7-byte slots: 0x65 @0, the auxiliary voltage f32 in 0.1 mV @1 (the unit of the records'
/// voltage in version 16), the temperature i16 in 0.1 °C @5. A slot's number is the record's number in data.ndc.
/// Worked out from the bytes of two published archives and checked against BTSDA's export of one (V1, T1) and
/// NewareNDA's values for the other (docs/data.md, decision 0052).
/// </summary>
static class NdcVoltageTemperatureAux
{
    public const int ChannelType = 6, Version = 16, SlotSize = 7;
    const byte Marker = 0x65;

    /// <summary>The part's entry name for the channel of <paramref name="auxId"/>.</summary>
    public static string EntryName(string auxId) => $"data_{auxId}.ndc";

    /// <summary>The temperature (°C) by record number; a slot in use that does not start with 0x65 is refused at its byte.</summary>
    public static Dictionary<int, double> Temperatures(NdcFile part, string path)
    {
        var t = new Dictionary<int, double>();
        int perPage = NdcFile.DataBytes / SlotSize;
        part.ForEachRecord(SlotSize, (n, r) =>
        {
            if (r[0] != Marker)
            {
                int page = (n - 1) / perPage + 1, k = (n - 1) % perPage;
                throw NdcFile.Damaged(path, part.Entry, (long)page * NdcFile.PageSize + NdcFile.DataAt + (long)k * SlotSize,
                    $"auxiliary slot {n} starts with 0x{r[0]:x2}: expected 0x65 (damaged file)");
            }
            t[n] = BinaryPrimitives.ReadInt16LittleEndian(r[5..]) / 10.0;
        });
        return t;
    }
}
