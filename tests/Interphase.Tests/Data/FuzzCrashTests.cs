using Interphase.Data.Analysis;

namespace Interphase.Tests.Data;

/// <summary>
/// Crashes found by the mutation fuzzer (bench: <c>-- fuzz SECONDS</c>, ReaderFuzz), each rebuilt here from the real
/// file and the damage the fuzzer recorded, so that no damaged copy is committed. Each must now be read and analysed
/// or refused on one line, never escape as another exception.
/// </summary>
public class FuzzCrashTests
{
    static string Damaged(string shared, Func<byte[], byte[]> damage)
    {
        var bytes = damage(File.ReadAllBytes(Path.Combine(TestPaths.SharedData, shared)));
        var p = Path.Combine(TestPaths.TempDir(), Path.GetFileName(shared));
        File.WriteAllBytes(p, bytes);
        return p;
    }

    [SharedDataFact]
    public void ARepeatedSpanInANdaGivesAVoltageOfNoCellAndNoDqDvInsteadOfAnOverflow()
    {
        // fuzz 2026-12-06: TestFile.nda with the 272 bytes at 269667 repeated shifts the records so that one voltage
        // reads as an enormous number; the dQ/dV grid of that half cycle overflowed an int (OverflowException)
        var path = Damaged("neware/TestFile.nda", b => [.. b[..(269667 + 272)], .. b[269667..(269667 + 272)], .. b[(269667 + 272)..]]);
        Measurement? m = null;
        try { m = Measurement.Analyze(path); }
        catch (InputException e) { Assert.Contains("TestFile.nda", e.OneLine); }
        if (m?.Full is { } f) Assert.Contains(f.Cycles, c => c.Cycle > 0);
    }
}
