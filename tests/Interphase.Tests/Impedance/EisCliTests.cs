using System.Text.Json;
using Interphase.Cli;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

/// <summary><c>interphase eis …</c> as a user meets it: outputs, exit codes, one-line errors.</summary>
public sealed class EisCliTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-eis-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static (int code, string stdout, string stderr) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [SharedDataFact]
    public void FitWritesJsonAndCsvWithErrorsAndChiSquare()
    {
        var out1 = Path.Combine(_dir, "fit");
        var (code, stdout, stderr) = Run("eis", "fit", SharedData.File("eis/exampleDataZPlot.z"), "--circuit", "L0-R0-p(R1,CPE1)",
            "--thickness", "500 um", "--area", "0.785 cm2", "--out", out1);
        Assert.True(code == 0, stderr);
        Assert.Contains("converged", stdout);
        Assert.Contains("Ω cm²", stdout);
        Assert.Empty(Directory.GetDirectories(out1)); // no staging folder left
        Assert.Equal(["fit.csv", "fit.json", "report.html"], Directory.GetFiles(out1).Select(Path.GetFileName).Order());
        var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(out1, "fit.json"))).RootElement;
        Assert.True(j.GetProperty("converged").GetBoolean());
        Assert.True(j.GetProperty("iterations").GetInt32() > 0);
        Assert.True(j.GetProperty("chi_square").GetDouble() > 0);
        Assert.Contains("chi2 = sum_i", j.GetProperty("chi_square_definition").GetString());
        var r0 = j.GetProperty("parameters").EnumerateArray().First(p => p.GetProperty("name").GetString() == "R0");
        Assert.InRange(r0.GetProperty("value").GetDouble(), 140, 150);
        Assert.True(r0.GetProperty("std_error").GetDouble() > 0);
        Assert.Equal(2, r0.GetProperty("ci95").GetArrayLength());
        Assert.Equal(r0.GetProperty("value").GetDouble() * 0.785, r0.GetProperty("area_specific_ohm_cm2").GetDouble(), 6);
        var sigma = j.GetProperty("conductivity").GetProperty("sigma_s_per_cm").GetDouble();
        Assert.Equal(0.05 / (r0.GetProperty("value").GetDouble() * 0.785), sigma, 9);
        Assert.Equal(4, j.GetProperty("correlation").GetProperty("matrix").GetArrayLength() - 1);
        var csv = File.ReadAllLines(Path.Combine(out1, "fit.csv"));
        Assert.Equal("frequency_hz,z_real_ohm,z_imag_ohm,model_real_ohm,model_imag_ohm,residual_real_rel,residual_imag_rel", csv[0]);
        Assert.Equal(22, csv.Length);
    }

    [SharedDataFact]
    public void FitReadsTheBinaryMprThatAnalyzeReads()
    {
        var (code, stdout, stderr) = Run("eis", "fit", SharedData.File("biologic/peis.mpr"), "--circuit", "R0-p(R1,CPE1)", "--out", Path.Combine(_dir, "mpr"));
        Assert.True(code == 0, stderr);
        Assert.Contains("BioLogic .mpr, 32 points", stdout);
        Assert.True(File.Exists(Path.Combine(_dir, "mpr", "fit.json")));
    }

    [Fact]
    public void FitWarnsOfTheZeroHertzHoldRowsItSkipped()
    {
        var dir = Path.Combine(_dir, "versa");
        var (code, stdout, stderr) = Run("eis", "fit", ReaderTests.Measured("versastudio_hold_then_sweep.txt"), "--circuit", "R0-p(R1,CPE1)", "--out", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("tab-separated text, 21 points", stdout);
        Assert.Contains("warning: skipped 5 row(s) at frequency 0 (lines 2–6)", stdout);
        var warnings = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fit.json"))).RootElement.GetProperty("warnings");
        Assert.Contains(warnings.EnumerateArray(), w => w.GetString()!.StartsWith("skipped 5 row(s) at frequency 0", StringComparison.Ordinal));
    }

    [SharedDataFact]
    public void FitAcceptsImpedancePyStyleInitialValuesFixedAndBounds()
    {
        var (code, stdout, stderr) = Run("eis", "fit", SharedData.File("eis/exampleData.csv"), "--circuit", "R0-p(R1,C1)-p(R2-Wo1,C2)",
            "--initial", ".01,.01,100,.01,.05,100,1", "--fixed", "R0=0.0165", "--bounds", "C1=0.01:1000", "--weighting", "unit", "--drop-inductive");
        Assert.True(code == 0, stderr);
        Assert.Contains("R0", stdout);
        Assert.Contains("fixed", stdout);
        Assert.Contains("dropped inductive points", stdout);
    }

    [SharedDataTheory]
    [InlineData("--circuit", "R0-p(R1,CPE1", "column 13")]
    [InlineData("--circuit", "R0-X1", "unknown element 'X'")]
    [InlineData("--initial", "1,2,3", "has 4 parameters")]
    [InlineData("--fixed", "R9=1", "no parameter 'R9'")]
    [InlineData("--bounds", "R1=5", "NAME=LOWER:UPPER")]
    [InlineData("--fmin", "10 mA", "frequency")]
    public void BadOptionsGiveOneLineAndExitOne(string option, string value, string expected)
    {
        var args = new List<string> { "eis", "fit", SharedData.File("eis/exampleDataBioLogic.mpt"), "--circuit", "R0-p(R1,CPE1)" };
        if (option == "--circuit") args[4] = value; else args.AddRange([option, value]);
        var (code, stdout, stderr) = Run(args.ToArray());
        Assert.Equal(1, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", stderr);
        Assert.DoesNotContain("at Interphase", stderr);
    }

    [SharedDataFact]
    public void BadFilesGiveOneLineNamingFileAndLine()
    {
        var (code, _, stderr) = Run("eis", "fit", SharedData.File("eis/exampleDataBioLogic_MissingFreq.mpt"), "--circuit", "R0-p(R1,CPE1)", "--out", Path.Combine(_dir, "x"));
        Assert.Equal(1, code);
        Assert.Contains("exampleDataBioLogic_MissingFreq.mpt:61: ", stderr);
        Assert.Contains("freq/Hz", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
        var missing = Run("eis", "kk", Path.Combine(_dir, "none.csv"));
        Assert.Equal(1, missing.code);
        Assert.Contains("file not found", missing.stderr);
    }

    [SharedDataFact]
    public void KkAndDrtCommands()
    {
        var kkDir = Path.Combine(_dir, "kk");
        var kk = Run("eis", "kk", SharedData.File("eis/exampleData.csv"), "--out", kkDir);
        Assert.True(kk.code == 0, kk.stderr);
        Assert.Contains("Lin-KK passes", kk.stdout);
        Assert.True(JsonDocument.Parse(File.ReadAllText(Path.Combine(kkDir, "kk.json"))).RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(67, File.ReadAllLines(Path.Combine(kkDir, "kk.csv")).Length);

        var drtDir = Path.Combine(_dir, "drt");
        var drt = Run("eis", "drt", SharedData.File("eis/exampleDataZPlot.z"), "--lambda", "1e-3", "--out", drtDir);
        Assert.True(drt.code == 0, drt.stderr);
        var d = JsonDocument.Parse(File.ReadAllText(Path.Combine(drtDir, "drt.json"))).RootElement;
        Assert.Equal(1e-3, d.GetProperty("lambda").GetDouble());
        var peak = d.GetProperty("peaks").EnumerateArray().MaxBy(p => p.GetProperty("resistance_ohm").GetDouble());
        Assert.InRange(peak.GetProperty("resistance_ohm").GetDouble(), 450, 560);
        Assert.Equal(ExitCodes.UsageError, Run("eis", "drt", SharedData.File("eis/exampleDataZPlot.z"), "--lambda", "big").code);
    }

    [Fact]
    public void ArrheniusFromAResistanceSeries()
    {
        // Li7P3S11 pellet, 0.5 mm thick, 0.785 cm²: R(T) from Ea = 9.493 kJ/mol and σ(25 °C) = 1.27e-4 S/cm.
        var lines = new List<string> { "T (degC),R (Ohm)" };
        foreach (var c in new[] { 20, 30, 40, 50, 60, 70, 80, 90, 100 })
        {
            double t = c + 273.15, sigma = 1.27e-2 * Math.Exp(-9493 / 8.314462618 * (1 / t - 1 / 298.15));
            lines.Add(FormattableString.Invariant($"{c},{0.5e-3 / (sigma * 0.785e-4)}"));
        }
        var file = Path.Combine(_dir, "series.csv");
        File.WriteAllLines(file, lines);
        var outDir = Path.Combine(_dir, "arr");
        var (code, stdout, stderr) = Run("eis", "arrhenius", file, "--thickness", "0.5 mm", "--area", "0.785 cm2", "--vtf", "--out", outDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("kJ/mol", stdout);
        var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "arrhenius.json"))).RootElement.GetProperty("arrhenius");
        Assert.Equal(9.493, a.GetProperty("ea_kj_per_mol").GetDouble(), 6);
        Assert.Equal(9.493 / 96.48533212, a.GetProperty("ea_ev").GetDouble(), 6);
        Assert.Equal(1.27e-4, a.GetProperty("sigma_25c_s_per_cm").GetDouble(), 9);

        var noGeometry = Run("eis", "arrhenius", file);
        Assert.Equal(1, noGeometry.code);
        Assert.Contains("--thickness", noGeometry.stderr);
    }

    [Fact]
    public void AnArrheniusFitWhoseConductivityFallsWithTemperatureWarns()
    {
        // the same law with the temperatures matched to the files in reverse (a user's slip): Ea comes out -9.493 kJ/mol,
        // which the command wrote with exit 0 and no remark
        var lines = new List<string> { "T (degC),R (Ohm)" };
        var celsius = new[] { 20, 40, 60, 80, 100 };
        foreach (var (c, k) in celsius.Select((c, k) => (c, k)))
        {
            double t = celsius[^(k + 1)] + 273.15, sigma = 1.27e-2 * Math.Exp(-9493 / 8.314462618 * (1 / t - 1 / 298.15));
            lines.Add(FormattableString.Invariant($"{c},{0.5e-3 / (sigma * 0.785e-4)}"));
        }
        var file = Path.Combine(_dir, "reversed.csv");
        File.WriteAllLines(file, lines);
        var outDir = Path.Combine(_dir, "rev");
        var (code, stdout, stderr) = Run("eis", "arrhenius", file, "--thickness", "0.5 mm", "--area", "0.785 cm2", "--out", outDir);
        Assert.True(code == 0, stderr);
        var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "arrhenius.json"))).RootElement.GetProperty("arrhenius");
        Assert.True(a.GetProperty("ea_kj_per_mol").GetDouble() < 0);
        Assert.Contains("is not positive: the conductivity does not rise with temperature", a.GetProperty("warning").GetString());
        Assert.Contains("  warning: Ea = ", stdout);
    }

    /// <summary>Decision 0084: <c>eis fit</c> flags R0 and R1 trading along their sum (an arc above the window) and names the sum.</summary>
    [Fact]
    public void AFitWithAPairCorrelatedBeyondTheLimitFlagsBothAndNamesTheirSum()
    {
        var f = Synthetic.LogGrid(1e6, 0.1, 10);
        var z = Circuit.Parse("p(R1,C1)-p(R2,C2)").WithValues(10.33, 7.7e-11, 4.53, 3.93e-6).Evaluate(f);
        var file = Path.Combine(_dir, "one-arc.csv");
        File.WriteAllLines(file, ["f,Zre,Zim"], System.Text.Encoding.UTF8);
        File.AppendAllLines(file, f.Select((x, k) => FormattableString.Invariant($"{x:R},{z[k].Real:R},{z[k].Imaginary:R}")));
        var (code, stdout, stderr) = Run("eis", "fit", file, "--circuit", "R0-p(R1,CPE1)-p(R2,CPE2)", "--global", "4");
        Assert.True(code == 0, stderr);
        Assert.Contains("not separable from R1", stdout);
        Assert.Contains("not separable from R0", stdout);
        Assert.Contains("only R0 + R1 = 10.33", stdout);
    }
}
