using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

public enum GrowthLaw { Parabolic, Linear, Saturating }

/// <summary>
/// Growth of the interphase a metal forms with an electrolyte it reduces, and its resistance.
/// <list type="bullet">
/// <item>Parabolic (diffusion-limited, Wenzel et al., Solid State Ionics 286, 24, 2016; 318, 102, 2018):
/// L² = L0² + 2·k·t, so R = L/σ_int grows as √t.</item>
/// <item>Linear (reaction-limited front, e.g. Ti⁴⁺→Ti³⁺ reduction of LLTO, Wenzel SSI 2015): L = L0 + k·t.</item>
/// <item>Saturating (passivating SEI, e.g. Li|PEO): L = L∞ − (L∞ − L0)·e^(−t/τ), with L∞ the library's final_thickness.</item>
/// </list>
/// k follows an Arrhenius law. The growth rate is multiplied by a driving-force factor that is 1 for
/// the pure metal and exp(−α·F·E/RT) for a surface at potential E above the metal (an amalgam of
/// low Li activity; Tafel kinetics of the reduction, α = 0.5).
/// </summary>
public sealed record InterphaseGrowth(
    string Pair,
    GrowthLaw Law,
    string Products,
    double RateRef,
    double ReferenceTemperatureK,
    double ActivationEnergy,
    double FinalThicknessM,
    double TimeConstantS,
    double Conductivity,
    double ElectronicConductivity,
    double InitialThicknessM,
    double RelativePermittivity)
{
    public double Rate(double temperatureK) => RateRef * Arrhenius.Factor(ActivationEnergy, temperatureK, ReferenceTemperatureK);

    /// <summary>Thickness after dt seconds at temperature T, with the driving-force factor applied to time.</summary>
    public double Advance(double thickness, double dt, double temperatureK, double drivingFactor)
    {
        var k = Rate(temperatureK) * drivingFactor;
        if (k <= 0 || dt <= 0) return thickness;
        return Law switch
        {
            GrowthLaw.Parabolic => Math.Sqrt(thickness * thickness + 2 * k * dt),
            GrowthLaw.Linear => thickness + k * dt,
            _ => FinalThicknessM - (FinalThicknessM - thickness) * Math.Exp(-dt * k / TimeConstantS),
        };
    }

    /// <summary>Area-specific ionic resistance of the interphase (Ω m²).</summary>
    public double Resistance(double thickness) => thickness / Conductivity;

    /// <summary>True when the interphase conducts electrons well enough to short the cell once it spans the electrolyte.</summary>
    public bool MixedConducting => ElectronicConductivity >= 1e-4; // S/m (1e-6 S/cm)

    /// <summary>The interphase a pair forms, or null for a stable pair.</summary>
    public static InterphaseGrowth? Read(Parameters p, MaterialPair pair)
    {
        if (!p.Has(pair, "interphase")) return null;
        var lawText = p.Text(pair, "interphase.law").Trim().ToLowerInvariant();
        if (lawText is "none" or "stable") return null;
        var law = lawText switch
        {
            "parabolic" => GrowthLaw.Parabolic,
            "linear" => GrowthLaw.Linear,
            "saturating" => GrowthLaw.Saturating,
            _ => throw new InputException($"{pair.Key}: unknown interphase law '{lawText}', expected parabolic, linear, saturating or none", pair.Properties.Location),
        };
        double rate = 0, final = 0, tau = 1;
        switch (law)
        {
            case GrowthLaw.Parabolic: rate = p.Get(pair, "interphase.rate_constant", QuantityKind.Diffusivity); break;
            case GrowthLaw.Linear: rate = p.Get(pair, "interphase.rate_constant", QuantityKind.Velocity); break;
            default:
                final = p.Get(pair, "interphase.final_thickness", QuantityKind.Length);
                tau = p.Get(pair, "interphase.time_constant", QuantityKind.Time);
                rate = 1;
                if (tau <= 0) throw new InputException($"{pair.Key}: interphase.time_constant must be positive", pair.Properties.Location);
                break;
        }
        var sigma = p.Get(pair, "interphase.conductivity", QuantityKind.Conductivity);
        if (sigma <= 0) throw new InputException($"{pair.Key}: interphase.conductivity must be positive", pair.Properties.Location);
        return new InterphaseGrowth(
            pair.Key, law,
            p.OptionalText(pair, "interphase.products") ?? "",
            rate,
            p.Optional(pair, "interphase.reference_temperature", QuantityKind.Temperature) ?? p.Get(pair, "reference_temperature", QuantityKind.Temperature),
            p.Get(pair, "interphase.activation_energy", QuantityKind.MolarEnergy),
            final, tau, sigma,
            p.Optional(pair, "interphase.electronic_conductivity", QuantityKind.Conductivity) ?? 0,
            p.Get(pair, "interphase.initial_thickness", QuantityKind.Length),
            p.Optional(pair, "interphase.relative_permittivity", QuantityKind.Dimensionless) ?? 10);
    }
}
