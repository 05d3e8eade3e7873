using System.Diagnostics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Bench;

/// <summary>
/// <c>eis-mathnet</c>: the benchmark spectrum fitted from the same automatic start by Interphase's
/// Levenberg–Marquardt and by MathNet's <c>LevenbergMarquardtMinimizer</c> (no bounds, lower bounds,
/// both bounds), modulus weighting. Prints the median time of 20 runs, χ², iterations and exit
/// condition (or the exception MathNet throws). The numbers behind docs/decisions/0005-eis-fitting.md.
/// </summary>
internal static class EisMathNetComparison
{
    public static int Run(string[] args)
    {
        var s = EisFile.Read(BenchData.File("eis/exampleData.csv"));
        var c = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1");
        var start = InitialGuess.For(c, s);
        Console.WriteLine($"start: {string.Join(", ", start.Select(v => v.ToString("G4")))}");
        Measure("Interphase EisFitter.Fit (guess + LM + statistics)", () =>
        {
            var r = EisFitter.Fit(s, c);
            return (r.ChiSquare, r.Iterations, r.Exit.ToString(), r.Values);
        });
        foreach (var bounds in new[] { "none", "lower", "both" })
            Measure($"MathNet LevenbergMarquardtMinimizer, bounds: {bounds}", () =>
            {
                var r = MathNetFit.Fit(s, c, start, bounds);
                return (r.ChiSquare, r.Iterations, r.Exit.ToString(), r.Parameters);
            });
        return 0;
    }

    static void Measure(string name, Func<(double chi2, int iterations, string exit, double[] p)> fit)
    {
        try
        {
            var (chi2, it, exit, p) = fit();
            for (int k = 0; k < 3; k++) fit();
            var times = new List<double>();
            for (int k = 0; k < 20; k++)
            {
                var sw = Stopwatch.StartNew();
                fit();
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"{name}: median {times[10]:F2} ms, χ² = {chi2:G8}, {it} iterations, exit {exit}\n    parameters {string.Join(", ", p.Select(v => v.ToString("G4")))}");
        }
        catch (Exception e)
        {
            Console.WriteLine($"{name}: failed with {e.GetType().Name}: {e.Message}");
        }
    }
}
