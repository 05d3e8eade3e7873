using System.Globalization;
using System.Text.Json;
using Interphase.Impedance;
using Interphase.Simulation;

namespace Interphase.Reports;

/// <summary>
/// A simulated temperature series of spectra (<c>Measure EIS at 20, 40, 60, 80, 100 degC</c>) turned into
/// the conductivity series a researcher extracts from measured ones: the bulk resistance of each spectrum
/// (the model's R_bulk, which the spectrum shows as its high-frequency arc; a circuit fit with a series R0
/// misreads it once that arc lies above the highest frequency, as it does for LLZO above room temperature),
/// σ = L/(R_bulk·A) with the separating electrolyte's thickness, written as conductivity.csv in the layout
/// <c>interphase eis arrhenius</c> reads, and fitted with the same Arrhenius law in summary.json.
/// </summary>
public static class TemperatureSeries
{
    static IReadOnlyList<(double T, double R)> Points(IReadOnlyList<SimulatedSpectrum> spectra) =>
        spectra.Where(s => s.TemperatureK is not null && double.IsFinite(s.RBulk) && s.RBulk > 0)
            .Select(s => (s.TemperatureK!.Value, s.RBulk)).ToList();

    /// <summary>conductivity.csv (T in °C, σ in S/cm, R_bulk in Ω), or null when the run has no temperature series.</summary>
    public static string? Csv(IReadOnlyList<SimulatedSpectrum> spectra, double areaM2, double thicknessM)
    {
        if (!spectra.Any(s => s.TemperatureK is not null)) return null;
        var csv = new CsvText("T (degC)", "sigma (S/cm)", "R_bulk (Ohm)");
        foreach (var (t, r) in Points(spectra))
            csv.Row(t - 273.15, thicknessM / (r * areaM2) / 100, r);
        return csv.ToString();
    }

    /// <summary>summary.json's <c>conductivity_series</c>: the points and their Arrhenius fit (null when the run has none).</summary>
    public static void Json(Utf8JsonWriter w, IReadOnlyList<SimulatedSpectrum> spectra, double areaM2, double thicknessM)
    {
        if (!spectra.Any(s => s.TemperatureK is not null)) return;
        var pts = Points(spectra);
        w.WriteStartObject("conductivity_series");
        w.WriteString("file", "conductivity.csv");
        w.WriteString("method", "sigma = L/(R_bulk A) of each spectrum; Arrhenius sigma = A exp(-Ea/RT) as in 'interphase eis arrhenius'");
        w.WriteStartArray("points");
        foreach (var (t, r) in pts)
        {
            w.WriteStartObject();
            SimulationWriter.Num(w, "temperature_degC", t - 273.15);
            SimulationWriter.Num(w, "sigma_S_cm", thicknessM / (r * areaM2) / 100);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (pts.Count >= 3) // the fit needs three points (with two the slope has no uncertainty)
        {
            var fit = ConductivityFits.Arrhenius(pts.Select(p => p.T).ToList(), pts.Select(p => thicknessM / (p.R * areaM2)).ToList());
            SimulationWriter.Num(w, "arrhenius_activation_energy_kJ_mol", fit.ActivationEnergyKJPerMol);
            SimulationWriter.Num(w, "arrhenius_activation_energy_eV", fit.ActivationEnergyEv);
            SimulationWriter.Num(w, "arrhenius_sigma_25C_S_cm", fit.ConductivityAt25CSPerCm);
            SimulationWriter.Num(w, "arrhenius_r_squared", fit.RSquared);
        }
        w.WriteEndObject();
    }
}
