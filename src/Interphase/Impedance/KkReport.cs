using Interphase.Data.Eis;
using Interphase.Reports;

namespace Interphase.Impedance;

/// <summary>The HTML report of <c>eis kk</c>: verdict, the spectrum with the Lin-KK model (Nyquist, Bode) and the residuals per frequency.</summary>
public static class KkReport
{
    public static HtmlReport Build(ImpedanceSpectrum s, LinKkResult kk)
    {
        var report = new HtmlReport($"Lin-KK test of {EisFigures.Name(s)}");
        var summary = EisFigures.Summary(s);
        summary.Add(("Lin-KK", kk.Verdict));
        summary.Add(("RC elements", $"{kk.ElementCount} (μ = {EisFigures.G(kk.Mu, "F3")})"));
        summary.Add(("Noise", $"{EisFigures.G(100 * kk.NoiseEstimate, "G2")} % of |Z| (1.4826 × median residual), lag-1 correlation {EisFigures.G(kk.SerialCorrelation, "F2")}"));
        summary.Add(("Largest residual", $"{EisFigures.G(100 * kk.MaxResidual, "G3")} % (limit {EisFigures.G(100 * kk.ResidualLimit, "G3")} %)"));
        foreach (var n in s.Notes) summary.Add(("Note", n));
        report.AddKeyValueTable(summary);
        if (!kk.Passed) report.AddWarning($"Lin-KK test {kk.Verdict}");

        EisFigures.AddModelAgainstData(report, s, "Lin-KK", s.FrequenciesHz, kk.Model,
            "Relative residuals (data − Lin-KK model)/|Z| per frequency. Valid data scatter about zero at the noise level; " +
            "a trend over frequency means drift, non-linearity or a faulty range.",
            new ResidualSet("Lin-KK", kk.ResidualReal, kk.ResidualImag));
        return report;
    }
}
