namespace Interphase.Simulation;

/// <summary>
/// One component of a cell's step proposal: the longest next time step one mechanism allows, before the
/// <see cref="StepLimit"/>s judge the attempted step (decision 0034: the proposal sizes a step from the state at its
/// start, the limits halve it on what the step did). A simulator registers one per mechanism its cell has, once per
/// run, bound to its own state (decision 0054); its step proposal is the shortest of them (<see cref="Shortest"/>).
/// <paramref name="MaxStep"/>(i, elapsed): the longest step (s) at current i (A/m², the cell's sign) elapsed s after the
/// protocol step's current last changed; +∞ while the mechanism does not limit. <paramref name="Component"/>: the
/// component (<see cref="ContactChangeStep"/>, <see cref="DiffusionTransientStep"/>, …); <paramref name="Name"/>: what
/// it watches, for people and tests ("contact, electrode 1").
/// </summary>
internal sealed record StepProposal(object Component, string Name, Func<double, double, double> MaxStep)
{
    /// <summary>Shortest step (s) a proposal gives, whatever its components say (the step limits may halve below it).</summary>
    public const double Floor = 0.05;

    /// <summary>The step proposal: the shortest of the components' longest steps, at least <see cref="Floor"/>.</summary>
    public static double Shortest(StepProposal[] proposals, double i, double elapsed)
    {
        double dt = double.PositiveInfinity;
        for (int p = 0; p < proposals.Length; p++) dt = Math.Min(dt, proposals[p].MaxStep(i, elapsed));
        return Math.Max(dt, Floor);
    }
}
