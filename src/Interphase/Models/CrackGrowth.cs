using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Growth of a metal-filled crack once plating has opened it (Ning et al., Nat. Mater. 20, 1121
/// (2021) and Nature 618, 287 (2023): the crack is opened by the metal deposited and extruded into it,
/// and it advances as fast as metal is supplied to it). The crack is a plane-strain edge crack of
/// depth ℓ held at the critical state K_I = K_Ic while it grows (quasi-static, as in Klinsmann et
/// al., J. Electrochem. Soc. 166, A5001 (2019)):
/// <code>
/// P(ℓ)   = K_Ic/(Y·√(πℓ))                                 metal pressure that keeps it critical
/// V(ℓ)   = π·P·ℓ²/E' = √π·K_Ic·ℓ^(3/2)/(Y·E')             its volume per unit width: half a Griffith crack of
///                                                         half-length ℓ at P, opening (4P/E')·√(ℓ² − x²)
///                                                         (Tada, Paris &amp; Irwin, The Stress Analysis of
///                                                         Cracks Handbook, 3rd ed.)
/// I'(ℓ)  = 2ℓ·|j|                                          current it collects per unit width: a conducting
///                                                         slit of depth ℓ on an electrode in a uniform field
///                                                         collects the flux of a 2ℓ-wide strip (conformal map
///                                                         w = √(z² + ℓ²)); beyond the µm-sized contact spots
///                                                         the field carries the electrode's mean current j
/// dV/dt  = (V_m/zF)·I'   ⇒   dℓ/dt = (4Y/(3√π))·(V_m/zF)·(E'/K_Ic)·|j|·√ℓ
/// </code>
/// E' = E/(1 − ν²) = 2G/(1 − ν) is the plane-strain modulus. √ℓ grows linearly in time, so the time
/// to cross a layer grows as √L: the short follows from the separator thickness, the onset does not.
/// The kinetic and ohmic resistance of the crack walls is neglected (the metal is an equipotential).
/// </summary>
public static class CrackGrowth
{
    /// <summary>Plane-strain modulus E' = 2G/(1 − ν) (Pa).</summary>
    public static double PlaneStrainModulus(double shearModulus, double poissonRatio) => 2 * shearModulus / (1 - poissonRatio);

    /// <summary>dℓ/dt (m/s) of a crack of depth ℓ (m) fed by the mean plating current density (A/m²).</summary>
    public static double Velocity(double plateCurrent, double depth, double thicknessPerCharge, double planeStrainModulus, double fractureToughness) =>
        4 * FractureCriterion.ShapeFactor / (3 * Math.Sqrt(Math.PI)) * thicknessPerCharge * planeStrainModulus / fractureToughness * Math.Max(0, plateCurrent) * Math.Sqrt(depth);

    /// <summary>Time (s) for a crack to grow from depth ℓ0 to ℓ1 at a constant plating current: the integral of the velocity.</summary>
    public static double TimeToGrow(double from, double to, double plateCurrent, double thicknessPerCharge, double planeStrainModulus, double fractureToughness) =>
        (Math.Sqrt(to) - Math.Sqrt(from)) * 3 * Math.Sqrt(Math.PI) / (2 * FractureCriterion.ShapeFactor) * fractureToughness / (planeStrainModulus * thicknessPerCharge * plateCurrent);
}
