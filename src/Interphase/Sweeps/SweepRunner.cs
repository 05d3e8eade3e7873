using System.Collections.Concurrent;
using System.Diagnostics;
using Interphase.Cells;
using Interphase.Ensembles;
using Interphase.Materials;
using Interphase.Simulation;

namespace Interphase.Sweeps;

/// <summary>Which runs of a sweep this process runs: all, or the K-th of N slices (run ids K, K + N, K + 2N, …).</summary>
public readonly record struct Shard(int K, int N)
{
    public static readonly Shard All = new(1, 1);
    public bool Has(int id) => (id - 1) % N == K - 1;
    public override string ToString() => $"{K}/{N}";

    public static Shard Parse(string text, SourceLocation where)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out var k) && int.TryParse(parts[1], out var n) && n >= 1 && k >= 1 && k <= n)
            return new Shard(k, n);
        throw new InputException($"--shard takes K/N with 1 ≤ K ≤ N, e.g. 2/4; got '{text}'", where);
    }
}

/// <summary>
/// Runs a sweep in one process on <c>jobs</c> cores (Parallel.ForEach; the simulators share nothing),
/// one writer thread storing finished runs in batches. Run i's simulator seed is
/// <see cref="Ensemble.RealisationSeed"/>(design seed, i − 1), so results do not depend on the cores or the shard.
/// </summary>
public static class SweepRunner
{
    /// <summary>
    /// Checks the spec against the cell before anything runs: every parameter's probe values (a range's
    /// ends, each listed value, a distribution's centre) build the cell, and the protocol's $variables
    /// are the sweep's. Returns the cell kind. Mistakes name the spec's line.
    /// </summary>
    public static string Check(SweepSpec spec, MaterialLibrary library)
    {
        if (spec.Points().Count == 0) throw new InputException("the design has no point", spec.Design.Where);
        // each parameter is checked alone on the cell file's own values; protocol variables, which have no such value, take their first
        var alone = spec.Parameters.Select(p => p.Target == ParameterTarget.ProtocolVariable ? p.Probes[0] : null).ToArray();
        var (cell, _) = Build(spec, alone, library, null);
        if (cell.Kind == "blocking") throw new InputException("a sweep runs symmetric and full cells; a blocking cell's voltage sweep has no sweep metrics", spec.File);
        var used = SweepCell.VariablesUsed(spec, cell);
        foreach (var p in spec.Parameters.Where(p => p.Target == ParameterTarget.ProtocolVariable))
            if (!used.Contains(p.Key)) throw new InputException($"protocol variable '{p.Key}' is not used by the protocol (write it in a step, e.g. 'Plate at {p.Key} for 1 h')", p.Where);
        for (int k = 0; k < spec.Parameters.Count; k++)
        {
            var p = spec.Parameters[k];
            foreach (var probe in p.Probes)
            {
                var values = alone.ToArray();
                values[k] = probe;
                Build(spec, values, library, p);
            }
        }
        return cell.Kind;
    }

    static (CellSpec Cell, Protocols.Protocol Protocol) Build(SweepSpec spec, IReadOnlyList<SweepValue?> values, MaterialLibrary library, SweepParameter? probing)
    {
        try
        {
            var (cell, protocol) = SweepCell.Apply(spec, values, library);
            if (cell.Kind == "full") FullCell.Build(cell, library);
            else if (cell.Kind == "symmetric") SymmetricCell.Build(cell, library);
            return (cell, protocol);
        }
        catch (InputException e) when (probing is not null)
        {
            var v = values[spec.Parameters.ToList().IndexOf(probing)];
            throw new InputException($"'{probing.Key}' = {v?.Text}: {e.Message}", probing.Where);
        }
    }

    /// <summary>One run: simulate design point <paramref name="id"/> (from 1); a value the cell or its models refuse makes it 'failed' with the reason.</summary>
    public static SweepOutcome RunOne(SweepSpec spec, MaterialLibrary library, int id, SweepValue[] values, bool keepSeries = false, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        int seed = Ensemble.RealisationSeed(spec.Design.Seed, id - 1);
        try
        {
            var (cell, protocol) = SweepCell.Apply(spec, values, library);
            var options = new SimulationOptions { RecordSeries = keepSeries, Seed = seed };
            object?[] run;
            List<object?[]> cycles;
            SweepSeries? series = null;
            if (cell.Kind == "full")
            {
                var r = new FullCellSimulator(FullCell.Build(cell, library), options).Run(protocol, null, cancel);
                (run, cycles) = SweepMetrics.Of(r);
                if (keepSeries) series = SweepSeries.Of(r.Series, p => (p.TimeS, p.CurrentDensity, p.Voltage, p.Cycle));
            }
            else
            {
                var r = new SymmetricSimulator(SymmetricCell.Build(cell, library), options).Run(protocol, null, cancel);
                (run, cycles) = SweepMetrics.Of(r);
                if (keepSeries) series = SweepSeries.Of(r.Series, p => (p.TimeS, p.CurrentDensity, p.Voltage, p.Cycle));
            }
            return new SweepOutcome(id, seed, values, "done", null, run, cycles, clock.Elapsed.TotalSeconds, series);
        }
        catch (InputException e)
        {
            // the one line the command would print, with its file and line (e.g. a protocol step of this design point)
            return new SweepOutcome(id, seed, values, "failed", e.OneLine, [], [], clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>
    /// Runs the points of <paramref name="shard"/> not yet in <paramref name="store"/>; reports the number
    /// finished so far (of those to run). With <paramref name="seriesDir"/>, each run's time series is
    /// written there (<see cref="SweepSeries"/>) before its row is stored. Returns how many ran.
    /// </summary>
    public static int Run(SweepSpec spec, MaterialLibrary library, SweepStore store, Shard shard, int jobs,
        IProgress<int>? progress = null, string? seriesDir = null, CancellationToken cancel = default)
    {
        var points = spec.Points();
        var finished = store.Finished();
        var todo = Enumerable.Range(1, points.Count).Where(id => shard.Has(id) && !finished.Contains(id)).ToList();
        using var queue = new BlockingCollection<SweepOutcome>(boundedCapacity: 4096);
        // a writer that fails (a full disk) stops the runs instead of leaving them blocked on a full queue
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var writer = Task.Run(() =>
        {
            try
            {
                var batch = new List<SweepOutcome>();
                foreach (var o in queue.GetConsumingEnumerable())
                {
                    batch.Add(o);
                    while (batch.Count < 512 && queue.TryTake(out var more)) batch.Add(more);
                    store.Write(batch);
                    batch.Clear();
                }
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        });
        int done = 0;
        try
        {
            Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = stop.Token }, id =>
            {
                var outcome = RunOne(spec, library, id, points[id - 1], seriesDir is not null, stop.Token);
                outcome.Series?.Write(seriesDir!, id);
                queue.Add(outcome, stop.Token);
                progress?.Report(Interlocked.Increment(ref done));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // one run's own exception, not the wrapper (the command prints one line)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // the writer stopped the runs: its error is the one to report (below)
        }
        finally
        {
            queue.CompleteAdding();
            writer.GetAwaiter().GetResult();
        }
        return todo.Count;
    }

    /// <summary>How many of <paramref name="spec"/>'s points <paramref name="shard"/> has, and how many of them the store lacks.</summary>
    public static (int Shard, int ToRun) Pending(SweepSpec spec, SweepStore store, Shard shard)
    {
        var finished = store.Finished();
        var mine = Enumerable.Range(1, spec.Points().Count).Where(shard.Has).ToList();
        return (mine.Count, mine.Count(id => !finished.Contains(id)));
    }
}
