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
/// CASE (optional, after SCALE): only the cases whose name contains it ("" for all). HELD (optional, after CASE): mechanisms
/// whose step-proposal components keep their shipped proposal at any SCALE, comma-separated ("nucleation,contact";
/// SimulationOptions.UnscaledProposals, decision 0061), to find which component's step a result depends on.
/// </summary>
public static class StepTolerance
{
    public static int Run(string[] args)
    {
        if (args.Length < 1) throw new ArgumentException("step-tolerance OUT [SCALE [CASE [HELD]]]");
        string outDir = args[0];
        double scale = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var root = SymmetricCellBenchmarks.FindRoot();
        var lib = MaterialLibrary.Load(Path.Combine(root, "data", "materials"));
        string? only = args.Length > 2 && args[2].Length > 0 ? args[2] : null;
        var held = args.Length > 3 ? args[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() : [];
        var options = new SimulationOptions { ToleranceScale = scale, UnscaledProposals = held };
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
            IReadOnlyList<StepProposal> proposals;
            if (spec.Kind == "full")
            {
                var sim = new FullCellSimulator(FullCell.Build(spec, lib), options);
                var r = sim.Run(protocol);
                Lab.Write(r, dir);
                steps = r.Steps;
                proposals = sim.StepProposals;
            }
            else
            {
                var sim = new SymmetricSimulator(SymmetricCell.Build(spec, lib), options);
                var r = sim.Run(protocol);
                Lab.Write(r, dir);
                steps = r.Steps;
                proposals = sim.StepProposals;
            }
            var unscaled = proposals.OfType<UnscaledProposal>().Select(p => p.Name).ToList();
            Console.WriteLine($"{spec.Name}\t{steps} time steps\t{sw.Elapsed.TotalSeconds:F1} s" + (unscaled.Count > 0 ? $"\theld at scale 1: {string.Join("; ", unscaled)}" : ""));
        }
        return 0;
    }
}
