using BenchmarkDotNet.Attributes;
using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Bench;

/// <summary>
/// 1000 plating/stripping cycles of the shipped A-bare-Li-LPSCl cell, single-threaded (issue 2 target:
/// ≤ 50 ms, so that a 10 000-design sweep takes minutes). Two protocols: the paper's 1 mAh/cm² at
/// 0.1 mA/cm² (interphase growth active, below the void onset) and 1 h half cycles at 0.3 mA/cm²,
/// above the void onset of 0.25 mA/cm² at 5 MPa, so voids open on every strip and close on every plate.
/// </summary>
[MemoryDiagnoser]
public class SymmetricCellBenchmarks
{
    SymmetricCell _cell = null!;
    Protocol _paper = null!, _voids = null!;
    static readonly SimulationOptions Sweep = new() { RecordSeries = false };

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRoot();
        var lib = MaterialLibrary.Load(Path.Combine(root, "data", "materials"));
        var spec = CellSpec.Load(Path.Combine(root, "data", "cases", "A-bare-Li-LPSCl.yaml"), lib);
        _cell = SymmetricCell.Build(spec, lib);
        _paper = ProtocolParser.ParseLines(["Repeat 1000 times: Plate 1 mAh/cm2 at 0.1 mA/cm2; Strip 1 mAh/cm2 at 0.1 mA/cm2"]);
        _voids = ProtocolParser.ParseLines(["Repeat 1000 times: Plate at 0.3 mA/cm2 for 1 h; Strip at 0.3 mA/cm2 for 1 h"]);
    }

    internal static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Interphase.slnx"))) return d.FullName;
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Interphase.slnx"))) return d.FullName;
        throw new InvalidOperationException("run from inside the repository");
    }

    [Benchmark(Description = "A-bare 1000 cycles, 1 mAh/cm2 at 0.1 mA/cm2 (sweep mode)")]
    public int PaperProtocol() => new SymmetricSimulator(_cell, Sweep).Run(_paper).Cycles.Count;

    [Benchmark(Description = "A-bare 1000 cycles, 0.3 mA/cm2 1 h halves, voids open/close (sweep mode)")]
    public int VoidProtocol() => new SymmetricSimulator(_cell, Sweep).Run(_voids).Cycles.Count;

    [Benchmark(Description = "A-bare 1000 cycles, 0.1 mA/cm2, with the full time series")]
    public int PaperProtocolWithSeries() => new SymmetricSimulator(_cell).Run(_paper).Series.Count;
}
