using System.Globalization;
using System.IO.Compression;
using Interphase.Data;
using Interphase.Data.Neware;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>
/// Neware .ndax archives (Fixtures/neware, README.md there) against BTSDA's own exports of the same
/// tests: every row of the two small files, and the cycles, steps and counters of the 150-cycle one.
/// </summary>
public class NdaxReaderTests
{
    const double MahC = 3.6; // 1 mAh = 3.6 C

    public static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "neware", name);

    static string[][] Export(string name) =>
        File.ReadAllLines(Fixture(name)).Skip(1).Select(l => l.Split(',')).ToArray();

    static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>
    /// BTSDA writes the voltage in 0.1 mV, the current in µA and the temperature in 0.1 °C, so the
    /// reader's values must lie within half a last digit of them. Capacity and energy: the ndc-16
    /// device's export rounds the capacity to whole mA·s; the ndc-17 one keeps three decimals.
    /// </summary>
    [Theory]
    [InlineData("46_1_5_60_bts16", 16, 0.51, 0.02)]
    [InlineData("TESTCELL0001-Test_Data_Collection_Ndc17", 17, 0.01, 0.01)]
    [InlineData("scrubbed_ndc2", 2, 0.01, 0.01)]
    public void EveryRowMatchesBtsdasExport(string name, int version, double capacityTolMas, double energyTolMws)
    {
        var path = Fixture(name + ".ndax");
        var f = DataFile.Detect(path);
        Assert.Equal(DataFormat.NewareNdax, f.Format);
        Assert.Equal(DataKind.Cycling, f.Kind);
        var d = NdaxReader.Read(path, out var status);
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture), d.Info.Header["ndc version"]);
        var rows = Export(name + ".btsda.csv");
        Assert.Equal(rows.Length, d.Count);
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            string at = $"row {i + 1}";
            Assert.True(int.Parse(r[0]) == d.Cycle[i], $"{at}: cycle {d.Cycle[i]}, BTSDA {r[0]}");
            Assert.True(int.Parse(r[1]) == d.StepIndex[i], $"{at}: step index {d.StepIndex[i]}, BTSDA {r[1]}");
            Assert.Equal(r[2].Replace(' ', '_').Replace("Dchg", "DChg"), status[i]);
            Assert.True(Math.Abs(D(r[3]) - d.TimeS[i]) < 1e-6, $"{at}: time {d.TimeS[i]} s, BTSDA {r[3]}");
            Assert.True(Math.Abs(D(r[4]) * 1e-6 - d.Current[i]) <= 0.5e-6 + 1e-9, $"{at}: current {d.Current[i]} A, BTSDA {r[4]} uA");
            Assert.True(Math.Abs(D(r[5]) * 1e-3 - d.Voltage[i]) <= 0.05e-3 + 1e-7, $"{at}: voltage {d.Voltage[i]} V, BTSDA {r[5]} mV");
            // BTSDA's one capacity column counts the step's direction; the reader keeps charge and discharge apart
            double q = (d.ChargeCapacity[i] - d.DischargeCapacity[i]) * 1000, e = (d.ChargeEnergy[i] - d.DischargeEnergy[i]) * 1000;
            Assert.True(Math.Abs(Math.Abs(D(r[6])) - Math.Abs(q)) <= capacityTolMas, $"{at}: capacity {q} mAs, BTSDA {r[6]}");
            Assert.True(Math.Abs(Math.Abs(D(r[7])) - Math.Abs(e)) <= energyTolMws, $"{at}: energy {e} mWs, BTSDA {r[7]}");
            // a rest is a rest; a step of no direction (ndc 2's "Control" steps) without current is no charge or discharge
            var expected = d.Current[i] > 0 ? StepType.Charge : d.Current[i] < 0 ? StepType.Discharge : status[i] == "Rest" ? StepType.Rest : StepType.Other;
            Assert.Equal(expected, d.Step[i]);
            if (r.Length > 8) Assert.True(Math.Abs(D(r[8]) - d.TemperatureC![i]) <= 0.05 + 1e-4, $"{at}: temperature {d.TemperatureC![i]} °C, BTSDA {r[8]}");
        }
        Assert.Equal(rows.Length > 0 && rows[0].Length > 8, d.TemperatureC is not null);
    }

    static double MaxWhere(double[] x, Func<int, bool> keep) => Enumerable.Range(0, x.Length).Where(keep).Max(i => x[i]);

    /// <summary>
    /// nw4-120-1-6-53.ndax, .ndc version 14, 150 cycles of CC–CV charge and CC discharge over 48 h.
    /// Expected numbers: BTSDA's export of the test (fastnda's reference table, Fixtures/neware/README.md).
    /// Three records in four have no run information of their own: their time and counters follow
    /// from the one before them, and BTSDA's values for them are met too.
    /// </summary>
    [Fact]
    public void Version14_CyclesStepsTimesAndCountersMatchBtsda()
    {
        var path = Fixture("nw4-120-1-6-53.ndax");
        var d = DataFile.ReadCycling(path);
        Assert.Equal("Neware .ndax", d.Info.Format);
        Assert.Equal("14", d.Info.Header["ndc version"]);
        Assert.Equal("250403_kigr_gen9_06", d.Info.Header["barcode"]);
        NdaxReader.Read(path, out var status);
        Assert.Equal(18700, d.Count);
        var counts = status.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(15391, counts["CV_Chg"]);
        Assert.Equal(2278, counts["CC_DChg"]);
        Assert.Equal(1031, counts["CC_Chg"]);
        Assert.Equal(1, d.Cycle[0]);
        Assert.Equal(150, d.Cycle[^1]);
        Assert.Equal(150, d.Cycle.Distinct().Count());

        // the test time runs on across steps: 48 h, not a step's few minutes
        Assert.Equal(0, d.TimeS[0]);
        Close(173045.9, d.TimeS[^1], 1e-9, "last time (s)");
        Close(15008.6, d.TimeS[1533], 1e-9, "time of record 1534 (s)");
        Close(120762.8, d.TimeS[12590], 1e-9, "time of record 12591 (s)");
        for (int i = 1; i < d.Count; i++) Assert.True(d.TimeS[i] >= d.TimeS[i - 1], $"time runs back at row {i + 1}");

        Close(0.210e-3, d.Current[1533], 0, "current of record 1534 (A)", 0.501e-6);
        Close(4.8999, d.Voltage[1533], 0, "voltage of record 1534 (V)", 0.051e-3);
        Close(5675.737 / 3600, d.ChargeCapacity[1533] / MahC, 1e-6, "charge counter of record 1534 (mAh)");
        Close(-0.390e-3, d.Current[12590], 0, "current of record 12591 (A)", 0.501e-6);
        Close(4.1604, d.Voltage[12590], 0, "voltage of record 12591 (V)", 0.051e-3);
        Close(492.8749 / 3600, d.DischargeCapacity[12590] / MahC, 1e-6, "discharge counter of record 12591 (mAh)");
        Close(2171.2678 / 3600, d.DischargeEnergy[12590] / MahC, 1e-6, "discharge energy counter of record 12591 (mWh)");
        Close(-1.94e-3, d.Current.Min(), 0, "smallest current (A)", 0.501e-6);
        Close(1.94e-3, d.Current.Max(), 0, "largest current (A)", 0.501e-6);
        Close(1.6461, d.Voltage.Min(), 0, "lowest voltage (V)", 0.051e-3);
        Close(5.0, d.Voltage.Max(), 0, "highest voltage (V)", 0.051e-3);

        // the counters restart at every step: a cycle's largest value is its largest step's
        Close(1.6405452778, MaxWhere(d.ChargeCapacity, i => d.Cycle[i] == 1) / MahC, 1e-6, "cycle 1 charge (CV step, mAh)");
        Close(0.3236198889, MaxWhere(d.DischargeCapacity, i => d.Cycle[i] == 1) / MahC, 1e-6, "cycle 1 discharge (mAh)");
        Close(1.3140820278, MaxWhere(d.DischargeEnergy, i => d.Cycle[i] == 1) / MahC, 1e-6, "cycle 1 discharge energy (mWh)");
        Close(0.1121442, MaxWhere(d.ChargeCapacity, i => d.Cycle[i] == 75) / MahC, 1e-6, "cycle 75 charge (mAh)");
        Close(0.0597676111, MaxWhere(d.ChargeCapacity, i => d.Cycle[i] == 150) / MahC, 1e-6, "cycle 150 charge (mAh)");
        Close(0.0624250361, MaxWhere(d.DischargeCapacity, i => d.Cycle[i] == 150) / MahC, 1e-6, "cycle 150 discharge (mAh)");

        Assert.Equal(new DateTimeOffset(2025, 4, 7, 10, 48, 21, 950, TimeSpan.Zero), d.Info.StartTime);
        Assert.Contains(d.Info.Notes, n => n.Contains("13931 of 18700 records lie between run-information records"));
    }

    /// <summary>One single-precision step at <paramref name="x"/>: NewareNDA hands its columns over as float32.</summary>
    static float Ulp(float x) => MathF.BitIncrement(MathF.Abs(x)) - MathF.Abs(x);

    /// <summary>
    /// navani's test.ndax, .ndc version 5 (whole records in data.ndc, no run-information part): one CC–CV charge and
    /// discharge at ±0.12 mA over 12 h 10 min, 1464 records. The expected values, for every 25th record and the
    /// first and last of every step, are NewareNDA's (Fixtures/neware/README.md says how they were made): the reader's
    /// values must round to the same single-precision numbers, within one step of them. The test time, which NewareNDA
    /// does not give, must agree with the wall-clock date the instrument wrote in every record.
    /// </summary>
    [Fact]
    public void Version5_EveryCheckedRecordMatchesNewareNda()
    {
        var path = Fixture("navani_test.ndax");
        Assert.Equal(DataFormat.NewareNdax, DataFile.Detect(path).Format);
        var d = NdaxReader.Read(path, out var status);
        Assert.Equal("5", d.Info.Header["ndc version"]);
        Assert.Equal("fs6_cycling.xml", d.Info.Header["step file"]);
        Assert.Equal(1464, d.Count);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 20, 24, 23, TimeSpan.Zero), d.Info.StartTime);
        var rows = Export("navani_test.newarenda.csv");
        Assert.Equal(66, rows.Length);
        var first = DateTime.Parse(rows[0][11], CultureInfo.InvariantCulture);
        foreach (var r in rows)
        {
            int i = int.Parse(r[0], CultureInfo.InvariantCulture) - 1; // the records are numbered 1 to 1464 in order
            string at = $"record {i + 1}";
            Assert.True(int.Parse(r[1]) == d.Cycle[i], $"{at}: cycle {d.Cycle[i]}, NewareNDA {r[1]}");
            Assert.True(int.Parse(r[2]) == d.StepIndex[i], $"{at}: step {d.StepIndex[i]}, NewareNDA {r[2]}");
            Assert.Equal(r[3], status[i]);
            int s0 = i;
            while (s0 > 0 && d.StepIndex[s0 - 1] == d.StepIndex[i]) s0--;
            void Same(string what, double ours, string theirs)
            {
                float t = float.Parse(theirs, CultureInfo.InvariantCulture);
                Assert.True(MathF.Abs((float)ours - t) <= Ulp(t), $"{at}: {what} {ours}, NewareNDA {theirs}");
            }
            Same("step time (s)", d.TimeS[i] - d.TimeS[s0], r[4]);
            Same("voltage (V)", d.Voltage[i], r[5]);
            Same("current (mA)", d.Current[i] * 1000, r[6]);
            Same("charge capacity (mAh)", d.ChargeCapacity[i] / MahC, r[7]);
            Same("discharge capacity (mAh)", d.DischargeCapacity[i] / MahC, r[8]);
            Same("charge energy (mWh)", d.ChargeEnergy[i] / MahC, r[9]);
            Same("discharge energy (mWh)", d.DischargeEnergy[i] / MahC, r[10]);
            double clock = (DateTime.Parse(r[11], CultureInfo.InvariantCulture) - first).TotalSeconds;
            Assert.True(Math.Abs(d.TimeS[i] - d.TimeS[0] - clock) < 1, $"{at}: test time {d.TimeS[i]} s, the record's date {clock} s after the first");
        }
        Assert.Equal(721, status.Count(s => s == "CCCV_Chg"));
        Assert.Equal(721, status.Count(s => s == "CCCV_DChg"));
        Assert.Equal(43800, d.TimeS[^1]); // 20:24:23 to 08:34:23, TestInfo.xml's start and end
        Assert.Equal(StepType.Charge, d.Step[11]);
        Assert.Equal(StepType.Discharge, d.Step[732]);
    }

    /// <summary>
    /// scrubbed_ndc2.ndax, .ndc version 2 (512-byte blocks of five whole records, no checksum): a block whose count
    /// of records disagrees with its slots is refused at its byte, not read as if nothing were missing.
    /// </summary>
    [Fact]
    public void Version2_BlockWithAWrongCountIsRefusedAtItsByte()
    {
        var p = Rewrite("scrubbed_ndc2.ndax", (n, b) =>
        {
            if (n == "data.ndc") b[1024 + 2] = 4;
            return b;
        });
        Assert.Contains("entry data.ndc, at byte 1024: the block says it holds 4 records but 5 slots hold one", Refusal(p).Message);
    }

    const string Ndc2AuxPart = "20230928_103946_240117_1_1_2818580369_1.ndc";

    /// <summary>
    /// scrubbed_ndc2.ndax's auxiliary part (file type 5, version 2; decision 0083): its temperature is the dataset's
    /// (the T1 column of BTSDA's export, checked every row in EveryRowMatchesBtsdasExport), and a slot of a type the
    /// part does not hold (not 0x74 or 0x65) is refused at the byte where the slot starts.
    /// </summary>
    [Fact]
    public void Version2_AuxiliaryPartGivesTheTemperatureAndADamagedSlotIsRefusedAtItsByte()
    {
        var d = NdaxReader.Read(Fixture("scrubbed_ndc2.ndax"));
        Assert.Equal(97.0, d.TemperatureC![0], 9);
        Assert.Contains(d.Info.Notes, n => n.StartsWith($"temperature from {Ndc2AuxPart}", StringComparison.Ordinal));
        Assert.DoesNotContain(d.Info.Notes, n => n.Contains($"{Ndc2AuxPart} not read", StringComparison.Ordinal));
        // the second block's third slot: 1024 + 5 + 2 × 94
        Assert.Equal(1217, NdcFile.Version2SlotAt(8));
        var p = Rewrite("scrubbed_ndc2.ndax", (n, b) =>
        {
            if (n == Ndc2AuxPart) b[1217] = 0x55;
            return b;
        });
        Assert.Contains($"entry {Ndc2AuxPart}, at byte 1217: auxiliary record 8 is of type 0x55: expected 0x74 or 0x65", Refusal(p).Message);
    }

    /// <summary>Version 5 has version 14's checked pages: a changed byte fails the page's CRC-32.</summary>
    [Fact]
    public void Version5_DamagedPageIsRefusedAtItsByte()
    {
        var p = Rewrite("navani_test.ndax", (n, b) =>
        {
            if (n == "data.ndc") b[3 * 4096 + 500] ^= 1;
            return b;
        });
        Assert.Contains("entry data.ndc, at byte 12288: the page fails its CRC-32 check", Refusal(p).Message);
    }

    static string Copy(byte[] bytes, string name)
    {
        var p = Path.Combine(TestPaths.TempDir(), name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    static InputException Refusal(string path)
    {
        var e = Assert.Throws<InputException>(() => DataFile.ReadCycling(path));
        Assert.Contains(Path.GetFileName(path), e.OneLine);
        Assert.DoesNotContain('\n', e.OneLine);
        return e;
    }

    /// <summary>An archive rewritten with one entry changed (the other entries as they were).</summary>
    static string Rewrite(string name, Func<string, byte[], byte[]?> change, CompressionLevel level = CompressionLevel.Optimal)
    {
        var p = Path.Combine(TestPaths.TempDir(), name);
        using (var src = ZipFile.OpenRead(Fixture(name)))
        using (var dst = ZipFile.Open(p, ZipArchiveMode.Create))
            foreach (var e in src.Entries)
            {
                using var m = new MemoryStream();
                using (var s = e.Open()) s.CopyTo(m);
                if (change(e.FullName, m.ToArray()) is not { } bytes) continue;
                using var w = dst.CreateEntry(e.FullName, level).Open();
                w.Write(bytes);
            }
        return p;
    }

    [Fact]
    public void TruncatedArchiveIsRefusedAtItsEnd()
    {
        const string name = "TESTCELL0001-Test_Data_Collection_Ndc17.ndax";
        var bytes = File.ReadAllBytes(Fixture(name));
        foreach (var cut in new[] { 100, bytes.Length / 2, bytes.Length - 30 })
        {
            var e = Refusal(Copy(bytes[..cut], name));
            Assert.Contains($"at byte {cut}:", e.Message);
            Assert.Contains("truncated", e.Message);
        }
    }

    /// <summary>Cuts and random bytes anywhere in an archive: it is read, or refused on one line naming the file.</summary>
    [Theory]
    [InlineData("TESTCELL0001-Test_Data_Collection_Ndc17.ndax")]
    [InlineData("46_1_5_60_bts16.ndax")]
    [InlineData("ZZZZZZZZTEST.ndax")]
    [InlineData("scrubbed_ndc2.ndax")]
    public void CutAndDamagedArchivesNeverCrash(string name)
    {
        var original = File.ReadAllBytes(Fixture(name));
        var rng = new Random(original.Length);
        for (int trial = 0; trial < 200; trial++)
        {
            var b = trial < 40 ? original[..rng.Next(original.Length)] : (byte[])original.Clone();
            if (trial >= 40)
                for (int k = 1 + rng.Next(8); k > 0; k--) b[rng.Next(b.Length)] = (byte)rng.Next(256);
            var p = Copy(b, name);
            try { DataFile.ReadCycling(p); }
            catch (InputException e)
            {
                Assert.Contains(name, e.OneLine);
                Assert.DoesNotContain('\n', e.OneLine);
            }
        }
    }

    [Fact]
    public void DamagedPageIsRefusedNamingTheEntryAndThePage()
    {
        // one bit of the second page of data.ndc (the first holding records) flipped: its CRC-32 no longer holds
        var p = Rewrite("TESTCELL0001-Test_Data_Collection_Ndc17.ndax", (n, b) =>
        {
            if (n == "data.ndc") b[NdcFile.PageSize + 200] ^= 1;
            return b;
        });
        var e = Refusal(p);
        Assert.Contains("entry data.ndc, at byte 4096: the page fails its CRC-32 check", e.Message);
    }

    [Fact]
    public void EntryCutInsideAPageIsRefused()
    {
        var p = Rewrite("TESTCELL0001-Test_Data_Collection_Ndc17.ndax", (n, b) => n == "data_runInfo.ndc" ? b[..6000] : b);
        var e = Refusal(p);
        Assert.Contains("entry data_runInfo.ndc, at byte 4096: the entry ends inside a 4096-byte page", e.Message);
    }

    /// <summary>
    /// One auxiliary unit can hold a voltage (ChlType 102) and a temperature (103) channel, in
    /// data_AUX_{unit}_2_1.ndc and data_AUX_{unit}_3_1.ndc (so in a BTS 8.0.1 archive of cellpy's
    /// tests). Here a voltage part holding the record voltages (about 3.6) is listed first: the
    /// temperature must still come from the _3_ part (27.5 °C at the first record in BTSDA's export).
    /// </summary>
    [Fact]
    public void TemperatureComesFromTheTemperatureChannelsOwnPart()
    {
        const string name = "TESTCELL0001-Test_Data_Collection_Ndc17.ndax";
        var p = Path.Combine(TestPaths.TempDir(), name);
        using (var src = ZipFile.OpenRead(Fixture(name)))
        using (var dst = ZipFile.Open(p, ZipArchiveMode.Create))
        {
            byte[] Read(string entry)
            {
                using var m = new MemoryStream();
                using (var s = src.GetEntry(entry)!.Open()) s.CopyTo(m);
                return m.ToArray();
            }
            void Write(string entry, byte[] bytes)
            {
                using var w = dst.CreateEntry(entry).Open();
                w.Write(bytes);
            }
            var voltage = Read("data.ndc");
            voltage[0] = 5;
            Write("data_AUX_225_2_1.ndc", voltage);
            foreach (var e in src.Entries)
            {
                var bytes = Read(e.FullName);
                if (e.FullName == "TestInfo.xml")
                    bytes = System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(bytes)
                        .Replace("<Aux1 ", "<Aux0 AuxID=\"1\" RealChlID=\"225\" ChlType=\"102\" TypeID=\"1\" />\r\n      <Aux1 "));
                Write(e.FullName, bytes);
            }
        }
        var d = DataFile.ReadCycling(p);
        Assert.NotNull(d.TemperatureC);
        Close(27.5, d.TemperatureC![0], 0, "temperature at the first record (°C)", 0.05 + 1e-4);
    }

    /// <summary>
    /// ZZZZZZZZTEST.ndax (.ndc version 16, 301 records of a 5 min rest) has a voltage-and-temperature channel (ChlType 6)
    /// in data_1.ndc. Every record against NewareNDA's reference table for the file (time, voltage, current and T1;
    /// NewareNDA stores them as float32, so voltages agree to float32's precision, temperatures to 0.1 °C as stored).
    /// </summary>
    [Fact]
    public void Version16_VoltageAndTemperatureChannelMatchesNewareNda()
    {
        var path = Fixture("ZZZZZZZZTEST.ndax");
        var d = NdaxReader.Read(path, out var status);
        Assert.Equal("16", d.Info.Header["ndc version"]);
        var rows = Export("ZZZZZZZZTEST.newarenda.csv");
        Assert.Equal(301, rows.Length);
        Assert.Equal(rows.Length, d.Count);
        Assert.NotNull(d.TemperatureC);
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            string at = $"row {i + 1}";
            Assert.True(int.Parse(r[1]) == d.Cycle[i] && int.Parse(r[2]) == d.StepIndex[i], $"{at}: cycle {d.Cycle[i]} step {d.StepIndex[i]}");
            Assert.Equal(r[3], status[i]);
            Assert.True(Math.Abs(D(r[4]) - d.TimeS[i]) < 1e-6, $"{at}: time {d.TimeS[i]} s, NewareNDA {r[4]}");
            Assert.True(Math.Abs(D(r[5]) - d.Voltage[i]) <= 1e-6 * Math.Max(1, Math.Abs(d.Voltage[i])), $"{at}: voltage {d.Voltage[i]} V, NewareNDA {r[5]}");
            Assert.True(Math.Abs(D(r[6]) * 1e-3 - d.Current[i]) <= 1e-9, $"{at}: current {d.Current[i]} A, NewareNDA {r[6]} mA");
            Assert.True(Math.Abs(D(r[8]) - d.TemperatureC![i]) <= 1e-4, $"{at}: temperature {d.TemperatureC![i]} °C, NewareNDA {r[8]}");
        }
        Assert.Contains(d.Info.Notes, n => n.Contains("temperature from data_1.ndc") && n.Contains("auxiliary voltage is not kept"));
    }

    /// <summary>
    /// A slot of the auxiliary part that does not start with 0x65 (its page's CRC-32 made good again, so that only the
    /// slot check can catch it) is refused naming the entry and the slot's byte: page 1 at 4096, slots from byte 132, 7 bytes each.
    /// </summary>
    [Fact]
    public void Version16_DamagedAuxiliarySlotIsRefusedAtItsByte()
    {
        const int slot = 10, at = NdcFile.PageSize + 132 + (slot - 1) * 7;
        var p = Rewrite("ZZZZZZZZTEST.ndax", (n, b) =>
        {
            if (n != "data_1.ndc") return b;
            b[at] = 0x42;
            var page = b.AsSpan(NdcFile.PageSize, NdcFile.PageSize);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(page[4092..], System.IO.Hashing.Crc32.HashToUInt32(page[..4092]));
            return b;
        });
        var e = Refusal(p);
        Assert.Contains($"entry data_1.ndc, at byte {at}: auxiliary slot {slot} starts with 0x42", e.Message);
    }

    [Fact]
    public void ArchiveWithoutItsRunInformationIsRefused()
    {
        var p = Rewrite("TESTCELL0001-Test_Data_Collection_Ndc17.ndax", (n, b) => n == "data_runInfo.ndc" ? null : b);
        Assert.Contains("no data_runInfo.ndc", Refusal(p).Message);
    }

    [Fact]
    public void ZipWithoutDataNdcIsNotTakenForAnNdax()
    {
        var p = Path.Combine(TestPaths.TempDir(), "notes.zip");
        using (var z = ZipFile.Open(p, ZipArchiveMode.Create))
        using (var w = new StreamWriter(z.CreateEntry("readme.txt").Open())) w.Write("hello");
        Assert.Contains("holds no data.ndc: it is not a Neware .ndax", Refusal(p).Message);
    }

    [Fact]
    public void UnknownNdcVersionIsRefusedAtByte2()
    {
        var p = Rewrite("TESTCELL0001-Test_Data_Collection_Ndc17.ndax", (n, b) =>
        {
            if (n == "data.ndc") b[2] = 11;
            return b;
        });
        Assert.Contains("entry data.ndc, at byte 2: .ndc version 11 is not read (known: 2, 5, 14, 16, 17)", Refusal(p).Message);
    }
}
