using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

/// <summary>The spherical-diffusion element Wsph in a fit without starting values (decision 0068).</summary>
public class SphereDiffusionFitTests
{
    [Theory]
    // a Randles cell with the sphere behind the double layer, as the full-cell model has it; τ = 50 s: the window's
    // 1 mHz is ωτ = 0.31, where the sphere is capacitive, 10 mHz is ωτ = 3.1, in its turn from the Warburg line
    [InlineData("R0-p(R1-Wsph1,CPE1)", new[] { 20, 100, 300, 50, 1e-5, 0.9 }, 1e-3, 1)]
    [InlineData("R0-p(R1-Wsph1,CPE1)", new[] { 20, 100, 300, 50, 1e-5, 0.9 }, 1e-2, 2)]
    // in series, as a user would write it for a particle electrode
    [InlineData("R0-p(R1,CPE1)-Wsph1", new[] { 20, 100, 1e-5, 0.9, 300, 50 }, 1e-3, 3)]
    public void ASyntheticSpectrumIsRecoveredWithinItsStandardErrors(string text, double[] truth, double fMin, int seed)
    {
        var circuit = Circuit.Parse(text);
        var s = Synthetic.Spectrum(circuit.WithValues(truth), Synthetic.LogGrid(1e6, fMin, 10), 0.003, seed);
        var r = EisFitter.Fit(s, circuit);
        Assert.True(r.Converged, string.Join("; ", r.Warnings));
        for (int k = 0; k < truth.Length; k++)
        {
            var p = r.Parameters[k];
            Assert.True(Math.Abs(p.Value - truth[k]) <= 3 * p.StandardError, $"{p.Name}: {p.Value} ± {p.StandardError}, truth {truth[k]}");
            Assert.True(p.StandardError < 0.2 * truth[k], $"{p.Name}: standard error {p.StandardError} too wide");
        }
    }
}
