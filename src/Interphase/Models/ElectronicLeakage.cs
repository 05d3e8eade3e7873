using MathNet.Numerics.RootFinding;

namespace Interphase.Models;

/// <summary>
/// Electronic leakage through a cell whose layers conduct electrons a little, or whose interphase is a
/// mixed conductor (reduced LLTO), in parallel with the ionic path (docs/models.md §7.3):
/// <code>
/// R_e = Σ_sides R_e,side + L_rest/σ_e,el          (series electronic resistance, Ω m²)
/// R_e,side = 1 / Σ_p f_p·a / (L_p/σ_e,int,p) + Σ_layers h/σ_e,layer
/// i = i_ion + V/R_e,   V = V_ion(i_ion)          (galvanostatic: the leak takes V/R_e of the current)
/// Z = Z_ion ∥ R_e                                (impedance)
/// </code>
/// L_rest is the electrolyte left between the interphase fronts that consume it. This is the parallel
/// ionic/electronic circuit of a mixed conductor between reversible electrodes (Huggins, Ionics 8, 300
/// (2002); Jamnik &amp; Maier, J. Electrochem. Soc. 146, 4183 (1999)): as the interphase grows, R_e falls and
/// the voltage sinks gradually (a soft short) instead of switching to a short.
/// </summary>
public static class ElectronicLeakage
{
    /// <summary>Electronic resistance (Ω m²) of a layer of thickness h and electronic conductivity σ (S/m); ∞ for an insulator (σ = 0).</summary>
    public static double Layer(double h, double sigma) => h <= 0 ? 0 : sigma > 0 ? h / sigma : double.PositiveInfinity;

    /// <summary>
    /// Voltage and ionic current at total current density i with the leak R_e in parallel: solves
    /// V_ion(x) = (i − x)·R_e for x (Brent's method, MathNet.Numerics), at i = 0 too (the leak's own current). v0 = V_ion(i).
    /// </summary>
    public static (double v, double iIon) Split(double i, double rE, double v0, Func<double, double> ionic)
    {
        if (double.IsPositiveInfinity(rE) || (i == 0 && v0 == 0)) return (v0, i);
        double lo = Math.Min(0, i), hi = Math.Max(0, i);
        double F(double x) => ionic(x) - (i - x) * rE;
        // F rises with x (the ionic voltage rises with its current, and so does x·R_e), so its one root is found by
        // widening the bracket: a cell whose salt profile or interphase holds a voltage at zero ionic current
        // (concentration overpotential after a reversal, a full cell's open-circuit voltage) may carry an ionic
        // current beyond [0, i] or against it; at open circuit that is the leak's own current, V/R_e
        double scale = i != 0 ? Math.Abs(i) : Math.Abs(v0) / rE;
        double w = scale;
        for (int k = 0; k < 60 && F(lo) > 0; k++) { lo -= w; w *= 2; }
        w = scale;
        for (int k = 0; k < 60 && F(hi) < 0; k++) { hi += w; w *= 2; }
        double x = Brent.FindRoot(F, lo, hi, 1e-10, 200);
        // where the ionic path cannot take more current at any voltage (a full cell's cathode whose particle surface
        // diffusion has emptied: its voltage jumps to infinity), the root is that jump: the ionic path carries its
        // limit and the leak the rest, at the voltage the leak needs for it, (i − x)·R_e
        double vIon = ionic(x), vLeak = (i - x) * rE;
        return Math.Abs(vIon - vLeak) <= 1e-3 * (1 + Math.Abs(vLeak)) ? (vIon, x) : (vLeak, x);
    }
}
