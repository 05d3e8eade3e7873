namespace Interphase.Data.Analysis;

/// <summary>
/// The charge (or energy) each record adds, split by the direction of the current: what the
/// capacities of half cycles, the voltage–capacity curves, dQ/dV and the capacity columns of
/// timeseries.csv are all summed from, so that they agree.
/// <para>
/// From the current: ΔQ_k = I_k (t_k − t_{k−1}), the record's current taken as flowing since the
/// record before it, whatever that record was (right-point rule). Cyclers log a record at the end of
/// every step (a rest's last record has I = 0) and then at their sampling interval, so the interval
/// between a rest's last record and the first record of the next step carries the new step's current
/// for that interval only, not for the rest. Checked on the shared files against the instruments' own
/// counters: per half cycle within 0.4 % (Arbin, Neware) and exact for EC-Lab, whose counters are this
/// sum; a trapezoid across a step boundary is off by up to a factor of eight (EC-Lab GCPL).
/// </para>
/// From the instrument's counters: the increment of each counter at each record, a drop being a reset
/// after which the counter counts from zero.
/// </summary>
public sealed class ChargeIncrements
{
    /// <summary>Per record, what it adds in the positive (charge) direction; non-negative for charge (an energy takes the sign of V).</summary>
    public double[] Positive { get; }
    /// <summary>Per record, what it adds in the negative (discharge) direction, as a positive amount.</summary>
    public double[] Negative { get; }

    ChargeIncrements(double[] positive, double[] negative) { Positive = positive; Negative = negative; }

    /// <summary>The increments of one direction (+1 charge, −1 discharge).</summary>
    public double[] Of(int sign) => sign > 0 ? Positive : Negative;

    /// <summary>∫ |I| dt (or ∫ V·|I| dt with <paramref name="weight"/> = V) by the right-point rule, split by the sign of I.</summary>
    public static ChargeIncrements FromCurrent(CyclingDataset d, double[]? weight = null)
    {
        int n = d.Count;
        var pos = new double[n];
        var neg = new double[n];
        for (int i = 1; i < n; i++)
        {
            double dt = d.TimeS[i] - d.TimeS[i - 1];
            if (!(dt > 0) || !double.IsFinite(d.Current[i])) continue;
            double x = Math.Abs(d.Current[i]) * dt * (weight?[i] ?? 1);
            if (d.Current[i] > 0) pos[i] = x; else neg[i] = x;
        }
        return new ChargeIncrements(pos, neg);
    }

    /// <summary>The increments of an instrument's charge and discharge counters (capacity or energy).</summary>
    public static ChargeIncrements FromCounters(double[] positiveCounter, double[] negativeCounter) =>
        new(Increments(positiveCounter), Increments(negativeCounter));

    /// <summary>How much a counter grew at each record; a drop is a reset, after which the counter counts from zero.</summary>
    static double[] Increments(double[] counter)
    {
        var inc = new double[counter.Length];
        for (int i = 1; i < counter.Length; i++)
        {
            double a = counter[i - 1], b = counter[i];
            if (double.IsNaN(a) || double.IsNaN(b)) continue;
            inc[i] = b >= a ? b - a : Math.Max(b, 0);
        }
        return inc;
    }
}
