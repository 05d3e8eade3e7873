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
/// <para>
/// The increments are computed from the dataset's columns when asked for (<see cref="At"/>), not stored:
/// a file of millions of records would otherwise hold four more columns per source (issue 11: the memory
/// of <c>analyze</c>). Each value is the same expression of the same numbers either way.
/// </para>
/// </summary>
public sealed class ChargeIncrements
{
    // from the current: time, current and an optional weight (the voltage, for energies)
    readonly double[]? _t, _i, _weight;
    // from the counters: the charge and discharge counters
    readonly double[]? _positiveCounter, _negativeCounter;

    ChargeIncrements(double[]? t, double[]? i, double[]? weight, double[]? positiveCounter, double[]? negativeCounter)
    {
        _t = t; _i = i; _weight = weight; _positiveCounter = positiveCounter; _negativeCounter = negativeCounter;
        Count = (t ?? positiveCounter)!.Length;
    }

    /// <summary>Number of records.</summary>
    public int Count { get; }

    /// <summary>
    /// What record <paramref name="row"/> adds in direction <paramref name="sign"/> (+1 charge: non-negative for
    /// charge, an energy takes the sign of V; −1 discharge, as a positive amount).
    /// </summary>
    public double At(int sign, int row)
    {
        if (row == 0) return 0;
        if (_positiveCounter is not null) return Increment(sign > 0 ? _positiveCounter : _negativeCounter!, row);
        double dt = _t![row] - _t[row - 1];
        double current = _i![row];
        if (!(dt > 0) || !double.IsFinite(current)) return 0;
        // the charge goes to the direction of the current; a zero current to the negative one (where it adds ±0)
        if (sign > 0 ? !(current > 0) : current > 0) return 0;
        return Math.Abs(current) * dt * (_weight?[row] ?? 1);
    }

    /// <summary>∫ |I| dt (or ∫ V·|I| dt with <paramref name="weight"/> = V) by the right-point rule, split by the sign of I.</summary>
    public static ChargeIncrements FromCurrent(CyclingDataset d, double[]? weight = null) => new(d.TimeS, d.Current, weight, null, null);

    /// <summary>The increments of an instrument's charge and discharge counters (capacity or energy).</summary>
    public static ChargeIncrements FromCounters(double[] positiveCounter, double[] negativeCounter) =>
        new(null, null, null, positiveCounter, negativeCounter);

    /// <summary>How much a counter grew at a record; a drop is a reset, after which the counter counts from zero.</summary>
    static double Increment(double[] counter, int row)
    {
        double a = counter[row - 1], b = counter[row];
        if (double.IsNaN(a) || double.IsNaN(b)) return 0;
        return b >= a ? b - a : Math.Max(b, 0);
    }
}
