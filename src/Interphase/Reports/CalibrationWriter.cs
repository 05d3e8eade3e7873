using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.Calibration;
using Interphase.Data.Analysis;
using Interphase.IO;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>
/// Writes a calibration: the calibrated cell file, fit.csv (target measured, before and after),
/// summary.json (fitted values with standard errors), the fitted simulation's timeseries.csv and
/// cycles.csv (so that `interphase compare` can overlay it on the measurement), and report.html.
/// </summary>
public static class CalibrationWriter
{
    static string F(double v, string fmt = "G4") => double.IsFinite(v) ? v.ToString(fmt, CultureInfo.InvariantCulture) : "—";

    static void Num(Utf8JsonWriter w, string name, double v) => SimulationWriter.Num(w, name, v);

    public static string FitCsv(CalibrationResult r)
    {
        bool cycles = r.Target == CalibrationTarget.Overpotential;
        var csv = new CsvText(cycles ? "cycle" : "time_h", cycles ? "measured_mean_abs_overpotential_mV" : "measured_voltage_V",
            cycles ? "initial_mV" : "initial_V", cycles ? "fitted_mV" : "fitted_V", cycles ? "residual_mV" : "residual_V");
        double k = cycles ? 1e3 : 1;
        for (int i = 0; i < r.Measured.Length; i++)
            csv.Row(cycles ? r.MeasuredX[i] : r.MeasuredX[i] / Si.Hour, r.Measured[i] * k, r.Initial[i] * k, r.Fitted[i] * k, (r.Fitted[i] - r.Measured[i]) * k);
        return csv.ToString();
    }

    public static string SummaryJson(CalibrationResult r, string dataPath, string cellFileName)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("cell", r.Cell.Name);
            w.WriteString("kind", "calibration");
            w.WriteString("data", Path.GetFileName(dataPath));
            w.WriteString("calibrated_cell_file", cellFileName);
            w.WriteString("target", r.Target == CalibrationTarget.Overpotential ? "mean |V| per cycle" : "V(t)");
            w.WriteNumber("points", r.Measured.Length);
            Num(w, "area_cm2", r.Cell.AreaM2 * 1e4);
            Num(w, "initial_rms_residual_mV", r.InitialRmsResidualV * 1e3);
            Num(w, "rms_residual_mV", r.RmsResidualV * 1e3);
            w.WriteNumber("evaluations", r.Evaluations);
            w.WriteBoolean("converged", r.Converged);
            w.WriteString("exit", r.ExitReason);
            w.WriteStartArray("parameters");
            foreach (var p in r.Parameters)
            {
                w.WriteStartObject();
                w.WriteString("path", p.Path);
                w.WriteString("unit", p.Unit);
                Num(w, "initial", p.Initial);
                Num(w, "value", p.Value);
                Num(w, "standard_error", p.StandardError);
                Num(w, "relative_error", p.RelativeError);
                w.WriteBoolean("at_bound", p.AtBound);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("correlation");
            for (int a = 0; a < r.Parameters.Count; a++)
            {
                w.WriteStartArray();
                for (int b = 0; b < r.Parameters.Count; b++)
                    if (double.IsFinite(r.Correlation[a, b])) w.WriteNumberValue(r.Correlation[a, b]); else w.WriteNullValue();
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteString("protocol", r.Protocol.Source);
            w.WriteStartObject("conventions");
            w.WriteString("fit", "parameters varied as ln(value/initial) within ×/÷ 1000 by Nelder–Mead on the mean squared residual; standard errors from the Jacobian at the optimum (central differences, ±1 %): cov = s²(JᵀJ)⁻¹, s² = SSR/(m − n)");
            w.WriteString("overpotential", SimulationWriter.OverpotentialConvention);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static HtmlReport Report(CalibrationResult r, Measurement measured)
    {
        var rep = new HtmlReport($"{r.Cell.Name} calibrated against {Path.GetFileName(measured.File.Path)}");
        rep.AddKeyValueTable(
        [
            ("target", r.Target == CalibrationTarget.Overpotential ? $"mean |V| of {r.Measured.Length} cycles" : $"V(t) at {r.Measured.Length} times"),
            ("RMS residual", $"{F(r.InitialRmsResidualV * 1e3)} mV before, {F(r.RmsResidualV * 1e3)} mV after"),
            ("simulations", r.Evaluations.ToString(CultureInfo.InvariantCulture)),
            ("optimiser", r.ExitReason),
            ("protocol", r.Protocol.Source),
        ]);
        if (!r.Converged) rep.AddWarning(r.ExitReason);
        foreach (var p in r.Parameters.Where(p => p.AtBound))
            rep.AddWarning($"{p.Path} ended at the search bound (×/÷ 1000 of its start): the data do not determine it, or the model cannot reproduce them");
        foreach (var p in r.Parameters.Where(p => p.RelativeError > 0.5))
            rep.AddWarning($"{p.Path} is poorly determined (±{p.RelativeError:P0}): the data hardly constrain it");
        rep.AddTable(["parameter", "initial", "fitted", "standard error (1σ)", "unit"],
            r.Parameters.Select(p => (IReadOnlyList<string>)[p.Path, F(p.Initial, "G6"), F(p.Value, "G6"), $"{F(p.StandardError, "G3")} ({F(p.RelativeError * 100, "G3")} %)", p.Unit]));
        if (r.Parameters.Count > 1)
        {
            rep.AddHeading("Correlation of the fitted parameters", 3);
            rep.AddTable(["", .. r.Parameters.Select(p => p.Path)],
                r.Parameters.Select((p, a) => (IReadOnlyList<string>)[p.Path, .. r.Parameters.Select((_, b) => F(r.Correlation[a, b], "F3"))]));
        }
        if (r.Target == CalibrationTarget.Overpotential)
            rep.AddFigure(new Figure("Mean overpotential per cycle: data and model", "cycle", "mean |V| / mV")
            {
                Traces =
                [
                    new Trace("measured", r.MeasuredX, r.Measured.Select(v => v * 1e3).ToArray()) { Mode = TraceMode.Markers, Color = "#222222" },
                    new Trace("model before fitting", r.MeasuredX, r.Initial.Select(v => v * 1e3).ToArray()) { Color = "#999999", Dash = LineDash.Dash },
                    new Trace("model, fitted", r.MeasuredX, r.Fitted.Select(v => v * 1e3).ToArray()) { Color = "#d62728" },
                ],
            });
        var d = measured.Data!;
        var t = d.TimeS.Select(x => x / Si.Hour).ToArray();
        var st = r.FittedRun.Series.Select(p => p.TimeS / Si.Hour).ToArray();
        rep.AddFigure(new Figure("Voltage: data and fitted model", "time / h", "cell voltage / V")
        {
            Height = 460,
            Traces =
            [
                new Trace("measured", t, d.Voltage) { Color = "#222222" }.Decimated(20000),
                new Trace("model, fitted", st, r.FittedRun.Series.Select(p => p.Voltage).ToArray()) { Color = "#d62728", Dash = LineDash.Dash }.Decimated(20000),
            ],
        });
        rep.AddParagraph(SimulationWriter.OverpotentialConvention + ".");
        return rep;
    }

    public static IReadOnlyList<string> Write(CalibrationResult r, Measurement measured, string outDir, string calibratedCellText, string cellFileName)
    {
        using var staging = new OutputStaging(outDir);
        staging.WriteText(cellFileName, calibratedCellText);
        staging.WriteText("fit.csv", FitCsv(r));
        staging.WriteText("summary.json", SummaryJson(r, measured.File.Path, cellFileName));
        staging.WriteText("timeseries.csv", SimulationWriter.TimeSeriesCsv(r.FittedRun));
        staging.WriteText("cycles.csv", SimulationWriter.CyclesCsv(r.FittedRun));
        Report(r, measured).Write(staging);
        return staging.Commit();
    }
}
