using BenchmarkDotNet.Attributes;
using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Bench;

/// <summary>
/// 1000 constant-current/constant-voltage cycles of the shipped D-LFP-PT-PEO full cell (issue 4 target:
/// ≤ 1 s single-threaded): charge at 0.2 C to 4.0 V, hold at 4.0 V until C/20, discharge at 0.2 C to 2.5 V.
/// </summary>
[MemoryDiagnoser]
public class FullCellBenchmarks
{
    FullCell _cell = null!;
    Protocol _cccv = null!;
    static readonly SimulationOptions Sweep = new() { RecordSeries = false };

    [GlobalSetup]
    public void Setup()
    {
        var root = SymmetricCellBenchmarks.FindRoot();
        var lib = MaterialLibrary.Load(Path.Combine(root, "data", "materials"));
        var spec = CellSpec.Load(Path.Combine(root, "data", "cases", "D-LFP-PT-PEO.yaml"), lib);
        _cell = FullCell.Build(spec, lib);
        _cccv = ProtocolParser.ParseLines(["Repeat 1000 times: Charge at 0.2C until 4.0 V; Hold at 4.0 V until C/20; Discharge at 0.2C until 2.5 V"]);
    }

    [Benchmark(Description = "D-LFP-PT-PEO 1000 CC/CV cycles (sweep mode)")]
    public int CcCv() => new FullCellSimulator(_cell, Sweep).Run(_cccv).Cycles.Count;
}
