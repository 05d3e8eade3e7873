using System.Globalization;
using System.IO.Compression;
using Interphase.Data;
using Interphase.Data.Arbin;

namespace Interphase.Tests.Data;

/// <summary>
/// Arbin .res files (Access/Jet 4 databases) of cellpy's test data, read by the hand-written Jet page
/// reader and compared row by row with mdbtools' export of the same tables (Fixtures/measured/arbin,
/// see PROVENANCE.md there). The files are stored gzip-compressed and unpacked to a temporary file.
/// </summary>
public class ArbinResTests
{
    static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "measured", "arbin", name);

    // one folder per test run (TestPaths deletes it at exit): the unpacked .res files are tens of MB
    static readonly Lazy<string> UnpackDir = new(TestPaths.TempDir);

    /// <summary>The .res file unpacked to a temporary folder (kept for the test run).</summary>
    internal static string Unpacked(string name)
    {
        var path = Path.Combine(UnpackDir.Value, name);
        if (!File.Exists(path))
        {
            var tmp = path + ".part";
            using (var gz = new GZipStream(File.OpenRead(Fixture(name + ".gz")), CompressionMode.Decompress))
            using (var o = File.Create(tmp)) gz.CopyTo(o);
            File.Move(tmp, path, true);
        }
        return path;
    }

    /// <summary>mdb-export's CSV of a table: column name → values per row ("" for a null).</summary>
    static (string[] Names, List<string[]> Rows) Export(string name)
    {
        using var r = new StreamReader(new GZipStream(File.OpenRead(Fixture(name)), CompressionMode.Decompress));
        var names = r.ReadLine()!.Split(',');
        var rows = new List<string[]>();
        for (var line = r.ReadLine(); line is not null; line = r.ReadLine()) rows.Add(line.Split(','));
        return (names, rows);
    }

    static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>mdb-export writes single-precision columns with 8 significant digits, double with 16–17.</summary>
    static void Near(double expected, double actual, double rtol, string what)
    {
        double tol = rtol * Math.Abs(expected) + 1e-300;
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, read {actual:R}");
    }

    [Theory]
    [InlineData("20160805_test001_45_cc_01.res", 10261)]
    [InlineData("aux_one_x_dx.res", 7235)]
    public void EveryRecordEqualsMdbToolsExport(string name, int records)
    {
        var path = Unpacked(name);
        var f = DataFile.Detect(path);
        Assert.Equal(DataFormat.ArbinRes, f.Format);
        Assert.Equal(DataKind.Cycling, f.Kind);
        var d = DataFile.ReadCycling(f);
        var (names, rows) = Export(Path.GetFileNameWithoutExtension(name) + ".Channel_Normal_Table.mdb-export.csv.gz");
        int Col(string n) => Array.IndexOf(names, n);
        Assert.Equal(records, rows.Count);
        Assert.Equal(rows.Count, d.Count);
        double t0 = D(rows[0][Col("Test_Time")]);
        Assert.True(t0 > 0, "the first record of these files is logged after the test started");
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            string at = $"{name} record {i + 1}";
            // the cumulative clock, from the first record (Step_Time restarts at every step)
            double t = D(row[Col("Test_Time")]);
            Assert.True(Math.Abs(t - t0 - d.TimeS[i]) <= 1e-15 * t + 1e-12, $"{at} time: expected {t - t0:R} s, read {d.TimeS[i]:R} s");
            Near(D(row[Col("Voltage")]), d.Voltage[i], 1e-7, $"{at} voltage");
            Near(D(row[Col("Current")]), d.Current[i], 1e-7, $"{at} current");
            Assert.Equal((int)D(row[Col("Cycle_Index")]), d.Cycle[i]);
            Assert.Equal((int)D(row[Col("Step_Index")]), d.StepIndex[i]);
            Near(D(row[Col("Charge_Capacity")]) * 3600, d.ChargeCapacity[i], 1e-14, $"{at} charge capacity");
            Near(D(row[Col("Discharge_Capacity")]) * 3600, d.DischargeCapacity[i], 1e-14, $"{at} discharge capacity");
            Near(D(row[Col("Charge_Energy")]) * 3600, d.ChargeEnergy[i], 1e-14, $"{at} charge energy");
            Near(D(row[Col("Discharge_Energy")]) * 3600, d.DischargeEnergy[i], 1e-14, $"{at} discharge energy");
            var current = D(row[Col("Current")]);
            Assert.Equal(current > 0 ? StepType.Charge : current < 0 ? StepType.Discharge : StepType.Rest, d.Step[i]);
        }
    }

    [Fact]
    public void CyclesFromTheCurrentMatchTheInstrumentsCounter()
    {
        // cellpy's golden for this file (tests/data/goldens/loader_arbin_res): 10 261 rows, start_datetime 42587.67804398148;
        // Cycle_Index runs 1 … 18. The analysis counts cycles from the current alone and finds the same 18.
        var m = Interphase.Data.Analysis.Measurement.Analyze(Unpacked("20160805_test001_45_cc_01.res"));
        Assert.Equal(Interphase.Data.Analysis.CellKind.Full, m.Kind);
        Assert.Equal(10261, m.Data!.Count);
        Assert.Equal(18, m.Data.Cycle.Max());
        Assert.Equal(18, m.Full!.Cycles.Count);
    }

    [Fact]
    public void HeaderComesFromGlobalTable()
    {
        var d = DataFile.ReadCycling(Unpacked("20160805_test001_45_cc_01.res"));
        // mdb-export of Global_Table: Test_Name "20160805_sic006_45_cc_01-01-003", Start_DateTime 42587.67804398148,
        // Schedule_File_Name "SiNODE\24h_rest_3cyc_C20_100cyc_c10_MR.sdu", MASS 0.00085283798 (g), Creator "hfa"
        Assert.Equal("20160805_sic006_45_cc_01-01-003", d.Info.Header["Test_Name"]);
        Assert.Equal(@"SiNODE\24h_rest_3cyc_C20_100cyc_c10_MR.sdu", d.Info.Technique);
        Assert.Equal("hfa", d.Info.Header["Creator"]);
        Assert.StartsWith("2016-08-05 16:16:23", d.Info.Header["Start_DateTime"]);
        Near(0.00085283798e-3, d.Info.FileActiveMassKg!.Value, 1e-7, "mass (kg)");
        Assert.Null(d.TemperatureC);
    }

    [Fact]
    public void TemperatureJoinsTheRecordsByDataPoint()
    {
        var d = DataFile.ReadCycling(Unpacked("aux_one_x_dx.res"));
        var (names, rows) = Export("aux_one_x_dx.Auxiliary_Table.mdb-export.csv.gz");
        int dp = Array.IndexOf(names, "Data_Point"), x = Array.IndexOf(names, "X");
        Assert.NotNull(d.TemperatureC);
        // one channel (Auxiliary_Index 0, Data_Type 1, unit C), one row per record, Data_Point 1 … 7235
        Assert.Equal(d.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i + 1, (int)D(rows[i][dp]));
            Near(D(rows[i][x]), d.TemperatureC![i], 1e-7, $"temperature of record {i + 1}");
        }
    }

    [Fact]
    public void DamagedFilesAreRefusedOnOneLineWithTheByte()
    {
        var good = File.ReadAllBytes(Unpacked("20160805_test001_45_cc_01.res"));
        var dir = TestPaths.TempDir();

        // truncated mid-page and at a page boundary
        foreach (var length in new[] { 100_000, 40 * JetDatabase.PageSize, 10_000 })
        {
            var p = Path.Combine(dir, $"cut{length}.res");
            File.WriteAllBytes(p, good[..length]);
            var e = Assert.Throws<InputException>(() => DataFile.ReadCycling(p));
            Assert.Contains("at byte", e.OneLine);
            Assert.DoesNotContain("\n", e.OneLine);
            Assert.StartsWith(p, e.OneLine);
        }

        // the catalogue's definition page overwritten: a page of the wrong type
        var bad = (byte[])good.Clone();
        bad[2 * JetDatabase.PageSize] = 0x07;
        var q = Path.Combine(dir, "catalogue.res");
        File.WriteAllBytes(q, bad);
        var ex = Assert.Throws<InputException>(() => DataFile.Detect(q));
        Assert.Contains($"at byte {2 * JetDatabase.PageSize}", ex.OneLine);

        // random bytes over every data page's row offsets: refused or read, never another exception
        var rnd = new Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            var b = (byte[])good.Clone();
            for (int k = 0; k < 20; k++) b[rnd.Next(3 * JetDatabase.PageSize, b.Length)] = (byte)rnd.Next(256);
            var r = Path.Combine(dir, $"random{trial}.res");
            File.WriteAllBytes(r, b);
            try { DataFile.ReadCycling(r); }
            catch (InputException e) { Assert.DoesNotContain("\n", e.OneLine); }
        }
    }

    [Fact]
    public void Jet4CompressedTextIsExpanded()
    {
        // The test files store their text as plain UCS-2; Jet 4's compressed form (FF FE, then one byte per
        // character, a zero byte switching to two-byte characters and back, as mdbtools documents it) is
        // checked on bytes written to that description: "Cell µ" then "Ω" (U+03A9) then "1".
        byte[] bytes = [0xFF, 0xFE, (byte)'C', (byte)'e', (byte)'l', (byte)'l', (byte)' ', 0xB5, 0x00, 0xA9, 0x03, 0x00, (byte)'1'];
        Assert.Equal("Cell \u00B5\u03A91", JetDatabase.DecodeText(bytes));
        Assert.Equal("Cell", JetDatabase.DecodeText("Cell"u8.ToArray().SelectMany(c => new byte[] { c, 0 }).ToArray()));
    }
}
