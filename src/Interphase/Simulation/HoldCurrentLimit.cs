namespace Interphase.Simulation;

/// <summary>
/// Halves a time step of a potentiostatic hold whose held current changed by more than <see cref="Relative"/> of the
/// current plus <see cref="Floor"/> (A/m²) over it: the hold's counterpart of <see cref="VoltageStepLimit"/>. Where the
/// new current comes from is the cell's <see cref="HoldControl"/>.
/// </summary>
internal sealed class HoldCurrentLimit(double relative, double floor, double minStep) : StepLimit
{
    public double Relative => relative;
    public double Floor => floor;
    public override double MinStep => minStep;

    /// <summary>Whether the held current moved from <paramref name="from"/> to <paramref name="to"/> by too much.</summary>
    public bool TooLarge(double to, double from) => Math.Abs(to - from) > relative * Math.Abs(from) + floor;

    public override bool TooLarge(in StepAttempt a, double vLast) => TooLarge(a.IEnd, a.I);
}
