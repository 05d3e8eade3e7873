using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// The other way a pressed electrolyte fails (Doux et al., Adv. Energy Mater. 10, 1903253 (2020)):
/// under a high stack pressure the metal creeps into the open pores of the pellet and, once it has
/// crossed them, shorts the cell without any plating-induced crack. The metal is a power-law creeping
/// solid, ε̇ = A·σⁿ·exp(−Q/RT) (σ in MPa; Masias et al., J. Mater. Sci. 54, 2585 (2019)); in shear,
/// by von Mises, γ̇ = √3·ε̇(√3·τ) = B·τⁿ. Pushed by the stack pressure p into a pore channel of radius
/// r, sticking to its walls, it flows as a power-law fluid in a tube (Bird, Stewart &amp; Lightfoot,
/// Transport Phenomena, 2nd ed., §8.3):
/// <code>
/// τ_w = p·r/(2ℓ),   ū = B·τ_wⁿ·r/(n + 3),   dℓ/dt = ū
/// ⇒ ℓ^(n+1) = (n + 1)·B(T)·r/(n + 3)·(p·r/2)ⁿ·t      (integrated exactly at constant T and p)
/// </code>
/// The channels wind through the layer: the path is L·τ with the Bruggeman tortuosity τ = ε^(−1/2)
/// (the same Bruggeman form as the layer conductivity, docs/models.md §2). The metal has crossed when
/// ℓ ≥ L·τ. The creep exponent (6.6 for Li) makes the intrusion steep in pressure: ℓ ∝ p^(n/(n+1)).
/// A dense (sintered) layer without open pores has no pore radius in the library and no intrusion.
/// </summary>
public sealed record PoreIntrusion(double CreepPrefactor, double CreepExponent, double CreepActivationEnergy, double PoreRadius, double Porosity, double LayerThickness)
{
    /// <summary>Length of the winding pore path through the layer (m).</summary>
    public double PathLength => LayerThickness / Math.Sqrt(Porosity);

    /// <summary>Shear creep coefficient B (1/s per MPaⁿ) at T: γ̇ = B·τⁿ.</summary>
    public double ShearCoefficient(double temperatureK) =>
        Math.Sqrt(3) * CreepPrefactor * Math.Pow(Math.Sqrt(3), CreepExponent) * Math.Exp(-CreepActivationEnergy / (Si.GasConstant * temperatureK));

    /// <summary>d(ℓ^(n+1))/dt (m^(n+1)/s) at temperature T and stack pressure p (Pa).</summary>
    public double Rate(double temperatureK, double pressurePa)
    {
        if (pressurePa <= 0) return 0;
        double n = CreepExponent, r = PoreRadius;
        double pMpa = pressurePa / 1e6;
        return (n + 1) * ShearCoefficient(temperatureK) * r / (n + 3) * Math.Pow(pMpa * r / 2, n);
    }

    /// <summary>Intruded length ℓ (m) from the state variable ℓ^(n+1).</summary>
    public double Depth(double state) => Math.Pow(Math.Max(state, 0), 1 / (CreepExponent + 1));

    /// <summary>State ℓ^(n+1) of an intruded length ℓ.</summary>
    public double State(double depth) => Math.Pow(depth, CreepExponent + 1);

    /// <summary>How far across the layer (m, along its thickness) the metal has come.</summary>
    public double Across(double state) => Depth(state) / PathLength * LayerThickness;

    /// <summary>Time (s) to cross the layer at constant temperature and pressure, from nothing.</summary>
    public double TimeToCross(double temperatureK, double pressurePa) => State(PathLength) / Rate(temperatureK, pressurePa);

    /// <summary>The intrusion of a metal into an electrolyte layer of this thickness, or null when the layer has no open pores.</summary>
    public static PoreIntrusion? Read(Parameters p, Material metal, Material layer, double thickness)
    {
        var radius = p.Optional(layer, "open_pores.radius", QuantityKind.Length);
        if (radius is null) return null;
        var porosity = p.Get(layer, "open_pores.porosity", QuantityKind.Dimensionless);
        if (!(porosity > 0 && porosity < 1))
            throw new InputException($"{layer.Name}: open_pores.porosity must be between 0 and 1, got {porosity}", layer.Properties.Location);
        if (!(radius > 0))
            throw new InputException($"{layer.Name}: open_pores.radius must be positive", layer.Properties.Location);
        return new PoreIntrusion(
            p.Get(metal, "creep.prefactor", QuantityKind.InverseTime),
            p.Get(metal, "creep.stress_exponent", QuantityKind.Dimensionless),
            p.Get(metal, "creep.activation_energy", QuantityKind.MolarEnergy),
            radius.Value, porosity, thickness);
    }
}
