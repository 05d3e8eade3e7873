using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Interphase.Data.Analysis;
using Interphase.IO;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>
/// One side of a comparison: a result folder written by `simulate`, `analyze` or `calibrate`
/// (timeseries.csv, cycles.csv, summary.json), or a measured file analysed on the spot. Holds
/// what the comparison plots: V(t), and per cycle the overpotential (symmetric cells) or the
/// capacities and coulombic efficiency (full cells).
/// </summary>
public sealed record ResultSet(
    string Label,
    string Kind,               // "symmetric" or "full"
    string Origin,             // "simulation", "measurement", "calibration"
    double[] TimeH,
    double[] VoltageV,
    double[] Cycle,
    double[] MeanOverpotentialMv,
    double[] MaxOverpotentialMv,
    double[] ChargeCapacity,
    double[] DischargeCapacity,
    string CapacityUnit,       // "mAh/g" or "mAh"
    double[] CoulombicEfficiencyPct,
    double? ShortCircuitTimeH,
    int? ShortCircuitCycle,
    double MeanOverpotentialMvBeforeShort)
{
    /// <summary>
    /// Per cycle, whether it is complete (cycles.csv's <c>complete</c>; a measured cycle with no part outside the record);
    /// null when the source does not say. A cycle the run cut short (its discharge 0 or partial) is not a capacity to quote.
    /// </summary>
    public bool[]? Complete { get; init; }

    /// <summary>Whether cycle index <paramref name="i"/> may be quoted as a cycle's value: complete, or not known otherwise.</summary>
    public bool IsComplete(int i) => Complete is not { } c || c[i];

    /// <summary>The complete cycles (<see cref="IsComplete"/>), what summary.json's <c>cycles</c> counts (decision 0080).</summary>
    public int CompleteCycles => Enumerable.Range(0, Cycle.Length).Count(IsComplete);

    /// <summary>Loads a result folder, a timeseries.csv/cycles.csv inside one, or a measured file (analysed with <paramref name="options"/>).</summary>
    public static ResultSet Load(string path, AnalysisOptions? options = null)
    {
        if (Directory.Exists(path)) return FromFolder(path);
        if (!File.Exists(path)) throw new InputException("not found: expected a result folder (timeseries.csv, cycles.csv, summary.json) or a measured file", path);
        var name = Path.GetFileName(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (name is "timeseries.csv" or "cycles.csv" or "timeseries.parquet" or "cycles.parquet" or "summary.json"
            && (File.Exists(Path.Combine(folder, "cycles.csv")) || File.Exists(Path.Combine(folder, "cycles.parquet"))) && File.Exists(Path.Combine(folder, "summary.json")))
            return FromFolder(folder);
        return FromMeasurement(Measurement.Analyze(path, options));
    }

    public static ResultSet FromMeasurement(Measurement m)
    {
        if (m.OpenCircuit is not null)
            throw new InputException("this is an open-circuit record (no current flows): there are no cycles to compare", m.File.Path);
        if (m.Eis is not null)
            throw new InputException("this is an impedance file: compare overlays cycling results (analyze writes each sweep's eis_N.csv to overlay)", m.File.Path);
        var d = m.Data!;
        var label = Path.GetFileName(m.File.Path);
        var t = d.TimeS.Select(x => x / Si.Hour).ToArray();
        if (m.Symmetric is { } s)
            return new ResultSet(label, "symmetric", "measurement", t, d.Voltage,
                s.Cycles.Select(c => (double)c.Cycle).ToArray(),
                s.Cycles.Select(c => c.MeanAbsVoltage * 1e3).ToArray(), s.Cycles.Select(c => c.MaxAbsVoltage * 1e3).ToArray(),
                [], [], "", [], s.Short?.TimeS / Si.Hour, s.Short?.Cycle, s.MeanOverpotential * 1e3);
        var f = m.Full!;
        double scale = f.ActiveMassKg is { } g ? 1 / 3.6 / (g * 1e3) : 1 / 3.6;
        return new ResultSet(label, "full", "measurement", t, d.Voltage,
            f.Cycles.Select(c => (double)c.Cycle).ToArray(), [], [],
            f.Cycles.Select(c => (c.ChargeC ?? double.NaN) * scale).ToArray(), f.Cycles.Select(c => (c.DischargeC ?? double.NaN) * scale).ToArray(),
            f.ActiveMassKg is null ? "mAh" : "mAh/g",
            f.Cycles.Select(c => (c.CoulombicEfficiency ?? double.NaN) * 100).ToArray(), null, null, double.NaN)
        { Complete = [.. f.Cycles.Select(c => c.Complete)] };
    }

    static ResultSet FromFolder(string dir)
    {
        var summaryPath = Path.Combine(dir, "summary.json");
        // a run written with --format parquet has timeseries.parquet and cycles.parquet instead
        var tables = !File.Exists(Path.Combine(dir, "cycles.csv")) && File.Exists(Path.Combine(dir, "cycles.parquet")) ? TableFormat.Parquet : TableFormat.Csv;
        var cyclesPath = Path.Combine(dir, tables.FileName("cycles"));
        var seriesPath = Path.Combine(dir, tables.FileName("timeseries"));
        foreach (var p in new[] { summaryPath, cyclesPath, seriesPath })
            if (!File.Exists(p)) throw new InputException($"the folder has no {Path.GetFileName(p)}: expected the output of interphase simulate, analyze or calibrate", dir);
        JsonElement s;
        try { s = JsonDocument.Parse(File.ReadAllText(summaryPath)).RootElement; }
        catch (JsonException e) { throw new InputException($"summary.json is not valid JSON: {e.Message}", summaryPath); }
        string kind = s.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "symmetric";
        string origin = kind == "calibration" ? "calibration" : s.TryGetProperty("source", out var src) && src.GetString() == "measurement" ? "measurement" : "simulation";
        if (kind == "calibration") kind = "symmetric";
        string label = s.TryGetProperty("cell", out var c) ? $"{c.GetString()} ({origin})" : Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar));
        var series = ReadColumns(seriesPath, "time_h", "voltage_V");
        double? shortH = s.TryGetProperty("short_circuit_time_h", out var sh) && sh.ValueKind == JsonValueKind.Number ? sh.GetDouble() : null;
        int? shortC = s.TryGetProperty("short_circuit_cycle", out var sc) && sc.ValueKind == JsonValueKind.Number ? sc.GetInt32() : null;
        if (kind == "full")
        {
            // simulations and analyses with a mass give mAh/g; an analysis without one gives mAh only
            var cy = ReadColumns(cyclesPath, "cycle", "charge_capacity_mAh_g", "discharge_capacity_mAh_g", "coulombic_efficiency_percent");
            bool[]? complete = TryReadColumn(cyclesPath, "complete") is { } flags ? [.. flags.Select(x => x == 1)] : null;
            if (cy[2].Any(double.IsFinite))
                return new ResultSet(label, "full", origin, series[0], series[1], cy[0], [], [], cy[1], cy[2], "mAh/g", cy[3], shortH, shortC, double.NaN) { Complete = complete };
            var abs = ReadColumns(cyclesPath, "charge_mAh", "discharge_mAh");
            return new ResultSet(label, "full", origin, series[0], series[1], cy[0], [], [], abs[0], abs[1], "mAh", cy[3], shortH, shortC, double.NaN) { Complete = complete };
        }
        var cs = ReadColumns(cyclesPath, "cycle", "mean_abs_overpotential_mV", "max_abs_overpotential_mV");
        double mean = s.TryGetProperty("mean_overpotential_mV", out var mo) && mo.ValueKind == JsonValueKind.Number ? mo.GetDouble() : double.NaN;
        return new ResultSet(label, "symmetric", origin, series[0], series[1], cs[0], cs[1], cs[2], [], [], "", [], shortH, shortC, mean);
    }

    /// <summary>A column of one of Interphase's CSV or Parquet outputs, or null when it has no such column (or it cannot be read).</summary>
    static double[]? TryReadColumn(string path, string name)
    {
        try { return ReadColumns(path, name)[0]; }
        catch (InputException) { return null; }
    }

    /// <summary>Named numeric columns of one of Interphase's CSV or Parquet outputs (empty cells are NaN).</summary>
    internal static double[][] ReadColumns(string path, params string[] names)
    {
        if (path.EndsWith(".parquet", StringComparison.Ordinal)) return ParquetTable.ReadColumns(path, names);
        using var csv = CsvReader.Create(Data.DataFile.OpenRead(path), new CsvReaderOptions { HasHeader = true, Separator = ',', TrackLineNumbers = true });
        var idx = names.Select(n => csv.TryGetFieldIndex(n, out var i) ? i
            : throw new InputException($"no column '{n}' (is this an Interphase output?)", path, 1)).ToArray();
        var cols = names.Select(_ => new List<double>()).ToArray();
        while (csv.Read())
            for (int j = 0; j < idx.Length; j++)
            {
                var f = csv.GetSpan(idx[j]);
                if (f.Length == 0) { cols[j].Add(double.NaN); continue; }
                if (!double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                    throw new InputException($"'{System.Text.Encoding.UTF8.GetString(f)}' in column '{names[j]}' is not a number", path, (int)csv.LineNumber);
                cols[j].Add(v);
            }
        return cols.Select(c => c.ToArray()).ToArray();
    }
}
