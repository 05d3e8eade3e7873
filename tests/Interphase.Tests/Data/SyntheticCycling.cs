using CsCheck;
using Interphase.Data;

namespace Interphase.Tests.Data;

/// <summary>
/// The shape of a synthetic full-cell cycling test: how many cycles, which half cycle comes first,
/// where the record is cut, how half cycles are split by rests, and the cell's losses and fade.
/// Everything random that is not a shape (currents, durations, jitter) comes from <see cref="Seed"/>.
/// </summary>
public sealed record CyclingPlan(
    int Cycles,            // charge–discharge cycles after the optional first discharge
    bool DischargeFirst,   // the cell arrives partly charged and the test begins with a discharge
    bool EndsAfterCharge,  // a last charge with no discharge after it
    bool CutStart,         // the record begins inside its first half cycle, current flowing
    bool CutEnd,           // the record ends inside its last half cycle, current flowing
    bool Gitt,             // half cycles are trains of short pulses with long rests
    int RestsInside,       // otherwise, how many rests interrupt each half cycle (0–2)
    bool Lossless,         // discharge = charge in every cycle
    double Fade,           // relative fall of the discharge capacity per cycle (0–5 %)
    double SampleS,        // the logging interval (s), jittered by ±50 % record to record
    bool Counters,         // the instrument writes per-step capacity counters
    int Seed)
{
    public static readonly Gen<CyclingPlan> Gen =
        from cycles in CsCheck.Gen.Int[1, 6]
        from dischargeFirst in CsCheck.Gen.Bool
        from endsAfterCharge in CsCheck.Gen.Bool
        from cutStart in CsCheck.Gen.Bool
        from cutEnd in CsCheck.Gen.Bool
        from gitt in CsCheck.Gen.Bool
        from rests in CsCheck.Gen.Int[0, 2]
        from lossless in CsCheck.Gen.Bool
        from fade in CsCheck.Gen.Double[0, 0.05]
        from sample in CsCheck.Gen.Double[2, 60]
        from counters in CsCheck.Gen.Bool
        from seed in CsCheck.Gen.Int
        select new CyclingPlan(cycles, dischargeFirst, endsAfterCharge, cutStart, cutEnd, gitt, rests, lossless, fade, sample, counters, seed);
}

/// <summary>One generated half cycle: its direction, the charge it passes (C) and the steps that make it.</summary>
public sealed record SynthHalf(int Sign, double ChargeC, int FirstStep, int LastStep);

/// <summary>A generated record and what the analysis must find in it.</summary>
public sealed record SynthRecord(
    CyclingDataset Data,
    IReadOnlyList<SynthHalf> Halves,          // every half cycle generated, in order (cut ones included)
    IReadOnlyList<double> Efficiency,         // per charge–discharge cycle: discharge ÷ charge as generated
    bool FirstHalfCut, bool LastHalfCut);

/// <summary>
/// Builds a <see cref="CyclingPlan"/> into records with <see cref="Synthetic.Build"/>: constant-current
/// steps with an LFP-like voltage (3.4 V + 0.6 V × (state of charge − ½) + I × 50 Ω), so the charge of
/// every step is known exactly.
/// </summary>
public static class SyntheticCycling
{
    public static SynthRecord Build(CyclingPlan p)
    {
        var rng = new Random(p.Seed);
        var steps = new List<SynthStep>();
        var halves = new List<SynthHalf>();
        var efficiency = new List<double>();
        double firstDischarge = (0.5 + rng.NextDouble()) * 3.6;        // 0.5–1.5 mAh
        void Half(int sign, double q)
        {
            double current = (0.5 + 2.5 * rng.NextDouble()) * 1e-3;   // 0.5–3 mA
            int pieces = p.Gitt ? 5 + rng.Next(11) : 1 + p.RestsInside;
            var share = Enumerable.Range(0, pieces).Select(_ => 0.5 + rng.NextDouble()).ToArray();
            double total = share.Sum();
            int first = steps.Count;
            for (int k = 0; k < pieces; k++)
            {
                if (k > 0) steps.Add(new SynthStep(0, p.Gitt ? 600 + 3000 * rng.NextDouble() : 60 + 1200 * rng.NextDouble()));
                steps.Add(new SynthStep(sign * current, q * share[k] / total / current));
            }
            halves.Add(new SynthHalf(sign, q, first, steps.Count - 1));
            steps.Add(new SynthStep(0, 60 + 1800 * rng.NextDouble()));
        }
        if (p.DischargeFirst) Half(-1, (0.3 + 0.65 * rng.NextDouble()) * firstDischarge); // an as-received cell holds less than a full charge
        for (int c = 0; c < p.Cycles; c++)
        {
            double qd = firstDischarge * Math.Pow(1 - p.Fade, c);
            double ce = p.Lossless ? 1 : 0.85 + 0.149 * rng.NextDouble();
            Half(+1, qd / ce);
            Half(-1, qd);
            efficiency.Add(qd / (qd / ce));
        }
        if (p.EndsAfterCharge) Half(+1, firstDischarge / 0.9);

        // state of charge follows the charge passed; capacity 2 mAh
        double soc = p.DischargeFirst ? 0.9 : 0, lastQ = 0;
        int lastStep = -1;
        var d = Synthetic.Build(steps, p.SampleS, (t, s, q, i) =>
        {
            if (s != lastStep) { lastStep = s; lastQ = 0; }
            soc += Math.Sign(i) * (q - lastQ) / (2 * 3.6);
            lastQ = q;
            return 3.4 + 0.6 * (Math.Clamp(soc, 0, 1) - 0.5) + i * 50;
        }, p.Counters, jitter: rng);

        int from = 0, to = d.Count - 1;
        if (p.CutStart) from = InsideCurrent(d, halves[0], rng);
        if (p.CutEnd) to = InsideCurrent(d, halves[^1], rng);
        if (from >= to) (from, to) = (0, d.Count - 1); // a half cycle of one record: no cut
        return new SynthRecord(Slice(d, from, to), halves, efficiency, from > 0, to < d.Count - 1);
    }

    /// <summary>A record of half cycle <paramref name="h"/> that carries current and is not the first of its step (the step has been running).</summary>
    static int InsideCurrent(CyclingDataset d, SynthHalf h, Random rng)
    {
        var rows = Enumerable.Range(1, d.Count - 1)
            .Where(i => d.StepIndex[i] >= h.FirstStep && d.StepIndex[i] <= h.LastStep && d.Current[i] != 0 && d.StepIndex[i - 1] == d.StepIndex[i])
            .ToList();
        return rows.Count == 0 ? 0 : rows[rng.Next(rows.Count)];
    }

    /// <summary>Records <paramref name="from"/>..<paramref name="to"/>, time counted from the first of them; the counters are kept as the instrument wrote them.</summary>
    public static CyclingDataset Slice(CyclingDataset d, int from, int to)
    {
        var b = new CyclingDatasetBuilder(to - from + 1);
        for (int i = from; i <= to; i++)
        {
            var r = CyclingRow.Empty;
            r.TimeS = d.TimeS[i] - d.TimeS[from];
            r.Voltage = d.Voltage[i];
            r.Current = d.Current[i];
            r.Step = d.Step[i];
            r.Cycle = d.Cycle[i];
            r.StepIndex = d.StepIndex[i];
            r.ChargeCapacity = d.ChargeCapacity[i];
            r.DischargeCapacity = d.DischargeCapacity[i];
            b.Add(r);
        }
        return b.Build(d.Info);
    }
}
