using Interphase.Cells;
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
