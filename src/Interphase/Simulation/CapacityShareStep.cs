namespace Interphase.Simulation;

/// <summary>
/// Keeps a full cell's state of charge resolved: a step passes at most <paramref name="Share"/> (5 %) of the cathode's
/// full charge Q (C/m², CompositeCathode.FullCharge), the step Share·Q/|i|. The open-circuit potential, the particles'
/// surface and the conversion front move with the charge passed, and the parasitic and degradation terms are split
/// off at the step's start; without it a step in a flat stretch of the curve, where the voltage limit does not act,
/// could pass a large share of the capacity at once (the full cell's first version, docs/models.md §14; named a
/// component by decisions 0034 and 0054). No limit at open circuit.
/// </summary>
internal sealed record CapacityShareStep(double Share)
{
    /// <summary>The longest step (s) at current i (A/m²) for full charge <paramref name="fullCharge"/> (C/m²).</summary>
    public double MaxStep(double i, double fullCharge) => i != 0 ? Share * fullCharge / Math.Abs(i) : double.PositiveInfinity;
}
