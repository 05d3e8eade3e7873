using Interphase.Units;

namespace Interphase.Data.Eis;

/// <summary>
/// Which temperature each spectrum file of a series was measured at, from a delimited table with a header naming a
/// file column (<c>file</c>, <c>name</c> or <c>filename</c>) and a temperature column with its unit:
/// <c>file,T (degC)</c> / <c>T025.mpt,25</c>. Files are matched by their name without the folder. A temperature
/// column without a unit is read as °C, as in <see cref="ConductivitySeries"/>.
/// </summary>
public static class TemperatureMap
{
    /// <summary>Temperatures in K by file name (ordinal, case-sensitive as file systems here are).</summary>
    public static Dictionary<string, double> Read(string path)
    {
        var text = EisText.Load(path);
        var lines = text.Lines;
        var content = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim().Length > 0 && !lines[i].TrimStart().StartsWith('#')).ToList();
        if (content.Count == 0) throw text.Error(1, "no data: expected a header such as 'file,T (degC)' and a row per spectrum file");
        char sep = lines[content[0]].Contains('\t') ? '\t' : lines[content[0]].Contains(';') ? ';' : ',';
        string[] Split(string l) => l.Split(sep).Select(s => s.Trim().Trim('"')).ToArray();
        var header = Split(lines[content[0]]);
        int cf = -1, ct = -1;
        Unit unit = UnitParser.Parse("degC");
        for (int c = 0; c < header.Length; c++)
        {
            var m = ConductivitySeries.NameAndUnit().Match(header[c]);
            var name = m.Groups["name"].Value.Trim().ToLowerInvariant();
            var unitText = new[] { "u1", "u2", "u3" }.Select(g => m.Groups[g].Value).FirstOrDefault(v => v.Length > 0) ?? "";
            if (name is "file" or "name" or "filename" && cf < 0) cf = c;
            else if (ct < 0 && (name is "t" or "temp" or "temperature"))
            {
                ct = c;
                if (unitText.Length == 0) continue;
                try { unit = UnitParser.Parse(unitText); }
                catch (InputException e) { throw text.Error(content[0] + 1, $"column '{header[c]}': {e.Message}"); }
                if (unit.Dimension != QuantityKind.Temperature.Dimension) throw text.Error(content[0] + 1, $"column '{header[c]}': '{unitText}' is not a temperature unit");
            }
        }
        if (cf < 0 || ct < 0)
            throw text.Error(content[0] + 1, $"expected a header with a file column and a temperature column, e.g. 'file,T (degC)'; got {string.Join(", ", header)}");
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var i in content.Skip(1))
        {
            var f = Split(lines[i]);
            if (f.Length <= Math.Max(cf, ct)) throw text.Error(i + 1, $"row has {f.Length} fields, expected a file name and a temperature");
            if (!EisText.TryNumber(f[ct], sep == ';', out var t) || !double.IsFinite(t)) throw text.Error(i + 1, $"'{f[ct]}' is not a temperature");
            double kelvin = unit.ToSi(t);
            if (kelvin <= 0) throw text.Error(i + 1, $"temperature {f[ct]} is below absolute zero");
            if (!map.TryAdd(Path.GetFileName(f[cf]), kelvin)) throw text.Error(i + 1, $"'{f[cf]}' is listed twice");
        }
        return map;
    }
}
