namespace Interphase.Sweeps;

/// <summary>
/// One finished run: its design point, <c>done</c> with its metrics and cycle rows, or <c>failed</c> with
/// the one-line reason (a value the cell or its models refuse). Metrics are numbers, texts or null
/// (a quantity the run does not define), in the order of <see cref="SweepMetrics"/>' columns.
/// <see cref="Series"/> is the time series when the sweep keeps them.
/// </summary>
public sealed record SweepOutcome(int Id, int Seed, IReadOnlyList<SweepValue> Values, string Status, string? Reason,
    object?[] Metrics, IReadOnlyList<object?[]> Cycles, double ElapsedS, SweepSeries? Series = null);
