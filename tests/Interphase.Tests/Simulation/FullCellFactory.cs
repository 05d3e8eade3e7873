using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

public static class FullCellFactory
{
    public static FullCell Cell(string yaml, MaterialLibrary? lib = null)
    {
        lib ??= CellFactory.Fixtures;
        return FullCell.Build(CellSpec.Parse(YNode.LoadText(yaml, "test-full.yaml"), lib), lib);
    }

    public static FullCellResult Run(FullCell cell, params string[] steps) =>
        new FullCellSimulator(cell).Run(ProtocolParser.ParseLines(steps));

    /// <summary>TestMetal | Ohmium | TestLFP composite.</summary>
    public static string Lfp(string loading = "2 mg/cm2", string electrolyte = "100 um", string extra = "", string cathodeExtra = "") =>
        "name: full\nkind: full\narea: 1 cm2\ntemperature: 25 degC\nstack_pressure: 100 MPa\nlayers:\n" +
        "  - {material: TestMetal, thickness: 200 um}\n" +
        $"  - {{material: Ohmium, thickness: {electrolyte}}}\n" +
        $"  - {{material: TestLFP, loading: {loading}{cathodeExtra}}}\n" + extra + "\n";
}
