using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Ionic conductivity of a layer as a function of temperature.
/// Arrhenius (ceramics, glasses): σ(T) = σ_ref·exp(−E_a/R·(1/T − 1/T_ref)).
/// Vogel–Tammann–Fulcher (polymers): σ(T) = A·T^(−1/2)·exp(−B/(T − T0)), with A fixed by σ(T_ref) = σ_ref.
/// Sources: Arrhenius form as used for Li6PS5Cl and Li7P3S11 series (domain.md C); VTF as in
/// Ratner/Armand for PEO-based electrolytes (physics-notes §3).
/// </summary>
public abstract record IonicConductivity
{
    /// <summary>σ in S/m at temperature T (K).</summary>
    public abstract double At(double temperatureK);

    public static IonicConductivity Read(Parameters p, Material m, string group = "conductivity")
    {
        var law = (p.OptionalText(m, $"{group}.law") ?? "arrhenius").Trim().ToLowerInvariant();
        var sigmaRef = p.Get(m, $"{group}.reference_conductivity", QuantityKind.Conductivity);
        var tRef = p.Get(m, $"{group}.reference_temperature", QuantityKind.Temperature);
        if (sigmaRef <= 0) throw new InputException($"{m.Name}: reference_conductivity must be positive", m.Properties.Location);
        return law switch
        {
            "arrhenius" => new ArrheniusConductivity(sigmaRef, tRef, p.Get(m, $"{group}.activation_energy", QuantityKind.MolarEnergy)),
            "vtf" => new VtfConductivity(sigmaRef, tRef,
                p.Get(m, $"{group}.pseudo_activation", QuantityKind.Temperature),
                p.Get(m, $"{group}.ideal_glass_temperature", QuantityKind.Temperature)),
            _ => throw new InputException($"{m.Name}: unknown conductivity law '{law}', expected arrhenius or vtf", m.Properties.Location),
        };
    }
}

public sealed record ArrheniusConductivity(double SigmaRef, double TRef, double ActivationEnergy) : IonicConductivity
{
    public override double At(double temperatureK) => SigmaRef * Arrhenius.Factor(ActivationEnergy, temperatureK, TRef);
}

public sealed record VtfConductivity(double SigmaRef, double TRef, double B, double T0) : IonicConductivity
{
    public double Prefactor => SigmaRef * Math.Sqrt(TRef) * Math.Exp(B / (TRef - T0));

    public override double At(double temperatureK)
    {
        if (temperatureK <= T0) return 0;
        return Prefactor / Math.Sqrt(temperatureK) * Math.Exp(-B / (temperatureK - T0));
    }
}
