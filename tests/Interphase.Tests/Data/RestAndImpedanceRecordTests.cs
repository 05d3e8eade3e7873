using System.Text.Json;
using Interphase.Data.Analysis;
using Interphase.Data.Eis;
using Interphase.Tests.Cli;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>
/// BioLogic records without a charge or a discharge (yadg's public test files, Fixtures/measured):
/// a Modulo Bat of rests and impedance sweeps is analysed as its spectra, an OCV record as an
/// open-circuit trace. The .mpt exports are the oracle for the binary files.
/// </summary>
public class RestAndImpedanceRecordTests
{
    static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "measured", "biologic", name);

    [Theory]
    [InlineData("mb.issue_223.mpr")]
    [InlineData("mb.issue_223.mpt")]
    public void ModuloBatOfRestsAndSweeps_IsAnalysedAsItsSpectra(string name)
    {
        // 108 records: rests (Ns 0, 2, 4, 6, 8) and four PEIS sweeps of 19 points from 1000.3202 Hz to 1.0000639 Hz
        var m = Measurement.Analyze(Fixture(name));
        Assert.Equal(CellKind.Eis, m.Kind);
        Assert.Equal(Measurement.SweepsBetweenRests, m.KindReason);
        var e = m.Eis!;
        Assert.Equal(4, e.SweepsInFile);
        Assert.All(e.Sweeps, s => Assert.Equal(19, s.Spectrum.Count));
        var first = e.Sweeps[0].Spectrum;
        Close(1000.3202, first.FrequenciesHz[0], 1e-7, "first frequency (Hz)");
        Close(0.32711428, first.Impedance[0].Real, 1e-6, "first Re(Z) (Ω)");
        Close(-0.108958, first.Impedance[0].Imaginary, 1e-6, "first Im(Z) (Ω)");
        var last = e.Sweeps[3].Spectrum;
        Close(1.0000639, last.FrequenciesHz[^1], 1e-7, "last frequency (Hz)");
        Close(1.8837551, last.Impedance[^1].Real, 1e-6, "last Re(Z) (Ω)");
        Close(-1.1312399, last.Impedance[^1].Imaginary, 1e-6, "last Im(Z) (Ω)");
    }

    [Fact]
    public void KindEisTakesTheSweepsOfAModuloBatAndRefusesARecordWithout()
    {
        var m = Measurement.Analyze(Fixture("mb.issue_223.mpr"), new AnalysisOptions { Kind = CellKind.Eis });
        Assert.Equal(4, m.Eis!.SweepsInFile);
        var e = Assert.Throws<InputException>(() => Measurement.Analyze(Fixture("ocv.issue_149.mpr"), new AnalysisOptions { Kind = CellKind.Eis }));
        Assert.Contains("without impedance records", e.Message);
    }

    [Fact]
    public void ModuloBatMpr_StoresModulusAndPhase_GivesTheSpectraOfItsExport()
    {
        // what `eis fit FILE.mpr --sweep N` reads
        var mpr = EisFile.ReadAll(Fixture("mb.issue_223.mpr"));
        var mpt = EisFile.ReadAll(Fixture("mb.issue_223.mpt"));
        Assert.Equal(mpt.Count, mpr.Count);
        for (int k = 0; k < mpt.Count; k++)
            for (int i = 0; i < mpt[k].Count; i++)
            {
                Close(mpt[k].FrequenciesHz[i], mpr[k].FrequenciesHz[i], 1e-6, $"sweep {k + 1} f[{i}]");
                Close(mpt[k].Impedance[i].Real, mpr[k].Impedance[i].Real, 1e-5, $"sweep {k + 1} Re(Z)[{i}]");
                Close(mpt[k].Impedance[i].Imaginary, mpr[k].Impedance[i].Imaginary, 1e-5, $"sweep {k + 1} Im(Z)[{i}]");
            }
        Assert.Contains(mpr[0].Notes, n => n.Contains("Phase(Z)/deg", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ocv.issue_149.mpr")]
    [InlineData("ocv.issue_149.mpt")]
    public void OcvRecord_IsAnalysedAsAnOpenCircuitTrace(string name)
    {
        // 43 records, time/s 0.9999999747 … 609.8325976, <Ewe/V> 3.4206879 … 3.4408994 (German decimal commas in the .mpt)
        var m = Measurement.Analyze(Fixture(name));
        Assert.Equal(CellKind.OpenCircuit, m.Kind);
        var a = m.OpenCircuit!;
        Assert.Equal(43, a.Data.Count);
        Assert.All(a.Data.Current, i => Assert.Equal(0, i));
        Close(609.8325976441411 - 0.9999999747378752, a.DurationS, 1e-9, "duration (s)");
        Close(3.4206879, a.StartV, 1e-7, "OCV at the start (V)");
        Close(3.4408994, a.EndV, 1e-7, "OCV at the end (V)");
        Close(0.0202115, a.DriftV, 1e-5, "drift (V)");
        Close(0.0202115 / (608.8326 / 3600), a.DriftVPerHour!.Value, 1e-5, "drift per hour (V/h)");
    }

    [Fact]
    public void RestOnlyRecordWithACurrentColumn_IsAnOpenCircuitTraceToo()
    {
        var path = Path.Combine(TestPaths.TempDir(), "rest.csv");
        File.WriteAllText(path, "time/s,Ewe/V,I/mA\n0,3.000,0\n1800,3.004,0\n3600,3.010,0\n");
        var a = Measurement.Analyze(path).OpenCircuit!;
        Assert.Equal(3600, a.DurationS);
        Close(0.010, a.DriftV, 1e-9, "drift (V)");
        Close(0.010, a.DriftVPerHour!.Value, 1e-9, "drift per hour (V/h)");
    }

    [Fact]
    public void AnalyzeWritesTheOpenCircuitFilesAndRefusesACycleKind()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "ocv");
        var run = CliHarness.Run("analyze", Fixture("ocv.issue_149.mpr"), "--out", dir);
        Assert.True(run.code == 0, run.stderr);
        Assert.Contains("analysed as an open-circuit trace", run.stdout);
        Assert.Equal(["report.html", "summary.json", "timeseries.csv"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal("open_circuit", j.GetProperty("kind").GetString());
        Close(20.2115, j.GetProperty("ocv_drift_mV").GetDouble(), 1e-5, "summary drift (mV)");
        Assert.Equal(44, File.ReadAllLines(Path.Combine(dir, "timeseries.csv")).Length);

        var refused = CliHarness.Run("analyze", Fixture("ocv.issue_149.mpr"), "--kind", "full", "--out", Path.Combine(dir, "x")).OneLineError(1);
        Assert.Contains("no current flows", refused);
    }

    [Theory]
    [InlineData("ocv.issue_149.mpr", "open-circuit record")]
    [InlineData("mb.issue_223.mpt", "impedance file")]
    public void CompareRefusesRecordsWithoutCycles(string name, string expected)
    {
        // an impedance file used to end in a NullReferenceException (exit 3)
        var line = CliHarness.Run("compare", Fixture(name), Fixture(name), "--out", Path.Combine(TestPaths.TempDir(), "c")).OneLineError(1);
        Assert.Contains(expected, line);
    }
}
