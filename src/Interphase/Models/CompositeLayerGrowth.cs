using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// A conducting-polymer layer electropolymerised in a full cell on the composite cathode's surface in contact
/// with the electrolyte (docs/models.md §16.2): the law of §16.1 (<see cref="Electropolymerisation"/>) per
/// real area, on the particles' surface a = 3·V_am/R_p per electrode area (spheres; the specific surface
/// a_s = 3ε_s/R_p of porous-electrode theory, Doyle, Fuller &amp; Newman, J. Electrochem. Soc. 140, 1526 (1993)).
/// <code>
/// i_p,geo = a·i_p(E, c_s)                          polymerisation current per electrode area
/// L       = Faraday(Q_geo/a)                       mean thickness on the particles
/// R_ci    = R_real(L)/a,   R_real(0) = R_ci0·a     the bare interface is the pair's measured one
/// </code>
/// The covered fraction's interfaces in series: the film's with the electrolyte (the blocking cell's
/// <c>PT|electrolyte</c>), the film's own ionic resistance at its local thickness, and the Li⁺ transfer from the
/// film into the active material (<c>cathode|PT</c>).
/// </summary>
public sealed record CompositeLayerGrowth(
    // The growth law per real area of the particles' surface (pristine ASR per real area: the pair's value × a).
    Electropolymerisation Law,
    // Particle surface per electrode area, a = 3·V_am/R_p (m²/m²).
    double SurfaceArea,
    // Thickness of the monomer's diffusion domain: the separator and the composite's pore electrolyte (m).
    double MonomerDomainThickness)
{
    public double Thickness(double chargeGeo) => Law.Thickness(chargeGeo / SurfaceArea);
    public double Coverage(double chargeGeo) => Law.Coverage(Thickness(chargeGeo));
    public double MassPerArea(double chargeGeo) => Law.MassPerArea(chargeGeo);

    /// <summary>Cathode interface ASR per electrode area (Ω m²) after a polymerisation charge per electrode area Q (C/m²).</summary>
    public double InterfaceAsr(double chargeGeo, double temperatureK) => Law.InterfaceAsr(Thickness(chargeGeo), temperatureK) / SurfaceArea;

    /// <summary>Polymerisation current per electrode area per surface concentration (A m/mol) at potential E vs Li.</summary>
    public double CurrentPerConcentration(double e, double temperatureK) => SurfaceArea * Law.CurrentPerConcentration(e, temperatureK);

    /// <summary>Its derivative with the potential (A m/(mol V)), for the small-signal branch.</summary>
    public double CurrentPerConcentrationSlope(double e, double temperatureK) => SurfaceArea * Law.CurrentPerConcentrationSlope(e, temperatureK);

    /// <summary>The monomer's sink rate at the cathode face (m/s: flux per electrode area = k·c_s) at potential E.</summary>
    public double SinkRate(double e, double temperatureK) => CurrentPerConcentration(e, temperatureK) / (Law.ElectronsPerMonomer * Si.Faraday);
}
