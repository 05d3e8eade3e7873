using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Supply of metal to a stripping interface by vacancy (self-)diffusion and by power-law creep
/// under the stack pressure concentrated on the real contact area (docs/models.md §6).
/// <code>
/// i_D(T)      = z F D*(T) c_M / ℓ                     vacancy flux through the metal of thickness ℓ
/// ε̇(σ, T)     = A (σ/1 MPa)^n exp(−Q_c/RT)            power-law creep (Masias 2019; LePage 2019)
/// i_c(σ, T)   = κ (z F / V_m) h_a ε̇(σ, T)            creep of the asperity-deep zone toward the interface
/// i_sup(φ)    = i_D + φ·i_c(p/φ) = i_D + i_c(p)·φ^(1−n)   σ = p/φ on the contact spots
/// i_crit(p,T) = i_D + i_c(p)                          critical stripping current (voids first form, φ = 1)
/// </code>
/// Kasemchainan et al., Nat. Mater. 18, 1105 (2019): voids form where stripping outpaces creep and
/// diffusion; Krauskopf et al., ACS AMI 11, 14463 (2019): vacancy diffusion alone without pressure.
/// κ, the only fitted constant, is calibrated on Kasemchainan's ≈0.2 mA/cm² at 3 MPa.
/// </summary>
public sealed record LithiumSupply(
    double SelfDiffusivityRef,
    double DiffusionActivationEnergy,
    double CreepPrefactor,
    double CreepExponent,
    double CreepActivationEnergy,
    double CreepEfficiency,
    double AsperityHeight,
    double ThicknessPerCharge)
{
    /// <summary>Temperature at which the library's self-diffusivity is given (25 °C).</summary>
    public const double ReferenceTemperatureK = 298.15;
    const double MPa = 1e6;

    /// <summary>z F c_M = zF/V_m (C/m³).</summary>
    double ChargePerVolume => 1 / ThicknessPerCharge;

    /// <summary>D*(T) (m²/s).</summary>
    public double SelfDiffusivity(double temperatureK) =>
        SelfDiffusivityRef * Arrhenius.Factor(DiffusionActivationEnergy, temperatureK, ReferenceTemperatureK);

    /// <summary>Current density (A/m²) vacancy diffusion through a metal of thickness ℓ supplies: z F D* c_M / ℓ.</summary>
    public double DiffusionCurrent(double temperatureK, double metalThickness) =>
        metalThickness > 0 ? ChargePerVolume * SelfDiffusivity(temperatureK) / metalThickness : 0;

    /// <summary>Creep strain rate (1/s) at stress σ (Pa).</summary>
    public double CreepRate(double stressPa, double temperatureK) =>
        stressPa <= 0 ? 0 : CreepPrefactor * Math.Pow(stressPa / MPa, CreepExponent) * Math.Exp(-CreepActivationEnergy / (Si.GasConstant * temperatureK));

    /// <summary>Current density (A/m² of contact) creep supplies at stress σ on the contact spots.</summary>
    public double CreepCurrent(double stressPa, double temperatureK) =>
        CreepEfficiency * ChargePerVolume * AsperityHeight * CreepRate(stressPa, temperatureK);

    /// <summary>Supply (A/m² of cell) at contact fraction φ: i_D + φ·i_c(p/φ).</summary>
    public double Supply(double phi, double pressurePa, double temperatureK, double metalThickness) =>
        DiffusionCurrent(temperatureK, metalThickness) + phi * CreepCurrent(pressurePa / phi, temperatureK);

    /// <summary>Critical stripping current (A/m²): the supply at full contact, above which voids form.</summary>
    public double CriticalStrippingCurrent(double pressurePa, double temperatureK, double metalThickness) =>
        Supply(1, pressurePa, temperatureK, metalThickness);

    public static LithiumSupply Read(Parameters p, Material metal, MetalProperties props) => new(
        p.Get(metal, "self_diffusivity", QuantityKind.Diffusivity),
        p.Get(metal, "self_diffusion_activation_energy", QuantityKind.MolarEnergy),
        p.Get(metal, "creep.prefactor", QuantityKind.InverseTime),
        p.Get(metal, "creep.stress_exponent", QuantityKind.Dimensionless),
        p.Get(metal, "creep.activation_energy", QuantityKind.MolarEnergy),
        p.Get(metal, "contact.creep_efficiency", QuantityKind.Dimensionless),
        ContactModel.Positive(p.Get(metal, "contact.asperity_height", QuantityKind.Length), metal, "contact.asperity_height"),
        props.ThicknessPerCharge);
}
