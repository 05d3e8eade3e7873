using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// A blocking cell with an electrolyte the library has no steel pair for (Li | Li6PS5Cl | SS, issue 10's "a CV on a
/// sulfide with a stainless-steel blocking electrode"): it is built from model.yaml's
/// <c>class_defaults.blocking_interface</c>, every defaulted value named among the warnings (decision 0056), and a sweep
/// below the sulfide's reduction potential reduces it on the steel with the defaults' reduction (decision 0065).
/// </summary>
public class BlockingDefaultsTests
{
    /// <summary>A copy of the shipped library in a temporary folder without model.yaml's class_defaults.blocking_interface.</summary>
    internal static string LibraryWithoutBlockingDefaults()
    {
        var dir = TestPaths.TempDir();
        foreach (var f in Directory.GetFiles(TestPaths.Library)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        var model = Path.Combine(dir, "model.yaml");
        var text = File.ReadAllText(model);
        int a = text.IndexOf("    blocking_interface:", StringComparison.Ordinal), b = text.IndexOf("    # A cathode|electrolyte pair", StringComparison.Ordinal);
        File.WriteAllText(model, text[..a] + text[b..]);
        return dir;
    }

    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static BlockingCell Cell(MaterialLibrary lib) => BlockingCell.Build(CellSpec.Parse(YNode.LoadText(
        "name: cv\nkind: blocking\narea: 1 cm2\ntemperature: 25 degC\nstack_pressure: 5 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 500 um}\n  - {material: SS}\n", "cv.yaml"), lib), lib);

    [Fact]
    public void ASteelPairTheLibraryLacksIsBuiltFromTheBlockingDefaultsAndSaysSo()
    {
        var cell = Cell(Lib);
        Assert.Equal(10e-6 / 1e-4, cell.DoubleLayerCapacitance, 9);          // 10 µF/cm² in F/m²
        Assert.Equal(2.01, cell.OxidationPotential, 9);                        // Li6PS5Cl's own limit (Zhu, He & Mo 2015)
        var w = cell.WarningsFor(ProtocolParser.ParseLines(["Sweep from 2.5 V to 4 V at 0.1 mV/s"]));
        foreach (var v in new[] { "double_layer_capacitance", "oxidation_current_density", "oxidation_tafel_slope" })
            Assert.Contains(w, x => x.Contains($"SS|Li6PS5Cl.{v}") && x.Contains("class default for blocking_interface"));
        Assert.Contains(w, x => x.Contains("class_defaults.blocking_interface") && x.Contains("flat, clean stainless-steel"));
        // above the reduction potential nothing is said about reduction
        Assert.DoesNotContain(w, x => x.Contains("reduction potential"));
    }

    [Fact]
    public void ASweepBelowTheElectrolytesReductionPotentialReducesItFromTheBlockingDefaults()
    {
        var cell = Cell(Lib);
        var w = cell.WarningsFor(ProtocolParser.ParseLines(["Cycle between 0 V and 1 V at 2 mV/s 3 times"]));
        // the reduction is modelled now (docs/models.md §16.4, decision 0065): no "not modelled" line, its rate named as estimated
        Assert.DoesNotContain(w, x => x.Contains("is not modelled"));
        Assert.Contains(w, x => x.Contains("SS|Li6PS5Cl.reduction_current_density") && x.Contains("class default for blocking_interface"));
        // it runs, and the film forms on the steel below Li6PS5Cl's 1.71 V
        var r = new SweepSimulator(cell).Run(ProtocolParser.ParseLines(["Cycle between 0 V and 1 V at 2 mV/s 2 times"]));
        Assert.Equal(cell.Reduction!.PassivationCharge, r.ReductionChargeCPerM2, 1e-6 * cell.Reduction.PassivationCharge);
    }

    [Fact]
    public void WithoutTheBlockingDefaultsTheCellIsRefusedInOneLine()
    {
        // the mechanism switched off: the same library without class_defaults.blocking_interface
        var ex = Assert.Throws<InputException>(() => Cell(MaterialLibrary.Load(LibraryWithoutBlockingDefaults())));
        Assert.Contains("no interface data for 'SS|Li6PS5Cl'", ex.Message);
    }
}
