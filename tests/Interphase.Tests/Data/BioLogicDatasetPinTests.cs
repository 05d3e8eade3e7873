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
/// reader. The pins are therefore an oracle that is independent of the code under test; an intended change of a dataset
/// updates a pin by hand, with the reason in the commit.
/// </summary>
public class BioLogicDatasetPinTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-biologic-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "measured", "biologic", name);

    [Theory]
    [InlineData("geis.issue_149.mpr", "84 records, sha256 60AC2EE16FF5AAEABE3F7638")]
    [InlineData("geis.issue_149.mpt", "84 records, sha256 BEB3CAF0018D8E09081B3347")]
    [InlineData("mb.issue_223.mpr", "108 records, sha256 A94A621C36496397676CBB69")]
    [InlineData("mb.issue_223.mpt", "108 records, sha256 E3125FB65365BEE82F75CCB6")]
    [InlineData("mb.mpr", "1588 records, sha256 702BB339AEBDEC77F1AE896C")]
    [InlineData("ocv.issue_149.mpr", "43 records, sha256 E7D09B94A70CCCAF49F2A2CD")]
    [InlineData("ocv.issue_149.mpt", "43 records, sha256 F30D4FE2915F03BFFB9D69B2")]
    [InlineData("peis.issue_149.mpr", "84 records, sha256 E7957D0C29773ADCA5C4E093")]
    [InlineData("peis.issue_149.mpt", "84 records, sha256 78DEB1B447A7485AEB2F5F37")]
    [InlineData("Sample_data_biologic_CA1.txt", "1397 records, sha256 010C0DEB4A9DD59E22EF79D4")]
    [InlineData("Sample_data_biologic_no_header.mpt", "refused at 1:1: expected 'EC-Lab ASCII FILE' on line 1 of a BioLogic .mpt export, found 'mode\tox/red\terror\tcontrol changes\tNs changes\tcounter inc.\tNs…'")]
    [InlineData("Sample_data_biologic_timestamped.txt", "8 records, sha256 7BFDB499CF572E5E0361DB5A")]
    public void FixtureDatasetsAreThePinnedOnes(string name, string pin) => Assert.Equal(pin, Pin(Fixture(name)));

    [SharedDataTheory]
    [InlineData("bcd.issue_241.mpr", "2550 records, sha256 F6869AADFE594ABFEA530D94")]
    [InlineData("bcd.issue_241.mpt", "2550 records, sha256 6DA8CF5A39D0CA4F0E63C4BF")]
    [InlineData("gcpl.issue_149.mpr", "132 records, sha256 CB717FD66D01D7F94E79BF23")]
    [InlineData("gcpl.issue_149.mpt", "132 records, sha256 96CD3203784CF194FA01DB52")]
    [InlineData("mb.issue_95.mpr", "33 records, sha256 1DBAB35ACB09602C1911162A")]
    [InlineData("mb.issue_95.mpt", "33 records, sha256 B3B1050E2A57594CEF3B2BDF")]
    [InlineData("mb.issue_95.de.mpt", "33 records, sha256 2E1D8919BD01CC6E37AB6F00")]
    [InlineData("peis.mpr", "32 records, sha256 4FBC346C2AD4D8888EA82391")]
    [InlineData("peis.mpt", "32 records, sha256 749608E23C4EB06CE3888369")]
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
