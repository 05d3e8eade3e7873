using System.Text.RegularExpressions;
using Interphase.Data.Text;

namespace Interphase.Data.Eis;

/// <summary>
/// Scribner ZPlot .z files and the ZView "Z60W" text that Autolab exports: a column line with
/// <c>Freq(Hz)</c> … <c>Z'(a)</c> <c>Z''(b)</c> (tab-separated, or space-aligned in quotes), data after
/// it (after <c>End Comments</c> in .z files), fields separated by tabs or commas. Z''(b) is the
/// signed imaginary part.
/// </summary>
internal static partial class ZPlotReader
{
    [GeneratedRegex(@"\t|\s{2,}")]
    private static partial Regex HeaderSplit();

    /// <summary>0-based index of the column-name line, or −1.</summary>
    public static int FindHeader(EisText text)
    {
        for (int i = 0; i < text.LineCount; i++)
            if (text.Line(i).Contains("Z'(a)", StringComparison.Ordinal) && text.Line(i).Contains("Freq", StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    public static EisRows Read(EisText text)
    {
        var lines = text.Lines;
        int header = FindHeader(text);
        if (header < 0)
            throw text.Error(1, "ZPlot/ZView file has no column line with Freq(Hz), Z'(a) and Z''(b)");
        var names = HeaderSplit().Split(lines[header].Trim().Trim('"').Trim()).Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
        int cf = Array.FindIndex(names, n => n.StartsWith("Freq", StringComparison.OrdinalIgnoreCase));
        int cr = Array.IndexOf(names, "Z'(a)");
        int ci = Array.IndexOf(names, "Z''(b)");
        if (cf < 0 || cr < 0 || ci < 0)
            throw text.Error(header + 1, "ZPlot/ZView column line must name Freq(Hz), Z'(a) and Z''(b)");
        int start = Array.FindIndex(lines, header, l => l.StartsWith("End Comments", StringComparison.Ordinal));
        start = start < 0 ? header + 1 : start + 1;
        var rows = new EisRows(lines[0].Contains("Z60W") ? "ZView/Autolab text" : "ZPlot .z");
        int need = Math.Max(cf, Math.Max(cr, ci)) + 1;
        for (int i = start; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            int lineNo = i + 1;
            var fields = line.Contains('\t') ? line.Split('\t') : line.Split(',');
            if (fields.Length < need)
                throw text.Error(lineNo, $"row has {fields.Length} fields, expected at least {need} (Freq, …, Z'(a), Z''(b)): truncated file?");
            // a row wider than the column line would be read shifted: a decimal comma splits a number in a comma-separated
            // row (decision 0085); empty fields past the last name (a separator that ends the row) are no column
            if (fields.Length > names.Length && fields.Skip(names.Length).Any(x => x.Trim().Length > 0))
                throw text.Error(lineNo, FieldCount.Mismatch(fields.Length, names.Length, "the column line names", line.Contains('\t') ? '\t' : ','));
            double Num(int c) => EisText.TryNumber(fields[c], false, out var v)
                ? v : throw text.Error(lineNo, $"'{fields[c].Trim()}' in column {names[c]} is not a number (expected numbers in the Freq, Z'(a) and Z''(b) columns)");
            double f = Num(cf), re = Num(cr), im = Num(ci);
            EisRows.CheckValues(text, lineNo, f, re, im);
            rows.Add(lineNo, f, re, im);
        }
        return rows;
    }
}
