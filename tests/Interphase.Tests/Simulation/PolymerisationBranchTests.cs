using System.Numerics;
using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The electropolymerisation's small-signal branch (decision 0077): R_p with the monomer held, in series with the
/// monomer's supply, a finite-space diffusion element R_m·coth(√(jωτ_m))/√(jωτ_m) (R_m = R_p·kL/D): its limits.
/// </summary>
public class PolymerisationBranchTests
{
    // g_p 0.01 S/m² (R_p 100 Ω m²), sink 1e-7 m/s, monomer 1e-11 m²/s over 130 µm: R_m = 130 Ω m², τ_m = 1690 s
    static readonly PolymerisationBranch Branch = new(0.01, 1e-7, 1e-11, 130e-6);
    const double Rp = 100, Rm = 100 * 1e-7 * 130e-6 / 1e-11, TauM = 130e-6 * 130e-6 / 1e-11;

    static Complex At(double omegaTau, bool supply) => Branch.At(new Complex(0, omegaTau / TauM), supply);

    [Fact]
    public void WithTheMonomerHeldTheBranchIsItsChargeTransferResistance()
    {
        foreach (var wt in new[] { 1e-6, 1.0, 1e6 }) Assert.Equal(new Complex(Rp, 0), At(wt, supply: false));
        Assert.True(double.IsPositiveInfinity(PolymerisationBranch.None.At(Complex.ImaginaryOne, true).Real));
    }

    [Fact]
    public void TheMonomersSupplyMakesTheBranchCapacitiveAtLowFrequencyAndAWarburgLineAtHigh()
    {
        // ωτ_m → 0: coth(s)/s → 1/s² + 1/3, so Z → R_p + R_m/3 + R_m/(jωτ_m): no steady current through the branch
        var low = At(1e-6, supply: true);
        Assert.Equal(Rp + Rm / 3, low.Real, 1e-6 * Rp);
        Assert.Equal(-Rm / 1e-6, low.Imaginary, 1e-6 * Rm / 1e-6);
        // ωτ_m ≫ 1: coth → 1, Z → R_p + R_m/√(jωτ_m)
        var high = At(1e8, supply: true);
        var w = Rp + Rm / Complex.Sqrt(new Complex(0, 1e8));
        Assert.True((high - w).Magnitude < 1e-12 * Rp, $"{high} against {w}");
    }

    /// <summary>
    /// The branch's conductance c_s·dk_c/dE is the slope of the DC's own rate law (Electropolymerisation.CurrentPerConcentration),
    /// not a formula beside it: the analytic slope against a central difference of the rate, on the library's PT|PEO-LiTFSI
    /// law as D-LFP-PT-formation builds it, above the onset; zero below it.
    /// </summary>
    [Fact]
    public void TheBranchsSlopeIsTheDerivativeOfTheDcRateLaw()
    {
        var lib = MaterialLibrary.Load(TestPaths.Library);
        var cell = FullCell.Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "D-LFP-PT-formation.yaml"), lib), lib);
        var g = cell.CathodeGrowth!;
        double T = cell.TemperatureK, onset = g.Law.OnsetPotential, h = 1e-6;
        foreach (var above in new[] { 0.01, 0.1, 0.3 })
        {
            double e = onset + above;
            double difference = (g.CurrentPerConcentration(e + h, T) - g.CurrentPerConcentration(e - h, T)) / (2 * h);
            double slope = g.CurrentPerConcentrationSlope(e, T);
            Assert.True(slope > 0, $"slope {slope:G6} at {above} V above the onset");
            Assert.True(Math.Abs(slope - difference) <= 1e-6 * slope, $"{above} V above the onset: slope {slope:G10}, difference {difference:G10}");
        }
        Assert.Equal(0, g.CurrentPerConcentrationSlope(onset - 0.05, T));
    }
}
