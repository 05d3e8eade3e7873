using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;
using MathNet.Numerics.Random;

namespace Interphase.Ensembles;

public sealed record EnsembleOptions
{
    /// <summary>Number of realisations (1 or more).</summary>
    public required int Count { get; init; }
    /// <summary>The ensemble's seed: realisation i draws from <see cref="Ensemble.RealisationSeed"/>(Seed, i).</summary>
    public required int Seed { get; init; }
    /// <summary>Cores to use; -1: all of them. The results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>
/// One realisation: its seed, the values drawn for each quantity (in the distribution's unit), its
/// metrics (null where undefined), and per cycle the cycle's figure (mean |V| in mV before any short for
/// a symmetric cell, discharge capacity in mAh/g for a full cell; NaN for an incomplete cycle). A
/// realisation whose drawn values the cell or its models refuse (a negative pressure, a temperature
/// outside a material's validity) carries the reason in <see cref="Refused"/> and no metrics.
/// </summary>
public sealed record Realisation(int Index, int Seed, double[] Sampled, double?[] Metrics, double[] PerCycle, bool ShortCircuit, string? Refused, IReadOnlyList<string> Warnings);

/// <summary>Everything an ensemble produced.</summary>
public sealed record EnsembleResult(
    string CellName,
    string Kind,
    int Seed,
    IReadOnlyList<SampledQuantity> Quantities,
    IReadOnlyList<EnsembleMetric> Metrics,
    IReadOnlyList<Realisation> Realisations,
    string PerCycleName,
    string PerCycleUnit)
{
    public int Count => Realisations.Count;
    public int Refused => Realisations.Count(r => r.Refused is not null);
    public int Shorted => Realisations.Count(r => r.ShortCircuit);

    /// <summary>Median and 10–90 % band of metric <paramref name="k"/> over the realisations that ran.</summary>
    public Band BandOf(int k) => Band.Of(Realisations.Where(r => r.Refused is null).Select(r => r.Metrics[k]));

    /// <summary>The band of the per-cycle figure, cycle by cycle (index 0 = cycle 1).</summary>
    public IReadOnlyList<Band> PerCycleBands()
    {
        var ran = Realisations.Where(r => r.Refused is null).ToList();
        int n = ran.Count == 0 ? 0 : ran.Max(r => r.PerCycle.Length);
        return Enumerable.Range(0, n).Select(c => Band.Of(ran.Select(r => c < r.PerCycle.Length ? r.PerCycle[c] : (double?)null))).ToList();
    }

    /// <summary>Every distinct warning of the realisations, in the order first met.</summary>
    public IReadOnlyList<string> Warnings => Realisations.SelectMany(r => r.Warnings).Distinct().ToList();
}

/// <summary>
/// Runs N realisations of a cell whose quantities carry distributions, on all cores (Parallel.For in
/// one process). Realisation i draws its values, in the order the distributions are listed, from a
/// xoshiro256** generator seeded with <see cref="RealisationSeed"/>(seed, i), and passes the same seed
/// to the simulator (<see cref="SimulationOptions.Seed"/>), so an ensemble is reproducible from its
/// seed and does not depend on the number of cores or the order the realisations finish in.
/// </summary>
public static class Ensemble
{
    /// <summary>
    /// The seed of realisation <paramref name="index"/>: SplitMix64's finaliser (Steele, Lea and Flood,
    /// OOPSLA 2014) applied to the ensemble seed and the index, so that neighbouring indices and seeds
    /// give unrelated streams.
    /// </summary>
    public static int RealisationSeed(int seed, int index)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)(index + 1) * 0xD1B54A32D192ED03UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }

    /// <summary>The values realisation <paramref name="index"/> draws, in the distributions' units.</summary>
    public static double[] Draw(EnsembleSpec spec, int seed, int index)
    {
        var rng = new Xoshiro256StarStar(RealisationSeed(seed, index), threadSafe: false);
        return spec.Quantities.Select(q => q.Distribution.Sample(rng)).ToArray();
    }

    public static EnsembleResult Run(CellSpec cell, MaterialLibrary library, Protocol protocol, EnsembleSpec spec, EnsembleOptions o,
        IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        if (o.Count < 1) throw new ArgumentOutOfRangeException(nameof(o), o.Count, "an ensemble needs at least one realisation");
        bool full = cell.Kind == "full";
        var metrics = full ? EnsembleMetric.FullMetrics : EnsembleMetric.SymmetricMetrics;
        var results = new Realisation[o.Count];
        int done = 0;
        var gate = new object();
        Parallel.For(0, o.Count, new ParallelOptions { MaxDegreeOfParallelism = o.MaxDegreeOfParallelism, CancellationToken = cancel }, i =>
        {
            results[i] = RunOne(cell, library, protocol, spec, o.Seed, i, full, metrics, cancel);
            int d = Interlocked.Increment(ref done);
            if (progress is not null) lock (gate) progress.Report((double)d / o.Count);
        });
        return new EnsembleResult(cell.Name, full ? "full" : "symmetric", o.Seed, spec.Quantities, metrics, results,
            full ? "discharge capacity" : "mean |V|", full ? "mAh/g" : "mV");
    }

    static Realisation RunOne(CellSpec cell, MaterialLibrary library, Protocol protocol, EnsembleSpec spec, int seed, int i, bool full,
        IReadOnlyList<EnsembleMetric> metrics, CancellationToken cancel)
    {
        int rseed = RealisationSeed(seed, i);
        var sampled = Draw(spec, seed, i);
        var options = new SimulationOptions { RecordSeries = false, Seed = rseed };
        try
        {
            var c = cell;
            for (int k = 0; k < sampled.Length; k++) c = spec.Quantities[k].Apply(c, sampled[k]);
            if (full)
            {
                var r = new FullCellSimulator(FullCell.Build(c, library), options).Run(protocol, null, cancel);
                var perCycle = r.Cycles.Select(x => x.Complete ? r.Specific(x.DischargeCapacity) / 3600 : double.NaN).ToArray();
                return new Realisation(i, rseed, sampled, metrics.Select(m => m.Full!(r)).ToArray(), perCycle, r.ShortCircuit, null, r.Warnings);
            }
            else
            {
                var r = new SymmetricSimulator(SymmetricCell.Build(c, library), options).Run(protocol, null, cancel);
                var before = r.CyclesBeforeShort.Select(x => x.Cycle).ToHashSet();
                var perCycle = r.Cycles.Select(x => before.Contains(x.Cycle) ? x.MeanAbsVoltage * 1e3 : double.NaN).ToArray();
                return new Realisation(i, rseed, sampled, metrics.Select(m => m.Symmetric!(r)).ToArray(), perCycle, r.ShortCircuit, null, r.Warnings);
            }
        }
        catch (InputException e)
        {
            return new Realisation(i, rseed, sampled, new double?[metrics.Count], [], false, e.OneLine, []);
        }
    }
}
