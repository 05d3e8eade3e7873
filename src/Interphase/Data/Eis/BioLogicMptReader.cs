using System.Text.RegularExpressions;

namespace Interphase.Data.Eis;

/// <summary>
/// BioLogic EC-Lab text export (.mpt) of an impedance technique (PEIS/GEIS): line 2 states
/// "Nb header lines : N", line N holds the tab-separated column names, data follow. Impedance
/// columns are <c>freq/Hz</c>, <c>Re(Z)/Ohm</c> and <c>-Im(Z)/Ohm</c> (the file stores −Z'').
/// German exports write decimal commas. Rows with freq/Hz = 0 (other techniques in a Modulo Bat
/// sequence) are skipped and counted in the notes.
/// </summary>
internal static partial class BioLogicMptReader
{
    [GeneratedRegex(@"^Nb header lines\s*:\s*(\d+)")]
    private static partial Regex HeaderCount();

    static readonly string[] Required = ["freq/Hz", "Re(Z)/Ohm", "-Im(Z)/Ohm"];

    public static EisRows Read(EisText text)
    {
        var lines = text.Lines;
        int headerLines = -1;
        for (int i = 0; i < Math.Min(lines.Length, 5); i++)
        {
            var m = HeaderCount().Match(lines[i].Trim());
            if (m.Success) { headerLines = int.Parse(m.Groups[1].Value); break; }
        }
        if (headerLines < 1)
            throw text.Error(2, "BioLogic .mpt: expected 'Nb header lines : N' on line 2");
        if (lines.Length < headerLines)
            throw text.Error(lines.Length, $"BioLogic .mpt: the header says {headerLines} header lines but the file ends at line {lines.Length} (truncated file?)");

        int headerLine = headerLines; // 1-based line holding the column names
        var names = lines[headerLine - 1].TrimEnd('\t', ' ').Split('\t');
        var cols = new int[Required.Length];
        for (int k = 0; k < Required.Length; k++)
        {
            cols[k] = Array.IndexOf(names, Required[k]);
            if (cols[k] < 0)
                throw text.Error(headerLine,
                    $"BioLogic .mpt has no '{Required[k]}' column: expected an impedance export (PEIS/GEIS) with columns {string.Join(", ", Required)}; this file has {Describe(names)}");
        }

        var rows = new EisRows("BioLogic .mpt");
        bool decimalComma = DetectDecimalComma(lines, headerLine);
        if (decimalComma) rows.Notes.Add("decimal commas (German export)");
        int skipped = 0;
        int need = cols.Max() + 1;
        for (int i = headerLine; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            int lineNo = i + 1;
            var fields = line.Split('\t');
            if (fields.Length < need)
                throw text.Error(lineNo, $"row has {fields.Length} fields, expected at least {need} ({string.Join(", ", Required)}): truncated file?");
            var v = new double[3];
            for (int k = 0; k < 3; k++)
                if (!EisText.TryNumber(fields[cols[k]], decimalComma, out v[k]))
                    throw text.Error(lineNo, $"'{fields[cols[k]].Trim()}' in column {Required[k]} is not a number");
            if (v[0] == 0) { skipped++; continue; }
            EisRows.CheckValues(text, lineNo, v[0], v[1], v[2]);
            rows.Add(lineNo, v[0], v[1], -v[2]);
        }
        if (skipped > 0) rows.Notes.Add($"skipped {skipped} rows with freq/Hz = 0 (not impedance rows)");
        return rows;
    }

    static bool DetectDecimalComma(string[] lines, int headerLine)
    {
        for (int i = headerLine; i < Math.Min(lines.Length, headerLine + 5); i++)
        {
            var l = lines[i];
            if (l.Trim().Length == 0) continue;
            return l.Contains(',') && !l.Contains('.');
        }
        return false;
    }

    static string Describe(string[] names)
    {
        var shown = names.Where(n => n.Length > 0).Take(6).Select(n => $"'{n}'");
        return $"columns {string.Join(", ", shown)}{(names.Length > 6 ? ", …" : "")}";
    }
}
