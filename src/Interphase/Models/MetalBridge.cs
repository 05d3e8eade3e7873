using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// The metal bridge a filament (or a metal-filled crack) makes when it first touches the counter
/// electrode: a thin wire of the electrode metal across the separator, of electronic resistance
/// <code>
/// R_f = ρ(T)·L/(N·π·r_f²)          (Ω; Ω m² of cell area: R_f·A)
/// ρ(T) = ρ_ref + (dρ/dT)·(T − T_ref)
/// </code>
/// L the separator the filament spans, r_f the radius of the metal's filaments (whiskers), N the
/// number of filaments in the bridge: 1 at the first contact, and one more at each contact after a
/// bridge has fused, whose solidified metal the next filament joins (docs/models.md §9, "Soft shorts").
/// The first contact is made by the leading filament, not by the whole filament front. ρ(T) is the
/// metal's handbook resistivity, linear in T over the solid's range.
/// </summary>
public sealed record MetalBridge(double ReferenceResistivity, double ReferenceTemperature, double ResistivitySlope, double FilamentRadius, double MeltingPoint)
{
    /// <summary>Electrical resistivity of the metal at T (Ω m).</summary>
    public double Resistivity(double T) => ReferenceResistivity + ResistivitySlope * (T - ReferenceTemperature);

    /// <summary>Area-specific resistance (Ω m² of the cell area <paramref name="cellArea"/>) of a bridge of <paramref name="count"/> filaments across <paramref name="length"/>.</summary>
    public double Asr(double length, int count, double cellArea, double T) =>
        Resistivity(T) * length / (count * Math.PI * FilamentRadius * FilamentRadius) * cellArea;

    /// <summary>
    /// Reads the metal's <c>electrical_resistivity</c> block, <c>filament_radius</c> and
    /// <c>validity.melting_point</c>; null when any is missing (a contact is then a hard short at once).
    /// </summary>
    public static MetalBridge? Read(Parameters p, Material metal)
    {
        if (!p.Has(metal, "electrical_resistivity") || !p.Has(metal, "filament_radius") || !p.Has(metal, "validity.melting_point")) return null;
        var rho = p.Get(metal, "electrical_resistivity.value_at_reference", QuantityKind.Resistivity);
        var tRef = p.Get(metal, "electrical_resistivity.reference_temperature", QuantityKind.Temperature);
        var slope = p.Get(metal, "electrical_resistivity.temperature_slope", QuantityKind.ResistivityPerKelvin);
        var r = p.Get(metal, "filament_radius", QuantityKind.Length);
        var tm = p.Get(metal, "validity.melting_point", QuantityKind.Temperature);
        if (rho <= 0 || r <= 0)
            throw new InputException($"{metal.Name}: electrical_resistivity and filament_radius must be positive", metal.Properties.Location);
        return new MetalBridge(rho, tRef, slope, r, tm);
    }
}
