using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Interphase.Impedance;
using Xunit.Abstractions;

namespace Interphase.Tests.Cli;

/// <summary>
/// `interphase eis fit FILE FILE… | FOLDER | 'PATTERN'` and `interphase eis arrhenius SPECTRA… --temperatures` (issue 11,
/// item 3): every spectrum fitted on all cores into one table and one overlay report, a bad file one line and skipped;
/// a temperature series of spectra straight to Arrhenius.
/// </summary>
public class EisBatchCliTests(ITestOutputHelper output)
{
    static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);

    static string Measured(string name) => Path.Combine(TestPaths.Fixtures, "measured", name);

    static List<Dictionary<string, string>> Table(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        // no cell of a done row holds a comma; a failed row's reason may (quoted), and only its first three cells are read
        return lines.Skip(1).Select(l => l.Split(',')).Select(c => header.Select((h, i) => (h, v: i < c.Length ? c[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [SharedDataFact]
    public void AFolderOfSpectraIsFittedIntoOneTableAndABadFileIsSkipped()
    {
        var input = TestPaths.TempDir();
        foreach (var f in new[] { "exampleData.csv", "exampleDataGamry.DTA", "exampleDataZPlot.z" })
            File.Copy(Path.Combine(TestPaths.SharedData, "eis", f), Path.Combine(input, f));
        File.WriteAllText(Path.Combine(input, "broken.csv"), "frequency,Z',Z''\n1000,5,-1\nnot a number,6,-2\n");
        var outDir = TestPaths.TempDir();
        const string circuit = "R0-p(R1,CPE1)-p(R2,CPE2)";
        var (code, stdout, stderr) = Run("eis", "fit", input, "-c", circuit, "--out", outDir, "--overwrite", "-q");

        Assert.Equal(1, code);
        var error = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", error);
        Assert.Contains("broken.csv:3:", error);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains("3 spectra fitted in 3 of 4 files; 1 files failed", stdout);

        var rows = Table(Path.Combine(outDir, "fits.csv"));
        Assert.Equal("failed", Assert.Single(rows, r => r["file"] == "broken.csv")["status"]);
        // each row is the fit the single-file command makes of that file
        foreach (var name in new[] { "exampleDataGamry.DTA", "exampleDataZPlot.z" })
        {
            var row = Assert.Single(rows, r => r["file"] == name);
            Assert.Equal("1", row["spectrum"]);
            var alone = TestPaths.TempDir();
            Assert.Equal(0, Run("eis", "fit", Path.Combine(input, name), "-c", circuit, "--out", alone, "--overwrite").code);
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(alone, "fit.json")));
            Assert.Equal(json.RootElement.GetProperty("converged").GetBoolean() ? "true" : "false", row["converged"]);
            foreach (var p in json.RootElement.GetProperty("parameters").EnumerateArray())
                Assert.Equal(p.GetProperty("value").GetDouble(), D(row[p.GetProperty("name").GetString()!]), 12);
            Assert.Equal(json.RootElement.GetProperty("chi_square").GetDouble(), D(row["chi_square"]), 12);
        }
        Assert.Contains("R2_se", File.ReadLines(Path.Combine(outDir, "fits.csv")).First());
        var report = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("1 of 4 files could not be fitted", report);
        Assert.Contains("exampleDataZPlot.z", report);
        Assert.Contains("\"scaleanchor\"", report); // the Nyquist overlay has equal axes
    }

    [Fact]
    public void EverySpectrumOfAMeasuredFileIsARow()
    {
        var outDir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("eis", "fit", Measured("biologic/mb.issue_223.mpr"), Measured("eis/versastudio_hold_then_sweep.txt"),
            "-c", "R0-p(R1,CPE1)-CPE2", "--out", outDir, "--overwrite", "-q");
        Assert.True(code == 0, stderr);
        var rows = Table(Path.Combine(outDir, "fits.csv"));
        // the Modulo Bat record holds four impedance sweeps, the VersaStudio export one (its 0 Hz hold rows left out)
        Assert.Equal(["1", "2", "3", "4"], rows.Where(r => r["file"] == "mb.issue_223.mpr").Select(r => r["spectrum"]));
        Assert.Single(rows, r => r["file"] == "versastudio_hold_then_sweep.txt");
        Assert.All(rows, r => Assert.True(D(r["R0"]) > 0 && D(r["chi_square"]) >= 0));
        Assert.Contains("5 spectra fitted in 2 of 2 files", stdout);
    }

    [Fact]
    public void AMistakeInTheOptionsIsOneLineNotAFailureOfEveryFile()
    {
        var outDir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("eis", "fit", Measured("biologic/mb.issue_223.mpr"), Measured("eis/versastudio_hold_then_sweep.txt"),
            "-c", "R0-p(R1,CPE1)-CPE2", "--fmin", "10 parsecs", "--out", outDir, "--overwrite");
        Assert.Equal(1, code);
        Assert.StartsWith("error: --fmin: ", Assert.Single(stderr.TrimEnd().Split('\n')));
        Assert.Equal("", stdout);
        Assert.False(File.Exists(Path.Combine(outDir, "fits.csv")));
    }

    // A synthetic temperature series: a bulk resistance R0 = L/(σ(T)·A) with σ = σ0 exp(−Ea/(k T)), a grain-boundary arc
    // and a blocking electrode, 0.3 % multiplicative noise.
    const double Ea = 0.35, Sigma0 = 250.0; // eV, S/cm
    const double L = 500e-6, A = 0.785e-4;  // m, m²
    static readonly double[] Celsius = [25, 40, 60, 80, 100];

    static string SyntheticSeries() => SyntheticSeries(Celsius);

    static string SyntheticSeries(double[] celsius)
    {
        var dir = TestPaths.TempDir();
        var c = Circuit.Parse("R0-p(R1,CPE1)-CPE2");
        var f = Enumerable.Range(0, 61).Select(i => 1e7 * Math.Pow(10, -i / 8.0)).ToArray();
        var rng = new Random(11);
        foreach (var t in celsius)
        {
            double kelvin = t + 273.15;
            double sigma = Sigma0 * 100 * Math.Exp(-Ea / (8.617333262e-5 * kelvin)); // S/m
            double r0 = L / (sigma * A);
            var z = c.Evaluate(f, [r0, 3 * r0, 1e-7, 0.85, 2e-6, 0.9]);
            var lines = f.Select((fr, i) =>
            {
                var zz = z[i] * new Complex(1 + 0.003 * (rng.NextDouble() * 2 - 1), 0.003 * (rng.NextDouble() * 2 - 1));
                return string.Create(CultureInfo.InvariantCulture, $"{fr:R},{zz.Real:R},{zz.Imaginary:R}");
            });
            File.WriteAllLines(Path.Combine(dir, $"T{t:000}.csv"), ["freq/Hz,Z'/Ohm,Z''/Ohm", .. lines]);
        }
        return dir;
    }

    [Fact]
    public void ATemperatureSeriesOfSpectraGivesTheArrheniusLawItWasMadeWith()
    {
        var dir = SyntheticSeries();
        var outDir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("eis", "arrhenius", Path.Combine(dir, "T*.csv"), "--temperatures", string.Join(',', Celsius) + " degC",
            "-c", "R0-p(R1,CPE1)-CPE2", "--thickness", "500 um", "--area", "0.785 cm2", "--out", outDir, "--overwrite", "-q");
        Assert.True(code == 0, stdout + stderr);
        output.WriteLine(stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "arrhenius.json")));
        var arr = json.RootElement.GetProperty("arrhenius");
        Assert.Equal(5, json.RootElement.GetProperty("points").GetArrayLength());
        // stated tolerance: Ea within 1 meV, σ0 within 2 % (measured: 0.3501 eV) (0.3 % noise on the spectra)
        Assert.InRange(arr.GetProperty("ea_ev").GetDouble(), Ea - 0.001, Ea + 0.001);
        Assert.InRange(arr.GetProperty("prefactor_si").GetDouble() / 100, Sigma0 * 0.98, Sigma0 * 1.02);
        double sigma25 = Sigma0 * Math.Exp(-Ea / (8.617333262e-5 * 298.15));
        Assert.InRange(arr.GetProperty("sigma_25c_s_per_cm").GetDouble(), sigma25 * 0.99, sigma25 * 1.01);
        // conductivity.csv is a table the table form of the command reads back to the same fit
        Assert.Equal(0, Run("eis", "arrhenius", Path.Combine(outDir, "conductivity.csv")).code);
        var again = Run("eis", "arrhenius", Path.Combine(outDir, "conductivity.csv"));
        Assert.Contains(stdout.Split('\n').First(l => l.Contains("Ea =")).Trim(), again.stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
        Assert.Equal(5, Table(Path.Combine(outDir, "fits.csv")).Count);
    }

    [Fact]
    public void ATemperatureSeriesIsFittedWarmFromTheNeighbouringTemperatureWithTheColdFitsAnswers()
    {
        // a finer series than SyntheticSeries (every 5 K, 21 spectra): neighbouring temperatures are close enough for the
        // previous fit to be a start the series' acceptance rule keeps (docs/decisions/0030)
        var dir = SyntheticSeries(Enumerable.Range(0, 21).Select(i => 25.0 + 5 * i).ToArray());
        var warmDir = TestPaths.TempDir();
        var coldDir = TestPaths.TempDir();
        string[] common = ["-c", "R0-p(R1,CPE1)-CPE2", "--thickness", "500 um", "--area", "0.785 cm2", "-q"];
        var temps = string.Join(',', Enumerable.Range(0, 21).Select(i => 25 + 5 * i)) + " degC";
        var warm = Run(["eis", "arrhenius", Path.Combine(dir, "T*.csv"), "-T", temps, .. common, "--out", warmDir]);
        var cold = Run(["eis", "arrhenius", Path.Combine(dir, "T*.csv"), "-T", temps, .. common, "--no-warm-start", "--out", coldDir]);
        Assert.True(warm.code == 0 && cold.code == 0, warm.stderr + cold.stderr);
        var w = Table(Path.Combine(warmDir, "fits.csv"));
        var c = Table(Path.Combine(coldDir, "fits.csv"));
        Assert.Equal(21, w.Count);
        output.WriteLine($"warm starts kept: {w.Count(r => r["start"] == "warm")} of 21");
        // the neighbour's fit starts most spectra (the mechanism: without it every row is cold)
        Assert.True(w.Count(r => r["start"] == "warm") >= 15, string.Join(" ", w.Select(r => r["start"])));
        Assert.All(c, r => Assert.Equal("cold", r["start"]));
        for (int k = 0; k < w.Count; k++)
        {
            // stated tolerance: χ² no more than 10⁻⁶ above the cold fit's, R0 (the bulk) within 10⁻⁴ of it
            Assert.True(D(w[k]["chi_square"]) <= D(c[k]["chi_square"]) * (1 + 1e-6), $"{w[k]["file"]}: {w[k]["chi_square"]} > {c[k]["chi_square"]}");
            Assert.Equal(1, D(w[k]["R0"]) / D(c[k]["R0"]), 1e-4);
        }
        Assert.Equal(File.ReadAllText(Path.Combine(coldDir, "conductivity.csv")).Split('\n').Length, File.ReadAllText(Path.Combine(warmDir, "conductivity.csv")).Split('\n').Length);
    }

    [Fact]
    public void ABadFileInATemperatureSeriesIsReportedAndTheOthersAreFitted()
    {
        var dir = SyntheticSeries();
        File.WriteAllText(Path.Combine(dir, "T040.csv"), "freq/Hz,Z'/Ohm,Z''/Ohm\n1e6,1,-1\n1e5,x,-2\n");
        var (code, stdout, stderr) = Run("eis", "arrhenius", Path.Combine(dir, "T*.csv"), "-T", string.Join(',', Celsius) + " degC",
            "-c", "R0-p(R1,CPE1)-CPE2", "--thickness", "500 um", "--area", "0.785 cm2", "-q");
        Assert.Equal(1, code);
        var error = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("T040.csv:3:", error);
        Assert.Contains("fitted to 4 of 5 files", stdout);
        Assert.Contains("4 points", stdout);
    }

    [Fact]
    public void ASpectrumThatDoesNotDetermineTheBulkResistanceIsLeftOutOfTheArrheniusFit()
    {
        // one spectrum of the series measured only below its bulk arc (as a user's cut-off analyser or a mislabelled file
        // would give): R0 and R1 are then only determined as their sum, and the fit reports R0 as not identifiable.
        // Its R0 is one split of many; an Arrhenius fit through it was -210 kJ/mol on the shared example spectra.
        var dir = SyntheticSeries();
        var file = Path.Combine(dir, "T060.csv");
        var rows = File.ReadAllLines(file);
        File.WriteAllLines(file, [rows[0], .. rows.Skip(1).Where(l => D(l.Split(',')[0]) < 1e2)]);
        var outDir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("eis", "arrhenius", Path.Combine(dir, "T*.csv"), "--temperatures", string.Join(',', Celsius) + " degC",
            "-c", "R0-p(R1,CPE1)-CPE2", "--thickness", "500 um", "--area", "0.785 cm2", "-q", "--no-warm-start", "--out", outDir, "--overwrite");
        output.WriteLine(stdout + stderr);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("R0 not identifiable from this spectrum: left out", stdout.Split('\n').Single(l => l.Contains("T060.csv")));
        Assert.Contains("4 points", stdout);
        // the report draws the Arrhenius plot of the 4 points used, and says in words which one was left out and why
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        var m = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"application/json\" id=\"interphase-figures\">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(m.Success, "no figure data in the report");
        var arrhenius = JsonDocument.Parse(m.Groups[1].Value).RootElement.EnumerateArray()
            .Single(f => f.GetProperty("layout").GetProperty("title").GetProperty("text").GetString() == "Arrhenius plot");
        var x = arrhenius.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal([.. new[] { 25.0, 40, 80, 100 }.Select(t => 1000 / (t + 273.15))], x, (p, q) => Math.Abs(p - q) < 1e-6);
        Assert.Contains("Left out of the Arrhenius fit (not drawn): T060.csv at 60 °C: R0 not identifiable from this spectrum", html);
        // conductivity.csv says which point was used and why one was not, and reading it back leaves the same one out
        var table = Table(Path.Combine(outDir, "conductivity.csv"));
        Assert.Equal(["true", "true", "false", "true", "true"], table.Select(r => r["used"]));
        Assert.Equal("R0 not identifiable from this spectrum", table[2]["reason"]);
        var back = Run("eis", "arrhenius", Path.Combine(outDir, "conductivity.csv"));
        Assert.True(back.code == 0, back.stdout + back.stderr);
        Assert.Contains("4 points", back.stdout);
        Assert.Contains("1 row marked used = false left out of the fit: line 4 (T = 333.15 K, T060.csv): R0 not identifiable from this spectrum", back.stdout);
        // the same Ea as the fit of the spectra (without the used column it was the fit through all 5)
        static string EaLine(string text) => text.Split('\n').Single(l => l.TrimStart().StartsWith("Ea = "));
        Assert.Equal(EaLine(stdout), EaLine(back.stdout));
    }

    [Fact]
    public void TooFewPointsAfterLeavingSomeOutNamesThemAndWhy()
    {
        // a conductivity.csv whose two of four points were left out: the fit's "got 2" now says which and why
        var path = Path.Combine(TestPaths.TempDir(), "conductivity.csv");
        File.WriteAllLines(path, ["T (K),sigma (S/cm),file,converged,used,reason",
            "298.15,1e-4,a.z,true,true,", "313.15,,b.z,false,false,the fit did not converge", "333.15,3e-4,c.z,true,false,R0 not identifiable from this spectrum", "353.15,5e-4,d.z,true,true,"]);
        var (code, stdout, stderr) = Run("eis", "arrhenius", path);
        Assert.Equal(1, code);
        var error = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains("an Arrhenius fit needs at least 3 temperatures, got 2: 2 points were left out (line 3 (T = 313.15 K, b.z): the fit did not converge; " +
            "line 4 (T = 333.15 K, c.z): R0 not identifiable from this spectrum)", error);
    }

    [Fact]
    public void TemperaturesCanComeFromATableOfFileNames()
    {
        var dir = SyntheticSeries();
        var table = Path.Combine(TestPaths.TempDir(), "temperatures.csv");
        // in kelvin and in another order than the files: matched by name
        File.WriteAllLines(table, ["file,T (K)", .. Celsius.Reverse().Select(t => string.Create(CultureInfo.InvariantCulture, $"T{t:000}.csv,{t + 273.15:R}"))]);
        var outDir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("eis", "arrhenius", dir, "-T", table, "-c", "R0-p(R1,CPE1)-CPE2", "--thickness", "500 um", "--area", "0.785 cm2", "--out", outDir, "-q");
        Assert.True(code == 0, stdout + stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "arrhenius.json")));
        Assert.InRange(json.RootElement.GetProperty("arrhenius").GetProperty("ea_ev").GetDouble(), Ea - 0.001, Ea + 0.001);

        // a file the table does not list is refused naming it and the table
        File.WriteAllLines(table, ["file,T (degC)", "T025.csv,25", "T040.csv,40"]);
        var missing = Run("eis", "arrhenius", dir, "-T", table, "-c", "R0-p(R1,CPE1)-CPE2", "--thickness", "500 um", "--area", "0.785 cm2");
        Assert.Equal(1, missing.code);
        Assert.Contains("T060.csv is not in the temperature table", Assert.Single(missing.stderr.TrimEnd().Split('\n')));
        Assert.Contains("temperatures.csv", missing.stderr);
    }

    [Fact]
    public void TheFittingOptionsReachEverySpectrumOfTheSeries()
    {
        var dir = SyntheticSeries();
        var outDir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("eis", "arrhenius", dir, "-T", string.Join(',', Celsius), "-c", "R0-p(R1,CPE1)-CPE2",
            "--fixed", "R0=100", "--fmin", "1 Hz", "--thickness", "500 um", "--area", "0.785 cm2", "--out", outDir, "-q");
        Assert.True(code == 0, stdout + stderr);
        var rows = File.ReadAllLines(Path.Combine(outDir, "conductivity.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(100.0, D(r[3])));
        Assert.All(rows, r => Assert.Equal("", r[4])); // a fixed value has no standard error
        Assert.Contains("(no unit) read as °C", stdout);
    }

    [Fact]
    public void TemperaturesMustMatchTheFilesOneForOne()
    {
        var dir = SyntheticSeries();
        var (code, stdout, stderr) = Run("eis", "arrhenius", Path.Combine(dir, "T*.csv"), "-T", "25,40 degC",
            "-c", "R0-p(R1,CPE1)-CPE2", "--thickness", "500 um", "--area", "0.785 cm2");
        Assert.Equal(1, code);
        Assert.Contains("2 temperatures for 5 files", Assert.Single(stderr.TrimEnd().Split('\n')));
        Assert.Equal("", stdout);
        // spectra without their temperatures are a usage error
        Assert.Equal(2, Run("eis", "arrhenius", Path.Combine(dir, "T025.csv"), Path.Combine(dir, "T060.csv")).code);
    }

    /// <summary>
    /// A folder of repeated measurements (noisy copies of a two-arc spectrum): fitted as a warm-started series, most rows are
    /// warm, and every row's χ² is at most that of the same file fitted from the automatic guess (--no-warm-start), whose
    /// rows are all cold.
    /// </summary>
    [Fact]
    public void AFolderOfRepeatedMeasurementsIsFittedWarmAndNoWorseThanCold()
    {
        var c = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)");
        var f = Enumerable.Range(0, 50).Select(i => 1e5 * Math.Pow(1e-6, i / 49.0)).ToArray();
        var z = c.Evaluate(f, [5, 40, 2e-6, 0.9, 120, 1e-3, 0.8]);
        var rng = new Random(12);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var input = TestPaths.TempDir();
        for (int k = 0; k < 24; k++)
            File.WriteAllLines(Path.Combine(input, $"m{k:D2}.csv"), ["f,Zre,Zim", .. f.Select((x, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{x:R},{z[i].Real * (1 + 0.005 * G()):R},{z[i].Imaginary * (1 + 0.005 * G()):R}"))]);
        var warmDir = TestPaths.TempDir();
        var coldDir = TestPaths.TempDir();
        var warm = Run("eis", "fit", input, "-c", c.Text, "--out", warmDir, "--overwrite", "-q");
        var cold = Run("eis", "fit", input, "-c", c.Text, "--out", coldDir, "--overwrite", "-q", "--no-warm-start");
        Assert.True(warm.code == 0, warm.stderr);
        Assert.True(cold.code == 0, cold.stderr);
        var w = Table(Path.Combine(warmDir, "fits.csv"));
        var k0 = Table(Path.Combine(coldDir, "fits.csv"));
        Assert.Equal(24, w.Count);
        Assert.All(k0, r => Assert.Equal("cold", r["start"]));
        Assert.True(w.Count(r => r["start"] == "warm") >= 20, $"{w.Count(r => r["start"] == "warm")} of 24 rows warm");
        for (int k = 0; k < w.Count; k++)
        {
            Assert.Equal(k0[k]["file"], w[k]["file"]);
            Assert.True(D(w[k]["chi_square"]) <= D(k0[k]["chi_square"]) * (1 + 1e-6), $"{w[k]["file"]}: χ² {w[k]["chi_square"]} warm, {k0[k]["chi_square"]} cold");
        }
        Assert.Contains("(a warm start, start = warm in fits.csv)", File.ReadAllText(Path.Combine(warmDir, "report.html")));
    }
}
