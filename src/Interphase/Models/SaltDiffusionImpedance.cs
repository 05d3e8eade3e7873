using System.Numerics;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// The small-signal impedance of the binary salt's concentration polarisation (<see cref="ConcentrationPolarisation"/>)
/// across an electrolyte of thickness L between two faces that pass the cation only, docs/models.md §12:
/// <code>
/// Z_d = R_d·tanh(√(jωτ_d))/√(jωτ_d),   τ_d = L²/(4D)
/// R_d = 2RT·χ·(1 − t+)²·L/(z²F²·D·c*),  1/c* = ½(1/c(0) + 1/c(L))
/// </code>
/// The finite-length (transmissive) Warburg of the profile's antisymmetric part, whose midplane does not move (Bruce &amp;
/// Vincent, J. Electroanal. Chem. 225, 1 (1987); Barsoukov &amp; Macdonald, Impedance Spectroscopy, 3rd ed., §2.2).
/// R_d is η_conc = (2RT/zF)·χ·(1 − t+)·ln(c(0)/c(L)) linearised about the present face concentrations with the
/// steady increment ±(1 − t+)·i·L/(2zFD) at each face (diffusion is linear in c, so the increment does not depend on the
/// profile it adds to); c* = c0 for a uniform profile. R_d is the DC's slope with the salt relaxed (decision 0077).
/// </summary>
public readonly record struct SaltDiffusionImpedance(double Resistance, double TimeConstant)
{
    /// <summary>
    /// The element of polarisation model cp at salt diffusivity d (m²/s) and temperature T, linearised about the
    /// concentration c* (mol/m³): the harmonic mean of the faces' (<see cref="About"/>), or c0 for a uniform profile.
    /// </summary>
    public static SaltDiffusionImpedance Of(ConcentrationPolarisation cp, double d, double temperatureK, double concentration)
    {
        double t = cp.TransferenceNumber;
        int z = cp.ChargeNumber;
        double rd = 2 * Si.GasConstant * temperatureK * cp.ThermodynamicFactor * (1 - t) * (1 - t) * cp.Thickness
            / (z * z * Si.Faraday * Si.Faraday * d * concentration);
        return new SaltDiffusionImpedance(rd, cp.Thickness * cp.Thickness / (4 * d));
    }

    /// <summary>c* = 2/(1/c(0) + 1/c(L)), the concentration R_d is linearised about for faces at c(0) and c(L).</summary>
    public static double About(double left, double right) => 2 / (1 / left + 1 / right);

    /// <summary>Z_d (Ω m²) at jω.</summary>
    public Complex At(Complex jw)
    {
        var s = Complex.Sqrt(jw * TimeConstant);
        return Resistance * Complex.Tanh(s) / s;
    }
}
