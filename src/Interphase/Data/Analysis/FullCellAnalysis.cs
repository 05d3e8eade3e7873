namespace Interphase.Data.Analysis;

/// <summary>
/// Per-cycle figures of a full cell. Charge is positive current (oxidation of the cathode). The
/// coulombic efficiency is the cycle's second half over its first, as in the full-cell simulator:
/// discharge ÷ charge for a cell that starts discharged (what the cathode stored on charge is what can
/// come back), charge ÷ discharge for one that starts charged (FeS2: how much of the discharge is
/// reversible). It and the retention exist for complete cycles only (<see cref="PartialCycle"/>);
/// a partial cycle's capacities are what the record holds of it.
/// Mean voltages are energy ÷ charge; the hysteresis is mean charge − mean discharge voltage.
/// A value is null when the cycle lacks what it needs.
/// </summary>
public sealed record FullCycle(
    int Cycle,
    double? ChargeC, double? DischargeC,             // C (null when the cycle has no such half cycle)
    double? ChargeEnergyJ, double? DischargeEnergyJ, // J, positive
    double? MeanChargeV, double? MeanDischargeV, double? HysteresisV,
    double? ChargeCurrentA, double? DischargeCurrentA,
    double? CoulombicEfficiency,                     // fraction; complete cycles only
    double? Retention,                               // discharge ÷ the reference cycle's discharge; complete cycles only
    double StartS, double EndS,
    IReadOnlyList<PartialReason> Partial)            // empty for a complete cycle
{
    public bool Complete => Partial.Count == 0;
}

/// <summary>Consecutive complete cycles at one discharge current (a step of a rate-capability test).</summary>
public sealed record RateGroup(int Index, int FirstCycle, int LastCycle, int Cycles, double DischargeCurrentA, double? CRate, double MeanDischargeC, double MeanCoulombicEfficiency);

/// <summary>dQ/dV of one half cycle on a uniform voltage grid (C/V; negative on discharge).</summary>
public sealed record DqDvCurve(int Cycle, int Sign, double[] VoltageV, double[] DqDv);

public sealed record FullCellAnalysis(
    CyclingDataset Data,
    Segmentation Segmentation,
    IReadOnlyList<FullCycle> Cycles,
    IReadOnlyList<RateGroup> RateGroups,
    IReadOnlyList<DqDvCurve> DqDv,
    double? ActiveMassKg,
    double? AreaM2,
    double? PracticalCapacityC,     // the largest discharge capacity of any cycle: the 1C reference
    int? ReferenceCycle,            // the first complete cycle: the retention's reference
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Warnings) // results that need the user's attention (printed, and in summary.json)
{
    /// <summary>Relative spread of currents that still counts as one rate.</summary>
    public const double RateTolerance = 0.05;

    /// <summary>A complete cycle whose efficiency exceeds 1 by more than this gets a warning (beyond a cycler's current accuracy).</summary>
    public const double EfficiencyWarningExcess = 0.01;

    /// <summary>Molar mass of lithium (kg/mol): IUPAC standard atomic weight, conventional value 6.94 (as the library's Li).</summary>
    public const double LithiumMolarMass = 6.94e-3;

    /// <summary>
    /// Lithium metal's theoretical specific capacity F/M_Li (C/kg; 3862 mAh/g), the highest of any electrode
    /// material: a measured specific capacity above it means the active mass given (--mass) is too small.
    /// </summary>
    public const double LithiumSpecificCapacity = Units.Si.Faraday / LithiumMolarMass;

    /// <summary>The complete cycles, in order.</summary>
    public IReadOnlyList<FullCycle> CompleteCycles => Cycles.Where(c => c.Complete).ToList();

    /// <summary>Discharge of the last complete cycle ÷ that of the reference cycle; null without a complete cycle.</summary>
    public double? Retention => CompleteCycles is { Count: > 0 } c ? c[^1].Retention : null;

    /// <summary>Mean coulombic efficiency of the complete cycles; null without one.</summary>
    public double? MeanCoulombicEfficiency => CompleteCycles is { Count: > 0 } c ? c.Average(x => x.CoulombicEfficiency!.Value) : null;

    /// <summary>
    /// A warning when the voltage under current is negative throughout most of the record: a battery or a
    /// half cell (a cathode or an anode material against a metal) sits at a positive voltage, so such a
    /// record is a symmetric cell, a short or a cell with swapped leads, and its capacities, efficiencies
    /// and retention do not describe a battery. Null when the median voltage under current is positive.
    /// </summary>
    static string? NegativeVoltage(CyclingDataset d, Segmentation seg)
    {
        // the median below 0 V, by counting (no copy of every record's voltage); the values are gathered only when it is
        var negative = new ShortCircuitDetector.MedianBelow(0);
        foreach (var h in seg.HalfCycles)
            for (int i = h.FirstRow; i <= h.LastRow; i++)
                if (ShortCircuitDetector.CarriesCurrent(d, seg, h, i)) negative.Add(d.Voltage[i]);
        if (!negative.Result) return null;
        var v = seg.HalfCycles.SelectMany(h => ShortCircuitDetector.CurrentRows(d, seg, h)).Select(i => d.Voltage[i]).Where(double.IsFinite).ToList();
        if (v.Count == 0) return null;
        double median = ShortCircuitDetector.Median(v);
        if (median >= 0) return null;
        return $"the voltage under current is negative (between {v.Min():0.###} and {v.Max():0.###} V, median {median:0.###} V): not a battery's or a half cell's, " +
               "so its capacities, efficiencies and retention may not describe one. For a symmetric cell use --kind symmetric; check the leads if the sign is reversed";
    }

    public static FullCellAnalysis Of(CyclingDataset d, Segmentation seg, double? massKg, double? areaM2, double dqdvStepV = 0.005)
    {
        var notes = new List<string>();
        var warnings = new List<string>();
        var cycles = new List<FullCycle>();
        for (int c = 1; c <= seg.CycleCount; c++)
        {
            var h = seg.OfCycle(c).ToList();
            if (h.Count == 0) continue;
            var ch = h.Where(x => x.Sign > 0).ToList();
            var dis = h.Where(x => x.Sign < 0).ToList();
            double? qc = ch.Count > 0 ? ch.Sum(x => x.ChargeC) : null;
            double? qd = dis.Count > 0 ? dis.Sum(x => x.ChargeC) : null;
            double? ec = ch.Count > 0 ? Math.Abs(ch.Sum(x => x.EnergyJ)) : null;
            double? ed = dis.Count > 0 ? Math.Abs(dis.Sum(x => x.EnergyJ)) : null;
            double? vc = qc > 0 ? ec / qc : null, vd = qd > 0 ? ed / qd : null;
            var partial = PartialCycle.Reasons(h, seg.StartSign, PartialCycle.FullCellDirection);
            // a complete cycle has both halves, each with a non-negligible (so positive) charge
            double? ce = partial.Count == 0 ? (seg.StartSign > 0 ? qd / qc : qc / qd) : null;
            cycles.Add(new FullCycle(c, qc, qd, ec, ed, vc, vd, vc - vd, Current(ch), Current(dis), ce, null,
                h.Min(x => x.StartS), h.Max(x => x.EndS), partial));
        }
        var reference = cycles.FirstOrDefault(x => x.Complete);
        for (int k = 0; k < cycles.Count; k++)
            if (cycles[k].Complete) cycles[k] = cycles[k] with { Retention = cycles[k].DischargeC / reference!.DischargeC };
        double? practical = cycles.Max(x => x.DischargeC);
        var groups = Groups(cycles, practical);
        var curves = seg.HalfCycles.Select(hc => DqDvOf(d, seg, hc, dqdvStepV)).Where(x => x is not null).Select(x => x!).ToList();
        if (massKg is null) notes.Add("no active mass given (--mass): specific capacities (mAh/g) are not reported");
        foreach (var c in cycles.Where(x => !x.Complete))
            notes.Add($"cycle {c.Cycle} is partial ({PartialCycle.Describe(c.Partial)}): it has no coulombic efficiency or retention and is left out of the means and of the retention reference");
        if (reference is null)
            warnings.Add("no complete cycle: the coulombic efficiency and the capacity retention cannot be computed" +
                (seg.StartSign > 0 && seg.HalfCycles.Count > 1 && seg.HalfCycles[0].Sign < 0 && !seg.HalfCycles[1].EndsAfterRecord
                    ? " (the record begins with a discharge: with --cycle-start discharge, a discharge and the charge after it form a cycle)" : ""));
        string first = PartialCycle.FullCellDirection(seg.StartSign), second = PartialCycle.FullCellDirection(-seg.StartSign);
        foreach (var c in cycles.Where(x => x.CoulombicEfficiency > 1 + EfficiencyWarningExcess))
            warnings.Add($"cycle {c.Cycle}: coulombic efficiency {100 * c.CoulombicEfficiency:F1} %: its {second} passed more charge than the {first} before it; " +
                $"over a closed cycle that needs a side reaction, or charge the cell held before the cycle began");
        if (NegativeVoltage(d, seg) is { } odd) warnings.Add(odd);
        if (AboveLithium(cycles, massKg) is { } heavy) warnings.Add(heavy);
        return new FullCellAnalysis(d, seg, cycles, groups, curves, massKg, areaM2, practical, reference?.Cycle, notes, warnings);
    }

    /// <summary>
    /// A warning when a cycle's specific capacity (its larger half, per the active mass) exceeds lithium metal's
    /// theoretical capacity, which no electrode material reaches: the mass given is probably wrong (a unit slip,
    /// mg for g or µg). The capacities themselves stay as computed. Null without a mass or when none exceeds it.
    /// </summary>
    static string? AboveLithium(List<FullCycle> cycles, double? massKg)
    {
        if (massKg is not > 0) return null;
        var over = cycles.Select(c => (c.Cycle, Q: Math.Max(c.ChargeC ?? 0, c.DischargeC ?? 0) / massKg.Value))
            .Where(x => x.Q > LithiumSpecificCapacity).ToList();
        if (over.Count == 0) return null;
        var top = over.MaxBy(x => x.Q);
        const double mahPerG = 3.6; // 1 mAh/g = 3.6 C/g = 3600 C/kg
        return $"specific capacity up to {top.Q / 1e3 / mahPerG:G4} mAh/g (cycle {top.Cycle}; {over.Count} of {cycles.Count} cycles above " +
               $"{LithiumSpecificCapacity / 1e3 / mahPerG:F0} mAh/g, lithium metal's theoretical capacity, which no electrode material exceeds): " +
               $"the active mass given ({massKg.Value * 1e6:G4} mg) is probably wrong";
    }

    /// <summary>Mean |I| over the time with current of some half cycles (A); null without any.</summary>
    static double? Current(List<HalfCycle> h)
    {
        double q = h.Sum(x => x.ChargeC);
        double time = h.Sum(x => x.MeanAbsCurrentA > 0 ? x.ChargeC / x.MeanAbsCurrentA : 0);
        return time > 0 ? q / time : null;
    }

    /// <summary>Consecutive complete cycles whose discharge currents stay within <see cref="RateTolerance"/> of the group's first.</summary>
    static List<RateGroup> Groups(List<FullCycle> cycles, double? practicalC)
    {
        var groups = new List<RateGroup>();
        var current = new List<FullCycle>();
        void Close()
        {
            if (current.Count == 0) return;
            double i = current.Average(x => x.DischargeCurrentA!.Value);
            groups.Add(new RateGroup(groups.Count + 1, current[0].Cycle, current[^1].Cycle, current.Count, i,
                i * 3600 / practicalC, current.Average(x => x.DischargeC!.Value), current.Average(x => x.CoulombicEfficiency!.Value)));
            current.Clear();
        }
        foreach (var c in cycles.Where(x => x.Complete && x.DischargeCurrentA is not null))
        {
            if (current.Count > 0 && Math.Abs(c.DischargeCurrentA!.Value - current[0].DischargeCurrentA!.Value) > RateTolerance * current[0].DischargeCurrentA!.Value) Close();
            current.Add(c);
        }
        Close();
        return groups;
    }

    /// <summary>The most grid points a dQ/dV curve is tabulated on.</summary>
    public const int MaxDqDvPoints = 1_000_000;

    /// <summary>dQ/dV on the voltage grid by central differences (one-sided at the ends), then a five-point moving mean.</summary>
    internal static double[] SmoothedDerivative(double[] grid, double[] qg)
    {
        int n = grid.Length - 1;
        var dq = new double[n + 1];
        for (int g = 0; g <= n; g++)
        {
            int a = Math.Max(0, g - 1), b = Math.Min(n, g + 1);
            dq[g] = (qg[b] - qg[a]) / (grid[b] - grid[a]);
        }
        var smooth = new double[n + 1];
        for (int g = 0; g <= n; g++)
        {
            int a = Math.Max(0, g - 2), b = Math.Min(n, g + 2);
            double s = 0;
            for (int k = a; k <= b; k++) s += dq[k];
            smooth[g] = s / (b - a + 1);
        }
        return smooth;
    }

    /// <summary>
    /// dQ/dV of a half cycle: the charge passed (<see cref="Segmentation.Progress"/>, the source of the
    /// capacities) is tabulated against the voltage made monotonic
    /// (running maximum on charge, minimum on discharge, so that noise does not fold the curve), read
    /// on a uniform grid by linear interpolation, differentiated by central differences and smoothed
    /// over five grid points.
    /// </summary>
    public static DqDvCurve? DqDvOf(CyclingDataset d, Segmentation seg, HalfCycle h, double stepV)
    {
        // the records that carry the half cycle's current, their charge passed (Segmentation.Progress) and their voltage
        // made monotonic, read as a stream (HalfCycleStream) rather than copied into three arrays of the half cycle's
        // length: the same numbers, in the same order (issue 11, the memory of analyze)
        var first = new HalfCycleStream(d, seg, h);
        if (!first.Next()) return null;
        // Min and Max as Enumerable gives them over the monotonic voltage (the first of equal values)
        double lo = first.V, hi = first.V;
        int count = 1;
        for (var s = first; s.Next(); count++)
        {
            if (s.V < lo) lo = s.V;
            if (s.V > hi) hi = s.V;
        }
        if (count < 8) return null;
        // a span of more than MaxDqDvPoints steps (1000 V at 1 mV: a damaged record, not a cell) has no dQ/dV
        // here: it is not computed (null) rather than tabulated on an impossible grid
        double cells = Math.Floor((hi - lo) / stepV);
        if (!(cells <= MaxDqDvPoints)) return null;
        int n = (int)cells;
        if (n < 5) return null;
        var grid = new double[n + 1];
        var qg = new double[n + 1];
        // v is monotonic in k (non-decreasing on charge, non-increasing on discharge); lower is record j, upper the one after it
        var lower = first;
        var upper = first;
        bool more = upper.Next();
        for (int g = 0; g <= n; g++)
        {
            double x = h.Sign > 0 ? lo + g * stepV : hi - g * stepV;
            grid[g] = x;
            while (more && (h.Sign > 0 ? upper.V < x : upper.V > x))
            {
                lower = upper;
                more = upper.Next();
            }
            var b = more ? upper : lower;
            double span = b.V - lower.V;
            qg[g] = span != 0 ? lower.Q + (b.Q - lower.Q) * (x - lower.V) / span : b.Q;
        }
        var smooth = SmoothedDerivative(grid, qg);
        // on discharge the charge grows as the voltage falls: dQ/dV < 0, as papers plot it
        return new DqDvCurve(h.Cycle, h.Sign, grid, smooth);
    }

    /// <summary>
    /// The records of a half cycle that carry its current, one at a time: the charge passed up to each (the sum of
    /// <see cref="ChargeIncrements.At"/> over every record of the half cycle so far, as <see cref="Segmentation.Progress"/>
    /// sums it) and the voltage made monotonic (running maximum on charge, minimum on discharge). A struct: a copy
    /// keeps its place.
    /// </summary>
    struct HalfCycleStream(CyclingDataset d, Segmentation seg, HalfCycle h)
    {
        int _i = h.FirstRow;
        bool _started;
        double _acc;
        public double V { get; private set; }
        public double Q { get; private set; }

        /// <summary>Moves to the next record that carries current; false after the last.</summary>
        public bool Next()
        {
            for (; _i <= h.LastRow; _i++)
            {
                _acc += seg.Charge.At(h.Sign, _i);
                if (!ShortCircuitDetector.CarriesCurrent(d, seg, h, _i)) continue;
                double v = d.Voltage[_i];
                V = !_started ? v : h.Sign > 0 ? Math.Max(V, v) : Math.Min(V, v);
                _started = true;
                Q = _acc;
                _i++;
                return true;
            }
            return false;
        }
    }
}
