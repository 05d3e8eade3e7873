using System.Globalization;
using Interphase.IO;
using Interphase.Sweeps;

namespace Interphase.Reports;

/// <summary>
/// DIR/report.html of a design sweep: the runs done and failed (with the reasons), and each metric
/// against each numeric parameter (one point per run that defines the metric; a parameter swept on a
/// logarithmic scale on a logarithmic axis).
/// </summary>
public static class DesignSweepReport
{
    /// <summary>The metrics drawn, of those the store has, in this order.</summary>
    static readonly string[] Plotted =
    [
        "critical_current_density_mA_cm2", "short_circuit_time_h", "mean_overpotential_mV", "mean_interfacial_overpotential_mV", "dendrite_onset_time_h",
        "first_discharge_capacity_mAh_g", "last_discharge_capacity_mAh_g", "capacity_retention_percent", "first_cycle_coulombic_efficiency_percent",
        "mean_voltage_hysteresis_mV",
    ];

    public static HtmlReport Html(SweepStore store)
    {
        var meta = store.Meta();
        var rep = new HtmlReport($"Design sweep of {meta.GetValueOrDefault("cell_file", "a cell")}");
        var (done, failed) = store.Counts();
        rep.AddParagraph($"{meta.GetValueOrDefault("spec_file")}: {meta.GetValueOrDefault("method")} design of {meta.GetValueOrDefault("points")} points (seed {meta.GetValueOrDefault("seed")}; shard {meta.GetValueOrDefault("shard")}); " +
            $"{done} runs done, {failed} failed. Every run is in results.sqlite (tables runs and cycles).");
        var units = new Dictionary<string, (string Unit, bool Log)>();
        using (var cmd = store.Connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name, unit, scale FROM parameters";
            using var r = cmd.ExecuteReader();
            while (r.Read()) units[r.GetString(0)] = (r.GetString(1), r.GetString(2) == "log");
        }
        var rows = Rows(store, "SELECT * FROM runs WHERE status = 'done' ORDER BY id");
        if (Parallel(store, rows) is { } parallel)
        {
            rep.AddHeading("All runs: parameters and metrics");
            rep.AddParagraph("One line per run that defines every metric shown (metrics that fewer than half the runs define are left out), coloured by the last axis; drag along an axis to select a range.");
            rep.AddFigure(parallel);
        }
        if (PredictionBand(store, rows.Count) is { } band)
        {
            rep.AddHeading("Prediction band");
            rep.AddParagraph("Parameters drawn from distributions propagate to every cycle: the median and 10–90 % band of the runs that completed the cycle" +
                (store.Metrics.Kind == "full" ? "" : " before any short circuit") + " (hover: how many). Quantiles: " + Ensembles.Band.QuantileDefinition + ".");
            rep.AddFigure(band);
        }
        var numeric = store.ParameterColumns.Where(p => rows.Any(r => Number(r[p]) is not null)).ToList();
        var indices = Plotted.Where(store.Metrics.Run.Contains).Select(m => (Metric: m, S: numeric.Select(p =>
        {
            var pairs = rows.Where(r => Number(r[p]) is not null && Number(r[m]) is not null).ToList();
            return Sensitivity.FirstOrder(pairs.Select(r => Number(r[p])!.Value).ToList(), pairs.Select(r => Number(r[m])!.Value).ToList());
        }).ToList())).Where(x => x.S.Any(v => v is not null)).ToList();
        if (indices.Count > 0)
        {
            rep.AddHeading("First-order sensitivity");
            rep.AddParagraph($"The share of each metric's variance that one parameter explains alone, Var(E[metric | parameter]) / Var(metric), " +
                $"estimated from the runs that define the metric (classes of about √n runs; a positive bias of about 1/√n; n/a with fewer than {Sensitivity.MinimumRuns} runs). " +
                "For parameters sampled independently it is the first-order Sobol' index.");
            rep.AddTable(["metric", .. numeric], indices.Select(x => (IReadOnlyList<string>)[x.Metric, .. x.S.Select(v => ReportNumber.Show(v, "F2"))]));
        }
        foreach (var metric in Plotted.Where(store.Metrics.Run.Contains))
        {
            var figures = new List<Figure>();
            foreach (var p in store.ParameterColumns)
            {
                var pts = rows.Where(r => Number(r[p]) is not null && Number(r[metric]) is not null).ToList();
                if (pts.Count == 0) continue;
                var (unit, log) = units.GetValueOrDefault(p, ("", false));
                figures.Add(new Figure(p, unit.Length > 0 ? $"{p} / {unit}" : p, metric)
                {
                    LogX = log,
                    Traces = [new Trace("runs", pts.Select(r => Number(r[p])!.Value).ToList(), pts.Select(r => Number(r[metric])!.Value).ToList())
                    {
                        Mode = TraceMode.Markers, MarkerSize = 7,
                        HoverText = pts.Select(r => $"run {r["id"]}").ToList(),
                    }],
                });
            }
            if (figures.Count == 0) continue;
            rep.AddHeading(metric);
            rep.AddFigureGrid(figures, Math.Min(3, figures.Count));
        }
        var fails = Rows(store, "SELECT id, reason FROM runs WHERE status = 'failed' ORDER BY id LIMIT 50");
        if (fails.Count > 0)
        {
            rep.AddHeading("Failed runs");
            rep.AddTable(["run", "reason"], fails.Select(r => (IReadOnlyList<string>)[Convert.ToString(r["id"], CultureInfo.InvariantCulture)!, r["reason"] as string ?? ""]));
        }
        return rep;
    }

    /// <summary>Rows of a query as name → value (long, double, string or null, as SQLite stored it).</summary>
    public static List<Dictionary<string, object?>> Rows(SweepStore store, string sql, IReadOnlyList<object>? args = null)
    {
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = sql;
        for (int i = 0; i < (args?.Count ?? 0); i++) cmd.Parameters.AddWithValue("$w" + i.ToString(CultureInfo.InvariantCulture), args![i]);
        using var r = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (r.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (int k = 0; k < r.FieldCount; k++)
                row[r.GetName(k)] = r.IsDBNull(k) ? null : r.GetValue(k);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Parallel coordinates: the numeric parameters, then short_circuit and the plotted metrics that at
    /// least half the done runs define, one line per run that defines them all (coloured by the last
    /// axis); null with fewer than two such runs or two axes.
    /// </summary>
    static Figure? Parallel(SweepStore store, List<Dictionary<string, object?>> rows)
    {
        bool Mostly(string c) => rows.Count(r => Number(r[c]) is not null) * 2 >= rows.Count;
        var columns = store.ParameterColumns.Where(p => rows.All(r => Number(r[p]) is not null))
            .Concat(Plotted.Prepend("short_circuit").Where(m => store.Metrics.Run.Contains(m) && Mostly(m)))
            .ToList();
        var shown = rows.Where(r => columns.All(c => Number(r[c]) is not null)).ToList();
        if (columns.Count < 2 || shown.Count < 2) return null;
        return new Figure($"Parallel coordinates ({shown.Count} of {rows.Count} runs)", "", "")
        {
            Height = 480,
            ParallelAxes = columns.Select(c => new ParallelAxis(c, shown.Select(r => Number(r[c])!.Value).ToList())).ToList(),
        };
    }

    /// <summary>The per-cycle band over the runs, when some parameter carries a distribution; else null.</summary>
    static Figure? PredictionBand(SweepStore store, int runs)
    {
        var spreads = Rows(store, "SELECT spread FROM parameters").Select(r => r["spread"] as string).ToList();
        if (!spreads.Any(x => x is "Distribution" or "Joint") || runs < 2) return null;
        bool full = store.Metrics.Kind == "full";
        var (column, label) = full ? ("discharge_capacity_mAh_g", "discharge capacity / mAh g⁻¹") : ("mean_abs_overpotential_mV", "mean |V| / mV");
        var values = Rows(store, $"SELECT c.cycle, c.{SweepStore.Quote(column)} AS v FROM cycles c JOIN runs r ON r.id = c.run_id " +
            "WHERE r.status = 'done' AND c.complete = 1" + (full ? "" : " AND (r.short_circuit_cycle IS NULL OR c.cycle < r.short_circuit_cycle)"))
            .Where(r => Number(r["v"]) is not null)
            .GroupBy(r => (long)r["cycle"]!).ToDictionary(g => g.Key, g => g.Select(r => Number(r["v"])).ToList());
        if (values.Count == 0) return null;
        var bands = Enumerable.Range(1, (int)values.Keys.Max()).Select(c =>
            values.TryGetValue(c, out var v) ? Ensembles.Band.Of(v.Concat(Enumerable.Repeat<double?>(null, runs - v.Count))) : Ensembles.Band.Of(Enumerable.Repeat<double?>(null, runs))).ToList();
        return EnsembleReport.BandFigure(bands, $"{(full ? "Discharge capacity" : "Mean |V|")} per cycle: median and 10–90 % band", label, "runs");
    }

    static double? Number(object? v) => v switch { long l => l, double d => d, _ => null };

    /// <summary>Writes DIR/report.html (staged: it replaces the previous one only once complete).</summary>
    public static string Write(SweepStore store, string dir)
    {
        using var staging = new OutputStaging(dir);
        Html(store).Write(staging);
        return staging.Commit()[0];
    }
}
