namespace Interphase.Data.Analysis;

/// <summary>
/// Per-cycle figures of a measured symmetric cell, defined as the simulator defines them
/// (<see cref="Simulation.CycleStats"/>): a cycle is one plating and one stripping half cycle of
/// electrode 1 (= the working electrode), the overpotential is |V| averaged over the time with
/// current (trapezoids between each current-carrying record and the record before it).
/// </summary>
public sealed record SymmetricCycle(
    int Cycle,
    double CurrentA,            // mean |I| over the current-carrying time
    double CurrentDensity,      // A/m², NaN without an area
    double MeanAbsVoltage,      // V
    double MaxAbsVoltage,       // V
    double StartS,
    double EndS,
    double ChargePlatedC,       // on electrode 1 (negative current)
    double ChargeStrippedC,
    IReadOnlyList<PartialReason> Partial) // empty for a complete cycle (PartialCycle)
{
    public bool Complete => Partial.Count == 0;
}

/// <summary>What the analysis of a plating/stripping record found.</summary>
public sealed record SymmetricAnalysis(
    CyclingDataset Data,
    Segmentation Segmentation,
    IReadOnlyList<SymmetricCycle> Cycles,
    ShortCircuitEvent? Short,
    double? AreaM2,
    double? CriticalCurrentDensity,   // A/m², when the current was ramped and the cell shorted
    IReadOnlyList<string> Notes)
{
    /// <summary>The cycles completed before any short circuit (the cycle in which the cell shorted is not one of them).</summary>
    public IReadOnlyList<SymmetricCycle> CyclesBeforeShort =>
        Short is { } s ? Cycles.Where(c => c.Cycle < s.Cycle).ToList() : Cycles;

    /// <summary>Mean of the per-cycle mean |V| over the cycles completed before any short (V).</summary>
    public double MeanOverpotential => CyclesBeforeShort is { Count: > 0 } c ? c.Average(x => x.MeanAbsVoltage) : double.NaN;

    public static SymmetricAnalysis Of(CyclingDataset d, Segmentation seg, double? areaM2, ShortDetectionOptions? shortOptions = null)
    {
        var notes = new List<string>();
        var cycles = new List<SymmetricCycle>();
        var t = d.TimeS;
        for (int c = 1; c <= seg.CycleCount; c++)
        {
            var halves = seg.OfCycle(c).ToList();
            if (halves.Count == 0) continue;
            double weighted = 0, time = 0, max = 0, charge = 0;
            foreach (var h in halves)
                foreach (var i in ShortCircuitDetector.CurrentRows(d, seg, h))
                {
                    double v = Math.Abs(d.Voltage[i]);
                    if (v > max) max = v;
                    if (i == 0) continue;
                    double dt = t[i] - t[i - 1];
                    if (!(dt > 0)) continue;
                    // the voltage is a sample: trapezoids from the record before (as the simulator integrates)
                    weighted += 0.5 * (Math.Abs(d.Voltage[i - 1]) + v) * dt;
                    time += dt;
                }
            foreach (var h in halves) charge += h.ChargeC;
            double onTime = halves.Sum(h => h.MeanAbsCurrentA > 0 ? h.ChargeC / h.MeanAbsCurrentA : 0);
            double current = onTime > 0 ? charge / onTime : 0;
            cycles.Add(new SymmetricCycle(c, current, areaM2 is > 0 ? current / areaM2.Value : double.NaN,
                time > 0 ? weighted / time : double.NaN, max,
                halves[0].StartS, halves[^1].EndS,
                halves.Where(h => h.Sign < 0).Sum(h => h.ChargeC),
                halves.Where(h => h.Sign > 0).Sum(h => h.ChargeC),
                PartialCycle.Reasons(halves, seg.StartSign, PartialCycle.SymmetricDirection)));
        }
        var sc = ShortCircuitDetector.Find(d, seg, shortOptions);
        double? ccd = null;
        if (sc is not null && areaM2 is > 0)
        {
            // a current ramp: at least three current levels, never decreasing
            var levels = cycles.Where(x => x.StartS <= sc.TimeS).Select(x => x.CurrentA).ToList();
            bool ramp = levels.Count >= 3 && levels.Zip(levels.Skip(1)).All(p => p.Second >= p.First * 0.98)
                && levels[^1] > 1.5 * levels[0];
            if (ramp) ccd = seg.HalfCycles[sc.HalfCycle].MeanAbsCurrentA / areaM2.Value;
        }
        if (areaM2 is null) notes.Add("no electrode area given (--area): current densities and areal capacities are not reported");
        return new SymmetricAnalysis(d, seg, cycles, sc, areaM2, ccd, notes);
    }

    /// <summary>
    /// Symmetric or full cell? In a symmetric cell the voltage follows the sign of the current
    /// (V = φ1 − φ2 is an overpotential), and stays small.
    /// </summary>
    public static bool LooksSymmetric(CyclingDataset d, Segmentation seg)
    {
        int same = 0, total = 0;
        // the median |V| below 1 V, by counting (no copy of every record's voltage)
        var small = new ShortCircuitDetector.MedianBelow(1.0);
        foreach (var h in seg.HalfCycles)
            for (int i = h.FirstRow; i <= h.LastRow; i++)
            {
                if (!ShortCircuitDetector.CarriesCurrent(d, seg, h, i)) continue;
                total++;
                if (Math.Sign(d.Voltage[i]) == h.Sign) same++;
                small.Add(Math.Abs(d.Voltage[i]));
            }
        return total > 0 && same > 0.8 * total && small.Result;
    }
}
