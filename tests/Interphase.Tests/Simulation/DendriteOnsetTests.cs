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

    static SimulationResult RampThrough(double separatorUm) => RampThrough(separatorUm, softShorts: true);

    static SimulationResult RampThrough(double separatorUm, bool softShorts)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"))
            .Replace("{material: Li6PS5Cl, thickness: 300 um}", $"{{material: Li6PS5Cl, thickness: {separatorUm} um}}");
        var spec = CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, "A-onset.yaml")), Lib);
        if (!softShorts) spec = spec with { Mechanisms = spec.Mechanisms.Without(Mechanism.SoftShorts) };
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
        // the contact needs the crack to cross the separator: later, the thicker it is. A metal-filled crack
        // grows as √ℓ ∝ t (CrackGrowth), so all three cross within minutes of the onset, in the same
        // ramp step, and the current at the contact is no longer a property of the separator either
        var contactTimes = runs.Select(FirstContact).ToList();
        Assert.True(contactTimes[0] < contactTimes[1] && contactTimes[1] < contactTimes[2], string.Join(", ", contactTimes));
        Assert.All(runs, r => Assert.True(r.Onset!.TimeS < FirstContact(r)));
        Assert.All(runs, r => Assert.Contains(r.Events, e => e.Kind == "dendrite_onset" && e.TimeS == r.Onset!.TimeS));
        // at 100 and 500 µm the first contact's bridge carries the whole current below Li's melting voltage: the hard
        // short, at the onset current. At 1000 µm the longer bridge (R_f ≈ 240 Ω cm² against the cell's ≈110) stands
        // as a soft short below the melting voltage, fuses at each higher ramp current and never turns hard within
        // the ramp (MetalBridge, BridgeFuse; docs/models.md §9)
        Assert.All(runs.Take(2), r => Assert.Equal(r.Onset!.RampCurrentDensity!.Value, r.CriticalCurrentDensity!.Value, 9));
        Assert.All(runs.Take(2), r => Assert.Empty(r.SoftShorts));
        Assert.False(runs[2].ShortCircuit);
        Assert.Contains(runs[2].SoftShorts, s => s.Ending == "fused");
    }

    static double FirstContact(SimulationResult r) => r.SoftShorts.Count > 0 ? r.SoftShorts[0].StartS : r.ShortCircuitTimeS!.Value;

    [Fact]
    public void WithoutSoftShortsEveryThicknessShortsAtTheOnsetCurrent()
    {
        // the model before soft shorts: the first contact is the hard short, in the same ramp step as the onset
        var runs = new[] { 100.0, 500.0, 1000.0 }.Select(l => RampThrough(l, softShorts: false)).ToList();
        Assert.All(runs, r => Assert.True(r.ShortCircuit && r.SoftShorts.Count == 0));
        Assert.All(runs, r => Assert.Equal(r.Onset!.RampCurrentDensity!.Value, r.CriticalCurrentDensity!.Value, 9));
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
