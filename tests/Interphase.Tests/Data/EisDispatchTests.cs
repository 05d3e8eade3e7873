using System.Text.Json;
using Interphase.Cli;
using Interphase.Data;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>Impedance files are recognised by content and go to the EIS engine; `analyze` fits domain.md's circuit.</summary>
public class EisDispatchTests
{
    [SharedDataTheory]
    [InlineData("biologic", "peis.mpt", 32, 199998.0)]
    [InlineData("biologic", "peis.mpr", 32, 199998.0)]
    [InlineData("eis", "exampleDataBioLogic.mpt", 43, 1000.3201)]
    [InlineData("eis", "exampleDataGamry.DTA", 72, 200015.6)]
    [InlineData("eis", "exampleDataZPlot.z", 21, 300000.0)]
    [InlineData("eis", "exampleDataAutolab.txt", 41, 10000.0)]
    [InlineData("eis", "exampleData.csv", 66, double.NaN)]
    public void ImpedanceFilesAreRecognisedAndRead(string folder, string name, int points, double firstFrequency)
    {
        var path = Path.Combine(TestPaths.SharedData, folder, name);
        var f = DataFile.Detect(path);
        Assert.Equal(DataKind.Impedance, f.Kind);
        var s = Assert.Single(DataFile.ReadSpectra(f));
        Assert.Equal(points, s.Count);
        if (double.IsFinite(firstFrequency)) Close(firstFrequency, s.FrequenciesHz[0], 1e-5, $"{name} first frequency");
        Assert.Throws<InputException>(() => DataFile.ReadCycling(f));
    }

    [SharedDataFact]
    public void TheBinaryPeisFileGivesTheTextExportsSpectrum()
    {
        var a = Assert.Single(DataFile.ReadSpectra(DataFile.Detect(BioLogic("peis.mpr"))));
        var b = Assert.Single(DataFile.ReadSpectra(DataFile.Detect(BioLogic("peis.mpt"))));
        for (int i = 0; i < a.Count; i++)
        {
            Close(b.FrequenciesHz[i], a.FrequenciesHz[i], 1e-5, $"f[{i}]");
            Close(b.Impedance[i].Real, a.Impedance[i].Real, 1e-5, $"Z'[{i}]", 1e-8);
            Close(b.Impedance[i].Imaginary, a.Impedance[i].Imaginary, 1e-5, $"Z''[{i}]", 1e-8);
        }
    }

    [SharedDataTheory]
    [InlineData("exampleDataGamry.DTA", 825.8584, -1367.239)]
    [InlineData("exampleDataAutolab.txt", 0.01378586, 0.00719195)]
    [InlineData("exampleDataZPlot.z", 147.77, -11.335)]
    public void ProvenanceFirstImpedances(string name, double re, double im)
    {
        var s = Assert.Single(DataFile.ReadSpectra(DataFile.Detect(Eis(name))));
        Close(re, s.Impedance[0].Real, 1e-6, $"{name} Z'[0]");
        Close(im, s.Impedance[0].Imaginary, 1e-6, $"{name} Z''[0]");
    }

    [SharedDataFact]
    public void ProvenanceValuesOfTheBioLogicSpectrum()
    {
        var s = Assert.Single(DataFile.ReadSpectra(DataFile.Detect(Eis("exampleDataBioLogic.mpt"))));
        Close(0.0168955, s.FrequenciesHz[^1], 1e-5, "last frequency");
        Close(65.470886, s.Impedance[0].Real, 1e-6, "Z'[0]");
        Close(-0.38998979, s.Impedance[0].Imaginary, 1e-6, "Z''[0]");
    }

    static (int code, string stdout, string stderr) Run(params string[] args) => Interphase.Tests.Cli.CliHarness.Run(args);

    [SharedDataFact]
    public void AnalyzeFitsTheDomainCircuitWithKramersKronigAndDrt()
    {
        var dir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("analyze", Eis("exampleDataZPlot.z"), "--area", "1 cm2", "--out", dir);
        Assert.True(code == 0, stderr);
        foreach (var f in new[] { "eis_1.csv", "fit_1.json", "fit_1.csv", "kk_1.csv", "drt_1.csv", "summary.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal("eis", s.GetProperty("kind").GetString());
        Assert.Equal("R0-p(R1,CPE1)-p(R2,CPE2)-W1", s.GetProperty("circuit").GetString());
        var sweep = s.GetProperty("impedance")[0];
        double r0 = sweep.GetProperty("R_bulk_ohm").GetDouble(), r1 = sweep.GetProperty("R_interphase_ohm").GetDouble(), r2 = sweep.GetProperty("R_ct_ohm").GetDouble();
        // the arc spans from ~147 Ω to ~620 Ω on the real axis; R0 and R1 are not separable in these data (the EIS
        // engine says so), their sum is the high-frequency intercept, and all three add up to the low-frequency limit
        Assert.InRange(r0 + r1, 140, 160);
        Assert.InRange(r0 + r1 + r2, 600, 700);
        Assert.Contains(sweep.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("not identifiable"));
        Assert.Equal(r0 * 1.0, sweep.GetProperty("R_bulk_ohm_cm2").GetDouble(), 9);
        Assert.True(sweep.GetProperty("kk_passed").GetBoolean());
        Assert.Equal("frequency_Hz,z_real_ohm,z_imag_ohm,minus_z_imag_ohm,z_mod_ohm,phase_deg", File.ReadLines(Path.Combine(dir, "eis_1.csv")).First());
        Assert.Contains("Lin-KK consistent", stdout);
    }

    [SharedDataFact]
    public void ImpedanceMistakesAreOneLineErrors()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "out");
        var (code, _, stderr) = Run("analyze", Eis("exampleDataBioLogic_MissingFreq.mpt"), "--out", dir);
        Assert.Equal(1, code);
        Assert.Contains("exampleDataBioLogic_MissingFreq.mpt:61:", stderr);
        Assert.Contains("no 'freq/Hz' column", stderr);
        (code, _, stderr) = Run("analyze", Eis("exampleDataZPlot.z"), "--kind", "full", "--out", dir);
        Assert.Equal(1, code);
        Assert.Contains("this is an impedance file", stderr);
        (code, _, stderr) = Run("analyze", Arbin, "--kind", "eis", "--out", dir);
        Assert.Equal(1, code);
        Assert.Contains("not an impedance spectrum", stderr);
        Assert.False(Directory.Exists(dir));
    }
}
