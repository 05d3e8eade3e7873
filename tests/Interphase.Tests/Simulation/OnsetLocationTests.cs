using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The dendrite onset located within its time step (decision 0073): the moment plating first meets the penetration
/// criterion, not the start of the step in which it does. A polymer spot's salt runs out at Sand's time on the focused
/// current; the salt profile is exact in time over steps of constant current (decision 0042), so the located onset
/// does not depend on how the run is stepped.
/// </summary>
public class OnsetLocationTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>System B's Li | PEO-LiTFSI | Li cell with the separator and the nucleation-site fraction θ given.</summary>
    static SymmetricCell B(string separator, double theta)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Cases, "B-bare-Li-PEO.yaml"))
            .Replace("{material: PEO-LiTFSI, thickness: 90 um}", $"{{material: PEO-LiTFSI, thickness: {separator}}}")
            .Replace("protocol_file: B-symmetric.protocol", "")
            + $"\noverrides:\n  \"Li|PEO-LiTFSI.nucleation_site_fraction\": {theta}\n";
        var spec = CellSpec.Parse(YNode.LoadText(text, Path.Combine(TestPaths.Cases, "B-onset-location.yaml")), Lib);
        return SymmetricCell.Build(spec, Lib);
    }

    static SimulationResult Plate(SymmetricCell cell, double mA, double toleranceScale) =>
        new SymmetricSimulator(cell, new SimulationOptions { RecordSeries = true, ToleranceScale = toleranceScale })
            .Run(ProtocolParser.ParseLines([$"Plate at {mA} mA/cm2 for 1 h"]));

    [Theory]
    // d1's cell (90 µm, θ = 0.07, 0.5 mA/cm²): Sand's time on the spots 9.72 s, inside the first time step (0 to 9.86 s at scale 1)
    [InlineData("90 um", 0.07, 0.5, 0.04)]
    // a 600 µm layer, θ = 0.2, 0.13 mA/cm²: Sand's time 1173 s, inside a step of ≈ 140 s (35 s at scale 0.25)
    [InlineData("600 um", 0.2, 0.13, 0.02)]
    public void TheOnsetIsSandsTimeOnTheFocusedCurrentAtEveryStepScale(string separator, double theta, double mA, double discretisation)
    {
        var cell = B(separator, theta);
        var onsets = new[] { 1.0, 0.5 }.Select(ts => Plate(cell, mA, ts)).Select(r => r.Onset!.TimeS).ToArray();
        // t_S = πD(c0F)²/(4(i_loc(1 − t+))²), i_loc = i/θ (full contact), the library's D (2.08e-8 cm²/s at 60 °C), c0 and t+
        double sand = SandOnset.SandTime(2.08e-12, 1300, 0.28, 1, mA * Si.MilliampPerCm2 / theta);
        string all = $"onsets {onsets[0]:G8} / {onsets[1]:G8} s at scale 1 / 0.5, Sand {sand:G6} s";
        // the two step scales locate the same moment, to the location's 1 ms each
        Assert.True(Math.Abs(onsets[0] - onsets[1]) <= 2 * OnsetLocation.Tolerance, all);
        // and it is Sand's time within the error of the 40-volume profile (measured: 3.2 % and 1.2 % early; the face runs
        // out a little sooner in the discrete profile, and the sooner the fewer volumes the depleted layer spans)
        Assert.True(Math.Abs(onsets[0] / sand - 1) < discretisation, all);
    }
}
