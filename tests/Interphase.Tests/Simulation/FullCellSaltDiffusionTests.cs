using System.Numerics;
using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// A full cell's spectrum carries its electrolyte salt's finite-length diffusion (decision 0077): in a PEO cell (t+ &lt; 1)
/// the element is the transmissive Warburg of the DC model's own salt, R_d = 2RTχ(1 − t+)²L/(z²F²Dc0), τ_d = L²/(4D)
/// (Bruce &amp; Vincent 1987), written out here, and R_d is what the DC's concentration overpotential adds to dV/di once
/// the profile has relaxed.
/// </summary>
public class FullCellSaltDiffusionTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    [Fact]
    public void AFreshPolymerFullCellsSpectrumHasTheFiniteWarburgOfItsSalt()
    {
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "D-NCM523-PEO.yaml"), Lib);
        var cell = FullCell.Build(spec, Lib);
        var cp = cell.Concentration!;
        Assert.False(cell.MayLeak); // Z_d in series with the rest: the spectra with and without it differ by Z_d alone
        double T = cell.TemperatureK, d = cell.SaltDiffusivity!(T), t = cell.TransferenceNumber, L = cp.Thickness;
        // z = 1 (Li⁺); uniform profile at c0 before the first step
        double rd = 2 * Si.GasConstant * T * cp.ThermodynamicFactor * (1 - t) * (1 - t) * L / (Si.Faraday * Si.Faraday * d * cp.InitialConcentration);
        double tauD = L * L / (4 * d);
        double[] f = [1e-9, 1 / (2 * Math.PI * tauD), 1e4 / (2 * Math.PI * tauD)];
        Complex[] zd = [];
        double dcRelaxed = 0, dcFrozen = 0;
        FullCellSimulator sim = null!;
        sim = new FullCellSimulator(cell, new SimulationOptions { RecordSeries = false })
        {
            BeforeStep = step =>
            {
                if (step != 1) return;
                var on = sim.AreaSpecificImpedance(f, cathodeDiffusion: true, saltDiffusion: true);
                var off = sim.AreaSpecificImpedance(f, cathodeDiffusion: true, saltDiffusion: false);
                zd = [.. on.Zip(off, (a, b) => a - b)];
                dcRelaxed = sim.SmallSignalAsr(1e-5, relaxedSalt: true);
                dcFrozen = sim.SmallSignalAsr(1e-5, relaxedSalt: false);
            },
        };
        sim.Run(ProtocolParser.ParseLines(["Rest for 1 min"]));
        Assert.True(rd > 1e-4, $"R_d = {rd:G4} Ω m²: a PEO cell's salt resistance is not negligible");
        // f → 0: R_d; ωτ_d = 1: R_d·tanh(√j)/√j; ωτ_d = 10⁴: the Warburg line R_d/√(jωτ_d), 45°
        Assert.Equal(1, zd[0].Real / rd, 6);
        var s1 = Complex.Sqrt(Complex.ImaginaryOne);
        Assert.True((zd[1] - rd * Complex.Tanh(s1) / s1).Magnitude < 1e-9 * rd, $"Z_d(ωτ_d = 1) = {zd[1]}");
        Assert.True((zd[2] - rd / Complex.Sqrt(new Complex(0, 1e4))).Magnitude < 1e-6 * rd, $"Z_d(ωτ_d = 1e4) = {zd[2]}");
        // the DC: what the relaxed salt adds to the frozen slope is R_d (the model's 40 volumes reach the continuum's steady state)
        Assert.Equal(1, (dcRelaxed - dcFrozen) / rd, 6);
    }
}
