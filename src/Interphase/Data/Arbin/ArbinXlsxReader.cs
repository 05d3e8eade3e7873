using System.Globalization;
using System.IO.Compression;
using ExcelDataReader;
using Interphase.Units;

namespace Interphase.Data.Arbin;

/// <summary>
/// Arbin's Excel export (MITS Pro / DataPro "Export to Excel", <c>.xlsx</c>): a workbook with a <c>Global_Info</c>
/// sheet (test name, channel, start, schedule, creator, software) and the records in sheets named
/// <c>Channel_{n}_{k}</c> (a long test continues in <c>_2</c>, <c>_3</c> …), each with the header
/// <c>Date_Time, Test_Time(s), Step_Time(s), Step_Index, Cycle_Index, Voltage(V), Current(A),
/// Charge_Capacity(Ah), Discharge_Capacity(Ah), Charge_Energy(Wh), Discharge_Energy(Wh), …</c>.
/// The workbook is read with ExcelDataReader, one row at a time (no sheet is held in memory). Recognised by its
/// content: a zip holding <c>xl/workbook.xml</c> whose sheets include <c>Global_Info</c> and a <c>Channel_</c>
/// sheet whose first row names <c>Test_Time</c>, <c>Voltage</c> and <c>Current</c>. The time axis is
/// <c>Test_Time</c>, the test's clock (<c>Step_Time</c> restarts); units come from the headers.
/// </summary>
public static class ArbinXlsxReader
{
    const string Info = "Global_Info";

    // ExcelDataReader's configuration names Windows-1252 as its fallback encoding (for the legacy .xls) even when
    // it reads an .xlsx; .NET provides that code page only once the in-box provider is registered
    static ArbinXlsxReader() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    /// <summary>Whether a zip archive is an Excel workbook (its directory lists xl/workbook.xml).</summary>
    public static bool IsWorkbook(string path)
    {
        using var s = DataFile.OpenRead(path);
        long length = s.Length;
        try
        {
            // leaveOpen: a zip that fails to open disposes its stream otherwise
            using var zip = new ZipArchive(s, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("xl/workbook.xml") is not null;
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"at byte {length}: the zip directory cannot be read (truncated or damaged file?): {e.Message}", path);
        }
    }

    /// <summary>Checks that a workbook is an Arbin export, refusing any other workbook on one line.</summary>
    public static void Identify(string path)
    {
        var sheets = new List<string>();
        string[]? header = null;
        Workbook(path, r =>
        {
            do
            {
                sheets.Add(r.Name ?? "");
                if (header is null && IsChannelSheet(r.Name) && r.Read()) header = Row(r);
            } while (r.NextResult());
        });
        if (!sheets.Contains(Info) || header is null || Index(header, "test_time") < 0 || Index(header, "voltage") < 0 || Index(header, "current") < 0)
            throw new InputException($"an Excel workbook (sheets {string.Join(", ", sheets.Take(6).Select(s => $"'{s}'"))}) that is not an Arbin export " +
                $"(expected a '{Info}' sheet and 'Channel_' sheets headed Test_Time(s), Voltage(V), Current(A)); save the sheet as CSV and read that", path);
    }

    static bool IsChannelSheet(string? name) =>
        name is not null && name.StartsWith("Channel_", StringComparison.Ordinal) && !name.Contains("Chart", StringComparison.Ordinal) && !name.Contains("Statistic", StringComparison.Ordinal);

    /// <summary>Runs <paramref name="body"/> on the workbook's reader; anything the library throws on a damaged file is one line.</summary>
    static void Workbook(string path, Action<IExcelDataReader> body, Func<string>? where = null)
    {
        using var s = DataFile.OpenRead(path);
        try
        {
            using var r = ExcelReaderFactory.CreateOpenXmlReader(s);
            body(r);
        }
        catch (InputException) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ExcelDataReader and the zip and XML readers beneath it throw their own exceptions on damaged files
            throw new InputException($"{where?.Invoke() ?? "the workbook"}: cannot be read (damaged or truncated workbook?): {e.GetType().Name}: {e.Message}", path);
        }
    }

    static string[] Row(IExcelDataReader r)
    {
        var a = new string[r.FieldCount];
        for (int i = 0; i < a.Length; i++) a[i] = Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)?.Trim() ?? "";
        return a;
    }

    /// <summary>The column whose name, before its unit in brackets, is <paramref name="name"/> (case and '_' ignored), or -1.</summary>
    static int Index(string[] header, string name)
    {
        for (int i = 0; i < header.Length; i++)
            if (Split(header[i]).Name == name) return i;
        return -1;
    }

    static (string Name, string? Unit) Split(string h)
    {
        int open = h.IndexOf('(');
        var name = (open > 0 ? h[..open] : h).Trim().ToLowerInvariant().Replace(' ', '_');
        string? unit = open > 0 && h.EndsWith(')') ? h[(open + 1)..^1].Trim() : null;
        return (name, unit);
    }

    sealed record Col(int Index, string Header, double Factor);

    static Col? Column(string[] header, string name, QuantityKind? kind, string defaultUnit, string path, string sheet)
    {
        int i = Index(header, name);
        if (i < 0) return null;
        if (kind is null) return new Col(i, header[i], 1);
        var unit = Split(header[i]).Unit ?? defaultUnit;
        try
        {
            var u = UnitParser.Parse(unit);
            if (u.Dimension != kind.Dimension) throw new InputException($"'{unit}' is not a unit of {kind.Name}");
            return new Col(i, header[i], u.Factor);
        }
        catch (InputException e)
        {
            throw new InputException($"sheet '{sheet}', row 1: column '{header[i]}': {e.Message}", path);
        }
    }

    public static CyclingDataset Read(string path)
    {
        var header = new Dictionary<string, string>();
        var notes = new List<string>();
        var builder = new CyclingDatasetBuilder();
        var sheets = new List<string>();
        double t0 = double.NaN, tPrevious = double.NegativeInfinity;
        string[]? firstHeader = null;
        string at = "the workbook";
        Workbook(path, r =>
        {
            do
            {
                var sheet = r.Name ?? "";
                at = $"sheet '{sheet}'";
                if (sheet == Info) { ReadInfo(r, header); continue; }
                if (!IsChannelSheet(sheet)) continue;
                if (!r.Read()) continue;
                var names = Row(r);
                if (firstHeader is null) firstHeader = names;
                else if (!names.SequenceEqual(firstHeader))
                    throw new InputException($"sheet '{sheet}', row 1: its columns differ from those of sheet '{sheets[0]}' (expected the same header in every Channel_ sheet)", path);
                sheets.Add(sheet);
                var time = Column(names, "test_time", QuantityKind.Time, "s", path, sheet);
                var volt = Column(names, "voltage", QuantityKind.Voltage, "V", path, sheet);
                var curr = Column(names, "current", QuantityKind.Current, "A", path, sheet);
                if (time is null || volt is null || curr is null)
                    throw new InputException($"sheet '{sheet}', row 1: expected columns Test_Time(s), Voltage(V) and Current(A), found {string.Join(", ", names.Take(12).Select(n => $"'{n}'"))}", path);
                var cyc = Column(names, "cycle_index", null, "", path, sheet);
                var stp = Column(names, "step_index", null, "", path, sheet);
                var qc = Column(names, "charge_capacity", QuantityKind.Charge, "Ah", path, sheet);
                var qd = Column(names, "discharge_capacity", QuantityKind.Charge, "Ah", path, sheet);
                var ec = Column(names, "charge_energy", QuantityKind.Energy, "Wh", path, sheet);
                var ed = Column(names, "discharge_energy", QuantityKind.Energy, "Wh", path, sheet);
                int row = 1;
                while (r.Read())
                {
                    row++;
                    at = $"sheet '{sheet}', row {row}";
                    if (Empty(r)) continue;
                    double Get(Col? c, bool required)
                    {
                        if (c is null) return double.NaN;
                        var v = c.Index < r.FieldCount ? r.GetValue(c.Index) : null;
                        double x = v switch
                        {
                            double d => d,
                            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
                            null or "" when !required => double.NaN,
                            _ => throw new InputException($"sheet '{sheet}', row {row}: '{Convert.ToString(v, CultureInfo.InvariantCulture)}' in column '{c.Header}' is not a number", path),
                        };
                        if (required && !double.IsFinite(x)) throw new InputException($"sheet '{sheet}', row {row}: column '{c.Header}' has no value", path);
                        return x * c.Factor;
                    }
                    var rec = CyclingRow.Empty;
                    double t = Get(time, true);
                    if (t < tPrevious)
                        throw new InputException($"sheet '{sheet}', row {row}: '{time.Header}' runs backwards (from {tPrevious.ToString("G9", CultureInfo.InvariantCulture)} to {t.ToString("G9", CultureInfo.InvariantCulture)} s): expected the test's cumulative clock", path);
                    tPrevious = t;
                    if (double.IsNaN(t0)) t0 = t;
                    rec.TimeS = t - t0;
                    rec.Voltage = Get(volt, true);
                    rec.Current = Get(curr, true);
                    var c = Get(cyc, false); var k = Get(stp, false);
                    rec.Cycle = double.IsFinite(c) && Math.Abs(c) < int.MaxValue ? (int)c : -1;
                    rec.StepIndex = double.IsFinite(k) && Math.Abs(k) < int.MaxValue ? (int)k : -1;
                    rec.ChargeCapacity = Get(qc, false);
                    rec.DischargeCapacity = Math.Abs(Get(qd, false));
                    rec.ChargeEnergy = Get(ec, false);
                    rec.DischargeEnergy = Math.Abs(Get(ed, false));
                    rec.Step = rec.Current > 0 ? StepType.Charge : rec.Current < 0 ? StepType.Discharge : StepType.Rest;
                    if (rec.Invalid() is { } why) throw new InputException($"sheet '{sheet}', row {row}: {why}", path);
                    builder.Add(rec);
                }
                at = $"sheet '{sheet}', after row {row}";
            } while (r.NextResult());
        }, () => at);
        if (sheets.Count == 0) throw new InputException("the workbook has no 'Channel_' sheet with records (an Arbin export keeps them in Channel_{n}_{k})", path);
        if (builder.Count == 0) throw new InputException($"sheet '{sheets[0]}' has a header but no records", path);
        if (sheets.Count > 1) notes.Add($"records of {sheets.Count} sheets joined in order: {string.Join(", ", sheets)}");
        if (t0 != 0) notes.Add($"time shifted by {t0.ToString("G6", CultureInfo.InvariantCulture)} s (Test_Time of the first record) so that the first record is at 0");
        return builder.Build(new DatasetInfo
        {
            Format = "Arbin .xlsx", Source = path, Instrument = "Arbin",
            Technique = header.GetValueOrDefault("Schedule File Name"),
            Header = header, Notes = notes,
        });
    }

    static bool Empty(IExcelDataReader r)
    {
        for (int i = 0; i < r.FieldCount; i++)
            if (r.GetValue(i) is not (null or "")) return false;
        return true;
    }

    /// <summary>Global_Info: the test's name (row 2), then a row of names (Channel, Start DateTime, Schedule File Name …) and a row of values.</summary>
    static void ReadInfo(IExcelDataReader r, Dictionary<string, string> header)
    {
        string[]? names = null;
        int row = 0;
        while (r.Read() && row++ < 50)
        {
            var cells = Row(r);
            if (names is not null)
            {
                for (int i = 0; i < names.Length && i < cells.Length; i++)
                {
                    if (names[i].Length == 0) continue;
                    var v = r.GetValue(i);
                    // Start DateTime: the workstation's local time, whose zone the file does not state: reported as text
                    header[names[i]] = v is DateTime dt ? dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (local time of the workstation)" : cells[i];
                }
                return;
            }
            if (cells.Contains("Channel") && cells.Contains("Start DateTime")) names = cells;
            else if (row == 2 && cells.FirstOrDefault(c => c.Length > 0) is { } name) header["Test_Name"] = name;
        }
    }
}
