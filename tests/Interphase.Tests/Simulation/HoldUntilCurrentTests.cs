using Interphase.Cells;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// A hold's <c>until &lt;current&gt;</c> ends the hold where its current crosses the limit, located in time as a voltage
/// cut-off is (StepControl.Locate, decision 0049), not at the first time step whose current lies below it.
/// </summary>
public class HoldUntilCurrentTests
{
    /// <summary>PotentiostaticHoldTests' ideal binary cell (Gelium, Nernst–Einstein conductivity, fast kinetics).</summary>
    static SymmetricCell Symmetric() => CellFactory.Cell(PotentiostaticHoldTests.Cell());

    static double IdealConductivity() => PotentiostaticHoldTests.IdealConductivity();

    /// <summary>
    /// How far in time (s) the hold's last point lies past the crossing of <paramref name="limit"/>, from the current's
    /// fall between its last two points (a secant: the decay is convex, so it slightly overstates the slope at the end), and
    /// the time to which the crossing is located (10⁻⁴ of the hold's duration times the tolerance scale).
    /// </summary>
    static (double Past, double Tolerance, string What) PastTheCrossing(IReadOnlyList<(double T, double I)> hold, double start, double limit, double scale = 1)
    {
        var (t1, i1) = hold[^1];
        var (t0, i0) = hold[^2];
        double slope = (i0 - i1) / (t1 - t0); // the current's fall per second, > 0
        double tolerance = StepEngine.CrossingTimeTolerance(t1 - start, 0, scale);
        return ((limit - i1) / slope, tolerance, $"last point {t1:G10} s at {i1:G10} (limit {limit:G10}), the one before {t0:G10} s at {i0:G10}");
    }

    [Fact]
    public void ASymmetricHoldEndsWhereItsCurrentCrossesTheLimit()
    {
        // 5 mV on an ideal binary electrolyte: the current decays from ΔV/R_el towards t+ of it; the limit, half the first
        // current, is crossed 18.7 s into the hold, located to 10⁻⁴ of that (1.9 ms). Before decision 0049 the hold ended at
        // the first time step below the limit (here 1.2 s past it, the current 1.7 % below)
        double i0 = 0.005 / (100e-6 / IdealConductivity()) / Si.MilliampPerCm2;
        double limit = 0.5 * i0;
        var r = CellFactory.Run(Symmetric(), $"Hold at 5 mV until {limit:G8} mA/cm2", "Rest for 1 h");
        var hold = r.Series.Where(p => p.StepIndex == 1).Select(p => (p.TimeS, p.CurrentDensity / Si.MilliampPerCm2)).ToList();
        var (past, tolerance, what) = PastTheCrossing(hold, 0, limit);
        Assert.True(past >= 0 && past <= tolerance, $"{past:G4} s past the crossing, tolerance {tolerance:G4} s: {what}");
    }

    [Fact]
    public void AFullCellHoldEndsWhereItsCurrentCrossesTheLimit()
    {
        // the CV step of a CC/CV charge (NCM523 in PEO at 40 °C): 'until 0.05C' is 0.1275 A/m² (170 mAh/g × 1.5 mg/cm²), met
        // about 2200 s into the hold; at tolerance scale 0.1 the crossing is located to 0.022 s. Before decision 0049 it was
        // bisected to 0.25 s whatever the hold's length and the tolerance scale (here 0.096 s past it)
        var cell = HoldChargeTests.NcmInPeoWithoutSideReactions();
        var r = new FullCellSimulator(cell, new SimulationOptions { ToleranceScale = 0.1 }).Run(ProtocolParser.ParseLines(["Charge at 0.1C until 4.2 V", "Hold at 4.2 V until 0.05C", "Rest for 1 h"]));
        double start = r.Series.Last(p => p.StepIndex == 1).TimeS;
        var hold = r.Series.Where(p => p.StepIndex == 2).Select(p => (p.TimeS, p.CurrentDensity)).ToList();
        var (past, tolerance, what) = PastTheCrossing(hold, start, 0.05 * 0.255 * Si.MilliampPerCm2, 0.1);
        Assert.True(past >= 0 && past <= tolerance, $"{past:G4} s past the crossing, tolerance {tolerance:G4} s: {what}");
    }
}
