using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Simulation;

/// <summary>
/// A crack that crosses from one layer into the next (decision 0086): A-Li2Se-NR-LPSCl at 0 MPa, plated at 0.1 mA/cm²
/// until it shorts, a crack growing through its own Li2Se, the Li6PS5Cl pellet and the counter electrode's Li2Se. Its
/// velocity jumps down at each layer's entry (a fresh flaw) and grows as √depth from there.
/// </summary>
public class SegmentCrossingTests
{
    [Fact]
    public void ACrackCrossingLayersShortsAtTheSameTimeWhenTheStepToleranceIsQuartered()
    {
        // before decision 0086 the short came at 0.8725 / 0.8731 / 0.9024 h at tolerance scales 1 / 0.5 / 0.25 (3.4 % apart):
        // the trapezoid averaged the velocities on either side of a layer boundary over the step that crossed it, and one
        // step from a layer's entry carried the crack 6–12 µm while its velocity grew 3.7-fold. With the boundary located and
        // the step limited on the velocity's change with depth: 0.90028 / 0.89959 / 0.89942 / 0.89937 h at 1 / 0.5 / 0.25 / 0.125
        var lib = MaterialLibrary.Load(TestPaths.Library);
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "A-Li2Se-NR-LPSCl.yaml"), lib) with { StackPressurePa = 0 };
        var protocol = ProtocolParser.ParseLines(["Plate for 5 h at 0.1 mA/cm2", "Stop if short circuit"]);
        double ShortAt(double scale) => new SymmetricSimulator(SymmetricCell.Build(spec, lib), new SimulationOptions { ToleranceScale = scale, RecordSeries = false })
            .Run(protocol).ShortCircuitTimeS ?? double.NaN;
        double coarse = ShortAt(1), fine = ShortAt(0.25);
        Assert.InRange(fine / 3600, 0.85, 0.95);
        Assert.True(Math.Abs(coarse - fine) <= 2e-3 * fine, $"short at {coarse / 3600:G6} h at tolerance scale 1, {fine / 3600:G6} h at 0.25 ({(coarse - fine) / fine:P2})");
    }
}
