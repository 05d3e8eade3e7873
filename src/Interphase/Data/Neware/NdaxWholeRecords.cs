using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Interphase.Data.Neware;

/// <summary>
/// The older .ndax archives (.ndc versions 2 and 5) keep every record whole in data.ndc: no run-information or step
/// part to join. A record (<see cref="NdcFile.WholeRecordSize"/> bytes, found by <see cref="NdcFile.ForEachWholeRecord"/>)
/// starts with its type, 0x55 for a data record (0x65 and 0x74 are auxiliary readings, not read in data.ndc; version 2's auxiliary part: NdcWholeRecordAux), then: index u32
/// @1, cycle u32 @5 (from 0), the program's step index u8 @9, status u8 @10, step time u64 ms @16, voltage i32 ×10⁻⁴ V
/// @24, current i32 @28, charge and discharge capacity and energy i64 @36/44/52/60 (current and counters scaled by the
/// current range i32 @75 as in .nda version 29; counters in mA·s and mW·s), the instrument's wall-clock date @68 (u16
/// year, then month, day, hour, minute, second). Learnt from NewareNDA's and fastnda's public readers, read as
/// documentation; checked against BTSDA's export (version 2) and NewareNDA's values (version 5), docs/data.md.
/// </summary>
public static partial class NdaxReader
{
    /// <summary>One data record of a whole-record .ndc, in the file's units (mA, mAh, mWh, step time in s).</summary>
    readonly record struct Whole(uint Index, int Cycle, int StepIndex, int Status, double StepTimeS, double Volts, double Milliamps,
        double QChargeMah, double QDischargeMah, double EChargeMwh, double EDischargeMwh);

    static readonly int[] WholeVersions = [2, 5];

    static CyclingDataset ReadWholeRecords(ZipArchive zip, NdcFile data, string path, bool statusesWanted, out string[] statuses)
    {
        var notes = new List<string>();
        var records = new List<Whole>();
        int aux = 0, other = 0;
        int lastRange = int.MinValue;
        double scale = 0;
        // the date of the record with the lowest index (the first, once they are in order)
        DateTimeOffset? start = null;
        uint startIndex = uint.MaxValue;
        data.ForEachWholeRecord((n, r) =>
        {
            if (r[0] != 0x55)
            {
                if (r[0] is 0x65 or 0x74) aux++; else other++;
                return;
            }
            uint index = BinaryPrimitives.ReadUInt32LittleEndian(r[1..]);
            int range = BinaryPrimitives.ReadInt32LittleEndian(r[75..]);
            if (range != lastRange)
            {
                if (!NdaReader.RangeScale.TryGetValue(range, out scale))
                    throw new InputException($"entry {data.Entry}, record {index}: unknown current range {range}", path);
                lastRange = range;
            }
            records.Add(new Whole(index,
                (int)BinaryPrimitives.ReadUInt32LittleEndian(r[5..]) + 1, r[9], r[10],
                BinaryPrimitives.ReadUInt64LittleEndian(r[16..]) / 1000.0,
                BinaryPrimitives.ReadInt32LittleEndian(r[24..]) / 10000.0,
                BinaryPrimitives.ReadInt32LittleEndian(r[28..]) * scale,
                BinaryPrimitives.ReadInt64LittleEndian(r[36..]) * scale / 3600,
                BinaryPrimitives.ReadInt64LittleEndian(r[44..]) * scale / 3600,
                BinaryPrimitives.ReadInt64LittleEndian(r[52..]) * scale / 3600,
                BinaryPrimitives.ReadInt64LittleEndian(r[60..]) * scale / 3600));
            if (index < startIndex)
            {
                startIndex = index;
                start = NdaReader.Date(BinaryPrimitives.ReadUInt16LittleEndian(r[68..]), r[70], r[71], r[72], r[73], r[74]);
            }
        });
        if (records.Count == 0) throw new InputException("the archive holds no records (data.ndc has no data record)", path);
        if (aux > 0) notes.Add($"{aux} auxiliary records in data.ndc not read");
        if (other > 0) notes.Add($"{other} records of unknown type in data.ndc skipped");
        var temperature = WholeRecordTemperature(zip, data, path, notes, out var auxEntry);
        foreach (var e in zip.Entries)
            if (e.FullName != "data.ndc" && e.FullName != auxEntry && Regex.IsMatch(e.FullName, @"(^data_AUX.*|_\d+)\.ndc$"))
                notes.Add($"auxiliary channel {e.FullName} not read");

        // in index order, the first of any repeated index kept (a stable sort)
        bool ordered = true;
        for (int i = 1; i < records.Count && ordered; i++) ordered = records[i].Index > records[i - 1].Index;
        if (!ordered)
        {
            var sorted = records.Select((r, i) => (r, i)).OrderBy(x => x.r.Index).ThenBy(x => x.i).Select(x => x.r).ToList();
            int before = sorted.Count;
            records = [.. sorted.Where((r, i) => i == 0 || r.Index != sorted[i - 1].Index)];
            if (records.Count < before) notes.Add($"{before - records.Count} duplicate records (same index) dropped");
        }

        var b = new CyclingDatasetBuilder(records.Count);
        var names = statusesWanted ? new string[records.Count] : [];
        double offset = 0;
        for (int i = 0; i < records.Count; i++)
        {
            var w = records[i];
            // step time → test time: a step starts where the one before it ended (a new step index or cycle, or the
            // step time starting again)
            if (i > 0)
            {
                var p = records[i - 1];
                if (w.StepIndex != p.StepIndex || w.Cycle != p.Cycle || w.StepTimeS < p.StepTimeS) offset += p.StepTimeS;
            }
            var name = NewareStatus.Name(w.Status);
            if (statusesWanted) names[i] = name;
            var row = CyclingRow.Empty;
            row.TimeS = offset + w.StepTimeS;
            row.Voltage = w.Volts;
            row.Current = w.Milliamps * 1e-3;
            row.Step = NewareStatus.Classify(name, row.Current);
            row.Cycle = w.Cycle;
            row.StepIndex = w.StepIndex;
            row.ChargeCapacity = w.QChargeMah * 3.6;
            row.DischargeCapacity = w.QDischargeMah * 3.6;
            row.ChargeEnergy = w.EChargeMwh * 3.6;
            row.DischargeEnergy = w.EDischargeMwh * 3.6;
            row.TemperatureC = temperature is not null && temperature.TryGetValue(w.Index, out var tc) ? tc : double.NaN;
            if (row.Invalid() is { } why) throw new InputException($"entry data.ndc, record {w.Index}: {why}", path);
            b.Add(row);
        }
        notes.Add("test time accumulated from the step times the file stores");
        statuses = names;
        return b.Build(Info(path, data.Version, start, TestInfo(zip), notes));
    }

    /// <summary>
    /// The temperature of a version-2 archive's auxiliary part (<see cref="NdcWholeRecordAux"/>) by record index, or
    /// null; <paramref name="entry"/> names the part read. Its auxiliary voltage and second value are not kept: the
    /// dataset has no column for them.
    /// </summary>
    static Dictionary<uint, double>? WholeRecordTemperature(ZipArchive zip, NdcFile data, string path, List<string> notes, out string? entry)
    {
        entry = null;
        if (data.Version != NdcWholeRecordAux.Version || NdcWholeRecordAux.Find(zip, name => Bytes(zip, name, path)) is not { } name) return null;
        entry = name;
        var t = NdcWholeRecordAux.Temperatures(Part(zip, name, path)!, path, out int unread);
        if (unread > 0) notes.Add($"{unread} auxiliary records of type 0x65 in {name} not read");
        if (t.Count == 0) return null;
        notes.Add($"temperature from {name} (BTSDA's T1); its auxiliary voltage (V1) and second value (t1) are not kept (the dataset has no column for them)");
        return t;
    }
}
