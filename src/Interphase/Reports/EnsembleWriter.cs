using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.Ensembles;
using Interphase.IO;
using static Interphase.Reports.SimulationWriter;

namespace Interphase.Reports;

/// <summary>Writes an ensemble: ensemble.csv (one row per realisation), summary.json (its <c>ensemble</c> block) and report.html.</summary>
public static class EnsembleWriter
{
    /// <summary>One row per realisation: index, seed, the values drawn (in the distributions' units), the metrics, and why a realisation was refused.</summary>
    public static string TableCsv(EnsembleResult r)
    {
        var header = new List<string> { "realisation", "seed" };
        header.AddRange(r.Quantities.Select(q => q.Column));
        header.AddRange(r.Metrics.Select(m => m.Name));
        header.Add("short_circuit");
        header.Add("refused");
        var csv = new CsvText(header.ToArray());
        foreach (var x in r.Realisations)
        {
            var cells = new List<string> { (x.Index + 1).ToString(CultureInfo.InvariantCulture), x.Seed.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(x.Sampled.Select(CsvText.Format));
            cells.AddRange(x.Metrics.Select(v => v is { } d ? CsvText.Format(d) : ""));
            cells.Add(x.Refused is null ? (x.ShortCircuit ? "1" : "0") : "");
            cells.Add(x.Refused ?? "");
            csv.RawRow(cells);
        }
        return csv.ToString();
    }

    public static string SummaryJson(EnsembleResult r, string? protocolSource = null)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("cell", r.CellName);
            w.WriteString("kind", r.Kind);
            if (protocolSource is not null) w.WriteString("protocol", protocolSource);
            w.WriteStartObject("ensemble");
            w.WriteNumber("n", r.Count);
            w.WriteNumber("seed", r.Seed);
            w.WriteNumber("ran", r.Count - r.Refused);
            w.WriteNumber("refused", r.Refused);
            w.WriteNumber("short_circuits", r.Shorted);
            w.WriteString("quantiles", Band.QuantileDefinition);
            w.WriteString("table", "ensemble.csv");
            w.WriteStartArray("distributions");
            foreach (var q in r.Quantities)
            {
                w.WriteStartObject();
                w.WriteString("quantity", q.Key);
                w.WriteString("distribution", q.Distribution.Text);
                w.WriteString("where", q.Distribution.Where.ToString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("metrics");
            for (int k = 0; k < r.Metrics.Count; k++)
            {
                var b = r.BandOf(k);
                w.WriteStartObject(r.Metrics[k].Name);
                Num(w, "median", b.Median);
                Num(w, "p10", b.P10);
                Num(w, "p90", b.P90);
                w.WriteNumber("defined", b.Defined);
                w.WriteNumber("undefined", b.Undefined);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
            WriteWarnings(w, r.Warnings);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Write all outputs to DIR through the staging folder; nothing appears until all are complete.</summary>
    public static IReadOnlyList<string> Write(EnsembleResult r, string outDir, string? protocolSource = null, Func<EnsembleResult, string>? html = null)
    {
        using var staging = new OutputStaging(outDir);
        staging.WriteText("ensemble.csv", TableCsv(r));
        staging.WriteText("summary.json", SummaryJson(r, protocolSource));
        if (html is not null) staging.WriteText("report.html", html(r));
        return staging.Commit();
    }
}
