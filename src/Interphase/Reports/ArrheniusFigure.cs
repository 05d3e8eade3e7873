using Interphase.Impedance;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>
/// The Arrhenius plot of a conductivity series, as solid-electrolyte papers draw it: σ (S/cm, logarithmic) against
/// 1000/T (K⁻¹), the points the fit used, and the fitted law over their range. Points left out of the fit (a fit that
/// did not converge, a bulk resistance the spectrum does not determine) are not drawn: their σ may be any number
/// (1E+163 S/cm from an R0 of 5E-165 Ω) and would set the axis; the report lists them in words.
/// </summary>
public static class ArrheniusFigure
{
    /// <summary>Temperatures in K and conductivities in S/m; <paramref name="fit"/> is null when no law could be fitted.</summary>
    public static Figure Build(IReadOnlyList<double> usedK, IReadOnlyList<double> usedSm, ArrheniusResult? fit)
    {
        static double X(double k) => 1000 / k;
        static double SCm(double sm) => sm / Si.SiemensPerCm;
        var traces = new List<Trace>
        {
            new("σ (fitted points)", [.. usedK.Select(X)], [.. usedSm.Select(SCm)]) { Mode = TraceMode.Markers, Color = "#1f77b4", MarkerSize = 9 },
        };
        if (fit is not null && usedK.Count >= 2)
        {
            double lo = usedK.Min(), hi = usedK.Max();
            var t = Enumerable.Range(0, 41).Select(i => lo + (hi - lo) * i / 40.0).ToArray();
            // σ = A exp(−Ea/RT), or σT = A exp(−Ea/RT) for the σT form
            double Law(double k) => fit.PreExponential * Math.Exp(-fit.ActivationEnergy / (Si.GasConstant * k)) / (fit.Form == ArrheniusForm.SigmaT ? k : 1);
            traces.Add(new Trace($"Arrhenius fit, Ea = {fit.ActivationEnergyEv:G3} eV", [.. t.Select(X)], [.. t.Select(k => SCm(Law(k)))])
                { Color = "#1f77b4", Dash = LineDash.Dash });
        }
        return new Figure("Arrhenius plot", "1000/T / K⁻¹", "σ / S cm⁻¹") { LogY = true, Traces = traces };
    }
}
