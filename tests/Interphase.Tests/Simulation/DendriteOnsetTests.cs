using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// Dendrite onset (issue 9, item 2): the current density at which plating first meets a layer's
/// penetration criterion is reported apart from the time to short. It is a property of the interface,
/// so it does not move with the separator thickness, while the time at which the cell shorts does
/// (a crack has further to go).
/// </summary>
public class DendriteOnsetTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static SimulationResult RampThrough(double separatorUm)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"))
            .Replace("{material: Li6PS5Cl, thickness: 300 um}", $"{{material: Li6PS5Cl, thickness: {separatorUm} um}}");
        var spec = CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, "A-onset.yaml")), Lib);
        return new SymmetricSimulator(SymmetricCell.Build(spec, Lib), new SimulationOptions { RecordSeries = false })
            .Run(ProtocolParser.ParseFile(Path.Combine(TestPaths.Cases, "A-ccd.protocol")));
    }

    [Fact]
    public void TheOnsetCriticalCurrentDensityDoesNotDependOnTheSeparatorThickness()
    {
        var runs = new[] { 100.0, 500.0, 1000.0 }.Select(RampThrough).ToList();
        Assert.All(runs, r => Assert.NotNull(r.Onset));
        var onsets = runs.Select(r => r.Onset!.RampCurrentDensity!.Value / Si.MilliampPerCm2).ToList();
        Assert.All(onsets, o => Assert.Equal(onsets[0], o, 9));
        // the short needs the crack to cross the separator: later, the thicker it is. A metal-filled crack
        // grows as √ℓ ∝ t (CrackGrowth), so all three cross within minutes of the onset, in the same
        // ramp step, and the current at the short is no longer a property of the separator either
        var shortTimes = runs.Select(r => r.ShortCircuitTimeS!.Value).ToList();
        Assert.True(shortTimes[0] < shortTimes[1] && shortTimes[1] < shortTimes[2], string.Join(", ", shortTimes));
        Assert.All(runs, r => Assert.True(r.CriticalCurrentDensity!.Value >= r.Onset!.RampCurrentDensity!.Value));
        Assert.All(runs, r => Assert.True(r.Onset!.TimeS < r.ShortCircuitTimeS!.Value));
        Assert.All(runs, r => Assert.Contains(r.Events, e => e.Kind == "dendrite_onset" && e.TimeS == r.Onset!.TimeS));
    }

    [Fact]
    public void NoFilamentNoOnset()
    {
        // the shipped A-bare-Li-LPSCl protocol (0.1 mA/cm2) stays below the penetration criterion
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), Lib);
        var r = new SymmetricSimulator(SymmetricCell.Build(spec, Lib), new SimulationOptions { RecordSeries = false })
            .Run(ProtocolParser.ParseFile(spec.ProtocolFile!));
        Assert.Null(r.Onset);
        Assert.DoesNotContain(r.Events, e => e.Kind == "dendrite_onset");
    }
}
