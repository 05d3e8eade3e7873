using System.Buffers.Binary;
using System.Globalization;
using Interphase.Data;
using Interphase.Data.Neware;

namespace Interphase.Tests.Data;

/// <summary>
/// .nda versions 8, 22, 23 and 26 (Fixtures/neware, README.md there) against BTSDA's own exports of the same files, every row;
/// and their refusals of cut and damaged files.
/// </summary>
public class NdaOldVersionsTests
{
    static string Fixture(string name) => NdaxReaderTests.Fixture(name);

    static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>
    /// A value of the tables' single-precision columns (current, voltage, capacity, energy), written as the shortest text
    /// that reads back as the same single (33606528 is written 33606530): read as a single, it is the table's number.
    /// </summary>
    static double F(string s) => float.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Half the relative step of a single-precision number (2⁻²⁴).</summary>
    const double HalfFloatStep = 1.0 / (1 << 24);

    static string Copy(byte[] bytes, string name)
    {
        var p = Path.Combine(TestPaths.TempDir(), name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    static InputException Refusal(string path) => Assert.Throws<InputException>(() => DataFile.ReadCycling(path));

    /// <summary>
    /// BTSDA writes the voltage to 0.1 mV and the current to 1 µA; version 8's capacity to 0.1 mA·s and energy to
    /// 0.001 mW·s, versions 22, 23 and 26 capacity to whole units (23's and 26's energy to 0.1): the reader must lie within half a
    /// last digit. The tables hold capacity and energy in single precision, so half its step (2⁻²⁴ of the value) is added:
    /// it matters for version 23, whose counters reach 3.8 × 10⁷ mW·s (row 351: 1126587.75 for the file's 1126587.7; row 1933: 33606528 for 33606527.8). Times are exact (version 26: the first 1000 records, whose total times BTSDA still writes in full).
    /// </summary>
    [Theory]
    [InlineData("nda_v8", 8, 0.05, 0.0005, 21)]
    [InlineData("nda_v22", 22, 0.5, 0.5, 1380)]
    [InlineData("nda_v23", 23, 0.5, 0.05, 2706)]
    [InlineData("nda_v26_first1000", 26, 0.5, 0.5, 1000)]
    public void EveryRowMatchesBtsdasExport(string name, int version, double capacityTolMas, double energyTolMws, int rowCount)
    {
        var path = Fixture(name + ".nda");
        var f = DataFile.Detect(path);
        Assert.Equal(DataFormat.NewareNda, f.Format);
        var d = NdaReader.Read(path, out var status);
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture), d.Info.Header["nda version"]);
        var rows = File.ReadAllLines(Fixture(name + ".btsda.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(rowCount, rows.Length);
        Assert.Equal(rows.Length, d.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            string at = $"row {i + 1}";
            Assert.True(int.Parse(r[0]) == d.Cycle[i], $"{at}: cycle {d.Cycle[i]}, BTSDA {r[0]}");
            Assert.True(int.Parse(r[1]) == d.StepIndex[i], $"{at}: step {d.StepIndex[i]}, BTSDA {r[1]}");
            Assert.Equal(r[2].Replace(' ', '_').Replace("Dchg", "DChg"), status[i]);
            Assert.True(Math.Abs(D(r[4]) - d.TimeS[i]) < 1e-6, $"{at}: time {d.TimeS[i]} s, BTSDA {r[4]}");
            Assert.True(Math.Abs(F(r[5]) * 1e-6 - d.Current[i]) <= 0.5e-6 + 1e-9, $"{at}: current {d.Current[i]} A, BTSDA {r[5]} uA");
            Assert.True(Math.Abs(F(r[6]) * 1e-3 - d.Voltage[i]) <= 0.05e-3 + 1e-7, $"{at}: voltage {d.Voltage[i]} V, BTSDA {r[6]} mV");
            // BTSDA's one capacity column counts the step's direction; the reader keeps charge and discharge apart
            double q = (d.ChargeCapacity[i] - d.DischargeCapacity[i]) * 1000, e = (d.ChargeEnergy[i] - d.DischargeEnergy[i]) * 1000;
            Assert.True(Math.Abs(Math.Abs(F(r[7])) - Math.Abs(q)) <= capacityTolMas + HalfFloatStep * Math.Abs(F(r[7])) + 1e-6, $"{at}: capacity {q} mAs, BTSDA {r[7]}");
            Assert.True(Math.Abs(Math.Abs(F(r[8])) - Math.Abs(e)) <= energyTolMws + HalfFloatStep * Math.Abs(F(r[8])) + 1e-6, $"{at}: energy {e} mWs, BTSDA {r[8]}");
            if (d.Current[i] < 0) Assert.True(d.ChargeCapacity[i] == 0 && d.ChargeEnergy[i] == 0, $"{at}: a discharge counts no charge");
            var expected = status[i] == "Rest" ? StepType.Rest : d.Current[i] > 0 ? StepType.Charge : StepType.Discharge;
            Assert.Equal(expected, d.Step[i]);
        }
    }

    [Fact]
    public void Version8_DatesAreTheRecordsUnixSeconds()
    {
        // the first data record's date, u64 at byte 47: 0x55F8EB4B = 2015-09-16 04:08:43 UTC
        var d = NdaReader.Read(Fixture("nda_v8.nda"));
        Assert.Equal(new DateTimeOffset(2015, 9, 16, 4, 8, 43, TimeSpan.Zero), d.Info.StartTime);
    }

    /// <summary>The header's pointer to the records (u32 at byte 64) beyond the file, or a cut inside the header: refused at its byte.</summary>
    [Theory]
    [InlineData("nda_v8.nda")]
    [InlineData("nda_v22.nda")]
    [InlineData("nda_v23.nda")]
    public void CutFileIsRefusedAtTheByteThatIsMissing(string name)
    {
        var bytes = File.ReadAllBytes(Fixture(name));
        long start = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(64));
        var e = Refusal(Copy(bytes[..(int)start], name));
        Assert.Contains($"at byte 64: the header says the records start at byte {start}, but the file has {start} bytes", e.OneLine);
        Assert.Contains(name, e.OneLine);
        e = Refusal(Copy(bytes[..40], name));
        Assert.Contains("at byte 40: the file ends inside the version-", e.OneLine);
    }

    /// <summary>A file that ends part-way into its last record (as a test being written does) keeps its whole records and says so.</summary>
    [Fact]
    public void PartialLastRecordIsLeftOutAndNoted()
    {
        var bytes = File.ReadAllBytes(Fixture("nda_v22.nda"));
        var p = Copy(bytes[..^30], "cut.nda");
        var d = NdaReader.Read(p);
        Assert.Equal(1379, d.Count); // the last record is a data record
        Assert.Contains(d.Info.Notes, n => n.Contains($"ends 56 bytes into a 86-byte record at byte {bytes.Length - 86}"));
    }

    /// <summary>A record whose type byte is none of the layout's is refused at that byte.</summary>
    [Theory]
    [InlineData("nda_v8.nda", 59, 5)]
    [InlineData("nda_v22.nda", 86, 5)]
    [InlineData("nda_v23.nda", 86, 5)]
    public void RecordOfAnUnknownTypeIsRefusedAtItsByte(string name, int length, int record)
    {
        var bytes = File.ReadAllBytes(Fixture(name));
        long at = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(64)) + (long)record * length;
        bytes[at] = 0x42;
        var e = Refusal(Copy(bytes, name));
        Assert.Contains($"at byte {at}: record type 0x42", e.OneLine);
    }
}
