using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// What lies in parallel with a cell's ionic path, the same for a symmetric and a full cell
/// (docs/models.md §7.3 and §9): the electronic leak R_e (<see cref="ElectronicLeakage"/>; ∞ for an
/// insulating stack) and, once a filament has spanned the separator, the metallic path R_sh with it.
/// </summary>
internal static class CellCircuit
{
    /// <summary>
    /// Voltage and the current through the ionic path at external current density i. <paramref name="ionic"/>
    /// gives the ionic path's voltage at its own current, <paramref name="ionicAfterShort"/> the same without
    /// nucleation overpotentials (the few-mV voltage across a short is far below any nucleation barrier).
    /// The leak takes V/R_e of the current: at open circuit (i = 0) it discharges a full cell through itself.
    /// </summary>
    public static (double v, double iCell) Solve(double i, bool shorted, double rE, double rSh, Func<double, double> ionic, Func<double, double> ionicAfterShort)
    {
        if (shorted) return StepControl.Shorted(i, double.IsPositiveInfinity(rE) ? rSh : rSh * rE / (rSh + rE), ionicAfterShort);
        double v = ionic(i);
        if (double.IsPositiveInfinity(rE)) return (v, i);
        // a leak below 1e-9 of the current is not resolved (it is written in iCell, not fed back into V)
        if (i != 0 && Math.Abs(v) <= 1e-9 * Math.Abs(i) * rE) return (v, i - v / rE);
        if (i == 0)
        {
            // open circuit: the leak's current −V/R_e through the ionic path; where it moves the voltage by less
            // than a microvolt, one substitution is the root (the remaining error in the current is below 1 µV/R_e)
            double x = -v / rE, v1 = ionic(x);
            if (Math.Abs(v1 - v) < 1e-6) return (v1, x);
        }
        return ElectronicLeakage.Split(i, rE, v, ionic);
    }
}
