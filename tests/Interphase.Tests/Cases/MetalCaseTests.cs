using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Cases;

/// <summary>
/// System E's cases of the other metals and the Li2S–P2S5 glass (issue 10): every one runs from the
/// library and reports finite numbers, and the amalgam strategy's story holds for Li, Na, Zn, Al and Mg.
/// All of these are predictions from library values (mostly estimates; docs/cases.md says which), none
/// was calibrated on them.
/// </summary>
public class MetalCaseTests
{
    public static TheoryData<string> SymmetricCases() => new()
    {
        "E-Li-bare-liquid", "E-Na-bare-liquid", "E-Zn-bare-liquid", "E-Al-bare-liquid", "E-Mg-bare-liquid",
        "E-Li-amalgam-liquid", "E-Na-amalgam-liquid", "E-Zn-amalgam-liquid", "E-Al-amalgam-liquid", "E-Mg-amalgam-liquid",
        "E-bare-Li-glass", "E-amalgam-Li-glass", "E-Na-bare-betaalumina",
    };

    [Theory]
    [MemberData(nameof(SymmetricCases))]
    public void EverySymmetricCaseOfTheOtherMetalsRunsWithFiniteNumbers(string name)
    {
        var r = DomainCaseTests.Run(name);
        Assert.NotEmpty(r.Series);
        Assert.All(r.Series, p => Assert.True(double.IsFinite(p.Voltage), $"{name}: V = {p.Voltage} at {p.TimeS} s"));
        Assert.All(r.Cycles.Where(c => c.Complete), c => Assert.True(double.IsFinite(c.MeanAbsVoltage) && double.IsFinite(c.MeanAbsInterfacial)));
        // the run went past its first hour (no input error, no instant stop) unless a short ended it
        Assert.True(r.ShortCircuit || r.Series[^1].TimeS >= Si.Hour, $"{name} stopped at {r.Series[^1].TimeS / Si.Hour:G3} h: {r.EndReason}");
        // the only values taken from model.yaml's class defaults are the contact constants of the metals that
        // have none of their own (Na, Al, Mg: Li's κ, h_a, λ), and the run says so
        string metal = name.Contains("-Li-") ? "Li" : name.Split('-')[1];
        var defaults = r.Warnings.Where(w => w.Contains("estimated (class default")).Select(w => w.Split(' ')[1]).Order().ToList();
        string[] expected = metal is "Na" or "Al" or "Mg" ? [$"{metal}.contact.asperity_height", $"{metal}.contact.creep_efficiency", $"{metal}.contact.spot_spacing"] : [];
        Assert.Equal(expected, defaults);
    }

    [Theory]
    [InlineData("E-LFP-bare-Li-liquid")]
    [InlineData("E-V2O5-Zn-bare-liquid")]
    public void TheBareFullCellsRunWithFiniteNumbers(string name)
    {
        var r = FullCellCaseTests.Run(name);
        Assert.NotEmpty(r.Complete);
        Assert.All(r.Series, p => Assert.True(double.IsFinite(p.Voltage)));
        Assert.False(r.ShortCircuit);
        Assert.True(r.RetentionPercent > 90);
    }

    /// <summary>
    /// domain.md E: "the same amalgam strategy is shown for Na, Zn, Al and Mg electrodes in liquid
    /// electrolytes". Predicted from the library: in each metal's liquid cell the amalgam (liquid film,
    /// no nucleation step, faster kinetics into the amalgam) runs at a lower overpotential than the bare metal.
    /// </summary>
    [Theory]
    [InlineData("Li")]
    [InlineData("Na")]
    [InlineData("Zn")]
    [InlineData("Al")]
    [InlineData("Mg")]
    public void TheAmalgamLowersTheOverpotentialOfEveryMetalInItsLiquidElectrolyte(string metal)
    {
        var bare = DomainCaseTests.Run($"E-{metal}-bare-liquid");
        var am = DomainCaseTests.Run($"E-{metal}-amalgam-liquid");
        Assert.False(am.ShortCircuit);
        Assert.True(am.MeanInterfacialOverpotential < 0.5 * bare.MeanInterfacialOverpotential,
            $"{metal}: amalgam {am.MeanInterfacialOverpotential * 1e3:G3} mV vs bare {bare.MeanInterfacialOverpotential * 1e3:G3} mV");
        // the stripping side of the amalgam turns liquid (the self-healing film) at 2 mA/cm²
        Assert.Contains(am.Series, p => p.Left.AmalgamLiquidFraction > 0.1 || p.Right.AmalgamLiquidFraction > 0.1);
    }

    /// <summary>
    /// On the Li2S–P2S5 glass at 1 MPa and 2 mA/cm², bare Li strips far above its critical stripping
    /// current (0.064 mA/cm² through 70 µm): it loses contact and fails within the first hour; the amalgam's
    /// liquid film heals its contact and it runs the 100 h.
    /// </summary>
    [Fact]
    public void OnTheGlassBareLiFailsAndTheAmalgamRuns()
    {
        var bare = DomainCaseTests.Run("E-bare-Li-glass");
        var am = DomainCaseTests.Run("E-amalgam-Li-glass");
        double failed = bare.ShortCircuit ? bare.ShortCircuitTimeS!.Value : bare.Series[^1].TimeS;
        Assert.True(failed < Si.Hour, $"bare Li on glass lasted {failed / Si.Hour:G3} h");
        Assert.True(bare.Series.Min(p => Math.Min(p.Left.Contact, p.Right.Contact)) < 0.8 * bare.Series[0].Left.Contact);
        Assert.False(am.ShortCircuit);
        Assert.True(am.Series[^1].TimeS >= 100 * Si.Hour - 1);
        Assert.True(am.Series.Max(p => p.Left.Contact) > 0.99);
    }
}
