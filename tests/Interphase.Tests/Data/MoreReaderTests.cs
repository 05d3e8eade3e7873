using Interphase.Data;
using Interphase.Data.BioLogic;

namespace Interphase.Tests.Data;

/// <summary>
/// Readers added for issue 11, item 1 (decision 0026), each on a real public file with the values that the
/// vendor's own export or another project's test asserts for that file (Fixtures/measured/PROVENANCE.md).
/// </summary>
public class MoreReaderTests
{
    static string Measured(string folder, string name) => Path.Combine(TestPaths.Fixtures, "measured", folder, name);

    /// <summary>
    /// PEIS and GEIS .mpr files of EC-Lab 11.4x store the impedance quality columns (THD, NSD, NSR, harmonics;
    /// ids 217 and 474–497) that the reader used to refuse ("column ids 217 and 476 are unknown"). Every other column
    /// the .mpr holds equals EC-Lab's own .mpt export of the same run (yadg's check: rtol 1e-5, atol 1e-8), the quality
    /// columns wherever the export has a value rather than its placeholder.
    /// </summary>
    [Theory]
    [InlineData("peis.issue_149")]
    [InlineData("geis.issue_149")]
    public void ImpedanceQualityColumnsEqualTheTextExport(string name)
    {
        var bin = MprFile.ReadTable(Measured("biologic", name + ".mpr"));
        var txt = MptFile.ReadTable(Measured("biologic", name + ".mpt"));
        Assert.Equal(84, bin.RowCount);
        Assert.Equal(txt.RowCount, bin.RowCount);
        Assert.Equal(35, bin.Names.Count);
        Assert.Contains("THD Ewe/%", bin.Names);
        Assert.Contains("|I h7|/A", bin.Names);
        // the 84 records of 148 bytes fill the data module exactly (a wrong width of any column would leave bytes over or short)
        using (var f = MprFile.Open(Measured("biologic", name + ".mpr")))
        {
            Assert.Equal(148, f.RecordSize);
            Assert.Empty(f.Notes);
        }
        int quality = 0;
        foreach (var col in bin.Names)
        {
            Assert.True(txt.Has(col), $"{name}: the .mpt has no column '{col}'");
            var x = bin[col];
            var y = txt[col];
            if (col.StartsWith("THD", StringComparison.Ordinal) || col.StartsWith("NSD", StringComparison.Ordinal) || col.StartsWith("NSR", StringComparison.Ordinal) || col.Contains(" h", StringComparison.Ordinal))
            {
                // EC-Lab's export writes a placeholder (-1 for THD, NSD, NSR; 0 for a harmonic) where it judges the indicator
                // invalid (the first points of the sweep here), which is why yadg's test skips these columns; the .mpr keeps
                // the computed value there. Every other point must equal the export's, and most points are such.
                quality++;
                double placeholder = col.Contains(" h", StringComparison.Ordinal) ? 0 : -1;
                int compared = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    Assert.True(double.IsFinite(x[i]) && x[i] >= 0, $"{name} '{col}' row {i}: {x[i]}");
                    if (y[i] == placeholder) continue;
                    compared++;
                    Assert.True(Math.Abs(x[i] - y[i]) <= 1e-8 + 1e-5 * Math.Abs(y[i]), $"{name} '{col}' row {i}: .mpr {x[i]:G9} vs .mpt {y[i]:G9}");
                }
                Assert.True(compared >= 70, $"{name} '{col}': only {compared} of {x.Length} points have a value in the export");
                continue;
            }
            for (int i = 0; i < x.Length; i++)
                Assert.True(Math.Abs(x[i] - y[i]) <= 1e-8 + 1e-5 * Math.Abs(y[i]), $"{name} '{col}' row {i}: .mpr {x[i]:G9} vs .mpt {y[i]:G9}");
        }
        Assert.Equal(18, quality);
        // and the file goes to the impedance analysis: its sweeps read as the .mpt's
        var detected = DataFile.Detect(Measured("biologic", name + ".mpr"));
        Assert.Equal(DataKind.Impedance, detected.Kind);
        var spectra = DataFile.ReadSpectra(detected);
        var fromText = DataFile.ReadSpectra(DataFile.Detect(Measured("biologic", name + ".mpt")));
        Assert.Equal(fromText.Count, spectra.Count);
        Assert.Equal(fromText.Sum(s => s.Count), spectra.Sum(s => s.Count));
    }

    const string ArbinXlsx = "bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx";

    /// <summary>
    /// The sheet's cells as the workbook stores them, read here independently of ExcelDataReader (the zip entry's
    /// XML through LINQ to XML): row number → column letter → the cell's stored value.
    /// </summary>
    static Dictionary<int, Dictionary<string, double>> SheetCells(string path, string entry)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        using var s = zip.GetEntry(entry)!.Open();
        var doc = System.Xml.Linq.XDocument.Load(s);
        System.Xml.Linq.XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var rows = new Dictionary<int, Dictionary<string, double>>();
        foreach (var row in doc.Descendants(ns + "row"))
        {
            int r = int.Parse(row.Attribute("r")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            var cells = new Dictionary<string, double>();
            foreach (var c in row.Elements(ns + "c"))
            {
                if (c.Attribute("t") is not null || c.Element(ns + "v") is not { } v) continue; // shared strings: the header
                var col = new string(c.Attribute("r")!.Value.TakeWhile(char.IsLetter).ToArray());
                cells[col] = double.Parse(v.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            rows[r] = cells;
        }
        return rows;
    }

    /// <summary>
    /// Arbin DataPro's .xlsx export (navani's example file): recognised by its content, 4526 records (the row count
    /// navani's own test asserts for it), and every record's time, voltage, current, counters, capacities and energies
    /// equal to the cells of sheet Channel_11_1 read independently from the workbook's XML (B Test_Time(s), D
    /// Step_Index, E Cycle_Index, F Voltage(V), G Current(A), H–K capacities (Ah) and energies (Wh)).
    /// </summary>
    [Fact]
    public void ArbinXlsxExportReadsEveryCellOfItsChannelSheet()
    {
        var path = Measured("arbin", ArbinXlsx);
        var f = DataFile.Detect(path);
        Assert.Equal(DataFormat.ArbinXlsx, f.Format);
        Assert.Equal(DataKind.Cycling, f.Kind);
        var d = DataFile.ReadCycling(f);
        Assert.Equal(4526, d.Count);
        Assert.Equal("Arbin .xlsx", d.Info.Format);
        Assert.Equal("bs542_004_gr_li_50ua_50mv_1v_191020", d.Info.Header["Test_Name"]);
        Assert.Equal("11", d.Info.Header["Channel"]);
        Assert.Equal(@"Ben\bs542_graphite_slow_rate.sdu", d.Info.Technique);
        Assert.StartsWith("2020-10-19 11:33:31", d.Info.Header["Start DateTime"]);

        var cells = SheetCells(path, "xl/worksheets/sheet2.xml");
        double t0 = cells[2]["B"];
        Assert.Equal(1.001, t0, 12);
        for (int i = 0; i < d.Count; i++)
        {
            var c = cells[i + 2];
            Assert.Equal(c["B"] - t0, d.TimeS[i]);
            Assert.Equal(c["F"], d.Voltage[i]);
            Assert.Equal(c["G"], d.Current[i]);
            Assert.Equal((int)c["D"], d.StepIndex[i]);
            Assert.Equal((int)c["E"], d.Cycle[i]);
            Assert.Equal(c["H"] * 3600, d.ChargeCapacity[i], 1e-12);
            Assert.Equal(c["I"] * 3600, d.DischargeCapacity[i], 1e-12);
            Assert.Equal(c["J"] * 3600, d.ChargeEnergy[i], 1e-12);
            Assert.Equal(c["K"] * 3600, d.DischargeEnergy[i], 1e-12);
            Assert.Equal(c["G"] > 0 ? StepType.Charge : c["G"] < 0 ? StepType.Discharge : StepType.Rest, d.Step[i]);
        }
        // the last record: 1 204 815.81068 s of test time, 334.7 h after the first
        Assert.Equal(1204815.8106799999 - 1.001, d.TimeS[^1], 6);
    }

    /// <summary>Another workbook (pyimpspec's impedance table) is not taken for an Arbin export, nor for a Neware .ndax: one line says what it is.</summary>
    [Fact]
    public void AWorkbookThatIsNotAnArbinExportIsRefusedOnOneLine()
    {
        var path = Path.Combine(TestPaths.Fixtures, "measured", "eis", "pyimpspec", "data.xlsx");
        var e = Assert.Throws<InputException>(() => DataFile.Detect(path));
        Assert.Contains("data.xlsx", e.OneLine);
        Assert.Contains("not an Arbin export", e.OneLine);
        Assert.DoesNotContain("\n", e.OneLine);
    }

    /// <summary>A cut or damaged workbook is refused on one line naming the file (no exception of the zip, XML or Excel readers escapes).</summary>
    [Fact]
    public void ADamagedArbinWorkbookIsRefusedOnOneLine()
    {
        var bytes = File.ReadAllBytes(Measured("arbin", ArbinXlsx));
        var dir = Directory.CreateTempSubdirectory("interphase-xlsx-").FullName;
        try
        {
            var rng = new Random(11);
            var cuts = new[] { 100, bytes.Length / 3, bytes.Length / 2, bytes.Length - 30 };
            int refused = 0;
            foreach (var cut in cuts)
            {
                var p = Path.Combine(dir, $"cut{cut}.xlsx");
                File.WriteAllBytes(p, bytes[..cut]);
                var e = Assert.Throws<InputException>(() => DataFile.ReadCycling(p));
                Assert.Contains($"cut{cut}.xlsx", e.OneLine);
                refused++;
            }
            for (int k = 0; k < 20; k++)
            {
                var b = (byte[])bytes.Clone();
                for (int n = 0; n < 8; n++) b[rng.Next(b.Length)] ^= (byte)(1 + rng.Next(255));
                var p = Path.Combine(dir, $"damaged{k}.xlsx");
                File.WriteAllBytes(p, b);
                try { DataFile.ReadCycling(p); }
                catch (InputException e) { Assert.Contains($"damaged{k}.xlsx", e.OneLine); refused++; }
            }
            Assert.True(refused >= cuts.Length);
        }
        finally { Directory.Delete(dir, true); }
    }

    static string Pyimpspec(string name) => Path.Combine(TestPaths.Fixtures, "measured", "eis", "pyimpspec", name);

    /// <summary>pyimpspec's reference table (data.json) of the spectrum that its test files hold in each instrument's format.</summary>
    static (double[] F, double[] Re, double[] Im) Reference()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Pyimpspec("data.json")));
        double[] Col(string name) => doc.RootElement.GetProperty(name).EnumerateObject().OrderBy(p => int.Parse(p.Name)).Select(p => p.Value.GetDouble()).ToArray();
        return (Col("f (Hz)"), Col("Re(Z) (ohm)"), Col("Im(Z) (ohm)"));
    }

    static void AssertReference(Interphase.Data.Eis.ImpedanceSpectrum s, double rtol)
    {
        var (f, re, im) = Reference();
        Assert.Equal(29, s.Count);
        for (int i = 0; i < f.Length; i++)
        {
            Assert.Equal(f[i], s.FrequenciesHz[i], rtol * f[i]);
            Assert.Equal(re[i], s.Impedance[i].Real, rtol * Math.Abs(re[i]) + 1e-8);
            Assert.Equal(im[i], s.Impedance[i].Imaginary, rtol * Math.Abs(im[i]) + 1e-8);
        }
    }

    /// <summary>
    /// Ivium's .idf and PalmSens' .pssession of pyimpspec's test spectrum: recognised by content (both start with bytes the
    /// text readers refused as "binary of an unknown kind") and equal to pyimpspec's reference table point by point, within
    /// the digits each file writes (.idf: six significant digits; .pssession: doubles). PalmSens stores −Z'', turned to Z''.
    /// </summary>
    [Theory]
    [InlineData("data.idf", "Ivium", 1e-5)]
    [InlineData("data.pssession", "PalmSens", 1e-9)]
    public void IviumAndPalmSensFilesGiveTheReferenceSpectrum(string file, string description, double rtol)
    {
        var d = DataFile.Detect(Pyimpspec(file));
        Assert.Equal(DataKind.Impedance, d.Kind);
        Assert.Contains(description, d.Description);
        AssertReference(Assert.Single(DataFile.ReadSpectra(d)), rtol);
    }

    /// <summary>An Ivium session (.ids) holds several measurements: each is a spectrum of its own (pyimpspec's file holds the reference twice).</summary>
    [Fact]
    public void IviumSessionGivesEachMeasurement()
    {
        var spectra = DataFile.ReadSpectra(DataFile.Detect(Pyimpspec("data.ids")));
        Assert.Equal(2, spectra.Count);
        foreach (var s in spectra) AssertReference(s, 1e-5);
        Assert.Contains(spectra[0].Notes, n => n.Contains("2 measurements"));
    }

    /// <summary>Cut or damaged Ivium and PalmSens files are refused on one line naming the file and the byte (or the JSON's line).</summary>
    [Theory]
    [InlineData("data.idf")]
    [InlineData("data.ids")]
    [InlineData("data.pssession")]
    public void DamagedIviumAndPalmSensFilesAreRefusedOnOneLine(string file)
    {
        var bytes = File.ReadAllBytes(Pyimpspec(file));
        var dir = Directory.CreateTempSubdirectory("interphase-eisbin-").FullName;
        try
        {
            var ext = Path.GetExtension(file);
            // cut inside the points (Ivium: after 'primary_data'; the rest of an .idf is settings) or the JSON
            int data = ext == ".pssession" ? bytes.Length / 2 : System.Text.Encoding.Latin1.GetString(bytes).IndexOf("primary_data", StringComparison.Ordinal);
            Assert.True(data > 0);
            foreach (var cut in new[] { data + 40, data + 501, data + 900 })
            {
                var p = Path.Combine(dir, $"cut{cut}{ext}");
                File.WriteAllBytes(p, bytes[..cut]);
                var e = Assert.Throws<InputException>(() => DataFile.ReadSpectra(DataFile.Detect(p)));
                Assert.Contains($"cut{cut}{ext}", e.OneLine);
                Assert.Matches("byte|line", e.OneLine);
            }
            var rng = new Random(7);
            for (int k = 0; k < 30; k++)
            {
                var b = (byte[])bytes.Clone();
                for (int n = 0; n < 4; n++) b[rng.Next(b.Length)] = (byte)rng.Next(256);
                var p = Path.Combine(dir, $"damaged{k}{ext}");
                File.WriteAllBytes(p, b);
                try { DataFile.ReadSpectra(DataFile.Detect(p)); }
                catch (InputException e) { Assert.Contains($"damaged{k}{ext}", e.OneLine); }
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>
    /// fuzz 2026-12-07: a workbook with 374 bytes deleted at 555 (pyimpspec's data.xlsx; the same with 359 bytes at 348166 of
    /// the Arbin export) has a zip directory that cannot be read; the zip reader disposes the stream it fails on, and the
    /// refusal then asked that stream its length (ObjectDisposedException) instead of naming the byte.
    /// </summary>
    [Theory]
    [InlineData("eis/pyimpspec/data.xlsx", 555, 374)]
    [InlineData("arbin/" + ArbinXlsx, 348166, 359)]
    public void AWorkbookWithADamagedZipDirectoryIsRefusedAtItsEnd(string file, int at, int length)
    {
        var b = File.ReadAllBytes(Path.Combine(TestPaths.Fixtures, "measured", file));
        var damaged = b[..at].Concat(b[(at + length)..]).ToArray();
        var p = Path.Combine(TestPaths.TempDir(), Path.GetFileName(file));
        File.WriteAllBytes(p, damaged);
        var e = Assert.Throws<InputException>(() => Interphase.Data.Analysis.Measurement.Analyze(p));
        Assert.Contains(Path.GetFileName(file), e.OneLine);
        Assert.Contains($"at byte {damaged.Length}", e.OneLine);
    }
}
