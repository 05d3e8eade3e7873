namespace Interphase.Models;

/// <summary>
/// How fast a liquid, or a paste of solid grains in a liquid, fills a gap by capillarity.
/// <para>Washburn, Phys. Rev. 17, 273 (1921): a liquid of surface tension γ, contact angle θ and
/// viscosity μ advances into a capillary of radius r as l² = γ·r·cos θ·t/(2μ); it enters only if
/// θ &lt; 90°. A void of the asperity size (l = r = h_a) is filled after t = 2μ·h_a/(γ·cos θ), so the
/// fill rate is</para>
/// <code>
/// r_fill = γ·cos θ/(2·μ·h_a)            (0 for cos θ ≤ 0)
/// </code>
/// <para>A paste with solid volume fraction φ_s flows with the Krieger–Dougherty viscosity (Krieger
/// &amp; Dougherty, Trans. Soc. Rheol. 3, 137, 1959), with the intrinsic viscosity [η] = 2.5 of
/// spheres (Einstein, Ann. Phys. 19, 289, 1906):</para>
/// <code>
/// μ_eff = μ·(1 − φ_s/φ_m)^(−[η]·φ_m)      (no flow for φ_s ≥ φ_m, the maximum packing)
/// </code>
/// </summary>
public static class CapillaryInfiltration
{
    /// <summary>Intrinsic viscosity [η] of a suspension of spheres (Einstein 1906).</summary>
    public const double IntrinsicViscosity = 2.5;

    /// <summary>Krieger–Dougherty viscosity (Pa s) of a paste; +∞ once the grains jam (φ_s ≥ φ_m).</summary>
    public static double PasteViscosity(double liquidViscosity, double solidFraction, double maxPacking) =>
        solidFraction >= maxPacking
            ? double.PositiveInfinity
            : liquidViscosity * Math.Pow(1 - Math.Max(0, solidFraction) / maxPacking, -IntrinsicViscosity * maxPacking);

    /// <summary>Washburn fill rate (1/s) of a gap of size <paramref name="gap"/>; 0 for a non-wetting (cos θ ≤ 0) or jammed paste.</summary>
    public static double FillRate(double surfaceTension, double cosContactAngle, double viscosity, double gap) =>
        cosContactAngle <= 0 || double.IsPositiveInfinity(viscosity) ? 0 : surfaceTension * cosContactAngle / (2 * viscosity * gap);
}
