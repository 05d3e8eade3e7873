using System.Globalization;
using Interphase.Cli;

namespace Interphase.Tests.Cli;

/// <summary>
/// The console never shows NaN or Infinity: a quantity a run cannot give (no complete cycle, a retention
/// reference the run never reached, a file that begins inside a cycle) reads "n/a".
/// </summary>
public class ConsoleSummaryTests
{
    static string Case(string name) => Path.Combine(TestPaths.Cases, name + ".yaml");

    static void AssertNoNaN((int code, string stdout, string stderr) run)
    {
        Assert.True(run.code == 0, run.stderr);
        foreach (var text in new[] { run.stdout, run.stderr })
        {
            Assert.DoesNotContain("NaN", text);
            Assert.DoesNotContain("Infinity", text);
            Assert.DoesNotContain("∞", text);
        }
    }

    [Fact]
    public void ARunWithoutACompleteCycleHasNoMeanOverpotential()
    {
        var run = CliHarness.Run("simulate", Case("A-bare-Li-LPSCl"), "--step", "Rest for 1 h", "--quiet",
            "--out", TestPaths.TempDir(), "--library", TestPaths.Library);
        AssertNoNaN(run);
        Assert.Contains("mean overpotential n/a (interfacial, IR-free n/a)", run.stdout);
    }

    [Fact]
    public void TheSymmetricSummaryGivesTheIrFreeOverpotentialBesideTheCellVoltage()
    {
        // E's amalgam | LLTO cell at 5 mA/cm2: the cell's mean |V| is mostly LLTO's ohmic drop (about 2.3 V), while the
        // interfacial overpotential that domain.md E reports (about 10 mV) is the IR-free part; the console printed
        // only the first. The two must be the run's own cycles.csv means, not a second computation.
        var dir = TestPaths.TempDir();
        var run = CliHarness.Run("simulate", Case("E-amalgam-Li-LLTO"), "--quiet", "--out", dir, "--library", TestPaths.Library);
        AssertNoNaN(run);
        var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        double total = summary.GetProperty("mean_overpotential_mV").GetDouble();
        double irFree = summary.GetProperty("mean_interfacial_overpotential_mV").GetDouble();
        Assert.True(irFree < 0.1 * total, $"IR-free {irFree} mV against {total} mV");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"mean overpotential {total:F1} mV (interfacial, IR-free {irFree:F1} mV)"), run.stdout);
    }

    [Fact]
    public void ASoftShortWithoutAHardShortIsNamedOnTheConsole()
    {
        // Bare Li | 500 um LLZO | Li at 60 degC and 2 MPa, plated at 0.5 mA/cm2: the as-made garnet surface focuses
        // the plating, a filament starts in the first plating and bridges the separator at about 1.14 h, and the bridge
        // (about 216 ohm cm2) stands to the end of the run without becoming a hard short. The console used to say only
        // "no short circuit".
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "bare-llzo.yaml");
        File.WriteAllText(cell, """
            name: bare-llzo-60C
            kind: symmetric
            diameter: 10 mm
            temperature: 60 degC
            stack_pressure: 2 MPa
            layers:
              - {material: Li, thickness: 50 um}
              - {material: LLZO, thickness: 500 um}
              - {material: Li, thickness: 50 um}
            protocol: |
              Rest for 1 h
              Repeat 2 times: Plate 0.5 mAh/cm2 at 0.5 mA/cm2; Strip 0.5 mAh/cm2 at 0.5 mA/cm2
            """);
        var run = CliHarness.Run("simulate", cell, "--quiet", "--out", Path.Combine(dir, "out"), "--library", TestPaths.Library);
        AssertNoNaN(run);
        Assert.Contains("no hard short circuit", run.stdout);
        Assert.Contains("dendrite onset at 1.00 h (cycle 1, plating 0.5 mA/cm2 on electrode 1)", run.stdout);
        Assert.Contains("1 soft short (a filament bridged the separator", run.stdout);
        Assert.Matches(@"at 1\.1\d h \(cycle 1, from electrode 1, bridge 2\d\d ohm cm2\): still standing at the end of the run", run.stdout);
    }

    [Fact]
    public void AFullCellThatNeverReachesItsReferenceCycleHasNoRetention()
    {
        // B-LFP-bare-Li takes cycle 5 as the reference for the retention; one cycle never reaches it
        var run = CliHarness.Run("simulate", Case("B-LFP-bare-Li"), "--step", "Charge at 0.5C until 3.8 V", "--step", "Discharge at 0.5C until 2.5 V",
            "--quiet", "--out", TestPaths.TempDir(), "--library", TestPaths.Library);
        AssertNoNaN(run);
        Assert.Contains("retention n/a vs cycle 5", run.stdout);
    }

    [Fact]
    public void AMeasurementThatBeginsInsideACycleHasNoRetention()
    {
        // The instrument's discharge counter already stands at 0.5 mAh at the first record: the file begins
        // inside a discharge, so cycle 1 is partial and the only complete cycle (2) has no discharge.
        var rows = new List<string> { "t,U,I,Qc,Qd" };
        for (int i = 0; i <= 60; i++) rows.Add(Row(i / 60.0, 3.4 - 0.2 * i / 60.0, -1, 0, 0.5 + i / 60.0));
        for (int i = 1; i <= 60; i++) rows.Add(Row(1 + i / 60.0, 3.3 + 0.2 * i / 60.0, 1, i / 60.0, 0));
        var file = Path.Combine(TestPaths.TempDir(), "partial.csv");
        File.WriteAllLines(file, rows);
        var run = CliHarness.Run("analyze", file, "--kind", "full", "--out", TestPaths.TempDir(),
            "--column", "time=t[h]", "--column", "voltage=U[V]", "--column", "current=I[mA]",
            "--column", "charge_capacity=Qc[mAh]", "--column", "discharge_capacity=Qd[mAh]");
        AssertNoNaN(run);
        Assert.Contains("retention n/a (no complete cycle)", run.stdout);
    }

    static string Row(params double[] values) => string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(null)]
    public void WhatCannotBeComputedReadsNotAvailableWithoutItsUnit(double? value) =>
        Assert.Equal("n/a", ConsoleNumber.Show(value, "F1", "mV"));

    [Fact]
    public void AComputedValueIsShownAsComputed()
    {
        Assert.Equal("-2.8E+20 mV", ConsoleNumber.Show(-2.8e20, "G2", "mV")); // formatted, never clamped
        Assert.Equal("12.50", ConsoleNumber.Show(12.5, "F2"));
        Assert.Equal("0.0 %", ConsoleNumber.Show(0, "F1", "%"));
    }
}
