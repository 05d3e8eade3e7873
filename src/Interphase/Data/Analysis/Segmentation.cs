namespace Interphase.Data.Analysis;

/// <summary>Which half cycle opens a cycle.</summary>
public enum CycleStart
{
    /// <summary>The direction of the file's first half cycle; the analysis of a full cell takes <see cref="Charge"/> instead.</summary>
    Auto,
    /// <summary>A charge after a discharge opens a new cycle (Neware's "charge first").</summary>
    Charge,
    /// <summary>A discharge after a charge opens a new cycle.</summary>
    Discharge,
}

/// <summary>Where the charge of a half cycle comes from.</summary>
public enum CapacitySource
{
    /// <summary>The instrument's counters when they agree with the current (within 5 % over the file), else the integral.</summary>
    Auto,
    /// <summary>Increments of the instrument's charge/discharge counters.</summary>
    Counters,
    /// <summary>∫|I| dt, each record's current taken as flowing since the previous record.</summary>
    Integration,
}

public sealed record SegmentationOptions
{
    public CycleStart CycleStart { get; init; } = CycleStart.Auto;
    public CapacitySource Capacity { get; init; } = CapacitySource.Auto;
    /// <summary>A record carries current when |I| exceeds this fraction of the file's largest current (its 99.5th percentile).</summary>
    public double CurrentThreshold { get; init; } = 1e-3;
    /// <summary>Half cycles that pass less than this fraction of the median half cycle's charge are glitches and count as rest.</summary>
    public double MinChargeFraction { get; init; } = 1e-3;
    /// <summary>
    /// Half cycles that pass less than this fraction of the median half cycle's charge are kept (they
    /// delimit cycles) but are <see cref="HalfCycle.Negligible"/>: a cycle with one is partial, and has no
    /// coulombic efficiency or retention (a pulse or a check step, not a charge or a discharge).
    /// </summary>
    public double NegligibleFraction { get; init; } = 0.05;
}

/// <summary>
/// One half cycle: a maximal stretch of records whose current has one sign, rests inside it included
/// (a charge interrupted by a rest and resumed is one half cycle).
/// </summary>
public sealed record HalfCycle(
    int Index,          // 0-based, in time order
    int Sign,           // +1 charge (oxidation at the working electrode), -1 discharge
    int Cycle,          // 1-based cycle it belongs to
    int FirstRow,       // first current-carrying record
    int LastRow,        // last current-carrying record
    double StartS,      // when the current started: the record before FirstRow, or FirstRow itself
    double EndS,
    double ChargeC,     // charge passed (C, positive)
    double EnergyJ,     // ∫ V·I dt over the half cycle (J; from the energy counters when the charge comes from the capacity counters)
    double MeanAbsCurrentA, // charge ÷ time with current
    bool StartsBeforeRecord, // the record begins inside this half cycle (see Segmentation)
    bool EndsAfterRecord,    // the record ends inside it: current still flows at the last record
    bool Negligible)         // it passed less than SegmentationOptions.NegligibleFraction of the median half cycle's charge
{
    public double DurationS => EndS - StartS;
    /// <summary>Both ends lie inside the record and its charge is not negligible: its capacity is the whole half cycle's.</summary>
    public bool Complete => !StartsBeforeRecord && !EndsAfterRecord && !Negligible;
}

/// <summary>The current-carrying records of a half cycle and the charge passed from its start up to each of them (C).</summary>
public sealed record HalfCycleProgress(int[] Rows, double[] ChargeC);

/// <summary>
/// Half cycles and cycles derived from the current alone, so that a missing or wrong cycle counter
/// of the instrument does not matter: a half cycle is a maximal run of one current sign (rests do
/// not end it), a cycle opens with a half cycle of the start direction that follows one of the
/// other direction (<see cref="CycleStart"/>). Charges come from the instrument's counters when they
/// are trustworthy, else from the current (<see cref="ChargeIncrements"/>).
/// <para>
/// The record begins inside its first half cycle when the instrument's counter of that direction
/// already stands above 1 % of the half cycle's charge at the first record, or when the half cycle's
/// current already flows at the first record and no counter reads zero there. It ends inside its
/// last half cycle when current still flows at the last record. Either way the capacity written for
/// that half cycle is only what the record holds of it.
/// </para>
/// </summary>
public sealed class Segmentation
{
    public IReadOnlyList<HalfCycle> HalfCycles { get; }
    /// <summary>Per record: the 1-based cycle (rests belong to the cycle before them; records before the first half cycle to cycle 1).</summary>
    /// <remarks>Made on first use and kept; the writers walk the records with <see cref="Walk"/> instead.</remarks>
    public int[] RowCycle => _rowCycle ??= PerRow(w => w.Cycle);
    /// <summary>Per record: the half cycle index, or -1 for records outside every half cycle.</summary>
    /// <remarks>Made on first use and kept, as <see cref="RowCycle"/>.</remarks>
    public int[] RowHalfCycle => _rowHalf ??= PerRow(w => w.HalfCycle);
    int[]? _rowCycle, _rowHalf;
    readonly int _rows;

    int[] PerRow(Func<RowWalker, int> pick)
    {
        var a = new int[_rows];
        var w = Walk();
        for (int i = 0; i < a.Length; i++)
        {
            w.MoveTo(i);
            a[i] = pick(w);
        }
        return a;
    }

    /// <summary>A walk over the records in order that gives each one's cycle, half cycle and <see cref="ChargeInHalfCycle"/> without a column per record.</summary>
    public RowWalker Walk() => new(this);

    /// <summary>
    /// The cycle, half cycle and charge passed in the half cycle of record after record, as <see cref="RowCycle"/>,
    /// <see cref="RowHalfCycle"/> and <see cref="ChargeInHalfCycle"/> give them, for records visited in increasing
    /// order (each record once, from 0).
    /// </summary>
    public sealed class RowWalker
    {
        readonly Segmentation _s;
        int _next, _row = -1, _half = -1;
        double _acc;

        internal RowWalker(Segmentation s) { _s = s; Cycle = 1; HalfCycle = -1; ChargeInHalfCycle = double.NaN; }

        /// <summary>The 1-based cycle of the current record.</summary>
        public int Cycle { get; private set; }
        /// <summary>The half cycle of the current record, or -1.</summary>
        public int HalfCycle { get; private set; }
        /// <summary>The charge passed since its half cycle began, up to and including the current record (C); NaN outside half cycles.</summary>
        public double ChargeInHalfCycle { get; private set; }

        /// <summary>Moves to record <paramref name="row"/>: the next one after the last visited.</summary>
        public void MoveTo(int row)
        {
            if (row != _row + 1) throw new InvalidOperationException($"records are walked in order: {row} after {_row}");
            _row = row;
            var halves = _s.HalfCycles;
            while (_next < halves.Count && halves[_next].FirstRow <= row) { Cycle = halves[_next].Cycle; _next++; }
            int k = _next > 0 && row <= halves[_next - 1].LastRow ? _next - 1 : -1;
            if (k >= 0)
            {
                var h = halves[k];
                if (k != _half || row == h.FirstRow) _acc = 0;
                ChargeInHalfCycle = _acc += _s.Charge.At(h.Sign, row);
            }
            else ChargeInHalfCycle = double.NaN;
            _half = k;
            HalfCycle = k;
        }
    }
    /// <summary>Number of cycles (0 without current).</summary>
    public int CycleCount { get; }
    /// <summary>The direction that opens a cycle (+1 charge, -1 discharge).</summary>
    public int StartSign { get; }
    /// <summary>"instrument counters" or "integrated current".</summary>
    public string CapacityFrom { get; }
    /// <summary>Per record, the charge it adds in each direction (C), from the source named by <see cref="CapacityFrom"/>.</summary>
    public ChargeIncrements Charge { get; }
    /// <summary>Current threshold used (A).</summary>
    public double ThresholdA { get; }
    public IReadOnlyList<string> Notes { get; }

    Segmentation(IReadOnlyList<HalfCycle> h, int rows, int cycles, int startSign, string from, ChargeIncrements charge,
        double thr, IReadOnlyList<string> notes)
    {
        HalfCycles = h; _rows = rows; CycleCount = cycles; StartSign = startSign;
        CapacityFrom = from; Charge = charge; ThresholdA = thr; Notes = notes;
    }

    /// <summary>The half cycles of cycle <paramref name="cycle"/> (1-based).</summary>
    public IEnumerable<HalfCycle> OfCycle(int cycle) => HalfCycles.Where(h => h.Cycle == cycle);

    public static Segmentation Of(CyclingDataset d, SegmentationOptions? options = null)
    {
        var o = options ?? new SegmentationOptions();
        int n = d.Count;
        var notes = new List<string>();
        var I = d.Current;
        var t = d.TimeS;
        double thr = Math.Max(o.CurrentThreshold * RobustMax(d), 1e-15);

        // sign of each record
        var sign = new sbyte[n];
        for (int i = 0; i < n; i++)
            if (d.Step[i] is StepType.Charge or StepType.Discharge && Math.Abs(I[i]) > thr) sign[i] = (sbyte)Math.Sign(I[i]);

        // charge (and energy) increments per record, by direction: from the current and from the instrument's counters
        var qI = ChargeIncrements.FromCurrent(d);
        var eI = ChargeIncrements.FromCurrent(d, d.Voltage);
        ChargeIncrements? qC = null, eC = null;
        if (o.Capacity != CapacitySource.Integration && d.HasCapacityCounters)
        {
            qC = ChargeIncrements.FromCounters(d.ChargeCapacity, d.DischargeCapacity);
            if (d.HasEnergyCounters) eC = ChargeIncrements.FromCounters(d.ChargeEnergy, d.DischargeEnergy);
        }

        // runs of one sign, with glitches (tiny half cycles) demoted to rest until none is left
        List<(int s, int first, int last)> runs;
        while (true)
        {
            runs = Runs(sign);
            if (runs.Count < 3) break;
            var q = Attribute(runs, qI, n);
            var median = q.Order().ElementAt(q.Length / 2);
            var tiny = Enumerable.Range(0, runs.Count).Where(k => q[k] < o.MinChargeFraction * median).ToList();
            if (tiny.Count == 0) break;
            foreach (var k in tiny)
                for (int i = runs[k].first; i <= runs[k].last; i++) sign[i] = 0;
            notes.Add($"{tiny.Count} half cycle(s) passing less than {o.MinChargeFraction:P1} of the median charge treated as rest");
        }

        // counters or integral?
        string from = "integrated current";
        var chosen = qI;
        var charges = Attribute(runs, qI, n);
        var energies = Attribute(runs, eI, n);
        if (qC is { } counters)
        {
            var fromCounters = Attribute(runs, counters, n);
            double a = fromCounters.Sum(), b = charges.Sum();
            bool useCounters = o.Capacity == CapacitySource.Counters || b > 0 && Math.Abs(a - b) <= 0.05 * b;
            if (useCounters)
            {
                from = "instrument counters";
                chosen = counters;
                charges = fromCounters;
                if (eC is { } ec) energies = Attribute(runs, ec, n);
            }
            else notes.Add($"the instrument's capacity counters ({a / 3.6:G4} mAh in all) disagree with the current ({b / 3.6:G4} mAh): capacities integrate the current");
        }

        int startSign = runs.Count == 0 ? 1 : o.CycleStart switch
        {
            CycleStart.Charge => 1,
            CycleStart.Discharge => -1,
            _ => runs[0].s,
        };
        var halves = new List<HalfCycle>(runs.Count);
        double negligible = runs.Count == 0 ? 0 : o.NegligibleFraction * charges.Order().ElementAt(charges.Length / 2);
        int cycle = 1;
        bool seenOther = false;
        for (int k = 0; k < runs.Count; k++)
        {
            var (s, first, last) = runs[k];
            if (s == startSign && seenOther) { cycle++; seenOther = false; }
            if (s != startSign) seenOther = true;
            double q = charges[k], e = s * energies[k], tOn = 0;
            for (int i = Math.Max(first, 1); i <= last; i++)
                if (sign[i] == s && t[i] > t[i - 1]) tOn += t[i] - t[i - 1];
            double start = first > 0 ? t[first - 1] : t[first];
            bool before = k == 0 && StartsBeforeRecord(d, s, first, q);
            if (before) notes.Add(CounterAtStart(d, s) is double c0 and > 0
                ? $"the file begins inside a {Direction(s)}: the instrument's counter already stood at {c0 / 3.6:G4} mAh"
                : $"the file begins inside a {Direction(s)}: current already flows at its first record");
            bool after = k == runs.Count - 1 && last == n - 1;
            if (after) notes.Add($"the file ends inside a {Direction(s)}: current still flows at its last record");
            halves.Add(new HalfCycle(k, s, cycle, first, last, start, t[last], q, e, tOn > 0 ? q / tOn : 0, before, after, q < negligible));
        }
        int small = halves.Count(h => h.Negligible);
        if (small > 0)
            notes.Add($"{small} half cycle(s) passed less than {o.NegligibleFraction:P0} of the median half cycle's charge: their cycles are partial, without coulombic efficiency or retention");
        int cycles = runs.Count == 0 ? 0 : cycle;
        if (d.HasInstrumentCycles)
        {
            int instrument = DistinctCount(d.Cycle);
            if (instrument != cycles) notes.Add($"the instrument counts {instrument} cycle(s); the current shows {cycles}");
        }
        return new Segmentation(halves, n, cycles, startSign, from, chosen, thr, notes);
    }

    static string Direction(int sign) => sign > 0 ? "charge" : "discharge";

    /// <summary>
    /// Does the record begin inside the first half cycle (direction <paramref name="sign"/>, first
    /// current-carrying record <paramref name="first"/>, charge <paramref name="q"/>)? Yes when the
    /// instrument's counter of that direction already stands above 1 % of the charge at the first record,
    /// or when current already flows at the first record and no counter reads exactly zero there to say
    /// that the step began with the record.
    /// </summary>
    static bool StartsBeforeRecord(CyclingDataset d, int sign, int first, double q)
    {
        double? counter = CounterAtStart(d, sign);
        return counter > 0.01 * q || first == 0 && counter != 0;
    }

    /// <summary>The instrument's counter of direction <paramref name="sign"/> at the first record, or null when the file has none.</summary>
    static double? CounterAtStart(CyclingDataset d, int sign)
    {
        double v = sign > 0 ? d.ChargeCapacity[0] : d.DischargeCapacity[0];
        return double.IsFinite(v) ? v : null;
    }

    /// <summary>
    /// Per record, the charge passed since the start of its half cycle, up to and including the record
    /// (C): the running sum of <see cref="Charge"/> in the half cycle's direction over every record from
    /// its first, rests inside it included (they add nothing from the current, and what the counters
    /// say); NaN outside half cycles. The voltage–capacity curves, dQ/dV and timeseries.csv's capacity
    /// columns come from it, so they end where the capacities of cycles.csv do (less the interval in
    /// which the current switched, which the half cycle also owns).
    /// </summary>
    /// <remarks>A new column on each call; the analysis and the writers use <see cref="Progress"/> and <see cref="Walk"/>.</remarks>
    public double[] ChargeInHalfCycle()
    {
        var q = new double[_rows];
        Array.Fill(q, double.NaN);
        foreach (var h in HalfCycles)
        {
            double acc = 0;
            for (int i = h.FirstRow; i <= h.LastRow; i++) q[i] = acc += Charge.At(h.Sign, i);
        }
        return q;
    }

    /// <summary>The records of <paramref name="h"/> that carry its current, with <see cref="ChargeInHalfCycle"/> at each.</summary>
    public HalfCycleProgress Progress(CyclingDataset d, HalfCycle h)
    {
        var rows = ShortCircuitDetector.CurrentRows(d, this, h);
        var q = new double[rows.Length];
        double acc = 0;
        for (int i = h.FirstRow, k = 0; i <= h.LastRow && k < rows.Length; i++)
        {
            acc += Charge.At(h.Sign, i);
            if (rows[k] == i) q[k++] = acc;
        }
        return new HalfCycleProgress(rows, q);
    }

    /// <summary>How many different values a column holds (the instrument's cycle counter), without a set of all of them when they run in order.</summary>
    static int DistinctCount(int[] values)
    {
        var seen = new HashSet<int>();
        int previous = 0;
        for (int i = 0; i < values.Length; i++)
            if (i == 0 || values[i] != previous) { seen.Add(values[i]); previous = values[i]; }
        return seen.Count;
    }

    /// <summary>
    /// The increments of each direction that belong to each half cycle: those of its own direction from
    /// its first record up to and including the first record of the next half cycle (the interval in
    /// which the current switched belongs partly to the one before).
    /// </summary>
    static double[] Attribute(List<(int s, int first, int last)> runs, ChargeIncrements inc, int n)
    {
        var q = new double[runs.Count];
        for (int k = 0; k < runs.Count; k++)
        {
            int sign = runs[k].s;
            int end = k + 1 < runs.Count ? runs[k + 1].first : n - 1;
            double sum = 0;
            for (int i = runs[k].first; i <= end; i++) sum += inc.At(sign, i);
            q[k] = sum;
        }
        return q;
    }

    static List<(int s, int first, int last)> Runs(sbyte[] sign)
    {
        var runs = new List<(int, int, int)>();
        int cur = 0, first = -1, last = -1;
        for (int i = 0; i < sign.Length; i++)
        {
            int s = sign[i];
            if (s == 0) continue;
            if (s != cur)
            {
                if (cur != 0) runs.Add((cur, first, last));
                cur = s;
                first = i;
            }
            last = i;
        }
        if (cur != 0) runs.Add((cur, first, last));
        return runs;
    }

    /// <summary>The 99.5th percentile of |I| over the records that carry current (a few spikes do not set the scale).</summary>
    static double RobustMax(CyclingDataset d)
    {
        int n = d.Count;
        int stride = Math.Max(1, n / 200_000);
        var a = new List<double>(n / stride + 1);
        for (int i = 0; i < n; i += stride)
        {
            double x = Math.Abs(d.Current[i]);
            if (x > 0 && double.IsFinite(x) && d.Step[i] != StepType.Other) a.Add(x);
        }
        if (a.Count == 0) return 0;
        a.Sort();
        return a[Math.Min(a.Count - 1, (int)(0.995 * a.Count))];
    }
}
