using System.Text.Json;
using Interphase.Cli;

namespace Interphase.Tests.Cli;

/// <summary>`interphase simulate CELL --ensemble N [--seed S]`: outputs, reproducibility and its mistakes.</summary>
public sealed class EnsembleCliTests
{
    // 0.2 mA/cm2 stays below the onset of A-bare's cracks (0.5 mA/cm2 at the median flaw) even for the large flaws an
    // ensemble draws, so no realisation shorts and time_to_short is undefined for all
    static string CellFile(string dir, string distributions)
    {
        var cell = Path.Combine(dir, "cell.yaml");
        File.WriteAllText(cell, File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml")).Replace("protocol_file: A-symmetric.protocol", "") +
            "\nprotocol:\n  - \"Repeat 3 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h\"\n" +
            (distributions.Length > 0 ? "distributions:\n" + distributions : ""));
        return cell;
    }

    const string Spread = "  stack_pressure: normal(5 MPa, 1 MPa)\n  layers.2.thickness: uniform(250 um, 350 um)\n";

    [Fact]
    public void AnEnsembleWritesItsTableSummaryAndReport()
    {
        var dir = TestPaths.TempDir();
        var cell = CellFile(dir, Spread);
        var run = CliHarness.Run("simulate", cell, "--ensemble", "8", "--seed", "12", "--out", Path.Combine(dir, "a"), "--quiet", "--library", TestPaths.Library);
        Assert.True(run.code == 0, run.stderr);
        Assert.Contains("ensemble of 8 realisations, seed 12", run.stdout);
        var files = Directory.GetFiles(Path.Combine(dir, "a")).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(["ensemble.csv", "report.html", "summary.json"], files);
        var e = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "a", "summary.json"))).RootElement.GetProperty("ensemble");
        Assert.Equal(8, e.GetProperty("n").GetInt32());
        Assert.Equal(12, e.GetProperty("seed").GetInt32());
        Assert.Equal(0, e.GetProperty("short_circuits").GetInt32());
        var m = e.GetProperty("metrics").GetProperty("mean_overpotential_mV");
        Assert.True(m.GetProperty("p10").GetDouble() < m.GetProperty("median").GetDouble() && m.GetProperty("median").GetDouble() < m.GetProperty("p90").GetDouble());
        var t = e.GetProperty("metrics").GetProperty("time_to_short_h");
        Assert.Equal(JsonValueKind.Null, t.GetProperty("median").ValueKind);
        Assert.Equal(8, t.GetProperty("undefined").GetInt32());
        var csv = File.ReadAllLines(Path.Combine(dir, "a", "ensemble.csv"));
        Assert.Equal(9, csv.Length);
        Assert.StartsWith("realisation,seed,stack_pressure (MPa),layers.2.thickness (um),time_to_short_h,", csv[0]);
        Assert.DoesNotContain("NaN", File.ReadAllText(Path.Combine(dir, "a", "ensemble.csv")));

        // the same seed again: the same table; another seed: other draws
        Assert.Equal(0, CliHarness.Run("simulate", cell, "--ensemble", "8", "--seed", "12", "--out", Path.Combine(dir, "b"), "--quiet", "--library", TestPaths.Library).code);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "a", "ensemble.csv")), File.ReadAllText(Path.Combine(dir, "b", "ensemble.csv")));
        Assert.Equal(0, CliHarness.Run("simulate", cell, "--ensemble", "8", "--seed", "13", "--out", Path.Combine(dir, "c"), "--quiet", "--library", TestPaths.Library).code);
        Assert.NotEqual(File.ReadAllLines(Path.Combine(dir, "a", "ensemble.csv"))[1], File.ReadAllLines(Path.Combine(dir, "c", "ensemble.csv"))[1]);
    }

    [Fact]
    public void AnEnsembleWithoutDistributionsSaysItsRealisationsDifferInTheirDrawnFlaws()
    {
        // Li6PS5Cl has a Weibull flaw law: each realisation draws each electrode's largest flaw, so realisations of one
        // cell are not alike (Li | Li6PS5Cl at 50 MPa, 5 cycles at 0.2 mA/cm2, seed 3: 4 of 20 shorted). The warning
        // used to say "every realisation is the same" above that result.
        var dir = TestPaths.TempDir();
        var run = CliHarness.Run("simulate", CellFile(dir, ""), "--ensemble", "4", "--seed", "3", "--out", Path.Combine(dir, "a"), "--quiet", "--library", TestPaths.Library);
        Assert.True(run.code == 0, run.stderr);
        var warning = Assert.Single(run.stderr.Split('\n'), l => l.Contains("carries a distribution"));
        Assert.Contains("the realisations differ only in the largest surface flaw each electrode meets, drawn from the Weibull law of Li6PS5Cl", warning);
        Assert.DoesNotContain("every realisation is the same", run.stderr);
        // the report says it in words under "Distributions", where it drew a table with a header and no row
        var html = File.ReadAllText(Path.Combine(dir, "a", "report.html"));
        Assert.Contains("No quantity carries a distribution: the realisations differ only in the simulator", html);
    }

    [Fact]
    public void ADistributionsFileReplacesTheCellFilesEntries()
    {
        var dir = TestPaths.TempDir();
        var cell = CellFile(dir, Spread);
        var side = Path.Combine(dir, "spread.yaml");
        File.WriteAllText(side, "distributions:\n  stack_pressure: uniform(3 MPa, 4 MPa)\n  temperature: normal(25 degC, 2 K)\n");
        var run = CliHarness.Run("simulate", cell, "--ensemble", "5", "--seed", "1", "--distributions", side, "--out", Path.Combine(dir, "o"), "--quiet", "--library", TestPaths.Library);
        Assert.True(run.code == 0, run.stderr);
        var csv = File.ReadAllLines(Path.Combine(dir, "o", "ensemble.csv"));
        Assert.StartsWith("realisation,seed,layers.2.thickness (um),stack_pressure (MPa),temperature (degC),", csv[0]);
        Assert.All(csv.Skip(1), row => Assert.InRange(double.Parse(row.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture), 3, 4));
    }

    [Theory]
    [InlineData("0", "--ensemble takes the number of realisations, 1 or more; got 0")]
    [InlineData("-3", "--ensemble takes the number of realisations, 1 or more; got -3")]
    public void ANonPositiveEnsembleIsAUsageError(string n, string expected)
    {
        var dir = TestPaths.TempDir();
        var cell = CellFile(dir, Spread);
        var outDir = Path.Combine(dir, "o");
        var run = CliHarness.Run("simulate", cell, "--ensemble", n, "--out", outDir, "--quiet", "--library", TestPaths.Library);
        Assert.Equal(ExitCodes.UsageError, run.code);
        Assert.Equal($"error: {expected}", run.stderr.Split('\n')[0].TrimEnd());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ASeedWithoutAnEnsembleIsAUsageError()
    {
        var dir = TestPaths.TempDir();
        var run = CliHarness.Run("simulate", CellFile(dir, ""), "--seed", "4", "--quiet", "--library", TestPaths.Library);
        Assert.Equal(ExitCodes.UsageError, run.code);
        Assert.Contains("--seed is the seed of an ensemble", run.stderr);
    }

    [Theory]
    [InlineData("  stack_pressure: normal(5 MPa, -1 MPa)\n", "standard deviation")]
    [InlineData("  stack_pressure: gamma(5 MPa, 1 MPa)\n", "unknown distribution 'gamma'")]
    public void AMistakenDistributionIsAnInputErrorNamingItsLineAndNothingIsWritten(string distributions, string expected)
    {
        var dir = TestPaths.TempDir();
        var cell = CellFile(dir, distributions);
        var where = $"cell.yaml:{Array.FindIndex(File.ReadAllLines(cell), l => l.StartsWith("  stack_pressure:")) + 1}:19: ";
        var outDir = Path.Combine(dir, "o");
        var line = CliHarness.Run("simulate", cell, "--ensemble", "4", "--out", outDir, "--quiet", "--library", TestPaths.Library).OneLineError(ExitCodes.InputError);
        Assert.Contains(where, line);
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void ACellFileWithDistributionsStillRunsAsOneCell()
    {
        var dir = TestPaths.TempDir();
        var run = CliHarness.Run("simulate", CellFile(dir, Spread), "--out", Path.Combine(dir, "o"), "--quiet", "--library", TestPaths.Library);
        Assert.True(run.code == 0, run.stderr);
        Assert.True(File.Exists(Path.Combine(dir, "o", "timeseries.csv")));
    }
}
