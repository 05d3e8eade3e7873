using System.Text.Json;
using Interphase.Cli;
using Interphase.Tests.Data;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Cli;

/// <summary>`interphase analyze` as a user meets it: outputs like a simulation's, one-line errors, nothing half-written.</summary>
public class AnalyzeCliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args) => Interphase.Tests.Cli.CliHarness.Run(args);

    static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    [SharedDataFact]
    public void FullCellWithMassAndArea()
    {
        var dir = TestPaths.TempDir();
        // units as users type them: two words, without quotes
        var (code, stdout, stderr) = Run("analyze", Arbin, "--mass", "7.1", "g", "--area", "40", "cm2", "--out", dir);
        Assert.True(code == 0, stderr);
        foreach (var f in new[] { "timeseries.csv", "cycles.csv", "dqdv.csv", "summary.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        Assert.Empty(Directory.GetDirectories(dir));
        var s = Summary(dir);
        Assert.Equal("full", s.GetProperty("kind").GetString());
        // one complete cycle of the two the record begins (decision 0080: cycles counted both)
        Assert.Equal(1, s.GetProperty("cycles").GetInt32());
        Assert.Equal(2, s.GetProperty("cycles_begun").GetInt32());
        Assert.Equal(7100, s.GetProperty("active_mass_mg").GetDouble(), 9);
        Assert.Equal(1.0729095 * 1000 / 7.1, s.GetProperty("last_cycle_discharge_capacity_mAh_g").GetDouble(), 3);
        Assert.Equal(100.035, s.GetProperty("mean_coulombic_efficiency_percent").GetDouble(), 2);
        Assert.Contains("discharge capacity ÷ charge capacity", s.GetProperty("conventions").GetProperty("coulombic_efficiency").GetString());
        var cycles = File.ReadAllLines(Path.Combine(dir, "cycles.csv"));
        // the full-cell simulation's columns come first, so that compare can overlay the two
        Assert.StartsWith("cycle,charge_capacity_mAh_g,discharge_capacity_mAh_g,charge_capacity_mAh_cm2,discharge_capacity_mAh_cm2,coulombic_efficiency_percent", cycles[0]);
        var row2 = cycles[2].Split(',');
        Assert.Equal(1.0729095 * 1000 / 40, double.Parse(row2[4], System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.Contains("mean coulombic efficiency", stdout);
        // cycle 1 begins before the file: labelled, without efficiency or retention
        var header = cycles[0].Split(',');
        var row1 = cycles[1].Split(',');
        Assert.Equal("begins_before_record", row1[Array.IndexOf(header, "partial")]);
        Assert.Equal("0", row1[Array.IndexOf(header, "complete")]);
        Assert.Equal("", row1[Array.IndexOf(header, "coulombic_efficiency_percent")]);
        Assert.Equal("", row1[Array.IndexOf(header, "retention_percent")]);
        Assert.Equal("", row2[Array.IndexOf(header, "partial")]);
        Assert.Equal(2, s.GetProperty("reference_cycle").GetInt32());
        Assert.Equal(1, s.GetProperty("partial_cycles")[0].GetProperty("cycle").GetInt32());
        Assert.Equal(100.035, s.GetProperty("rate_capability")[0].GetProperty("mean_coulombic_efficiency_percent").GetDouble(), 2);
    }

    static JsonElement FigureData(string dir, string titleStart)
    {
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        var m = System.Text.RegularExpressions.Regex.Match(html, "<script type=\"application/json\" id=\"interphase-figures\">(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(m.Success, "no figure data in the report");
        foreach (var f in JsonDocument.Parse(m.Groups[1].Value).RootElement.EnumerateArray())
            if (f.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!.StartsWith(titleStart))
                return f.GetProperty("data");
        throw new Xunit.Sdk.XunitException($"no figure '{titleStart}' in the report");
    }

    [SharedDataFact]
    public void ArbinVoltageCapacityPlotEndsAtTheCapacitiesOfCyclesCsv()
    {
        // was 163.9 mAh/g against 151.06: the first current after the rest inside cycle 2's charge was
        // integrated over the whole 300 s rest
        var dir = TestPaths.TempDir();
        var (code, _, stderr) = Run("analyze", Arbin, "--mass", "7.1 g", "--out", dir);
        Assert.True(code == 0, stderr);
        var cycles = File.ReadAllLines(Path.Combine(dir, "cycles.csv"));
        var header = cycles[0].Split(',');
        double csvMax = cycles.Skip(1).SelectMany(r => new[] { "charge_capacity_mAh_g", "discharge_capacity_mAh_g" }
            .Select(c => double.Parse(r.Split(',')[Array.IndexOf(header, c)], System.Globalization.CultureInfo.InvariantCulture))).Max();
        double plotMax = FigureData(dir, "Voltage against capacity").EnumerateArray()
            .SelectMany(t => t.GetProperty("x").EnumerateArray().Select(x => x.GetDouble())).Max();
        Close(csvMax, plotMax, 1e-5, "largest specific capacity of the voltage–capacity plot vs cycles.csv");
        Close(1.0729095 * 1000 / 7.1, csvMax, 1e-6, "largest specific capacity (cycle 2 discharge)");
    }

    [SharedDataTheory]
    [InlineData("neware/TestFile.nda", 2)]
    [InlineData("neware/new_nda_file.nda", 2)]
    [InlineData("arbin/arbin_example.csv", 2)]
    public void RetentionIsAgainstTheFirstCompleteCycle(string file, int reference)
    {
        // were 153 %, 10 733 % and 100 %: a partial first cycle was the reference when it had a discharge
        var dir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("analyze", Path.Combine(TestPaths.SharedData, file), "--out", dir);
        Assert.True(code == 0, stderr);
        var s = Summary(dir);
        Assert.Equal(reference, s.GetProperty("reference_cycle").GetInt32());
        Assert.InRange(s.GetProperty("capacity_retention_percent").GetDouble(), 0, 100);
        Assert.Contains($"vs cycle {reference})", stdout);
        Assert.DoesNotContain("NaN", stdout);
    }

    [SharedDataFact]
    public void ARecordWithoutACompleteCycleSaysNotApplicable()
    {
        // the Maccor file holds part of one discharge: the console printed "(NaN % retention)"
        var dir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("analyze", Maccor, "--out", dir);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("NaN", stdout);
        Assert.Contains("retention n/a (no complete cycle)", stdout);
        Assert.Contains("mean coulombic efficiency n/a", stdout);
        Assert.Contains("warning: no complete cycle", stdout);
        var s = Summary(dir);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("capacity_retention_percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("mean_coulombic_efficiency_percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("reference_cycle").ValueKind);
        Assert.Equal(["begins_before_record", "no_charge", "ends_after_record"],
            s.GetProperty("partial_cycles")[0].GetProperty("reasons").EnumerateArray().Select(x => x.GetString()));
        Assert.Contains("no complete cycle", s.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public void ANumberAndAUnitAfterAnOptionAreJoinedButAFileIsNot()
    {
        Assert.Equal(["analyze", "--mass", "1.4 mg", "f.mpt"], Interphase.Cli.QuantityArguments.Join(["analyze", "--mass", "1.4", "mg", "f.mpt"]));
        Assert.Equal(["analyze", "--area", "0.785 cm2"], Interphase.Cli.QuantityArguments.Join(["analyze", "--area", "0.785", "cm2"]));
        Assert.Equal(["analyze", "--mass", "1.4 mg", "x"], Interphase.Cli.QuantityArguments.Join(["analyze", "--mass", "1.4 mg", "x"]));
        Assert.Equal(["analyze", "--mass", "1.4", "--out", "d"], Interphase.Cli.QuantityArguments.Join(["analyze", "--mass", "1.4", "--out", "d"]));
        Assert.Equal(["analyze", "f.mpt", "--kind", "1", "full"], Interphase.Cli.QuantityArguments.Join(["analyze", "f.mpt", "--kind", "1", "full"]));
    }

    [Fact]
    public void SymmetricCellWritesTheSimulationsColumns()
    {
        // a measured plating/stripping record; the files must overlay with a simulation's
        var d = Synthetic.Build(Synthetic.Symmetric(20, 0.157e-3, 3600), 60, (t, s, q, i) => Math.Sign(i) * 0.03);
        var csv = Synthetic.WriteCsv(d, Path.Combine(TestPaths.TempDir(), "li-li.csv"));
        var dir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("analyze", csv, "--area", "0.785 cm2", "--out", dir);
        Assert.True(code == 0, stderr);
        var s = Summary(dir);
        Assert.Equal("symmetric", s.GetProperty("kind").GetString());
        Assert.False(s.GetProperty("short_circuit").GetBoolean());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("short_circuit_time_h").ValueKind);
        // the record begins 10 cycles, 9 of them complete (decision 0080: cycles counted all 10)
        Assert.Equal(9, s.GetProperty("cycles").GetInt32());
        Assert.Equal(10, s.GetProperty("cycles_begun").GetInt32());
        Assert.Equal(30, s.GetProperty("mean_overpotential_mV").GetDouble(), 0.02); // the first record comes from a rest at 0 V
        Assert.Equal(0.785, s.GetProperty("area_cm2").GetDouble(), 9);
        Assert.Equal(["cycle", "current_density_mA_cm2", "mean_abs_overpotential_mV", "max_abs_overpotential_mV", "mean_abs_interfacial_overpotential_mV", "start_h", "end_h", "plated_mAh_cm2", "stripped_mAh_cm2"],
            File.ReadLines(Path.Combine(dir, "cycles.csv")).First().Split(',')[..9]);
        Assert.Equal(["time_h", "current_density_mA_cm2", "voltage_V", "cycle"], File.ReadLines(Path.Combine(dir, "timeseries.csv")).First().Split(',')[..4]);
        var row = File.ReadLines(Path.Combine(dir, "cycles.csv")).Skip(1).First().Split(',');
        Assert.Equal(0.2, double.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Equal(0.2, double.Parse(row[7], System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Contains("no short circuit", stdout);
    }

    [SharedDataFact]
    public void AnAnalysisReadsBackToTheSameCycles()
    {
        // round trip: the timeseries.csv an analysis writes is itself a readable measurement
        var a = TestPaths.TempDir();
        Assert.Equal(0, Run("analyze", BioLogic("gcpl.issue_149.mpt"), "--kind", "full", "--out", a).code);
        var b = TestPaths.TempDir();
        var (code, _, stderr) = Run("analyze", Path.Combine(a, "timeseries.csv"), "--kind", "full", "--out", b);
        Assert.True(code == 0, stderr);
        var x = File.ReadAllLines(Path.Combine(a, "cycles.csv"));
        var y = File.ReadAllLines(Path.Combine(b, "cycles.csv"));
        Assert.Equal(x.Length, y.Length);
        var header = x[0].Split(',');
        foreach (var name in new[] { "charge_mAh", "discharge_mAh", "mean_discharge_voltage_V" })
        {
            int c = Array.IndexOf(header, name);
            for (int r = 1; r < x.Length; r++)
                Close(double.Parse(x[r].Split(',')[c], System.Globalization.CultureInfo.InvariantCulture),
                    double.Parse(y[r].Split(',')[c], System.Globalization.CultureInfo.InvariantCulture), 1e-6, $"row {r} {name}");
        }
    }

    [SharedDataFact]
    public void AnImpedanceFitsUnidentifiedResistanceIsAWarningOnTheConsoleAsInSummaryJson()
    {
        // Gamry's example spectrum has no high-frequency intercept: R0 comes out as 4.2E-08 ohm, a value the data do
        // not determine. summary.json says so in the sweep's warnings; the console must too, not print R0 bare.
        var dir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("analyze", Eis("exampleDataGamry.DTA"), "--out", dir);
        Assert.True(code == 0, stderr);
        var inJson = Summary(dir).GetProperty("impedance")[0].GetProperty("warnings").EnumerateArray()
            .Select(w => w.GetString()!).Where(w => w.StartsWith("not identifiable")).ToList();
        Assert.Single(inJson);
        Assert.Contains($"warning: sweep 1: {inJson[0]}", stdout);
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["analyze", "nope.mpt"], "nope.mpt: file not found" },
        { ["analyze", BioLogic("gcpl.issue_149.mpt"), "--mass", "1.4 mA"], "--mass: '1.4 mA' is a current, but a mass was expected" },
        { ["analyze", Arbin, "--column", "current"], "expected QUANTITY=COLUMN" },
        { ["analyze", Arbin, "--column", "current=Amps"], "the header has no column 'Amps'" },
        { ["analyze", Eis("exampleDataGamry.DTA"), "--kind", "full"], "this is an impedance file" },
    };

    [SharedDataTheory]
    [MemberData(nameof(BadInputs))]
    public void MistakesGiveOneLineAndNoOutput(string[] args, string expected)
    {
        var dir = Path.Combine(TestPaths.TempDir(), "out");
        var (code, _, stderr) = Run([.. args, "--out", dir]);
        Assert.Equal(1, code);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", stderr);
        Assert.False(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any());
    }

    [SharedDataFact]
    public void ATruncatedFileNamesItsLineAndLeavesNothing()
    {
        var bytes = File.ReadAllBytes(BioLogic("bcd.issue_241.mpt"));
        var cut = Path.Combine(TestPaths.TempDir(), "bcd.mpt");
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var dir = Path.Combine(TestPaths.TempDir(), "out");
        var (code, _, stderr) = Run("analyze", cut, "--out", dir);
        Assert.Equal(1, code);
        Assert.Matches(@"^error: .*bcd\.mpt:\d+(:\d+)?: .*truncated", stderr.Trim());
        Assert.False(Directory.Exists(dir) && Directory.EnumerateFiles(dir).Any());
    }
}
