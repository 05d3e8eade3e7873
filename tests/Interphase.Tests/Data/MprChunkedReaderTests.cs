using Interphase.Data;
using Interphase.Data.BioLogic;

namespace Interphase.Tests.Data;

/// <summary>
/// The .mpr reader decodes chunks of records column by column straight into the dataset's columns (issue 11, speed;
/// docs/decisions/0048-binary-readers-speed.md). It must give, bit for bit, the dataset of the record-by-record reader it
/// replaced (which the .mpt files still use): on every .mpr of the fixtures and of the shared files, and on a copy with a
/// broken record (the same refusal at the same byte).
/// </summary>
public class MprChunkedReaderTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-mpr-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "measured", "biologic", name);

    [Theory]
    [InlineData("ocv.issue_149.mpr")]
    [InlineData("mb.issue_223.mpr")]
    [InlineData("geis.issue_149.mpr")]
    [InlineData("peis.issue_149.mpr")]
    [InlineData("mb.mpr")]
    public void FixturesReadAsRecordByRecord(string name) => SameAsByRows(Fixture(name));

    [SharedDataTheory]
    [InlineData("bcd.issue_241.mpr")]
    [InlineData("gcpl.issue_149.mpr")]
    [InlineData("mb.issue_95.mpr")]
    [InlineData("peis.mpr")]
    public void SharedFilesReadAsRecordByRecord(string name) => SameAsByRows(SharedFiles.BioLogic(name));

    /// <summary>A voltage made NaN in record 1000 of bcd.issue_241.mpr: both readers refuse it with the same line.</summary>
    [SharedDataFact]
    public void BrokenRecordRefusedAtTheSameByte()
    {
        var b = File.ReadAllBytes(SharedFiles.BioLogic("bcd.issue_241.mpr"));
        var path = Path.Combine(_dir, "broken.mpr");
        long at;
        int offset;
        using (var f = MprFile.Open(SharedFiles.BioLogic("bcd.issue_241.mpr")))
        {
            at = f.DataStart + 999L * f.RecordSize;
            int voltage = f.IndexOf("Ecell/V") is var v and >= 0 ? v : f.IndexOf("Ewe/V");
            offset = f.ColumnOffset(voltage);
        }
        BitConverter.GetBytes(float.NaN).CopyTo(b, at + offset);
        File.WriteAllBytes(path, b);
        var byRows = Assert.Throws<InputException>(() => BioLogicReader.ReadMprByRows(path));
        var chunked = Assert.Throws<InputException>(() => BioLogicReader.ReadMpr(path));
        Assert.Contains("record 1000 of", chunked.Message);
        Assert.Equal(byRows.Message, chunked.Message);
    }

    static void SameAsByRows(string path)
    {
        CyclingDataset expected;
        try { expected = BioLogicReader.ReadMprByRows(path); }
        catch (InputException e)
        {
            Assert.Equal(e.Message, Assert.Throws<InputException>(() => BioLogicReader.ReadMpr(path)).Message);
            return;
        }
        var d = BioLogicReader.ReadMpr(path);
        Assert.Equal(expected.Count, d.Count);
        Same(expected.TimeS, d.TimeS, "time");
        Same(expected.Voltage, d.Voltage, "voltage");
        Same(expected.Current, d.Current, "current");
        Same(expected.ChargeCapacity, d.ChargeCapacity, "charge capacity");
        Same(expected.DischargeCapacity, d.DischargeCapacity, "discharge capacity");
        Same(expected.ChargeEnergy, d.ChargeEnergy, "charge energy");
        Same(expected.DischargeEnergy, d.DischargeEnergy, "discharge energy");
        Assert.Equal(expected.TemperatureC is null, d.TemperatureC is null);
        if (expected.TemperatureC is not null) Same(expected.TemperatureC, d.TemperatureC!, "temperature");
        Assert.Equal(expected.Step, d.Step);
        Assert.Equal(expected.Cycle, d.Cycle);
        Assert.Equal(expected.StepIndex, d.StepIndex);
        Assert.Equal(expected.Info.Notes, d.Info.Notes);
        Assert.Equal(expected.Info.Header, d.Info.Header);
        Assert.Equal(expected.Info.Technique, d.Info.Technique);
        // the absent or empty counters share one column of NaN, as the builder makes them
        Assert.Equal(ReferenceEquals(expected.ChargeEnergy, expected.DischargeEnergy), ReferenceEquals(d.ChargeEnergy, d.DischargeEnergy));
        Assert.Equal(ReferenceEquals(expected.ChargeCapacity, expected.ChargeEnergy), ReferenceEquals(d.ChargeCapacity, d.ChargeEnergy));
    }

    static void Same(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"{what} of record {i + 1}: {expected[i]:R} expected, {actual[i]:R} read");
    }
}
