using Interphase.Data;
using Interphase.Data.Analysis;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>
/// Maccor and Neware text exports of public projects (Fixtures/measured, see PROVENANCE.md there):
/// the layouts the readers once refused or misread. Expected values are read off the files' own text.
/// </summary>
public class TextExportTests
{
    const double MahC = 3.6;

    static string Fixture(string folder, string name) => Path.Combine(TestPaths.Fixtures, "measured", folder, name);

    /// <summary>Reads a fixture after checking that it is recognised as <paramref name="format"/>.</summary>
    static CyclingDataset Read(DataFormat format, string folder, string name)
    {
        var f = DataFile.Detect(Fixture(folder, name));
        Assert.Equal(format, f.Format);
        var d = DataFile.ReadCycling(f);
        Monotonic(d.TimeS);
        return d;
    }

    static void Monotonic(double[] t)
    {
        for (int i = 1; i < t.Length; i++)
            Assert.True(t[i] >= t[i - 1], $"time runs backwards at record {i + 1}: {t[i - 1]} s then {t[i]} s");
    }

    [Fact]
    public void MaccorKeyValueHeader_TestTimeInMinutesAndSignFromMd()
    {
        // 13 key/value and blank lines, the header "Rec Cycle P Cycle C Step TestTime …", a blank line;
        // TestTime runs 0 … 3809.841833 while DPT Time runs 5/11/2021 3:40:24 PM … 5/14/2021 7:10:13 AM
        var d = Read(DataFormat.MaccorText, "maccor", "maccor_002.txt");
        Assert.Equal(7446, d.Count);
        Close(3809.841833 * 60, d.TimeS[^1], 1e-9, "test time at the last record (s)");
        // the instrument's clock agrees: 2 d 15 h 29 min 49 s
        Close(2 * 86400 + 15 * 3600 + 29 * 60 + 49, d.TimeS[^1], 2e-5, "clock span (s)");
        Assert.Equal("53", d.Info.Header["channel"]);
        Assert.Equal("CW_MZ_SIMBA_CT.000", d.Info.Header["procedure"]);
        // Md D with a positive 'Current [A]' is a discharge
        Close(-0.00016037, d.Current[^1], 1e-9, "last current (A)");
        Close(1.3000, d.Voltage[^1], 1e-12, "last voltage (V)");
        Close(0.00225395 * 3600, d.DischargeCapacity[^1], 1e-9, "last capacity (C)");
        Assert.Contains(d.Info.Notes, n => n.Contains("'TestTime' read in min", StringComparison.Ordinal));
    }

    [Fact]
    public void MaccorFourTitleLines_MilliUnitsAndMillivoltsOfAVoltsColumn()
    {
        // "Today''s Date", blank, "Date of Test:", blank, then Rec# … TestTime as 0d hh:mm:ss, mAmps, mAmp-hr,
        // mWatt-hr, and 'Volts' holding 1300.0687 … 3801.9379 (mV: the last record's 2293.5947 mWh / 822.3335 mAh = 2.79 V)
        var d = Read(DataFormat.MaccorText, "maccor", "maccor_three.txt");
        Assert.Equal(4009, d.Count);
        Close(3 * 86400 + 18 * 3600 + 47 * 60 + 23.42, d.TimeS[^1], 1e-9, "last test time (s)");
        Close(1.3000687, d.Voltage.Min(), 1e-9, "lowest voltage (V)");
        Close(3.8019379, d.Voltage.Max(), 1e-9, "highest voltage (V)");
        Close(-0.8960098, d.Current[^1], 1e-9, "last current (A)");
        Close(822.3335 * MahC, d.DischargeCapacity[^1], 1e-9, "last capacity (C)");
        Close(2293.5947 * MahC, d.DischargeEnergy[^1], 1e-9, "last energy (J)");
        Assert.Contains(d.Info.Notes, n => n.Contains("millivolts", StringComparison.Ordinal));
    }

    [Fact]
    public void MaccorTruncatedLastRecord_IsRefusedNamingTheLine()
    {
        // the example ends in the middle of record 213 (9 of 28 fields)
        var path = Fixture("maccor", "maccor_two.txt");
        Assert.Equal(DataFormat.MaccorText, DataFile.Detect(path).Format);
        var e = Assert.Throws<InputException>(() => DataFile.ReadCycling(path));
        Assert.Equal(229, e.Location.Line);
        Assert.Contains("9 fields", e.Message);
    }

    [Fact]
    public void NewareCsv_TimeFromCumulativeTimeAndHalfCyclesSumTheirSteps()
    {
        // 'Time' restarts with each of the 32 steps (last value 01:27:00); 'Cumulative Time' ends at 144:02:18
        var d = Read(DataFormat.NewareExport, "neware", "neware_uio.csv");
        Assert.Equal(9065, d.Count);
        Assert.Equal(144 * 3600 + 2 * 60 + 18, d.TimeS[^1]);

        // the first discharge is three CC DChg steps (4.68031 + 0.28183 + 0.12414 mAh) with rests between,
        // from 12:00:00 to 36:38:56; the first charge one step of 4.24934 mAh ending at 53:59:27
        var seg = Segmentation.Of(d);
        var h = seg.HalfCycles;
        Assert.Equal(-1, h[0].Sign);
        Close((4.68031 + 0.28183 + 0.12414) * MahC, h[0].ChargeC, 1e-6, "first discharge (C)");
        Close(12 * 3600, h[0].StartS, 1e-9, "first discharge starts (s)");
        Close(36 * 3600 + 38 * 60 + 56, h[0].EndS, 1e-9, "first discharge ends (s)");
        Close(4.24934 * MahC, h[1].ChargeC, 1e-6, "first charge (C)");
        Close(53 * 3600 + 59 * 60 + 27, h[1].EndS, 1e-9, "first charge ends (s)");
        Close((4.06473 + 0.19820 + 0.10548) * MahC, h[2].ChargeC, 1e-6, "second discharge (C)");
    }

    [Fact]
    public void NewareNestedExport_ReadsTheRecordRowsOnly()
    {
        // cycle rows ("1,0.02256,0.33067,…"), step rows (",2,2,CC Chg,…") and record rows (",,1,00:00:00,00:00:00,…");
        // the records' 'Total Time' ends at 27:55:43; the cycle rows state each cycle's Chg. and DChg. Cap.(Ah)
        var d = Read(DataFormat.NewareExport, "neware", "nw_regular_export_ife_example.csv");
        Assert.Equal(9295, d.Count);
        Assert.Equal(27 * 3600 + 55 * 60 + 43, d.TimeS[^1]);
        var seg = Segmentation.Of(d, new SegmentationOptions { CycleStart = CycleStart.Charge });
        Assert.Equal(20, seg.CycleCount);
        var rows = new[] { (0.02256, 0.33067), (0.32780, 0.33172), (0.33180, 0.32663), (0.32704, 0.32125) };
        for (int c = 1; c <= rows.Length; c++)
        {
            var half = seg.OfCycle(c).ToList();
            Close(rows[c - 1].Item1 * 3600, half.Single(x => x.Sign > 0).ChargeC, 0, $"cycle {c} charge (C)", atol: 0.5e-5 * 3600);
            Close(rows[c - 1].Item2 * 3600, half.Single(x => x.Sign < 0).ChargeC, 0, $"cycle {c} discharge (C)", atol: 0.5e-5 * 3600);
        }
    }

    static string Write(string text)
    {
        var path = Path.Combine(TestPaths.TempDir(), "export.csv");
        File.WriteAllText(path, text.Replace("\r\n", "\n"));
        return path;
    }

    [Fact]
    public void NewareCsvWithStepTimeOnly_TakesTimeFromRealtime()
    {
        // no cumulative column: the step-relative 'Time' must not be the time axis
        var path = Write("""
            Record ID,Status,Time,Current(mA),Voltage(V),Realtime
            1,CC_Chg,00:00:00,1.0,3.50,2024-01-01 10:00:00
            2,CC_Chg,01:00:00,1.0,3.90,2024-01-01 11:00:00
            3,Rest,00:00:00,0.0,3.80,2024-01-01 11:00:10
            4,Rest,00:10:00,0.0,3.79,2024-01-01 11:10:10
            5,CC_DChg,00:00:00,-1.0,3.70,2024-01-01 11:10:20
            6,CC_DChg,01:00:00,-1.0,3.20,2024-01-01 12:10:20
            """);
        Assert.Equal(DataFormat.NewareExport, DataFile.Detect(path).Format);
        var d = DataFile.ReadCycling(path);
        Monotonic(d.TimeS);
        Assert.Equal(2 * 3600 + 10 * 60 + 20, d.TimeS[^1]);
    }

    [Fact]
    public void DelimitedTimeThatRestarts_FallsBackToTheDateOrIsRefused()
    {
        const string rows = """
            time,voltage,current,date
            0,3.5,0.001,2024-01-01 10:00:00
            3600,3.9,0.001,2024-01-01 11:00:00
            0,3.8,0,2024-01-01 11:00:10
            600,3.79,0,2024-01-01 11:10:10
            """;
        var d = DataFile.ReadCycling(Write(rows));
        Monotonic(d.TimeS);
        Assert.Equal(3600 + 610, d.TimeS[^1]);
        Assert.Contains(d.Info.Notes, n => n.Contains("runs backwards at line 4", StringComparison.Ordinal));

        var noDate = string.Join('\n', rows.Split('\n').Select(l => l[..l.LastIndexOf(',')]));
        var e = Assert.Throws<InputException>(() => DataFile.ReadCycling(Write(noDate)));
        Assert.Equal(4, e.Location.Line);
        Assert.Contains("cumulative time", e.Message);
    }
}
