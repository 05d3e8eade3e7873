using System.Globalization;
using Interphase.Data.Text;

namespace Interphase.Data.Gamry;

/// <summary>
/// Gamry Framework data files (.DTA) of cycling and chrono techniques. The file starts with
/// <c>EXPLAIN</c> and tab-separated header lines (<c>TAG</c>, <c>DATE</c>, <c>TIME</c>, …); data come
/// in tables introduced by <c>CURVE\tTABLE\tN</c> (or <c>CURVE1</c>, <c>CURVE2</c>, … for multi-step
/// experiments), each followed by a line of column names and a line of units, then rows that start
/// with a tab. Time <c>T</c> (s), voltage <c>Vf</c> (V) and current <c>Im</c> (A, anodic positive as
/// Gamry records it) are read; when a later table restarts its time, it is placed after the previous
/// one. Impedance tables (<c>ZCURVE</c>) belong to the impedance readers.
/// </summary>
public static class GamryCurveReader
{
    public static bool Sniff(ReadOnlySpan<byte> head) => head.StartsWith("EXPLAIN"u8);

    /// <summary>True when the head of the file shows an impedance table (ZCURVE) rather than curves.</summary>
    public static bool IsImpedance(ReadOnlySpan<byte> head) => head.IndexOf("ZCURVE"u8) >= 0;

    public static CyclingDataset Read(string path)
    {
        using var lines = new LineReader(DataFile.OpenRead(path), path);
        if (!lines.TryReadLine(out var first) || !Sniff(first))
            throw lines.Error("expected 'EXPLAIN' on line 1 of a Gamry .DTA file", 1);
        var b = new CyclingDatasetBuilder();
        var header = new Dictionary<string, string>();
        var notes = new List<string>();
        string? tag = null;
        int tables = 0;
        double offset = 0, lastT = double.NaN;
        bool tableStart = false;
        bool? comma = null;
        int iT = -1, iV = -1, iI = -1, nCols = 0;
        bool inTable = false, expectNames = false, expectUnits = false;
        while (lines.TryReadLine(out var raw))
        {
            if (raw.Length == 0) { inTable = false; continue; }
            if (expectNames)
            {
                var names = LineReader.Decode(raw).Split('\t');
                nCols = names.Length;
                iT = Array.FindIndex(names, n => n.Trim() == "T");
                iV = Array.FindIndex(names, n => n.Trim() is "Vf" or "V" or "Vm");
                iI = Array.FindIndex(names, n => n.Trim() is "Im" or "I");
                if (iT < 0 || iV < 0 || iI < 0)
                    throw lines.Error($"the curve table's columns should include T, Vf and Im, found {string.Join(", ", names.Where(n => n.Trim().Length > 0))}");
                expectNames = false;
                expectUnits = true;
                continue;
            }
            if (expectUnits) { expectUnits = false; inTable = true; continue; }
            if (raw[0] != (byte)'\t')
            {
                inTable = false;
                var text = LineReader.Decode(raw);
                var parts = text.Split('\t');
                if (parts[0] == "ZCURVE")
                    throw lines.Error("this .DTA file holds an impedance table (ZCURVE): read it as an impedance spectrum (--kind eis)");
                if (parts[0].StartsWith("CURVE", StringComparison.Ordinal) && parts.Length > 1 && parts[1] == "TABLE")
                {
                    tables++;
                    expectNames = true;
                    tableStart = true;
                    continue;
                }
                if (parts.Length >= 3 && parts[1] is "LABEL" or "QUANT" or "IQUANT" or "POTEN" or "SELECTOR" or "TOGGLE")
                {
                    if (parts[0] == "TAG") tag = parts[2].Trim();
                    else if (parts[0] is "DATE" or "TIME" or "TITLE" or "PSTAT" or "AREA") header[parts[0]] = parts[2].Trim();
                }
                else if (parts[0] == "TAG" && parts.Length >= 2) tag = parts[1].Trim();
                continue;
            }
            if (!inTable) continue;
            // a data row: leading tab, then Pt, T, Vf, Im, …
            var fieldsText = raw[1..];
            int count = fieldsText.Count((byte)'\t') + 1;
            if (count + 1 < nCols)
                throw lines.Error($"the row has {count + 1} of {nCols} fields{(lines.LastLineUnterminated ? ": the file ends in the middle of a row (truncated file?)" : "")}");
            comma ??= Numbers.LooksLikeDecimalComma(fieldsText, (byte)'\t');
            var fmt = Numbers.Format(comma.Value);
            double t = Field(raw, iT, fmt, lines), v = Field(raw, iV, fmt, lines), i = Field(raw, iI, fmt, lines);
            var row = CyclingRow.Empty;
            // a table that restarts its clock continues after the previous one
            if (tableStart)
            {
                offset = b.Count > 0 && t < lastT ? lastT : 0;
                tableStart = false;
            }
            row.TimeS = t + offset;
            lastT = row.TimeS;
            row.Voltage = v;
            row.Current = i;
            row.StepIndex = tables;
            row.Step = i > 0 ? StepType.Charge : i < 0 ? StepType.Discharge : StepType.Rest;
            if (row.Invalid() is { } why) throw lines.Error(why);
            b.Add(row);
        }
        if (b.Count == 0) throw lines.Error(tables == 0 ? "no CURVE table found: expected 'CURVE\tTABLE' followed by column names" : "the curve tables hold no rows");
        if (tables > 1) notes.Add($"{tables} curve tables joined in time");
        if (comma == true) notes.Add("decimal commas");
        return b.Build(new DatasetInfo
        {
            Format = "Gamry .DTA",
            Source = path,
            Technique = tag,
            Instrument = header.TryGetValue("PSTAT", out var p) ? $"Gamry {p}" : "Gamry",
            Header = header,
            Notes = notes,
        });
    }

    static double Field(ReadOnlySpan<byte> row, int index, NumberFormatInfo fmt, LineReader lines)
    {
        int pos = 0;
        for (int k = 0; k < index; k++)
        {
            int tab = row[pos..].IndexOf((byte)'\t');
            if (tab < 0) throw lines.Error($"the row has fewer than {index + 1} fields");
            pos += tab + 1;
        }
        var rest = row[pos..];
        int end = rest.IndexOf((byte)'\t');
        var f = end < 0 ? rest : rest[..end];
        if (!Numbers.TryParse(f, fmt, out var v))
            throw lines.Error($"'{LineReader.Decode(f)}' is not a number", pos + 1);
        return v;
    }
}
