using System.Buffers.Binary;
using Interphase.Data;
using Interphase.Data.Neware;

namespace Interphase.Tests.Data;

/// <summary>
/// The streaming .nda reader (issue 11, speed; docs/decisions/0019-eis-batch-speed.md): records that cross the reader's
/// blocks (files larger than the first megabyte it reads), records out of index order and repeated indices, on copies
/// of the real shared files.
/// </summary>
public class NdaStreamingTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-nda-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    static string Neware(string name) => Path.Combine(TestPaths.SharedData, "neware", name);

    /// <summary>The first record (byte offset) and the record length of a BTS 9.1 file, as the reader finds them.</summary>
    static (int First, int Length, int End) Bts91(byte[] b)
    {
        int len = b.AsSpan(1026).IndexOf(b.AsSpan(1024, 2)) + 2;
        int end = 1024;
        while (end + len <= b.Length && b[end] != 0x81) end += len;
        return (1024, len, end);
    }

    /// <summary>
    /// TestFile.nda's records repeated until the file passes 3 MB (the reader decodes 1 MB blocks), each repetition
    /// with its indices and times moved on: every record must come back, in order, with the original's values.
    /// </summary>
    [SharedDataFact]
    public void RecordsBeyondTheFirstBlockAreAllReadInOrder()
    {
        var b = File.ReadAllBytes(Neware("TestFile.nda"));
        var (first, len, end) = Bts91(b);
        int count = (end - first) / len;
        uint maxIndex = 0, maxSeconds = 0;
        for (int k = 0; k < count; k++)
        {
            var r = b.AsSpan(first + k * len);
            if (r[0] != 0x55) continue;
            maxIndex = Math.Max(maxIndex, BinaryPrimitives.ReadUInt32LittleEndian(r[8..]));
            maxSeconds = Math.Max(maxSeconds, BinaryPrimitives.ReadUInt32LittleEndian(r[12..]));
        }
        var path = Path.Combine(_dir, "long.nda");
        int reps;
        using (var f = File.Create(path))
        {
            f.Write(b, 0, first);
            for (reps = 0; f.Length < 3_300_000; reps++)
            {
                var copy = b.AsSpan(first, end - first).ToArray();
                for (int k = 0; k < count; k++)
                {
                    var r = copy.AsSpan(k * len);
                    if (r[0] != 0x55) continue;
                    BinaryPrimitives.WriteUInt32LittleEndian(r[8..], BinaryPrimitives.ReadUInt32LittleEndian(r[8..]) + (uint)reps * maxIndex);
                    BinaryPrimitives.WriteUInt32LittleEndian(r[12..], BinaryPrimitives.ReadUInt32LittleEndian(r[12..]) + (uint)reps * (maxSeconds + 1));
                }
                f.Write(copy);
            }
            f.Write(b, end, b.Length - end);
        }
        Assert.True(new FileInfo(path).Length > 3_000_000);
        var one = NdaReader.Read(Neware("TestFile.nda"), out var statusOne);
        var all = NdaReader.Read(path, out var statusAll);
        Assert.Equal(reps * one.Count, all.Count);
        Assert.Equal(one.Info.FileActiveMassKg, all.Info.FileActiveMassKg);
        for (int rep = 0; rep < reps; rep++)
            for (int i = 0; i < one.Count; i++)
            {
                int k = rep * one.Count + i;
                Assert.True(one.Voltage[i] == all.Voltage[k] && one.Current[i] == all.Current[k] && one.ChargeCapacity[i] == all.ChargeCapacity[k]
                            && one.DischargeEnergy[i] == all.DischargeEnergy[k] && statusOne[i] == statusAll[k],
                    $"repetition {rep + 1}, record {i + 1}: not the original's values");
                Assert.Equal(one.TimeS[i] + rep * (maxSeconds + 1.0), all.TimeS[k], 6);
            }
    }

    /// <summary>
    /// Two records swapped and one overwritten by a copy of its predecessor (a repeated index): the reader orders by
    /// index and drops the repeat, so the file reads as the original less the overwritten record.
    /// </summary>
    [SharedDataTheory]
    [InlineData("TestFile.nda")]
    [InlineData("new_nda_file.nda")]
    public void SwappedAndRepeatedRecordsReadAsTheOrderedFile(string name)
    {
        var b = File.ReadAllBytes(Neware(name));
        int first, len;
        if (b[14] == 130) (first, len, _) = Bts91(b);
        else
        {
            // version 29: four zero bytes, then 55 00, where the next 86-byte record starts with 55 too
            len = 86;
            ReadOnlySpan<byte> marker = [0, 0, 0, 0, 0x55, 0];
            int p = b.AsSpan().IndexOf(marker);
            while (!(b[p + 4 + len] == 0x55 && b[p + 4 + 12] != 0)) p += 4 + b.AsSpan(p + 4).IndexOf(marker);
            first = p + 4;
        }
        int Rec(int k) => first + k * len;
        var swapped = (byte[])b.Clone();
        b.AsSpan(Rec(20), len).CopyTo(swapped.AsSpan(Rec(4)));
        b.AsSpan(Rec(4), len).CopyTo(swapped.AsSpan(Rec(20)));
        b.AsSpan(Rec(7), len).CopyTo(swapped.AsSpan(Rec(8)));
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, swapped);

        var original = NdaReader.Read(Neware(name));
        var read = NdaReader.Read(path);
        Assert.Equal(original.Count - 1, read.Count);
        Assert.Contains("1 duplicate records (same index) dropped", read.Info.Notes);
        // record 9 (index 8 from 0) is gone; every other record is where the original has it
        var keep = Enumerable.Range(0, original.Count).Where(i => i != 8).ToArray();
        Assert.Equal(keep.Select(i => original.Voltage[i]), read.Voltage);
        Assert.Equal(keep.Select(i => original.Current[i]), read.Current);
        Assert.Equal(keep.Select(i => original.StepIndex[i]), read.StepIndex);
    }
}
