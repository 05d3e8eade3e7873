using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

/// <summary>
/// Two fitted values correlated beyond <see cref="EisFitOptions.SeparabilityLimit"/> are not determined apart, however
/// small their standard errors (decision 0084). The spectrum of a ceramic's bulk arc far above the window (R_b ∥ C_geo
/// peaking at 200 MHz) on a charge-transfer arc shows one arc on a series resistance: fitted with two arcs, R0 and R1
/// trade against each other along their sum (correlation −1 to 10⁻⁸ with standard errors of 10 %, as the issue's
/// Na | beta''-alumina | Na cell at 80 °C gave); the fit names the pair, its sum and warns.
/// </summary>
public class InseparablePairTests
{
    const double Bulk = 10.33, ChargeTransfer = 4.53;

    [Fact]
    public void ASeriesResistanceAndAnArcAboveTheWindowAreNamedAsAPairWhoseSumIsDetermined()
    {
        var generator = Circuit.Parse("p(R1,C1)-p(R2,C2)").WithValues(Bulk, 7.7e-11, ChargeTransfer, 3.93e-6);
        var spectrum = Synthetic.Spectrum(generator, Synthetic.LogGrid(1e6, 0.1, 10), 0, 1);
        var fit = EisFitter.Fit(spectrum, Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)"), new EisFitOptions { GlobalStarts = 4 });
        var pair = Assert.Single(fit.Inseparable, p => p.Involves("R0") && p.Involves("R1"));
        Assert.True(Math.Abs(pair.Sum!.Value - Bulk) <= 0.01 * Bulk, $"R0 + R1 = {pair.Sum} vs the bulk {Bulk}");
        Assert.Contains(fit.Warnings, w => w.StartsWith("not separately determined by these data: R0 and R1", StringComparison.Ordinal) && w.Contains("only R0 + R1 = 10.33"));
    }

    [Fact]
    public void TwoResolvedArcsHaveNoInseparablePair()
    {
        var generator = Circuit.Parse("R0-p(R1,C1)-p(R2,C2)").WithValues(5, 20, 1e-8, 50, 1e-5);
        var spectrum = Synthetic.Spectrum(generator, Synthetic.LogGrid(1e6, 0.1, 10), 0.001, 1);
        var fit = EisFitter.Fit(spectrum, Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)"), new EisFitOptions { GlobalStarts = 4 });
        Assert.Empty(fit.Inseparable);
        Assert.DoesNotContain(fit.Warnings, w => w.StartsWith("not separately determined", StringComparison.Ordinal));
    }
}
