using Interphase.Protocols;

namespace Interphase.Simulation;

/// <summary>How a potentiostatic hold's current is found in a time step (<see cref="StepEngine.TakeStep{M}"/>).</summary>
internal enum HoldControl
{
    /// <summary>Not a hold: the step's current is given (a constant, a profile's mean, or zero at rest).</summary>
    None,
    /// <summary>
    /// Backward Euler: before the advance, the current at which the state advanced over dt has the set voltage
    /// (IStepModel.ImplicitHoldCurrent); the step is halved while it moves by more than the plan's HoldLimit.
    /// </summary>
    Implicit,
    /// <summary>
    /// The state advances at the current of the last point; after it, the current that holds the set voltage at the
    /// end state (IStepModel.HoldCurrentAt) is the step's; the plan's limits judge the change.
    /// </summary>
    AtEnd,
}

/// <summary>
/// What the stepping engine needs to know of a protocol step to take its time steps: the rules that halve a step
/// (each contributed by the cell or one of its mechanisms), how a hold finds its current, and the current profile a
/// halved step takes its mean over. The simulators make one per protocol step.
/// </summary>
internal readonly record struct StepPlan(StepLimit[] Limits, HoldControl Hold = HoldControl.None, HoldCurrentLimit? HoldLimit = null,
    CurrentProfile? Profile = null, double ProfileScale = 0)
{
    /// <summary>The current over a (halved) step from <paramref name="elapsed"/> into the protocol step for dt: a profile's mean, else <paramref name="i"/>.</summary>
    public double CurrentOver(double i, double elapsed, double dt) => Profile is null ? i : ProfileScale * Profile.MeanOver(elapsed, elapsed + dt);
}
