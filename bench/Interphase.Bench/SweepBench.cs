using System.Diagnostics;
using System.Globalization;
using Interphase.Materials;
using Interphase.Reports;
using Interphase.Sweeps;

namespace Interphase.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Interphase.Bench -- sweep [N]</c>: a Latin-hypercube sweep of N
/// designs (default 10 000) of A-bare-Li-LPSCl × 100 cycles of 1 mAh/cm² at 0.1 mA/cm² (the ensemble
/// benchmark's protocol and quantities: stack pressure, Li|Li6PS5Cl exchange current density, separator
/// thickness), run as <c>interphase sweep --out DIR</c> runs it: every core, the cell file re-read per
/// design, every run and its 100 cycles written to a fresh results.sqlite; then report.html. Prints the
/// wall clock and the process's CPU time of the runs and of the report (issue 12 target: 10 000 designs
/// ≤ 2 min on 2 cores including the SQLite writes).
/// </summary>
public static class SweepBench
{
    public static int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var root = SymmetricCellBenchmarks.FindRoot();
        var dir = Path.Combine(Path.GetTempPath(), $"interphase-sweep-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var specFile = Path.Combine(dir, "spec.yaml");
            File.WriteAllText(specFile,
                $"cell: {Path.Combine(root, "data", "cases", "A-bare-Li-LPSCl.yaml")}\n" +
                "protocol:\n  - \"Repeat 100 times: Plate 1 mAh/cm2 at 0.1 mA/cm2; Strip 1 mAh/cm2 at 0.1 mA/cm2\"\n" +
                $"design: {{method: lhs, samples: {n}, seed: 1}}\n" +
                "parameters:\n  stack_pressure: normal(5 MPa, 1 MPa)\n  \"Li|Li6PS5Cl.exchange_current_density\": lognormal(1.12 mA/cm2, 0.3)\n" +
                "  layers.2.thickness: uniform(250 um, 350 um)\n");
            var lib = MaterialLibrary.Load(Path.Combine(root, "data", "materials"));
            var spec = SweepSpec.Read(specFile);
            var kind = SweepRunner.Check(spec, lib);
            var outDir = Path.Combine(dir, "out");
            using var store = SweepStore.Open(outDir, spec, kind, Shard.All.ToString());
            var me = Process.GetCurrentProcess();
            var cpu0 = me.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            SweepRunner.Run(spec, lib, store, Shard.All, Environment.ProcessorCount);
            var wall = clock.Elapsed;
            me.Refresh();
            var cpu = me.TotalProcessorTime - cpu0;
            var (done, failed) = store.Counts();
            clock.Restart();
            DesignSweepReport.Write(store, outDir);
            var reportWall = clock.Elapsed;
            long bytes = new FileInfo(Path.Combine(outDir, SweepStore.FileName)).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep of {n} designs x 100 cycles on {Environment.ProcessorCount} cores: {wall.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU " +
                $"({n / wall.TotalSeconds:F0} runs/s; {done} done, {failed} failed; results.sqlite {bytes / 1e6:F1} MB); report.html {reportWall.TotalSeconds:F1} s; " +
                $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
