using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;


/// <summary>
/// A conversion cathode particle, FeS2 + 4 Li → Fe + 2 Li2S (domain.md C), as a shrinking core
/// (Levenspiel, Chemical Reaction Engineering, 3rd ed., ch. 25; physics-notes §4):
/// <list type="bullet">
/// <item>The FeS2 core (semi-axes a along the fast axis and b, b along the slow ones) is converted
/// from its contact with the electrolyte inward; the front moves κ times faster along the fast axis
/// (domain.md C: conversion advances preferentially along one axis). The converted fraction is
/// X = 1 − a·b²/R³.</item>
/// <item>Current per particle I = z·F·(ρ/M)·dV_core/dt. The overpotential of the front is
/// η = η_BV(I/A_front) + I·(1/r − 1/R)/(4π σ_shell) + I·r_Fe·X/A_p, with A_front = 4π b²·φ_c the
/// contacted front area, the product shell resistance of a sphere, and the dense Fe layer that builds
/// up with conversion and blocks transport (domain.md C).</item>
/// <item>The conversion expands the particle by ΔV/V = 1.61·X. Beyond the strain the electrolyte
/// accommodates (ε_acc) the particle separates from a solid electrolyte:
/// dφ_c = −β·max(0, 1.61·X − ε_acc)·|dX| (physics-notes §4, contact loss ∝ mismatch strain); the
/// conversion stops when φ_c vanishes, leaving a core–shell particle. A liquid refills the cracks (β = 0);
/// porous microspheres with in-situ grown electrolyte accommodate ε_acc = porosity/(1 − porosity).</item>
/// <item>Open-circuit potential: sloping plateaus (<see cref="PlateauCurve"/>). Pyrite converts on its own
/// discharge plateau and never re-forms (Fong, Dahn &amp; Jones, J. Electrochem. Soc. 136, 3206, 1989). The
/// converted material (Fe + 2 Li2S) cycles through the reversible phases of later cycles: on charge
/// Fe + 2 Li2S → Li2FeS2 (2 e⁻) → FeS_y + (2 − y) S (2 e⁻), on discharge back on their own, lower plateaus
/// (<see cref="ShellOpenCircuit"/>). Its lithiation s runs from 0 (FeS_y + S) through ½ (Li2FeS2) to 1
/// (Fe + 2 Li2S), and its volume per Fe from stoichiometric molar volumes (<see cref="RelativeVolume"/>).</item>
/// </list>
/// </summary>
public sealed record ConversionCathode(
    string Name,
    double MolarMass,
    double Density,
    int Electrons,
    double VolumeExpansion,
    IReadOnlyList<Plateau> DischargePlateaus,
    IReadOnlyList<Plateau> ChargePlateaus,
    double ParticleRadius,
    double ShellConductivity,
    double FrontExchangeCurrentDensity,
    double IronLayerResistance,
    double Anisotropy,
    double ContactLossCoefficient,
    double StrainAccommodation)
{
    /// <summary>Theoretical capacity zF/M (C/kg): 894 mAh/g for FeS2.</summary>
    public double TheoreticalCapacity => Electrons * Si.Faraday / MolarMass;

    PlateauCurve? _discharge, _charge;

    /// <summary>Open-circuit potential at converted fraction X on discharge (lithiation) or on charge.</summary>
    public double OpenCircuit(double x, bool discharging)
    {
        x = Math.Clamp(x, 0, 1);
        if (discharging) return (_discharge ??= new PlateauCurve(DischargePlateaus, rising: false)).At(x);
        // on charge X falls from 1: the curve is walked from the fully converted end
        return (_charge ??= new PlateauCurve(ChargePlateaus, rising: true)).At(1 - x);
    }

    /// <summary>
    /// Discharge plateaus of the reversible phases the converted material forms on charge (FeS_y + S → Li2FeS2,
    /// then Li2FeS2 → Fe + 2 Li2S), listed from the charged end; null where the library gives none (the
    /// converted material then discharges on the pyrite plateaus, the former single-plateau model).
    /// </summary>
    public IReadOnlyList<Plateau>? ReformedDischargePlateaus { get; init; }

    /// <summary>Volume per Fe of the charged products FeS_y + (2 − y) S, relative to pyrite's (null: linear in s).</summary>
    public double? ChargedProductVolume { get; init; }

    /// <summary>Volume of Li2FeS2 per Fe, relative to pyrite's (null: linear in s).</summary>
    public double? IntermediateVolume { get; init; }

    PlateauCurve? _reformed;

    /// <summary>
    /// Open-circuit potential of the converted material at lithiation s (0: FeS_y + S, ½: Li2FeS2, 1: Fe + 2 Li2S):
    /// on discharge the reformed phases' plateaus walked from s = 0, on charge the charge plateaus walked from s = 1.
    /// </summary>
    public double ShellOpenCircuit(double s, bool discharging)
    {
        s = Math.Clamp(s, 0, 1);
        if (!discharging) return (_charge ??= new PlateauCurve(ChargePlateaus, rising: true)).At(1 - s);
        return ReformedDischargePlateaus is { } r
            ? (_reformed ??= new PlateauCurve(r, rising: false)).At(s)
            : (_discharge ??= new PlateauCurve(DischargePlateaus, rising: false)).At(s);
    }

    /// <summary>
    /// Volume of the converted material per Fe relative to the pyrite it came from, at lithiation s: linear between
    /// the stoichiometric phases FeS_y + S (s = 0), Li2FeS2 (s = ½) and Fe + 2 Li2S (s = 1, 1 + ΔV/V).
    /// </summary>
    public double RelativeVolume(double s)
    {
        s = Math.Clamp(s, 0, 1);
        double full = 1 + VolumeExpansion;
        if (ChargedProductVolume is not { } v0 || IntermediateVolume is not { } vh) return 1 + VolumeExpansion * s;
        return s <= 0.5 ? v0 + (vh - v0) * s / 0.5 : vh + (full - vh) * (s - 0.5) / 0.5;
    }

    /// <summary>Share of the converted material's Fe that is metallic at lithiation s: Li2FeS2 + 2 Li → Fe + 2 Li2S above s = ½.</summary>
    public static double MetallicIron(double s) => Math.Clamp(2 * s - 1, 0, 1);

    /// <summary>Temperature of the kinetic constants; shell conductivity and front kinetics follow Arrhenius laws.</summary>
    public double ReferenceTemperatureK { get; init; } = 298.15;
    public double ShellActivationEnergy { get; init; }
    public double FrontActivationEnergy { get; init; }
    public double Shell(double T) => ShellConductivity * Arrhenius.Factor(ShellActivationEnergy, T, ReferenceTemperatureK);
    public double Front(double T) => FrontExchangeCurrentDensity * Arrhenius.Factor(FrontActivationEnergy, T, ReferenceTemperatureK);

    public static ConversionCathode Read(Parameters p, Material m, double strainAccommodation, double contactLoss) => new(
        m.Name,
        p.Get(m, "molar_mass", QuantityKind.MolarMass),
        p.Get(m, "density", QuantityKind.Density),
        (int)Math.Round(p.Get(m, "electrons", QuantityKind.Dimensionless)),
        p.Get(m, "volume_expansion", QuantityKind.Dimensionless),
        PlateauCurve.Read(m, "discharge_plateaus"),
        PlateauCurve.Read(m, "charge_plateaus"),
        p.Get(m, "particle_radius", QuantityKind.Length),
        p.Get(m, "shell_conductivity", QuantityKind.Conductivity),
        p.Get(m, "front_exchange_current_density", QuantityKind.CurrentDensity),
        p.Get(m, "iron_layer_resistance", QuantityKind.AreaSpecificResistance),
        p.Get(m, "anisotropy", QuantityKind.Dimensionless),
        contactLoss, strainAccommodation)
    {
        ReferenceTemperatureK = p.Optional(m, "reference_temperature", QuantityKind.Temperature) ?? 298.15,
        ShellActivationEnergy = p.Optional(m, "shell_activation_energy", QuantityKind.MolarEnergy) ?? 0,
        FrontActivationEnergy = p.Optional(m, "front_activation_energy", QuantityKind.MolarEnergy) ?? 0,
        ReformedDischargePlateaus = m.Properties.Get("reformed_discharge_plateaus") is null ? null : PlateauCurve.Read(m, "reformed_discharge_plateaus"),
        ChargedProductVolume = RelativeMolarVolume(p, m, "charged_product_molar_volume"),
        IntermediateVolume = RelativeMolarVolume(p, m, "intermediate_molar_volume"),
    };

    static double? RelativeMolarVolume(Parameters p, Material m, string key) =>
        p.Optional(m, key, QuantityKind.MolarVolume) is { } v
            ? v / (p.Get(m, "molar_mass", QuantityKind.MolarMass) / p.Get(m, "density", QuantityKind.Density)) : null;
}
