using System.Text;
using System.Text.Json;
using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.IO;

namespace Interphase.Reports;

/// <summary>
/// Writes a Bruce–Vincent analysis (<c>analyze POLARISATION --technique bruce-vincent --eis-before F
/// --eis-after F</c>): summary.json (t+ or null with the reason, and every number that went into it) and
/// report.html (the current of the hold against time with I_0 and I_ss marked, and the numbers).
/// </summary>
public static class BruceVincentWriter
{
    public static IReadOnlyList<string> Write(BruceVincent bv, CyclingDataset polarisation, string[] inputs, string outDir)
    {
        using var staging = new OutputStaging(outDir);
        staging.WriteText("summary.json", Json(bv, inputs));
        Html(bv, polarisation, inputs).Write(staging);
        return staging.Commit();
    }

    public static string Json(BruceVincent bv, string[] inputs)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("technique", "bruce-vincent");
            w.WriteString("method", "t+ = I_ss (dV - I_0 R_0) / (I_0 (dV - I_ss R_ss)) (Evans, Vincent & Bruce, Polymer 28, 2324 (1987)); R_0, R_ss = every R of the circuit but R0, fitted to the first spectrum before and the last after; I_0 = dV/(R_b + R_0) unless the first point is chosen");
            w.WriteStartArray("inputs");
            foreach (var i in inputs) w.WriteStringValue(Path.GetFileName(i));
            w.WriteEndArray();
            SimulationWriter.Num(w, "transference_number", bv.TransferenceNumber);
            if (bv.NotComputedReason is { } r) w.WriteString("not_computed_reason", r); else w.WriteNull("not_computed_reason");
            SimulationWriter.Num(w, "delta_V_mV", bv.DeltaV * 1e3);
            SimulationWriter.Num(w, "initial_current_uA", bv.InitialCurrent * 1e6);
            w.WriteString("initial_current_from", bv.InitialCurrentSource);
            SimulationWriter.Num(w, "first_point_current_uA", bv.FirstPointCurrent * 1e6);
            SimulationWriter.Num(w, "bulk_resistance_before_ohm", bv.BulkResistance);
            w.WriteString("circuit", bv.Circuit);
            SimulationWriter.Num(w, "steady_current_uA", bv.SteadyCurrent * 1e6);
            SimulationWriter.Num(w, "current_ratio_Iss_I0", bv.SteadyCurrent / bv.InitialCurrent);
            SimulationWriter.Num(w, "interface_resistance_before_ohm", bv.InitialInterfaceResistance);
            SimulationWriter.Num(w, "interface_resistance_after_ohm", bv.SteadyInterfaceResistance);
            SimulationWriter.Num(w, "hold_start_h", bv.HoldStartS / 3600);
            SimulationWriter.Num(w, "hold_end_h", bv.HoldEndS / 3600);
            SimulationWriter.Num(w, "first_point_after_s", bv.FirstPointAfterS);
            w.WriteStartArray("warnings");
            foreach (var x in bv.Warnings) w.WriteStringValue(x);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    static HtmlReport Html(BruceVincent bv, CyclingDataset d, string[] inputs)
    {
        var rep = new HtmlReport("Bruce–Vincent transference number");
        rep.AddParagraph(bv.TransferenceNumber is { } t
            ? $"t+ = {ReportNumber.Show(t, "G3")} from a {ReportNumber.Show(bv.DeltaV * 1e3, "G3")} mV hold of {ReportNumber.Show((bv.HoldEndS - bv.HoldStartS) / 3600, "G3")} h ({string.Join(", ", inputs.Select(Path.GetFileName))})."
            : $"t+ could not be computed: {bv.NotComputedReason}");
        foreach (var w in bv.Warnings) rep.AddWarning(w);
        var x = new List<double>(); var y = new List<double>();
        for (int k = 0; k < d.Count; k++)
            if (d.TimeS[k] >= bv.HoldStartS && d.TimeS[k] <= bv.HoldEndS) { x.Add((d.TimeS[k] - bv.HoldStartS) / 3600); y.Add(Math.Abs(d.Current[k]) * 1e6); }
        double end = (bv.HoldEndS - bv.HoldStartS) / 3600;
        rep.AddFigure(new Figure("Current during the hold", "time since the hold began / h", "|I| / µA")
        {
            Traces =
            [
                new Trace("measured current", x, y) { Color = "#1f77b4" },
                new Trace($"I_0 ({bv.InitialCurrentSource})", [0, end], [bv.InitialCurrent * 1e6, bv.InitialCurrent * 1e6]) { Color = "#d62728", Dash = LineDash.Dash },
                new Trace($"I_ss (mean of the last {BruceVincent.SteadyWindow:P0})", [0, end], [bv.SteadyCurrent * 1e6, bv.SteadyCurrent * 1e6]) { Color = "#2ca02c", Dash = LineDash.Dash },
            ],
        });
        rep.AddKeyValueTable([
            ("ΔV", $"{ReportNumber.Show(bv.DeltaV * 1e3, "G4")} mV"),
            ("I_0", $"{ReportNumber.Show(bv.InitialCurrent * 1e6, "G4")} µA ({bv.InitialCurrentSource})"),
            ("first point of the hold", $"{ReportNumber.Show(bv.FirstPointCurrent * 1e6, "G4")} µA, {ReportNumber.Show(bv.FirstPointAfterS, "G3")} s after the previous record"),
            ("R_b (R0 before)", $"{ReportNumber.Show(bv.BulkResistance, "G4")} Ω"),
            ("circuit", bv.Circuit),
            ("I_ss", $"{ReportNumber.Show(bv.SteadyCurrent * 1e6, "G4")} µA"),
            ("R_0 (interfaces before)", $"{ReportNumber.Show(bv.InitialInterfaceResistance, "G4")} Ω"),
            ("R_ss (interfaces after)", $"{ReportNumber.Show(bv.SteadyInterfaceResistance, "G4")} Ω"),
            ("t+", bv.TransferenceNumber is { } tp ? ReportNumber.Show(tp, "G4") : $"n/a ({bv.NotComputedReason})"),
        ]);
        return rep;
    }
}
