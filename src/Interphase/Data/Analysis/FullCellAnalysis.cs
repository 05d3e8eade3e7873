namespace Interphase.Data.Analysis;

/// <summary>
/// Per-cycle figures of a full cell. Charge is positive current (oxidation of the cathode). The
/// coulombic efficiency is the cycle's second half over its first, as in the full-cell simulator:
/// discharge ÷ charge for a cell that starts discharged (what the cathode stored on charge is what can
/// come back), charge ÷ discharge for one that starts charged (FeS2: how much of the discharge is
/// reversible); NaN when the cycle lacks either.
/// Mean voltages are energy ÷ charge; the hysteresis is mean charge − mean discharge voltage.
/// </summary>
public sealed record FullCycle(
    int Cycle,
    double ChargeC, double DischargeC,             // C (NaN when the cycle has no such half cycle)
    double ChargeEnergyJ, double DischargeEnergyJ, // J, positive
    double MeanChargeV, double MeanDischargeV, double HysteresisV,
    double ChargeCurrentA, double DischargeCurrentA,
    double CoulombicEfficiency,                    // fraction
    double Retention,                              // discharge ÷ the first complete cycle's discharge
    double StartS, double EndS,
    bool Complete);                                // false when the file begins inside this cycle

/// <summary>Consecutive cycles at one discharge current (a step of a rate-capability test).</summary>
public sealed record RateGroup(int Index, int FirstCycle, int LastCycle, double DischargeCurrentA, double CRate, double MeanDischargeC, double MeanCoulombicEfficiency);

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
    double PracticalCapacityC,      // the largest discharge capacity of any cycle: the 1C reference
    IReadOnlyList<string> Notes)
{
    /// <summary>Relative spread of currents that still counts as one rate.</summary>
    public const double RateTolerance = 0.05;

    public static FullCellAnalysis Of(CyclingDataset d, Segmentation seg, double? massKg, double? areaM2, double dqdvStepV = 0.005)
    {
        var notes = new List<string>();
        var cycles = new List<FullCycle>();
        for (int c = 1; c <= seg.CycleCount; c++)
        {
            var h = seg.OfCycle(c).ToList();
            if (h.Count == 0) continue;
            var ch = h.Where(x => x.Sign > 0).ToList();
            var dis = h.Where(x => x.Sign < 0).ToList();
            double qc = ch.Count > 0 ? ch.Sum(x => x.ChargeC) : double.NaN;
            double qd = dis.Count > 0 ? dis.Sum(x => x.ChargeC) : double.NaN;
            double ec = ch.Count > 0 ? Math.Abs(ch.Sum(x => x.EnergyJ)) : double.NaN;
            double ed = dis.Count > 0 ? Math.Abs(dis.Sum(x => x.EnergyJ)) : double.NaN;
            double vc = ec / qc, vd = ed / qd;
            double ic = ch.Count > 0 ? Current(ch) : double.NaN, id = dis.Count > 0 ? Current(dis) : double.NaN;
            bool chargeFirst = ch.Count > 0 && (dis.Count == 0 || ch.Min(x => x.StartS) <= dis.Min(x => x.StartS));
            cycles.Add(new FullCycle(c, qc, qd, ec, ed, vc, vd, vc - vd, ic, id,
                qc > 0 && qd > 0 ? (chargeFirst ? qd / qc : qc / qd) : double.NaN,
                double.NaN,
                h.Min(x => x.StartS), h.Max(x => x.EndS),
                !h.Any(x => x.StartedBeforeFile)));
        }
        double reference = cycles.Where(x => x.Complete && x.DischargeC > 0).Select(x => x.DischargeC).DefaultIfEmpty(double.NaN).First();
        for (int k = 0; k < cycles.Count; k++) cycles[k] = cycles[k] with { Retention = cycles[k].DischargeC / reference };
        double practical = cycles.Select(x => x.DischargeC).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        var groups = Groups(cycles, practical);
        var curves = seg.HalfCycles.Select(hc => DqDvOf(d, seg, hc, dqdvStepV)).Where(x => x is not null).Select(x => x!).ToList();
        if (massKg is null) notes.Add("no active mass given (--mass): specific capacities (mAh/g) are not reported");
        if (cycles.Any(x => !x.Complete))
            notes.Add("cycle 1 began before the file: its capacities are partial; it is left out of the mean coulombic efficiency and of the retention reference");
        return new FullCellAnalysis(d, seg, cycles, groups, curves, massKg, areaM2, practical, notes);
    }

    static double Current(List<HalfCycle> h)
    {
        double q = h.Sum(x => x.ChargeC);
        double time = h.Sum(x => x.MeanAbsCurrentA > 0 ? x.ChargeC / x.MeanAbsCurrentA : 0);
        return time > 0 ? q / time : double.NaN;
    }

    /// <summary>Consecutive cycles whose discharge currents stay within <see cref="RateTolerance"/> of the group's first.</summary>
    static List<RateGroup> Groups(List<FullCycle> cycles, double practicalC)
    {
        var groups = new List<RateGroup>();
        var current = new List<FullCycle>();
        void Close()
        {
            if (current.Count == 0) return;
            double i = current.Average(x => x.DischargeCurrentA);
            double ce = current.Select(x => x.CoulombicEfficiency).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
            groups.Add(new RateGroup(groups.Count + 1, current[0].Cycle, current[^1].Cycle, i,
                practicalC > 0 ? i * 3600 / practicalC : double.NaN, current.Average(x => x.DischargeC), ce));
            current.Clear();
        }
        foreach (var c in cycles.Where(x => double.IsFinite(x.DischargeCurrentA) && double.IsFinite(x.DischargeC)))
        {
            if (current.Count > 0 && Math.Abs(c.DischargeCurrentA - current[0].DischargeCurrentA) > RateTolerance * current[0].DischargeCurrentA) Close();
            current.Add(c);
        }
        Close();
        return groups;
    }

    /// <summary>
    /// dQ/dV of a half cycle: the charge passed is tabulated against the voltage made monotonic
    /// (running maximum on charge, minimum on discharge, so that noise does not fold the curve), read
    /// on a uniform grid by linear interpolation, differentiated by central differences and smoothed
    /// over five grid points.
    /// </summary>
    public static DqDvCurve? DqDvOf(CyclingDataset d, Segmentation seg, HalfCycle h, double stepV)
    {
        var rows = ShortCircuitDetector.CurrentRows(d, seg, h);
        if (rows.Length < 8) return null;
        var v = new double[rows.Length];
        var q = new double[rows.Length];
        double acc = 0, run = d.Voltage[rows[0]];
        for (int k = 0; k < rows.Length; k++)
        {
            int i = rows[k];
            if (k > 0)
            {
                double dt = d.TimeS[i] - d.TimeS[rows[k - 1]];
                if (dt > 0) acc += Math.Abs(d.Current[i]) * dt;
            }
            run = h.Sign > 0 ? Math.Max(run, d.Voltage[i]) : Math.Min(run, d.Voltage[i]);
            v[k] = run;
            q[k] = acc;
        }
        double lo = v.Min(), hi = v.Max();
        int n = (int)Math.Floor((hi - lo) / stepV);
        if (n < 5) return null;
        var grid = new double[n + 1];
        var qg = new double[n + 1];
        // v is monotonic in k (non-decreasing on charge, non-increasing on discharge)
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
        // on discharge the charge grows as the voltage falls: dQ/dV < 0, as papers plot it
        return new DqDvCurve(h.Cycle, h.Sign, grid, smooth);
    }
}
