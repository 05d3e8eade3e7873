namespace Interphase.Simulation;

/// <summary>
/// One time step as <see cref="StepEngine.TakeStep{M}"/> leaves it: its length, the current it advanced at and the
/// current at its end (a full-cell hold solves the held current again at the end state), the voltage, and the events
/// it met (a filament's contact, a standing bridge that fused or dissolved).
/// </summary>
internal struct StepAttempt
{
    /// <summary>Length of the step (s): shortened by halving, or to the moment a filament touched.</summary>
    public double Dt;
    /// <summary>External current density (A/m²) the state advanced at, and the share through the ionic path.</summary>
    public double I, ICell;
    /// <summary>The current at the end of the step: a hold's current solved at the end state (<see cref="HoldControl.AtEnd"/>), otherwise <see cref="I"/>.</summary>
    public double IEnd;
    /// <summary>The voltage at the end of the step (after a bridge that fused or dissolved).</summary>
    public double V;
    /// <summary>The voltage computed before the standing bridges were stepped (the one across them when they fused).</summary>
    public double VBridged;
    /// <summary>True when the cell is shorted by the end of the step (a hard short met in it).</summary>
    public bool ShortNow;
    /// <summary>A filament's contact made in the step that left a soft short (fused at once or standing); null: none.</summary>
    public SoftShort? Contact;
    /// <summary>Bridges standing before that contact (for its message).</summary>
    public int StandingBefore;
    /// <summary>A standing bridge that ended in the step (fused, dissolved or turned into the hard short); null: none.</summary>
    public SoftShort? Ended;
    /// <summary>The voltage just before an event of the step (a contact, a bridge's end); null: no event (StepEngine.Check).</summary>
    public double? VBeforeEvent;
}
