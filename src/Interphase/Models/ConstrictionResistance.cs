using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Constriction (spreading) resistance of the contact spots left between a metal and its ionic
/// neighbour (docs/models.md §6.1). Each circular spot of radius a on a half-space of resistivity ρ
/// spreads with Holm's ρ/(4a) (Holm, Electric Contacts, 4th ed., 1967); spots in a square array of
/// spacing λ interact, which the Cooper–Mikic–Yovanovich factor (1 − √φ)^1.5 takes into account
/// (Int. J. Heat Mass Transfer 12, 279 (1969)), so the resistance vanishes at full contact. Fleig &amp;
/// Maier (J. Electrochem. Soc. 144, L302 (1997); Solid State Ionics 1996–1999) show that imperfect
/// contact of this kind adds a resistance relaxing near the bulk frequency:
/// <code>
/// n_s = 1/λ²,  a = √(φ/(π n_s)),  R_c = ρ (1 − √φ)^1.5 / (4 a n_s) = ρ √π (1 − √φ)^1.5 / (4 √(n_s φ))   (Ω m²)
/// C_c = ε0 ε_r / λ        (the constricted zone, about one spacing deep, estimate)
/// </code>
/// </summary>
public sealed record ConstrictionResistance(double SpotSpacing)
{
    /// <summary>Area-specific constriction resistance (Ω m²) at contact fraction φ into a medium of resistivity ρ (Ω m).</summary>
    public double AreaSpecific(double phi, double resistivity)
    {
        if (phi >= 1 || resistivity <= 0) return 0;
        double ns = 1 / (SpotSpacing * SpotSpacing);
        return resistivity * Math.Sqrt(Math.PI) * Math.Pow(1 - Math.Sqrt(phi), 1.5) / (4 * Math.Sqrt(ns * phi));
    }

    /// <summary>Areal capacitance (F/m²) of the constricted zone, ε0 ε_r / λ.</summary>
    public double ArealCapacitance(double relativePermittivity) => 8.8541878128e-12 * relativePermittivity / SpotSpacing;

    public static ConstrictionResistance Read(Parameters p, Material metal) =>
        new(ContactModel.Positive(p.Get(metal, "contact.spot_spacing", QuantityKind.Length), metal, "contact.spot_spacing"));
}
