using BenchmarkDotNet.Attributes;
using Interphase.Cells;
using Interphase.Ensembles;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;

namespace Interphase.Bench;

/// <summary>
/// An ensemble of 100 realisations × 100 plating/stripping cycles of A-bare-Li-LPSCl (issue 9 target:
/// ≤ 1 s on 2 cores), with the stack pressure, the exchange current density and the separator thickness
/// drawn from distributions, as <c>interphase simulate --ensemble 100</c> runs it (Parallel.For on every
/// core, no time series; writing the outputs is not included).
/// </summary>
[MemoryDiagnoser]
public class EnsembleBenchmarks
{
    MaterialLibrary _lib = null!;
    CellSpec _cell = null!;
    EnsembleSpec _spec = null!;
    Protocol _cycles = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = SymmetricCellBenchmarks.FindRoot();
        _lib = MaterialLibrary.Load(Path.Combine(root, "data", "materials"));
        var text = File.ReadAllText(Path.Combine(root, "data", "cases", "A-bare-Li-LPSCl.yaml")).Replace("protocol_file: A-symmetric.protocol", "") +
            "\ndistributions:\n  stack_pressure: normal(5 MPa, 1 MPa)\n  \"Li|Li6PS5Cl.exchange_current_density\": lognormal(1.12 mA/cm2, 0.3)\n" +
            "  layers.2.thickness: uniform(250 um, 350 um)\n";
        _cell = CellSpec.Parse(YNode.LoadText(text, "A-bare-Li-LPSCl (ensemble)"), _lib);
        _spec = EnsembleSpec.Read(_cell, _lib);
        _cycles = ProtocolParser.ParseLines(["Repeat 100 times: Plate 1 mAh/cm2 at 0.1 mA/cm2; Strip 1 mAh/cm2 at 0.1 mA/cm2"]);
    }

    [Benchmark(Description = "ensemble 100 realisations x 100 cycles, A-bare, all cores")]
    public int Ensemble100x100() =>
        Ensemble.Run(_cell, _lib, _cycles, _spec, new EnsembleOptions { Count = 100, Seed = 1 }).Realisations.Count;

    [Benchmark(Description = "the same on one core")]
    public int Ensemble100x100OneCore() =>
        Ensemble.Run(_cell, _lib, _cycles, _spec, new EnsembleOptions { Count = 100, Seed = 1, MaxDegreeOfParallelism = 1 }).Realisations.Count;
}
