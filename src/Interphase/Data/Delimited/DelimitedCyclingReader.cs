using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Interphase.Data.Text;
using Interphase.Units;

namespace Interphase.Data.Delimited;

/// <summary>
/// How an instrument writes its delimited text export: the format's name, lines before the header,
/// and the units of columns whose header does not state one.
/// </summary>
public sealed record DelimitedPreset(string Format, string? Instrument, int TitleLines, IReadOnlyDictionary<CyclingQuantity, string> DefaultUnits)
{
    /// <summary>
    /// Column names (normalised as <c>SplitHeader</c> does) that this instrument uses for a time that
    /// restarts with every step: never the time axis.
    /// </summary>
    public IReadOnlyCollection<string> StepRelativeTime { get; init; } = [];

    /// <summary>
    /// When above 0, the records are the rows whose first <c>RecordIndent</c> fields are empty; the
    /// other rows (Neware's nested export writes a summary row per cycle and per step between them)
    /// are skipped.
    /// </summary>
    public int RecordIndent { get; init; }

    /// <summary>
    /// Column names (normalised as <c>SplitHeader</c> does) that this instrument writes with another
    /// meaning than the generic name suggests (a numeric <c>State</c> or <c>Step Type</c> code): never
    /// recognised by name; a <see cref="ColumnMapping"/> may still name them.
    /// </summary>
    public IReadOnlyCollection<string> IgnoredNames { get; init; } = [];

    static readonly Dictionary<CyclingQuantity, string> SiUnits = new()
    {
        [CyclingQuantity.Time] = "s", [CyclingQuantity.Voltage] = "V", [CyclingQuantity.Current] = "A",
        [CyclingQuantity.ChargeCapacity] = "Ah", [CyclingQuantity.DischargeCapacity] = "Ah", [CyclingQuantity.Capacity] = "Ah",
        [CyclingQuantity.ChargeEnergy] = "Wh", [CyclingQuantity.DischargeEnergy] = "Wh", [CyclingQuantity.Energy] = "Wh",
        [CyclingQuantity.Temperature] = "degC",
    };

    /// <summary>Arbin MITS exports (CSV, or CSV saved from the Excel export): s, A, V, Ah, Wh, °C; DateTime in Unix seconds.</summary>
    public static readonly DelimitedPreset Arbin = new("Arbin CSV", "Arbin", 0, SiUnits);

    /// <summary>
    /// Maccor text exports: title lines, then tab-separated columns in s, A, V, Ah, Wh; State C/D/R/O.
    /// <see cref="MaccorText"/> finds the header line and the time unit of each file.
    /// </summary>
    public static readonly DelimitedPreset Maccor = new("Maccor text", "Maccor", 1, SiUnits);

    /// <summary>
    /// Neware BTS text/CSV exports: mA, V, mAh, mWh unless the header says otherwise. Their "Time"
    /// is the step time; the time axis is "Total Time" / "Cumulative Time", else the "Date"/"Realtime".
    /// </summary>
    public static readonly DelimitedPreset Neware = new("Neware export", "Neware", 0, new Dictionary<CyclingQuantity, string>(SiUnits)
    {
        [CyclingQuantity.Current] = "mA", [CyclingQuantity.ChargeCapacity] = "mAh", [CyclingQuantity.DischargeCapacity] = "mAh",
        [CyclingQuantity.Capacity] = "mAh", [CyclingQuantity.ChargeEnergy] = "mWh", [CyclingQuantity.DischargeEnergy] = "mWh",
        [CyclingQuantity.Energy] = "mWh",
    }) { StepRelativeTime = ["time", "step time"] };

    /// <summary>Any delimited text with a header: units from the header, else s, V, A, Ah, Wh, °C (and a note says so).</summary>
    public static readonly DelimitedPreset Generic = new("CSV", null, 0, SiUnits);

    /// <summary>Interphase's own timeseries.csv (columns mapped explicitly by the caller).</summary>
    public static readonly DelimitedPreset Interphase = new("Interphase timeseries", "Interphase", 0, SiUnits);
}

/// <summary>
/// Reads cycling records from delimited text (CSV, semicolon-, tab- or pipe-separated) with a
/// header row, with CsvHelper's span-based reader: the separator is detected, quoted fields are
/// handled, and numbers are parsed from the field bytes (decimal commas when the separator is not
/// a comma and the first record writes them). Columns are recognised by name (Arbin, Maccor,
/// Neware and common generic names) or given by a <see cref="ColumnMapping"/>; units come from the
/// header ("Current(mA)", "I [mA]", "I/mA"), the mapping, or the preset. A state column
/// (C/D/R, CC_Chg, Discharge, …) sets the current's sign for exports that write it unsigned.
/// </summary>
public static partial class DelimitedCyclingReader
{
    [GeneratedRegex(@"^(?<name>.*?)\s*[\(\[](?<unit>[^\)\]]*)[\)\]]\s*$")]
    private static partial Regex BracketUnit();

    [GeneratedRegex(@"^(?<name>[^/]+)/(?<unit>[^/]+)$")]
    private static partial Regex SlashUnit();

    [GeneratedRegex(@"[\s_.]+")]
    private static partial Regex Blanks();

    static readonly (CyclingQuantity Q, string[] Names)[] Candidates =
    [
        (CyclingQuantity.Time, ["test time", "testtime", "total time", "cumulative time", "time", "elapsed time", "test", "t", "run time"]),
        (CyclingQuantity.DateTime, ["datetime", "date time", "realtime", "real time", "timestamp", "absolute time", "system time", "dpt time", "date"]),
        (CyclingQuantity.Voltage, ["voltage", "volts", "cell voltage", "ecell", "ewe", "potential", "e", "u", "v"]),
        (CyclingQuantity.Current, ["current", "amps", "i", "<i>"]),
        (CyclingQuantity.CurrentDensity, ["current density", "j"]),
        (CyclingQuantity.Cycle, ["cycle index", "cycle", "cyc#", "cycle number", "cycle id", "cycle no"]),
        (CyclingQuantity.Step, ["step index", "step", "step id", "step no", "ns"]),
        (CyclingQuantity.State, ["state", "status", "step type", "md"]),
        (CyclingQuantity.ChargeCapacity, ["charge capacity", "chg cap", "chg capacity", "q charge", "charge cap", "chgcap"]),
        (CyclingQuantity.DischargeCapacity, ["discharge capacity", "dchg cap", "dchg capacity", "q discharge", "discharge cap", "dchgcap"]),
        (CyclingQuantity.Capacity, ["capacity", "amp-hr", "amp hr", "cap"]),
        (CyclingQuantity.ChargeEnergy, ["charge energy", "chg energy", "chgenergy"]),
        (CyclingQuantity.DischargeEnergy, ["discharge energy", "dchg energy", "dchgenergy"]),
        (CyclingQuantity.Energy, ["energy", "watt-hr", "watt hr", "ener"]),
        (CyclingQuantity.Temperature, ["temperature", "aux temperature", "t1", "temp"]),
    ];

    static readonly CyclingQuantity[] Counted = [CyclingQuantity.Cycle, CyclingQuantity.Step, CyclingQuantity.State];

    sealed record Column(int Index, string Header, double Factor, double Offset, string? Unit);

    /// <summary>A header name split into its normalised name and its unit.</summary>
    static (string Name, string? Unit) SplitHeader(string header)
    {
        var h = header.Trim().Trim('"');
        string? unit = null;
        var m = BracketUnit().Match(h);
        if (m.Success) { h = m.Groups["name"].Value; unit = m.Groups["unit"].Value.Trim(); }
        else if (SlashUnit().Match(h) is { Success: true } s && LooksLikeUnit(s.Groups["unit"].Value))
        {
            h = s.Groups["name"].Value;
            unit = s.Groups["unit"].Value.Trim();
        }
        else if (h.LastIndexOf('_') is int u and > 0 && u < h.Length - 1 && LooksLikeUnit(h[(u + 1)..]) && h[(u + 1)..] is not ("index" or "time"))
        {
            // snake_case with the unit last: time_s, voltage_V, current_mA
            unit = h[(u + 1)..];
            h = h[..u];
        }
        return (Blanks().Replace(h.ToLowerInvariant(), " ").Trim(), unit is { Length: > 0 } ? unit : null);
    }

    static bool LooksLikeUnit(string u)
    {
        try { UnitParser.Parse(NormaliseUnit(u)); return true; }
        catch (InputException) { return false; }
    }

    /// <summary>Instrument spellings to the project's unit grammar: A.h → Ah, Sec → s, °C → degC.</summary>
    static string NormaliseUnit(string u)
    {
        var t = u.Trim().Replace(".h", "h").Replace("·h", "h").Replace("A-h", "Ah").Replace("W-h", "Wh");
        return t.ToLowerInvariant() switch
        {
            "sec" or "secs" => "s",
            "hrs" => "h",
            "c" or "°c" or "deg c" or "degc" => "degC",
            "mah" => "mAh",
            "ah" => "Ah",
            "wh" => "Wh",
            "mwh" => "mWh",
            "ma" => "mA",
            "mv" => "mV",
            "µa" or "ua" => "uA",
            _ => t,
        };
    }

    static QuantityKind? KindOf(CyclingQuantity q) => q switch
    {
        CyclingQuantity.Time => QuantityKind.Time,
        CyclingQuantity.Voltage => QuantityKind.Voltage,
        CyclingQuantity.Current => QuantityKind.Current,
        CyclingQuantity.CurrentDensity => QuantityKind.CurrentDensity,
        CyclingQuantity.ChargeCapacity or CyclingQuantity.DischargeCapacity or CyclingQuantity.Capacity => QuantityKind.Charge,
        CyclingQuantity.ChargeEnergy or CyclingQuantity.DischargeEnergy or CyclingQuantity.Energy => QuantityKind.Energy,
        CyclingQuantity.Temperature => QuantityKind.Temperature,
        _ => null,
    };

    /// <summary>Reads the whole file into the unified dataset.</summary>
    /// <param name="areaM2">The electrode area, needed only when the file gives a current density instead of a current.</param>
    public static CyclingDataset Read(string path, DelimitedPreset preset, ColumnMapping? mapping = null, double? areaM2 = null) =>
        Read(path, preset, mapping ?? ColumnMapping.None, areaM2, timeFromDate: null);

    /// <param name="timeFromDate">Set when the time column ran backwards (it restarts with each step) and
    /// the file has a date-time column: the note saying so; time is then taken from the date-time.</param>
    static CyclingDataset Read(string path, DelimitedPreset preset, ColumnMapping mapping, double? areaM2, string? timeFromDate)
    {
        using var stream = DataFile.OpenRead(path);
        var title = new List<string>();
        for (int k = 0; k < preset.TitleLines; k++)
        {
            var line = ReadRawLine(stream);
            if (line is null) throw new InputException($"the file ends within its first {preset.TitleLines} line(s): expected a title line and a header ({preset.Format})", path, k + 1);
            title.Add(line);
        }
        var head = new byte[4096];
        long start = stream.Position;
        int got = stream.Read(head);
        stream.Position = start;
        var encoding = System.Text.Unicode.Utf8.IsValid(TrimToLastLine(head.AsSpan(0, got))) ? null : Encoding.Latin1;
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            // not trimmed by the reader: every field is trimmed where it is used (Numbers.Trim: blanks, tabs and quotes,
            // which the numbers, states and times pass through), and CsvHelper's trimming took a slower path for every
            // field (about a sixth of the Arbin CSV reader's time); the header names are trimmed below
            TrimWhitespace = false,
            SkipEmptyLines = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            Encoding = encoding,
        };
        CsvReader csv;
        IReadOnlyList<string> headers;
        try
        {
            csv = CsvReader.Create(stream, options, leaveOpen: true);
            headers = csv.Headers.Select(h => h.Trim(' ', '\t')).ToList();
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"cannot read the header: {e.Message}", path, preset.TitleLines + 1);
        }
        using var _ = csv;
        int lineOffset = preset.TitleLines;
        if (headers.Count < 2)
            throw new InputException($"line {lineOffset + 1} should be a header naming the columns (time, voltage, current …), found {headers.Count} column(s); is this a {preset.Format} file?", path, lineOffset + 1);

        var notes = new List<string>();
        if (timeFromDate is not null) notes.Add(timeFromDate);
        var cols = Resolve(headers, preset, mapping, path, lineOffset + 1, notes);
        if (!cols.ContainsKey(CyclingQuantity.Time) && !cols.ContainsKey(CyclingQuantity.DateTime))
            throw Missing(path, lineOffset + 1, "time", headers);
        if (!cols.ContainsKey(CyclingQuantity.Voltage)) throw Missing(path, lineOffset + 1, "voltage", headers);
        Column? densityCol = null;
        if (!cols.ContainsKey(CyclingQuantity.Current))
        {
            if (!cols.TryGetValue(CyclingQuantity.CurrentDensity, out densityCol)) throw Missing(path, lineOffset + 1, "current", headers);
            if (areaM2 is not > 0)
                throw new InputException($"the file gives a current density ('{densityCol.Header}') but no current: give the electrode area (--area 0.785 cm2)", path, lineOffset + 1);
            notes.Add($"current = '{densityCol.Header}' × {areaM2 * 1e4:G4} cm²");
        }

        var b = new CyclingDatasetBuilder(EstimatedRows(head.AsSpan(0, got), stream.Length - start));
        var fmt = NumberFormatInfo.InvariantInfo;
        bool decided = false;
        double t0 = double.NaN;
        // the header's columns up to its last name (a separator after the last name adds an empty one)
        int named = headers.Count;
        while (named > 2 && headers[named - 1].Length == 0) named--;
        int flipped = 0;
        bool decimalComma = false;
        cols.TryGetValue(CyclingQuantity.Time, out var timeCol);
        cols.TryGetValue(CyclingQuantity.DateTime, out var dateCol);
        if (timeFromDate is not null) timeCol = null;
        double tPrevious = double.NegativeInfinity;
        string? backwards = null;
        // the columns looked up once, not per record
        var voltageCol = cols[CyclingQuantity.Voltage];
        var currentCol = densityCol is null ? cols[CyclingQuantity.Current] : null;
        var cycleCol = cols.GetValueOrDefault(CyclingQuantity.Cycle);
        var stepCol = cols.GetValueOrDefault(CyclingQuantity.Step);
        var stateCol = cols.GetValueOrDefault(CyclingQuantity.State);
        var qcCol = cols.GetValueOrDefault(CyclingQuantity.ChargeCapacity);
        var qdCol = cols.GetValueOrDefault(CyclingQuantity.DischargeCapacity);
        var ecCol = cols.GetValueOrDefault(CyclingQuantity.ChargeEnergy);
        var edCol = cols.GetValueOrDefault(CyclingQuantity.DischargeEnergy);
        var capacityCol = qcCol is null ? cols.GetValueOrDefault(CyclingQuantity.Capacity) : null;
        var energyCol = ecCol is null ? cols.GetValueOrDefault(CyclingQuantity.Energy) : null;
        var temperatureCol = cols.GetValueOrDefault(CyclingQuantity.Temperature);
        try
        {
            while (csv.Read())
            {
                int line = (int)csv.LineNumber + lineOffset;
                if (preset.RecordIndent > 0 && !Indented(csv, preset.RecordIndent)) continue;
                // a row of another width would be read shifted (a decimal comma splits a number in a comma-separated file)
                if (csv.FieldCount != headers.Count && !FitsHeader(csv, headers.Count, named))
                    throw new InputException(FieldCount.Mismatch(csv.FieldCount, named, "the header has", csv.Separator), path, line);
                if (!decided)
                {
                    // decided by the first record that writes a decimal point or comma (whole numbers read the same either way)
                    var comma = csv.Separator == ',' ? false : DecimalComma(csv, cols.Values);
                    decided = comma is not null;
                    decimalComma = comma == true;
                    fmt = Numbers.Format(decimalComma);
                    if (decimalComma) notes.Add("decimal commas");
                }
                var r = CyclingRow.Empty;
                double t = timeCol is not null ? Time(csv, timeCol, fmt, path, line) : DateSeconds(csv, dateCol!, fmt, path, line);
                if (t < tPrevious)
                {
                    // a time that restarts (a step time) would make every duration and integral wrong
                    var from = $"'{(timeCol ?? dateCol)!.Header}' runs backwards at line {line} (from {tPrevious - t0:0.###} s to {t - t0:0.###} s after the first record)";
                    if (timeCol is null || dateCol is null)
                        throw new InputException($"{from}: expected a cumulative time (test time, total time); name it with --column time=COLUMN[UNIT]", path, line);
                    backwards = $"{from}: it restarts with each step, so time is taken from '{dateCol.Header}'";
                    break;
                }
                tPrevious = t;
                if (double.IsNaN(t0)) t0 = t;
                r.TimeS = t - t0;
                r.Voltage = Number(csv, voltageCol, fmt, path, line, required: true);
                r.Current = densityCol is null
                    ? Number(csv, currentCol!, fmt, path, line, required: true)
                    : Number(csv, densityCol, fmt, path, line, required: true) * areaM2!.Value;
                if (cycleCol is not null) r.Cycle = (int)Number(csv, cycleCol, fmt, path, line, required: true);
                if (stepCol is not null) r.StepIndex = (int)Number(csv, stepCol, fmt, path, line, required: true);
                StepType? state = stateCol is not null ? ParseState(csv.GetSpan(stateCol.Index)) : null;
                if (state == StepType.Charge && r.Current < 0 || state == StepType.Discharge && r.Current > 0)
                {
                    r.Current = -r.Current;
                    flipped++;
                }
                r.Step = state is StepType.Rest or StepType.Other ? state.Value
                    : r.Current > 0 ? StepType.Charge : r.Current < 0 ? StepType.Discharge : StepType.Rest;
                if (qcCol is not null) r.ChargeCapacity = Number(csv, qcCol, fmt, path, line);
                if (qdCol is not null) r.DischargeCapacity = Math.Abs(Number(csv, qdCol, fmt, path, line));
                if (ecCol is not null) r.ChargeEnergy = Number(csv, ecCol, fmt, path, line);
                if (edCol is not null) r.DischargeEnergy = Math.Abs(Number(csv, edCol, fmt, path, line));
                if (capacityCol is not null) Split(Number(csv, capacityCol, fmt, path, line), r.Step, out r.ChargeCapacity, out r.DischargeCapacity);
                if (energyCol is not null) Split(Number(csv, energyCol, fmt, path, line), r.Step, out r.ChargeEnergy, out r.DischargeEnergy);
                if (temperatureCol is not null) r.TemperatureC = Number(csv, temperatureCol, fmt, path, line) - Si.ZeroCelsius;
                if (r.Invalid() is { } why) throw new InputException(why, path, line);
                b.Add(r);
            }
        }
        catch (CsvFormatException e)
        {
            throw new InputException($"malformed record: {e.Message}", path, e.LineNumber > 0 ? (int)e.LineNumber + lineOffset : 0);
        }
        if (backwards is not null) return Read(path, preset, mapping, areaM2, backwards);
        if (b.Count == 0) throw new InputException($"the file has a header but no records ({preset.Format})", path, lineOffset + 1);
        if (flipped > 0) notes.Add($"{flipped} records with unsigned current took the sign of their state column");
        if (t0 != 0 && double.IsFinite(t0) && timeCol is not null) notes.Add($"time shifted by {t0.ToString("G6", CultureInfo.InvariantCulture)} s so that the first record is at 0");
        var header = new Dictionary<string, string>();
        if (title.Count > 0) header["title"] = title[0].Trim();
        header["columns"] = headers.Count.ToString(CultureInfo.InvariantCulture);
        return b.Build(new DatasetInfo
        {
            Format = preset.Format,
            Source = path,
            Instrument = preset.Instrument,
            Header = header,
            Notes = notes,
        });
    }

    /// <summary>
    /// The number of records to make room for: the bytes after the title lines over the mean length of the lines in
    /// <paramref name="sample"/> (the header and the first records), with 5 % to spare, so that the columns rarely
    /// grow (which would hold them twice while they are copied).
    /// </summary>
    static int EstimatedRows(ReadOnlySpan<byte> sample, long bytes)
    {
        int lines = sample.Count((byte)'\n');
        if (lines < 2 || bytes <= sample.Length) return 4096;
        double perLine = (double)sample.Length / lines;
        return (int)Math.Clamp(bytes / perLine * 1.05 + 64, 4096, Array.MaxLength / 2);
    }

    static bool Indented(CsvReader csv, int fields)
    {
        if (csv.FieldCount <= fields) return false;
        for (int k = 0; k < fields; k++)
            if (Numbers.Trim(csv.GetSpan(k)).Length > 0) return false;
        return true;
    }

    static ReadOnlySpan<byte> TrimToLastLine(ReadOnlySpan<byte> s)
    {
        int k = s.LastIndexOf((byte)'\n');
        return k > 0 ? s[..k] : s;
    }

    static InputException Missing(string path, int line, string what, IReadOnlyList<string> headers) =>
        new($"no {what} column recognised among {string.Join(", ", headers.Take(12).Select(h => $"'{h}'"))}{(headers.Count > 12 ? ", …" : "")}; name it with --column {what}=COLUMN[UNIT]", path, line);

    static Dictionary<CyclingQuantity, Column> Resolve(IReadOnlyList<string> headers, DelimitedPreset preset, ColumnMapping mapping, string path, int line, List<string> notes)
    {
        var split = headers.Select(SplitHeader).ToArray();
        var result = new Dictionary<CyclingQuantity, Column>();
        var taken = new HashSet<int>();

        Column Make(CyclingQuantity q, int index, string? unit, bool fromUser)
        {
            var kind = KindOf(q);
            if (kind is null) return new Column(index, headers[index], 1, 0, null);
            string? u = unit ?? split[index].Unit;
            bool assumed = false;
            if (u is null && preset.DefaultUnits.TryGetValue(q, out var def)) { u = def; assumed = preset == DelimitedPreset.Generic; }
            u = NormaliseUnit(u ?? "");
            double factor, offset;
            try
            {
                var parsed = UnitParser.Parse(u);
                if (parsed.Dimension != kind.Dimension) throw new InputException($"'{u}' is not a unit of {kind.Name}");
                factor = parsed.Factor;
                offset = parsed.Offset;
            }
            catch (InputException e)
            {
                throw new InputException($"column '{headers[index]}' ({q.ToString().ToLowerInvariant()}): {e.Message}{(fromUser ? "" : "; give the unit with --column " + q.ToString().ToLowerInvariant() + "=COLUMN[UNIT]")}", path, line);
            }
            if (assumed) notes.Add($"'{headers[index]}' has no unit in its header: read as {u}");
            return new Column(index, headers[index], factor, offset, u);
        }

        foreach (var (q, (name, givenUnit)) in mapping.Columns)
        {
            var unit = givenUnit;
            int idx = -1;
            for (int i = 0; i < headers.Count; i++)
                if (string.Equals(headers[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) { idx = i; break; }
            if (idx < 0 && unit is not null)
                for (int i = 0; i < headers.Count; i++)
                    if (string.Equals(headers[i].Trim(), $"{name}[{unit}]", StringComparison.OrdinalIgnoreCase)) { idx = i; unit = null; break; }
            if (idx < 0)
                throw new InputException($"--column {q.ToString().ToLowerInvariant()}={name}: the header has no column '{name}' (it has {string.Join(", ", headers.Take(12).Select(h => $"'{h}'"))})", path, line);
            result[q] = Make(q, idx, unit, fromUser: true);
            taken.Add(idx);
        }
        foreach (var (q, names) in Candidates)
        {
            if (result.ContainsKey(q)) continue;
            foreach (var n in names)
            {
                int idx = -1;
                for (int i = 0; i < split.Length; i++)
                {
                    if (taken.Contains(i) || split[i].Name != n || preset.IgnoredNames.Contains(n)) continue;
                    if (q == CyclingQuantity.Time && preset.StepRelativeTime.Contains(n)) continue;
                    // counters carry no unit: "Step (Sec)" is a step time, not the step number
                    if (Counted.Contains(q) && split[i].Unit is not null) continue;
                    if (KindOf(q) is { } kind && split[i].Unit is { } u && !IsUnitOf(u, kind)) continue;
                    idx = i;
                    break;
                }
                if (idx < 0) continue;
                result[q] = Make(q, idx, null, fromUser: false);
                taken.Add(idx);
                break;
            }
        }
        return result;
    }

    static bool IsUnitOf(string unit, QuantityKind kind)
    {
        try { return UnitParser.Parse(NormaliseUnit(unit)).Dimension == kind.Dimension; }
        catch (InputException) { return false; }
    }

    /// <summary>
    /// Whether the record's numbers write decimal commas: false when a field of <paramref name="cols"/> holds a point
    /// (not in a time of day), true when one holds a comma, null when none holds either (whole numbers: undecided).
    /// </summary>
    static bool? DecimalComma(CsvReader csv, IEnumerable<Column> cols)
    {
        bool? comma = null;
        foreach (var c in cols)
        {
            var f = csv.GetSpan(c.Index);
            if (f.IndexOf((byte)'.') >= 0 && f.IndexOf((byte)':') < 0) return false;
            if (f.IndexOf((byte)',') >= 0) comma = true;
        }
        return comma;
    }

    /// <summary>
    /// A record whose field count is not the header's still fits it when it has every named column
    /// (<paramref name="named"/>) and its fields beyond the header's <paramref name="headerCount"/> are empty: a
    /// separator that ends the row, or one that ends the header.
    /// </summary>
    static bool FitsHeader(CsvReader csv, int headerCount, int named)
    {
        if (csv.FieldCount < named) return false;
        for (int k = headerCount; k < csv.FieldCount; k++)
            if (Numbers.Trim(csv.GetSpan(k)).Length > 0) return false;
        return true;
    }

    static double Number(CsvReader csv, Column c, NumberFormatInfo fmt, string path, int line, bool required = false)
    {
        var f = csv.GetSpan(c.Index);
        if (Numbers.TryParse(f, fmt, out var v)) return v * c.Factor + c.Offset;
        var text = Numbers.Trim(f);
        if (!required && (text.Length == 0 || text.SequenceEqual("N/A"u8) || text.SequenceEqual("-"u8))) return double.NaN;
        throw new InputException($"'{Shorten(text)}' in column '{c.Header}' is not a number", path, line);
    }

    static string Shorten(ReadOnlySpan<byte> s)
    {
        var t = LineReader.Decode(s);
        return t.Length > 40 ? t[..40] + "…" : t;
    }

    /// <summary>Elapsed time: a number in the column's unit, or a duration "[d.]hh:mm:ss[.fff]" / "1d 02:03:04".</summary>
    static double Time(CsvReader csv, Column c, NumberFormatInfo fmt, string path, int line)
    {
        var f = Numbers.Trim(csv.GetSpan(c.Index));
        // a number never holds ':', so a field with one goes straight to the duration (plain hh:mm:ss without text)
        if (f.IndexOf((byte)':') >= 0)
        {
            if (TryPlainDuration(f, out var plain) || TryDuration(LineReader.Decode(f), out plain)) return plain;
        }
        else if (Numbers.TryParse(f, fmt, out var v)) return v * c.Factor;
        throw new InputException($"'{Shorten(f)}' in column '{c.Header}' is not a time (a number or hh:mm:ss)", path, line);
    }

    /// <summary>
    /// <see cref="TryDuration"/> for the common form, two or three plain numbers joined by ':' ("144:02:18",
    /// "00:01:00.5"), straight from the bytes: each part parsed as <see cref="TryDuration"/> parses it and summed in
    /// the same order, so the value is the same; false for anything else (days, commas, text), which then takes
    /// <see cref="TryDuration"/>.
    /// </summary>
    internal static bool TryPlainDuration(ReadOnlySpan<byte> f, out double seconds)
    {
        seconds = 0;
        int first = f.IndexOf((byte)':');
        // "1.02:03:04" (days before a point) and "1d 02:03:04" take the general path
        if (first < 0 || f[..first].IndexOf((byte)'.') >= 0) return false;
        double total = 0;
        int parts = 0;
        while (true)
        {
            int colon = f.IndexOf((byte)':');
            var part = colon < 0 ? f : f[..colon];
            if (!Numbers.IsPlainNumber(part, (byte)'.') || !double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return false;
            total = total * 60 + x;
            parts++;
            if (colon < 0) break;
            f = f[(colon + 1)..];
        }
        if (parts is < 2 or > 3) return false;
        if (parts == 2) total *= 60; // h:mm
        seconds = 0 * 86400 + total;
        return true;
    }

    internal static bool TryDuration(string s, out double seconds)
    {
        seconds = 0;
        double days = 0;
        s = s.Trim();
        int d = s.IndexOf('d');
        if (d > 0 && double.TryParse(s[..d], NumberStyles.Float, CultureInfo.InvariantCulture, out days)) s = s[(d + 1)..].Trim();
        else if (s.IndexOf('.') is int dot and > 0 && dot < s.IndexOf(':') && double.TryParse(s[..dot], NumberStyles.Integer, CultureInfo.InvariantCulture, out days)) s = s[(dot + 1)..];
        var parts = s.Split(':');
        if (parts.Length is < 2 or > 3) return false;
        double total = 0;
        foreach (var p in parts)
        {
            if (!double.TryParse(p.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return false;
            total = total * 60 + x;
        }
        if (parts.Length == 2) total *= 60; // h:mm
        seconds = days * 86400 + total;
        return true;
    }

    /// <summary>Absolute time as seconds: Unix seconds when numeric, else a date-time text.</summary>
    static double DateSeconds(CsvReader csv, Column c, NumberFormatInfo fmt, string path, int line)
    {
        var f = Numbers.Trim(csv.GetSpan(c.Index));
        if (Numbers.TryParse(f, fmt, out var v)) return v;
        if (TryDate(LineReader.Decode(f), out var s)) return s;
        throw new InputException($"'{Shorten(f)}' in column '{c.Header}' is not a date and time", path, line);
    }

    /// <summary>A date-time text ("2022-05-18 16:27:52", "5/11/2021 3:40:24 PM") as Unix seconds.</summary>
    internal static bool TryDate(string text, out double seconds)
    {
        bool ok = DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dt);
        seconds = ok ? (dt - DateTime.UnixEpoch).TotalSeconds : double.NaN;
        return ok;
    }

    /// <summary>A state or status text: C, D, R, O (Maccor), CC_Chg, CCCV_DChg, Rest (Neware), Charge, Discharge …</summary>
    internal static StepType? ParseState(ReadOnlySpan<byte> field)
    {
        var f = Numbers.Trim(field);
        if (f.Length == 0) return null;
        Span<char> lower = stackalloc char[Math.Min(f.Length, 32)];
        for (int i = 0; i < lower.Length; i++) lower[i] = char.ToLowerInvariant((char)f[i]);
        ReadOnlySpan<char> s = lower;
        if (s.Length == 1)
            return s[0] switch { 'c' => StepType.Charge, 'd' => StepType.Discharge, 'r' or 'o' or 'p' => StepType.Rest, _ => StepType.Other };
        if (s.Contains("dchg", StringComparison.Ordinal) || s.Contains("discharge", StringComparison.Ordinal) || s.StartsWith("dis")) return StepType.Discharge;
        if (s.Contains("chg", StringComparison.Ordinal) || s.Contains("charge", StringComparison.Ordinal)) return StepType.Charge;
        if (s.StartsWith("rest") || s.StartsWith("pause") || s.StartsWith("ocv") || s.StartsWith("open")) return StepType.Rest;
        return StepType.Other;
    }

    /// <summary>One capacity (or energy) column with the state telling which counter it is.</summary>
    static void Split(double value, StepType step, out double charge, out double discharge)
    {
        value = Math.Abs(value);
        charge = step == StepType.Charge ? value : 0;
        discharge = step == StepType.Discharge ? value : 0;
    }

    static string? ReadRawLine(Stream s)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = s.ReadByte()) >= 0)
        {
            if (b == '\n') break;
            if (b != '\r') bytes.Add((byte)b);
            if (bytes.Count > 1 << 20) return null;
        }
        if (b < 0 && bytes.Count == 0) return null;
        return LineReader.Decode(bytes.ToArray());
    }
}
