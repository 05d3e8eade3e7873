using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

public enum GrowthLaw { Parabolic, Linear, Saturating }

/// <summary>
/// Growth of the interphase a metal forms with an electrolyte it reduces, and its resistance
/// (docs/models.md §7). Every law is driven by the electrolyte's reduction potential against the local
/// electrode potential (<see cref="ReductionDrive"/>): k = k_ref(T)·f_w, v = v_ref(T)·f_r.
/// <list type="bullet">
/// <item>Parabolic: reaction at the metal in series with transport through the layer (Deal &amp; Grove,
/// J. Appl. Phys. 36, 3770 (1965)), dL/dt = 1/(1/v + L/k); with a fast reaction L² = L0² + 2·k·t
/// (Wagner's law; √t growth of Li|Li6PS5X, Wenzel et al., Solid State Ionics 318, 102 (2018)).</item>
/// <item>Linear (reaction-limited front, e.g. Ti⁴⁺→Ti³⁺ reduction of LLTO, Wenzel SSI 278, 98 (2015)): dL/dt = v.</item>
/// <item>Saturating (passivating SEI, e.g. Li|PEO): L = L∞ − (L∞ − L0)·e^(−t·f_r/τ), with L∞ the library's final_thickness.</item>
/// </list>
/// k and v follow an Arrhenius law. The interphase takes MetalUptake moles of the metal per m³ it grows.
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
    double RelativePermittivity,
    double? ReductionPotential,
    double ReactionVelocityRef,
    double MetalUptake)
{
    public double Rate(double temperatureK) => RateRef * Arrhenius.Factor(ActivationEnergy, temperatureK, ReferenceTemperatureK);

    /// <summary>
    /// Thickness after dt seconds at temperature T under the drive d (constant over the step; exact for
    /// each law). The layer cannot grow beyond maxThickness (the electrolyte it converts is used up).
    /// </summary>
    public double Advance(double thickness, double dt, double temperatureK, ReductionDrive d, double maxThickness = double.PositiveInfinity)
    {
        if (dt <= 0 || thickness >= maxThickness) return thickness;
        double arr = Arrhenius.Factor(ActivationEnergy, temperatureK, ReferenceTemperatureK);
        double next;
        switch (Law)
        {
            case GrowthLaw.Parabolic:
            {
                // L/v + L²/(2k) = t + const  ⇒  L = −b + √((L_old + b)² + 2k·dt), b = k/v, written without cancellation
                double k = RateRef * arr * d.TransportFactor, v = ReactionVelocityRef * arr * d.ReactionFactor;
                if (k <= 0 || v <= 0) return thickness;
                double b = k / v, a = thickness + b;
                next = thickness + 2 * k * dt / (Math.Sqrt(a * a + 2 * k * dt) + a);
                break;
            }
            case GrowthLaw.Linear:
                next = thickness + RateRef * arr * d.ReactionFactor * dt;
                break;
            default:
                next = FinalThicknessM - (FinalThicknessM - thickness) * Math.Exp(-dt * arr * d.ReactionFactor / TimeConstantS);
                break;
        }
        return Math.Min(next, maxThickness);
    }

    /// <summary>Moles of metal per m² the layer takes to grow from l0 to l1 (the charge is z·F times this).</summary>
    public double MetalConsumed(double l0, double l1) => MetalUptake * (l1 - l0);

    /// <summary>Area-specific ionic resistance of the interphase (Ω m²).</summary>
    public double Resistance(double thickness) => thickness / Conductivity;

    /// <summary>Area-specific electronic resistance of the interphase (Ω m²); ∞ for an electronic insulator (no electronic_conductivity).</summary>
    public double ElectronicResistance(double thickness) => ElectronicConductivity > 0 ? thickness / ElectronicConductivity : double.PositiveInfinity;

    /// <summary>The interphase a pair forms, or null for a stable pair.</summary>
    public static InterphaseGrowth? Read(Parameters p, MaterialPair pair, Material electrolyte)
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
        double rate = 0, final = 0, tau = 1, velocity = 0;
        switch (law)
        {
            case GrowthLaw.Parabolic:
                rate = p.Get(pair, "interphase.rate_constant", QuantityKind.Diffusivity);
                velocity = p.Get(pair, "interphase.reaction_velocity", QuantityKind.Velocity);
                if (velocity <= 0) throw new InputException($"{pair.Key}: interphase.reaction_velocity must be positive", pair.Properties.Location);
                break;
            case GrowthLaw.Linear: rate = p.Get(pair, "interphase.rate_constant", QuantityKind.Velocity); break;
            default:
                final = p.Get(pair, "interphase.final_thickness", QuantityKind.Length);
                tau = p.Get(pair, "interphase.time_constant", QuantityKind.Time);
                rate = 1;
                if (tau <= 0) throw new InputException($"{pair.Key}: interphase.time_constant must be positive", pair.Properties.Location);
                break;
        }
        var uptake = p.Get(pair, "interphase.metal_uptake", QuantityKind.Concentration);
        if (uptake < 0) throw new InputException($"{pair.Key}: interphase.metal_uptake must not be negative", pair.Properties.Location);
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
            p.Optional(pair, "interphase.relative_permittivity", QuantityKind.Dimensionless) ?? 10,
            ValidityDomain.Read(p, electrolyte).ReductionPotential,
            velocity,
            uptake);
    }
}
