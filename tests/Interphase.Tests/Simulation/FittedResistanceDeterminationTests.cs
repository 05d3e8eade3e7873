using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Each fitted R of a simulated spectrum carries whether the spectrum determines it (SpectrumFit.NotDetermined: the fit's
/// relative standard error, none or above 1), and a run warns about an R written as a number that is not determined
/// (issues 9/10/11). C-FeS2-LPS-solid's two-arc fit writes R0 = 7·10⁻⁵ Ω against a generated bulk of 501 Ω: its CPE1
/// (α ≈ 0.14) takes the bulk and R0 lies in a direction of the parameters the spectrum cannot see (decision 0059,
/// "Left undone"). A-bare-Li-LPSCl's fit recovers its generated R within 1 % and must not be flagged.
/// </summary>
public class FittedResistanceDeterminationTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    [Fact]
    public void AFullCellFitWhoseR0TheSpectrumDoesNotDetermineIsFlaggedAndWarned()
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "C-FeS2-LPS-solid.yaml"), Lib);
        var r = new FullCellSimulator(FullCell.Build(spec, Lib)).Run(ProtocolParser.ParseFile(spec.ProtocolFile!));
        var s = r.Spectra[0];
        Assert.True(s.Fitted["R0_ohm"] < 1e-3 * s.RBulk, $"the undetermined R0 is written as fitted: {s.Fitted["R0_ohm"]}");
        Assert.Equal(["R0"], SpectrumFit.NotDetermined(s.Fitted));
        Assert.False(double.IsFinite(s.Fitted["R0_rel_std_err"]));
        Assert.True(Math.Abs(s.Fitted["R0_max_correlation"]) > 0.999, $"R0's correlation {s.Fitted["R0_max_correlation"]}");
        Assert.True(s.Fitted["R2_rel_std_err"] < 0.1, $"R2 ±{s.Fitted["R2_rel_std_err"]}");
        // one warning for both spectra (the same R undetermined in each), not one per spectrum
        var warning = Assert.Single(r.Warnings, w => w.Contains("not determined"));
        Assert.StartsWith("impedance spectra 1, 2: the fitted R0 = ", warning);
        Assert.Contains("correlation -1.000", warning);
    }

    [Fact]
    public void ASymmetricFitThatRecoversItsResistancesIsNotFlagged()
    {
        var r = Interphase.Tests.Cases.DomainCaseTests.Run("A-bare-Li-LPSCl");
        var s = Assert.Single(r.Spectra);
        Assert.Empty(SpectrumFit.NotDetermined(s.Fitted));
        foreach (var p in new[] { "R0", "R1", "R2" })
            Assert.True(s.Fitted[p + "_rel_std_err"] < 0.01, $"{p} ±{s.Fitted[p + "_rel_std_err"]}");
        Assert.DoesNotContain(r.Warnings, w => w.Contains("not determined"));
    }
}
