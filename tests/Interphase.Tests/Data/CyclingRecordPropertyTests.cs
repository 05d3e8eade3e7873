using System.Globalization;
using System.Text.Json;
using CsCheck;
using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Reports;

namespace Interphase.Tests.Data;

/// <summary>
/// Invariants of `analyze` on random synthetic full-cell records (<see cref="SyntheticCycling"/>):
/// rests inside half cycles, GITT-like pulse trains, partial first and last cycles, a discharge-first
/// and a charge-first start, jittered sample intervals, with and without the instrument's counters.
/// Tolerance: the generator logs a record at the end of every step and each record's current flowed
/// since the record before, so every charge is exact; 1e-9 relative covers floating-point sums.
/// </summary>
public class CyclingRecordPropertyTests
{
    const double Tol = 1e-9;
    const int Iterations = 150;

    static FullCellAnalysis Analyze(CyclingDataset d)
    {
        // as `analyze` does for a full cell: a cycle is a charge and the discharge after it
        var seg = Segmentation.Of(d, new SegmentationOptions { CycleStart = CycleStart.Charge });
        return FullCellAnalysis.Of(d, seg, massKg: 5e-6, areaM2: 1e-4);
    }

    /// <summary>The generated half cycle an analysed one belongs to (by the step of its first record).</summary>
    static int Generated(SynthRecord r, HalfCycle h)
    {
        int step = r.Data.StepIndex[h.FirstRow];
        return r.Halves.ToList().FindIndex(g => step >= g.FirstStep && step <= g.LastStep);
    }

    static bool Cut(SynthRecord r, int generated) =>
        generated == 0 && r.FirstHalfCut || generated == r.Halves.Count - 1 && r.LastHalfCut;

    [Fact]
    public void EveryWholeHalfCycleHasItsGeneratedCharge()
    {
        CyclingPlan.Gen.Sample(p =>
        {
            var r = SyntheticCycling.Build(p);
            var a = Analyze(r.Data);
            var seg = a.Segmentation;
            foreach (var h in seg.HalfCycles)
            {
                int g = Generated(r, h);
                Assert.True(g >= 0, $"half cycle {h.Index} matches no generated one");
                Assert.Equal(Cut(r, g), !h.Complete);
                if (!h.Complete) continue;
                double q = r.Halves[g].ChargeC;
                Assert.Equal(r.Halves[g].Sign, h.Sign);
                Assert.True(Math.Abs(h.ChargeC - q) <= Tol * q, $"half cycle {h.Index}: {h.ChargeC} C, generated {q} C");
                // the voltage–capacity curve (and timeseries.csv) end at the half cycle's capacity: a rest inside it adds nothing
                var progress = seg.Progress(r.Data, h);
                Assert.True(Math.Abs(progress.ChargeC[^1] - q) <= Tol * q, $"half cycle {h.Index}: its curve ends at {progress.ChargeC[^1]} C, generated {q} C");
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void EfficiencyAndRetentionComeFromCompleteCyclesOnly()
    {
        CyclingPlan.Gen.Sample(p =>
        {
            var r = SyntheticCycling.Build(p);
            var a = Analyze(r.Data);
            // the generated charge–discharge pairs the record holds whole
            int pairsOffset = p.DischargeFirst ? 1 : 0;
            var whole = Enumerable.Range(0, p.Cycles).Where(k => !Cut(r, pairsOffset + 2 * k) && !Cut(r, pairsOffset + 2 * k + 1)).ToList();
            Assert.Equal(whole.Count, a.CompleteCycles.Count);
            FullCycle? reference = null;
            foreach (var c in a.Cycles)
            {
                var halves = a.Segmentation.OfCycle(c.Cycle).ToList();
                if (!c.Complete)
                {
                    Assert.NotEmpty(c.Partial);
                    Assert.Null(c.CoulombicEfficiency);
                    Assert.Null(c.Retention);
                    if (halves.Any(h => Cut(r, Generated(r, h)) && Generated(r, h) == 0)) Assert.Contains(c.Partial, x => x.Code == "begins_before_record");
                    if (halves.Any(h => Cut(r, Generated(r, h)) && Generated(r, h) == r.Halves.Count - 1)) Assert.Contains(c.Partial, x => x.Code == "ends_after_record");
                    if (halves.All(h => h.Sign < 0)) Assert.Contains(c.Partial, x => x.Code == "no_charge");
                    if (halves.All(h => h.Sign > 0)) Assert.Contains(c.Partial, x => x.Code == "no_discharge");
                    continue;
                }
                reference ??= c;
                int pair = (Generated(r, halves[0]) - pairsOffset) / 2;
                double ce = r.Efficiency[pair];
                Assert.True(Math.Abs(c.CoulombicEfficiency!.Value - ce) <= Tol * ce, $"cycle {c.Cycle}: CE {c.CoulombicEfficiency}, generated {ce}");
                if (p.Lossless) Assert.True(Math.Abs(c.CoulombicEfficiency!.Value - 1) <= Tol);
                // the cell fades monotonically: no cycle keeps more than the first complete one had
                Assert.True(c.Retention <= 1 + Tol, $"cycle {c.Cycle}: retention {c.Retention}");
                Assert.Equal(c.DischargeC!.Value / reference.DischargeC!.Value, c.Retention!.Value, Tol);
            }
            Assert.Equal(reference?.Cycle, a.ReferenceCycle);
            Assert.True(a.Retention is null || a.Retention <= 1 + Tol);
            foreach (var g in a.RateGroups)
                Assert.True(g.MeanCoulombicEfficiency <= 1 + Tol, $"rate group {g.Index}: mean CE {g.MeanCoulombicEfficiency}");
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void NoNaNOrInfinityReachesTheOutputs()
    {
        CyclingPlan.Gen.Sample(p =>
        {
            var r = SyntheticCycling.Build(p);
            var a = Analyze(r.Data);
            var m = new Measurement(new DetectedFile("synthetic.csv", DataFormat.DelimitedText, DataKind.Cycling, "synthetic"), CellKind.Full, "test", r.Data, null, a);
            foreach (var (name, text) in new[] { ("cycles.csv", MeasurementWriter.CyclesCsv(a)), ("timeseries.csv", MeasurementWriter.TimeSeriesCsv(a)), ("dqdv.csv", MeasurementWriter.DqDvCsv(a)) })
            {
                var lines = text.TrimEnd('\n').Split('\n');
                var header = lines[0].Split(',');
                int partial = Array.IndexOf(header, "partial");
                foreach (var line in lines.Skip(1))
                {
                    var cells = line.Split(',');
                    Assert.Equal(header.Length, cells.Length);
                    for (int k = 0; k < cells.Length; k++)
                        if (k != partial && cells[k] != "")
                            Assert.True(double.TryParse(cells[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x), $"{name} {header[k]}: '{cells[k]}'");
                }
            }
            var json = MeasurementWriter.SummaryJson(m);
            Assert.DoesNotContain("NaN", json);
            Assert.DoesNotContain("Infinity", json);
            using var doc = JsonDocument.Parse(json);
            var s = doc.RootElement;
            Assert.Equal(a.Cycles.Count(c => !c.Complete), s.GetProperty("partial_cycles").GetArrayLength());
            Assert.Equal(a.CompleteCycles.Count, s.GetProperty("cycles").GetInt32());
            Assert.Equal(a.Cycles.Count, s.GetProperty("cycles_begun").GetInt32());
            if (a.CompleteCycles.Count == 0)
            {
                Assert.Equal(JsonValueKind.Null, s.GetProperty("capacity_retention_percent").ValueKind);
                Assert.Equal(JsonValueKind.Null, s.GetProperty("mean_coulombic_efficiency_percent").ValueKind);
                Assert.Equal(JsonValueKind.Null, s.GetProperty("reference_cycle").ValueKind);
            }
        }, iter: Iterations / 3, threads: 1);
    }

    static readonly Lazy<CyclingDataset[]> RealRecords = new(() =>
        new[] { SharedFiles.Arbin, SharedFiles.Neware("TestFile.nda"), SharedFiles.Neware("new_nda_file.nda"), SharedFiles.BioLogic("gcpl.issue_149.mpt"), SharedFiles.BioLogic("bcd.issue_241.mpr"),
                NdaxReaderTests.Fixture("nda_v22.nda"), NdaxReaderTests.Fixture("nda_v8.nda"), NdaxReaderTests.Fixture("ZZZZZZZZTEST.ndax") }
            .Select(f => DataFile.ReadCycling(DataFile.Detect(f))).ToArray());

    [SharedDataFact]
    public void ACutRealRecordKeepsItsWholeCyclesAndLabelsTheCutOnes()
    {
        // a real record cut anywhere, as an export of part of a test: every cycle the cut record calls
        // complete is the same cycle, with the same charges and efficiency, as in the whole record; a cut
        // through a half cycle never yields a complete cycle; no NaN reaches the outputs
        var records = RealRecords.Value;
        var gen = from file in Gen.Int[0, records.Length - 1]
                  from a in Gen.Double[0, 1]
                  from b in Gen.Double[0, 1]
                  select (file, Math.Min(a, b), Math.Max(a, b));
        gen.Sample(x =>
        {
            var whole = records[x.Item1];
            int from = (int)(x.Item2 * (whole.Count - 1)), to = (int)(x.Item3 * (whole.Count - 1));
            if (to - from < 2) return;
            var cut = SyntheticCycling.Slice(whole, from, to);
            var full = Analyze(whole);
            var part = Analyze(cut);
            if (part.Segmentation.HalfCycles.Count == 0) return;
            foreach (var c in part.CompleteCycles)
            {
                var halves = part.Segmentation.OfCycle(c.Cycle).ToList();
                Assert.DoesNotContain(halves, h => h.FirstRow == 0 || h.LastRow == cut.Count - 1);
                if (part.Segmentation.CapacityFrom != full.Segmentation.CapacityFrom) continue; // counters trusted over one span, not the other
                foreach (var h in halves)
                {
                    var same = full.Segmentation.HalfCycles.Single(g => g.FirstRow == h.FirstRow + from);
                    Assert.Equal(same.LastRow, h.LastRow + from);
                    Assert.True(Math.Abs(same.ChargeC - h.ChargeC) <= Tol * same.ChargeC, $"rows {same.FirstRow}–{same.LastRow}: {h.ChargeC} C cut, {same.ChargeC} C whole");
                }
            }
            var m = new Measurement(new DetectedFile("cut", DataFormat.DelimitedText, DataKind.Cycling, "cut"), CellKind.Full, "test", cut, null, part);
            var json = MeasurementWriter.SummaryJson(m);
            Assert.DoesNotContain("NaN", json);
            Assert.DoesNotContain("Infinity", json);
            Assert.DoesNotContain("NaN", MeasurementWriter.CyclesCsv(part));
        }, iter: Iterations, threads: 1);
    }
}
