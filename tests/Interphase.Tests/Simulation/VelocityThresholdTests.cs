using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// A filament's velocity threshold crossed within a time step, located (decision 0078): the growth of the step is the
/// trapezoid over the part of the step in which the filament grows, not half the positive velocity over the whole
/// step, so a length reached after the crossing does not move with the step. Synthetic velocities (no shipped case
/// crosses the threshold within a step: decision 0078, "What we found").
/// </summary>
public class VelocityThresholdTests
{
    const double V = 2e-7; // m/s, the velocity once the threshold is crossed

    /// <summary>Growth (m) over a step of dt from t0 for a velocity that is V from the moment on and 0 before it (or, stopping, the reverse).</summary>
    static double Growth(double t0, double dt, double on, bool starts)
    {
        bool Grows(double t) => starts ? t >= on : t < on;
        double v0 = Grows(t0) ? V : 0;
        double v1 = Grows(t0 + dt) ? V : 0;
        if (v0 > 0 == v1 > 0) return 0.5 * (v0 + v1) * dt;
        return VelocityThreshold.MeanVelocity(v0, 0, dt, (tau, _) => Grows(t0 + tau) ? V : 0, _ => v1) * dt;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AStepInWhichTheVelocityTurnsOnOrOffGrowsOnlyWhileItIsOn(bool starts)
    {
        // crossing 37.3 s into a step of 100 s: growing over 62.7 s (starting) or 37.3 s (stopping)
        double grown = Growth(0, 100, 37.3, starts);
        double expected = V * (starts ? 62.7 : 37.3);
        // located to 1 ms: the growth within V·1 ms (the trapezoid over the whole step would give V·50 s)
        Assert.True(Math.Abs(grown - expected) <= V * VelocityThreshold.Tolerance, $"grown {grown:G6} m, expected {expected:G6} m");
    }

    /// <summary>
    /// The time a filament that starts to grow at 1000.4 s takes to reach 50 µm, stepped at 100, 50 and 25 s: the same to
    /// the location's 1 ms at every step (unlocated, the trapezoid starts it at the step's middle: 1050, 1025, 1012.5 s).
    /// </summary>
    [Fact]
    public void TheTimeToReachALengthDoesNotMoveWithTheStep()
    {
        const double on = 1000.4, length = 50e-6;
        var times = new[] { 100.0, 50, 25 }.Select(dt =>
        {
            double t = 0, h = 0;
            while (true)
            {
                double dh = Growth(t, dt, on, starts: true);
                // the moment within the step the length is reached, the velocity constant there
                if (h + dh >= length) return t + dt - (h + dh - length) / V;
                h += dh;
                t += dt;
            }
        }).ToArray();
        double exact = on + length / V;
        foreach (var t in times)
            Assert.True(Math.Abs(t - exact) <= 2 * VelocityThreshold.Tolerance, $"reached at {string.Join(" / ", times.Select(x => x.ToString("G9")))} s, exact {exact} s");
    }
}
