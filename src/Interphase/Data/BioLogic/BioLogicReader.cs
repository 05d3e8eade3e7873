using System.Globalization;
using System.Text.RegularExpressions;

namespace Interphase.Data.BioLogic;

/// <summary>
/// Turns a BioLogic file (.mpt or .mpr) into a <see cref="CyclingDataset"/>. Column choice: the
/// voltage is <c>Ecell/V</c>, else <c>Ewe/V</c>, else <c>&lt;Ewe&gt;/V</c>; the current is
/// <c>I/mA</c>, else <c>&lt;I&gt;/mA</c>, else it is derived as EC-Lab does at export, from the charge
/// passed since the previous record (<c>dq/mA.h</c> ÷ Δt). The cycle is EC-Lab's
/// <c>cycle number</c>, else <c>half cycle</c> ÷ 2 (what EC-Lab exports for "Charge/Discharge
/// alternance"). The step is <c>Ns</c>. The capacity counters come from
/// <c>Q charge/discharge/mA.h</c> (positive while charging, negative while discharging; EC-Lab resets
/// it at each half cycle). EC-Lab's sign is the one the dataset uses: positive current oxidises the
/// working electrode.
/// </summary>
public static partial class BioLogicReader
{
    [GeneratedRegex(@"^\s*(Mass of active material|Characteristic mass)\s*:\s*([0-9.,eE+-]+)\s*(mg|g|kg|µg)\s*$")]
    private static partial Regex MassLine();

    [GeneratedRegex(@"^\s*Electrode surface area\s*:\s*([0-9.,eE+-]+)\s*cm")]
    private static partial Regex AreaLine();

    [GeneratedRegex(@"^\s*Acquisition started on\s*:\s*(.+?)\s*$")]
    private static partial Regex StartLine();

    [GeneratedRegex(@"^\s*(Device|Battery capacity|Cycle Definition|Run on channel)\s*:\s*(.+?)\s*$")]
    private static partial Regex InfoLine();

    const string OpenCircuitCurrent = "none: the record is open circuit (the OCV technique passes no current), so the current is 0";

    /// <summary>Which field of a record each dataset quantity comes from (-1 = absent).</summary>
    sealed class Map
    {
        public int Time = -1, Voltage = -1, Current = -1, Dq = -1, Cycle = -1, HalfCycle = -1, Ns = -1, Q = -1,
            EnergyCharge = -1, EnergyDischarge = -1, Mode = -1, Freq = -1, Temperature = -1;
        public string CurrentSource = "";
        public string VoltageSource = "";
        public List<int> Columns = new();

        int Take(IReadOnlyList<string> names, params string[] candidates)
        {
            foreach (var c in candidates)
                for (int i = 0; i < names.Count; i++)
                    if (names[i] == c)
                    {
                        Columns.Add(i);
                        return Columns.Count - 1;
                    }
            return -1;
        }

        /// <param name="openCircuit">The technique passes no current (OCV): a record without a current column has none.</param>
        public static Map For(IReadOnlyList<string> names, string path, bool openCircuit)
        {
            var m = new Map();
            m.Time = m.Take(names, "time/s");
            if (m.Time < 0) throw new InputException("the file has no 'time/s' column: expected a BioLogic cycling record", path);
            foreach (var v in new[] { "Ecell/V", "Ewe/V", "<Ewe>/V", "<Ewe/V>" })
                if ((m.Voltage = m.Take(names, v)) >= 0) { m.VoltageSource = v; break; }
            if (m.Voltage < 0) throw new InputException("the file has no voltage column: expected 'Ewe/V', 'Ecell/V' or '<Ewe>/V'", path);
            foreach (var c in new[] { "I/mA", "<I>/mA" })
                if ((m.Current = m.Take(names, c)) >= 0) { m.CurrentSource = c; break; }
            m.Dq = m.Take(names, "dq/mA.h", "dQ/mA.h");
            if (m.Current < 0 && m.Dq < 0 && openCircuit) m.CurrentSource = OpenCircuitCurrent;
            else if (m.Current < 0)
            {
                if (m.Dq < 0) throw new InputException("the file has neither a current column ('I/mA', '<I>/mA') nor 'dq/mA.h' to derive it from", path);
                m.CurrentSource = "dq/mA.h ÷ Δt";
            }
            m.Cycle = m.Take(names, "cycle number");
            m.HalfCycle = m.Take(names, "half cycle");
            m.Ns = m.Take(names, "Ns");
            m.Q = m.Take(names, "Q charge/discharge/mA.h");
            m.EnergyCharge = m.Take(names, "Energy charge/W.h", "Energy we charge/W.h");
            m.EnergyDischarge = m.Take(names, "Energy discharge/W.h", "Energy we discharge/W.h");
            m.Mode = m.Take(names, "mode");
            m.Freq = m.Take(names, "freq/Hz");
            m.Temperature = m.Take(names, "Temperature/°C");
            // copies whose degree sign was replaced in transit ("Temperature/\uFFFDC", or its UTF-8 bytes read as Latin-1)
            if (m.Temperature < 0 && names.FirstOrDefault(n => n.StartsWith("Temperature/", StringComparison.Ordinal) && n.EndsWith("C", StringComparison.Ordinal) && n.Length <= "Temperature/".Length + 4) is { } tn)
                m.Temperature = m.Take(names, tn);
            return m;
        }
    }

    /// <summary>Reads a BioLogic text export (.mpt) into the unified dataset.</summary>
    public static CyclingDataset ReadMpt(string path)
    {
        using var f = MptFile.Open(path);
        var notes = new List<string>();
        if (f.DecimalComma) notes.Add("decimal commas");
        return FromChunks(f, path, BioLogicTechniques.FromLongName(f.Technique), 0, notes, () =>
        {
            if (f.TimeIsTimestamp) notes.Insert(0, "'time/s' holds date-times (exported as dates): time is their difference from the first record's");
            return MptInfo(f, path, notes);
        });
    }

    /// <summary>Reads a BioLogic binary file (.mpr) into the unified dataset, its columns made at the file's record count.</summary>
    public static CyclingDataset ReadMpr(string path)
    {
        using var f = MprFile.Open(path);
        var notes = new List<string>(f.Notes);
        return FromChunks(f, path, f.Technique, f.RecordCount, notes, MprInfo(f, path, notes));
    }

    static Func<DatasetInfo> MprInfo(MprFile f, string path, List<string> notes) => () => new DatasetInfo
    {
        Format = "BioLogic .mpr",
        Source = path,
        Technique = f.Technique,
        Instrument = "BioLogic EC-Lab",
        Header = new Dictionary<string, string> { ["data module version"] = f.DataVersion.ToString(CultureInfo.InvariantCulture) },
        Notes = notes,
    };

    /// <summary>
    /// The record rules, the same for the .mpr and the .mpt: the chunks of decoded or parsed columns (<see cref="IColumnChunks"/>)
    /// are turned into the dataset's quantities record by record and written straight into its columns (no row
    /// structure, no call per record). <paramref name="expectedRows"/> is the file's record count when it states one
    /// (the columns are then made at their final length), else 0.
    /// </summary>
    static CyclingDataset FromChunks(IColumnChunks f, string path, string? technique, long expectedRows, List<string> notes, Func<DatasetInfo> info)
    {
        var map = Map.For(f.ColumnNames, path, technique == "OCV");
        if (expectedRows > Array.MaxLength) throw new InputException($"the file announces {expectedRows} records: more than a dataset can hold", path);
        var absent = (map.Q < 0 ? Counters.ChargeCapacity | Counters.DischargeCapacity : Counters.None)
            | (map.EnergyCharge < 0 ? Counters.ChargeEnergy : Counters.None) | (map.EnergyDischarge < 0 ? Counters.DischargeEnergy : Counters.None);
        var b = new CyclingDatasetBuilder(expectedRows > 0 ? (int)expectedRows : 4096, absent);
        double t0 = double.NaN, prevT = double.NaN;
        long eisRows = 0;
        f.ReadChunks(map.Columns, (chunk, rows, first) =>
        {
            var T = chunk[map.Time];
            var V = chunk[map.Voltage];
            double[]? I = map.Current >= 0 ? chunk[map.Current] : null, Dq = map.Dq >= 0 ? chunk[map.Dq] : null;
            double[]? C = map.Cycle >= 0 ? chunk[map.Cycle] : null, H = map.HalfCycle >= 0 ? chunk[map.HalfCycle] : null;
            double[]? Ns = map.Ns >= 0 ? chunk[map.Ns] : null, Q = map.Q >= 0 ? chunk[map.Q] : null;
            double[]? Ec = map.EnergyCharge >= 0 ? chunk[map.EnergyCharge] : null, Ed = map.EnergyDischarge >= 0 ? chunk[map.EnergyDischarge] : null;
            double[]? M = map.Mode >= 0 ? chunk[map.Mode] : null, F = map.Freq >= 0 ? chunk[map.Freq] : null;
            double[]? Tc = map.Temperature >= 0 ? chunk[map.Temperature] : null;
            var (at, time, voltage, current, step, cycle, stepIndex, qc, qd, ec, ed, temperature) = b.Reserve(rows);
            for (int r = 0; r < rows; r++, at++)
            {
                double t = T[r];
                if (double.IsNaN(t0)) t0 = t;
                double ts = t - t0;
                double currentMa;
                if (I is not null) currentMa = I[r];
                else if (Dq is null) currentMa = 0; // open circuit
                else
                {
                    double dt = t - prevT;
                    currentMa = dt > 0 ? Dq[r] * 3600.0 / dt : 0.0;
                }
                prevT = t;
                double a = currentMa * 1e-3;
                double v = V[r];
                time[at] = ts;
                voltage[at] = v;
                current[at] = a;
                cycle[at] = C is not null ? (int)C[r] : H is not null ? (int)H[r] / 2 : -1;
                stepIndex[at] = Ns is not null ? (int)Ns[r] : -1;
                if (Q is not null)
                {
                    double q = Q[r] * 3.6; // mA·h → C
                    qc![at] = Math.Max(q, 0);
                    qd![at] = Math.Max(-q, 0);
                }
                if (Ec is not null) ec![at] = Ec[r] * 3600.0;
                if (Ed is not null) ed![at] = Ed[r] * 3600.0;
                if (Tc is not null)
                {
                    if (temperature is not null) temperature[at] = Tc[r];
                    else if (!double.IsNaN(Tc[r])) (temperature = b.StartTemperature(at))[at] = Tc[r];
                }
                bool impedance = F is not null && F[r] > 0;
                if (impedance) eisRows++;
                step[at] = impedance ? StepType.Other
                    : M is not null && (int)M[r] == 3 ? StepType.Rest
                    : a > 0 ? StepType.Charge : a < 0 ? StepType.Discharge : StepType.Rest;
                if (!double.IsFinite(ts) || !double.IsFinite(v) || !double.IsFinite(a))
                {
                    var row = CyclingRow.Empty;
                    row.TimeS = ts;
                    row.Voltage = v;
                    row.Current = a;
                    throw f.RecordError(first + r, row.Invalid()!);
                }
            }
            b.Commit(rows);
        });
        if (b.Count == 0) throw new InputException("the file holds no records", path);
        Notes(map, notes, eisRows, t0);
        return b.Build(info());
    }

    /// <summary>What the reader tells the user about its column choices and the time origin.</summary>
    static void Notes(Map map, List<string> notes, long eisRows, double t0)
    {
        if (map.CurrentSource != "I/mA") notes.Add($"current from '{map.CurrentSource}'");
        if (map.VoltageSource != "Ewe/V") notes.Add($"voltage from '{map.VoltageSource}'");
        if (map.Cycle < 0 && map.HalfCycle >= 0) notes.Add("instrument cycle = half cycle ÷ 2 (EC-Lab's charge/discharge alternance)");
        if (eisRows > 0) notes.Add($"{eisRows} impedance records (freq/Hz > 0) are marked as 'other' steps");
        if (t0 != 0 && double.IsFinite(t0)) notes.Add($"time shifted by {t0.ToString("G6", CultureInfo.InvariantCulture)} s so that the first record is at 0");
    }

    static DatasetInfo MptInfo(MptFile f, string path, List<string> notes)
    {
        double? mass = null, area = null;
        DateTimeOffset? start = null;
        var header = new Dictionary<string, string>();
        var fmt = Text.Numbers.Format(f.DecimalComma);
        foreach (var line in f.HeaderLines)
        {
            if (MassLine().Match(line) is { Success: true } m && Text.Numbers.TryParse(m.Groups[2].Value, fmt, out var mv))
            {
                double kg = m.Groups[3].Value switch { "mg" => mv * 1e-6, "g" => mv * 1e-3, "kg" => mv, _ => mv * 1e-9 };
                mass ??= kg;
            }
            else if (AreaLine().Match(line) is { Success: true } a && Text.Numbers.TryParse(a.Groups[1].Value, fmt, out var av)) area = av * 1e-4;
            else if (StartLine().Match(line) is { Success: true } s)
            {
                header["acquisition started on"] = s.Groups[1].Value;
                if (DateTime.TryParseExact(s.Groups[1].Value, ["MM/dd/yyyy HH:mm:ss.fff", "MM/dd/yyyy HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var dt))
                    start = new DateTimeOffset(dt);
            }
            else if (InfoLine().Match(line) is { Success: true } i) header[i.Groups[1].Value] = i.Groups[2].Value;
        }
        if (f.Loops.Count > 0) header["loops"] = f.Loops.Count.ToString(CultureInfo.InvariantCulture);
        header["header lines"] = f.HeaderLineCount.ToString(CultureInfo.InvariantCulture);
        return new DatasetInfo
        {
            Format = "BioLogic .mpt",
            Source = path,
            Technique = BioLogicTechniques.FromLongName(f.Technique),
            Instrument = header.TryGetValue("Device", out var d) ? d : "BioLogic EC-Lab",
            StartTime = start,
            FileActiveMassKg = mass is > 0 ? mass : null,
            FileAreaM2 = area is > 0 ? area : null,
            Header = header,
            Notes = notes,
        };
    }
}
