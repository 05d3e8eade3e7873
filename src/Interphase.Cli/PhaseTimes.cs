using System.Diagnostics;
using System.Runtime;

namespace Interphase.Cli;

/// <summary>
/// With the environment variable <c>INTERPHASE_PHASES=1</c>, a batch command prints to stderr, for each of its phases,
/// the process's CPU time (all threads), the wall clock, the JIT's compilations, the resident memory (now and at its peak) and the garbage collector's pauses and collections, and at the first mark what the process had used before
/// (start-up, parsing the command line). For finding where a command's time goes (issue 11's speed targets); silent
/// otherwise.
/// </summary>
internal sealed class PhaseTimes
{
    readonly TextWriter? _to;
    TimeSpan _cpu, _jit, _gcPause;
    long _wall, _methods;
    int _gen0, _gen1, _gen2;

    PhaseTimes(TextWriter? to)
    {
        _to = to;
        if (to is null) return;
        var p = Process.GetCurrentProcess();
        _cpu = p.TotalProcessorTime;
        _wall = Stopwatch.GetTimestamp();
        _jit = JitInfo.GetCompilationTime();
        _methods = JitInfo.GetCompiledMethodCount();
        (_gcPause, _gen0, _gen1, _gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        to.WriteLine($"phase {"before the command",-28} CPU {_cpu.TotalSeconds,7:F3} s   wall {(DateTime.Now - p.StartTime).TotalSeconds,7:F3} s   JIT {_jit.TotalSeconds,6:F3} s, {_methods} methods");
    }

    public static PhaseTimes Start(TextWriter stderr) =>
        new(Environment.GetEnvironmentVariable("INTERPHASE_PHASES") == "1" ? stderr : null);

    /// <summary>Prints the CPU and wall time since the previous mark, named <paramref name="phase"/>.</summary>
    public void Mark(string phase)
    {
        if (_to is null) return;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long wall = Stopwatch.GetTimestamp();
        var jit = JitInfo.GetCompilationTime();
        long methods = JitInfo.GetCompiledMethodCount();
        var p = Process.GetCurrentProcess();
        var (pause, gen0, gen1, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        _to.WriteLine($"phase {phase,-28} CPU {(cpu - _cpu).TotalSeconds,7:F3} s   wall {Stopwatch.GetElapsedTime(_wall, wall).TotalSeconds,7:F3} s   JIT {(jit - _jit).TotalSeconds,6:F3} s, {methods - _methods} methods   resident {p.WorkingSet64 / 1e6,6:F1} MB, peak {p.PeakWorkingSet64 / 1e6,6:F1} MB, GC heap {GC.GetTotalMemory(false) / 1e6,6:F1} MB   GC paused {(pause - _gcPause).TotalSeconds,6:F3} s, collections {gen0 - _gen0}/{gen1 - _gen1}/{gen2 - _gen2} (gen 0/1/2)");
        (_gcPause, _gen0, _gen1, _gen2) = (pause, gen0, gen1, gen2);
        _cpu = cpu;
        _wall = wall;
        _jit = jit;
        _methods = methods;
    }
}
