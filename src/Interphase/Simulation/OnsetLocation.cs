namespace Interphase.Simulation;

/// <summary>
/// The moment within a time step at which plating first meets a layer's penetration criterion (decision 0073): a
/// filament grows over an advance from the step's start when the criterion is met at the advance's end (Heun's
/// trapezoid, decision 0069: the velocity in the start state is zero, the one in the end state is not; a polymer's
/// spot grows from the interpolated moment its face runs out). The step itself is not cut; only the moment written
/// as the onset is located, by bisection of the advance from the step's start, as a filament's contact is
/// (StepEngine.ToContact).
/// </summary>
internal static class OnsetLocation
{
    /// <summary>Width (s) of the interval the onset is located to (as a filament's contact, StepEngine.MinContactStep).</summary>
    public const double Tolerance = VelocityThreshold.Tolerance;

    /// <summary>
    /// The longest advance (s) from the step's start over which no filament grows, to <see cref="Tolerance"/>:
    /// the onset lies within <see cref="Tolerance"/> after it; 0 when the criterion is met at the step's start (a
    /// filament grows over every advance). <paramref name="grows"/>(τ): whether a filament grows over an advance
    /// of τ from the step's start (the model's state left as it is); <paramref name="dt"/>: the step, over which one
    /// grew.
    /// </summary>
    public static double Delay(Func<double, bool> grows, double dt) => VelocityThreshold.Bracket(grows, dt).Lo;
}
