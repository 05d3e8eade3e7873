using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Simulation;

/// <summary>
/// Fits a simulated spectrum with domain.md's equivalent circuit, exactly as a measured one is
/// fitted (<see cref="EisFitter"/>, automatic initial guess), so that simulation and measurement are
/// compared the same way. The two arcs are ordered by their characteristic frequency: the faster is
/// R1 (layers and interphase), the slower R2 (charge transfer). A diffusion tail (polymer or liquid
/// electrolytes, intercalation particles) adds a Warburg element.
/// </summary>
internal static class SpectrumFit
{
    public const string Circuit2 = "R0-p(R1,CPE1)-p(R2,CPE2)";
    public const string Circuit2W = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";

    public static IReadOnlyDictionary<string, double> Fit(double[] f, Complex[] z, bool diffusion)
    {
        var circuitText = diffusion ? Circuit2W : Circuit2;
        var result = EisFitter.Fit(new ImpedanceSpectrum(f, z), Circuit.Parse(circuitText), new EisFitOptions { GlobalStarts = 4 });
        double r0 = result["R0"].Value, r1 = result["R1"].Value, r2 = result["R2"].Value;
        double t1 = Tau(r1, result["CPE1_0"].Value, result["CPE1_1"].Value);
        double t2 = Tau(r2, result["CPE2_0"].Value, result["CPE2_1"].Value);
        if (t1 > t2) (r1, r2) = (r2, r1);
        return new Dictionary<string, double>
        {
            ["R0_ohm"] = r0,
            ["R1_ohm"] = r1,
            ["R2_ohm"] = r2,
            ["chi_square"] = result.ChiSquare,
            ["converged"] = result.Converged ? 1 : 0,
        };
    }

    /// <summary>τ = (R·Q)^(1/α) of an R‖CPE element.</summary>
    static double Tau(double r, double q, double alpha) => Math.Pow(r * q, 1 / alpha);
}
