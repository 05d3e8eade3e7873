using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>One plateau of a tanh-smoothed open-circuit curve: its potential, its share of the capacity and its width.</summary>
public readonly record struct Plateau(double Potential, double Fraction, double Width);
// Width is in units of converted fraction (the tanh step's half-width along X).

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
/// <item>Open-circuit potential: tanh-smoothed plateaus for discharge and for charge (pyrite does not
/// re-form, Yersak et al., Adv. Energy Mater. 3, 120, 2013).</item>
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

    /// <summary>Open-circuit potential at converted fraction X on discharge (lithiation) or charge.</summary>
    public double OpenCircuit(double x, bool discharging)
    {
        var plateaus = discharging ? DischargePlateaus : ChargePlateaus;
        x = Math.Clamp(x, 0, 1);
        // on charge X decreases: walk the charge plateaus from X = 1 downwards
        double u = 0, cum = 0;
        if (discharging)
        {
            u = plateaus[^1].Potential;
            for (int k = 0; k < plateaus.Count - 1; k++)
            {
                cum += plateaus[k].Fraction;
                u += (plateaus[k].Potential - plateaus[k + 1].Potential) * 0.5 * (1 - Math.Tanh((x - cum) / plateaus[k].Width));
            }
            // steep walls at the ends of the window
            u += 0.5 * 0.5 * (1 - Math.Tanh(x / 0.005)) - 0.8 * 0.5 * (1 + Math.Tanh((x - 0.995) / 0.004));
        }
        else
        {
            double y = 1 - x; // fraction delithiated on charge
            u = plateaus[^1].Potential;
            for (int k = 0; k < plateaus.Count - 1; k++)
            {
                cum += plateaus[k].Fraction;
                u += (plateaus[k].Potential - plateaus[k + 1].Potential) * 0.5 * (1 - Math.Tanh((y - cum) / plateaus[k].Width));
            }
            u += -0.5 * 0.5 * (1 - Math.Tanh(y / 0.005)) + 0.8 * 0.5 * (1 + Math.Tanh((y - 0.995) / 0.004));
        }
        return u;
    }

    public static ConversionCathode Read(Parameters p, Material m, double strainAccommodation, double contactLoss) => new(
        m.Name,
        p.Get(m, "molar_mass", QuantityKind.MolarMass),
        p.Get(m, "density", QuantityKind.Density),
        (int)Math.Round(p.Get(m, "electrons", QuantityKind.Dimensionless)),
        p.Get(m, "volume_expansion", QuantityKind.Dimensionless),
        Plateaus(p, m, "discharge_plateaus"),
        Plateaus(p, m, "charge_plateaus"),
        p.Get(m, "particle_radius", QuantityKind.Length),
        p.Get(m, "shell_conductivity", QuantityKind.Conductivity),
        p.Get(m, "front_exchange_current_density", QuantityKind.CurrentDensity),
        p.Get(m, "iron_layer_resistance", QuantityKind.AreaSpecificResistance),
        p.Get(m, "anisotropy", QuantityKind.Dimensionless),
        contactLoss, strainAccommodation);

    static IReadOnlyList<Plateau> Plateaus(Parameters p, Material m, string key)
    {
        var node = m.Properties.Get(key) ?? throw new InputException($"{m.Name} has no '{key}' in the library", m.Properties.Location);
        var list = node.Items().Select(it => new Plateau(
            it.Require("potential").Quantity(QuantityKind.Voltage),
            it.Require("fraction").Quantity(QuantityKind.Dimensionless),
            it.Require("width").Quantity(QuantityKind.Dimensionless))).ToList();
        if (list.Count == 0) throw new InputException($"{m.Name}: '{key}' is empty", node.Location);
        var sum = list.Sum(x => x.Fraction);
        if (Math.Abs(sum - 1) > 0.02) throw new InputException($"{m.Name}: the fractions of '{key}' add up to {sum:G3}, not 1", node.Location);
        return list;
    }
}
