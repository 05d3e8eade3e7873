using Interphase.Data;
using Interphase.Data.BioLogic;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>Truncated, damaged and random inputs: a reader either reads them or says what is wrong on one line.</summary>
public class ReaderRobustnessTests
{
    public static TheoryData<string> RealFiles => new()
    {
        BioLogic("gcpl.issue_149.mpt"), BioLogic("gcpl.issue_149.mpr"), BioLogic("bcd.issue_241.mpr"),
        BioLogic("mb.issue_95.de.mpt"), BioLogic("mb.issue_95.mpr"), BioLogic("peis.mpr"), BioLogic("peis.mpt"),
        Arbin, Maccor, Neware("new_nda_file.nda"), Neware("TestFile.nda"),
        Eis("exampleDataGamry.DTA"), Eis("exampleDataZPlot.z"), Eis("exampleDataAutolab.txt"), Eis("exampleData.csv"),
    };

    /// <summary>Reads a file the way `interphase analyze` does; returns null or the user-facing error.</summary>
    static InputException? TryRead(string path)
    {
        try
        {
            var f = DataFile.Detect(path);
            if (f.Kind == DataKind.Cycling) DataFile.ReadCycling(f);
            else DataFile.ReadSpectra(f);
            return null;
        }
        catch (InputException e)
        {
            return e;
        }
    }

    static string Copy(byte[] bytes, string name)
    {
        var p = Path.Combine(TestPaths.TempDir(), name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    /// <summary>The public files of Fixtures/measured (always present).</summary>
    public static TheoryData<string> FixtureFiles => new(
        new[] { "maccor/maccor_002.txt", "maccor/maccor_two.txt", "maccor/maccor_three.txt", "neware/neware_uio.csv", "neware/nw_regular_export_ife_example.csv",
            "biologic/mb.issue_223.mpr", "biologic/mb.issue_223.mpt", "biologic/ocv.issue_149.mpr", "biologic/ocv.issue_149.mpt",
            "eis/potential_zre_zim.txt", "eis/versastudio_hold_then_sweep.txt" }
        .Select(f => Path.Combine(TestPaths.Fixtures, "measured", f))
        .Concat(new[] { "nda_v8.nda", "nda_v22.nda", "nda_v23.nda", "nda_v26_first1000.nda", "ZZZZZZZZTEST.ndax", "scrubbed_ndc2.ndax" }.Select(f => Path.Combine(TestPaths.Fixtures, "neware", f))));

    [SharedDataTheory]
    [MemberData(nameof(RealFiles))]
    public void TruncatedFilesNeverCrashAndNameWhere(string path) => CutsNeverCrash(path);

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void TruncatedFixturesNeverCrashAndNameWhere(string path) => CutsNeverCrash(path);

    static void CutsNeverCrash(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var rng = new Random(path.Length);
        var cuts = new List<int> { 0, 1, 10, 52, 60, 200, bytes.Length / 3, bytes.Length / 2, bytes.Length - 7, bytes.Length - 1 };
        for (int k = 0; k < 10; k++) cuts.Add(rng.Next(bytes.Length));
        foreach (var cut in cuts.Where(c => c >= 0 && c < bytes.Length))
        {
            var p = Copy(bytes[..cut], Path.GetFileName(path));
            var e = TryRead(p);
            if (e is null) continue;
            Assert.Contains(Path.GetFileName(path), e.OneLine);
            Assert.DoesNotContain('\n', e.OneLine);
        }
    }

    [SharedDataFact]
    public void BinaryFilesCutInsideTheirRecordsAreRefusedWithTheByteOffset()
    {
        foreach (var name in new[] { "gcpl.issue_149.mpr", "bcd.issue_241.mpr", "mb.issue_95.mpr" })
        {
            var bytes = File.ReadAllBytes(BioLogic(name));
            var p = Copy(bytes[..(bytes.Length * 2 / 3)], name);
            var e = TryRead(p);
            Assert.NotNull(e);
            Assert.Matches(@"at byte \d+", e!.Message);
            Assert.Contains("truncated", e.Message);
        }
    }

    [SharedDataFact]
    public void NonFiniteVoltageInATextExportIsRefusedAtItsLine()
    {
        // bcd.issue_241.mpt: 76 header lines, the column names on line 76; records from line 77
        var lines = File.ReadAllText(BioLogic("bcd.issue_241.mpt"), System.Text.Encoding.Latin1).Split("\r\n");
        int v = Array.IndexOf(lines[75].Split('\t'), "Ecell/V");
        Assert.True(v >= 0);
        var row = lines[79].Split('\t');
        row[v] = "NaN";
        lines[79] = string.Join('\t', row);
        var e = TryRead(Copy(System.Text.Encoding.Latin1.GetBytes(string.Join("\r\n", lines)), "nan.mpt"));
        Assert.NotNull(e);
        Assert.Equal(80, e!.Location.Line);
        Assert.Contains("voltage is NaN", e.Message);
    }

    [SharedDataFact]
    public void NonFiniteValueInABinaryFileIsRefusedAtItsRecord()
    {
        var path = BioLogic("gcpl.issue_149.mpr");
        long at;
        using (var f = MprFile.Open(path))
        {
            int col = f.Names.ToList().IndexOf("Ewe/V");
            Assert.True(col >= 0 && f.Columns[col].Type == MprType.F4);
            at = f.DataStart + 4 * f.RecordSize + f.ColumnOffset(col); // record 5
        }
        var bytes = File.ReadAllBytes(path);
        System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan((int)at), float.PositiveInfinity);
        var e = TryRead(Copy(bytes, "inf.mpr"));
        Assert.NotNull(e);
        Assert.Matches(@"at byte \d+: record 5 of \d+: the voltage is Infinity: expected a finite number", e!.Message);
    }

    [Fact]
    public void NonFiniteCurrentInACsvIsRefusedAtItsLine()
    {
        var p = Copy("time/s,Ewe/V,I/mA\n0,0.010,0.1\n1,0.011,nan\n2,0.012,0.1\n"u8.ToArray(), "nan.csv");
        var e = TryRead(p);
        Assert.NotNull(e);
        Assert.Equal(3, e!.Location.Line);
        Assert.Contains("current is NaN", e.Message);
    }

    [SharedDataFact]
    public void TextExportCutInsideARecordNamesTheLine()
    {
        var bytes = File.ReadAllBytes(BioLogic("gcpl.issue_149.mpt"));
        var p = Copy(bytes[..(bytes.Length - 100)], "gcpl.mpt");
        var e = TryRead(p);
        Assert.NotNull(e);
        Assert.Equal(213, e!.Location.Line); // 81 header lines + 132 records, the last one cut
        Assert.Contains("truncated", e.Message);
    }

    [SharedDataTheory]
    [MemberData(nameof(RealFiles))]
    public void DamagedBytesNeverCrash(string path)
    {
        var original = File.ReadAllBytes(path);
        var rng = new Random(original.Length ^ 0x5eed);
        for (int trial = 0; trial < 40; trial++)
        {
            var b = (byte[])original.Clone();
            int flips = 1 + rng.Next(8);
            for (int k = 0; k < flips; k++)
            {
                // bias towards the headers, where structure lives
                int at = rng.Next(2) == 0 ? rng.Next(Math.Min(b.Length, 2048)) : rng.Next(b.Length);
                b[at] = (byte)rng.Next(256);
            }
            var p = Copy(b, Path.GetFileName(path));
            var e = TryRead(p);
            if (e is not null) Assert.Contains(Path.GetFileName(path), e.OneLine);
        }
    }

    const string Alphabet = "0123456789.,;\t\n-eE ";

    [Fact]
    public void RandomBytesAndRandomTextNeverCrash()
    {
        var rng = new Random(42);
        for (int trial = 0; trial < 200; trial++)
        {
            var b = new byte[rng.Next(64, 5000)];
            rng.NextBytes(b);
            // some trials start like a real format so the deeper readers are reached
            var prefix = (trial % 6) switch
            {
                0 => "BIO-LOGIC MODULAR FILE\u001a"u8.ToArray(),
                1 => "EC-Lab ASCII FILE\nNb header lines : 5\n"u8.ToArray(),
                2 => "NEWARE"u8.ToArray(),
                3 => "EXPLAIN\nCURVE\tTABLE\t3\n"u8.ToArray(),
                4 => "Data_Point,Test_Time,Current,Voltage\n1,"u8.ToArray(),
                _ => [],
            };
            prefix.CopyTo(b, 0);
            if (trial % 2 == 1)
                for (int i = prefix.Length; i < b.Length; i++) b[i] = (byte)Alphabet[b[i] % Alphabet.Length];
            var p = Copy(b, $"random{trial}.dat");
            TryRead(p);
        }
    }

    [Fact]
    public void MissingAndEmptyFilesAreInputErrors()
    {
        var dir = TestPaths.TempDir();
        Assert.Contains("file not found", Assert.Throws<InputException>(() => DataFile.Detect(Path.Combine(dir, "nope.mpt"))).Message);
        Assert.Contains("folder", Assert.Throws<InputException>(() => DataFile.Detect(dir)).Message);
        var empty = Path.Combine(dir, "empty.csv");
        File.WriteAllText(empty, "");
        Assert.Contains("empty", Assert.Throws<InputException>(() => DataFile.Detect(empty)).Message);
    }
}
