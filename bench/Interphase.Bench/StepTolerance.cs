using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Interphase.Bench -- step-tolerance OUT [SCALE [CASE]]</c>: runs every shipped case
/// (data/cases, symmetric and full cells) with the stepping engine's tolerances multiplied by SCALE (default 1;
/// <see cref="SimulationOptions.ToleranceScale"/>) and writes each run's files to OUT/&lt;case&gt; as <c>simulate</c> does.
/// Comparing the folders of SCALE 1 and 0.5 shows whether a result has converged in the time step (decision 0034).
/// CASE (optional, after SCALE): only the cases whose name contains it.
/// </summary>
public static class StepTolerance
{
    public static int Run(string[] args)
    {
        if (args.Length < 1) throw new ArgumentException("step-tolerance OUT [SCALE [CASE]]");
        string outDir = args[0];
        double scale = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var root = SymmetricCellBenchmarks.FindRoot();
        var lib = MaterialLibrary.Load(Path.Combine(root, "data", "materials"));
        string? only = args.Length > 2 ? args[2] : null;
        var options = new SimulationOptions { ToleranceScale = scale };
        foreach (var file in Directory.GetFiles(Path.Combine(root, "data", "cases"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var spec = CellSpec.Load(file, lib);
            if (spec.Kind is not ("symmetric" or "full")) continue;
            if (only is not null && !spec.Name.Contains(only, StringComparison.Ordinal)) continue;
            var protocol = ProtocolParser.OfCell(spec)!;
            string dir = Path.Combine(outDir, spec.Name);
            Directory.CreateDirectory(dir);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            int steps;
            if (spec.Kind == "full")
            {
                var r = new FullCellSimulator(FullCell.Build(spec, lib), options).Run(protocol);
                Lab.Write(r, dir);
                steps = r.Steps;
            }
            else
            {
                var r = new SymmetricSimulator(SymmetricCell.Build(spec, lib), options).Run(protocol);
                Lab.Write(r, dir);
                steps = r.Steps;
            }
            Console.WriteLine($"{spec.Name}\t{steps} time steps\t{sw.Elapsed.TotalSeconds:F1} s");
        }
        return 0;
    }
}
