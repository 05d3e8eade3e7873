using Interphase.Data.Eis;
using Interphase.Reports;

namespace Interphase.Impedance;

/// <summary>
/// The HTML report of <c>eis drt</c>: how λ was chosen, the DRT with its 95 % bootstrap band and its peaks (τ, f, R
/// with intervals), the spectrum with the DRT's model (Nyquist, Bode) and the residuals per frequency.
/// </summary>
public static class DrtReport
{
    public static HtmlReport Build(ImpedanceSpectrum s, DrtResult d)
    {
        var report = new HtmlReport($"Distribution of relaxation times of {EisFigures.Name(s)}");
        var summary = EisFigures.Summary(s);
        summary.Add(("Method", EisFigures.Method(d)));
        summary.Add(("Peaks", d.Peaks.Count == 0 ? "none" : $"{d.Peaks.Count}{(d.Tail is null ? "" : " and a low-frequency tail")}"));
        foreach (var n in s.Notes) summary.Add(("Note", n));
        report.AddKeyValueTable(summary);

        report.AddHeading("Distribution of relaxation times");
        report.AddFigure(EisFigures.Distribution(d));
        var (headers, rows) = EisFigures.PeakTable(d);
        report.AddTable(headers, rows);
        report.AddParagraph("A peak's τ is the maximum of the continuous γ(ln τ) the Gaussian basis represents, located between the grid's " +
                            "points (the root of dγ/d ln τ), and f = 1/(2πτ). " +
                            "A peak's resistance is the area under γ between the minima that bound it, located the same way. The intervals are the 2.5 and 97.5 " +
                            "percentiles over bootstrap replicates (residuals resampled, refitted at the same λ): they show what noise does " +
                            "to the distribution, not the smoothing of the regularisation, which broadens every peak alike.");

        EisFigures.AddModelAgainstData(report, s, "DRT", s.FrequenciesHz, d.Model, "", new ResidualSet("DRT", d.ResidualReal, d.ResidualImag));
        return report;
    }
}
