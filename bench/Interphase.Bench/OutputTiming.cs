using System.Diagnostics;
using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;

namespace Interphase.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Interphase.Bench -- outputs [CYCLES]</c>: where the time of a
/// symmetric-cell run goes when every output is written (issue 13, item 3: outputs ≤ 2× the solver). Times the
/// solver with its time series, then each writer, best of 5 after a warm-up.
/// </summary>
internal static class OutputTiming
{
    public static int Run(string[] args)
    {
        int cycles = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(BenchData.File("x"))))!;
        var repo = Directory.GetDirectories(root).First(d => File.Exists(Path.Combine(d, "Interphase.slnx")) && Directory.Exists(Path.Combine(d, "data", "cases")));
        var lib = MaterialLibrary.Load(Path.Combine(repo, "data", "materials"));
        var cell = SymmetricCell.Build(CellSpec.Load(Path.Combine(repo, "data", "cases", "A-bare-Li-LPSCl.yaml"), lib), lib);
        var protocol = ProtocolParser.ParseLines([$"Repeat {cycles} times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h"]);
        SimulationResult r = null!;
        string csv = "", cyc = "", json = "", html = "";
        var steps = new (string Name, Action Do)[]
        {
            ("solver (with series)", () => r = new SymmetricSimulator(cell).Run(protocol)),
            ("timeseries.csv text", () => csv = SimulationWriter.TimeSeriesCsv(r)),
            ("cycles.csv text", () => cyc = SimulationWriter.CyclesCsv(r)),
            ("summary.json text", () => json = SimulationWriter.SummaryJson(r)),
            ("report build", () => SimulationReport.Build(r)),
            ("report render", () => html = SimulationReport.Build(r).Render()),
            ("all files written", () => { var d = Path.Combine(Path.GetTempPath(), "interphase-out-" + Guid.NewGuid().ToString("N")); SimulationWriter.Write(r, d, null, SimulationReport.Build); Directory.Delete(d, true); }),
        };
        Console.WriteLine($"A-bare-Li-LPSCl, {cycles} cycles, best of 5 (ms):");
        foreach (var (name, action) in steps)
        {
            action();
            double best = double.MaxValue;
            for (int k = 0; k < 5; k++)
            {
                var sw = Stopwatch.StartNew();
                action();
                best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"  {name,-24} {best,8:F1}");
        }
        Console.WriteLine($"  points {r.Series.Count}, timeseries.csv {csv.Length / 1e6:F2} MB, report {html.Length / 1e6:F2} MB, cycles.csv {cyc.Length / 1e3:F0} kB, summary {json.Length / 1e3:F0} kB");
        return 0;
    }
}
