using Interphase.Validation;

namespace Interphase.Tests.Validation;

/// <summary>
/// The verdict of a failure time at constant current (time_to_contact_loss, time_to_short; decision 0078) whose run ended
/// without its event: as a ramp's (decision 0041), the model's time lies beyond the time the run reached, so the entry
/// fails once the run went past target × factor and is inconclusive before that; a run that ended in another failure of
/// the cell (the voltage beyond the compliance) is the model's answer and stands for the whole duration. Synthetic
/// outcomes, no simulation.
/// </summary>
public class FailureTimeVerdictTests
{
    /// <summary>An e5-like entry: time to short at 0.2 mA/cm², 15.6 h, factor 3, run for 50 h.</summary>
    static ValidationEntry Short(double durationH) =>
        new("x", "validation", "time_to_short", "E", null, null, null, 0.2, "q", 15.6, "h",
            new Tolerance("factor", 3, null, null, ""), "s", "w", "text",
            new SimulateSpec("A-bare-Li-LPSCl", null, "time_to_short", null, null, null, 1.1, 1, durationH, null, null, default),
            null, null, default);

    static (ValidationStatus status, string reason) NoShort(ValidationEntry e, double? reached) =>
        ValidationRunner.Judge(e, null, "no short circuit", null, null, rampReached: reached);

    [Fact]
    public void ARunWithoutItsEventIsInconclusiveUntilItPassesTargetTimesFactor()
    {
        var e = Short(50);
        // a foil used up at 20 h: the short may still come inside the band (5.2 to 46.8 h)
        var (open, why) = NoShort(e, 20);
        Assert.Equal(ValidationStatus.NotScored, open);
        Assert.StartsWith("inconclusive", why);
        Assert.Contains("20 h", why);
        // the whole 50 h without a short: the model's time lies beyond 46.8 h
        Assert.Equal(ValidationStatus.Fail, NoShort(e, 50).status);
        // the cell failed otherwise (compliance): the model's answer, for the whole 50 h
        Assert.Equal(ValidationStatus.Fail, NoShort(e, null).status);
        // a short found is held to the factor
        Assert.Equal(ValidationStatus.Pass, ValidationRunner.Judge(e, 40, "", null, null).status);
        Assert.Equal(ValidationStatus.Fail, ValidationRunner.Judge(e, 50, "", null, null).status);
    }

    [Fact]
    public void TheMeasuresNeedTheCurrentAndTheDuration()
    {
        Assert.Null(ValidationMeasurement.Missing(Short(50)));
        Assert.Equal("conditions.current_density_mA_cm2", ValidationMeasurement.Missing(Short(50) with { CurrentDensityMilliampPerCm2 = null }));
        Assert.Equal("h", ValidationMeasurement.Unit("time_to_contact_loss"));
        Assert.Equal("h", ValidationMeasurement.Unit("time_to_short"));
    }
}
