using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Results that must not depend on the time step (docs/decisions/0042): the salt profile across a polymer electrolyte,
/// exact in time over a step of constant current; a voltage cut-off located in time as well as to its millivolt; and
/// the capacities of B-LFP-bare-Li, whose charges end on a flat stretch of the voltage curve while the salt profile is
/// still forming, with the stepping engine's tolerances halved (SimulationOptions.ToleranceScale).
/// </summary>
public class StepConvergenceTests
{
    [Fact]
    public void ACutOffOnAFlatVoltageCurveIsLocatedInTimeNotOnlyToAMillivolt()
    {
        // 0.2 mV/s, the cut-off at 4.0 V reached at τ = 100 s of a 180 s step: to a millivolt alone the first point past it
        // could lie 5 s (1 %) late; the step's time tolerance, 10⁻⁴ of a 1000 s protocol step, holds it to 0.1 s
        var cut = new VoltageCondition("V > 4.0 V", false, Comparison.Greater, 4.0);
        Func<double, (bool, double)> at = tau => { double v = 3.98 + 2e-4 * tau; return (cut.IsMet(v), v); };
        double tolerance = StepEngine.CrossingTimeTolerance(820, 180, 1);
        var (lo, hi, vHi) = StepControl.Locate(cut, 180, 3.98 + 2e-4 * 180, at, tolerance, vStart: 3.98);
        Assert.InRange(hi, 100, 100 + tolerance);
        Assert.InRange(lo, 100 - tolerance, 100);
        Assert.InRange(vHi, 4.0, 4.0 + StepControl.CutOffVoltageTolerance);
    }
}
