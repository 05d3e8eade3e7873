namespace Interphase.Models;

/// <summary>
/// A metal filament conducts electrons: before it spans the separator, the part of the cross-section
/// its fibre zone covers (area fraction a, the plating spots' φθ over the crack amplification) has
/// only the gap L − h left for ions, in parallel with the rest of the electrolyte at the full L. The
/// electrolyte's area-specific resistance falls as the filaments advance:
/// <code>R_el,eff = R_el / (1 + Σ_sides a·h/(L − h))</code>
/// (parallel ionic paths of shortened length; the cell voltage of Li|PEO cells drifts down as dendrites
/// shorten the interelectrode distance before the short, Brissot et al., J. Power Sources 81–82, 925
/// (1999); Rosso et al., Electrochim. Acta 51, 5334 (2006)). A filament that spans the separator is the
/// short itself (its metallic path, R_sh) and is left out here.
/// </summary>
public static class FilamentConduction
{
    public static double ElectrolyteAsr(double rEl, double separator, double areaLeft, double lengthLeft, double areaRight, double lengthRight) =>
        rEl / (1 + Term(separator, areaLeft, lengthLeft) + Term(separator, areaRight, lengthRight));

    static double Term(double separator, double area, double length) =>
        length <= 0 || length >= separator ? 0 : area * length / (separator - length);
}
