namespace Interphase.Data.Eis;

/// <summary>
/// Princeton Applied Research VersaStudio project file (.par): tagged sections (<c>&lt;Application&gt;</c>,
/// <c>&lt;Action1&gt;</c>, …) of key=value lines, and per measured segment a <c>&lt;SegmentN&gt;</c> block whose
/// <c>Definition=</c> line names the comma-separated columns of the rows after it (<c>Frequency(Hz)</c>,
/// <c>Z Real</c>, <c>Z Imag</c> for an impedance action; Z Imag is Z'' with its sign), up to
/// <c>&lt;/SegmentN&gt;</c>. Every segment with those columns is read, in file order; rows at frequency 0
/// (a hold recorded in the same segment) are skipped with a warning, as in the text export.
/// </summary>
internal static class VersaStudioParReader
{
    /// <summary>Whether the lines are a VersaStudio project file (its first tag, and a segment definition).</summary>
    public static bool Sniff(IReadOnlyList<string> lines) => Sniff(lines.Count, i => lines[i]);

    /// <summary><see cref="Sniff(IReadOnlyList{string})"/> on the text's lines, without a string per line.</summary>
    public static bool Sniff(EisText text) => Sniff(text.LineCount, text.Line);

    /// <summary>The one test both overloads make, on <paramref name="count"/> lines read through <paramref name="line"/>.</summary>
    static bool Sniff(int count, Func<int, ReadOnlySpan<char>> line)
    {
        int first = 0;
        while (first < count && line(first).Trim().IsEmpty) first++;
        if (first == count || !line(first).Trim().SequenceEqual("<Application>")) return false;
        for (int i = 0; i < count; i++)
            if (line(i).StartsWith("Name=VersaStudio", StringComparison.Ordinal) || line(i).StartsWith("Definition=Segment #", StringComparison.Ordinal)) return true;
        return false;
    }

    public static EisRows Read(EisText text)
    {
        var lines = text.Lines;
        var rows = new EisRows("VersaStudio .par");
        var zeroHz = new List<int>();
        int segments = 0, withoutImpedance = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var open = lines[i].Trim();
            if (!open.StartsWith("<Segment", StringComparison.Ordinal) || !open.EndsWith('>')) continue;
            var close = "</" + open[1..];
            int def = -1, end = -1;
            for (int j = i + 1; j < lines.Length; j++)
            {
                if (lines[j].Trim() == close) { end = j; break; }
                if (def < 0 && lines[j].StartsWith("Definition=", StringComparison.Ordinal)) def = j;
            }
            if (end < 0) throw text.Error(lines.Length, $"segment {open} opened at line {i + 1} has no {close}: the file ends inside it (truncated file?)");
            if (def < 0) throw text.Error(i + 1, $"segment {open} has no 'Definition=' line naming its columns");
            segments++;
            var names = lines[def]["Definition=".Length..].Split(',').Select(n => n.Trim()).ToArray();
            int cf = Array.IndexOf(names, "Frequency(Hz)"), cr = Array.IndexOf(names, "Z Real"), ci = Array.IndexOf(names, "Z Imag");
            if (cf < 0 || cr < 0 || ci < 0) { withoutImpedance++; i = end; continue; }
            int need = Math.Max(cf, Math.Max(cr, ci)) + 1;
            for (int j = def + 1; j < end; j++)
            {
                var line = lines[j].Trim();
                if (line.Length == 0) continue;
                int lineNo = j + 1;
                var fields = line.Split(',');
                if (fields.Length < need)
                    throw text.Error(lineNo, $"row has {fields.Length} fields, expected {names.Length} as the Definition line on line {def + 1} names (truncated file?)");
                double Num(int c, string what) => EisText.TryNumber(fields[c], false, out var v)
                    ? v : throw text.Error(lineNo, $"'{fields[c].Trim()}' is not a number (expected {what} in field {c + 1})");
                double f = Num(cf, "Frequency(Hz)"), re = Num(cr, "Z Real"), im = Num(ci, "Z Imag");
                if (f == 0 && double.IsFinite(re) && double.IsFinite(im)) { zeroHz.Add(lineNo); continue; }
                EisRows.CheckValues(text, lineNo, f, re, im);
                rows.Add(lineNo, f, re, im);
            }
            i = end;
        }
        if (segments == 0) throw text.Error(1, "VersaStudio .par holds no <SegmentN> block: no measured data in the file");
        if (rows.Count == 0)
            throw text.Error(1, $"VersaStudio .par: none of its {segments} segment(s) has the columns Frequency(Hz), Z Real and Z Imag: not an impedance experiment");
        if (withoutImpedance > 0) rows.Notes.Add($"{withoutImpedance} of {segments} segments hold no impedance columns (other actions) and are not read");
        if (zeroHz.Count > 0) rows.Warnings.Add($"skipped {zeroHz.Count} row(s) at frequency 0 (a hold recorded in the segment, not impedance)");
        return rows;
    }
}
