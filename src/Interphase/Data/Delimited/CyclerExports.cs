using System.Text;

namespace Interphase.Data.Delimited;

/// <summary>
/// Text exports of Basytec, Novonix and Arbin (the newer CSV with units in the header, "Data Point,
/// Date Time, Test Time (s) …"), read by the delimited reader with a preset and a column mapping per
/// instrument. The header line is found by its content, so title and summary blocks of any length
/// are skipped; the time axis is the test's cumulative clock, never the step time.
/// </summary>
public static class CyclerExports
{
    /// <summary>
    /// Basytec BTS result export: lines starting with <c>~</c> (the test's name, battery, plan,
    /// channel, start and end), then the header <c>~Time[s] DataSet t-Step[s] … U[V] I[A] … Ah-Cyc-Charge
    /// Ah-Cyc-Discharge … Wh-Cyc-Charge … T1[°C] … Cyc-Count Count State</c>, tab separated, currents
    /// signed (positive = charge). <c>Time[s]</c> is the test time; <c>t-Step</c>, <c>t-Set</c>,
    /// <c>t-Cyc</c> restart. <c>State</c> is a numeric code, not a step type, and is not read;
    /// <c>Line</c> (the plan's line) is the step.
    /// </summary>
    public static readonly DelimitedPreset Basytec = new("Basytec text", "Basytec", 0, DelimitedPreset.Generic.DefaultUnits)
    {
        IgnoredNames = ["state"],
    };

    /// <summary>
    /// Novonix UHPC CSV: a <c>[Summary]</c> block (channel, cell, mass, capacity, area, start), a
    /// <c>[Protocol]</c> block, then <c>[Data]</c> and the header <c>Date and Time, Cycle Number, Step Type,
    /// Run Time (h), Step Time (h), Current (A), Potential (V), Capacity (Ah), Temperature (°C), …,
    /// Energy (Wh), …, Step Number, …</c>. <c>Run Time</c> is the test time. <c>Step Type</c> is a numeric
    /// code and is not read: the capacity and energy columns are attributed to charge or discharge by the
    /// current's sign.
    /// </summary>
    public static readonly DelimitedPreset Novonix = new("Novonix CSV", "Novonix", 0, DelimitedPreset.Generic.DefaultUnits)
    {
        IgnoredNames = ["step type"],
    };

    /// <summary>A Basytec export: its first line is <c>~Resultfile from Basytec</c> or a <c>~</c> header names <c>~Time[s]</c>.</summary>
    public static int? BasytecHeaderLine(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0 || !lines[0].StartsWith('~')) return null;
        bool basytec = lines[0].Contains("Basytec", StringComparison.OrdinalIgnoreCase);
        for (int i = 0; i < Math.Min(lines.Count, 200); i++)
        {
            if (!lines[i].StartsWith('~')) return null;
            if (lines[i].StartsWith("~Time[", StringComparison.Ordinal) && (basytec || lines[i].Contains("U[V]", StringComparison.Ordinal))) return i;
        }
        return null;
    }

    /// <summary>A Novonix export: <c>[Summary]</c> then a line naming Novonix; the header follows <c>[Data]</c>.</summary>
    public static int? NovonixHeaderLine(IReadOnlyList<string> lines)
    {
        if (lines.Count < 2 || lines[0].Trim() != "[Summary]" || !lines.Take(4).Any(l => l.Contains("Novonix", StringComparison.OrdinalIgnoreCase))) return null;
        for (int i = 0; i < lines.Count - 1; i++)
            if (lines[i].Trim() == "[Data]") return i + 1;
        return null;
    }

    /// <summary>The newer Arbin CSV: "Data Point" and "Test Time (s)" in the header.</summary>
    public static bool IsArbinCsv(string headerLower) =>
        headerLower.Contains("data point", StringComparison.Ordinal) && headerLower.Contains("test time", StringComparison.Ordinal) &&
        headerLower.Contains("voltage", StringComparison.Ordinal);

    static List<string> HeadLines(string path, int max)
    {
        using var s = DataFile.OpenRead(path);
        var buf = new byte[(int)Math.Min(s.Length, 1 << 20)];
        int n = s.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        var text = System.Text.Unicode.Utf8.IsValid(buf.AsSpan(0, n)) ? Encoding.UTF8.GetString(buf, 0, n) : Encoding.Latin1.GetString(buf, 0, n);
        return text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Take(max).ToList();
    }

    static Dictionary<string, string> KeyValues(IEnumerable<string> lines, char trim)
    {
        var d = new Dictionary<string, string>();
        foreach (var raw in lines)
        {
            var l = raw.TrimStart(trim).Trim();
            int c = l.IndexOf(':');
            if (c <= 0 || c == l.Length - 1) continue;
            var v = l[(c + 1)..].Trim();
            if (v.Length > 0) d.TryAdd(l[..c].Trim(), v);
        }
        return d;
    }

    /// <summary>Reads a Basytec export.</summary>
    public static CyclingDataset ReadBasytec(string path, ColumnMapping? mapping, double? areaM2)
    {
        var head = HeadLines(path, 201);
        if (BasytecHeaderLine(head) is not { } k)
            throw new InputException("expected a Basytec export: '~' lines and a header '~Time[s] …'", path, 1);
        var fields = head[k].Split('\t').Select(f => f.Trim()).ToArray();
        var columns = new Dictionary<CyclingQuantity, (string, string?)>(mapping?.Columns ?? ColumnMapping.None.Columns);
        columns.TryAdd(CyclingQuantity.Time, (fields[0], "s"));
        void Map(CyclingQuantity q, string name, string? unit)
        {
            if (fields.Contains(name)) columns.TryAdd(q, (name, unit));
        }
        Map(CyclingQuantity.Cycle, "Cyc-Count", null);
        Map(CyclingQuantity.Step, "Line", null);
        Map(CyclingQuantity.ChargeCapacity, "Ah-Cyc-Charge", "Ah");
        Map(CyclingQuantity.DischargeCapacity, "Ah-Cyc-Discharge", "Ah");
        Map(CyclingQuantity.ChargeEnergy, "Wh-Cyc-Charge", "Wh");
        Map(CyclingQuantity.DischargeEnergy, "Wh-Cyc-Discharge", "Wh");
        var notes = new List<string>();
        // T1[°C]: some copies carry the degree sign as a replacement character; the unit is °C either way
        if (fields.FirstOrDefault(f => f.StartsWith("T1[", StringComparison.Ordinal) && f.EndsWith("C]", StringComparison.Ordinal)) is { } t1)
            columns.TryAdd(CyclingQuantity.Temperature, (t1, "degC"));
        var d = DelimitedCyclingReader.Read(path, Basytec with { TitleLines = k }, new ColumnMapping(columns), areaM2);
        var header = new Dictionary<string, string>(d.Info.Header);
        header.Remove("title");
        foreach (var (key, value) in KeyValues(head.Take(k), '~')) header.TryAdd(key, value);
        return d.WithInfo(d.Info with
        {
            Header = header,
            Technique = header.GetValueOrDefault("Testplan"),
            Notes = [.. notes, "time from '~Time[s]' (the test time; t-Step, t-Set and t-Cyc restart)", .. d.Info.Notes],
        });
    }

    /// <summary>Reads a Novonix export.</summary>
    public static CyclingDataset ReadNovonix(string path, ColumnMapping? mapping, double? areaM2)
    {
        var head = HeadLines(path, 100_000);
        if (NovonixHeaderLine(head) is not { } k)
            throw new InputException("expected a Novonix export: '[Summary]' … '[Data]' and a header", path, 1);
        var fields = head[k].Split(',').Select(f => f.Trim()).ToArray();
        var columns = new Dictionary<CyclingQuantity, (string, string?)>(mapping?.Columns ?? ColumnMapping.None.Columns);
        if (fields.Contains("Step Number")) columns.TryAdd(CyclingQuantity.Step, ("Step Number", null));
        var d = DelimitedCyclingReader.Read(path, Novonix with { TitleLines = k }, new ColumnMapping(columns), areaM2);
        var header = new Dictionary<string, string>(d.Info.Header);
        header.Remove("title");
        var summaryEnd = head.FindIndex(l => l.Trim() == "[End Summary]");
        foreach (var (key, value) in KeyValues(head.Take(summaryEnd > 0 ? summaryEnd : 0), ' ')) header.TryAdd(key, value);
        double? Num(string key) => header.TryGetValue(key, out var v) && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) && x > 0 ? x : null;
        return d.WithInfo(d.Info with
        {
            Header = header,
            FileActiveMassKg = Num("Mass (g)") * 1e-3,
            FileAreaM2 = Num("Area (cm2)") * 1e-4,
            Notes = ["time from 'Run Time (h)' (the test time; 'Step Time (h)' restarts); 'Step Type' codes are not read, the current's sign gives charge and discharge", .. d.Info.Notes],
        });
    }

    /// <summary>Reads the newer Arbin CSV (units in the header; temperature in <c>Aux_Temperature_1 (C)</c>, °C).</summary>
    public static CyclingDataset ReadArbinCsv(string path, ColumnMapping? mapping, double? areaM2)
    {
        var head = HeadLines(path, 1);
        var fields = head.Count > 0 ? head[0].TrimStart('\uFEFF').Split(',').Select(f => f.Trim()).ToArray() : [];
        var columns = new Dictionary<CyclingQuantity, (string, string?)>(mapping?.Columns ?? ColumnMapping.None.Columns);
        // Arbin writes the temperature unit as "(C)", which would read as coulombs
        if (fields.FirstOrDefault(f => f.StartsWith("Aux_Temperature_", StringComparison.OrdinalIgnoreCase) && f.EndsWith("(C)", StringComparison.Ordinal)) is { } t)
            columns.TryAdd(CyclingQuantity.Temperature, (t, "degC"));
        return DelimitedCyclingReader.Read(path, DelimitedPreset.Arbin, new ColumnMapping(columns), areaM2);
    }
}
