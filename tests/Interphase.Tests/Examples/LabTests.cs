using Interphase.Cells;
using Interphase.Ensembles;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Examples;

/// <summary>The <see cref="Lab"/> front (issue 13, item 6): the calls the README shows, and their mistakes.</summary>
public class LabTests
{
    static string Case(string name) => Path.Combine(TestPaths.Cases, name + ".yaml");

    [Fact]
    public void SimulateRunsTheStepsItIsGivenLikeTheSimulatorDoes()
    {
        string[] steps = ["Repeat 2 times: Plate at 0.3 mA/cm2 for 30 min; Strip at 0.3 mA/cm2 for 30 min"];
        var run = Lab.Simulate(Case("A-bare-Li-LPSCl"), steps);
        var lib = MaterialLibrary.Load();
        var direct = new SymmetricSimulator(SymmetricCell.Build(CellSpec.Load(Case("A-bare-Li-LPSCl"), lib), lib)).Run(ProtocolParser.ParseLines(steps));
        Assert.Equal(2, run.Cycles.Count);
        Assert.Equal(3, run.Cycles[0].CurrentDensity, 9);    // the step's 0.3 mA/cm2, in A/m²
        Assert.Equal(direct.Cycles.Select(c => c.MeanAbsVoltage), run.Cycles.Select(c => c.MeanAbsVoltage));
    }

    [Fact]
    public void WithoutStepsTheCellFilesOwnProtocolRuns()
    {
        // B-LFP-bare-Li.yaml names its protocol; the run has the cycles that protocol asks for
        var lib = MaterialLibrary.Load();
        var spec = CellSpec.Load(Case("B-LFP-bare-Li"), lib);
        var own = ProtocolParser.OfCell(spec);
        Assert.NotNull(own);
        var run = Lab.SimulateFullCell(Case("B-LFP-bare-Li"));
        var direct = new FullCellSimulator(FullCell.Build(spec, lib)).Run(own);
        Assert.True(run.Cycles.Count > 0);
        Assert.Equal(direct.Cycles.Select(c => c.DischargeCapacity), run.Cycles.Select(c => c.DischargeCapacity));
    }

    [Fact]
    public void ACellOfTheOtherKindIsRefusedNamingTheCallToUse()
    {
        var e = Assert.Throws<InputException>(() => Lab.Simulate(Case("D-LFP-PT-PEO"), "Charge at 0.1C until 4.3 V"));
        Assert.Contains("Lab.SimulateFullCell", e.Message);
        Assert.Equal(Case("D-LFP-PT-PEO"), e.Location.File);
        var f = Assert.Throws<InputException>(() => Lab.SimulateFullCell(Case("A-bare-Li-LPSCl"), "Plate at 0.2 mA/cm2 for 1 h"));
        Assert.Contains("Lab.Simulate", f.Message);
        Assert.Throws<InputException>(() => Lab.Simulate(Case("B-LSV-Li-PEO-SS"), "Sweep from 3 V to 5.5 V at 0.1 mV/s"));
    }

    [Fact]
    public void SimulateSweepRunsABlockingCellsSweepLikeTheSimulatorDoes()
    {
        var run = Lab.SimulateSweep(Case("B-LSV-Li-PEO-SS"), "Sweep from 3 V to 5 V at 1 mV/s");
        var lib = MaterialLibrary.Load();
        var direct = new SweepSimulator(BlockingCell.Build(CellSpec.Load(Case("B-LSV-Li-PEO-SS"), lib), lib))
            .Run(ProtocolParser.ParseLines(["Sweep from 3 V to 5 V at 1 mV/s"]));
        Assert.True(run.Series.Count > 10);
        Assert.Equal(direct.Series.Select(p => p.CurrentDensity), run.Series.Select(p => p.CurrentDensity));
        // the sweep ends where the step says
        Assert.Equal(5, run.Series[^1].Voltage, 6);
        var e = Assert.Throws<InputException>(() => Lab.SimulateSweep(Case("A-bare-Li-LPSCl"), "Sweep from 3 V to 5 V at 1 mV/s"));
        Assert.Contains("Lab.Simulate", e.Message);
        Assert.Contains("Lab.SimulateSweep", Assert.Throws<InputException>(() => Lab.Simulate(Case("B-LSV-Li-PEO-SS"))).Message);
    }

    [Fact]
    public void EnsembleDrawsTheCellFilesDistributionsReproduciblyFromItsSeed()
    {
        var file = Path.Combine(TestPaths.TempDir(), "cell.yaml");
        File.WriteAllText(file, File.ReadAllText(Case("A-bare-Li-LPSCl")).Replace("protocol_file: A-symmetric.protocol",
            "protocol_file: " + Path.Combine(TestPaths.Cases, "A-symmetric.protocol").Replace('\\', '/')) +
            "\ndistributions:\n  stack_pressure: uniform(3 MPa, 7 MPa)\n");
        string[] steps = ["Repeat 2 times: Plate at 0.3 mA/cm2 for 30 min; Strip at 0.3 mA/cm2 for 30 min"];
        var a = Lab.Ensemble(file, 4, 7, steps);
        var b = Lab.Ensemble(file, 4, 7, steps);
        Assert.Equal(4, a.Count);
        Assert.Equal(a.Realisations.Select(r => r.Sampled[0]), b.Realisations.Select(r => r.Sampled[0]));
        // the pressures differ between realisations, and so do their overpotentials
        Assert.True(a.Realisations.Select(r => r.Sampled[0]).Distinct().Count() == 4);
        Assert.True(a.Realisations.Select(r => r.Metrics[4]).Distinct().Count() > 1);
        var lib = MaterialLibrary.Load();
        var spec = CellSpec.Load(file, lib);
        var direct = Ensemble.Run(spec, lib, ProtocolParser.ParseLines(steps), EnsembleSpec.Read(spec, lib, null), new EnsembleOptions { Count = 4, Seed = 7 });
        Assert.Equal(direct.Realisations.Select(r => r.Metrics[4]), a.Realisations.Select(r => r.Metrics[4]));
        var files = Lab.Write(a, Path.Combine(TestPaths.TempDir(), "ens"));
        Assert.Contains(files, f => Path.GetFileName(f) == "report.html");
        Assert.Throws<InputException>(() => Lab.Ensemble(file, 0, 7, steps));
        Assert.Contains("Lab.SimulateSweep", Assert.Throws<InputException>(() => Lab.Ensemble(Case("B-LSV-Li-PEO-SS"), 2, 1)).Message);
    }

    [Fact]
    public void AMistakeInAStepNamesItsLine()
    {
        var e = Assert.Throws<InputException>(() => Lab.Simulate(Case("A-bare-Li-LPSCl"), "Plate at 0.2 mA/cm2 for 1 h", "Strip at 0.2 mA/cm2 for 1 parsec"));
        Assert.Equal("protocol", e.Location.File);
        Assert.Equal(2, e.Location.Line);
    }

    [Fact]
    public void FitImpedanceCountsSweepsFromOne()
    {
        var file = Path.Combine(TestPaths.TempDir(), "z.csv");
        // an R-RC spectrum: 10 Ω in series with 100 Ω ∥ 1 µF
        var lines = Enumerable.Range(0, 31).Select(k =>
        {
            double f = Math.Pow(10, 6 - k * 0.25), w = 2 * Math.PI * f;
            var z = 10 + 100 / new System.Numerics.Complex(1, w * 100 * 1e-6);
            return FormattableString.Invariant($"{f},{z.Real},{z.Imaginary}");
        });
        File.WriteAllLines(file, lines);
        var fit = Lab.FitImpedance(file, "R0-p(R1,C1)");
        Assert.Equal(10, fit.Parameters[0].Value, 3);
        Assert.Equal(100, fit.Parameters[1].Value, 3);
        Assert.Throws<InputException>(() => Lab.FitImpedance(file, "R0-p(R1,C1)", sweep: 0));
        Assert.Throws<InputException>(() => Lab.FitImpedance(file, "R0-p(R1,C1)", sweep: 2));
    }
}
