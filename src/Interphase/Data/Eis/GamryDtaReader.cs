namespace Interphase.Data.Eis;

/// <summary>
/// Gamry Framework .DTA of an EIS experiment: a <c>ZCURVE	TABLE</c> line, a line of column names
/// (Pt, Time, Freq, Zreal, Zimag, …), a line of units, then tab-indented rows until the table ends
/// or <c>EXPERIMENTABORTED</c>. Zimag is the signed imaginary part. Decimal commas are accepted.
/// </summary>
internal static class GamryDtaReader
{
    static readonly string[] Required = ["Freq", "Zreal", "Zimag"];

    public static EisRows Read(EisText text)
    {
        var lines = text.Lines;
        int table = Array.FindIndex(lines, l => l.StartsWith("ZCURVE", StringComparison.Ordinal));
        if (table < 0)
            throw text.Error(1, "Gamry .DTA has no ZCURVE table: expected an EIS experiment (EISPOT/EISGALV)");
        if (table + 2 >= lines.Length)
            throw text.Error(lines.Length, "Gamry .DTA ends inside the ZCURVE header: expected a names line and a units line (truncated file?)");
        int namesLine = table + 2; // 1-based
        var names = lines[table + 1].Split('\t').Select(s => s.Trim()).ToArray();
        var cols = new int[Required.Length];
        for (int k = 0; k < Required.Length; k++)
        {
            cols[k] = Array.IndexOf(names, Required[k]);
            if (cols[k] < 0)
                throw text.Error(namesLine, $"Gamry ZCURVE table has no '{Required[k]}' column; expected columns {string.Join(", ", Required)}");
        }
        var rows = new EisRows("Gamry .DTA");
        int need = cols.Max() + 1;
        for (int i = table + 3; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("EXPERIMENTABORTED", StringComparison.Ordinal))
            {
                rows.Notes.Add($"experiment aborted at line {i + 1}; read the points before it");
                break;
            }
            if (line.Trim().Length == 0) continue;
            if (!line.StartsWith('\t')) break; // next section of the file
            var fields = line.Split('\t');
            int lineNo = i + 1;
            if (fields.Length < need)
                throw text.Error(lineNo, $"ZCURVE row has {fields.Length - 1} fields, expected at least {need - 1} (truncated file?)");
            var v = new double[3];
            for (int k = 0; k < 3; k++)
                if (!EisText.TryNumber(fields[cols[k]], true, out v[k]))
                    throw text.Error(lineNo, $"'{fields[cols[k]].Trim()}' in column {Required[k]} is not a number");
            EisRows.CheckValues(text, lineNo, v[0], v[1], v[2]);
            rows.Add(lineNo, v[0], v[1], v[2]);
        }
        return rows;
    }
}
