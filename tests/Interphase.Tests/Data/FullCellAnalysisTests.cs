using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Data.BioLogic;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>Capacities, efficiencies, energies and rates of full cells: random tests with known answers, and the real files.</summary>
public class FullCellAnalysisTests
{
    /// <summary>An LFP-like open-circuit curve with a plateau at 3.43 V, plus an ohmic drop.</summary>
    static double Lfp(double soc, double current) =>
        3.43 + 0.05 * Math.Tanh((soc - 0.5) * 8) + 0.3 * Math.Pow(soc - 0.5, 3) + current * 20;

    sealed record Plan(List<SynthStep> Steps, List<(double Qc, double Qd)> Cycles);

    /// <summary>Random cycling: each cycle a charge, a rest, a discharge, a rest, at random currents and durations.</summary>
    static Plan RandomPlan(Random rng, int cycles, double[]? rates = null)
    {
        var steps = new List<SynthStep>();
        var expected = new List<(double, double)>();
        for (int c = 0; c < cycles; c++)
        {
            double ic = (0.2 + 3 * rng.NextDouble()) * 1e-3;
            double id = rates is null ? (0.2 + 3 * rng.NextDouble()) * 1e-3 : rates[c * rates.Length / cycles];
            double qc = (0.5 + rng.NextDouble()) * 3.6;               // 0.5–1.5 mAh in C
            double qd = qc * (0.9 + 0.099 * rng.NextDouble());        // CE 90–99.9 %
            steps.Add(new SynthStep(ic, qc / ic));
            steps.Add(new SynthStep(0, 60 + 600 * rng.NextDouble()));
            steps.Add(new SynthStep(-id, qd / id));
            steps.Add(new SynthStep(0, 60 + 600 * rng.NextDouble()));
            expected.Add((qc, qd));
        }
        return new Plan(steps, expected);
    }

    static CyclingDataset Build(Plan p, Random rng, bool counters)
    {
        // state of charge follows the charge passed (1 = full at 1.5 mAh)
        double soc = 0;
        int lastStep = -1;
        double lastQ = 0;
        return Synthetic.Build(p.Steps, 30, (t, s, q, i) =>
        {
            if (s != lastStep) { lastStep = s; lastQ = 0; }
            soc += Math.Sign(i) * (q - lastQ) / (1.5 * 3.6);
            lastQ = q;
            return Lfp(Math.Clamp(soc, 0, 1), i);
        }, counters, jitter: rng, instrumentCycle: p.Steps.Select(_ => 1).ToArray());
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void RandomCyclingAnalysesBackToItsKnownCapacities(int seed, bool counters)
    {
        var rng = new Random(seed);
        var plan = RandomPlan(rng, 3 + rng.Next(25));
        var d = Build(plan, rng, counters);
        var seg = Segmentation.Of(d);
        Assert.False(SymmetricAnalysis.LooksSymmetric(d, seg));
        Assert.Equal(counters ? "instrument counters" : "integrated current", seg.CapacityFrom);
        var a = FullCellAnalysis.Of(d, seg, massKg: 2.0e-6, areaM2: 1e-4);
        Assert.Equal(plan.Cycles.Count, a.Cycles.Count);
        for (int k = 0; k < plan.Cycles.Count; k++)
        {
            var (qc, qd) = plan.Cycles[k];
            var c = a.Cycles[k];
            Assert.Equal(qc, c.ChargeC!.Value, 1e-9 * qc);
            Assert.Equal(qd, c.DischargeC!.Value, 1e-9 * qd);
            Assert.Equal(qd / qc, c.CoulombicEfficiency!.Value, 1e-9);
            Assert.Equal(qd / plan.Cycles[0].Qd, c.Retention!.Value, 1e-9);
            Assert.True(c.Complete);
            // mean voltages lie between the curve's ends, the charge above the discharge (ohmic drop)
            Assert.InRange(c.MeanChargeV!.Value, 3.3, 3.6);
            Assert.InRange(c.MeanDischargeV!.Value, 3.25, 3.55);
            Assert.True(c.HysteresisV > 0);
        }
    }

    [Fact]
    public void RateCapabilityStepsAreGroupedWithTheirCRates()
    {
        var rng = new Random(11);
        double[] rates = [0.5e-3, 1e-3, 2e-3, 0.5e-3];
        var plan = RandomPlan(rng, 12, rates);
        var a = FullCellAnalysis.Of(Build(plan, rng, false), Segmentation.Of(Build(plan, new Random(11), false)), null, null);
        Assert.Equal(4, a.RateGroups.Count);
        Assert.Equal([1, 4, 7, 10], a.RateGroups.Select(g => g.FirstCycle));
        for (int k = 0; k < 4; k++) Assert.Equal(rates[k], a.RateGroups[k].DischargeCurrentA, 1e-9);
        double practical = plan.Cycles.Max(c => c.Qd);
        Assert.Equal(2e-3 * 3600 / practical, a.RateGroups[2].CRate!.Value, 1e-9);
    }

    [Fact]
    public void DqDvPeaksAtThePlateau()
    {
        // V = 3.43 + 0.02 (x − ½) + 0.4 (x − ½)³ + i·20 Ω is flattest at x = ½: dQ/dV peaks there
        const double capacity = 1.5 * 3.6, i = 1e-3;
        var steps = new List<SynthStep>();
        for (int c = 0; c < 3; c++)
        {
            steps.Add(new SynthStep(i, 0.9 * capacity / i));
            steps.Add(new SynthStep(0, 300));
            steps.Add(new SynthStep(-i, 0.9 * capacity / i));
            steps.Add(new SynthStep(0, 300));
        }
        var d = Synthetic.Build(steps, 10, (t, s, q, cur) =>
        {
            double x = s % 4 == 0 ? 0.05 + q / capacity : s % 4 == 2 ? 0.95 - q / capacity : s % 4 == 1 ? 0.95 : 0.05;
            return 3.43 + 0.02 * (x - 0.5) + 0.4 * Math.Pow(x - 0.5, 3) + cur * 20;
        });
        var a = FullCellAnalysis.Of(d, Segmentation.Of(d), null, null);
        Assert.Equal(6, a.DqDv.Count);
        foreach (var c in a.DqDv)
        {
            int k = c.Sign > 0 ? Array.IndexOf(c.DqDv, c.DqDv.Max()) : Array.IndexOf(c.DqDv, c.DqDv.Min());
            double plateau = 3.43 + c.Sign * i * 20;
            Assert.InRange(c.VoltageV[k], plateau - 0.006, plateau + 0.006);
            // conservation: the area under dQ/dV is the charge of the half cycle
            double area = 0;
            for (int g = 1; g < c.VoltageV.Length; g++) area += 0.5 * (c.DqDv[g] + c.DqDv[g - 1]) * (c.VoltageV[g] - c.VoltageV[g - 1]);
            Assert.Equal(0.9 * capacity, area, 0.03 * capacity);
        }
    }

    [Theory]
    [InlineData(',', false)]
    [InlineData(';', true)]
    [InlineData('\t', false)]
    public void ACsvExportReadsBackToTheSameAnalysis(char separator, bool decimalComma)
    {
        var rng = new Random(21);
        var plan = RandomPlan(rng, 6);
        var d = Build(plan, rng, false);
        var path = Synthetic.WriteCsv(d, Path.Combine(TestPaths.TempDir(), "export.csv"), separator, decimalComma);
        var detected = DataFile.Detect(path);
        Assert.Equal(DataFormat.DelimitedText, detected.Format);
        var back = DataFile.ReadCycling(detected);
        Assert.Equal(d.Count, back.Count);
        var a = FullCellAnalysis.Of(d, Segmentation.Of(d), null, null);
        var b = FullCellAnalysis.Of(back, Segmentation.Of(back), null, null);
        Assert.Equal(a.Cycles.Count, b.Cycles.Count);
        for (int k = 0; k < a.Cycles.Count; k++)
        {
            Assert.Equal(a.Cycles[k].ChargeC!.Value, b.Cycles[k].ChargeC!.Value, 1e-9 * a.Cycles[k].ChargeC!.Value);
            Assert.Equal(a.Cycles[k].DischargeEnergyJ!.Value, b.Cycles[k].DischargeEnergyJ!.Value, 1e-9 * a.Cycles[k].DischargeEnergyJ!.Value);
        }
    }

    /// <summary>dQ/dV as it was computed from <see cref="Segmentation.Progress"/>'s arrays, before the half cycle was streamed.</summary>
    static (double[] Grid, double[] Dq)? DqDvFromArrays(CyclingDataset d, Segmentation seg, HalfCycle h, double stepV)
    {
        var (rows, q) = seg.Progress(d, h);
        if (rows.Length < 8) return null;
        var v = new double[rows.Length];
        double run = d.Voltage[rows[0]];
        for (int k = 0; k < rows.Length; k++)
        {
            run = h.Sign > 0 ? Math.Max(run, d.Voltage[rows[k]]) : Math.Min(run, d.Voltage[rows[k]]);
            v[k] = run;
        }
        double lo = v.Min(), hi = v.Max();
        double cells = Math.Floor((hi - lo) / stepV);
        if (!(cells <= FullCellAnalysis.MaxDqDvPoints)) return null;
        int n = (int)cells;
        if (n < 5) return null;
        var grid = new double[n + 1];
        var qg = new double[n + 1];
        int j = 0;
        for (int g = 0; g <= n; g++)
        {
            double x = h.Sign > 0 ? lo + g * stepV : hi - g * stepV;
            grid[g] = x;
            if (h.Sign > 0) { while (j + 1 < v.Length && v[j + 1] < x) j++; }
            else { while (j + 1 < v.Length && v[j + 1] > x) j++; }
            int a = j, b = Math.Min(j + 1, v.Length - 1);
            double span = v[b] - v[a];
            qg[g] = span != 0 ? q[a] + (q[b] - q[a]) * (x - v[a]) / span : q[b];
        }
        var smooth = FullCellAnalysis.SmoothedDerivative(grid, qg);
        return (grid, smooth);
    }

    /// <summary>
    /// dQ/dV reads a half cycle's records as a stream instead of copying them into arrays (issue 11, memory): every
    /// curve of random cycling (with and without counters, steps of 5 mV and 1 mV) and of the shared Neware and Arbin
    /// files is the same, bit for bit, as the arrays gave.
    /// </summary>
    [Theory]
    [InlineData(11, false, 0.005)]
    [InlineData(12, true, 0.005)]
    [InlineData(13, true, 0.001)]
    public void DqDvStreamedEqualsDqDvFromArrays(int seed, bool counters, double stepV)
    {
        var rng = new Random(seed);
        var d = Build(RandomPlan(rng, 6), rng, counters);
        int curves = SameDqDv(d, stepV);
        Assert.True(curves >= 10, $"only {curves} curves compared");
    }

    [SharedDataFact]
    public void DqDvStreamedEqualsDqDvFromArraysOnSharedFiles()
    {
        int curves = SameDqDv(DataFile.ReadCycling(Neware("TestFile.nda")), 0.005) + SameDqDv(DataFile.ReadCycling(Arbin), 0.005);
        Assert.True(curves >= 4, $"only {curves} curves compared");
    }

    static int SameDqDv(CyclingDataset d, double stepV)
    {
        var seg = Segmentation.Of(d);
        int curves = 0;
        foreach (var h in seg.HalfCycles)
        {
            var streamed = FullCellAnalysis.DqDvOf(d, seg, h, stepV);
            var arrays = DqDvFromArrays(d, seg, h, stepV);
            Assert.Equal(arrays is null, streamed is null);
            if (streamed is null) continue;
            curves++;
            Assert.Equal(arrays!.Value.Grid.Select(BitConverter.DoubleToInt64Bits), streamed.VoltageV.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(arrays!.Value.Dq.Select(BitConverter.DoubleToInt64Bits), streamed.DqDv.Select(BitConverter.DoubleToInt64Bits));
        }
        return curves;
    }

    [SharedDataFact]
    public void GcplBinaryFileGivesTheTextExportsPerCycleCapacities()
    {
        // the .mpr has no Q charge / Q discharge columns; the analysis must find EC-Lab's values from dq
        var m = Measurement.Analyze(BioLogic("gcpl.issue_149.mpr"), new AnalysisOptions { Kind = CellKind.Full });
        var t = MptFile.ReadTable(BioLogic("gcpl.issue_149.mpt"));
        var f = m.Full!;
        Assert.Equal(4, f.Cycles.Count);
        for (int c = 0; c < 4; c++)
        {
            var rows = Enumerable.Range(0, t.RowCount).Where(i => t["cycle number"][i] == c).ToArray();
            Close(rows.Max(i => t["Q charge/mA.h"][i]) * 3.6, f.Cycles[c].ChargeC!.Value, 1e-5, $"cycle {c + 1} charge");
            Close(rows.Max(i => t["Q discharge/mA.h"][i]) * 3.6, f.Cycles[c].DischargeC!.Value, 1e-5, $"cycle {c + 1} discharge");
            // the record ends while the last discharge still flows: EC-Lab knew its technique had ended, the
            // record alone cannot say, so the last cycle is partial and has no efficiency
            if (c == 3) { Assert.Equal(["ends_after_record"], f.Cycles[c].Partial.Select(x => x.Code)); Assert.Null(f.Cycles[c].CoulombicEfficiency); continue; }
            Close(rows.Max(i => t["Efficiency/%"][i]) / 100, f.Cycles[c].CoulombicEfficiency!.Value, 1e-4, $"cycle {c + 1} efficiency");
        }
    }

    [SharedDataFact]
    public void ArbinFileStartsInsideACharge()
    {
        var m = Measurement.Analyze(Arbin);
        Assert.Equal(CellKind.Full, m.Kind);
        var f = m.Full!;
        Assert.Equal(2, f.Cycles.Count);
        Assert.False(f.Cycles[0].Complete);
        Assert.True(f.Cycles[1].Complete);
        Close(1.0725317 - 0, f.Cycles[1].ChargeC!.Value / 3600, 1e-6, "cycle 2 charge (Ah)");
        Close(1.0729095, f.Cycles[1].DischargeC!.Value / 3600, 1e-6, "cycle 2 discharge (Ah)");
        Close(1.0729095 / 1.0725317, f.Cycles[1].CoulombicEfficiency!.Value, 1e-6, "cycle 2 CE");
        Close(3.7558255, f.Cycles[1].ChargeEnergyJ!.Value / 3600, 1e-6, "cycle 2 charge energy (Wh)");
        Close(3.2606606, f.Cycles[1].DischargeEnergyJ!.Value / 3600, 1e-6, "cycle 2 discharge energy (Wh)");
        Assert.Equal(1.0, f.Cycles[1].Retention!.Value, 12);
    }

    [SharedDataFact]
    public void NewareFileGivesNewareNdasCycleCapacities()
    {
        var m = Measurement.Analyze(Neware("TestFile.nda"));
        var f = m.Full!;
        Assert.Equal(3, f.Cycles.Count);
        Close(3790.168 * 3.6, f.Cycles[0].DischargeC!.Value, 1e-6, "cycle 1 discharge");
        Assert.Null(f.Cycles[0].ChargeC);
        // NewareNDA's 5655.088 mAh is the constant-current step's counter; the charge half cycle also has a
        // constant-voltage step whose counter starts again from zero: the cycle's charge is their sum
        var d = m.Data!;
        var seg = f.Segmentation;
        double charge = Enumerable.Range(0, d.Count).Where(i => seg.RowCycle[i] == 2 && d.Step[i] == StepType.Charge)
            .GroupBy(i => d.StepIndex[i]).Sum(g => g.Max(i => d.ChargeCapacity[i]));
        Assert.True(charge > 5655.088 * 3.6 * 1.001);
        Close(charge, f.Cycles[1].ChargeC!.Value, 1e-6, "cycle 2 charge (CC + CV)");
        Close(5655.088 * 3.6, Enumerable.Range(0, d.Count).Where(i => seg.RowCycle[i] == 2).Max(i => d.ChargeCapacity[i]), 1e-6, "cycle 2 largest charge counter");
        Close(5806.646 * 3.6, f.Cycles[1].DischargeC!.Value, 1e-6, "cycle 2 discharge");
        Close(20246.45 * 3.6, f.Cycles[1].DischargeEnergyJ!.Value, 1e-6, "cycle 2 discharge energy");
        Close(5659.856 * 3.6, Enumerable.Range(0, d.Count).Where(i => seg.RowCycle[i] == 3).Max(i => d.ChargeCapacity[i]), 1e-6, "cycle 3 largest charge counter");
    }

    // ---- regressions of issue 8: no impossible number from a partial cycle ----

    [SharedDataFact]
    public void NewareTestFilesFirstDischargeIsNotACycleAndNotTheRetentionReference()
    {
        // was 153 % retention: the discharge-only first cycle (an as-received cell) was the reference
        var f = Measurement.Analyze(Neware("TestFile.nda")).Full!;
        Assert.Equal(["no_charge"], f.Cycles[0].Partial.Select(x => x.Code));
        Assert.True(f.Cycles[1].Complete);
        Assert.Equal(["no_discharge"], f.Cycles[2].Partial.Select(x => x.Code));
        Assert.Null(f.Cycles[0].CoulombicEfficiency);
        Assert.Null(f.Cycles[0].Retention);
        Assert.Null(f.Cycles[2].CoulombicEfficiency);
        Assert.Equal(2, f.ReferenceCycle);
        // one complete cycle: it is its own reference
        Assert.Equal(1.0, f.Retention!.Value, 12);
        // NewareNDA's cycle 2 discharge over the charge of its CC and CV steps (5655.09 + 155.93 mAh)
        Close(5806.646 / 5811.0249, f.Cycles[1].CoulombicEfficiency!.Value, 1e-6, "cycle 2 CE");
    }

    [SharedDataFact]
    public void NewareNewFilesTinyFirstDischargeIsNotTheRetentionReference()
    {
        // was 10 733 % retention against a 5 s discharge; the 1006 % CE of cycle 2 is what the file holds
        // (a 50 s charge, then a 500 s discharge): reported, not clamped, with a warning that names it
        var f = Measurement.Analyze(Neware("new_nda_file.nda")).Full!;
        Assert.Equal(2, f.Cycles.Count);
        Assert.Equal(["no_charge"], f.Cycles[0].Partial.Select(x => x.Code));
        Assert.Null(f.Cycles[0].Retention);
        Assert.Equal(2, f.ReferenceCycle);
        Assert.Equal(1.0, f.Retention!.Value, 12);
        Close(6.9653e-4 * 3.6, f.Cycles[1].ChargeC!.Value, 1e-4, "cycle 2 charge");
        Close(7.00919e-3 * 3.6, f.Cycles[1].DischargeC!.Value, 1e-5, "cycle 2 discharge");
        Close(7.00919e-3 / 6.9653e-4, f.Cycles[1].CoulombicEfficiency!.Value, 1e-4, "cycle 2 CE");
        Assert.Contains(f.Warnings, w => w.StartsWith("cycle 2: coulombic efficiency 1006"));
        // its voltage under current is -0.10 to -0.085 V: no battery's; the user is told so
        Assert.Contains(f.Warnings, w => w.StartsWith("the voltage under current is negative (between -0.101 and -0.085 V"));
    }

    [Fact]
    public void LithiumCapacityIsFaradayOverTheLibrarysMolarMass()
    {
        // the bound is computed from F and the molar mass of the library's Li, not typed: 3861.9 mAh/g
        var lib = Interphase.Materials.MaterialLibrary.Load(TestPaths.Library);
        var li = Interphase.Models.MetalProperties.Read(new Interphase.Materials.Parameters(lib), lib.Get("Li"));
        Assert.Equal(FullCellAnalysis.LithiumMolarMass, li.MolarMass, 12);
        Assert.Equal(3861.88, FullCellAnalysis.LithiumSpecificCapacity / 3600, 0.01);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ASpecificCapacityAboveLithiumMetalsWarnsThatTheMassIsWrong(int seed)
    {
        // 0.5-1.5 mAh per cycle: 0.1 mg makes 5 000-15 000 mAh/g, above Li's 3862; 2 mg makes 250-750 mAh/g
        var rng = new Random(seed);
        var plan = RandomPlan(rng, 4);
        var d = Build(plan, rng, counters: false);
        var seg = Segmentation.Of(d);
        var light = FullCellAnalysis.Of(d, seg, massKg: 1e-7, areaM2: null);
        var w = Assert.Single(light.Warnings, x => x.StartsWith("specific capacity up to"));
        Assert.Contains("4 of 4 cycles above 3862 mAh/g", w);
        Assert.Contains("the active mass given (0.1 mg) is probably wrong", w);
        // the capacities stay as computed
        Assert.Equal(plan.Cycles[0].Qd, light.Cycles[0].DischargeC!.Value, 1e-9 * plan.Cycles[0].Qd);
        Assert.DoesNotContain(FullCellAnalysis.Of(d, seg, massKg: 2e-6, areaM2: null).Warnings, x => x.StartsWith("specific capacity"));
        Assert.DoesNotContain(FullCellAnalysis.Of(d, seg, massKg: null, areaM2: null).Warnings, x => x.StartsWith("specific capacity"));
    }

    [SharedDataFact]
    public void ArbinWithTenMilligramsIsWarnedAboveLithium()
    {
        // a new user's analyze --mass 10mg on the Arbin example: 1.07E+05 mAh/g, now with a warning
        var f = Measurement.Analyze(Arbin, new AnalysisOptions { ActiveMassKg = 1e-5 }).Full!;
        Assert.Contains(f.Warnings, w => w.StartsWith("specific capacity up to 1.07") && w.Contains("(10 mg) is probably wrong"));
    }

    [SharedDataFact]
    public void AHalfCellAtATenthOfAVoltIsNotWarnedAsNegative()
    {
        // bcd.issue_241: an anode material against Li, 0.01-1 V: a real cycling test, no voltage warning
        var f = Measurement.Analyze(SharedFiles.BioLogic("bcd.issue_241.mpr")).Full!;
        Assert.DoesNotContain(f.Warnings, w => w.Contains("negative"));
    }

    [SharedDataFact]
    public void ArbinRateGroupAveragesTheCompleteCycleOnly()
    {
        // was 329 %: the mean took cycle 1, which the file begins inside (its charge 0.19 of 1.07 Ah)
        var f = Measurement.Analyze(Arbin).Full!;
        var g = Assert.Single(f.RateGroups);
        Assert.Equal((2, 2, 1), (g.FirstCycle, g.LastCycle, g.Cycles));
        Close(1.0729095 / 1.0725317, g.MeanCoulombicEfficiency, 1e-6, "rate group mean CE");
        Close(1.0729095 * 3600, g.MeanDischargeC, 1e-6, "rate group mean discharge");
    }
}
