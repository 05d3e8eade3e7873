using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Interphase.Data;
using Interphase.Data.BioLogic;

namespace Interphase.Tests.Data;

/// <summary>
/// The datasets the BioLogic reader makes of every BioLogic fixture and shared file, pinned by a SHA-256 of their bits
/// (every column, the notes, the header, the technique and which counters share one NaN column) or by the refusal's
/// message. The pins were recorded from main at 492ed05, before the .mpr and .mpt readers shared one set of record rules
/// (docs/decisions/0053-one-set-of-biologic-record-rules.md): then the .mpt files went through the record-by-record
/// reader and the .mpr files through the chunked one, which the tests had checked bit for bit against the record-by-record
/// reader. The pins (Fixtures/biologic-dataset-pins.tsv) are therefore an oracle independent of the code under test; an intended change of a dataset
/// updates its pin by hand, with the reason in the commit.
/// </summary>
public class BioLogicDatasetPinTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-biologic-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "measured", "biologic", name);

    /// <summary>The pins of Fixtures/biologic-dataset-pins.tsv: file, where it is (fixture or shared), pin.</summary>
    static TheoryData<string, string> Pins(string where)
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(TestPaths.Fixtures, "biologic-dataset-pins.tsv")))
            if (!line.StartsWith('#') && line.Split('\t', 3) is [var name, var w, var pin] && w == where) data.Add(name, pin);
        return data;
    }

    public static TheoryData<string, string> FixturePins => Pins("fixture");
    public static TheoryData<string, string> SharedPins => Pins("shared");

    [Theory]
    [MemberData(nameof(FixturePins))]
    public void FixtureDatasetsAreThePinnedOnes(string name, string pin) => Assert.Equal(pin, Pin(Fixture(name)));

    [SharedDataTheory]
    [MemberData(nameof(SharedPins))]
    public void SharedDatasetsAreThePinnedOnes(string name, string pin) => Assert.Equal(pin, Pin(SharedFiles.BioLogic(name)));

    /// <summary>A voltage made NaN in record 1000 of bcd.issue_241.mpr: refused at that record's first byte.</summary>
    [SharedDataFact]
    public void BrokenMprRecordRefusedAtItsByte()
    {
        var b = File.ReadAllBytes(SharedFiles.BioLogic("bcd.issue_241.mpr"));
        using (var f = MprFile.Open(SharedFiles.BioLogic("bcd.issue_241.mpr")))
            BitConverter.GetBytes(float.NaN).CopyTo(b, f.DataStart + 999L * f.RecordSize + f.ColumnOffset(f.IndexOf("Ecell/V")));
        var path = Path.Combine(_dir, "broken.mpr");
        File.WriteAllBytes(path, b);
        Assert.Equal("refused at 0:0: at byte 58242: record 1000 of 2550: the voltage is NaN: expected a finite number", Pin(path));
    }

    /// <summary>
    /// In bcd.issue_241.mpt the voltage of record 1000 made "NaN" and that of record 1010 "x": the reader refuses the
    /// first, at its line, although the second is in the same chunk of records and not a number.
    /// </summary>
    [SharedDataFact]
    public void BrokenMptRecordRefusedAtItsLine()
    {
        var lines = File.ReadAllLines(SharedFiles.BioLogic("bcd.issue_241.mpt"), Encoding.Latin1);
        int headerLines, voltage;
        using (var f = MptFile.Open(SharedFiles.BioLogic("bcd.issue_241.mpt")))
            (headerLines, voltage) = (f.HeaderLineCount, f.IndexOf("Ecell/V"));
        void Set(int record, string value)
        {
            var fields = lines[headerLines + record - 1].Split('\t');
            fields[voltage] = value;
            lines[headerLines + record - 1] = string.Join('\t', fields);
        }
        Set(1000, "NaN");
        Set(1010, "x");
        var path = Path.Combine(_dir, "broken.mpt");
        File.WriteAllLines(path, lines, Encoding.Latin1);
        Assert.Equal("refused at 1076:0: the voltage is NaN: expected a finite number", Pin(path));
    }

    /// <summary>
    /// A .mpt of 3000 records 2 s apart with only <c>dq/mA.h</c> for the current: the current is dq ÷ Δt in every record
    /// but the first, across the chunks the text is read in (1024 records each), the rule's previous time carried over.
    /// </summary>
    [Fact]
    public void CurrentFromDqAcrossChunksOfText()
    {
        var path = WriteMpt(3000, _ => "3.7");
        var d = BioLogicReader.ReadMpt(path);
        Assert.Equal(3000, d.Count);
        Assert.Equal(0.0, d.Current[0]);
        for (int i = 1; i < d.Count; i++)
            Assert.True(d.Current[i] == Dq(i) * 3600.0 / 2.0 * 1e-3, $"record {i + 1}: current {d.Current[i]:R}, expected dq ÷ Δt {Dq(i) * 1.8:R}");
    }

    /// <summary>The same file with a NaN voltage in record 1500 (in the second chunk): refused at that record's line.</summary>
    [Fact]
    public void NaNInTheSecondChunkOfTextRefusedAtItsLine()
    {
        var path = WriteMpt(3000, r => r == 1500 ? "NaN" : "3.7");
        var e = Assert.Throws<InputException>(() => BioLogicReader.ReadMpt(path));
        Assert.Equal(3 + 1500, e.Location.Line);
        Assert.Equal("the voltage is NaN: expected a finite number", e.Message);
    }

    static double Dq(int i) => 1e-4 * (1 + i % 7);

    /// <summary>An .mpt of <paramref name="records"/> records (time, voltage by record number from 1, dq), its names on line 3.</summary>
    string WriteMpt(int records, Func<int, string> voltage)
    {
        var text = new StringBuilder("EC-Lab ASCII FILE\r\nNb header lines : 3\r\ntime/s\tEwe/V\tdq/mA.h\r\n");
        for (int i = 0; i < records; i++)
            text.Append(CultureInfo.InvariantCulture, $"{2.0 * i:R}\t{voltage(i + 1)}\t{Dq(i):R}\r\n");
        var path = Path.Combine(_dir, "dq.mpt");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    /// <summary>"N records, sha256 …" of the dataset, or "refused at line:column: message".</summary>
    internal static string Pin(string path)
    {
        CyclingDataset d;
        try { d = path.EndsWith(".mpr", StringComparison.Ordinal) ? BioLogicReader.ReadMpr(path) : BioLogicReader.ReadMpt(path); }
        catch (InputException e) { return $"refused at {e.Location.Line}:{e.Location.Column}: {e.Message}"; }
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var column in new[] { d.TimeS, d.Voltage, d.Current, d.ChargeCapacity, d.DischargeCapacity, d.ChargeEnergy, d.DischargeEnergy })
            h.AppendData(MemoryMarshal.AsBytes(column.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(d.Step.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(d.Cycle.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(d.StepIndex.AsSpan()));
        h.AppendData(d.TemperatureC is null ? "no temperature"u8 : MemoryMarshal.AsBytes(d.TemperatureC.AsSpan()));
        var text = new StringBuilder()
            .AppendJoin('\n', d.Info.Notes).Append('|')
            .AppendJoin('\n', d.Info.Header.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)).Append('|')
            .Append(d.Info.Format).Append('|').Append(d.Info.Technique).Append('|').Append(d.Info.Instrument).Append('|')
            .Append(d.Info.FileActiveMassKg?.ToString("R", CultureInfo.InvariantCulture)).Append('|').Append(d.Info.FileAreaM2?.ToString("R", CultureInfo.InvariantCulture)).Append('|')
            .Append(ReferenceEquals(d.ChargeCapacity, d.ChargeEnergy)).Append(ReferenceEquals(d.ChargeEnergy, d.DischargeEnergy));
        h.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"{d.Count} records, sha256 {Convert.ToHexString(h.GetHashAndReset())[..24]}";
    }
}
