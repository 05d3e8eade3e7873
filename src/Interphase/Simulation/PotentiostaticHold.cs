namespace Interphase.Simulation;

/// <summary>
/// A potentiostatic step of a symmetric cell (<c>Hold at 10 mV for 2 h</c>): at every time step the
/// current density is the one at which the cell's voltage, in its present state, equals the set
/// voltage; the state then advances over the step at that current, and the step is halved while the
/// current that holds the voltage at its end differs from it by more than
/// <see cref="MaxRelativeCurrentChange"/>. This is the chronoamperometry of the Bruce–Vincent method
/// (Evans, Vincent &amp; Bruce, Polymer 28, 2324 (1987)): in a binary electrolyte the current decays from
/// ΔV/(R_el + R_int) as the salt gradient builds up, to the steady state where only the cations carry it.
/// <para>The galvanostatic nucleation overpotential (a transient of plating on a fresh surface at a
/// forced current) is not applied during a hold: the current is free to adjust, and the set
/// voltages of such experiments (≈10 mV) lie below the barrier, which would otherwise admit no
/// current at all.</para>
/// <para>The voltage is monotonic in the current, but beyond a limiting current (a salt-depleted
/// face) it is not finite; the root is found by <see cref="MonotoneRoot"/>, a non-finite voltage
/// counting as one beyond any set value.</para>
/// </summary>
public static class PotentiostaticHold
{
    /// <summary>Largest relative change of the held current over one time step.</summary>
    public const double MaxRelativeCurrentChange = 0.02;

    /// <summary>Current density (A/m²) below which a change is not resolved (1 nA/cm²).</summary>
    public const double CurrentFloor = 1e-5;

    /// <summary>Shortest time step (s) the current control halves to.</summary>
    public const double MinStep = 1e-3;

    /// <summary>
    /// The current density i with <paramref name="voltage"/>(i) = <paramref name="volts"/>, the voltage
    /// rising with the current (positive: electrode 1 strips), from a bracket of the small-signal estimate.
    /// </summary>
    public static double Current(double volts, Func<double, double> voltage)
    {
        double F(double i)
        {
            double v = voltage(i);
            return double.IsFinite(v) ? v - volts : (i > 0 ? double.PositiveInfinity : double.NegativeInfinity);
        }
        double f0 = F(0);
        if (f0 == 0) return 0;
        // small-signal slope for the first guess
        const double probe = 1e-3; // A/m², 0.1 µA/cm²
        double slope = (F(probe) - F(-probe)) / (2 * probe);
        double guess = double.IsFinite(slope) && slope > 0 ? Math.Abs(f0) / slope : 1;
        double g = Math.Max(guess, 1e-6);
        try { return f0 < 0 ? MonotoneRoot.Find(F, 0, g) : MonotoneRoot.Find(F, -g, 0); }
        catch (InvalidOperationException) { throw new InvalidOperationException($"no current holds {volts} V"); }
    }
}
