using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;

namespace Interphase.Tests.Materials;

/// <summary>
/// Every layer between the electrodes must carry the same ion: a Na electrode on a Li⁺ conductor, or a
/// Li anode against a cathode whose data are for Zn²⁺, cannot pass a current, and is refused at the layer
/// that breaks the chain instead of being simulated with the other ion's numbers.
/// </summary>
public class WorkingIonTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static CellSpec Parse(string kind, params string[] layers) => CellSpec.Parse(YNode.LoadText(
        $"name: x\nkind: {kind}\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 5 MPa\nlayers:\n" +
        string.Concat(layers.Select(l => $"  - {{{l}}}\n")), "x.yaml"), Lib);

    [Fact]
    public void ANaElectrodeOnAnLiConductorIsRefusedAtTheElectrolyteLine()
    {
        var e = Assert.Throws<InputException>(() => Parse("symmetric", "material: Na, thickness: 100 um", "material: LLZO, thickness: 500 um", "material: Na, thickness: 100 um"));
        Assert.Equal(8, e.Location.Line);
        Assert.Contains("LLZO carries Li ions", e.Message);
        Assert.Contains("Na carries Na", e.Message);
    }

    [Fact]
    public void AnInterlayerOfTheWrongIonIsRefused()
    {
        var e = Assert.Throws<InputException>(() => Parse("symmetric", "material: Na, thickness: 100 um", "material: Li2Se, thickness: 50 nm",
            "material: Na3PS4, thickness: 500 um", "material: Na, thickness: 100 um"));
        Assert.Contains("Li2Se carries Li ions", e.Message);
    }

    [Fact]
    public void ACathodeWhoseDataAreForAnotherIonIsRefused()
    {
        // V2O5's library data describe Zn²⁺ insertion (aqueous ZnSO4), not Li⁺
        var e = Assert.Throws<InputException>(() => Parse("full", "material: Li, thickness: 50 um", "material: LP30, thickness: 25 um",
            "material: V2O5, loading: 2 mg/cm2, electrolyte_fraction: 0.35"));
        Assert.Contains("V2O5 carries Zn ions", e.Message);
        // the cathode composite's own electrolyte is part of the chain too
        var e2 = Assert.Throws<InputException>(() => Parse("full", "material: Li, thickness: 50 um", "material: Li6PS5Cl, thickness: 500 um",
            "material: LiCoO2, loading: 10 mg/cm2, electrolyte_fraction: 0.3, electrolyte: Na3PS4"));
        Assert.Contains("Na3PS4 carries Na ions", e2.Message);
    }

    [Fact]
    public void MatchingStacksOfEveryMetalAndABlockingCellAreAccepted()
    {
        Assert.Equal("Na", WorkingIon.Check(Parse("symmetric", "material: Na, thickness: 70 um", "material: NaHg, thickness: 70 um",
            "material: NaPF6-EC-PC, thickness: 260 um", "material: NaHg, thickness: 70 um", "material: Na, thickness: 70 um").Layers, Lib));
        Assert.Equal("Zn", WorkingIon.Check(Parse("full", "material: Zn, thickness: 50 um", "material: ZnSO4-aq, thickness: 50 um",
            "material: V2O5, loading: 2 mg/cm2, electrolyte_fraction: 0.35").Layers, Lib));
        Assert.Equal("Li", WorkingIon.Check(Parse("blocking", "material: Li, thickness: 200 um", "material: PEO-LiTFSI, thickness: 100 um",
            "material: SS").Layers, Lib));
    }

    [Fact]
    public void EveryShippedCaseCarriesOneIon()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Cases, "*.yaml"))
            Assert.NotNull(WorkingIon.Check(CellSpec.Load(file, Lib).Layers, Lib));
    }

    [Fact]
    public void ALibraryElectrolyteWithoutAWorkingIonIsRefusedWithItsFile()
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "X.yaml"), "name: X\nclass: solid_electrolyte\nformula: X\nproperties: {}\n");
        var e = Assert.Throws<InputException>(() => MaterialLibrary.Load(dir));
        Assert.Contains("X.yaml", e.OneLine);
        Assert.Contains("no working_ion", e.Message);
        File.WriteAllText(Path.Combine(dir, "X.yaml"), "name: X\nclass: solid_electrolyte\nformula: X\nworking_ion: lithium\nproperties: {}\n");
        Assert.Contains("element symbol", Assert.Throws<InputException>(() => MaterialLibrary.Load(dir)).Message);
    }
}
