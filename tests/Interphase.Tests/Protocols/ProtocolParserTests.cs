using Interphase.Protocols;
using Interphase.Units;

namespace Interphase.Tests.Protocols;

public class ProtocolParserTests
{
    static Protocol P(params string[] lines) => ProtocolParser.ParseLines(lines);

    [Fact]
    public void EveryFormOfTheIssueParsesAsWritten()
    {
        var p = P("Plate at 0.2 mA/cm2 for 5 h",
                  "Strip at 0.2 mA/cm2 for 5 h",
                  "Plate 1 mAh/cm2 at 0.1 mA/cm2",
                  "Rest for 10 min",
                  "Repeat 100 times: Plate at 0.2 mA/cm2 for 5 h; Strip at 0.2 mA/cm2 for 5 h",
                  "Ramp from 0.1 to 0.7 mA/cm2 in steps of 0.1 mA/cm2: Plate for 1 h; Strip for 1 h",
                  "Stop if |V| > 0.5 V");
        Assert.Equal(6, p.Steps.Count);
        var plate = Assert.IsType<CurrentStep>(p.Steps[0]);
        Assert.Equal(CurrentKind.Plate, plate.Kind);
        Assert.Equal(2.0, plate.Current!.Value.Value, 12);
        Assert.Equal(CurrentUnit.Density, plate.Current.Value.Unit);
        Assert.Equal(5 * 3600, plate.DurationS);
        Assert.Equal(CurrentKind.Strip, Assert.IsType<CurrentStep>(p.Steps[1]).Kind);
        var cap = Assert.IsType<CurrentStep>(p.Steps[2]);
        Assert.Equal(36000, cap.Capacity!.Value, 6);
        Assert.Equal(1.0, cap.Current!.Value.Value, 12);
        Assert.Equal(600, Assert.IsType<RestStep>(p.Steps[3]).DurationS);
        var rep = Assert.IsType<RepeatBlock>(p.Steps[4]);
        Assert.Equal(100, rep.Count);
        Assert.Equal(2, rep.Body.Count);
        var ramp = Assert.IsType<RampBlock>(p.Steps[5]);
        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7], ramp.Values().Select(v => Math.Round(v.Value, 9)).ToArray());
        Assert.Null(Assert.IsType<CurrentStep>(ramp.Body[0]).Current);
        var stop = Assert.Single(p.StopConditions);
        var cond = Assert.IsType<VoltageCondition>(stop.Condition);
        Assert.True(cond.Absolute);
        Assert.Equal(0.5, cond.Volts);
        Assert.True(cond.IsMet(-0.51) && cond.IsMet(0.51) && !cond.IsMet(0.49));
    }

    [Fact]
    public void FlattenExpandsRepeatsAndRampsWithTheirCurrents()
    {
        var p = P("Repeat 3 times: Plate at 0.2 mA/cm2 for 5 h; Strip at 0.2 mA/cm2 for 5 h",
                  "Ramp from 0.1 to 0.3 mA/cm2 in steps of 0.1 mA/cm2: Plate for 1 h; Strip for 1 h");
        var flat = p.Flatten().ToList();
        Assert.Equal(6 + 6, flat.Count);
        Assert.Equal([1.0, 1, 2, 2, 3, 3], flat.Skip(6).Select(f => Math.Round(f.rampCurrent!.Value.Value, 9)).ToArray());
    }

    [Fact]
    public void IndentedBlocksAndCommentsAreAccepted()
    {
        var p = ProtocolParser.Parse("""
            # a CCD test
            Repeat 2 times:
                Plate at 0.1 mA/cm2 for 1 h   # plating
                Strip at 0.1 mA/cm2 for 1 h
            Rest for 1 h
            """, "test.protocol");
        Assert.Equal(2, p.Steps.Count);
        Assert.Equal(2, Assert.IsType<RepeatBlock>(p.Steps[0]).Body.Count);
    }

    [Fact]
    public void UnitsUsersWriteAndCRates()
    {
        var p = P("Plate at 200 uA/cm2 for 30 min", "Strip at 0.157 mA for 2 h", "Charge at 0.1C until 4.3 V", "Discharge at 200 mA/g until 2.8 V",
                  "Hold at 4.3 V until C/50", "Rest for 1 h at 40 degC", "Measure EIS from 1 MHz to 100 mHz with 8 points per decade");
        Assert.Equal(2.0, ((CurrentStep)p.Steps[0]).Current!.Value.Value, 12);
        Assert.Equal(CurrentUnit.Absolute, ((CurrentStep)p.Steps[1]).Current!.Value.Unit);
        var ch = (CurrentStep)p.Steps[2];
        Assert.Equal(CurrentUnit.CRate, ch.Current!.Value.Unit);
        Assert.Equal(0.1, ch.Current.Value.Value, 12);
        var until = Assert.IsType<VoltageCondition>(ch.Until);
        Assert.False(until.Absolute);
        Assert.True(until.IsMet(4.3) && !until.IsMet(4.2));
        Assert.Equal(CurrentUnit.PerMass, ((CurrentStep)p.Steps[3]).Current!.Value.Unit);
        Assert.True(((VoltageCondition)((CurrentStep)p.Steps[3]).Until!).IsMet(2.79));
        var hold = (HoldStep)p.Steps[4];
        Assert.Equal(0.02, Assert.IsType<CurrentBelowCondition>(hold.Until).Limit.Value, 12);
        Assert.Equal(313.15, ((RestStep)p.Steps[5]).TemperatureK!.Value, 9);
        var eis = (MeasureEisStep)p.Steps[6];
        Assert.Equal(1e6, eis.FMaxHz);
        Assert.Equal(0.1, eis.FMinHz, 12);
        Assert.Equal(8, eis.PointsPerDecade);
    }

    [Theory]
    [InlineData("Plate at 0.2 mA/cm2 for 5 hours please", 1, 33, "found 'please'")]
    [InlineData("Plate at 0.2 mA/cm2 for 5 furlongs", 1, 25, "'5' has no unit: expected a time")]
    [InlineData("Plate at 0.2 mA/cm2 for 5 h quickly", 1, 29, "expected 'at <current>'")]
    [InlineData("Plait at 0.2 mA/cm2 for 5 h", 1, 1, "unknown step 'Plait'")]
    [InlineData("Plate at 0.2 mV for 5 h", 1, 10, "current density")]
    [InlineData("Plate at 0.2 mA/cm2", 1, 1, "never ends")]
    [InlineData("Rest 10 min", 1, 6, "expected 'for <time>'")]
    [InlineData("Repeat many times: Plate at 0.2 mA/cm2 for 1 h", 1, 8, "whole number")]
    [InlineData("Ramp from 0.1 to 0.7 mA/cm2: Plate for 1 h", 1, 28, "in steps of")]
    [InlineData("Stop if |V| 0.5 V", 1, 13, "comparison")]
    [InlineData("Plate at 0.2 mA/cm2 for -5 h", 1, 25, "positive")]
    [InlineData("Rest for 1 h (1 minute perio)", 1, 24, "expected 'period)'")]
    [InlineData("Discharge at 2 W for 1 h", 1, 14, "constant-power")]
    [InlineData("Discharge at 4 Ohm for 1 h", 1, 14, "constant-resistance")]
    [InlineData("Rest for 1 h (1 minute period", 1, 30, "expected ')'")]
    [InlineData("Rest for 1 h (0 s period)", 1, 15, "positive")]
    [InlineData("Measure EIS from 1 MHz to 1 Hz (1 s period)", 1, 32, "current, rest or hold step")]
    public void SyntaxErrorsNameLineColumnAndWhatWasExpected(string line, int lineNo, int col, string fragment)
    {
        var e = Assert.Throws<InputException>(() => ProtocolParser.Parse(line, "p.txt"));
        Assert.Equal("p.txt", e.Location.File);
        Assert.Equal(lineNo, e.Location.Line);
        Assert.Equal(col, e.Location.Column);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void ErrorOnALaterLineNamesThatLine()
    {
        var e = Assert.Throws<InputException>(() => ProtocolParser.Parse("Rest for 1 h\n\nStrip at 0.2 mA/cm2 four 5 h", "p.txt"));
        Assert.Equal(3, e.Location.Line);
        Assert.StartsWith("p.txt:3:", e.OneLine);
    }

    [Fact]
    public void EmptyProtocolIsAnError() =>
        Assert.Contains("no steps", Assert.Throws<InputException>(() => ProtocolParser.Parse("# nothing\n", "p.txt")).Message);

    [Fact]
    public void PyBaMMExperimentStringsParseAsWritten()
    {
        // PyBaMM's own examples (pybamm.Experiment docs): 'or until', hours and minutes spelled out, a period clause
        var p = ProtocolParser.Parse("""
            Discharge at 1C for 1 hour or until 3.3 V (1 minute period)
            Rest for 30 minutes (10 seconds period)
            Charge at C/3 until 4.2 V
            Hold at 4.2 V until 50 mA (5 minute period)
            """, "p.txt");
        var d = Assert.IsType<CurrentStep>(p.Steps[0]);
        Assert.Equal(3600, d.DurationS);
        Assert.Equal(3.3, Assert.IsType<VoltageCondition>(d.Until).Volts);
        Assert.Equal(60, d.PeriodS);
        Assert.Equal("Discharge at 1C for 1 hour or until 3.3 V", d.Text);
        var r = Assert.IsType<RestStep>(p.Steps[1]);
        Assert.Equal(1800, r.DurationS);
        Assert.Equal(10, r.PeriodS);
        Assert.Null(p.Steps[2].PeriodS);
        var h = Assert.IsType<HoldStep>(p.Steps[3]);
        Assert.Equal(0.05, Assert.IsType<CurrentBelowCondition>(h.Until).Limit.Value, 12);
        Assert.Equal(300, h.PeriodS);
    }

    [Fact]
    public void ACountOfOneAfterAScanRateIsTheCountNotPartOfTheRate()
    {
        // "1" alone parses as the dimensionless unit, so "2 mV/s 1" was read as the rate and "time" left over:
        // 'Cycle … at 2 mV/s 1 time' was refused while '… 2 times' ran (decision 0056)
        var c = Assert.IsType<CyclicSweepStep>(P("Cycle between 0 V and 1 V at 2 mV/s 1 time").Steps[0]);
        Assert.Equal(1, c.Count);
        Assert.Equal(2e-3, c.RateVPerS, 12);
        var c3 = Assert.IsType<CyclicSweepStep>(P("Cycle between 0 V and 1 V at 0.5 mV/s 3 times").Steps[0]);
        Assert.Equal(3, c3.Count);
        Assert.Equal(5e-4, c3.RateVPerS, 12);
    }
}
