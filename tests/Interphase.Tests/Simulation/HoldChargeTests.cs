using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The charge a full cell's constant-voltage hold counts is the charge that moved lithium: with no side reaction the cathode's
/// change of stoichiometry per counted charge is the same in a charge that ends with a hold as in the discharge that follows.
/// </summary>
public class HoldChargeTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>NCM523 | PEO-LiTFSI | Li at 40 °C, 1 cm², 1.5 mg/cm² (0.255 mAh/cm²), with every cathode side reaction and
    /// loss off, so that the only charge is intercalation; shared by the hold tests.</summary>
    internal static FullCell NcmInPeoWithoutSideReactions() => FullCell.Build(CellSpec.Parse(YNode.LoadText(
        "name: hold\nkind: full\narea: 1 cm2\ntemperature: 40 degC\nstack_pressure: 0.2 MPa\n" +
        "mechanisms: {cathode-interphase: off, active-material-loss: off, cathode-contact-loss: off}\nlayers:\n" +
        "  - {material: Li, thickness: 200 um}\n  - {material: PEO-LiTFSI, thickness: 100 um}\n" +
        "  - {material: NCM523, loading: 1.5 mg/cm2, electrolyte_fraction: 0.3, active_volume_fraction: 0.45, nominal_capacity: 170 mAh/g}\n" +
        "overrides:\n  \"NCM523|PEO-LiTFSI.interfacial_asr\": 300 Ohm cm2\n", "hold.yaml"), Lib), Lib);

    [Fact]
    public void AHoldsCountedChargeIsTheLithiumItMoves()
    {
        // NCM523 in PEO-LiTFSI at 40 degC with every cathode side reaction and loss off: the only charge is intercalation
        var cell = NcmInPeoWithoutSideReactions();
        var r = new FullCellSimulator(cell).Run(ProtocolParser.ParseLines(
            ["Charge at 0.1C until 4.2 V", "Hold at 4.2 V for 10 h", "Discharge at 0.1C until 3.0 V"]));
        var c = Assert.Single(r.Cycles);
        int holdStep = r.Series.Last(p => p.CurrentDensity > 0).StepIndex; // the charge's last step
        var hold = r.Series.Where(p => p.StepIndex == holdStep).ToList();
        // the hold passes a decaying current (its end current far below its start): the case where counting the interval's end
        // current instead of the one the state was advanced with lost charge
        Assert.True(hold[^1].CurrentDensity < 0.2 * hold[0].CurrentDensity, $"{hold[0].CurrentDensity} -> {hold[^1].CurrentDensity} A/m2");
        double x0 = r.Series[0].Cathode.Stoichiometry, xTop = hold[^1].Cathode.Stoichiometry, x1 = r.Series[^1].Cathode.Stoichiometry;
        // (from the first recorded point: the charge before it is its step capacity)
        double perCharge = (c.ChargeCapacity - r.Series[0].StepCapacity) / (x0 - xTop), perDischarge = c.DischargeCapacity / (x1 - xTop);
        Assert.Equal(perDischarge, perCharge, perDischarge * 2e-4);
    }
}
