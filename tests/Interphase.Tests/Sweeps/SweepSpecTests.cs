using Interphase.Cells;
using Interphase.Materials;
using Interphase.Sweeps;

namespace Interphase.Tests.Sweeps;

public class SweepSpecTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static string Cell => Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml").Replace('\\', '/');

    internal static string Write(string yaml, string? dir = null)
    {
        dir ??= TestPaths.TempDir();
        var f = Path.Combine(dir, "spec.yaml");
        File.WriteAllText(f, yaml);
        return f;
    }

    static string Spec(string design, string parameters, string protocol = "\"Repeat 2 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h\"") =>
        $"cell: {Cell}\nprotocol:\n  - {protocol}\ndesign: {design}\nparameters:\n{parameters}";

    [Fact]
    public void ShippedExampleReadsAndChecks()
    {
        var spec = SweepSpec.Read(Path.Combine(TestPaths.RepoRoot, "data", "sweeps", "A-bare-Li-LPSCl-lhs.yaml"));
        Assert.Equal(["stack_pressure", "temperature", "Li|Li6PS5Cl.exchange_current_density", "layers[1].thickness"], spec.Parameters.Select(p => p.Key));
        Assert.Equal([ParameterTarget.CellKey, ParameterTarget.CellKey, ParameterTarget.Override, ParameterTarget.Layer], spec.Parameters.Select(p => p.Target));
        Assert.Equal("symmetric", SweepRunner.Check(spec, Lib));
        var points = spec.Points();
        Assert.Equal(40, points.Count);
        // Latin hypercube: one value in each of the 40 strata of each range
        Assert.Equal(Enumerable.Range(0, 40), points.Select(p => (int)((p[0].Number!.Value - 1) / 9 * 40)).Order());
        Assert.Equal(Enumerable.Range(0, 40), points.Select(p => (int)(Math.Log(p[2].Number!.Value / 0.5) / Math.Log(10) * 40)).Order());
        // the list's three values in near-equal shares
        Assert.Equal([13, 13, 14], points.GroupBy(p => p[3].Text).Select(g => g.Count()).Order());
        // the same spec gives the same points
        Assert.Equal(points.Select(p => p[1].Text), SweepSpec.Read(spec.File).Points().Select(p => p[1].Text));
    }

    [Fact]
    public void ParametersReachTheCellAndTheProtocol()
    {
        var f = Write(Spec("{method: grid}", "  layers[1].thickness: {values: [50 um]}\n  layers.3.thickness: {values: [70 um]}\n  \"Li|Li6PS5Cl.exchange_current_density\": {values: [3 mA/cm2]}\n" +
            "  $i: {values: [0.3 mA/cm2]}\n  degradation.contact_loss: {values: [off]}", "\"Plate at $i for 1 h; Strip at $i for 1 h\""));
        var spec = SweepSpec.Read(f);
        var (cell, protocol) = SweepCell.Apply(spec, spec.Points()[0], Lib);
        Assert.Equal(50e-6, cell.Layers[1].ThicknessM!.Value, 12);   // layers[1]: counted from 0
        Assert.Equal(70e-6, cell.Layers[2].ThicknessM!.Value, 12);   // layers.3: counted from 1
        Assert.Contains(cell.Overrides, o => o.Path == "Li|Li6PS5Cl.exchange_current_density" && o.Text == "3 mA/cm2");
        Assert.Equal("off", cell.Root.Get("degradation")!.Get("contact_loss")!.Text());
        Assert.Equal(2, protocol.Steps.Count);
        var r = SweepRunner.RunOne(spec, Lib, 1, spec.Points()[0]);
        Assert.Equal("done", r.Status);
        // 0.3 mA/cm2 for 1 h plated and stripped: the cycle's current is the variable's
        Assert.Equal(0.3, (double)r.Cycles[0][1]!, 9);
    }

    [Fact]
    public void GridIsEveryCombinationWithLogLevels()
    {
        var spec = SweepSpec.Read(Write(Spec("{method: grid, levels: 3}", "  \"Li|Li6PS5Cl.exchange_current_density\": {from: 0.1 mA/cm2, to: 10 mA/cm2, scale: log}\n  temperature: {values: [25 degC, 40 degC]}")));
        var points = spec.Points();
        Assert.Equal(6, points.Count);
        Assert.Equal([0.1, 0.1, 1, 1, 10, 10], points.Select(p => Math.Round(p[0].Number!.Value, 12)));
        Assert.Equal(["25 degC", "40 degC", "25 degC", "40 degC", "25 degC", "40 degC"], points.Select(p => p[1].Text));
    }

    [Fact]
    public void DistributionsSampleInTheUsersUnit()
    {
        var spec = SweepSpec.Read(Write(Spec("{method: sobol, samples: 63}", "  stack_pressure: normal(5 MPa, 0.5 MPa)\n  temperature: {distribution: \"uniform(20 degC, 30 degC)\"}")));
        var points = spec.Points();
        var p = points.Select(x => x[0].Number!.Value).ToList();
        Assert.Equal(5, p.Average(), 2);
        Assert.InRange(Math.Sqrt(p.Select(x => (x - 5) * (x - 5)).Average()), 0.45, 0.52);
        Assert.All(points, x => Assert.InRange(x[1].Number!.Value, 20, 30));
        Assert.EndsWith(" MPa", points[0][0].Text);
    }

    [Fact]
    public void ListDesignReadsItsCsv()
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "designs.csv"), "stack_pressure,layers[1].thickness\n1 MPa,100 um\n5 MPa,200 um\n");
        var spec = SweepSpec.Read(Write($"cell: {Cell}\ndesign: {{method: list, file: designs.csv}}\n", dir));
        Assert.Equal(2, spec.Points().Count);
        Assert.Equal("200 um", spec.Points()[1][1].Text);
        Assert.Equal("MPa", spec.Parameters[0].Unit);
    }

    static string Calibration(string dir, double correlation)
    {
        var f = Path.Combine(dir, "summary.json");
        File.WriteAllText(f, "{\"parameters\": [" +
            "{\"path\": \"Li|Li6PS5Cl.exchange_current_density\", \"unit\": \"mA/cm2\", \"value\": 1.5, \"standard_error\": 0.1}," +
            "{\"path\": \"stack_pressure\", \"unit\": \"MPa\", \"value\": 5, \"standard_error\": 0.5}], " +
            $"\"correlation\": [[1, {correlation}], [{correlation}, 1]]}}");
        return f;
    }

    [Fact]
    public void CalibratedParametersVaryWithTheirCovariance()
    {
        var dir = TestPaths.TempDir();
        Calibration(dir, 0.8);
        var spec = SweepSpec.Read(Write($"cell: {Cell}\ndesign: {{method: sobol, samples: 511}}\ncalibrated: summary.json\n" +
            "parameters:\n  temperature: {from: 25 degC, to: 30 degC}\n", dir));
        Assert.Equal(["Li|Li6PS5Cl.exchange_current_density", "stack_pressure", "temperature"], spec.Parameters.Select(p => p.Key));
        Assert.Equal("symmetric", SweepRunner.Check(spec, Lib));
        var points = spec.Points();
        var i0 = points.Select(p => p[0].Number!.Value).ToList();
        var p1 = points.Select(p => p[1].Number!.Value).ToList();
        double Mean(List<double> v) => v.Average();
        double Sd(List<double> v) => Math.Sqrt(v.Select(x => (x - Mean(v)) * (x - Mean(v))).Average());
        Assert.Equal(1.5, Mean(i0), 2);
        Assert.Equal(5, Mean(p1), 2);
        Assert.InRange(Sd(i0), 0.095, 0.105);
        Assert.InRange(Sd(p1), 0.475, 0.525);
        double r = i0.Zip(p1).Select(t => (t.First - Mean(i0)) * (t.Second - Mean(p1))).Average() / (Sd(i0) * Sd(p1));
        Assert.InRange(r, 0.77, 0.83);
        Assert.Equal("mA/cm2", spec.Parameters[0].Unit);
        Assert.EndsWith(" MPa", points[0][1].Text);
    }

    [Fact]
    public void ACovarianceThatIsNotPositiveDefiniteIsRefusedAtItsLine()
    {
        var dir = TestPaths.TempDir();
        Calibration(dir, 1.2);
        var f = Write($"cell: {Cell}\ndesign: {{method: lhs, samples: 4}}\ncalibrated: summary.json\n", dir);
        var e = Assert.Throws<InputException>(() => SweepSpec.Read(f));
        Assert.Contains("not positive definite", e.Message);
        Assert.Equal(3, e.Location.Line);
    }

    [Theory]
    [InlineData("{method: lhs, samples: 4}", "  bogus_key: {from: 1 MPa, to: 2 MPa}", 6, "unknown parameter 'bogus_key'")]
    [InlineData("{method: lhs, samples: 4}", "  stack_pressure: {from: 1 MPa, to: 2 um}", 6, "write both ends of the range in one unit")]
    [InlineData("{method: grid}", "  stack_pressure: normal(5 MPa, 1 MPa)", 6, "a grid takes ranges and value lists")]
    [InlineData("{method: lhs, samples: 4}", "  layers[7].thickness: {values: [2 um]}", 6, "the cell has 3 layers")]
    [InlineData("{method: lhs, samples: 4}", "  temperature: {from: 1 MPa, to: 2 MPa}", 6, "'temperature' = 1 MPa")]
    [InlineData("{method: lhs, samples: 4}", "  $current: {values: [1 mA/cm2]}", 6, "'$current' is not used by the protocol")]
    [InlineData("{method: lhs}", "  stack_pressure: {from: 1 MPa, to: 2 MPa}", 4, "the number of designs")]
    [InlineData("{method: magic, samples: 3}", "  stack_pressure: {from: 1 MPa, to: 2 MPa}", 4, "unknown design method 'magic'")]
    public void BadSpecNamesItsLine(string design, string parameters, int line, string message)
    {
        var f = Write(Spec(design, parameters));
        var e = Assert.Throws<InputException>(() => SweepRunner.Check(SweepSpec.Read(f), Lib));
        Assert.Contains(message, e.Message);
        Assert.Equal(f, e.Location.File);
        Assert.Equal(line, e.Location.Line);
        Assert.True(e.Location.Column > 0, e.OneLine);
    }
}
