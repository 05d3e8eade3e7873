using Interphase.Cells;
using Interphase.Data.Analysis;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Linear and cyclic voltammetry of a blocking cell (Li | PEO-LiTFSI | SS, docs/models.md §16): only the
/// double layer charges below the electrolyte's oxidation limit; above it the Tafel oxidation sets the
/// onset; below 0 V Li plates on the steel and strips back on the return.
/// </summary>
public class SweepTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static BlockingCell Cell(string overrides = "") => BlockingCell.Build(CellSpec.Parse(YNode.LoadText(
        "name: lsv\nkind: blocking\narea: 1 cm2\ntemperature: 60 degC\nstack_pressure: 0.1 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 100 um}\n  - {material: PEO-LiTFSI, thickness: 100 um}\n  - {material: SS}\n" + overrides, "lsv.yaml"), Lib), Lib);

    static SweepResult Run(BlockingCell cell, params string[] steps) => new SweepSimulator(cell).Run(ProtocolParser.ParseLines(steps));

    [Fact]
    public void BelowTheOxidationLimitOnlyTheDoubleLayerCharges()
    {
        var cell = Cell();
        var r = Run(cell, "Sweep from 3 V to 3.5 V at 1 mV/s");
        double capacitive = cell.DoubleLayerCapacitance * 1e-3; // C·ν, A/m²
        // after the RC transient (R·C ≈ 1.4 ms) the current is C·ν to 1 % while the oxidation is still negligible
        foreach (var p in r.Series.Where(p => p.Voltage is > 3.01 and < 3.5))
            Assert.Equal(capacitive, p.CurrentDensity, 0.01 * capacitive + cell.OxidationCurrent(p.WorkingPotential) * 1.01);
        Assert.All(r.Series.Where(p => p.Voltage < 3.5), p => Assert.True(p.CurrentDensity < 2 * capacitive));
    }

    [Fact]
    public void TheOnsetIsWhereTheTafelOxidationReachesTheThreshold()
    {
        var cell = Cell();
        var r = Run(cell, "Sweep from 3 V to 5 V at 0.1 mV/s");
        var segs = SweepAnalysis.Of(r.Series.Select(p => p.Voltage).ToList(), r.Series.Select(p => p.CurrentDensity).ToList(), null, SweepAnalysis.DefaultThreshold);
        var onset = Assert.Single(segs).OnsetVoltage!.Value;
        // E_ox + b·ln(i_th/i_ox0), plus the ohmic (electrolyte ≈0.1 mV, steel's interface 4.7 mV) and counter drops at i_th
        double th = SweepAnalysis.DefaultThreshold;
        double eWe = cell.OxidationPotential + cell.OxidationTafelSlope * Math.Log(th / cell.OxidationCurrentDensity);
        double drop = th * (cell.ElectrolyteAsr(cell.TemperatureK) + cell.WorkingInterfaceAsr(0, cell.TemperatureK)) + cell.MetalKinetics.At(cell.TemperatureK).Overpotential(th);
        Assert.Equal(eWe + drop, onset, 1e-3);
        // with the oxidation 10¹² times slower (onset beyond 5.4 V) the sweep reaches 5 V without an onset: the mechanism sets it
        var slow = Cell("overrides:\n  \"SS|PEO-LiTFSI.oxidation_current_density\": 1e-15 mA/cm2\n");
        var rs = Run(slow, "Sweep from 3 V to 5 V at 0.1 mV/s");
        Assert.Null(SweepAnalysis.Of(rs.Series.Select(p => p.Voltage).ToList(), rs.Series.Select(p => p.CurrentDensity).ToList(), null, th).Single().OnsetVoltage);
    }

    [Fact]
    public void ACyclicSweepThroughZeroPlatesAndStripsTheSameCharge()
    {
        var cell = Cell();
        var r = Run(cell, "Cycle between -0.2 V and 1 V at 2 mV/s 2 times");
        var segs = SweepAnalysis.Of(r.Series.Select(p => p.Voltage).ToList(), r.Series.Select(p => p.CurrentDensity).ToList(),
            r.Series.Select(p => p.Cycle).ToList(), SweepAnalysis.DefaultThreshold);
        Assert.Equal(4, segs.Count);
        Assert.Equal([1, 1, 2, 2], segs.Select(s => s.Cycle));
        Assert.True(segs[0].PeakCurrent < -1, $"plating peak {segs[0].PeakCurrent} A/m²");
        Assert.True(segs[1].PeakCurrent > 1 && segs[1].PeakVoltage > 0, $"stripping peak {segs[1].PeakCurrent} at {segs[1].PeakVoltage}");
        // the plated metal is all stripped back: nothing is left on the steel after each cycle
        Assert.Equal(0, r.PlatedChargeCPerM2);
        // charge passed by the Faradaic part over a cycle: plating and stripping balance (the double layer returns its charge)
        double q = 0;
        for (int k = 1; k < r.Series.Count; k++) if (r.Series[k].Cycle == 1) q += r.Series[k].CurrentDensity * (r.Series[k].TimeS - r.Series[k - 1].TimeS);
        double plated = 0;
        for (int k = 1; k < r.Series.Count; k++) if (r.Series[k].Cycle == 1 && r.Series[k].CurrentDensity < 0) plated -= r.Series[k].CurrentDensity * (r.Series[k].TimeS - r.Series[k - 1].TimeS);
        Assert.True(Math.Abs(q) < 0.01 * plated, $"net {q} of {plated} C/m²");
    }

    [Fact]
    public void SweepStepsParseAndBadOnesAreOneLine()
    {
        var p = ProtocolParser.ParseLines(["Sweep from 3 V to 5.5 V at 0.1 mV/s", "Cycle between 0 V and 1 V at 2 mV/s 100 times"]);
        var sw = Assert.IsType<SweepStep>(p.Steps[0]);
        Assert.Equal(1e-4, sw.RateVPerS, 12);
        var cv = Assert.IsType<CyclicSweepStep>(p.Steps[1]);
        Assert.Equal((0.0, 1.0, 0.002, 100), (cv.LowV, cv.HighV, cv.RateVPerS, cv.Count));
        var ex = Assert.Throws<InputException>(() => ProtocolParser.ParseLines(["Sweep from 3 V to 5.5 V at -1 mV/s"]));
        Assert.Contains("scan rate must be positive", ex.Message);
        Assert.Throws<InputException>(() => ProtocolParser.ParseLines(["Sweep from 3 V to 3 V at 1 mV/s"]));
        Assert.Throws<InputException>(() => ProtocolParser.ParseLines(["Cycle between 0 V and 1 V at 2 mA"]));
    }

    [Fact]
    public void ASymmetricCellRefusesASweepAndABlockingCellAPlatingStep()
    {
        var sym = CellFactory.Cell(CellFactory.Symmetric("Ohmium"));
        var ex = Assert.Throws<InputException>(() => CellFactory.Run(sym, "Sweep from 3 V to 4 V at 1 mV/s"));
        Assert.Contains("blocking", ex.Message);
        var ex2 = Assert.Throws<InputException>(() => Run(Cell(), "Sweep from 3 V to 4 V at 1 mV/s", "Plate at 0.1 mA/cm2 for 1 h"));
        Assert.Contains("write Charge (oxidation at the working electrode) or Discharge", ex2.Message);
    }
}
