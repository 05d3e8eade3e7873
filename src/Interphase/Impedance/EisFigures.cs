using System.Globalization;
using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Reports;

namespace Interphase.Impedance;

/// <summary>Relative residuals of one model per frequency, for <see cref="EisFigures.Residuals"/>.</summary>
internal sealed record ResidualSet(string Name, double[] Real, double[] Imag, bool Dotted = false);

/// <summary>
/// The figures the impedance reports share (<see cref="EisReport"/>, <see cref="KkReport"/>, <see cref="DrtReport"/>):
/// Nyquist with equal axes, Bode, residuals per frequency, and the DRT with its band and peaks.
/// </summary>
internal static class EisFigures
{
    const string BandColor = "rgba(0, 114, 178, 0.22)";

    public static string G(double v, string format = "G4") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string G(double? v, string format = "G4") => v is double d ? G(d, format) : "–";

    /// <summary>The file name and format line of the summary tables.</summary>
    public static List<(string, string)> Summary(ImpedanceSpectrum s)
    {
        var rows = new List<(string, string)>
        {
            ("File", s.Source ?? "(in memory)"),
            ("Format", $"{s.Format}, {s.Count} points, {G(s.FrequenciesHz.Min())}–{G(s.FrequenciesHz.Max())} Hz"),
        };
        return rows;
    }

    public static string Name(ImpedanceSpectrum s) => s.Source is null ? "spectrum" : Path.GetFileName(s.Source);

    static string[] Hover(IEnumerable<double> f) => f.Select(x => $"f = {G(x)} Hz").ToArray();

    /// <summary>The fitted model on a dense logarithmic grid over the measured frequency range (at least 20 points a decade).</summary>
    public static (double[] FrequenciesHz, Complex[] Impedance) ModelCurve(FitResult fit)
    {
        var s = fit.Spectrum;
        double fMin = s.FrequenciesHz.Min(), fMax = s.FrequenciesHz.Max();
        int dense = Math.Max(200, 20 * (int)Math.Ceiling(Math.Log10(fMax / fMin)));
        var fd = Enumerable.Range(0, dense).Select(i => fMax * Math.Pow(fMin / fMax, i / (double)(dense - 1))).ToArray();
        return (fd, fit.FittedCircuit.Evaluate(fd));
    }

    public static Figure Nyquist(ImpedanceSpectrum s, string model, IReadOnlyList<double> fModel, IReadOnlyList<Complex> zModel) =>
        new("Nyquist", "Z′ / Ω", "−Z″ / Ω")
        {
            EqualAspect = true,
            Height = 520,
            Traces =
            [
                new Trace("data", s.Impedance.Select(z => z.Real).ToArray(), s.Impedance.Select(z => -z.Imaginary).ToArray()) { Mode = TraceMode.Markers, HoverText = Hover(s.FrequenciesHz) },
                new Trace(model, zModel.Select(z => z.Real).ToArray(), zModel.Select(z => -z.Imaginary).ToArray()) { HoverText = Hover(fModel) },
            ],
        };

    public static Figure Bode(ImpedanceSpectrum s, string model, IReadOnlyList<double> fModel, IReadOnlyList<Complex> zModel) =>
        new("Bode", "f / Hz", "|Z| / Ω")
        {
            LogX = true,
            LogY = true,
            Y2Title = "phase / °",
            Traces =
            [
                new Trace("|Z| data", s.FrequenciesHz, s.Impedance.Select(z => z.Magnitude).ToArray()) { Mode = TraceMode.Markers, LegendGroup = "mod" },
                new Trace($"|Z| {model}", fModel, zModel.Select(z => z.Magnitude).ToArray()) { LegendGroup = "mod" },
                new Trace("phase data", s.FrequenciesHz, s.Impedance.Select(z => z.Phase * 180 / Math.PI).ToArray()) { Mode = TraceMode.Markers, YAxis = 2, LegendGroup = "phase" },
                new Trace($"phase {model}", fModel, zModel.Select(z => z.Phase * 180 / Math.PI).ToArray()) { YAxis = 2, LegendGroup = "phase", Dash = LineDash.Dash },
            ],
        };

    /// <summary>
    /// The model against the data, as every impedance report shows it: Nyquist and Bode of the spectrum with the
    /// model (<paramref name="modelF"/>, <paramref name="modelZ"/>), then the relative residuals with an explanation.
    /// </summary>
    public static void AddModelAgainstData(HtmlReport report, ImpedanceSpectrum s, string name, double[] modelF, Complex[] modelZ,
        string residualNote, params ResidualSet[] residuals)
    {
        report.AddHeading("Nyquist");
        report.AddFigure(Nyquist(s, name, modelF, modelZ));
        report.AddHeading("Bode");
        report.AddFigure(Bode(s, name, modelF, modelZ));
        report.AddHeading("Residuals");
        if (residualNote.Length > 0) report.AddParagraph(residualNote);
        report.AddFigure(Residuals(s, residuals));
    }

    public static Figure Residuals(ImpedanceSpectrum s, params ResidualSet[] sets) =>
        new("Residuals", "f / Hz", "residual / %")
        {
            LogX = true,
            Traces = sets.SelectMany(r => new[]
            {
                Residual(s, $"{r.Name} Z′", r.Real, r.Dotted),
                Residual(s, $"{r.Name} Z″", r.Imag, r.Dotted),
            }).ToArray(),
        };

    static Trace Residual(ImpedanceSpectrum s, string name, double[] values, bool dotted) =>
        new(name, s.FrequenciesHz, values.Select(v => 100 * v).ToArray()) { Mode = dotted ? TraceMode.Lines : TraceMode.LinesAndMarkers, Dash = dotted ? LineDash.Dot : LineDash.Solid };

    /// <summary>γ(ln τ) against τ, with the bootstrap's 95 % band when there is one and a marker on each peak.</summary>
    public static Figure Distribution(DrtResult d)
    {
        var traces = new List<Trace>();
        if (d.GammaLow is { } low && d.GammaHigh is { } high)
        {
            traces.Add(new Trace("2.5 %", d.Tau, low) { Color = BandColor, LineWidth = 0.5, LegendGroup = "band", ShowInLegend = false });
            traces.Add(new Trace($"95 % band ({d.BootstrapSamples} bootstrap replicates)", d.Tau, high) { Color = BandColor, LineWidth = 0.5, LegendGroup = "band", FillToPrevious = true });
        }
        traces.Add(new Trace("γ(ln τ)", d.Tau, d.Gamma));
        if (d.Peaks.Count > 0)
            traces.Add(new Trace("peaks", d.Peaks.Select(p => p.TimeConstant).ToArray(), d.Peaks.Select(p => p.Height).ToArray())
            {
                Mode = TraceMode.Markers,
                MarkerSize = 9,
                HoverText = d.Peaks.Select(p => $"τ = {G(p.TimeConstant)} s, f = {G(p.FrequencyHz)} Hz, R = {G(p.Resistance)} Ω").ToArray(),
            });
        return new Figure("DRT", "τ / s", "γ / Ω") { LogX = true, Traces = traces };
    }

    /// <summary>One row per peak: τ, f and R with their 95 % intervals, and the tail's row when there is one.</summary>
    public static (IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string>> Rows) PeakTable(DrtResult d)
    {
        static string Range(DrtInterval? i) => i is null ? "–" : $"{G(i.Low, "G3")} – {G(i.High, "G3")}";
        var rows = d.Peaks.Select(p => (IReadOnlyList<string>)
        [
            G(p.TimeConstant), Range(p.TimeConstantInterval), G(p.FrequencyHz), Range(p.FrequencyInterval),
            G(p.Resistance), Range(p.ResistanceInterval), p.AtEdge ? "at the fast edge of the τ range" : "",
        ]).ToList();
        if (d.Tail is { } t)
            rows.Add([$"> {G(t.FromTimeConstant)}", "", $"< {G(1 / (2 * Math.PI * t.FromTimeConstant))}", "", G(t.Resistance), "",
                $"low-frequency tail (−Z″ ∝ ω^−{G(t.LowFrequencySlope, "F2")}); its resistance is what the window shows"]);
        return (["τ / s", "τ 95 %", "f / Hz", "f 95 %", "R / Ω", "R 95 %", "note"], rows);
    }

    /// <summary>The sentence that says how the DRT was computed.</summary>
    public static string Method(DrtResult d)
    {
        string how = d.SelectedBy switch
        {
            DrtLambdaSelection.Discrepancy => $"chosen by the discrepancy principle for a noise of {G(100 * d.Noise, "G2")} % of |Z| per component",
            DrtLambdaSelection.Gcv => "chosen by generalised cross-validation",
            DrtLambdaSelection.LCurve => "at the corner of the L-curve",
            _ => "given",
        };
        string c = d.Capacitance is double cap ? $", series C = {G(cap, "G3")} F (what is slower than the τ range)" : "";
        return $"Tikhonov regularisation with Gaussian basis functions, non-negative, λ = {G(d.Lambda, "G3")} ({how}); " +
               $"R∞ = {G(d.RInfinity)} Ω{c}, polarisation resistance (area under γ) {G(d.PolarizationResistance)} Ω.";
    }
}
