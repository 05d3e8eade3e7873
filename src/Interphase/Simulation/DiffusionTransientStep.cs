namespace Interphase.Simulation;

/// <summary>
/// The longest time step a diffusion transient allows after a change of current (a step's proposal, before the
/// <see cref="StepLimit"/>s judge it): while less than <see cref="Window"/> time constants τ have passed since the
/// change, at most the larger of <see cref="ElapsedShare"/> of the time since it, <see cref="TauShare"/> of τ and
/// <see cref="Floor"/> (the run's tolerance scale multiplies the cell's proposal, StepProposal.Shortest). The salt profile
/// itself is exact in time over a step of constant current (ConcentrationPolarisation.Advance) and the particles'
/// solver is stable at any step; the limit resolves what reads a diffusion front over a step (the voltage limits, a
/// spot's Sand onset), which a step as long as the time since the change would smooth (decision 0042).
/// </summary>
/// <param name="ElapsedShare">Share of the time since the change of current.</param>
/// <param name="TauShare">Share of the time constant, the step the transient allows however young.</param>
/// <param name="Floor">Shortest step this proposes (s).</param>
/// <param name="Window">Time constants after the change beyond which the transient no longer limits the step.</param>
internal sealed record DiffusionTransientStep(double ElapsedShare, double TauShare, double Floor, double Window)
{
    /// <summary>The longest step (s) at <paramref name="elapsed"/> s after the change, for time constant <paramref name="tau"/> (s); +∞ past the window.</summary>
    public double MaxStep(double elapsed, double tau) =>
        elapsed < Window * tau ? Math.Max(Floor, Math.Max(ElapsedShare * elapsed, TauShare * tau)) : double.PositiveInfinity;
}
