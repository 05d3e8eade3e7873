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
    /// ids 217 and 474–497) that the reader used to refuse ("column ids 217 and 476 are unknown"). Every column the
    /// .mpr holds equals EC-Lab's own .mpt export of the same run (yadg's check: rtol 1e-5, atol 1e-8).
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
        foreach (var col in bin.Names)
        {
            Assert.True(txt.Has(col), $"{name}: the .mpt has no column '{col}'");
            var x = bin[col];
            var y = txt[col];
            for (int i = 0; i < x.Length; i++)
                Assert.True(Math.Abs(x[i] - y[i]) <= 1e-8 + 1e-5 * Math.Abs(y[i]), $"{name} '{col}' row {i}: .mpr {x[i]:G9} vs .mpt {y[i]:G9}");
        }
        // and the file goes to the impedance analysis: its sweeps read as the .mpt's
        var detected = DataFile.Detect(Measured("biologic", name + ".mpr"));
        Assert.Equal(DataKind.Impedance, detected.Kind);
        var spectra = DataFile.ReadSpectra(detected);
        var fromText = DataFile.ReadSpectra(DataFile.Detect(Measured("biologic", name + ".mpt")));
        Assert.Equal(fromText.Count, spectra.Count);
        Assert.Equal(fromText.Sum(s => s.Count), spectra.Sum(s => s.Count));
    }
}
