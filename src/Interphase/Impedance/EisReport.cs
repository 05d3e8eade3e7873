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
    static string G(double v, string format = "G4") => EisFigures.G(v, format);

    public static HtmlReport Build(FitResult fit, LinKkResult kk, DrtResult drt, CellGeometry? geometry = null)
    {
        var s = fit.Spectrum;
        var report = new HtmlReport($"EIS fit of {EisFigures.Name(s)}: {fit.Circuit.Text}");

        var summary = EisFigures.Summary(s);
        summary.AddRange(new List<(string, string)>
        {
            ("Circuit", fit.Circuit.Text),
            ("Weighting", fit.Weighting.ToString().ToLowerInvariant()),
            ("Fit", fit.Converged ? $"converged ({fit.Exit}) in {fit.Iterations} iterations from {fit.Starts} starts" : $"NOT converged ({fit.Exit}) after {fit.Iterations} iterations"),
            ("χ²", G(fit.ChiSquare, "G5")),
            ("χ²/ν", $"{G(fit.ReducedChiSquare)} (ν = {fit.DegreesOfFreedom})"),
            ("AIC", G(fit.Aic, "G5")),
            ("Lin-KK", kk.Verdict),
        });
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
        var (fd, zd) = EisFigures.ModelCurve(fit);
        EisFigures.AddModelAgainstData(report, s, "fit", fd, zd,
            "Relative residuals (data − model)/|Z| of the circuit fit and of the Lin-KK model, per frequency. " +
            "Residuals of the fit much larger than those of Lin-KK mean the circuit misses a feature of the data; " +
            "Lin-KK residuals above the noise mean the data are not Kramers–Kronig consistent.",
            new ResidualSet("fit", fit.ResidualReal, fit.ResidualImag), new ResidualSet("Lin-KK", kk.ResidualReal, kk.ResidualImag, Dotted: true));

        report.AddHeading("Distribution of relaxation times");
        report.AddParagraph(EisFigures.Method(drt));
        report.AddFigure(EisFigures.Distribution(drt));
        if (drt.Peaks.Count > 0 || drt.Tail is not null)
        {
            var (peakHeaders, peakRows) = EisFigures.PeakTable(drt);
            report.AddTable(peakHeaders, peakRows);
        }
        return report;
    }
}
