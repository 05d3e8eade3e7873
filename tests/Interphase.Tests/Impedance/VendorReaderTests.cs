using System.Numerics;
using System.Text;
using System.Text.Json;
using Interphase.Data;
using Interphase.Data.Eis;

namespace Interphase.Tests.Impedance;

/// <summary>
/// Impedance exports of the instruments whose files impedance.py and pyimpspec publish as test data
/// (Fixtures/measured/eis/, provenance in Fixtures/measured/PROVENANCE.md). Expected values are those
/// the source projects' own tests assert (impedance.py's test_preprocessing.py: every point's f and Z)
/// or, for pyimpspec's files, its reference table data.json of the same spectrum.
/// </summary>
public sealed class VendorReaderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-eis-vendor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static string ImpedancePy(string name) => Path.Combine(TestPaths.Fixtures, "measured", "eis", "impedance.py", name);
    static string Pyimpspec(string name) => Path.Combine(TestPaths.Fixtures, "measured", "eis", "pyimpspec", name);

    string Write(string name, string content, Encoding? enc = null)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, enc ?? new UTF8Encoding(false));
        return path;
    }

    /// <summary>f and Z of point <paramref name="i"/> (negative: from the end) as the source's test states them (np.allclose: rtol 1e-5).</summary>
    static void Point(ImpedanceSpectrum s, int i, double f, double re, double im, double rtol = 1e-5)
    {
        int k = i < 0 ? s.Count + i : i;
        Assert.Equal(f, s.FrequenciesHz[k], rtol * f);
        Assert.Equal(re, s.Impedance[k].Real, rtol * Math.Abs(re) + 1e-8);
        Assert.Equal(im, s.Impedance[k].Imaginary, rtol * Math.Abs(im) + 1e-8);
    }

    static ImpedanceSpectrum ReadDetected(string path, string description)
    {
        var d = DataFile.Detect(path);
        Assert.Equal(DataKind.Impedance, d.Kind);
        Assert.Contains(description, d.Description);
        return Assert.Single(DataFile.ReadSpectra(d));
    }

    [Fact]
    public void ChInstrumentsText_MetadataLinesAboveTheColumnLine()
    {
        var s = ReadDetected(ImpedancePy("exampleDataCHInstruments.txt"), "CH Instruments");
        Assert.Equal("CH Instruments text", s.Format);
        Assert.Equal(73, s.Count);
        Point(s, 0, 9.961e+4, 9.891e+1, -2.748e+0);
        Point(s, 1, 8.252e+4, 9.912e+1, 1.603e+0);
        Point(s, -1, 1.000e-1, 5.685e+3, -1.586e+4);
        Assert.DoesNotContain(s.Notes, n => n.Contains("−Z''"));
    }

    [Fact]
    public void ParstatText_AGalvanostaticHoldOf781RowsBeforeTheSweep()
    {
        var s = ReadDetected(ImpedancePy("exampleDataParstat.txt"), "impedance");
        Assert.Equal(31, s.Count);
        Point(s, 0, 10000, -0.00049816, 1.75143480e-02);
        Point(s, 10, 1000, 0.01664307, -5.96813004e-06);
        Point(s, -1, 10, 0.02709465, -3.99791080e-03);
        Assert.Equal("skipped 781 row(s) at frequency 0 (lines 2–782): a hold or rest recorded before the sweep, not impedance", Assert.Single(s.Warnings));
    }

    [Fact]
    public void PowerSuiteText_ZimgColumnAndDoubledCarriageReturns()
    {
        var s = ReadDetected(ImpedancePy("exampleDataPowersuite.txt"), "impedance");
        Assert.Equal(30, s.Count);
        Point(s, 0, 0.1, 423929.46, -49014.063);
        Point(s, 28, 1120134.9, -1075.6649, -713.75358);
        Point(s, -1, 2000000, -470.54113, -1397.7358);
    }

    [Fact]
    public void VersaStudioPar_TheImpedanceSegmentByItsDefinitionLine()
    {
        var s = ReadDetected(ImpedancePy("exampleDataVersaStudio.par"), "VersaStudio .par");
        Assert.Equal("VersaStudio .par", s.Format);
        Assert.Equal(61, s.Count);
        Point(s, 0, 100000, 55.31571, 4.575431);
        Point(s, 2, 59948.43, 58.32154, -0.03684627);
        Point(s, -1, 0.02154435, 1516.313, -122.8279);
    }

    [Fact]
    public void ZPlotWithoutComments_QuotedTitleAndColumnLine()
    {
        var s = ReadDetected(ImpedancePy("exampleDataZPlot_noComments.z"), "ZPlot");
        Assert.Equal(31, s.Count);
        Point(s, 0, 300000, 642.62, -85.821);
        Point(s, -1, 300, 1305.3, -195.01);
    }

    [Fact]
    public void ZPlot2Ascii_LongExperimentHeader()
    {
        // impedance.py's example notebook file; values read off the file's text (first and last rows)
        var s = ReadDetected(ImpedancePy("Circuit1_EIS_1.z"), "ZPlot");
        Assert.Equal(48, s.Count);
        Point(s, 0, 5.0e4, 29.036, 0.63662);
        Point(s, -1, 1.0, 75.803, -0.16244);
    }

    [Fact]
    public void GamryAbortedExperiment_StopsAtTheAbortAndIgnoresTheTableAfterIt()
    {
        // impedance.py asserts the aborted file gives exactly the complete file's 72 points
        var s = ReadDetected(ImpedancePy("exampleDataGamryABORT.DTA"), "Gamry");
        Assert.Equal(72, s.Count);
        Point(s, 0, 2.000156e+05, 825.8584, -1367.239);
        Point(s, -1, 1.588980e-02, 17007.49, -6635.557);
        Assert.Contains(s.Notes, n => n.Contains("aborted"));
    }

    /// <summary>pyimpspec's reference spectrum (data.json) that its .P00, .z and .dta files hold.</summary>
    static (double[] F, Complex[] Z) PyimpspecReference()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Pyimpspec("data.json")));
        double[] Col(string name) => doc.RootElement.GetProperty(name).EnumerateObject().OrderBy(p => int.Parse(p.Name)).Select(p => p.Value.GetDouble()).ToArray();
        var (f, re, im) = (Col("f (Hz)"), Col("Re(Z) (ohm)"), Col("Im(Z) (ohm)"));
        return (f, re.Select((r, i) => new Complex(r, im[i])).ToArray());
    }

    [Theory]
    // the precision each file writes its numbers with: .P00 four significant digits, .z seven, .dta all
    [InlineData("data.P00", "impedance", 5e-4)]
    [InlineData("data.z", "ZPlot", 1e-6)]
    [InlineData("data.dta", "Gamry", 1e-9)]
    public void PyimpspecFilesGiveItsReferenceSpectrum(string file, string description, double rtol)
    {
        var (f, z) = PyimpspecReference();
        var s = ReadDetected(Pyimpspec(file), description);
        Assert.Equal(29, s.Count);
        for (int i = 0; i < f.Length; i++) Point(s, i, f[i], z[i].Real, z[i].Imaginary, rtol);
        Assert.Empty(s.Warnings);
    }

    [Fact]
    public void AutolabP00_ARowCountThatDisagreesIsAWarning()
    {
        var lines = File.ReadAllLines(Pyimpspec("data.P00"), Encoding.Latin1).ToList();
        lines.RemoveAt(lines.Count - 1);
        var s = EisFile.Read(Write("short.P00", string.Join("\r\n", lines) + "\r\n", Encoding.Latin1));
        Assert.Equal(28, s.Count);
        Assert.Equal("line 6 announces 29 rows but 28 follow", Assert.Single(s.Warnings));
    }

    [Fact]
    public void ModulusAndPhaseTable_IsConvertedToZPrimeAndZDoublePrime()
    {
        // the CH Instruments file without its Z' and Z'' columns: Freq/Hz, Z/ohm, Phase/deg, as an analyser that
        // exports |Z| and the phase writes them (Zahner, Novocontrol's |Z| export, HP/Keysight)
        var chi = EisFile.Read(ImpedancePy("exampleDataCHInstruments.txt"));
        var rows = File.ReadAllLines(ImpedancePy("exampleDataCHInstruments.txt"))
            .SkipWhile(l => !l.StartsWith("Freq/Hz", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Trim().Length > 0).Select(l => l.Split(',')).Select(c => $"{c[0].Trim()}\t{c[3].Trim()}\t{c[4].Trim()}");
        var s = EisFile.Read(Write("polar.txt", "Frequency/Hz\tImpedance/Ohm\tPhase/deg\n" + string.Join("\n", rows) + "\n"));
        Assert.Equal(chi.Count, s.Count);
        Assert.Contains(s.Notes, n => n.Contains("|Z| cos φ"));
        for (int i = 0; i < s.Count; i++)
        {
            // |Z| has four digits, the phase 0.1°: the point lies within 5e-4 |Z| + 0.05° of Z' + jZ''
            double tol = chi.Impedance[i].Magnitude * (5e-4 + 0.05 * Math.PI / 180) + 1e-9;
            Assert.True(Complex.Abs(s.Impedance[i] - chi.Impedance[i]) <= tol, $"point {i + 1}: {s.Impedance[i]} vs {chi.Impedance[i]}");
        }
    }

    [Fact]
    public void ModulusAndMinusPhase_NovaStyleHeader()
    {
        var s = EisFile.Read(Write("nova.txt", "Index;Frequency (Hz);Z (Ω);-Phase (°);Time (s)\n1;1000;10;30;0.1\n2;100;20;45;0.2\n3;10;40;60;0.3\n", Encoding.UTF8));
        Assert.Equal(10 * Math.Cos(Math.PI / 6), s.Impedance[0].Real, 1e-12);
        Assert.Equal(-10 * Math.Sin(Math.PI / 6), s.Impedance[0].Imaginary, 1e-12);
        Assert.Equal(-40 * Math.Sin(Math.PI / 3), s.Impedance[2].Imaginary, 1e-12);
    }

    [Fact]
    public void PermittivityOnlyTableIsRefusedOnItsHeaderLine()
    {
        var path = Write("deta.txt", "Freq [Hz]\tEps'\tEps''\n1e6\t5.1\t0.3\n1e5\t5.4\t0.9\n1e4\t6.0\t2.1\n");
        var e = Assert.Throws<InputException>(() => EisFile.Read(path));
        Assert.StartsWith($"{path}:1: ", e.OneLine);
        Assert.Contains("permittivity", e.Message);
    }

    [Fact]
    public void ZahnerIsm_TheRunFromTheHighestToTheLowestFrequency()
    {
        // Zahner-Analysis-Python's example measurement (an RC test circuit, 75 points: 1049 Hz up to 100 kHz, then down to
        // 0.2 Hz). Expected values decoded from the bytes with Python's struct module in the layout of Zahner's IsmImport:
        // its getters return the 55 points from 100 kHz to 0.2 Hz, without the first 20 (measured twice)
        var path = Path.Combine(TestPaths.Fixtures, "measured", "eis", "zahner", "rc-data.ism");
        var s = ReadDetected(path, "Zahner .ism");
        Assert.Equal("Zahner .ism", s.Format);
        Assert.Equal(55, s.Count);
        Point(s, 0, 100000.0, 165.60710138014684, -10868.178381324426, 1e-12);
        Point(s, 1, 79624.0, 188.73074839677756, -13623.049106191398, 1e-12);
        Point(s, -1, 0.2, 99513834.0720253, -1933631.4253542447, 1e-12);
        Assert.Contains(s.Notes, n => n.Contains("the other 20 of the file's 75"));

        var bytes = File.ReadAllBytes(path);
        var cut = Write("cut.ism", "");
        File.WriteAllBytes(cut, bytes[..2000]);
        // too short for its arrays: no longer recognised as an .ism, and refused as an unknown binary file
        var e = Assert.Throws<InputException>(() => DataFile.Detect(cut));
        Assert.StartsWith($"{cut}: at byte ", e.OneLine);
    }

    public static TheoryData<string> VendorFiles => new(
        new[] { "impedance.py/exampleDataCHInstruments.txt", "impedance.py/exampleDataParstat.txt", "impedance.py/exampleDataPowersuite.txt",
            "impedance.py/exampleDataVersaStudio.par", "impedance.py/exampleDataZPlot_noComments.z", "impedance.py/Circuit1_EIS_1.z",
            "impedance.py/exampleDataGamryABORT.DTA", "pyimpspec/data.P00", "pyimpspec/data.z", "pyimpspec/data.dta", "zahner/rc-data.ism" }
        .Select(f => Path.Combine(TestPaths.Fixtures, "measured", "eis", f)));

    /// <summary>Cut and damaged copies of every vendor file: read, or refused on one line naming the file; no other exception.</summary>
    [Theory]
    [MemberData(nameof(VendorFiles))]
    public void CutAndDamagedVendorFilesAreReadOrRefusedOnOneLine(string path)
    {
        var original = File.ReadAllBytes(path);
        var rng = new Random(original.Length ^ 0x11);
        var copies = new List<byte[]>();
        foreach (var cut in new[] { 1, 12, 40, 200, original.Length / 3, original.Length / 2, original.Length - 5 }.Concat(Enumerable.Range(0, 10).Select(_ => rng.Next(1, original.Length))))
            if (cut > 0 && cut < original.Length) copies.Add(original[..cut]);
        for (int trial = 0; trial < 40; trial++)
        {
            var b = (byte[])original.Clone();
            const string alphabet = "0123456789.,;\t\n-eE xZ";
            for (int k = 0, flips = 1 + rng.Next(6); k < flips; k++) b[rng.Next(b.Length)] = (byte)alphabet[rng.Next(alphabet.Length)];
            copies.Add(b);
        }
        foreach (var bytes in copies)
        {
            var p = Path.Combine(_dir, Path.GetFileName(path));
            File.WriteAllBytes(p, bytes);
            try
            {
                var d = DataFile.Detect(p);
                if (d.Kind == DataKind.Impedance) DataFile.ReadSpectra(d); else DataFile.ReadCycling(d);
            }
            catch (InputException e)
            {
                Assert.StartsWith($"{p}", e.OneLine);
                Assert.DoesNotContain('\n', e.OneLine);
            }
        }
    }

    [Fact]
    public void DamagedVendorFilesNameTheLine()
    {
        var par = File.ReadAllText(ImpedancePy("exampleDataVersaStudio.par"));
        var cut = par[..par.IndexOf("</Segment1>", StringComparison.Ordinal)];
        var e = Assert.Throws<InputException>(() => EisFile.Read(Write("cut.par", cut)));
        Assert.Contains("truncated", e.Message);

        var broken = par.Replace(",59948.43,", ",59948.4x3,");
        int line = broken[..broken.IndexOf("4x3", StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var b = Assert.Throws<InputException>(() => EisFile.Read(Write("bad.par", broken)));
        Assert.Equal(line, b.Location.Line);
        Assert.Contains("'59948.4x3' is not a number (expected Frequency(Hz)", b.Message);

        var chi = File.ReadAllText(ImpedancePy("exampleDataCHInstruments.txt")).Replace("6.812e+4, 9.911e+1", "6.812e+4, 9.9q1e+1");
        var c = Assert.Throws<InputException>(() => EisFile.Read(Write("bad-chi.txt", chi)));
        Assert.Equal(21, c.Location.Line);
        Assert.Contains("'9.9q1e+1' is not a number", c.Message);

        // a ZPlot row names the field that is not a number and its column
        var z = File.ReadAllLines(ImpedancePy("exampleDataZPlot_noComments.z"));
        int row = Array.FindIndex(z, l => l.Contains("Z'(a)", StringComparison.Ordinal)) + 3;
        var fields = z[row].Split(',');
        fields[0] = "1.2x3E+02";
        z[row] = string.Join(',', fields);
        var d = Assert.Throws<InputException>(() => EisFile.Read(Write("bad.z", string.Join('\n', z))));
        Assert.Equal(row + 1, d.Location.Line);
        Assert.Contains("'1.2x3E+02' in column Freq(Hz) is not a number", d.Message);
    }
}
