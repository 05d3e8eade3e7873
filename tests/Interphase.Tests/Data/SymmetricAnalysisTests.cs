using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Reports;
using Interphase.Tests.Cases;

namespace Interphase.Tests.Data;

/// <summary>Plating/stripping analysis and short-circuit detection on traces whose failure time is known.</summary>
public class SymmetricAnalysisTests
{
    const double I = 0.157e-3;          // 0.2 mA/cm² on a 10 mm electrode
    const double Half = 3600;           // 1 h half cycles
    const double Dt = 60;

    static SymmetricAnalysis Analyse(CyclingDataset d, double? area = null)
    {
        var seg = Segmentation.Of(d);
        Assert.True(SymmetricAnalysis.LooksSymmetric(d, seg));
        return SymmetricAnalysis.Of(d, seg, area);
    }

    /// <summary>Overpotential growing slowly from 50 mV, with a small nucleation overshoot at each reversal.</summary>
    static double Healthy(double t, double q) => 0.050 + 0.010 * t / 360_000 + 0.005 * Math.Exp(-q / (I * 300));

    [Fact]
    public void ARecordCutInsideAHalfCycleLabelsThatCyclePartial()
    {
        var d = Synthetic.Build(Synthetic.Symmetric(6, I, Half, restS: 600), Dt, (t, s, q, i) => Math.Sign(i) * 0.040);
        int Inside(int step) => Enumerable.Range(0, d.Count).First(i => d.StepIndex[i] == step && d.TimeS[i] - d.TimeS[0] > 0) + 10;
        // from the middle of the first plating to the middle of the last stripping (steps 0 and 10)
        var cut = SyntheticCycling.Slice(d, Inside(0), Inside(10));
        var a = Analyse(cut);
        Assert.Equal(3, a.Cycles.Count);
        Assert.Equal(["begins_before_record"], a.Cycles[0].Partial.Select(x => x.Code));
        Assert.True(a.Cycles[1].Complete);
        Assert.Equal(["ends_after_record"], a.Cycles[2].Partial.Select(x => x.Code));
        var csv = MeasurementWriter.CyclesCsv(a).TrimEnd('\n').Split('\n');
        Assert.EndsWith(",complete,partial", csv[0]);
        Assert.EndsWith(",0,begins_before_record", csv[1]);
        Assert.EndsWith(",1,", csv[2]);
        Assert.EndsWith(",0,ends_after_record", csv[3]);
        // the whole record: every cycle complete
        Assert.All(Analyse(d).Cycles, c => Assert.True(c.Complete));
    }

    [Fact]
    public void ConstantOverpotentialGivesItsValueAndTheCharge()
    {
        var d = Synthetic.Build(Synthetic.Symmetric(10, I, Half), Dt, (t, s, q, i) => Math.Sign(i) * 0.040);
        var a = Analyse(d, area: 0.785e-4);
        Assert.Equal(5, a.Cycles.Count);
        Assert.Null(a.Short);
        // the first interval starts from the rest before (0 V): the trapezoid there gives half of 40 mV
        Assert.Equal(0.040 - 0.020 * Dt / (2 * Half), a.Cycles[0].MeanAbsVoltage, 12);
        foreach (var c in a.Cycles)
        {
            if (c.Cycle > 1) Assert.Equal(0.040, c.MeanAbsVoltage, 12);
            Assert.Equal(0.040, c.MaxAbsVoltage, 12);
            Assert.Equal(I * Half, c.ChargePlatedC, 9);
            Assert.Equal(I * Half, c.ChargeStrippedC, 9);
            Assert.Equal(I / 0.785e-4, c.CurrentDensity, 6);
        }
        Assert.Equal(0.040, a.MeanOverpotential, 4);
    }

    [Theory]
    [InlineData(100.5)]   // inside a plating half cycle
    [InlineData(141.0)]   // at a reversal: the next half cycle starts shorted
    [InlineData(37.25)]
    public void CleanCollapseIsFoundWithinOneRecord(double failHours)
    {
        double tf = failHours * 3600;
        var d = Synthetic.Build(Synthetic.Symmetric(400, I, Half), Dt,
            (t, s, q, i) => Math.Sign(i) * (t <= tf ? Healthy(t, q) : 0.0004 + 0.0001 * Math.Sin(t)));
        var a = Analyse(d);
        Assert.NotNull(a.Short);
        Assert.Equal("collapse", a.Short!.Kind);
        Assert.InRange(a.Short.TimeS, tf, tf + Dt + 1e-6);
        Assert.Equal((int)Math.Floor(failHours / 2) + 1, a.Short.Cycle);
        Assert.All(a.CyclesBeforeShort, c => Assert.True(c.EndS <= a.Short.TimeS));
    }

    [Fact]
    public void NoisySoftShortIsFoundWhereTheNoiseStarts()
    {
        double tn = 250.4 * 3600; // noise starts, then the overpotential sinks over the next hours
        var rng = new Random(7);
        var d = Synthetic.Build(Synthetic.Symmetric(400, I, Half), Dt, (t, s, q, i) =>
        {
            double level = Healthy(t, q);
            if (t <= tn) return Math.Sign(i) * (level + 0.0002 * (rng.NextDouble() - 0.5));
            double f = Math.Max(0.15, 1 - (t - tn) / (4 * 3600.0));       // down to 15 % in 4 h
            return Math.Sign(i) * level * f * (1 + 0.5 * (rng.NextDouble() - 0.5));
        });
        var a = Analyse(d);
        Assert.NotNull(a.Short);
        Assert.Equal("soft", a.Short!.Kind);
        Assert.InRange(a.Short.TimeS / 3600, 250.4 - 0.1, 250.4 + 0.2);
    }

    [Fact]
    public void RisingNoisyButHealthyCellHasNoShort()
    {
        var rng = new Random(3);
        var d = Synthetic.Build(Synthetic.Symmetric(300, I, Half, restS: 600), Dt,
            (t, s, q, i) => i == 0 ? 0.002 * (rng.NextDouble() - 0.5) : Math.Sign(i) * Healthy(t, q) * (1 + 0.004 * (rng.NextDouble() - 0.5)));
        Assert.Null(Analyse(d).Short);
    }

    [Fact]
    public void HealingInterfaceIsNotAShort()
    {
        // system E: the overpotential falls from 80 to 10 mV in the initial stage, then stays flat
        var d = Synthetic.Build(Synthetic.Symmetric(200, I, Half), Dt,
            (t, s, q, i) => Math.Sign(i) * (0.010 + 0.070 * Math.Exp(-t / (20 * 3600.0))));
        var a = Analyse(d);
        Assert.Null(a.Short);
        Assert.True(a.Cycles[0].MeanAbsVoltage > 0.07 && a.Cycles[^1].MeanAbsVoltage < 0.011);
    }

    [Fact]
    public void CurrentRampShortGivesTheCriticalCurrentDensity()
    {
        // 0.1, 0.2, … mA/cm² for 1 h each way; the cell shorts while plating at 0.6 mA/cm²
        double area = 0.785e-4;
        var steps = new List<SynthStep>();
        for (int k = 1; k <= 10; k++)
        {
            double i = k * 0.1 * 10 * area; // A
            steps.Add(new SynthStep(-i, Half));
            steps.Add(new SynthStep(i, Half));
        }
        double tf = 10.5 * 3600;
        var d = Synthetic.Build(steps, Dt, (t, s, q, i) => t <= tf ? i * 300 : i * 1);
        var a = Analyse(d, area);
        Assert.NotNull(a.Short);
        Assert.Equal(6, a.Short!.Cycle);
        Assert.Equal(6.0, a.CriticalCurrentDensity!.Value, 6); // A/m² = 0.6 mA/cm²
    }

    [Fact]
    public void SimulatedBareLiPeoCellIsFoundToShortWhereTheSimulatorSaysIt_Does()
    {
        // domain.md system B: bare Li | PEO shorts after ≈ 140 h; the simulator's own event is the truth here
        var sim = DomainCaseTests.Run("B-bare-Li-PEO");
        Assert.True(sim.ShortCircuit);
        var dir = TestPaths.TempDir();
        SimulationWriter.Write(sim, dir);
        var m = Measurement.Analyze(Path.Combine(dir, "timeseries.csv"));
        Assert.Equal(CellKind.Symmetric, m.Kind);
        var a = m.Symmetric!;
        Assert.NotNull(a.Short);
        Assert.Equal(sim.ShortCircuitCycle, a.Short!.Cycle);
        Assert.InRange(a.Short.TimeS - sim.ShortCircuitTimeS!.Value, -1, 300); // within the resolution of timeseries.csv
        Assert.InRange(a.Short.TimeS / 3600, 135, 147);
        // the per-cycle overpotentials agree with the simulator's own (same definition)
        var before = sim.CyclesBeforeShort;
        Assert.Equal(before.Count, a.CyclesBeforeShort.Count);
        for (int k = 0; k < before.Count; k++)
        {
            Assert.Equal(before[k].MeanAbsVoltage, a.Cycles[k].MeanAbsVoltage, 0.01 * before[k].MeanAbsVoltage);
            Assert.Equal(before[k].MaxAbsVoltage, a.Cycles[k].MaxAbsVoltage, 1e-9);
            Assert.Equal(before[k].ChargePlated * sim.AreaM2, a.Cycles[k].ChargePlatedC, 1e-6 * before[k].ChargePlated * sim.AreaM2);
        }
        Assert.Equal(sim.MeanOverpotential, a.MeanOverpotential, 0.005 * sim.MeanOverpotential);
    }

    [Fact]
    public void SimulatedCurrentRampGivesTheSimulatorsCriticalCurrentDensity()
    {
        // the A-ccd protocol stops at the short: the record ends one point after the collapse
        var sim = DomainCaseTests.Run("A-bare-Li-LPSCl", "A-ccd.protocol");
        Assert.NotNull(sim.CriticalCurrentDensity);
        var dir = TestPaths.TempDir();
        SimulationWriter.Write(sim, dir);
        var a = Measurement.Analyze(Path.Combine(dir, "timeseries.csv")).Symmetric!;
        Assert.NotNull(a.Short);
        Assert.Equal(sim.ShortCircuitCycle, a.Short!.Cycle);
        Assert.Equal(sim.ShortCircuitTimeS!.Value, a.Short.TimeS, 1.0);
        Assert.Equal(sim.CriticalCurrentDensity!.Value, a.CriticalCurrentDensity!.Value, 1e-6);
        Assert.Equal(sim.CyclesBeforeShort.Count, a.CyclesBeforeShort.Count);
        Assert.Equal(sim.MeanOverpotential, a.MeanOverpotential, 0.01 * sim.MeanOverpotential);
    }

    [Fact]
    public void ProtectedCellThatNeverShortsIsNotFlagged()
    {
        var sim = DomainCaseTests.Run("B-DCPL-Li-PEO");
        Assert.False(sim.ShortCircuit);
        var dir = TestPaths.TempDir();
        SimulationWriter.Write(sim, dir);
        var m = Measurement.Analyze(Path.Combine(dir, "timeseries.csv"));
        Assert.Null(m.Symmetric!.Short);
        Assert.Equal(sim.Cycles.Count, m.Symmetric.Cycles.Count);
    }

    [Fact]
    public void AWrongInstrumentCycleCounterDoesNotChangeTheCycles()
    {
        var steps = Synthetic.Symmetric(12, I, Half, restS: 300);
        var wrong = steps.Select((_, k) => k % 5).ToArray(); // a counter that wraps at 5 and counts steps
        var a = Analyse(Synthetic.Build(steps, Dt, (t, s, q, i) => Math.Sign(i) * 0.03, instrumentCycle: wrong));
        var b = Analyse(Synthetic.Build(steps, Dt, (t, s, q, i) => Math.Sign(i) * 0.03));
        Assert.Equal(6, a.Cycles.Count);
        Assert.Equal(b.Cycles.Select(c => (c.StartS, c.EndS)), a.Cycles.Select(c => (c.StartS, c.EndS)));
        Assert.Contains(a.Segmentation.Notes, n => n.Contains("the instrument counts"));
    }
}
