using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

/// <summary>
/// What a warm fit reuses instead of sweeping the circuit again (decision 0082): the solver's first evaluation from the
/// residuals and Jacobian of the start (<see cref="EisFitter.EisProblem.Prime"/>), and the statistics' residuals, Jacobian
/// and model from the solver's final point (<see cref="EisFitter.EisProblem.AtOutcome"/>, <see cref="EisFitter.EisProblem.Accepted"/>).
/// </summary>
public class WarmFitReuseTests
{
    static readonly Circuit C = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1");
    static readonly double[] Truth = [10, 20, 1e-5, 0.85, 200, 1e-3, 0.75, 50];

    static ImpedanceSpectrum Spectrum(int seed)
    {
        var f = Enumerable.Range(0, 61).Select(i => 1e5 * Math.Pow(1e-7, i / 60.0)).ToArray();
        var rng = new Random(seed);
        var z = C.Evaluate(f, Truth).Select(v => v * (1 + 0.005 * new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5))).ToArray();
        return new ImpedanceSpectrum(f, z);
    }

    /// <summary>A start of the fit: the truth moved by up to ±40 % in every parameter (the exponents kept inside (0, 1)).</summary>
    static double[] Start(int seed)
    {
        var rng = new Random(seed);
        return [.. Truth.Select((v, k) => C.Parameters[k].Kind == ParameterKind.Exponent ? v * (1 + 0.1 * (rng.NextDouble() - 0.5)) : v * (1 + 0.8 * (rng.NextDouble() - 0.5)))];
    }

    /// <summary>The solver started from the start's r and J (primed) takes the same path as the one that evaluates them itself.</summary>
    [Fact]
    public void APrimedStartFollowsTheSamePathAsAnEvaluatedOne()
    {
        for (int seed = 0; seed < 8; seed++)
        {
            var setup = EisFitter.Setup.Create(Spectrum(seed), C, new EisFitOptions());
            var ws = new EisFitter.FitWorkspace();
            var problem = new EisFitter.EisProblem(setup, ws);
            var x0 = setup.ToVariables(Start(100 + seed));
            var p0 = problem.Parameters(x0);
            var lm = new LevenbergMarquardt();
            var plain = lm.Minimize(problem, x0);
            var (r0, j0) = problem.AtParameters(p0);
            Assert.True(problem.Prime(r0, j0, setup.Free, x0, ws.Lm));
            var primed = lm.Minimize(problem, x0, ws.Lm, primed: true);
            Assert.Equal(plain.Iterations, primed.Iterations);
            Assert.Equal(plain.Evaluations, primed.Evaluations);
            Assert.Equal(plain.Exit, primed.Exit);
            for (int k = 0; k < x0.Length; k++)
                Assert.True(Math.Abs(primed.X[k] - plain.X[k]) <= 1e-9 * Math.Max(1, Math.Abs(plain.X[k])), $"seed {seed}, variable {k}: {plain.X[k]:R} → {primed.X[k]:R}");
        }
    }

    /// <summary>
    /// Wherever the solver stops (after any number of iterations, also right after a refused step, whose trial model is the
    /// last one swept), the residuals, Jacobian and model it leaves for the statistics are those of its final point.
    /// </summary>
    [Fact]
    public void TheFinalPointsResidualsJacobianAndModelAreThoseOfThatPoint()
    {
        var setup = EisFitter.Setup.Create(Spectrum(3), C, new EisFitOptions());
        double[][] starts = [[30, 5, 1e-6, 0.6, 900, 1e-1, 0.5, 5], [1e3, 1e-2, 1e-9, 0.99, 1e5, 1e-8, 0.2, 1e4], [1e-3, 1e4, 1, 0.3, 1e-2, 10, 0.95, 1e-3]];
        foreach (var start in starts.Select(setup.ToVariables))
        for (int cap = 1; cap <= 40; cap++)
        {
            var ws = new EisFitter.FitWorkspace();
            var problem = new EisFitter.EisProblem(setup, ws);
            var outcome = new LevenbergMarquardt { MaxIterations = cap }.Minimize(problem, start, ws.Lm);
            var p = problem.Parameters(outcome.X);
            var model = problem.LastModel();
            var reused = problem.AtOutcome(outcome);
            var trial = problem.ModelAt(p);
            Assert.NotNull(reused);
            var (r, j) = (reused.Value.r.ToArray(), reused.Value.j.ToArray());
            var fresh = new EisFitter.EisProblem(setup);
            var (rf, jf) = fresh.AtParameters(p);
            Assert.True(trial.SequenceEqual(model), $"start {start[0]:G3}, cap {cap}: the model kept is not the final point's");
            Assert.Equal(rf, r);
            for (int i = 0; i < j.Length; i++)
                Assert.True(Math.Abs(j[i] - jf[i]) <= 1e-12 * Math.Abs(jf[i]) + 1e-300, $"cap {cap}, Jacobian entry {i}: {jf[i]:R} → {j[i]:R}");
        }
    }
}
