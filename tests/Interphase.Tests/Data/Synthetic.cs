using System.Globalization;
using System.Text;
using Interphase.Data;

namespace Interphase.Tests.Data;

/// <summary>One constant-current (or rest) step of a synthetic test.</summary>
public sealed record SynthStep(double CurrentA, double DurationS);

/// <summary>
/// Builds cycling records with known answers. Records fall on a regular grid inside each step and
/// always on the step's end, and a record's current is the one that flowed since the record before,
/// so the charge of each step is exact.
/// </summary>
public static class Synthetic
{
    /// <param name="voltage">V at (time s, step index, charge passed in the step C, current A).</param>
    /// <param name="counters">Write per-step capacity counters (as Neware does) besides the current.</param>
    public static CyclingDataset Build(IReadOnlyList<SynthStep> steps, double dtS, Func<double, int, double, double, double> voltage,
        bool counters = false, Random? jitter = null, int[]? instrumentCycle = null)
    {
        var b = new CyclingDatasetBuilder();
        double t = 0;
        var first = CyclingRow.Empty;
        first.Voltage = voltage(0, 0, 0, 0);
        first.Step = StepType.Rest;
        if (instrumentCycle is not null) first.Cycle = instrumentCycle[0];
        if (counters) { first.ChargeCapacity = 0; first.DischargeCapacity = 0; }
        b.Add(first);
        for (int s = 0; s < steps.Count; s++)
        {
            var st = steps[s];
            double start = t, q = 0;
            while (t < start + st.DurationS - 1e-9)
            {
                double step = jitter is null ? dtS : dtS * (0.5 + jitter.NextDouble());
                double next = Math.Min(start + st.DurationS, t + step);
                q += Math.Abs(st.CurrentA) * (next - t);
                t = next;
                var r = CyclingRow.Empty;
                r.TimeS = t;
                r.Current = st.CurrentA;
                r.Voltage = voltage(t, s, q, st.CurrentA);
                r.Step = st.CurrentA > 0 ? StepType.Charge : st.CurrentA < 0 ? StepType.Discharge : StepType.Rest;
                r.StepIndex = s;
                r.Cycle = instrumentCycle is null ? -1 : instrumentCycle[s];
                if (counters)
                {
                    r.ChargeCapacity = st.CurrentA > 0 ? q : 0;
                    r.DischargeCapacity = st.CurrentA < 0 ? q : 0;
                }
                b.Add(r);
            }
        }
        return b.Build(new DatasetInfo { Format = "synthetic", Source = "synthetic" });
    }

    /// <summary>Plating/stripping: <paramref name="halfCycles"/> half cycles of ±I for τ each, plating first.</summary>
    public static List<SynthStep> Symmetric(int halfCycles, double currentA, double halfS, double restS = 0)
    {
        var s = new List<SynthStep>();
        for (int k = 0; k < halfCycles; k++)
        {
            s.Add(new SynthStep(k % 2 == 0 ? -currentA : currentA, halfS));
            if (restS > 0) s.Add(new SynthStep(0, restS));
        }
        return s;
    }

    /// <summary>Writes the records as a generic CSV (time in h, current in mA), as a user's own export might look.</summary>
    public static string WriteCsv(CyclingDataset d, string path, char separator = ',', bool decimalComma = false)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(separator, "Time (h)", "Voltage/V", "Current [mA]", "Cycle")).Append('\n');
        string F(double x)
        {
            var s = x.ToString("R", CultureInfo.InvariantCulture);
            return decimalComma ? s.Replace('.', ',') : s;
        }
        for (int i = 0; i < d.Count; i++)
            sb.Append(string.Join(separator, F(d.TimeS[i] / 3600), F(d.Voltage[i]), F(d.Current[i] * 1e3), d.Cycle[i].ToString(CultureInfo.InvariantCulture))).Append('\n');
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
