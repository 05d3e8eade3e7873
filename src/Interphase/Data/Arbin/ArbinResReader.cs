using System.Globalization;

namespace Interphase.Data.Arbin;

/// <summary>
/// Arbin MITS Pro's result file (<c>.res</c>): a Jet 4 database (<see cref="JetDatabase"/>), read
/// without a Windows driver. The records are the rows of <c>Channel_Normal_Table</c>: <c>Test_Time</c>
/// (s since the test started, the cumulative clock; <c>Step_Time</c> restarts per step and is not read),
/// <c>Voltage</c> (V), <c>Current</c> (A, positive = charge), <c>Cycle_Index</c>, <c>Step_Index</c>,
/// <c>Charge_Capacity</c>, <c>Discharge_Capacity</c> (Ah) and <c>Charge_Energy</c>,
/// <c>Discharge_Energy</c> (Wh), counters that Arbin resets per cycle. <c>Global_Table</c> gives the test's
/// name, start (<c>Start_DateTime</c>, days since 1899-12-30, the workstation's local time), schedule and
/// the active mass it was told (<c>MASS</c>, g). The first temperature channel of
/// <c>Aux_Global_Data_Table</c> (<c>Data_Type</c> 1) joins the records by <c>Data_Point</c> from
/// <c>Auxiliary_Table</c>. Rows are ordered by <c>Data_Point</c>, as MITS Pro numbers them.
/// </summary>
public static class ArbinResReader
{
    public const string Normal = "Channel_Normal_Table";
    public const string Global = "Global_Table";

    public static bool Sniff(ReadOnlySpan<byte> head) => JetDatabase.Sniff(head);

    /// <summary>Whether a Jet database is an Arbin result file (it has <c>Channel_Normal_Table</c> and <c>Global_Table</c>).</summary>
    public static void Identify(string path)
    {
        using var db = JetDatabase.Open(path);
        Require(db);
    }

    static void Require(JetDatabase db)
    {
        if (!db.Tables.ContainsKey(Normal) || !db.Tables.ContainsKey(Global))
            throw new InputException($"at byte {2 * JetDatabase.PageSize}: this Access (Jet) database has no tables '{Normal}' and '{Global}': expected an Arbin .res file (its tables: {string.Join(", ", db.Tables.Keys.Take(8))})", db.Path);
    }

    public static CyclingDataset Read(string path)
    {
        using var db = JetDatabase.Open(path);
        Require(db);
        var normal = db.Table(Normal)!;
        JetColumn Col(string name) => normal.Column(name)
            ?? throw new InputException($"at byte {(long)normal.DefinitionPage * JetDatabase.PageSize}: table '{Normal}' has no column '{name}'", path);
        var test = Col("Test_ID"); var point = Col("Data_Point"); var time = Col("Test_Time");
        var volt = Col("Voltage"); var curr = Col("Current"); var cyc = Col("Cycle_Index"); var stp = Col("Step_Index");
        var qc = normal.Column("Charge_Capacity"); var qd = normal.Column("Discharge_Capacity");
        var ec = normal.Column("Charge_Energy"); var ed = normal.Column("Discharge_Energy");

        var (info, testIds) = ReadGlobal(db, path);
        var temperature = ReadTemperature(db, path);

        var builder = new CyclingDatasetBuilder(normal.RowCount is > 0 and < int.MaxValue ? (int)normal.RowCount : 4096);
        var points = new List<long>();
        int firstId = int.MinValue;
        var ids = new SortedSet<int>();
        bool ordered = true;
        long last = long.MinValue;
        db.ForEachRow(normal, (p, s, e) =>
        {
            var r = CyclingRow.Empty;
            r.TimeS = db.Number(time, p, s, e);
            r.Voltage = db.Number(volt, p, s, e);
            r.Current = db.Number(curr, p, s, e);
            if (r.Invalid() is { } why) throw new InputException($"at byte {db.Offset(s)}: record {builder.Count + 1} of {Normal}: {why}", path);
            var c = db.Number(cyc, p, s, e); var k = db.Number(stp, p, s, e);
            r.Cycle = double.IsFinite(c) ? (int)c : -1;
            r.StepIndex = double.IsFinite(k) ? (int)k : -1;
            const double Ah = 3600, Wh = 3600;
            if (qc is not null) r.ChargeCapacity = db.Number(qc, p, s, e) * Ah;
            if (qd is not null) r.DischargeCapacity = db.Number(qd, p, s, e) * Ah;
            if (ec is not null) r.ChargeEnergy = db.Number(ec, p, s, e) * Wh;
            if (ed is not null) r.DischargeEnergy = db.Number(ed, p, s, e) * Wh;
            r.Step = r.Current > 0 ? StepType.Charge : r.Current < 0 ? StepType.Discharge : StepType.Rest;
            var dpv = db.Number(point, p, s, e);
            if (!double.IsFinite(dpv)) throw new InputException($"at byte {db.Offset(s)}: record {builder.Count + 1} of {Normal} has no Data_Point", path);
            long dp = (long)dpv;
            var id = db.Number(test, p, s, e);
            int idv = double.IsFinite(id) ? (int)id : -1;
            if (firstId == int.MinValue) firstId = idv;
            if (idv != firstId) ids.Add(idv);
            if (temperature is not null) r.TemperatureC = temperature.TryGetValue(dp, out var tc) ? tc : double.NaN;
            if (dp < last) ordered = false;
            last = dp;
            points.Add(dp);
            builder.Add(r);
        });
        if (builder.Count == 0) throw new InputException($"at byte {(long)normal.DefinitionPage * JetDatabase.PageSize}: table '{Normal}' has no records", path);
        if (ids.Count > 0)
            throw new InputException($"at byte {(long)normal.DefinitionPage * JetDatabase.PageSize}: '{Normal}' holds {ids.Count + 1} tests (Test_ID {firstId}, {string.Join(", ", ids)}); expected one test per file", path);

        var d = builder.Build(info);
        var notes = new List<string>(info.Notes);
        if (!ordered)
        {
            var order = Enumerable.Range(0, d.Count).OrderBy(i => points[i]).ToArray();
            T[] P<T>(T[] a) => order.Select(i => a[i]).ToArray();
            d = new CyclingDataset(info, P(d.TimeS), P(d.Voltage), P(d.Current), P(d.Step), P(d.Cycle), P(d.StepIndex),
                P(d.ChargeCapacity), P(d.DischargeCapacity), P(d.ChargeEnergy), P(d.DischargeEnergy), d.TemperatureC is null ? null : P(d.TemperatureC));
            notes.Add("records re-ordered by Data_Point (the database stores them out of order)");
        }
        double t0 = d.TimeS[0];
        if (t0 != 0)
        {
            for (int i = 0; i < d.Count; i++) d.TimeS[i] -= t0;
            notes.Add($"time shifted by {t0.ToString("G6", CultureInfo.InvariantCulture)} s (Test_Time of the first record) so that the first record is at 0");
        }
        if (temperature is not null) notes.Add("temperature from the first auxiliary temperature channel (Auxiliary_Table, Data_Type 1)");
        return d.WithInfo(info with { Notes = notes });
    }

    static (DatasetInfo Info, int[] TestIds) ReadGlobal(JetDatabase db, string path)
    {
        var g = db.Table(Global)!;
        var header = new Dictionary<string, string>();
        double? massKg = null;
        var ids = new List<int>();
        db.ForEachRow(g, (p, s, e) =>
        {
            if (g.Column("Test_ID") is { } id && db.Number(id, p, s, e) is var v && double.IsFinite(v)) ids.Add((int)v);
            if (ids.Count > 1) return;
            foreach (var name in new[] { "Test_Name", "Schedule_File_Name", "Creator", "Comments", "Software_Version", "Serial_Number", "Item_ID" })
                if (g.Column(name) is { Type: JetType.Text } c && db.Text(c, p, s, e) is { Length: > 0 } text) header[name] = text;
            foreach (var name in new[] { "Channel_Index", "Channel_Number" })
                if (g.Column(name) is { } c && db.Number(c, p, s, e) is var n && double.IsFinite(n)) header[name] = n.ToString(CultureInfo.InvariantCulture);
            if (g.Column("Start_DateTime") is { Type: JetType.Double or JetType.DateTime } sd && db.Number(sd, p, s, e) is var days && double.IsFinite(days) && days > 0 && days < 2958466)
            {
                // Days since 1899-12-30 in the workstation's local time: the zone is not stored, so it is
                // reported as text and not turned into an instant.
                header["Start_DateTime"] = DateTime.FromOADate(days).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " (local time of the workstation)";
            }
            if (g.Column("MASS") is { } m && db.Number(m, p, s, e) is var mg && double.IsFinite(mg) && mg > 0)
                massKg = mg * 1e-3;
        });
        var notes = new List<string>();
        var info = new DatasetInfo
        {
            Format = "Arbin .res", Source = path, Instrument = "Arbin MITS Pro",
            Technique = header.GetValueOrDefault("Schedule_File_Name"),
            FileActiveMassKg = massKg, Header = header, Notes = notes,
        };
        return (info, ids.ToArray());
    }

    /// <summary>Data_Point → °C of the first temperature channel, or null when the file logs none.</summary>
    static Dictionary<long, double>? ReadTemperature(JetDatabase db, string path)
    {
        var ag = db.Table("Aux_Global_Data_Table");
        var aux = db.Table("Auxiliary_Table");
        if (ag is null || aux is null || ag.RowCount == 0 || aux.RowCount == 0) return null;
        if (ag.Column("Auxiliary_Index") is not { } gi || ag.Column("Data_Type") is not { } gt) return null;
        int best = int.MaxValue;
        db.ForEachRow(ag, (p, s, e) =>
        {
            if (db.Number(gt, p, s, e) == 1 && db.Number(gi, p, s, e) is var i && double.IsFinite(i) && i < best) best = (int)i;
        });
        if (best == int.MaxValue) return null;
        if (aux.Column("Data_Point") is not { } dp || aux.Column("Auxiliary_Index") is not { } ai || aux.Column("Data_Type") is not { } at || aux.Column("X") is not { } x)
            throw new InputException($"at byte {(long)aux.DefinitionPage * JetDatabase.PageSize}: table 'Auxiliary_Table' lacks Data_Point, Auxiliary_Index, Data_Type or X", path);
        var map = new Dictionary<long, double>();
        db.ForEachRow(aux, (p, s, e) =>
        {
            if (db.Number(at, p, s, e) == 1 && db.Number(ai, p, s, e) == best)
                map[(long)db.Number(dp, p, s, e)] = db.Number(x, p, s, e);
        });
        return map.Count > 0 ? map : null;
    }
}
