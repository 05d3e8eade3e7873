using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>Bulk properties of an electrode metal that the interface models need.</summary>
public sealed record MetalProperties(string Name, double MolarMass, double Density, int ChargeNumber, double ShearModulus, double YieldStrength)
{
    /// <summary>V_m = M/ρ (m³/mol).</summary>
    public double MolarVolume => MolarMass / Density;

    /// <summary>Thickness of metal per areal charge, V_m/(zF) (m per C/m²); 4.85 µm per mAh/cm² for Li.</summary>
    public double ThicknessPerCharge => MolarVolume / (ChargeNumber * Si.Faraday);

    /// <summary>Theoretical specific capacity zF/M (C/kg).</summary>
    public double TheoreticalCapacity => ChargeNumber * Si.Faraday / MolarMass;

    /// <summary>Indentation hardness by Tabor's relation, H ≈ 3·σ_y (Tabor, The Hardness of Metals, 1951).</summary>
    public double Hardness => 3 * YieldStrength;

    public static MetalProperties Read(Parameters p, Material m)
    {
        var z = p.Get(m, "charge_number", QuantityKind.Dimensionless);
        if (z < 1 || z > 4 || Math.Abs(z - Math.Round(z)) > 1e-9)
            throw new InputException($"{m.Name}: charge_number must be a whole number 1–4, got {z}", m.Properties.Location);
        return new MetalProperties(m.Name,
            p.Get(m, "molar_mass", QuantityKind.MolarMass),
            p.Get(m, "density", QuantityKind.Density),
            (int)Math.Round(z),
            p.Get(m, "shear_modulus", QuantityKind.Pressure),
            p.Get(m, "yield_strength", QuantityKind.Pressure));
    }
}
