using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Onset of ramified growth in a binary salt electrolyte where the salt at the plating face runs out
/// (Sand, Phil. Mag. 1, 45 (1901); Chazalviel, Phys. Rev. A 42, 7355 (1990); Brissot, Rosso,
/// Chazalviel, Lascaud, J. Power Sources 81–82, 925 (1999); Rosso et al., J. Power Sources 97–98,
/// 804 (2001)). In a semi-infinite electrolyte at constant current i the face concentration reaches
/// zero at Sand's time t_S = πD(z·c0·F)²/(4(i(1 − t+))²).
///
/// The plating current is focused on the nucleation spots (local current i/(φθ)). The column of
/// electrolyte above a spot is treated as a 1-D cell carrying the focused current (lateral diffusion
/// between spots neglected): linear diffusion with a flux proportional to the cell's at every instant
/// gives, by superposition, c_spot(x, t) = c0 − (c0 − c(x, t))·i_loc/i, with c the simulated profile
/// of the whole cell (<see cref="ConcentrationPolarisation"/>). The spot is depleted when c_spot at
/// the plating face reaches zero.
/// </summary>
public static class SandOnset
{
    /// <summary>Fraction of the initial salt concentration below which a face counts as depleted.</summary>
    public const double DepletedBelow = 1e-6;

    /// <summary>Sand's time (s) of a semi-infinite binary electrolyte at current density i (A/m²).</summary>
    public static double SandTime(double diffusivity, double saltConcentration, double transferenceNumber, int chargeNumber, double i)
    {
        double q = chargeNumber * saltConcentration * Si.Faraday;
        double d = i * (1 - transferenceNumber);
        return Math.PI * diffusivity * q * q / (4 * d * d);
    }

    /// <summary>Salt concentration at the plating face of a spot whose current is focus times the cell's (superposition).</summary>
    public static double FocusedFaceConcentration(double saltConcentration, double cellFaceConcentration, double focus) =>
        saltConcentration - (saltConcentration - cellFaceConcentration) * focus;

    /// <summary>
    /// Fraction of a time step during which the focused face is depleted, the face concentration of
    /// the cell going linearly from cStart to cEnd over the step.
    /// </summary>
    public static double DepletedFraction(double saltConcentration, double cStart, double cEnd, double focus)
    {
        // "zero" is 1e-6·c0: the simulated profile is kept positive (ConcentrationPolarisation floors it at 1e-9·c0)
        double eps = DepletedBelow * saltConcentration;
        double a = FocusedFaceConcentration(saltConcentration, cStart, focus) - eps;
        double b = FocusedFaceConcentration(saltConcentration, cEnd, focus) - eps;
        if (a <= 0 && b <= 0) return 1;
        if (a > 0 && b > 0) return 0;
        // crossing inside the step
        return a > 0 ? -b / (a - b) : a / (a - b);
    }
}
