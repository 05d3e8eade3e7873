using System.Globalization;
using Interphase.Reports;
using Interphase.Units;

namespace Interphase.Impedance;

/// <summary>
/// The HTML report of a circuit fit: summary, warnings, parameter table, Nyquist plot (equal axes),
/// Bode plot (|Z| and phase), residuals of the fit and of the Lin-KK test per frequency, and the DRT
/// with its peaks. One self-contained file (<see cref="HtmlReport"/>).
/// </summary>
public static class EisReport
{
    static string G(double v, string format = "G4") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static HtmlReport Build(FitResult fit, LinKkResult kk, DrtResult drt, CellGeometry? geometry = null)
    {
        var s = fit.Spectrum;
        var name = s.Source is null ? "spectrum" : Path.GetFileName(s.Source);
        var report = new HtmlReport($"EIS fit of {name}: {fit.Circuit.Text}");

        var summary = new List<(string, string)>
        {
            ("File", s.Source ?? "(in memory)"),
            ("Format", $"{s.Format}, {s.Count} points, {G(s.FrequenciesHz.Min())}–{G(s.FrequenciesHz.Max())} Hz"),
            ("Circuit", fit.Circuit.Text),
            ("Weighting", fit.Weighting.ToString().ToLowerInvariant()),
            ("Fit", fit.Converged ? $"converged ({fit.Exit}) in {fit.Iterations} iterations from {fit.Starts} starts" : $"NOT converged ({fit.Exit}) after {fit.Iterations} iterations"),
            ("χ²", G(fit.ChiSquare, "G5")),
            ("χ²/ν", $"{G(fit.ReducedChiSquare)} (ν = {fit.DegreesOfFreedom})"),
            ("AIC", G(fit.Aic, "G5")),
            ("Lin-KK", kk.Verdict),
        };
        if (geometry is { ThicknessM: double l, AreaM2: double a, BulkParameter: { } bulk })
        {
            var rb = fit[bulk];
            double sigma = Conductivity.FromResistance(rb.Value, l, a) / Si.SiemensPerCm;
            summary.Add(("Conductivity", $"σ = L/({bulk}·A) = {G(sigma)} ± {G(sigma * rb.StandardError / rb.Value, "G2")} S/cm (L = {G(l * 1e6)} µm, A = {G(a * 1e4)} cm²)"));
        }
        foreach (var n in s.Notes) summary.Add(("Note", n));
        report.AddKeyValueTable(summary);
        foreach (var w in fit.Warnings) report.AddWarning(w);
        if (!kk.Passed) report.AddWarning($"Lin-KK test {kk.Verdict}");

        report.AddHeading("Parameters");
        bool asr = geometry?.AreaM2 is not null;
        var headers = new List<string> { "parameter", "value", "std error", "95 % low", "95 % high", "unit", "note" };
        if (asr) headers.Insert(6, "Ω cm²");
        report.AddTable(headers, fit.Parameters.Select(p =>
        {
            var note = p.Fixed ? "fixed" : string.Join(", ", new[] { p.AtBound ? "at bound" : "", p.Identifiable ? "" : "not identifiable" }.Where(x => x.Length > 0));
            var row = new List<string> { p.Name, G(p.Value, "G5"), p.Fixed ? "" : G(p.StandardError, "G3"), p.Fixed ? "" : G(p.ConfidenceLower), p.Fixed ? "" : G(p.ConfidenceUpper), p.Unit, note };
            if (asr) row.Insert(6, p.Unit == "Ohm" ? G(p.Value * geometry!.AreaM2!.Value / Si.OhmCm2) : "");
            return (IReadOnlyList<string>)row;
        }));

        // A smooth model curve over the measured range (and the model at the data points for the residuals).
        double fMin = s.FrequenciesHz.Min(), fMax = s.FrequenciesHz.Max();
        int dense = Math.Max(200, 20 * (int)Math.Ceiling(Math.Log10(fMax / fMin)));
        var fd = Enumerable.Range(0, dense).Select(i => fMax * Math.Pow(fMin / fMax, i / (double)(dense - 1))).ToArray();
        var zd = fit.FittedCircuit.Evaluate(fd);
        var hover = s.FrequenciesHz.Select(f => $"f = {G(f)} Hz").ToArray();
        var hoverModel = fd.Select(f => $"f = {G(f)} Hz").ToArray();

        report.AddHeading("Nyquist");
        report.AddFigure(new Figure("Nyquist", "Z′ / Ω", "−Z″ / Ω")
        {
            EqualAspect = true,
            Height = 520,
            Traces =
            [
                new Trace("data", s.Impedance.Select(z => z.Real).ToArray(), s.Impedance.Select(z => -z.Imaginary).ToArray()) { Mode = TraceMode.Markers, HoverText = hover },
                new Trace("fit", zd.Select(z => z.Real).ToArray(), zd.Select(z => -z.Imaginary).ToArray()) { HoverText = hoverModel },
            ],
        });

        report.AddHeading("Bode");
        report.AddFigure(new Figure("Bode", "f / Hz", "|Z| / Ω")
        {
            LogX = true,
            LogY = true,
            Y2Title = "phase / °",
            Traces =
            [
                new Trace("|Z| data", s.FrequenciesHz, s.Impedance.Select(z => z.Magnitude).ToArray()) { Mode = TraceMode.Markers, LegendGroup = "mod" },
                new Trace("|Z| fit", fd, zd.Select(z => z.Magnitude).ToArray()) { LegendGroup = "mod" },
                new Trace("phase data", s.FrequenciesHz, s.Impedance.Select(z => z.Phase * 180 / Math.PI).ToArray()) { Mode = TraceMode.Markers, YAxis = 2, LegendGroup = "phase" },
                new Trace("phase fit", fd, zd.Select(z => z.Phase * 180 / Math.PI).ToArray()) { YAxis = 2, LegendGroup = "phase", Dash = LineDash.Dash },
            ],
        });

        report.AddHeading("Residuals");
        report.AddParagraph("Relative residuals (data − model)/|Z| of the circuit fit and of the Lin-KK model, per frequency. " +
                            "Residuals of the fit much larger than those of Lin-KK mean the circuit misses a feature of the data; " +
                            "Lin-KK residuals above the noise mean the data are not Kramers–Kronig consistent.");
        report.AddFigure(new Figure("Residuals", "f / Hz", "residual / %")
        {
            LogX = true,
            Traces =
            [
                new Trace("fit Z′", s.FrequenciesHz, fit.ResidualReal.Select(v => 100 * v).ToArray()) { Mode = TraceMode.LinesAndMarkers },
                new Trace("fit Z″", s.FrequenciesHz, fit.ResidualImag.Select(v => 100 * v).ToArray()) { Mode = TraceMode.LinesAndMarkers },
                new Trace("Lin-KK Z′", s.FrequenciesHz, kk.ResidualReal.Select(v => 100 * v).ToArray()) { Dash = LineDash.Dot },
                new Trace("Lin-KK Z″", s.FrequenciesHz, kk.ResidualImag.Select(v => 100 * v).ToArray()) { Dash = LineDash.Dot },
            ],
        });

        report.AddHeading("Distribution of relaxation times");
        report.AddParagraph($"Tikhonov regularisation with Gaussian basis functions, non-negative, λ = {G(drt.Lambda, "G3")} ({drt.SelectedBy}); " +
                            $"R∞ = {G(drt.RInfinity)} Ω, polarisation resistance {G(drt.PolarizationResistance)} Ω.");
        report.AddFigure(new Figure("DRT", "τ / s", "γ / Ω")
        {
            LogX = true,
            Traces = [new Trace("γ(ln τ)", drt.Tau, drt.Gamma)],
        });
        if (drt.Peaks.Count > 0)
            report.AddTable(["τ / s", "f / Hz", "R / Ω", "note"],
                drt.Peaks.Select(p => (IReadOnlyList<string>)[G(p.TimeConstant), G(p.FrequencyHz), G(p.Resistance), p.AtEdge ? "at the edge of the τ range" : ""]));
        return report;
    }
}
