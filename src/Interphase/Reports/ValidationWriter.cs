using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.IO;
using Interphase.Validation;

namespace Interphase.Reports;

/// <summary>
/// Writes an <c>interphase validate</c> run: validation.csv and validation.json (one row per entry:
/// id, set, quantity, target, model, unit, tolerance, result and reason; a model value that could not
/// be computed is empty / null with its reason) and report.html (the table, and per mechanism a figure
/// of model against target).
/// </summary>
public static class ValidationWriter
{
    static string F(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : ReportNumber.NotAvailable;

    public static IReadOnlyList<string> Write(IReadOnlyList<ValidationOutcome> outcomes, string outDir, string setFile)
    {
        using var staging = new OutputStaging(outDir);
        staging.WriteText("validation.csv", Csv(outcomes));
        staging.WriteText("validation.json", Json(outcomes, setFile));
        Html(outcomes, setFile).Write(staging);
        return staging.Commit();
    }

    public static string Csv(IReadOnlyList<ValidationOutcome> outcomes)
    {
        var csv = new CsvText("id", "set", "mechanism", "quantity", "target", "model", "unit", "tolerance", "result", "reason", "cell", "assumptions");
        foreach (var o in outcomes)
            csv.RawRow([o.Entry.Id, o.Entry.Set, o.Entry.Mechanism, o.Entry.Quantity, Num(o.Entry.Value), Num(o.Model), o.Entry.Unit ?? "",
                o.Entry.Tolerance.Describe(), o.StatusText, o.Reason, o.Cell, string.Join("; ", o.Assumptions)]);
        return csv.ToString();
    }

    static string Num(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("G9", CultureInfo.InvariantCulture) : "";

    public static string Json(IReadOnlyList<ValidationOutcome> outcomes, string setFile)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("validation_set", Path.GetFileName(setFile));
            w.WriteStartObject("counts");
            w.WriteNumber("pass", outcomes.Count(o => o.Status == ValidationStatus.Pass));
            w.WriteNumber("fail", outcomes.Count(o => o.Status == ValidationStatus.Fail));
            w.WriteNumber("calibration", outcomes.Count(o => o.Status == ValidationStatus.Calibration));
            w.WriteNumber("not_scored", outcomes.Count(o => o.Status == ValidationStatus.NotScored));
            w.WriteEndObject();
            w.WriteStartArray("entries");
            foreach (var o in outcomes)
            {
                w.WriteStartObject();
                w.WriteString("id", o.Entry.Id);
                w.WriteString("set", o.Entry.Set);
                w.WriteString("mechanism", o.Entry.Mechanism);
                w.WriteString("quantity", o.Entry.Quantity);
                Number(w, "target", o.Entry.Value);
                Number(w, "model", o.Model);
                if (o.Entry.Unit is { } u) w.WriteString("unit", u); else w.WriteNull("unit");
                w.WriteString("tolerance_kind", o.Entry.Tolerance.Kind);
                w.WriteString("tolerance", o.Entry.Tolerance.Describe());
                w.WriteString("result", o.StatusText);
                w.WriteString("reason", o.Reason);
                w.WriteString("cell", o.Cell);
                w.WriteStartArray("assumptions");
                foreach (var a in o.Assumptions) w.WriteStringValue(a);
                w.WriteEndArray();
                w.WriteStartArray("warnings");
                foreach (var a in o.Warnings) w.WriteStringValue(a);
                w.WriteEndArray();
                w.WriteString("source", o.Entry.Source);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x); else w.WriteNull(name);
    }

    static string Title(string mechanism) => mechanism switch
    {
        "critical_stripping_current" => "Critical stripping current (voids)",
        "interface_resistance" => "Interface resistance",
        "critical_current_density" => "Critical current density",
        "sand_time" => "Dendrite onset in polymers (Sand's time)",
        "time_to_short" => "Time to short",
        _ => mechanism.Replace('_', ' '),
    };

    public static HtmlReport Html(IReadOnlyList<ValidationOutcome> outcomes, string setFile)
    {
        var rep = new HtmlReport("Validation against the literature set");
        int pass = outcomes.Count(o => o.Status == ValidationStatus.Pass), fail = outcomes.Count(o => o.Status == ValidationStatus.Fail);
        rep.AddParagraph($"{Path.GetFileName(setFile)}: {pass} pass, {fail} fail, {outcomes.Count(o => o.Status == ValidationStatus.Calibration)} calibration (never counted), " +
            $"{outcomes.Count(o => o.Status == ValidationStatus.NotScored)} not scored. Every model value comes from a simulation of the cell the entry describes; " +
            "conditions the source does not give are the base case's and are listed under each entry in validation.csv.");
        foreach (var mech in outcomes.Select(o => o.Entry.Mechanism).Distinct())
        {
            var withModel = outcomes.Where(o => o.Entry.Mechanism == mech && o.Model is { } m && double.IsFinite(m) && o.Entry.Value is { } v && double.IsFinite(v)).ToList();
            if (withModel.Count == 0) continue;
            var unit = withModel[0].Entry.Unit ?? "";
            // logarithmic axes where every value is positive (a model onset at 0 h is drawn on linear axes)
            bool log = withModel.All(o => o.Model > 0 && o.Entry.Value > 0);
            var lo = log ? withModel.Min(o => Math.Min(o.Model!.Value, o.Entry.Value!.Value)) / 2 : Math.Min(0, withModel.Min(o => Math.Min(o.Model!.Value, o.Entry.Value!.Value)));
            var hi = withModel.Max(o => Math.Max(o.Model!.Value, o.Entry.Value!.Value)) * 2;
            var traces = new List<Trace>
            {
                new("model = target", [lo, hi], [lo, hi]) { Color = "#888888", Dash = LineDash.Dash },
                new("×2 band (each entry's tolerance: see the table)", [lo, hi], [2 * lo, 2 * hi]) { Color = "#bbbbbb", Dash = LineDash.Dot, LegendGroup = "f2" },
                new("factor 2 (lower)", [lo, hi], [lo / 2, hi / 2]) { Color = "#bbbbbb", Dash = LineDash.Dot, LegendGroup = "f2", ShowInLegend = false },
            };
            foreach (var (status, color) in new[] { (ValidationStatus.Pass, "#2ca02c"), (ValidationStatus.Fail, "#d62728"), (ValidationStatus.Calibration, "#1f77b4"), (ValidationStatus.NotScored, "#7f7f7f") })
            {
                var g = withModel.Where(o => o.Status == status).ToList();
                if (g.Count == 0) continue;
                traces.Add(new Trace(g[0].StatusText, g.Select(o => o.Entry.Value!.Value).ToList(), g.Select(o => o.Model!.Value).ToList())
                {
                    Mode = TraceMode.Markers, Color = color, MarkerSize = 10, HoverText = g.Select(o => o.Entry.Id).ToList(),
                });
            }
            rep.AddFigure(new Figure($"{Title(mech)}: model against target", $"target / {unit}", $"model / {unit}")
            {
                LogX = log, LogY = log, Traces = traces,
            });
        }
        rep.AddTable(["id", "set", "quantity", "target", "model", "unit", "tolerance", "result", "reason"],
            outcomes.Select(o => (IReadOnlyList<string>)[o.Entry.Id, o.Entry.Set, o.Entry.Quantity, F(o.Entry.Value), F(o.Model), o.Entry.Unit ?? "",
                o.Entry.Tolerance.Describe(), o.StatusText, o.Reason]));
        return rep;
    }
}
