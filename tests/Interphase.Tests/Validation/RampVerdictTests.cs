using Interphase.Validation;

namespace Interphase.Tests.Validation;

/// <summary>
/// The verdict of a current ramp that ended without its event (decision 0041, extending 0021 to every tolerance):
/// the model's limit is then only known to lie above the highest current reached, so the entry is failed (or, for a
/// lower bound, passed) only once the ramp went past the current that decides it, and is otherwise inconclusive
/// (not scored), with the current reached and the bound in the reason. Synthetic outcomes, no simulation.
/// </summary>
public class RampVerdictTests
{
    /// <summary>A stripping-ramp entry (0.01 → 5 mA/cm², as a8, a9, a11) with the given tolerance.</summary>
    static ValidationEntry Ramp(string kind, double? tol, double target, double? low = null, double? high = null) =>
        new("x", "validation", "critical_stripping_current", "E", null, null, null, null, "q", target, "mA/cm2",
            new Tolerance(kind, tol, low, high, ""), "s", "w", "text",
            new SimulateSpec("E-Na-bare-betaalumina", null, "critical_stripping_current", null, 0.01, 5, 1.1, 1, null, null, null, default),
            null, null, default);

    static (ValidationStatus status, string reason) NoEventUpTo(ValidationEntry e, double? reached) =>
        ValidationRunner.Judge(e, null, "no contact loss of 1 % up to … (run ended: metal_exhausted)", null, null, rampReached: reached);

    /// <summary>
    /// "≤ target" (a9: 2.5 mA/cm²) and "≤ target × 2" (a8: 0.2 mA/cm²): a foil used up below the bound says nothing
    /// (the limit may lie just above where the ramp stopped, inside the bound); past it the model's limit is above the
    /// bound, a fail. A limit found at or below the bound passes, above it fails.
    /// </summary>
    [Fact]
    public void AnUpperBoundEntryIsInconclusiveUntilTheRampPassesTheBound()
    {
        var a9Like = Ramp("upper-bound", 1, 2.5);
        var (open, why) = NoEventUpTo(a9Like, 1.9);
        Assert.Equal(ValidationStatus.NotScored, open);
        Assert.StartsWith("inconclusive", why);
        Assert.Contains("1.9 mA/cm2", why);
        Assert.Contains("2.5", why);
        Assert.Equal(ValidationStatus.Fail, NoEventUpTo(a9Like, 5.39).status);
        Assert.Equal(ValidationStatus.Pass, ValidationRunner.Judge(a9Like, 2.4, "", null, null).status);
        Assert.Equal(ValidationStatus.Fail, ValidationRunner.Judge(a9Like, 2.6, "", null, null).status);

        var a8Like = Ramp("upper-bound", 2, 0.2);
        Assert.Equal(ValidationStatus.NotScored, NoEventUpTo(a8Like, 0.35).status);
        Assert.Equal(ValidationStatus.Fail, NoEventUpTo(a8Like, 1.89).status);
    }

    /// <summary>
    /// "factor 2" (a11: 2.0 mA/cm²): the band is 1–4 mA/cm². A ramp stopped at 2.7 mA/cm² (a 500 µm K foil used up)
    /// leaves a limit inside the band possible: inconclusive. Only a ramp past 4 fails it. A ramp whose last level
    /// (cut short by the foil) is exactly the band's top still leaves the top itself possible.
    /// </summary>
    [Fact]
    public void AFactorEntryIsInconclusiveUntilTheRampPassesTargetTimesFactor()
    {
        var a11Like = Ramp("factor", 2, 2.0);
        var (open, why) = NoEventUpTo(a11Like, 2.7);
        Assert.Equal(ValidationStatus.NotScored, open);
        Assert.Contains("2.7 mA/cm2", why);
        Assert.Contains("factor 2", why);
        Assert.Equal(ValidationStatus.NotScored, NoEventUpTo(a11Like, 4.0).status);
        Assert.Equal(ValidationStatus.Fail, NoEventUpTo(a11Like, 4.4).status);
        Assert.Equal(ValidationStatus.Pass, ValidationRunner.Judge(a11Like, 3.9, "", null, null).status);
    }

    /// <summary>A lower bound is met by a ramp that went past it without the event (the limit lies above), open below it.</summary>
    [Fact]
    public void ALowerBoundEntryPassesOnceTheRampPassesTheBound()
    {
        var e = Ramp("lower-bound", 2, 4);
        Assert.Equal(ValidationStatus.Pass, NoEventUpTo(e, 2.2).status);
        Assert.Equal(ValidationStatus.NotScored, NoEventUpTo(e, 1.5).status);
        Assert.Equal(ValidationStatus.Fail, ValidationRunner.Judge(e, 1.5, "", null, null).status);
    }

    /// <summary>A range is failed once the ramp passes its top without the event, inconclusive below.</summary>
    [Fact]
    public void ARangeEntryIsFailedOnlyPastItsTop()
    {
        var e = Ramp("range", null, 1, 0.5, 2);
        Assert.Equal(ValidationStatus.NotScored, NoEventUpTo(e, 1.5).status);
        Assert.Equal(ValidationStatus.Fail, NoEventUpTo(e, 2.2).status);
    }

    /// <summary>
    /// A short circuit ends the ramp with the model's own answer, the cell failing by another mechanism (decision 0021):
    /// it stands for the whole ramp, so a3/a8-like entries stay failures, and a lower bound is not met by it.
    /// </summary>
    [Fact]
    public void AShortStandsForTheWholeRamp()
    {
        const string shorted = "the cell shorted at 40.25 h (stripping 0.0459 mA/cm2) before the stripped electrode lost 1 % of its contact";
        Assert.Equal(ValidationStatus.Fail, ValidationRunner.Judge(Ramp("upper-bound", 2, 0.2), null, shorted, null, null, rampReached: null).status);
        Assert.Equal(ValidationStatus.Fail, ValidationRunner.Judge(Ramp("factor", 2, 0.1), null, shorted, null, null, rampReached: null).status);
        Assert.Equal(ValidationStatus.Fail, ValidationRunner.Judge(Ramp("lower-bound", 2, 0.05), null, shorted, null, null, rampReached: null).status);
    }
}
