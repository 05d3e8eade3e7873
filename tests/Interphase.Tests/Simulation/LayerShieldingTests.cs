using Interphase.Cells;
using Interphase.Data.Analysis;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The polythiophene layer grown in the cell shields PEO-LiTFSI from oxidation where it covers the electrode (issue 10,
/// docs/models.md §16.3): the bare fraction 1 − θ oxidises the electrolyte from PEO's limit, the covered fraction only from
/// the film's own onset (domain.md D: PT–PEO stable to ≈4.9 V). On NCM523 charged to 4.3 V the grown layer keeps the
/// coulombic efficiency that the bare composite loses to PEO's oxidation; on steel it moves the LSV onset.
/// </summary>
public class LayerShieldingTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>The film's onset set to PEO's own limit: the covered fraction oxidises the electrolyte as the bare one does (no shielding).</summary>
    const string NoShielding = "overrides:\n  \"PT|PEO-LiTFSI.oxidation_onset\": 3.9 V\n";

    // ---------------------------------------------------------------- NCM523 full cells at 4.3 V

    /// <summary>
    /// D-NCM523-PT-formation's cell (<paramref name="grown"/>) or D-NCM523-PEO's, with NCM523's own high-potential loss of active
    /// material switched off: it also costs efficiency at 4.3 V (most in the cell whose low interface resistance lets the cathode
    /// reach 4.3 V), and PEO's oxidation is to be the only loss compared here.
    /// </summary>
    static FullCell Ncm(bool grown, string extra = "", bool cathodeInterphase = true) => FullCell.Build(CellSpec.Parse(YNode.LoadText(
        "name: ncm\nkind: full\narea: 1 cm2\ntemperature: 40 degC\nstack_pressure: 0.2 MPa\n" +
        (cathodeInterphase ? "mechanisms: {active-material-loss: off}\n" : "mechanisms: {active-material-loss: off, cathode-interphase: off}\n") + "layers:\n" +
        "  - {material: Li, thickness: 200 um}\n  - {material: PEO-LiTFSI, thickness: 100 um}\n" +
        (grown ? "  - {material: PT, grown_by: electropolymerisation, monomer_concentration: 50 mM}\n" : "") +
        "  - {material: NCM523, loading: 1.5 mg/cm2, electrolyte_fraction: 0.3, active_volume_fraction: 0.45, nominal_capacity: 170 mAh/g}\n" + extra,
        "ncm.yaml"), Lib), Lib);

    /// <summary>
    /// D-NCM523-PT-formation's formation (0.05C to 4.3 V at 60 °C), a cycle at D's 40 °C (so that the measured cycle starts
    /// where a 40 °C discharge ends, and its efficiency carries no drift of the state of charge), then the measured cycle,
    /// whose charge ends with 10 h at 4.3 V, where the cathode sits at 4.3 V and PEO oxidises on whatever surface is bare.
    /// </summary>
    static readonly string[] Protocol =
    [
        "Charge at 0.05C until 4.3 V at 60 degC",
        "Discharge at 0.1C until 2.8 V at 60 degC",
        "Charge at 0.1C until 4.3 V",
        "Discharge at 0.1C until 2.8 V",
        "Charge at 0.1C until 4.3 V",
        "Hold at 4.3 V for 10 h",
        "Discharge at 0.1C until 2.8 V",
    ];

    static (double ce, double cei) RunNcm(FullCell cell)
    {
        var r = new FullCellSimulator(cell).Run(ProtocolParser.ParseLines(Protocol));
        Assert.Equal(3, r.Cycles.Count);
        return (r.Cycles[2].CoulombicEfficiency, r.Series[^1].Cathode.CeiCharge);
    }

    [Fact]
    public void OnNcm523At43VTheGrownLayerKeepsTheEfficiencyThatPeosOxidationTakes()
    {
        var (cePeo, ceiPeo) = RunNcm(Ncm(grown: false));
        var (cePt, ceiPt) = RunNcm(Ncm(grown: true));
        // PEO oxidises on the bare composite near 4.3 V (1.25e-4 mA/cm2 at 4.3 V and 40 degC, NCM523|PEO-LiTFSI; the 13 040 Ohm cm2
        // interface keeps the cathode below 4.3 V for much of the hold): 0.13 % of the cycle's charge; the formed layer covers the
        // particles (theta -> 1) and the covered surface oxidises PEO only from 4.9 V
        Assert.True(cePeo < cePt - 8e-4, $"CE {cePeo:P3} (PEO) vs {cePt:P3} (PT grown)");
        Assert.True(ceiPt < 0.05 * ceiPeo, $"CEI charge {ceiPt} vs {ceiPeo} C/m2");

        // the cathode-interphase mechanism off: neither cell oxidises PEO, and the efficiencies agree
        var (cePeoOff, _) = RunNcm(Ncm(grown: false, cathodeInterphase: false));
        var (cePtOff, _) = RunNcm(Ncm(grown: true, cathodeInterphase: false));
        Assert.True(Math.Abs(cePeoOff - cePtOff) < 1e-4, $"CE {cePeoOff:P4} vs {cePtOff:P4} without the cathode interphase");

        // the layer grown but not shielding (the film oxidises PEO from PEO's own limit): the layer's cell loses as much as the
        // bare one (a little more: its lower interface resistance lets the cathode reach 4.3 V sooner in the charge)
        var (cePtBare, ceiPtBare) = RunNcm(Ncm(grown: true, NoShielding));
        Assert.True(cePtBare < cePeo + 5e-4, $"CE {cePtBare:P3} (PT, no shielding) vs {cePeo:P3} (PEO)");
        Assert.True(ceiPtBare > 0.8 * ceiPeo, $"CEI charge {ceiPtBare} vs {ceiPeo} C/m2");
    }

    // ---------------------------------------------------------------- LSV on steel

    static BlockingCell Steel(bool grown, string monomer = "50 mM", string extra = "") => BlockingCell.Build(CellSpec.Parse(YNode.LoadText(
        "name: ss\nkind: blocking\narea: 1 cm2\ntemperature: 60 degC\nstack_pressure: 0.1 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 200 um}\n  - {material: PEO-LiTFSI, thickness: 100 um}\n" +
        (grown ? $"  - {{material: PT, grown_by: electropolymerisation, monomer_concentration: {monomer}}}\n" : "") +
        "  - {material: SS}\n" + extra, "ss.yaml"), Lib), Lib);

    /// <summary>D-PT-LSV.protocol: the formation CV of D-PT-formation, then a linear sweep to 5.5 V at 0.1 mV/s.</summary>
    static readonly string[] Lsv =
    [
        "Sweep from 3 V to 4 V at 1 mV/s",
        "Cycle between 3 V and 4 V at 1 mV/s 9 times",
        "Sweep from 3 V to 5.5 V at 0.1 mV/s",
    ];

    const double Threshold = SweepAnalysis.DefaultThreshold; // 10 uA/cm2

    /// <summary>The final sweep's onset as the working electrode's potential vs Li (V) and the coverage there.</summary>
    static (double e, double theta, double cell) FinalOnset(BlockingCell cell)
    {
        var r = new SweepSimulator(cell).Run(ProtocolParser.ParseLines(Lsv));
        int last = r.Series[^1].Segment;
        var run = r.Series.Where(p => p.Segment == last).ToList();
        int j = run.FindIndex(p => p.CurrentDensity >= Threshold);
        Assert.True(j > 0, "the final sweep never reaches 10 uA/cm2");
        var (a, b) = (run[j - 1], run[j]);
        double f = (Threshold - a.CurrentDensity) / (b.CurrentDensity - a.CurrentDensity);
        var segs = SweepAnalysis.Of([.. r.Series.Select(p => p.Voltage)], [.. r.Series.Select(p => p.CurrentDensity)], null, Threshold);
        return (a.WorkingPotential + f * (b.WorkingPotential - a.WorkingPotential), b.Coverage, segs[^1].OnsetVoltage!.Value);
    }

    [Fact]
    public void TheGrownLayerMovesTheOxidationOnsetByTheBareFractionsShare()
    {
        var bare = Steel(grown: false);
        var (eBare, _, vBare) = FinalOnset(bare);
        // bare steel: the Tafel onset E_ox + b ln(i_th/i0) = 3.9 + 0.05 ln 10 = 4.015 V vs Li (SS|PEO-LiTFSI)
        double expectedBare = bare.OxidationPotential + bare.OxidationTafelSlope * Math.Log(Threshold / bare.OxidationCurrentDensity);
        Assert.Equal(expectedBare, eBare, 0.002);

        // the layer formed from 50 mM closes over the steel: the onset is the film's own, 4.9 V + b ln 10 (domain.md D: ~4.9 V)
        var (eFull, thetaFull, vFull) = FinalOnset(Steel(grown: true));
        Assert.True(thetaFull > 0.999, $"coverage {thetaFull}");
        Assert.True(eFull > 4.9 && vFull > eBare + 0.8, $"onset {eFull} V vs Li (cell {vFull} V) against {eBare} V bare");

        // a partial layer (5 mM of monomer): the bare fraction 1 - theta carries the oxidation, the onset moves by -b ln(1 - theta)
        var partial = Steel(grown: true, "5 mM");
        var (ePart, thetaPart, _) = FinalOnset(partial);
        Assert.True(thetaPart is > 0.5 and < 0.999, $"coverage {thetaPart}");
        double shift = -bare.OxidationTafelSlope * Math.Log(partial.Growth!.ShieldingFactor(thetaPart, bare.OxidationPotential, bare.OxidationTafelSlope));
        Assert.True(shift > 0.05, $"shift {shift} V");
        Assert.Equal(eBare + shift, ePart, 0.003);

        // the shielding off (the film oxidises PEO from PEO's own limit): the same partial layer leaves the onset where the bare steel has it
        var (eOff, _, _) = FinalOnset(Steel(grown: true, "5 mM", NoShielding));
        Assert.Equal(eBare, eOff, 0.003);
    }
}
