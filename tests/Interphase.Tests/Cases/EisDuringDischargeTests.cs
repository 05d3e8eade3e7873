using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Cases;

/// <summary>
/// The shipped protocol data/cases/C-eis-dod.protocol: impedance of system C's solid FeS2 cell during its
/// first discharge, every 10 % of the nominal capacity until the 1.0 V cut-off. The interfacial
/// resistance rises with the depth of discharge as the converting particles expand and lose contact
/// (domain.md C); without the contact loss it rises far less.
/// </summary>
public class EisDuringDischargeTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static FullCellResult Run(string extra = "")
    {
        var file = Path.Combine(TestPaths.Cases, "C-FeS2-LPS-solid.yaml");
        var text = File.ReadAllText(file) + extra;
        var spec = CellSpec.Parse(YNode.LoadText(text, file), Lib);
        return new FullCellSimulator(FullCell.Build(spec, Lib)).Run(ProtocolParser.ParseFile(Path.Combine(TestPaths.Cases, "C-eis-dod.protocol")));
    }

    static double Interface(SimulatedSpectrum s) => s.RInterphase + s.RChargeTransfer;

    [Fact]
    public void TheInterfacialResistanceRisesWithTheDepthOfDischarge()
    {
        var r = Run();
        Assert.Equal(11, r.Spectra.Count);
        var during = r.Spectra.Where(s => s.TimeS < r.Spectra[^1].TimeS - 1).ToList();
        Assert.True(during.Count >= 5, $"{during.Count} spectra before the cut-off");
        for (int k = 1; k < r.Spectra.Count; k++)
            Assert.True(Interface(r.Spectra[k]) >= Interface(r.Spectra[k - 1]) - 1e-9, $"spectrum {k + 1}");
        double rise = Interface(r.Spectra[^1]) / Interface(r.Spectra[0]);
        Assert.True(rise > 5, $"rise ×{rise:G3}");

        var noContactLoss = Run("degradation: {contact_loss: off}\n");
        double riseOff = Interface(noContactLoss.Spectra[^1]) / Interface(noContactLoss.Spectra[0]);
        Assert.True(riseOff < rise / 2, $"without contact loss ×{riseOff:G3} vs ×{rise:G3}");
    }
}
