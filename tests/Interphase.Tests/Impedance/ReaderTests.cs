using System.Numerics;
using System.Text;
using Interphase.Data.Eis;

namespace Interphase.Tests.Impedance;

public sealed class ReaderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-eis-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string name, string content, Encoding? enc = null)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, enc ?? new UTF8Encoding(false));
        return path;
    }

    static void Point(ImpedanceSpectrum s, int i, double f, double re, double im)
    {
        Assert.Equal(f, s.FrequenciesHz[i], 1e-9 * f);
        Assert.Equal(re, s.Impedance[i].Real, 1e-9 * Math.Abs(re) + 1e-15);
        Assert.Equal(im, s.Impedance[i].Imaginary, 1e-9 * Math.Abs(im) + 1e-15);
    }

    // Values reported in ../shared/data/PROVENANCE.md (impedance.py's reader tests pin the same).
    [SharedDataFact]
    public void BioLogicMpt()
    {
        var s = EisFile.Read(SharedData.File("eis/exampleDataBioLogic.mpt"));
        Assert.Equal("BioLogic .mpt", s.Format);
        Assert.Equal(43, s.Count);
        Point(s, 0, 1000.3201, 65.470886, -0.38998979);
        Assert.Equal(0.0168955, s.FrequenciesHz[^1], 1e-7);
    }

    internal static string Measured(string name) => Path.Combine(TestPaths.Fixtures, "measured", "eis", name);

    [Fact]
    public void PotentiostatTableWithUnitSuffixedHeaders()
    {
        // 'Frequency (Hz)', 'Zre (ohms)', 'Zim (ohms)': Zim is Z'' with its sign (inductive above 7.9 kHz)
        var s = EisFile.Read(Measured("potential_zre_zim.txt"));
        Assert.Equal(21, s.Count);
        Point(s, 0, 100000, 4.826872826, 2.893992901);
        Point(s, 20, 1000, 5.663661957, -0.284101486);
        Assert.DoesNotContain(s.Notes, n => n.Contains("−Z''"));
        Assert.Empty(s.Warnings);
    }

    [Fact]
    public void VersaStudioLayout_TrailingTabsAndAHoldAtZeroHertzBeforeTheSweep()
    {
        var s = EisFile.Read(Measured("versastudio_hold_then_sweep.txt"));
        var real = EisFile.Read(Measured("potential_zre_zim.txt"));
        Assert.Equal(real.FrequenciesHz, s.FrequenciesHz);
        Assert.Equal(real.Impedance, s.Impedance);
        Assert.Equal("skipped 5 row(s) at frequency 0 (lines 2–6): a hold or rest recorded before the sweep, not impedance", Assert.Single(s.Warnings));
    }

    [SharedDataFact]
    public void BioLogicPeisWithCounterElectrodeColumns()
    {
        var s = EisFile.Read(SharedData.File("biologic/peis.mpt"));
        Assert.Equal(32, s.Count);
        Assert.Equal(199998, s.FrequenciesHz.Max(), 1.0);
        Assert.Equal(1.00006, s.FrequenciesHz.Min(), 1e-5);
    }

    [SharedDataFact]
    public void BioLogicGermanDecimalCommasGiveTheSameSpectrum()
    {
        var english = File.ReadAllText(SharedData.File("biologic/peis.mpt"), Encoding.Latin1);
        var lines = english.Split('\n');
        // German export: the same file with decimal commas in the data rows.
        var german = string.Join('\n', lines.Select((l, i) => i >= 70 ? l.Replace('.', ',') : l));
        var a = EisFile.Read(SharedData.File("biologic/peis.mpt"));
        var b = EisFile.Read(Write("peis.de.mpt", german, Encoding.Latin1));
        Assert.Contains(b.Notes, n => n.Contains("decimal commas"));
        Assert.Equal(a.FrequenciesHz, b.FrequenciesHz);
        Assert.Equal(a.Impedance, b.Impedance);
    }

    [SharedDataFact]
    public void BioLogicWithoutFrequencyColumnIsRefusedNamingIt()
    {
        var path = SharedData.File("eis/exampleDataBioLogic_MissingFreq.mpt");
        var e = Assert.Throws<InputException>(() => EisFile.Read(path));
        Assert.Contains("freq/Hz", e.Message);
        Assert.Equal(path, e.Location.File);
        Assert.Equal(61, e.Location.Line);
    }

    [SharedDataFact]
    public void BioLogicCyclingFileIsNotAnImpedanceFile()
    {
        var e = Assert.Throws<InputException>(() => EisFile.Read(SharedData.File("biologic/gcpl.issue_149.mpt")));
        Assert.Contains("freq/Hz", e.Message);
    }

    [SharedDataFact]
    public void GamryDta()
    {
        var s = EisFile.Read(SharedData.File("eis/exampleDataGamry.DTA"));
        Assert.Equal("Gamry .DTA", s.Format);
        Assert.Equal(72, s.Count);
        Point(s, 0, 200015.6, 825.8584, -1367.239);
    }

    [SharedDataFact]
    public void AutolabText()
    {
        var s = EisFile.Read(SharedData.File("eis/exampleDataAutolab.txt"));
        Assert.Equal(41, s.Count);
        Point(s, 0, 10000, 0.013785863964281, 0.007191946305823);
    }

    [SharedDataFact]
    public void ZPlot()
    {
        var s = EisFile.Read(SharedData.File("eis/exampleDataZPlot.z"));
        Assert.Equal("ZPlot .z", s.Format);
        Assert.Equal(21, s.Count);
        Point(s, 0, 300000, 147.77, -11.335);
    }

    [SharedDataFact]
    public void HeaderlessCsvKeepsSignedImaginaryPart()
    {
        var s = EisFile.Read(SharedData.File("eis/exampleData.csv"));
        Assert.Equal("CSV", s.Format);
        Assert.Equal(66, s.Count);
        Point(s, 0, 3.162299999999999833e-03, 4.949989776405060160e-02, -2.043869854441892481e-02);
        Assert.Empty(s.Notes);
    }

    [Fact]
    public void CsvWithMinusZImagHeaderIsNegated()
    {
        var s = EisFile.Read(Write("a.csv", "Frequency (Hz),Z' (Ohm),-Z'' (Ohm)\n1000,10,1\n100,12,5\n10,20,3\n"));
        Point(s, 1, 100, 12, -5);
        Assert.Contains(s.Notes, n => n.Contains("−Z''"));
    }

    [Fact]
    public void HeaderlessPositiveImaginaryColumnIsReadAsMinusZImag()
    {
        var s = EisFile.Read(Write("b.txt", "1000 10 1\n100 12 5\n10 20 3\n1 21 0.5\n"));
        Assert.Equal(-5, s.Impedance[1].Imaginary);
        Assert.Contains(s.Notes, n => n.Contains("mostly positive"));
    }

    [Fact]
    public void SemicolonCsvWithDecimalCommasAndSigma()
    {
        var s = EisFile.Read(Write("c.csv", "freq;Re(Z);Im(Z);sigma\n1000,5;10,25;-1,5;0,1\n100;12;-5;0,2\n10;20;-3;0,1\n"));
        Point(s, 0, 1000.5, 10.25, -1.5);
        Assert.Equal([0.1, 0.2, 0.1], s.Sigma!);
    }

    [Fact]
    public void MultipleSweepsAreSplit()
    {
        var all = EisFile.ReadAll(Write("d.csv", "1000,10,-1\n100,12,-5\n10,20,-3\n1000,11,-1\n100,13,-5\n10,21,-3\n"));
        Assert.Equal(2, all.Count);
        Assert.Equal(11, all[1].Impedance[0].Real);
        var e = Assert.Throws<InputException>(() => EisFile.Read(all[0].Source!, 2));
        Assert.Contains("2 sweeps", e.Message);
    }

    [Theory]
    [InlineData("f,Z',Z''\n1000,10,-1\n100,12,-5\n10,20\n", 4, "truncated")]
    [InlineData("f,Z',Z''\n1000,10,-1\n100,NaN,-5\n", 3, "non-finite")]
    [InlineData("f,Z',Z''\n1000,10,-1\n100,abc,-5\n", 3, "'abc' is not a number")]
    [InlineData("f,Z',Z''\n1000,10,-1\n0,12,-5\n", 3, "frequency must be positive")]
    // a bad row (first, later, or the first rows of a table without a header) is named, not taken for the header
    [InlineData("f,Z',Z''\n1000,10,-1\n500,11,-2\n200,12,-3\n100,13,-4\n50,14,-5\n30,abc,-6\n20,16,-7\n", 7, "'abc' is not a number (expected Z' in field 2)")]
    [InlineData("f,Z',Z''\n1000,abc,-1\n100,12,-5\n", 2, "'abc' is not a number (expected Z' in field 2)")]
    [InlineData("# cell 3\nfreq,Zre,Zim\nx1000,10,-1\n500,xx,-2\n200,12,-3\n", 3, "'x1000' is not a number (expected the frequency in field 1)")]
    [InlineData("1000,abc,-1\n100,12,-5\n10,20,-3\n", 1, "'abc' is not a number (expected Z' in field 2)")]
    [InlineData("time,Z',Z''\n1,10,-1\n2,12,-5\n", 1, "no frequency column")]
    [InlineData("hello\nworld\n", 1, "no numeric rows")]
    public void BadDelimitedFilesNameTheLine(string content, int line, string what)
    {
        var path = Write("bad.csv", content);
        var e = Assert.Throws<InputException>(() => EisFile.Read(path));
        Assert.Equal(line, e.Location.Line);
        Assert.Contains(what, e.Message);
        Assert.StartsWith($"{path}:{line}: ", e.OneLine);
    }

    [SharedDataFact]
    public void TruncatedInstrumentFilesAreReported()
    {
        var text = File.ReadAllText(SharedData.File("eis/exampleDataGamry.DTA"), Encoding.Latin1);
        var cut = text[..(text.IndexOf("\t10\t", text.IndexOf("ZCURVE", StringComparison.Ordinal), StringComparison.Ordinal) + 8)];
        var e = Assert.Throws<InputException>(() => EisFile.Read(Write("cut.DTA", cut, Encoding.Latin1)));
        Assert.Contains("truncated", e.Message);

        var mpt = File.ReadAllLines(SharedData.File("eis/exampleDataBioLogic.mpt"), Encoding.Latin1).Take(30);
        var m = Assert.Throws<InputException>(() => EisFile.Read(Write("cut.mpt", string.Join('\n', mpt), Encoding.Latin1)));
        Assert.Contains("61 header lines", m.Message);
    }

    [SharedDataFact]
    public void BinaryAndEmptyFilesAreRefused()
    {
        Assert.Contains("binary", Assert.Throws<InputException>(() => EisFile.Read(SharedData.File("neware/TestFile.nda"))).Message);
        Assert.Contains("empty", Assert.Throws<InputException>(() => EisFile.Read(Write("e.csv", ""))).Message);
        Assert.Contains("file not found", Assert.Throws<InputException>(() => EisFile.Read(Path.Combine(_dir, "missing.csv"))).Message);
        Assert.Contains("directory", Assert.Throws<InputException>(() => EisFile.Read(_dir)).Message);
    }

    [SharedDataFact]
    public void SpectrumFilters()
    {
        var s = EisFile.Read(SharedData.File("eis/exampleData.csv"));
        var capacitive = s.WithoutInductivePoints();
        Assert.True(capacitive.Count < s.Count);
        Assert.All(capacitive.Impedance, z => Assert.True(z.Imaginary <= 0));
        var band = s.InRange(0.1, 100);
        Assert.All(band.FrequenciesHz, f => Assert.InRange(f, 0.1, 100));
        Assert.Throws<InputException>(() => new ImpedanceSpectrum([1.0, -2.0], [Complex.One, Complex.One]));
    }
}
