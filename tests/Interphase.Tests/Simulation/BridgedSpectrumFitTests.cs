using Interphase.Reports;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The spectrum of a symmetric cell taken with a metal bridge across it (decision 0073; 0062's "Part 3"): the bridge cannot
/// be told from the cell, so the fit reports the two parallel combinations the spectrum fixes, bridge ∥ bulk and
/// bridge ∥ cell, and the generated bridge beside them. Both runs are SoftShortTests' thin-filament polymer, plating
/// 3.5 h at 0.2 mA/cm² and then measured from 1 MHz to 10 µHz (the salt diffusion's arc included).
/// </summary>
public class BridgedSpectrumFitTests
{
    /// <summary>R_cell: the ionic cell's R_bulk + R_interphase + R_ct + the salt diffusion's R_D = 2RT(1 − t+)²L/(z²F²Dc0) (Ω), as SoftShortTests.</summary>
    static double CellResistance(SymmetricCell cell, SimulatedSpectrum s)
    {
        double rd = 2 * Si.GasConstant * cell.TemperatureK * 0.72 * 0.72 * 90e-6 / (Si.Faraday * Si.Faraday * cell.SaltDiffusivity!(cell.TemperatureK) * 1300) / cell.Area;
        return s.RBulk + s.RInterphase + s.RChargeTransfer + rd;
    }

    static double Parallel(double a, double b) => a * b / (a + b);

    [Fact]
    public void AStandingBridgesSpectrumIsFittedAsBridgeParallelCell()
    {
        var cell = SoftShortTests.ThinFilamentPolymer();
        var s = Assert.Single(SoftShortTests.Run(cell, true, SoftShortTests.PlateThenStrip).Spectra);
        Assert.NotNull(s.RBridge);
        Assert.NotNull(s.FitCircuit);
        double expected = Parallel(s.RBridge!.Value, CellResistance(cell, s));
        // the bridge (860 Ω) is comparable to the cell (1.25 kΩ since decision 0072's θ = 0.14; 2.1 kΩ before): the fitted
        // low-frequency resistance (493 Ω against 509; 604 against 612 before 0072) is neither. The two-arc ladder ends short
        // of the salt diffusion's DC limit by 3.2 % here (its own standard error 0.13 %): the 4 % allows that bias of the
        // circuit, and still tells bridge ∥ cell from the bridge (69 % off) or the cell (145 % off)
        string all = $"fit {s.Fitted[BridgedSpectrumFit.CellKey]} / {s.Fitted[BridgedSpectrumFit.BulkKey]}, expected {expected} / {Parallel(s.RBridge.Value, s.RBulk)}, Re Z(fmin) {s.Impedance[^1].Real}, Re Z(fmax) {s.Impedance[0].Real}, bridge {s.RBridge}, cell {CellResistance(cell, s)}, circuit {s.FitCircuit}, chi2 {s.Fitted["chi_square"]}, err {s.Fitted["R_bridge_parallel_cell_rel_std_err"]}";
        Assert.True(Math.Abs(s.Fitted[BridgedSpectrumFit.CellKey] / expected - 1) < 0.04, all);
        Assert.True(s.Fitted[BridgedSpectrumFit.CellKey] < 0.9 * s.RBridge.Value, $"{s.Fitted[BridgedSpectrumFit.CellKey]} vs {s.RBridge}");
        // the high-frequency intercept: the bridge across the bulk (the bulk's own arc lies above 1 MHz; measured 0.01 % off)
        Assert.True(Math.Abs(s.Fitted[BridgedSpectrumFit.BulkKey] / Parallel(s.RBridge.Value, s.RBulk) - 1) < 0.005, all);
        Assert.Null(s.RShort);
    }

    [Fact]
    public void AHardShortsSpectrumReportsTheShortAndIsFittedAsShortParallelCell()
    {
        var cell = SoftShortTests.ThinFilamentPolymer();
        var r = SoftShortTests.Run(cell, false, SoftShortTests.PlateThenStrip);
        Assert.True(r.ShortCircuit);
        var s = Assert.Single(r.Spectra);
        Assert.Null(s.RBridge);
        // the short's generated resistance: the model's short_circuit_asr, 1 Ω cm²
        Assert.Equal(1e-4 / cell.Area, s.RShort!.Value, 9);
        Assert.NotNull(s.FitCircuit);
        // the short (1.27 Ω) is about 1/1000 of the cell (1.25 kΩ since decision 0072): bridge ∥ cell lies 0.1 % below the short alone, which the 0.02 % separates
        Assert.InRange(s.Fitted[BridgedSpectrumFit.CellKey] / Parallel(s.RShort.Value, CellResistance(cell, s)), 0.9998, 1.0002);
        using var doc = System.Text.Json.JsonDocument.Parse(SimulationWriter.SummaryJson(r));
        var eis = doc.RootElement.GetProperty("impedance")[0];
        Assert.Equal(s.RShort.Value, eis.GetProperty("R_short_ohm").GetDouble(), 9);
        Assert.Equal(s.FitCircuit, eis.GetProperty("fitted").GetProperty("circuit").GetString());
    }
}
