using System.Text.RegularExpressions;
using Interphase.Impedance;
using Interphase.Units;

namespace Interphase.Data.Eis;

/// <summary>
/// A temperature series for an Arrhenius or VTF fit: temperatures (K) and conductivities (S/m), read
/// from delimited text. The header names a temperature column and a conductivity or resistance
/// column, with units in parentheses, brackets or after a slash: <c>T (degC), sigma (S/cm)</c>,
/// <c>T/K;R/Ohm</c>. Without units, temperature is in °C and conductivity in S/cm (domain.md's
/// conventions) and a note says so. Resistances need the thickness and area (σ = L/(R·A)).
/// Without a header the columns are temperature (°C) and conductivity (S/cm).
/// A column <c>used</c> (true/false, as <c>eis arrhenius</c> writes conductivity.csv) leaves the rows marked false out of
/// the series; a column <c>reason</c> says why, and <see cref="LeftOut"/> names each such row.
/// </summary>
public sealed partial record ConductivitySeries(double[] TemperaturesK, double[] ConductivitiesSm, string Source, IReadOnlyList<string> Notes)
{
    /// <summary>The column that says whether a row enters the fit.</summary>
    public const string UsedColumn = "used";
    /// <summary>The column that says why a row does not.</summary>
    public const string ReasonColumn = "reason";

    /// <summary>The rows marked <c>used = false</c>: "line N (T …, file): reason".</summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];

    [GeneratedRegex(@"^\s*(?<name>[^(\[/]*?)\s*(?:\((?<u1>.*)\)|\[(?<u2>.*)\]|/(?<u3>.*))?\s*$")]
    internal static partial Regex NameAndUnit();

    public static ConductivitySeries Read(string path, double? thicknessM = null, double? areaM2 = null)
    {
        var text = EisText.Load(path);
        var lines = text.Lines;
        var content = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim().Length > 0 && !lines[i].TrimStart().StartsWith('#')).ToList();
        if (content.Count == 0) throw text.Error(1, "no data: expected a header such as 'T (degC), sigma (S/cm)' and rows of numbers");
        char sep = lines[content[0]].Contains('\t') ? '\t' : lines[content[0]].Contains(';') ? ';' : ',';
        bool decimalComma = sep == ';';
        string[] Split(string l) => l.Split(sep).Select(s => s.Trim().Trim('"')).ToArray();
        var notes = new List<string>();

        int firstData = EisText.TryNumber(Split(lines[content[0]])[0], decimalComma, out _) ? 0 : 1;
        int ct = 0, cv = 1, cu = -1, cr = -1, cf = -1;
        Unit tUnit = UnitParser.Parse("degC"), vUnit = UnitParser.Parse("S/cm");
        bool resistance = false;
        if (firstData == 1)
        {
            int headerLine = content[0] + 1;
            var header = Split(lines[content[0]]);
            ct = cv = -1;
            for (int c = 0; c < header.Length; c++)
            {
                var m = NameAndUnit().Match(header[c]);
                var name = m.Groups["name"].Value.Trim().ToLowerInvariant();
                var unitText = new[] { "u1", "u2", "u3" }.Select(g => m.Groups[g].Value).FirstOrDefault(v => v.Length > 0) ?? "";
                Unit? unit = null;
                if (unitText.Length > 0)
                {
                    try { unit = UnitParser.Parse(unitText); }
                    catch (InputException e) { throw text.Error(headerLine, $"column '{header[c]}': {e.Message}"); }
                }
                if (unit is null && name == UsedColumn) { cu = c; continue; }
                if (unit is null && name == ReasonColumn) { cr = c; continue; }
                if (unit is null && name == "file") { cf = c; continue; }
                bool isT = unit?.Dimension == QuantityKind.Temperature.Dimension || (unit is null && name is "t" or "temp" or "temperature");
                bool isSigma = unit?.Dimension == QuantityKind.Conductivity.Dimension || (unit is null && (name is "sigma" or "σ" or "conductivity" || name.StartsWith("cond", StringComparison.Ordinal)));
                bool isR = unit?.Dimension == QuantityKind.Resistance.Dimension || (unit is null && name is "r" or "resistance" or "r_bulk" or "rbulk");
                if (isT && ct < 0) { ct = c; if (unit is { } u) tUnit = u; else notes.Add($"column '{header[c]}' has no unit: read as °C"); }
                else if ((isSigma || isR) && cv < 0)
                {
                    cv = c;
                    resistance = isR;
                    if (unit is { } u) vUnit = u;
                    else
                    {
                        vUnit = UnitParser.Parse(isR ? "Ohm" : "S/cm");
                        notes.Add($"column '{header[c]}' has no unit: read as {(isR ? "Ω" : "S/cm")}");
                    }
                }
            }
            if (ct < 0) throw text.Error(headerLine, $"no temperature column in the header ({string.Join(", ", header)}): expected e.g. 'T (degC)' or 'T/K'");
            if (cv < 0) throw text.Error(headerLine, $"no conductivity or resistance column in the header ({string.Join(", ", header)}): expected e.g. 'sigma (S/cm)' or 'R (Ohm)'");
        }
        else notes.Add("no header: columns read as temperature (°C) and conductivity (S/cm)");
        if (resistance && (thicknessM is null || areaM2 is null))
            throw text.Error(content[0] + 1, "the series gives resistances: conductivity σ = L/(R·A) needs the thickness and the area (--thickness, --area)");

        var t = new List<double>();
        var v = new List<double>();
        var leftOut = new List<string>();
        int needed = new[] { ct, cv, cu }.Max();
        for (int k = firstData; k < content.Count; k++)
        {
            int lineNo = content[k] + 1;
            var fields = Split(lines[content[k]]);
            if (fields.Length <= needed)
                throw text.Error(lineNo, $"row has {fields.Length} fields, expected at least {needed + 1} (truncated file?)");
            if (!EisText.TryNumber(fields[ct], decimalComma, out var tv) || !double.IsFinite(tv))
                throw text.Error(lineNo, $"'{fields[ct]}' is not a temperature");
            if (cu >= 0)
            {
                var flag = fields[cu].ToLowerInvariant();
                if (flag is "false")
                {
                    string file = cf >= 0 && cf < fields.Length && fields[cf].Length > 0 ? $", {fields[cf]}" : "";
                    string reason = cr >= 0 && cr < fields.Length && fields[cr].Length > 0 ? fields[cr] : "marked used = false";
                    leftOut.Add($"line {lineNo} (T = {fields[ct]}{(tUnit.Text.Length > 0 ? " " + tUnit.Text : "")}{file}): {reason}");
                    continue;
                }
                if (flag is not "true") throw text.Error(lineNo, $"'{fields[cu]}' in column '{UsedColumn}': expected true or false");
            }
            if (!EisText.TryNumber(fields[cv], decimalComma, out var vv) || !double.IsFinite(vv) || vv <= 0)
                throw text.Error(lineNo, $"'{fields[cv]}' is not a positive {(resistance ? "resistance" : "conductivity")}");
            double kelvin = tUnit.ToSi(tv);
            if (kelvin <= 0) throw text.Error(lineNo, $"temperature {fields[ct]} is below absolute zero");
            t.Add(kelvin);
            double si = vUnit.ToSi(vv);
            v.Add(resistance ? Conductivity.FromResistance(si, thicknessM!.Value, areaM2!.Value) : si);
        }
        if (resistance) notes.Add($"σ = L/(R·A) with L = {thicknessM * 1e6:G4} µm, A = {areaM2 * 1e4:G4} cm²");
        if (leftOut.Count > 0) notes.Add($"{leftOut.Count} row{(leftOut.Count > 1 ? "s" : "")} marked {UsedColumn} = false left out of the fit: {string.Join("; ", leftOut)}");
        return new ConductivitySeries(t.ToArray(), v.ToArray(), path, notes) { LeftOut = leftOut };
    }
}
