namespace Interphase.Models;

/// <summary>
/// Whether a metal bridge across the separator melts (fuses) under the current it carries. A bridge
/// between two electrodes that hold its ends at the cell temperature T is hottest inside; where the
/// Wiedemann–Franz law holds (thermal conductivity λ = L0·T/ρ) its hottest temperature depends only on
/// the voltage U across it, whatever its shape (the Kohlrausch φ–ϑ relation; Holm, Electric Contacts,
/// 4th ed., Springer 1967, §13; Greenwood &amp; Williamson, Proc. R. Soc. A 246, 13 (1958)):
/// <code>
/// T_max² − T² = U²/(4·L0)      ⇒   it melts when U ≥ U_m = 2·√(L0·(T_m² − T²))
/// </code>
/// (≈0.11 V for Li at 25 °C, 0.096 V at 60 °C). Along the bridge T(φ)² = T² + (U²/4 − φ²)/L0, with φ the potential
/// measured from its middle, so a bridge of uniform section melts over the middle fraction of its length
/// <code>f = √(1 − (U_m/U)²)</code>
/// which gathers into droplets and leaves a gap f·L (Rosso et al., Electrochim. Acta 51, 5334 (2006):
/// the "fuse effect" of dendrites that short Li|polymer|Li cells). Heat lost sideways into the electrolyte
/// is neglected (the bridge is hotter than it would be, so U_m is a lower bound), and the heating is
/// taken as instantaneous (the thermal time L²/(π²α) of a 100 µm Li bridge is ≈20 µs).
/// A bridge that carries the whole cell current below U_m (I·R_f &lt; U_m) cannot be fused by that
/// current at all.
/// </summary>
public static class BridgeFuse
{
    /// <summary>Sommerfeld value of the Lorenz number, π²k²/(3e²) (W Ω/K²).</summary>
    public const double Lorenz = 2.443e-8;

    /// <summary>Voltage (V) across a bridge whose hottest point reaches the melting point T_m with its ends at T; 0 at or above T_m.</summary>
    public static double MeltingVoltage(double meltingPoint, double T) =>
        T >= meltingPoint ? 0 : 2 * Math.Sqrt(Lorenz * (meltingPoint * meltingPoint - T * T));

    /// <summary>Fraction of a uniform bridge's length that is molten at voltage U ≥ U_m (0 below).</summary>
    public static double MoltenFraction(double voltage, double meltingVoltage)
    {
        double u = Math.Abs(voltage);
        return u <= meltingVoltage || u == 0 ? 0 : Math.Sqrt(1 - meltingVoltage * meltingVoltage / (u * u));
    }

    /// <summary>True when the bridge can never fuse at this current: it carries the whole current |i|·R_f below U_m.</summary>
    public static bool Unbreakable(double current, double bridgeAsr, double meltingVoltage) => Math.Abs(current) * bridgeAsr < meltingVoltage;
}
