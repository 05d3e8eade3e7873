using System.Text.Json;
using Interphase.Calibration;
using Interphase.Cells;
using Interphase.Cli;
using Interphase.Data.Analysis;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;

namespace Interphase.Tests.Calibration;

/// <summary>
/// Calibration recovers parameters it is given a measurement of: a shipped case is simulated with
/// known, changed parameters, and the original case is fitted to that "measurement".
/// </summary>
public class CalibrationTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    const string I0 = "Li|Li6PS5Cl.exchange_current_density";
    const string Growth = "Li|Li6PS5Cl.interphase.rate_constant";

    static CellSpec Case(string name) => CellSpec.Load(Path.Combine(TestPaths.Cases, name + ".yaml"), Lib);

    /// <summary>Simulates the case with the given overrides and analyses its timeseries.csv as a measurement.</summary>
    static (Measurement m, string dir) Truth(CellSpec spec, string protocol, params (string Path, string Value)[] truth)
    {
        var changed = spec with { Overrides = [.. spec.Overrides, .. truth.Select(t => new ParameterOverride(t.Path, t.Value, default))] };
        var run = new SymmetricSimulator(SymmetricCell.Build(changed, Lib)).Run(ProtocolParser.Parse(protocol, "test"));
        var dir = TestPaths.TempDir();
        SimulationWriter.Write(run, dir);
        var path = Path.Combine(dir, "timeseries.csv");
        return (Measurement.Analyze(path, new AnalysisOptions { Kind = CellKind.Symmetric, AreaM2 = spec.AreaM2 }), dir);
    }

    const string TenCycles = "Repeat 10 times: Plate 1 mAh/cm2 at 0.1 mA/cm2; Strip 1 mAh/cm2 at 0.1 mA/cm2";

    [Theory]
    [InlineData(CalibrationTarget.Overpotential, 0.03)]
    [InlineData(CalibrationTarget.Voltage, 0.002)]
    public void RecoversAnExchangeCurrentDensityAndAGrowthConstant(CalibrationTarget target, double tolerance)
    {
        var spec = Case("A-bare-Li-LPSCl");
        var (m, _) = Truth(spec, TenCycles, (I0, "2.24 mA/cm2"), (Growth, "4.0e-21 m2/s"));
        var r = Calibrator.Fit(spec, Lib, m.Symmetric!, new CalibrationOptions { Parameters = [I0, Growth], Target = target });
        Assert.True(r.Converged, r.ExitReason);
        Assert.Equal(target, r.Target);
        var i0 = r.Parameters.Single(p => p.Path == I0);
        var k = r.Parameters.Single(p => p.Path == Growth);
        Assert.Equal("mA/cm2", i0.Unit);
        Assert.Equal(1.12, i0.Initial, 12);
        Assert.Equal(2.24, i0.Value, tolerance * 2.24);
        Assert.Equal(4.0e-21, k.Value, tolerance * 4.0e-21);
        Assert.True(i0.StandardError > 0 && double.IsFinite(i0.StandardError));
        Assert.True(r.RmsResidualV < 0.01 * r.InitialRmsResidualV);
        Assert.Equal(2, r.Correlation.GetLength(0));
        Assert.Equal(1.0, r.Correlation[0, 0], 9);
    }

    [Fact]
    public void RecoversAnElectrolyteConductivityFromTheOhmicDropOfARamp()
    {
        // three current densities: the electrolyte's ohmic drop grows linearly with the current
        var spec = Case("A-bare-Li-LPSCl");
        const string sigma = "Li6PS5Cl.conductivity.reference_conductivity";
        var (m, _) = Truth(spec, "Ramp from 0.1 to 0.3 mA/cm2 in steps of 0.1 mA/cm2: Plate for 2 h; Strip for 2 h", (sigma, "1.0 mS/cm"));
        var r = Calibrator.Fit(spec, Lib, m.Symmetric!, new CalibrationOptions { Parameters = [sigma] });
        var p = r.Parameters.Single();
        Assert.Equal(0.1, Interphase.Units.Measure.Parse(p.Text, Interphase.Units.QuantityKind.Conductivity), 0.003); // 1 mS/cm = 0.1 S/m
    }

    [Fact]
    public void TheProtocolIsReadOffTheMeasuredCurrents()
    {
        var spec = Case("A-bare-Li-LPSCl");
        var (m, _) = Truth(spec, "Plate at 0.2 mA/cm2 for 1 h\nRest for 30 min\nStrip at 0.2 mA/cm2 for 1 h\nPlate at 0.1 mA/cm2 for 2 h\nStrip at 0.1 mA/cm2 for 2 h");
        var text = MeasuredProtocol.Text(m.Symmetric!, spec.AreaM2);
        var lines = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^Plate at 0\.2(0000\d*)? mA/cm2 for 1 h$", lines[0]);
        Assert.Matches(@"^Rest for 0\.5(0000\d*)? h$", lines[1]);
        Assert.StartsWith("Strip at 0.2", lines[2]);
        Assert.StartsWith("Plate at 0.1", lines[3]);
        Assert.EndsWith("for 2 h", lines[4]);
    }

    [Fact]
    public void TheCalibratedCellFileKeepsCommentsReplacesOverridesAndLoads()
    {
        var dir = TestPaths.TempDir();
        var original = """
            name: my-cell   # a comment that stays
            kind: symmetric
            diameter: 8 mm
            temperature: 25 degC
            stack_pressure: 5 MPa
            layers:
              - {material: Li, thickness: 100 um}
              - {material: Li6PS5Cl, thickness: 300 um}
              - {material: Li, thickness: 100 um}
            overrides:
              # from a previous fit
              "Li|Li6PS5Cl.exchange_current_density": 1.5 mA/cm2
              Li6PS5Cl.conductivity.reference_conductivity: 3 mS/cm
            protocol_file: p.protocol
            """;
        File.WriteAllText(Path.Combine(dir, "cell.yaml"), original);
        File.WriteAllText(Path.Combine(dir, "p.protocol"), TenCycles);
        var fitted = new[]
        {
            new FittedParameter(I0, "mA/cm2", 1.5, 2.5, 0.1, false),
            new FittedParameter(Growth, "m2/s", 1.52e-21, 3e-21, 1e-22, false),
        };
        var parameters = new Parameters(Lib);
        var outDir = Path.Combine(dir, "out");
        Directory.CreateDirectory(outDir);
        var text = CalibratedCellFile.Text(original, Path.Combine(dir, "cell.yaml"), Path.Combine(outDir, "cell.calibrated.yaml"), fitted, "data.mpr",
            k => parameters.ValueText(k).Path, DateTimeOffset.Now);
        Assert.Contains("name: my-cell   # a comment that stays", text);
        Assert.Contains("# from a previous fit", text);
        Assert.Contains("\"Li|Li6PS5Cl.exchange_current_density\": 2.5 mA/cm2", text);
        Assert.DoesNotContain("1.5 mA/cm2\n", text);
        Assert.Contains("Li6PS5Cl.conductivity.reference_conductivity: 3 mS/cm", text);
        Assert.Contains("\"Li|Li6PS5Cl.interphase.rate_constant\": 3E-21 m2/s", text);
        Assert.Contains("protocol_file: \"../p.protocol\"", text);
        var file = Path.Combine(outDir, "cell.calibrated.yaml");
        File.WriteAllText(file, text);
        var spec = CellSpec.Load(file, Lib);
        var p = new Parameters(Lib, spec.Overrides);
        Assert.Equal("2.5 mA/cm2", p.ValueText(I0).Text);
        Assert.Equal("3E-21 m2/s", p.ValueText(Growth).Text);
        Assert.NotNull(spec.ProtocolFile);
        SymmetricCell.Build(spec, Lib); // every override is used by the model
    }

    static (int code, string stdout, string stderr) Run(params string[] args) => Interphase.Tests.Cli.CliHarness.Run(args);

    [Fact]
    public void CommandWritesTheCalibratedCellTheFitAndAReport()
    {
        var spec = Case("A-bare-Li-LPSCl");
        var (_, truthDir) = Truth(spec, TenCycles, (I0, "2.24 mA/cm2"));
        var dir = Path.Combine(TestPaths.TempDir(), "cal");
        var (code, stdout, stderr) = Run("calibrate", Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), Path.Combine(truthDir, "timeseries.csv"),
            "--fit", I0, "--out", dir, "--quiet", "--library", TestPaths.Library);
        Assert.True(code == 0, stderr);
        foreach (var f in new[] { "A-bare-Li-LPSCl.calibrated.yaml", "fit.csv", "summary.json", "timeseries.csv", "cycles.csv", "report.html" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        var p = s.GetProperty("parameters")[0];
        Assert.Equal(I0, p.GetProperty("path").GetString());
        Assert.Equal(2.24, p.GetProperty("value").GetDouble(), 0.03 * 2.24);
        Assert.True(p.GetProperty("standard_error").GetDouble() > 0);
        Assert.Contains("Li|Li6PS5Cl.exchange_current_density = ", stdout);
        // the calibrated file simulates
        Assert.Equal(0, Run("simulate", Path.Combine(dir, "A-bare-Li-LPSCl.calibrated.yaml"), "--step", TenCycles, "--out", Path.Combine(dir, "again"), "--quiet", "--library", TestPaths.Library).code);
    }

    public static TheoryData<string, string> BadFits => new()
    {
        { "Li|Li6PS5Cl.no_such_thing", "has no property 'no_such_thing'" },
        { "Li|Li6PS5Cl.interphase.law", "not a number with a unit" },
        { "Unobtainium.density", "Unobtainium" },
    };

    [Theory]
    [MemberData(nameof(BadFits))]
    public void BadParameterPathsAreOneLineErrors(string path, string expected)
    {
        var data = Path.Combine(TestPaths.TempDir(), "d.csv");
        File.WriteAllText(data, "time_s,voltage_V,current_mA\n0,0,0\n3600,-0.01,-0.1\n7200,0.01,0.1\n10800,-0.01,-0.1\n14400,0.01,0.1\n18000,-0.01,-0.1\n21600,0.01,0.1\n");
        var dir = Path.Combine(TestPaths.TempDir(), "out");
        var (code, _, stderr) = Run("calibrate", Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), data, "--fit", path, "--out", dir, "--quiet", "--library", TestPaths.Library);
        Assert.Equal(1, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir));
    }
}
