namespace Interphase.Models;

/// <summary>
/// The electrolyte's reduction on a blocking working electrode below its reduction potential, passivated by its own
/// products (docs/models.md §16.4): the Butler–Volmer rate (transfer coefficient ½, formal potential E_red) of an
/// irreversible reduction on the part of the electrode the film leaves bare,
/// <code>
/// r(E)  = i_r0·[exp((E_red − E)/b_r) − exp((E − E_red)/b_r)]  for E &lt; E_red;  0 at and above E_red
/// i_red = −r(E)·(1 − q/q_m),     dq/dt = −i_red,   q ≤ q_m
/// </code>
/// E_red the electrolyte's <c>validity.reduction_potential</c>, i_r0 the exchange current density (the Tafel line's
/// value at E_red), b_r the potential per e-fold, q the charge of reduction passed and q_m the charge of the closed
/// passivating film. Each unit of charge covers the same area of the electrode (the covered fraction q/q_m), so on a
/// linear sweep the current rises with the Tafel law, peaks where the film closes and then falls, and a second sweep
/// finds the electrode covered.
/// </summary>
public sealed record ElectrolyteReduction(double ReductionPotential, double CurrentDensity, double TafelSlope, double PassivationCharge)
{
    /// <summary>
    /// The rate on a bare electrode at E (A/m², positive; 0 at and above E_red, where the products are not formed and the
    /// irreversible reduction has no back reaction), the exponent capped so that far below E_red it stays finite.
    /// </summary>
    public double BareRate(double e)
    {
        if (e >= ReductionPotential) return 0;
        double x = Math.Min(600, (ReductionPotential - e) / TafelSlope);
        return CurrentDensity * (Math.Exp(x) - Math.Exp(-x));
    }

    /// <summary>
    /// The reduction charge (C/m²) after a time step dt at E from q: backward Euler of dq/dt = r(E)·(1 − q/q_m),
    /// q' = (q + r·dt)/(1 + r·dt/q_m), which stays below q_m (to rounding) for any step.
    /// </summary>
    public double ChargeAfter(double q, double e, double dt)
    {
        double rdt = BareRate(e) * dt;
        return (q + rdt) / (1 + rdt / PassivationCharge);
    }

    /// <summary>The reduction current density over the step (A/m², cathodic: negative), −(q' − q)/dt.</summary>
    public double Current(double q, double e, double dt) => -(ChargeAfter(q, e, dt) - q) / dt;

    /// <summary>The covered fraction of the electrode after a charge q (C/m²).</summary>
    public double Coverage(double q) => Math.Min(1, q / PassivationCharge);

    /// <summary>
    /// On a linear sweep at rate ν (V/s) from above E_red onto a bare electrode, where the back term is negligible (a
    /// peak more than 3·b_r below E_red): the peak potential and current of the irreversible surface wave (Laviron,
    /// J. Electroanal. Chem. 101, 19 (1979); recalled, not re-checked against the paper):
    /// E_p = E_red − b_r·ln(q_m·ν/(b_r·i_r0)),  |i_p| = q_m·ν/(e·b_r).
    /// </summary>
    public (double PeakPotential, double PeakCurrent) LinearSweepPeak(double rateVPerS) =>
        (ReductionPotential - TafelSlope * Math.Log(PassivationCharge * rateVPerS / (TafelSlope * CurrentDensity)),
         PassivationCharge * rateVPerS / (Math.E * TafelSlope));
}
