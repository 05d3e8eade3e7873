using System.Text.Json;
using Interphase.Protocols;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Simulation;

/// <summary>
/// `Measure EIS at 20, 40, 60, 80, 100 degC`: one spectrum per temperature of the cell's present state,
/// turned into a conductivity series (conductivity.csv) that `eis arrhenius` fits like a measured one.
/// </summary>
public class TemperatureSeriesTests
{
    const string Llzo = "name: llzo-series\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 5 MPa\nlayers:\n" +
        "  - {material: Li, thickness: 100 um}\n  - {material: LLZO, thickness: 500 um}\n  - {material: Li, thickness: 100 um}\n";

    [Fact]
    public void TheStepParsesItsTemperatures()
    {
        var eis = Assert.IsType<MeasureEisStep>(ProtocolParser.ParseLines(["Measure EIS at 20, 40, 60.5 degC from 1 MHz to 1 Hz"]).Steps[0]);
        Assert.Equal([293.15, 313.15, 333.65], eis.TemperaturesK.Select(t => Math.Round(t, 2)));
        Assert.Equal(1, eis.FMinHz);
        // 'at N points per decade' still means the density
        var ppd = Assert.IsType<MeasureEisStep>(ProtocolParser.ParseLines(["Measure EIS at 5 points per decade"]).Steps[0]);
        Assert.Equal(5, ppd.PointsPerDecade);
        Assert.Empty(ppd.TemperaturesK);
    }

    [Fact]
    public void OneTemperatureIsAOnePointSeriesTheSameAsASpectrumAfterARestAtThatTemperature()
    {
        var one = Assert.IsType<MeasureEisStep>(ProtocolParser.ParseLines(["Measure EIS from 1 MHz to 1 Hz at 40 degC"]).Steps[0]);
        Assert.Equal([313.15], one.TemperaturesK.Select(t => Math.Round(t, 2)));
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "llzo.yaml");
        File.WriteAllText(cell, Llzo);
        double RBulk(string outDir, params string[] steps)
        {
            var args = new List<string> { "simulate", cell, "--out", outDir, "--quiet" };
            foreach (var s in steps) args.AddRange(["--step", s]);
            var r = CliHarness.Run([.. args]);
            Assert.True(r.code == 0, r.stderr);
            using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            var spectra = j.RootElement.GetProperty("impedance");
            return spectra[spectra.GetArrayLength() - 1].GetProperty("R_bulk_ohm").GetDouble();
        }
        double series = RBulk(Path.Combine(dir, "one"), "Measure EIS from 1 MHz to 1 Hz at 40 degC");
        double rested = RBulk(Path.Combine(dir, "rest"), "Rest for 0.1 h at 40 degC", "Measure EIS from 1 MHz to 1 Hz");
        double at25 = RBulk(Path.Combine(dir, "at25"), "Measure EIS from 1 MHz to 1 Hz");
        Assert.Equal(rested, series, rested * 1e-9);
        Assert.True(at25 > 1.5 * series, $"R_bulk {at25:G4} Ω at 25 °C vs {series:G4} Ω at 40 °C");
    }

    [Fact]
    public void ASimulatedSeriesGivesBackTheLibrarysActivationEnergyThroughTheArrheniusFit()
    {
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "llzo.yaml");
        File.WriteAllText(cell, Llzo);
        var outDir = Path.Combine(dir, "out");
        var r = CliHarness.Run("simulate", cell, "--step", "Measure EIS at 20, 40, 60, 80, 100 degC", "--out", outDir, "--quiet");
        Assert.True(r.code == 0, r.stderr);
        using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var series = j.RootElement.GetProperty("conductivity_series");
        Assert.Equal(5, series.GetProperty("points").GetArrayLength());
        // LLZO in the library: 5e-4 S/cm at 25 degC, 0.35 eV
        Assert.Equal(0.35, series.GetProperty("arrhenius_activation_energy_eV").GetDouble(), 1e-3);
        Assert.Equal(5e-4, series.GetProperty("arrhenius_sigma_25C_S_cm").GetDouble(), 1e-6);
        // the same file through `eis arrhenius`, as a measured series would go
        var arr = CliHarness.Run("eis", "arrhenius", Path.Combine(outDir, "conductivity.csv"), "--out", Path.Combine(dir, "arr"));
        Assert.True(arr.code == 0, arr.stderr);
        Assert.Contains("= 0.35 ", arr.stdout);
        // each spectrum carries its temperature
        var temps = j.RootElement.GetProperty("impedance").EnumerateArray().Select(s => s.GetProperty("temperature_degC").GetDouble()).ToList();
        Assert.Equal([20.0, 40, 60, 80, 100], temps.Select(t => Math.Round(t, 6)));
    }

    [Fact]
    public void ATemperatureOutsideAMaterialsDomainIsRefusedOnTheStepsLine()
    {
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "llzo.yaml");
        File.WriteAllText(cell, Llzo);
        var line = CliHarness.Run("simulate", cell, "--step", "Measure EIS at 20, 200 degC", "--out", Path.Combine(dir, "o"), "--quiet").OneLineError(1);
        Assert.Contains("200 degC", line);
        Assert.Contains("melting", line);
    }
}
