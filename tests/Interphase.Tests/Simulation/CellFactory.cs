using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>Builds cells from YAML text against the fixture library, and runs protocols on them.</summary>
public static class CellFactory
{
    public static MaterialLibrary Fixtures => MaterialLibrary.Load(TestPaths.FixtureLibrary);

    public static SymmetricCell Cell(string yaml, MaterialLibrary? lib = null)
    {
        lib ??= Fixtures;
        var spec = CellSpec.Parse(YNode.LoadText(yaml, "test-cell.yaml"), lib);
        return SymmetricCell.Build(spec, lib);
    }

    public static SimulationResult Run(SymmetricCell cell, params string[] steps) =>
        new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(steps));

    /// <summary>TestMetal | electrolyte | TestMetal with optional interlayers on both sides.</summary>
    public static string Symmetric(string electrolyte, string electrolyteThickness = "100 um", string temperature = "25 degC",
        string pressure = "5 MPa", string? interlayer = null, string metal = "100 um", string area = "1 cm2", string extra = "")
    {
        var il = interlayer is null ? "" : $"  - {{material: Layerite, thickness: {interlayer}}}\n";
        return "name: test\n" +
               $"area: {area}\n" +
               $"temperature: {temperature}\n" +
               $"stack_pressure: {pressure}\n" +
               "layers:\n" +
               $"  - {{material: TestMetal, thickness: {metal}}}\n" +
               il +
               $"  - {{material: {electrolyte}, thickness: {electrolyteThickness}}}\n" +
               il +
               $"  - {{material: TestMetal, thickness: {metal}}}\n" +
               extra + "\n";
    }
}
