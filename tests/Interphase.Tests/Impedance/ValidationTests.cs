using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

public class ValidationTests
{
    const string Cell = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";
    static readonly double[] Values = [20, 62, 2e-6, 0.9, 91, 5e-4, 0.8, 15];
    static readonly double[] F = Synthetic.LogGrid(1e6, 0.01, 8);

    /// <summary>The cell's spectrum measured while R2 grows by <paramref name="growth"/> over the sweep (3 periods per point).</summary>
    static ImpedanceSpectrum Drifting(double growth, int seed)
    {
        var rng = new Random(seed);
        double total = F.Sum(f => 3 / f + 1), t = 0;
        var z = new Complex[F.Length];
        for (int i = 0; i < F.Length; i++)
        {
            t += 3 / F[i] + 1;
            var v = (double[])Values.Clone();
            v[4] *= 1 + growth * t / total;
            z[i] = Circuit.Parse(Cell, v).Evaluate([F[i]])[0] * (1 + 0.002 * new Complex(Synthetic.Gauss(rng), Synthetic.Gauss(rng)));
        }
        return new ImpedanceSpectrum(F, z);
    }

    [Fact]
    public void LinKKPassesValidData()
    {
        var kk = LinKK.Test(Drifting(0, 1));
        Assert.True(kk.Passed, kk.Verdict);
        Assert.InRange(kk.Mu, 0, 0.85);
        Assert.Equal(F.Length, kk.ResidualReal.Length);
        Assert.True(kk.MaxResidual < 0.01);
    }

    [Fact]
    public void LinKKFailsWhenTheCellDriftsDuringTheSweep()
    {
        var kk = LinKK.Test(Drifting(0.3, 1));
        Assert.False(kk.Passed, kk.Verdict);
        // the misfit sits where the drift happened: the slow, low-frequency end
        int worst = Enumerable.Range(0, F.Length).MaxBy(i => Math.Max(Math.Abs(kk.ResidualReal[i]), Math.Abs(kk.ResidualImag[i])));
        Assert.True(F[worst] < 10, $"largest residual at {F[worst]} Hz");
    }

    [SharedDataFact]
    public void LinKKOnRealFiles()
    {
        // impedance.py's getting-started spectrum is valid; the ZPlot spectrum too.
        Assert.True(LinKK.Test(EisFile.Read(SharedData.File("eis/exampleData.csv"))).Passed);
        Assert.True(LinKK.Test(EisFile.Read(SharedData.File("eis/exampleDataZPlot.z"))).Passed);
        // The BioLogic PEIS of ../shared/data/biologic is scattered (Z' jumps from 2 to 30 Ω between neighbours).
        Assert.False(LinKK.Test(EisFile.Read(SharedData.File("biologic/peis.mpt"))).Passed);
    }

    [Fact]
    public void LinKKWithoutSeriesCapacitanceFailsOnADiffusionTail()
    {
        // Why the capacitance is on by default: a valid spectrum that does not close at low frequency.
        var s = Drifting(0, 2);
        Assert.False(LinKK.Test(s, new LinKkOptions { AddCapacitance = false }).Passed);
        Assert.True(LinKK.Test(s).Passed);
    }

    [Fact]
    public void DrtFindsTwoArcsWithTheirResistanceAndTimeConstant()
    {
        var circuit = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)", 20, 62, 2e-6, 0.9, 91, 5e-4, 0.8);
        var s = Synthetic.Spectrum(circuit, Synthetic.LogGrid(1e6, 0.01, 10), 0.005, 3);
        foreach (var sel in new[] { DrtLambdaSelection.LCurve, DrtLambdaSelection.Gcv })
        {
            var d = Drt.Compute(s, new DrtOptions { Selection = sel });
            Assert.Equal(20, d.RInfinity, 1.0);
            Assert.Equal(153, d.PolarizationResistance, 8.0);
            var big = d.Peaks.OrderByDescending(p => p.Resistance).Take(2).OrderBy(p => p.TimeConstant).ToArray();
            // τ of R‖CPE is (R Q)^(1/α)
            double tau1 = Math.Pow(62 * 2e-6, 1 / 0.9), tau2 = Math.Pow(91 * 5e-4, 1 / 0.8);
            Assert.InRange(big[0].TimeConstant, tau1 / 1.5, tau1 * 1.5);
            Assert.InRange(big[1].TimeConstant, tau2 / 1.5, tau2 * 1.5);
            Assert.InRange(big[0].Resistance, 62 * 0.85, 62 * 1.15);
            Assert.InRange(big[1].Resistance, 91 * 0.85, 91 * 1.15);
            Assert.All(d.Gamma, g => Assert.True(g >= 0));
            Assert.True(d.ResidualReal.Concat(d.ResidualImag).Max(Math.Abs) < 0.03);
        }
    }

    [Fact]
    public void DrtLambdaChoicesAndErrors()
    {
        var s = Synthetic.Spectrum(Circuit.Parse("R0-p(R1,C1)", 10, 100, 1e-5), Synthetic.LogGrid(1e5, 0.1, 10), 0.002, 3);
        var fixedLambda = Drt.Compute(s, new DrtOptions { Selection = DrtLambdaSelection.Fixed, Lambda = 1e-2 });
        Assert.Equal(1e-2, fixedLambda.Lambda);
        var peak = Assert.Single(fixedLambda.Peaks);
        Assert.Equal(1e-3, peak.TimeConstant, 3e-4);
        Assert.Equal(100, peak.Resistance, 5.0);
        Assert.Throws<InputException>(() => Drt.Compute(s, new DrtOptions { DerivativeOrder = 3 }));
        Assert.Throws<InputException>(() => Drt.Compute(s, new DrtOptions { Selection = DrtLambdaSelection.Fixed, Lambda = -1 }));
    }

    [SharedDataFact]
    public void ConductivityFromResistanceAndIntercepts()
    {
        // 500 µm pellet, 0.785 cm², 100 Ω → σ = 5e-4 m / (100 Ω · 0.785e-4 m²) = 0.0637 S/m
        Assert.Equal(0.0636943, Conductivity.FromResistance(100, 500e-6, 0.785e-4), 6);
        Assert.Throws<InputException>(() => Conductivity.FromResistance(0, 1e-3, 1e-4));
        // the Autolab file turns from inductive to capacitive between its second and third points
        var z = EisFile.Read(SharedData.File("eis/exampleDataAutolab.txt"));
        Assert.InRange(Conductivity.RealAxisIntercept(z), 0.0132, 0.0140);
        // bulk arc then blocking spike: the valley between them
        var bulk = Circuit.Parse("R0-p(R1,C1)-C2", 5, 200, 1e-10, 1e-6);
        var s = new ImpedanceSpectrum(Synthetic.LogGrid(1e7, 1, 10), bulk.Evaluate(Synthetic.LogGrid(1e7, 1, 10)));
        Assert.InRange(Conductivity.RealAxisIntercept(s), 190, 215);
    }

    [Fact]
    public void ArrheniusRecoversTheLi7P3S11Series()
    {
        // domain.md system C: Li7P3S11, Ea = 9.493 kJ/mol, σ(RT) = 1.27e-4 S/cm, series 20–100 °C.
        double ea = 9493, s25 = 1.27e-4 * 100; // J/mol, S/m
        var rng = new Random(8);
        var t = Enumerable.Range(0, 9).Select(i => 293.15 + 10 * i).ToArray();
        var sigma = t.Select(T => s25 * Math.Exp(-ea / 8.314462618 * (1 / T - 1 / 298.15)) * (1 + 0.01 * Synthetic.Gauss(rng))).ToArray();
        var r = ConductivityFits.Arrhenius(t, sigma);
        Assert.InRange(ea, r.ActivationEnergy - 3 * r.ActivationEnergyError, r.ActivationEnergy + 3 * r.ActivationEnergyError);
        Assert.Equal(9.493, r.ActivationEnergyKJPerMol, 0.4);
        Assert.Equal(r.ActivationEnergy / 96485.33212, r.ActivationEnergyEv, 12);
        Assert.InRange(1.27e-4, r.ConductivityAt25CSPerCm - 3 * r.ConductivityAt25CSPerCmError, r.ConductivityAt25CSPerCm + 3 * r.ConductivityAt25CSPerCmError);
        Assert.InRange(s25, r.ConductivityAt25CLower * 0.99, r.ConductivityAt25CUpper * 1.01);
        Assert.True(r.RSquared > 0.99);
        // σT form of the same data gives a higher apparent Ea by about R·T̄
        var rt = ConductivityFits.Arrhenius(t, sigma, ArrheniusForm.SigmaT);
        Assert.Equal(r.ActivationEnergy + 8.314462618 * 330, rt.ActivationEnergy, 150.0);
        Assert.Equal(r.ConductivityAt25C, rt.ConductivityAt25C, 0.02 * r.ConductivityAt25C);
    }

    [Fact]
    public void VtfRecoversAPolymerSeries()
    {
        // PEO-like: σ = A T^-½ exp(−B/(T − T0)), A = 30 S/m K^½, B = 1000 K, T0 = 200 K
        var rng = new Random(4);
        var t = Enumerable.Range(0, 10).Select(i => 293.15 + 8 * i).ToArray();
        var sigma = t.Select(T => 30 / Math.Sqrt(T) * Math.Exp(-1000 / (T - 200)) * (1 + 0.005 * Synthetic.Gauss(rng))).ToArray();
        var r = ConductivityFits.Vtf(t, sigma);
        Assert.True(r.Converged);
        Assert.InRange(r.B, 1000 - 4 * r.BError, 1000 + 4 * r.BError);
        Assert.InRange(r.T0, 200 - 4 * r.T0Error, 200 + 4 * r.T0Error);
        Assert.Equal(8.314462618 * r.B, r.PseudoActivationEnergy, 9);
        Assert.Throws<InputException>(() => ConductivityFits.Vtf(t.Take(3).ToArray(), sigma.Take(3).ToArray()));
        Assert.Throws<InputException>(() => ConductivityFits.Arrhenius([300.0, 310, 320], [1.0, -1, 2]));
    }
}
