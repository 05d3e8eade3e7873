using BenchmarkDotNet.Running;

namespace Interphase.Bench;

/// <summary>
/// Benchmarks, chosen by the first argument:
/// <c>dotnet run -c Release --project bench/Interphase.Bench -- eis-batch [count]</c> runs the EIS batch
/// throughput (fits per second on every core), <c>-- eis-mathnet</c> compares the fit with MathNet's
/// Levenberg–Marquardt, <c>-- make-data DIR</c> writes the large BioLogic files of
/// <see cref="DataReaderBenchmarks"/> to DIR (to time other readers on the same files),
/// <c>-- analyze-memory FILE…</c> splits analyze's memory into its phases (<see cref="AnalyzeMemory"/>), <c>-- readers [reps] [name]</c> times the binary readers and <c>analyze</c> on ~100 MB files (<see cref="ReaderSpeed"/>),
/// <c>-- eis-read-dump PATH…</c> prints every value the impedance readers read from the files (<see cref="EisReadDump"/>),
/// <c>-- eis-files DIR [count]</c> writes the eis-batch spectra as CSV files for <c>interphase eis fit DIR</c>,
/// <c>-- dataset-hash FILE…</c> prints a hash of each file's dataset (to show two builds read it bit for bit alike),
/// <c>-- eis-profile [count]</c> splits one fit's CPU time into its parts (<see cref="EisProfile"/>),
/// <c>-- eis-warm [count]</c> compares warm-started series with cold fits (<see cref="EisWarm"/>; also <c>eis-warm-probe</c>,
/// <c>eis-warm-real</c>, <c>eis-warm-parts</c>), <c>-- eis-hash [count]</c> hashes every number of the cold fits (<see cref="EisHash"/>),
/// <c>-- step-tolerance OUT [SCALE [CASE]]</c> runs the shipped cases with the stepping engine's tolerances scaled (<see cref="StepTolerance"/>),
/// <c>-- quick-readers</c> prints best-of-7 reader timings without BenchmarkDotNet, <c>-- cpu-time</c> the
/// symmetric-cell and ensemble benchmarks by wall clock and CPU time (<see cref="CpuTime"/>), <c>-- fuzz [SECONDS]</c>
/// damages every real file at random and runs it through the analysis (<see cref="ReaderFuzz"/>), <c>-- sweep [N]</c> a design
/// sweep of N designs into SQLite (<see cref="SweepBench"/>); anything else
/// goes to BenchmarkDotNet, e.g.
/// <c>-- --filter '*EisFitBenchmarks*'</c>, <c>-- --filter '*ReportBenchmarks*'</c>, <c>-- --filter '*'</c>
/// (every BenchmarkDotNet benchmark) or <c>-- --list flat</c>.
/// </summary>
public static class Program
{
    static readonly Dictionary<string, Func<string[], int>> Custom = new()
    {
        ["eis-batch"] = EisBatch.Run,
        ["eis-profile"] = EisProfile.Run,
        ["eis-analyze"] = EisAnalyzeCost.Run,
        ["eis-cli-parts"] = EisCliParts.Run,
        ["eis-analyze-dump"] = EisAnalyzeDump.Run,
        ["eis-read-dump"] = EisReadDump.Run,
        ["eis-warm"] = EisWarm.Run,
        ["eis-warm-real"] = EisWarmReal.Run,
        ["eis-hash"] = EisHash.Run,
        ["eis-warm-parts"] = EisWarmParts.Run,
        ["eis-warm-probe"] = EisWarmProbe.Run,
        ["eis-files"] = EisBatch.WriteFiles,
        ["readers"] = ReaderSpeed.Run,
        ["analyze-memory"] = AnalyzeMemory.Run,
        ["dataset-hash"] = DatasetDump.Run,
        ["eis-mathnet"] = EisMathNetComparison.Run,
        ["make-data"] = a => { DataReaderBenchmarks.MakeFiles(a.Length == 1 ? a[0] : throw new ArgumentException("make-data DIR")); return 0; },
        ["quick-readers"] = _ => { DataReaderBenchmarks.Quick(); return 0; },
        ["cpu-time"] = CpuTime.Run,
        ["fuzz"] = ReaderFuzz.Run,
        ["cycler-readers"] = CyclerReaderTiming.Run,
        ["sweep"] = SweepBench.Run,
        ["outputs"] = OutputTiming.Run,
        ["step-tolerance"] = StepTolerance.Run,
    };

    public static int Main(string[] args)
    {
        if (args.Length > 0 && Custom.TryGetValue(args[0], out var run)) return run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
