using Interphase.Data;
using Interphase.Data.BioLogic;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>The BioLogic files of ../shared/data/biologic against the values PROVENANCE.md lists.</summary>
public class BioLogicReaderTests
{
    static double Max(IEnumerable<double> x) => x.Max();
    static double Min(IEnumerable<double> x) => x.Min();

    [SharedDataFact]
    public void GcplGermanExport_HeaderRowsColumnsLoopsAndCounters()
    {
        using (var f = MptFile.Open(BioLogic("gcpl.issue_149.mpt")))
        {
            Assert.Equal(81, f.HeaderLineCount);
            Assert.True(f.DecimalComma);
            Assert.Equal(29, f.Columns.Length);
            Assert.Equal([(0, 0, 32), (1, 33, 65), (2, 66, 98), (3, 99, 131)], f.Loops);
            Assert.Equal("GCPL", BioLogicTechniques.FromLongName(f.Technique));
        }
        var t = MptFile.ReadTable(BioLogic("gcpl.issue_149.mpt"));
        Assert.Equal(132, t.RowCount);
        Assert.Equal(0, Min(t["cycle number"]));
        Assert.Equal(3, Max(t["cycle number"]));
        Assert.Equal(0, Min(t["half cycle"]));
        Assert.Equal(7, Max(t["half cycle"]));
        Close(0.030, Max(t["<I>/mA"]), 1e-3, "largest current (mA)");
        Close(-0.030, Min(t["<I>/mA"]), 1e-3, "smallest current (mA)");
        Close(3.4138, Min(t["Ewe/V"]), 1e-4, "lowest Ewe");
        Close(3.4466, Max(t["Ewe/V"]), 1e-4, "highest Ewe");
        for (int c = 0; c <= 3; c++)
        {
            var rows = Enumerable.Range(0, t.RowCount).Where(i => t["cycle number"][i] == c).ToArray();
            Close(8.336e-5, rows.Max(i => t["Q charge/mA.h"][i]), 1e-3, $"cycle {c} max Q charge");
            Close(8.332e-5, rows.Max(i => t["Q discharge/mA.h"][i]), 1e-3, $"cycle {c} max Q discharge");
        }
    }

    [SharedDataFact]
    public void BcdExport_CrlfEcellAndCapacities()
    {
        var t = MptFile.ReadTable(BioLogic("bcd.issue_241.mpt"));
        Assert.Equal(2550, t.RowCount);
        Close(0.0099, Min(t["Ecell/V"]), 1e-2, "lowest Ecell");
        Close(1.0001, Max(t["Ecell/V"]), 1e-4, "highest Ecell");
        Close(0.57, Max(t["I/mA"]), 1e-2, "largest current");
        Close(-0.57, Min(t["I/mA"]), 1e-2, "smallest current");
        var c = t["cycle number"];
        Close(5.46461, Enumerable.Range(0, t.RowCount).Where(i => c[i] == 0).Max(i => t["Q discharge/mA.h"][i]), 1e-5, "cycle 0 discharge");
        Close(5.45211, Enumerable.Range(0, t.RowCount).Where(i => c[i] == 1).Max(i => t["Q charge/mA.h"][i]), 1e-5, "cycle 1 charge");

        var d = BioLogicReader.ReadMpt(BioLogic("bcd.issue_241.mpt"));
        Assert.Equal("76", d.Info.Header["header lines"]);
        Assert.Equal("5.452 mA.h", d.Info.Header["Battery capacity"]);
        Assert.Equal("BCD", d.Info.Technique);
    }

    [SharedDataFact]
    public void PeisExport_OneSpectrumWithCounterElectrodeColumns()
    {
        using (var f = MptFile.Open(BioLogic("peis.mpt"))) Assert.Equal(70, f.HeaderLineCount);
        var t = MptFile.ReadTable(BioLogic("peis.mpt"));
        Assert.Equal(32, t.RowCount);
        Close(1.00006, Min(t["freq/Hz"]), 1e-5, "lowest frequency");
        Close(199998, Max(t["freq/Hz"]), 1e-5, "highest frequency");
        Assert.True(t.Has("Re(Zce)/Ohm") && t.Has("<Ece>/V"));
        Assert.Equal(DataKind.Impedance, DataFile.Detect(BioLogic("peis.mpt")).Kind);
        Assert.Equal(DataKind.Impedance, DataFile.Detect(BioLogic("peis.mpr")).Kind);
    }

    [SharedDataFact]
    public void ModuloBat_EnglishAndGermanExportsGiveTheSameData()
    {
        using (var en = MptFile.Open(BioLogic("mb.issue_95.mpt")))
        using (var de = MptFile.Open(BioLogic("mb.issue_95.de.mpt")))
        {
            Assert.Equal(93, en.HeaderLineCount);
            Assert.Equal(94, de.HeaderLineCount);
            Assert.False(en.DecimalComma);
            Assert.True(de.DecimalComma);
        }
        var a = MptFile.ReadTable(BioLogic("mb.issue_95.mpt"));
        var b = MptFile.ReadTable(BioLogic("mb.issue_95.de.mpt"));
        Assert.Equal(33, a.RowCount);
        Assert.Equal(a.Names, b.Names);
        for (int k = 0; k < a.Names.Count; k++) Assert.Equal(a.Columns[k], b.Columns[k]);
        var h = a["half cycle"];
        var q = a["Q charge/discharge/mA.h"];
        Close(0.27782, Enumerable.Range(0, 33).Where(i => h[i] == 0).Max(i => q[i]), 1e-4, "half cycle 0 charge");
        Close(0.18051, -Enumerable.Range(0, 33).Where(i => h[i] == 1).Min(i => q[i]), 1e-4, "half cycle 1 discharge");
    }

    /// <summary>yadg's check: every column the .mpr holds equals the .mpt's (rtol 1e-5, atol 1e-8).</summary>
    [SharedDataTheory]
    [InlineData("gcpl.issue_149", 16)]
    [InlineData("bcd.issue_241", 13)]
    [InlineData("mb.issue_95", 21)]
    [InlineData("peis", 25)]
    public void MprColumnsEqualTheTextExport(string name, int expectedColumns)
    {
        var bin = MprFile.ReadTable(BioLogic(name + ".mpr"));
        var txt = MptFile.ReadTable(BioLogic(name + ".mpt"));
        Assert.Equal(expectedColumns, bin.Names.Count);
        Assert.Equal(txt.RowCount, bin.RowCount);
        foreach (var col in bin.Names)
        {
            Assert.True(txt.Has(col), $"{name}: the .mpt has no column '{col}' (mpt has {string.Join(", ", txt.Names)})");
            var x = bin[col];
            var y = txt[col];
            for (int i = 0; i < x.Length; i++)
                Assert.True(Math.Abs(x[i] - y[i]) <= 1e-8 + 1e-5 * Math.Abs(y[i]),
                    $"{name} column '{col}' row {i}: .mpr {x[i]:G9} vs .mpt {y[i]:G9}");
        }
    }

    [SharedDataFact]
    public void MprLoopsEqualTheTextExportsLoops()
    {
        using var bin = MprFile.Open(BioLogic("gcpl.issue_149.mpr"));
        bin.ReadChunks([0], (_, _, _) => { });
        using var txt = MptFile.Open(BioLogic("gcpl.issue_149.mpt"));
        Assert.Equal(txt.Loops, bin.Loops);
        Assert.Equal("GCPL", bin.Technique);
        Assert.Equal(11, bin.DataVersion);
    }

    [SharedDataFact]
    public void MprWithoutACurrentColumnDerivesItAsEcLabDoes()
    {
        // the GCPL .mpr stores no current; EC-Lab's <I>/mA is dq over the time since the previous point
        var fromBinary = BioLogicReader.ReadMpr(BioLogic("gcpl.issue_149.mpr"));
        var txt = MptFile.ReadTable(BioLogic("gcpl.issue_149.mpt"));
        var expected = txt["<I>/mA"];
        Assert.Contains(fromBinary.Info.Notes, n => n.Contains("dq/mA.h"));
        for (int i = 0; i < expected.Length; i++)
            Close(expected[i] * 1e-3, fromBinary.Current[i], 1e-4, $"current at row {i}", atol: 1e-10);
    }

    [SharedDataTheory]
    [InlineData("gcpl.issue_149")]
    [InlineData("bcd.issue_241")]
    [InlineData("mb.issue_95")]
    public void BinaryAndTextGiveTheSameDataset(string name)
    {
        var a = BioLogicReader.ReadMpr(BioLogic(name + ".mpr"));
        var b = BioLogicReader.ReadMpt(BioLogic(name + ".mpt"));
        Assert.Equal(b.Count, a.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Close(b.TimeS[i], a.TimeS[i], 1e-9, $"time {i}", 1e-6);
            Close(b.Voltage[i], a.Voltage[i], 1e-6, $"voltage {i}");
            Close(b.Current[i], a.Current[i], 1e-4, $"current {i}", 1e-10);
            Assert.Equal(b.Cycle[i], a.Cycle[i]);
            Assert.Equal(b.Step[i], a.Step[i]);
        }
    }
}
