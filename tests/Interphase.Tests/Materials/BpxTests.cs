using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Materials;

/// <summary>
/// A full cell's cathode from a BPX file (docs/examples/bpx: the BPX standard's NMC111 pouch-cell example, MIT
/// licence, provenance beside it).
/// </summary>
public class BpxTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static string Dir => Path.Combine(TestPaths.RepoRoot, "docs", "examples", "bpx");
    static string CellFile => Path.Combine(Dir, "NMC-PT-PEO-bpx.yaml");

    static FullCell Build(string file) => FullCell.Build(CellSpec.Load(file, Lib), Lib);

    /// <summary>A copy of the fixture cell in a temporary folder with <paramref name="cathodeExtra"/> on its cathode line and a BPX file of our own.</summary>
    static string TempCell(string bpxJson, string cathodeExtra = "", string extra = "")
    {
        var dir = TestPaths.TempDir();
        File.WriteAllText(Path.Combine(dir, "cell.json"), bpxJson);
        var yaml = File.ReadAllText(CellFile).Replace("bpx: nmc_pouch_cell_BPX.json", "bpx: cell.json" + cathodeExtra) + extra;
        File.WriteAllText(Path.Combine(dir, "cell.yaml"), yaml);
        return Path.Combine(dir, "cell.yaml");
    }

    /// <summary>The example's positive electrode with <paramref name="replace"/> applied to its text.</summary>
    static string Example(Func<string, string> replace) => replace(File.ReadAllText(Path.Combine(Dir, "nmc_pouch_cell_BPX.json")));

    [Theory]
    [InlineData("-2**2", -4)]          // Python: ** binds tighter than the unary minus
    [InlineData("2**3**2", 512)]       // and groups from the right
    [InlineData("2**-1", 0.5)]
    [InlineData("(1 - x) * 4 / 2", 1)]
    [InlineData("1.5e-1 * 2 + .5", 0.8)]
    [InlineData("exp(0) + tanh(0) + cosh(0)", 2)]
    [InlineData("- -x", 0.5)]
    public void Expressions_follow_Pythons_arithmetic(string text, double expected) =>
        Assert.Equal(expected, BpxExpression.Parse(text)(0.5), 12);

    [Theory]
    [InlineData("sqrt(x)", "unknown name 'sqrt'")]
    [InlineData("2 * (x + 1", "expected ')'")]
    [InlineData("x ^ 2", "unexpected '^'")]
    public void A_bad_expression_names_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => BpxExpression.Parse(text));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void The_OCV_read_equals_the_files_expression_at_sample_points()
    {
        var ic = Build(CellFile).Cathode.Intercalation!;
        // reference values: the file's "OCP [V]" evaluated by Python 3's math module (exp, tanh) at these x
        (double x, double u)[] python =
        [
            (0.42424, 4.290654189805994), (0.5, 4.106765282214694), (0.7, 3.7948698622332717),
            (0.9, 3.6871918327428217), (0.9621, 3.6132690157674188),
        ];
        foreach (var (x, u) in python)
            Assert.Equal(u, ic.OpenCircuit(x, ic.ReferenceTemperatureK), 12);
    }

    [Fact]
    public void The_particle_values_come_from_the_file_in_SI()
    {
        var cat = Build(CellFile).Cathode;
        var ic = cat.Intercalation!;
        Assert.Equal(1.0, ic.Diffusivity(298.15) / 3.2e-14, 12);
        Assert.Equal(15000, ic.DiffusivityActivationEnergy);
        Assert.Equal(4.6e-6, cat.ParticleRadius, 12);
        Assert.Equal(46200, ic.MaxConcentration);
        Assert.Equal(0.42424, ic.StoichiometryCharged);
        Assert.Equal(0.96210, ic.StoichiometryDischarged);
        Assert.Equal(0.96210, ic.Initial);
        // j0 = F k ((ce/ce0)(c/cmax)(1 - c/cmax))^0.5 in BPX equals m ce^0.5 (c (cmax - c))^0.5 here
        double c = 0.7 * 46200, ce = 1000;
        double bpx = Si.Faraday * 2.305e-05 * Math.Sqrt(ce / 1000 * (c / 46200) * (1 - c / 46200));
        Assert.Equal(bpx, ic.RateConstantRef * Math.Sqrt(ce) * Math.Sqrt(c * (46200 - c)), 9);
        Assert.Equal(35000, ic.RateActivationEnergy);
        Assert.Contains("nmc_pouch_cell_BPX.json", ic.OcvName);
        Assert.Contains("nmc_pouch_cell_BPX.json", cat.Bpx!.Sources["diffusivity"]);
    }

    [Fact]
    public void A_cell_with_a_BPX_cathode_charges_to_its_cut_off_and_discharges()
    {
        var cell = Build(CellFile);
        var r = new FullCellSimulator(cell).Run(ProtocolParser.ParseLines(["Charge at 0.1C until 4.2 V", "Discharge at 0.1C until 3.5 V"]));
        Assert.Equal("protocol_completed", r.StopReason);
        var c = Assert.Single(r.Cycles);
        // the charge passed is the file's lithium leaving the particles from x = 0.9621: less than up to the x at
        // which the file's OCV itself is 4.2 V (0.4603, Python), more than up to x = 0.6 (OCV 3.91 V: 0.1C does not
        // polarise this cell by 0.29 V)
        double perX = 46200 * Si.Faraday * cell.Cathode.ActiveVolume;
        Assert.InRange(c.ChargeCapacity, (0.9621 - 0.6) * perX, (0.9621 - 0.4603) * perX);
        Assert.Contains(r.Warnings, w => w.Contains("Entropic change coefficient"));
        // the file's discharged state (x = 0.9621, the pouch cell's 0 % SOC) lies above this protocol's 3.5 V: the
        // discharge goes beyond where the cell started, and the event says so instead of blaming an earlier cycle
        Assert.True(c.CoulombicEfficiency > 1, $"{c.CoulombicEfficiency}");
        var note = Assert.Single(r.Events, e => e.Kind == "coulombic_efficiency_above_100");
        Assert.Contains("started at stoichiometry 0.962", note.Message);
        // the report lists what the file supplied, with its source, as summary.json does
        var html = Interphase.Reports.FullCellReport.Build(r).Render();
        Assert.Contains("Cathode values from the BPX file", html);
        Assert.Contains(r.CathodeBpxSources!["diffusivity"].Replace("'", "&#39;").Split(' ')[0], html);
    }

    [Fact]
    public void A_table_OCP_is_interpolated_linearly_between_its_points()
    {
        var json = Example(t => t.Replace(
            "\"OCP [V]\": \"-3.04420906 * x + 10.04892207 - 0.65637536 * tanh(-4.02134095 * (x - 0.80063948)) + 4.24678547 * tanh(12.17805062 * (x - 7.57659337)) - 0.3757068 * tanh(59.33067782 * (x - 0.99784492))\"",
            "\"OCP [V]\": {\"x\": [0.3, 0.5, 0.8, 1.0], \"y\": [4.4, 4.1, 3.8, 3.0]}"));
        Assert.Contains("\"x\": [0.3", json);
        var ic = Build(TempCell(json)).Cathode.Intercalation!;
        Assert.Equal(4.1, ic.OpenCircuit(0.5, 298.15), 12);
        Assert.Equal(3.95, ic.OpenCircuit(0.65, 298.15), 12);
        Assert.Equal(3.4, ic.OpenCircuit(0.9, 298.15), 12);
        Assert.Equal(0.3, ic.OcvValidMin);
        Assert.Contains("table of 4 points", ic.OcvName);
    }

    [Fact]
    public void OCP_hysteresis_is_refused_on_the_line_of_its_key()
    {
        var json = Example(t => t.Replace("\"Entropic change coefficient [V.K-1]\": -1e-4,", "\"OCP (lithiation) [V]\": \"4 - x\","));
        var e = Assert.Throws<InputException>(() => Build(TempCell(json)));
        Assert.Contains("hysteresis", e.Message);
        Assert.EndsWith("cell.json", e.Location.File);
        var line = File.ReadAllLines(e.Location.File!)[e.Location.Line - 1];
        Assert.Contains("OCP (lithiation) [V]", line);
    }

    [Fact]
    public void A_diffusivity_that_depends_on_x_is_refused()
    {
        var json = Example(t => t.Replace("\"Diffusivity [m2.s-1]\": 3.2e-14,", "\"Diffusivity [m2.s-1]\": \"3.2e-14 * x\","));
        var e = Assert.Throws<InputException>(() => Build(TempCell(json)));
        Assert.Contains("constant diffusivity", e.Message);
    }

    [Fact]
    public void Broken_JSON_is_refused_with_its_line()
    {
        var json = Example(t => t.Replace("\"Porosity\": 0.277493,", "\"Porosity\": 0.277493,,"));
        var e = Assert.Throws<InputException>(() => Build(TempCell(json)));
        Assert.Contains("not a valid JSON", e.Message);
        Assert.Contains("Porosity", File.ReadAllLines(e.Location.File!)[e.Location.Line - 1]);
    }

    [Fact]
    public void An_override_of_a_value_the_file_supplies_is_refused()
    {
        var e = Assert.Throws<InputException>(() => Build(TempCell(Example(t => t), extra: "overrides:\n  NCM523.diffusivity: 1e-10 cm2/s\n")));
        Assert.Contains("supplies this value", e.Message);
    }
}
