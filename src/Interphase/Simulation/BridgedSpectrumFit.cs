using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Simulation;

/// <summary>
/// The fit of a symmetric cell's spectrum taken with a metal bridge across it (a standing soft short's filament or the hard
/// short; decision 0062's "Part 3", decision 0073). A resistor R_b across a cell whose own impedance is R0 + R‖C arcs is
/// again such a network (the RC ladder's Foster form), so the spectrum does not determine the bridge apart from the cell:
/// only the parallel combinations at its two ends are fixed. The spectrum is fitted with the symmetric cell's arcs
/// (<see cref="Fit"/>) and written under those names: its high-frequency intercept R0 is R_b ∥ (the cell's bulk), its
/// low-frequency resistance, the sum of its R, is R_b ∥ (the cell's DC resistance); the arcs themselves are the
/// equivalent ladder's, not the cell's, and are not written. The bridge itself is the generated value,
/// written beside it (R_bridge_ohm).
/// </summary>
internal static class BridgedSpectrumFit
{
    /// <summary>Key of the high-frequency intercept, bridge ∥ bulk (Ω).</summary>
    public const string BulkKey = "R_bridge_parallel_bulk_ohm";

    /// <summary>Key of the low-frequency resistance, bridge ∥ cell (Ω).</summary>
    public const string CellKey = "R_bridge_parallel_cell_ohm";

    /// <summary>
    /// Fits the spectrum with two arcs (SpectrumFit.Circuit2; a cell's interphase and charge-transfer arcs, in a
    /// polymer also its salt diffusion's, behind the bridge), with one (SpectrumFit.Circuit1) where the two-arc fit does
    /// not converge; returns the circuit used and R0 and the sum of the R with their relative standard errors.
    /// </summary>
    public static (string Circuit, IReadOnlyDictionary<string, double> Fitted) Fit(double[] f, Complex[] z)
    {
        var spectrum = new ImpedanceSpectrum(f, z);
        string circuit = SpectrumFit.Circuit2;
        var result = EisFitter.Fit(spectrum, Circuit.Parse(circuit), SpectrumFit.Options);
        string[] rs = ["R0", "R1", "R2"];
        if (!result.Converged)
        {
            circuit = SpectrumFit.Circuit1;
            result = EisFitter.Fit(spectrum, Circuit.Parse(circuit), SpectrumFit.Options);
            rs = ["R0", "R1"];
        }
        double sum = rs.Sum(r => result[r].Value);
        var r0 = result["R0"];
        return (circuit, new Dictionary<string, double>
        {
            [BulkKey] = r0.Value,
            [CellKey] = sum,
            ["R_bridge_parallel_bulk_rel_std_err"] = r0.StandardError / Math.Abs(r0.Value),
            ["R_bridge_parallel_cell_rel_std_err"] = SumError(result, rs) / Math.Abs(sum),
            ["chi_square"] = result.ChiSquare,
            ["converged"] = result.Converged ? 1 : 0,
        });
    }

    /// <summary>
    /// Standard error of the sum of the fitted <paramref name="names"/>: √(Σ_ab ρ_ab·σ_a·σ_b) from their errors and
    /// correlations; NaN (JSON null) where a correlation is not known.
    /// </summary>
    static double SumError(FitResult fit, string[] names)
    {
        var index = names.Select(n => SpectrumFit.IndexOf(fit, n)).ToArray();
        double v = 0;
        for (int a = 0; a < names.Length; a++)
            for (int b = 0; b < names.Length; b++)
            {
                double rho = a == b ? 1 : index[a] >= 0 && index[b] >= 0 && fit.Correlation[index[a], index[b]] is double c ? c : double.NaN;
                v += rho * fit[names[a]].StandardError * fit[names[b]].StandardError;
            }
        return Math.Sqrt(v);
    }
}
