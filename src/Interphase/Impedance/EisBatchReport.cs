using System.Globalization;
using System.Text;
using Interphase.Reports;

namespace Interphase.Impedance;

/// <summary>One file of an <c>eis fit</c> batch: the fit of each of its spectra, or why the file failed.</summary>
public sealed record EisBatchItem(string File, IReadOnlyList<FitResult>? Fits, string? Error)
{
    public bool Done => Fits is not null;
}

/// <summary>
/// The combined outputs of <c>interphase eis fit FILE FILE… | FOLDER | 'PATTERN'</c> (issue 11, item 3): fits.csv with one
/// row per file and spectrum (the circuit's parameters and their standard errors, χ², converged), a failed file's
/// row carrying its one-line reason; and report.html overlaying the spectra and their fits (Nyquist with equal axes, Bode).
/// </summary>
public static class EisBatchReport
{
    /// <summary>Spectra drawn in the overlay figures; a larger batch is in fits.csv but would make the figures unreadable.</summary>
    public const int MaxOverlaid = 40;

    /// <summary>
    /// fits.csv: file, status, reason, spectrum, then NAME and NAME_se per parameter of the circuit, chi_square,
    /// reduced_chi_square, converged, start (warm: from the previous spectrum's fit, <see cref="EisSeriesFitter"/>; cold: from
    /// the automatic guess).
    /// </summary>
    public static string Csv(IReadOnlyList<EisBatchItem> items, Circuit circuit)
    {
        var names = circuit.Parameters.Select(p => p.Name).ToList();
        var sb = new StringBuilder("file,status,reason,spectrum,");
        foreach (var n in names) sb.Append($"{n},{n}_se,");
        sb.Append("chi_square,reduced_chi_square,converged,start\n");
        string empty = new(',', 2 * names.Count + 3);
        foreach (var it in items)
        {
            var file = CsvText.Escape(Path.GetFileName(it.File));
            if (it.Fits is not { } fits)
            {
                sb.Append($"{file},failed,{CsvText.Escape(it.Error ?? "")},,{empty}\n");
                continue;
            }
            for (int k = 0; k < fits.Count; k++)
            {
                var f = fits[k];
                sb.Append($"{file},done,,{k + 1},");
                foreach (var p in f.Parameters) sb.Append($"{N(p.Value)},{(p.Fixed ? "" : N(p.StandardError))},");
                sb.Append($"{N(f.ChiSquare)},{N(f.ReducedChiSquare)},{(f.Converged ? "true" : "false")},{(f.WarmStart ? "warm" : "cold")}\n");
            }
        }
        return sb.ToString();
    }

    static string N(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>The overlay report: the files and their status, the fitted values per spectrum, then every spectrum and its fit in one Nyquist and one Bode figure.</summary>
    public static HtmlReport Build(IReadOnlyList<EisBatchItem> items, Circuit circuit)
    {
        var rep = new HtmlReport($"EIS fits of {items.Count} files: {circuit.Text}");
        int failed = items.Count(i => !i.Done);
        if (failed > 0) rep.AddWarning($"{failed} of {items.Count} files could not be fitted; their reasons are in the table and in fits.csv.");
        int notConverged = items.Where(i => i.Done).Sum(i => i.Fits!.Count(f => !f.Converged));
        if (notConverged > 0) rep.AddWarning($"{notConverged} fits did not converge (converged = false in fits.csv).");
        int all = items.Where(i => i.Done).Sum(i => i.Fits!.Count), warm = items.Where(i => i.Done).Sum(i => i.Fits!.Count(f => f.WarmStart));
        if (warm > 0)
            rep.AddParagraph($"{warm} of {all} spectra were fitted from the previous spectrum's fit (a warm start, start = warm in fits.csv), the others from the automatic guess; " +
                             "a warm fit is kept only when its χ² passes the series' check, otherwise the spectrum is fitted from the guess as well and the lower χ² is kept.");

        var headers = new List<string> { "file", "spectrum", "status" };
        headers.AddRange(circuit.Parameters.Select(p => $"{p.Name} / {p.Unit}"));
        headers.Add("χ²/ν");
        rep.AddTable(headers, items.SelectMany(i => i.Fits is not { } fits
            ? [(IReadOnlyList<string>)[Path.GetFileName(i.File), "", "failed: " + i.Error, .. circuit.Parameters.Select(_ => ""), ""]]
            : fits.Select((f, k) => (IReadOnlyList<string>)[Path.GetFileName(i.File), (k + 1).ToString(CultureInfo.InvariantCulture), f.Converged ? "converged" : "NOT converged",
                .. f.Parameters.Select(p => p.Fixed ? $"{EisFigures.G(p.Value)} (fixed)" : $"{EisFigures.G(p.Value)} ± {EisFigures.G(p.StandardError, "G2")}"),
                EisFigures.G(f.ReducedChiSquare, "G3")])));

        var fitted = items.Where(i => i.Done).SelectMany(i => i.Fits!.Select((f, k) => (Label: Label(i, k), Fit: f))).ToList();
        if (fitted.Count == 0) return rep;
        if (fitted.Count > MaxOverlaid)
            rep.AddParagraph($"The figures show the first {MaxOverlaid} of {fitted.Count} spectra; all are in fits.csv.");
        var shown = fitted.Take(MaxOverlaid).Select(x => (x.Label, x.Fit, Curve: EisFigures.ModelCurve(x.Fit))).ToList();
        rep.AddHeading("Nyquist");
        rep.AddFigure(new Figure("Nyquist", "Z′ / Ω", "−Z″ / Ω")
        {
            EqualAspect = true,
            Height = 560,
            Traces = [.. shown.SelectMany(x => new[]
            {
                new Trace(x.Label, x.Fit.Spectrum.Impedance.Select(z => z.Real).ToArray(), x.Fit.Spectrum.Impedance.Select(z => -z.Imaginary).ToArray()) { Mode = TraceMode.Markers, LegendGroup = x.Label },
                new Trace($"{x.Label}: fit", x.Curve.Impedance.Select(z => z.Real).ToArray(), x.Curve.Impedance.Select(z => -z.Imaginary).ToArray()) { LegendGroup = x.Label, ShowInLegend = false },
            })],
        });
        rep.AddHeading("Bode");
        rep.AddFigure(new Figure("Bode: |Z| (markers and lines) and phase (dotted)", "f / Hz", "|Z| / Ω")
        {
            LogX = true,
            LogY = true,
            Y2Title = "phase / °",
            Height = 520,
            Traces = [.. shown.SelectMany(x => new[]
            {
                new Trace(x.Label, x.Fit.Spectrum.FrequenciesHz, x.Fit.Spectrum.Impedance.Select(z => z.Magnitude).ToArray()) { Mode = TraceMode.Markers, LegendGroup = x.Label },
                new Trace($"{x.Label}: fit", x.Curve.FrequenciesHz, x.Curve.Impedance.Select(z => z.Magnitude).ToArray()) { LegendGroup = x.Label, ShowInLegend = false },
                new Trace($"{x.Label}: phase fit", x.Curve.FrequenciesHz, x.Curve.Impedance.Select(z => z.Phase * 180 / Math.PI).ToArray()) { YAxis = 2, Dash = LineDash.Dot, LegendGroup = x.Label, ShowInLegend = false },
            })],
        });
        return rep;
    }

    static string Label(EisBatchItem i, int k) => i.Fits!.Count == 1 ? Path.GetFileName(i.File) : $"{Path.GetFileName(i.File)} #{k + 1}";
}
