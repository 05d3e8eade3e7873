using System.Globalization;
using System.Text;
using Interphase.Data.Analysis;

namespace Interphase.Data.Delimited;

/// <summary>
/// Maccor's tab-separated text exports. The layouts differ in what comes before the column header
/// and in units, so the header line and the units are found in each file:
/// <list type="bullet">
/// <item>one to three title lines ("Today's Date … Date of Test … Procedure"), then
/// <c>Rec# Cyc# Step Test (Sec)</c> or <c>TestTime</c> in seconds or as <c>0d 00:00:05</c>;</item>
/// <item>title lines separated by blank lines ("Today''s Date", "Date of Test:") and milli-unit
/// columns <c>mAmps</c>, <c>mAmp-hr</c>, <c>mWatt-hr</c>;</item>
/// <item>key/value lines ("Name:", "Channel:", "Procedure", "Started", "SCap" …), a blank line, then
/// <c>Rec Cycle P Cycle C Step TestTime StepTime Cap. [Ah] … Md</c>, with <c>TestTime</c> in minutes
/// and decimal commas or points.</item>
/// </list>
/// A plain-number <c>TestTime</c> is read in the unit that makes its span equal the span of the
/// file's own clock (<c>DPt Time</c>); a <c>Volts</c> column is read as millivolts when the file's
/// energy and capacity counters say so.
/// </summary>
public static class MaccorText
{
    const int MaxHeadLines = 60;
    static readonly string[] TestTimeNames = ["TestTime", "Test (Sec)", "Test Time", "Test Time (Sec)"];
    static readonly (string Header, CyclingQuantity Quantity, string Unit)[] MilliColumns =
        [("mAmps", CyclingQuantity.Current, "mA"), ("mAmp-hr", CyclingQuantity.Capacity, "mAh"), ("mWatt-hr", CyclingQuantity.Energy, "mWh")];

    /// <summary>What the lines before the data say: where the header is, its fields, the title lines.</summary>
    sealed record Layout(int HeaderLine, string[] Fields, IReadOnlyList<string> Title)
    {
        /// <summary>The layout whose header begins <c>Rec</c> (not <c>Rec#</c>) writes the test time in minutes.</summary>
        public bool WritesMinutes => Fields[0] == "Rec";
    }

    /// <summary>
    /// The 0-based line of the column header when <paramref name="lines"/> (the first lines of a
    /// text file, split at line feeds) start a Maccor export, else null: a tab-separated line that
    /// begins with <c>Rec#</c> or <c>Rec</c> and names a step and the test time.
    /// </summary>
    public static int? HeaderLine(IReadOnlyList<string> lines)
    {
        for (int k = 0; k < Math.Min(lines.Count, MaxHeadLines); k++)
        {
            var f = lines[k].TrimEnd('\r').Split('\t').Select(x => x.Trim()).ToArray();
            if (f.Length >= 4 && f[0] is "Rec#" or "Rec" && f.Contains("Step") && f.Any(x => TestTimeNames.Contains(x, StringComparer.OrdinalIgnoreCase)))
                return k;
        }
        return null;
    }

    /// <summary>Reads a Maccor export into the unified dataset (<paramref name="mapping"/> overrides what is found here).</summary>
    public static CyclingDataset Read(string path, ColumnMapping? mapping, double? areaM2)
    {
        var head = HeadLines(path);
        var layout = FindLayout(path, head);
        var notes = new List<string>();
        var timeUnit = TimeUnit(path, head, layout, notes);
        var preset = DelimitedPreset.Maccor with
        {
            TitleLines = layout.HeaderLine,
            DefaultUnits = new Dictionary<CyclingQuantity, string>(DelimitedPreset.Maccor.DefaultUnits) { [CyclingQuantity.Time] = timeUnit },
        };
        var columns = new Dictionary<CyclingQuantity, (string, string?)>(mapping?.Columns ?? ColumnMapping.None.Columns);
        foreach (var (name, quantity, unit) in MilliColumns)
            if (layout.Fields.Contains(name)) columns.TryAdd(quantity, (name, unit));
        var d = DelimitedCyclingReader.Read(path, preset, new ColumnMapping(columns), areaM2);
        if (mapping?.Columns.ContainsKey(CyclingQuantity.Voltage) != true) d = Millivolts(d, notes);
        var header = new Dictionary<string, string>(d.Info.Header);
        foreach (var (key, value) in KeyValues(layout.Title)) header.TryAdd(key, value);
        if (!header.ContainsKey("channel") && header.Remove("tester channel", out var tc)) header["channel"] = tc;
        // the instrument names its exports by channel: test.052 is channel 52
        if (!header.ContainsKey("channel") && Path.GetExtension(path) is { Length: > 1 } ext &&
            int.TryParse(ext[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var channel))
            header["channel"] = channel.ToString(CultureInfo.InvariantCulture);
        return d.WithInfo(d.Info with { Header = header, Notes = [.. notes, .. d.Info.Notes] });
    }

    static List<string> HeadLines(string path)
    {
        using var s = DataFile.OpenRead(path);
        var b = new byte[1 << 16];
        int n = s.ReadAtLeast(b, b.Length, throwOnEndOfStream: false);
        return [.. Encoding.Latin1.GetString(b, 0, n).Split('\n').Take(MaxHeadLines + 2).Select(l => l.TrimEnd('\r'))];
    }

    static Layout FindLayout(string path, List<string> head)
    {
        if (HeaderLine(head) is not { } k)
            throw new InputException($"no column header (Rec#, Cyc#, Step, TestTime …) within the first {MaxHeadLines} lines: expected a Maccor text export", path, 1);
        var fields = head[k].Split('\t').Select(x => x.Trim()).ToArray();
        return new Layout(k, fields, [.. head.Take(k).Where(l => l.Trim().Length > 0)]);
    }

    /// <summary>"Key:\tvalue\tKey:\tvalue" title lines as lower-case keys and values.</summary>
    static IEnumerable<(string, string)> KeyValues(IReadOnlyList<string> title)
    {
        foreach (var line in title)
        {
            var f = line.Split('\t');
            for (int i = 0; i + 1 < f.Length; i += 2)
                if (f[i].Trim().TrimEnd(':').Replace("''", "'") is { Length: > 0 } key && f[i + 1].Trim() is { Length: > 0 } value)
                    yield return (key.ToLowerInvariant(), value);
        }
    }

    /// <summary>
    /// The unit of a plain-number test time: the one of s, min, h that makes the test time's span
    /// from the first to the last record equal to the span of <c>DPt Time</c> (within 5 %); without a
    /// usable clock (none, or less than a minute apart), minutes for the layout that writes them and
    /// seconds otherwise. A header that states its unit ("Test (Sec)") keeps it.
    /// </summary>
    static string TimeUnit(string path, List<string> head, Layout layout, List<string> notes)
    {
        int ti = Array.FindIndex(layout.Fields, f => TestTimeNames.Contains(f, StringComparer.OrdinalIgnoreCase));
        int di = Array.FindIndex(layout.Fields, f => f.Equals("DPt Time", StringComparison.OrdinalIgnoreCase));
        string fallback = layout.WritesMinutes ? "min" : "s";
        if (ti >= 0 && layout.Fields[ti].IndexOfAny(['(', '[']) >= 0) return fallback;
        var first = head.Skip(layout.HeaderLine + 1).FirstOrDefault(l => l.Trim().Length > 0)?.Split('\t');
        var last = LastLine(path)?.Split('\t');
        if (first is null || last is null || ti < 0 || ti >= first.Length || ti >= last.Length) return fallback;
        if (!TryNumber(first[ti], out var t1) || !TryNumber(last[ti], out var t2)) return fallback; // a duration (0d 00:00:05) or a stated unit
        string? unit = null;
        if (di >= 0 && di < first.Length && di < last.Length &&
            DelimitedCyclingReader.TryDate(first[di].Trim(), out var c1) && DelimitedCyclingReader.TryDate(last[di].Trim(), out var c2) &&
            c2 - c1 >= 60 && t2 > t1)
        {
            double ratio = (c2 - c1) / (t2 - t1);
            unit = new[] { ("s", 1.0), ("min", 60.0), ("h", 3600.0) }.FirstOrDefault(u => Math.Abs(ratio / u.Item2 - 1) <= 0.05).Item1;
            if (unit is not null)
                notes.Add($"'{layout.Fields[ti]}' read in {unit}: its span, {t2 - t1:G6} {unit}, is the span of '{layout.Fields[di]}' ({(c2 - c1) / 3600:G4} h)");
        }
        if (unit is null)
        {
            unit = fallback;
            notes.Add($"'{layout.Fields[ti]}' read in {unit}, as this layout of export writes it (not checked: no date-time column spanning a minute or more agrees with it in s, min or h)");
        }
        return unit;
    }

    static bool TryNumber(string field, out double value)
    {
        var f = field.Trim();
        if (f.Contains(',') && !f.Contains('.')) f = f.Replace(',', '.');
        return double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The last non-blank line of the file (read from its last 64 KB).</summary>
    static string? LastLine(string path)
    {
        using var s = DataFile.OpenRead(path);
        s.Position = Math.Max(0, s.Length - (1 << 16));
        var b = new byte[s.Length - s.Position];
        s.ReadExactly(b);
        return Encoding.Latin1.GetString(b).Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.Trim().Length > 0);
    }

    /// <summary>
    /// Some exports with milli-unit columns keep the header <c>Volts</c> over millivolts. The energy
    /// and capacity counters tell: their increments give the mean voltage (ΔE/ΔQ); when the column's
    /// mean over the same charge is a thousand times that, the column holds millivolts.
    /// </summary>
    static CyclingDataset Millivolts(CyclingDataset d, List<string> notes)
    {
        if (!d.HasCapacityCounters || !d.HasEnergyCounters) return d;
        var q = ChargeIncrements.FromCounters(d.ChargeCapacity, d.DischargeCapacity);
        var e = ChargeIncrements.FromCounters(d.ChargeEnergy, d.DischargeEnergy);
        double sq = 0, se = 0, svq = 0;
        for (int i = 0; i < d.Count; i++)
        {
            double dq = q.At(1, i) + q.At(-1, i);
            sq += dq;
            se += e.At(1, i) + e.At(-1, i);
            svq += Math.Abs(d.Voltage[i]) * dq;
        }
        if (!(sq > 0 && se > 0)) return d;
        double column = svq / sq, counters = se / sq, ratio = column / counters;
        if (ratio is < 300 or > 3000) return d;
        notes.Add($"the voltage column holds millivolts: its mean over the charge passed is {column:G5} where the energy and capacity counters give {counters:G4} V; read as mV");
        return d.WithVoltage([.. d.Voltage.Select(v => v * 1e-3)]);
    }
}
