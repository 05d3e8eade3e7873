namespace Interphase.Simulation;

/// <summary>
/// A rule of the stepping engine (<see cref="StepEngine.TakeStep{M}"/>) that says when an attempted time step changed
/// something by too much and must be halved, down to the rule's own shortest step. A cell model contributes one per
/// quantity it resolves (<see cref="VoltageStepLimit"/>, <see cref="HoldCurrentLimit"/>); the engine halves while any
/// of them objects.
/// </summary>
internal abstract class StepLimit
{
    /// <summary>Shortest time step (s) this rule halves to: below it the step is accepted whatever the change.</summary>
    public abstract double MinStep { get; }

    /// <summary>Whether the attempted step <paramref name="a"/> (ending at V = a.V, current a.IEnd) changed too much from the last point (voltage <paramref name="vLast"/>).</summary>
    public abstract bool TooLarge(in StepAttempt a, double vLast);
}
