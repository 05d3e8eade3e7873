using System.Buffers.Binary;
using Interphase.Data.Neware;

namespace Interphase.Tests.Data;

/// <summary>
/// The active mass of a version-130 .nda sits after the last marker of the file (from byte 1024). The reader looks for
/// the marker in the blocks of records it decodes and then in the rest of the file (issue 11, speed;
/// docs/decisions/0048-binary-readers-speed.md), instead of reading the file once more: the last marker must be found
/// wherever it is, across the reader's blocks too.
/// </summary>
public class NdaMassMarkerTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-nda-mass-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    static readonly byte[] Marker = [0x06, 0x00, 0xf0, 0x1d, 0x81, 0x00, 0x03, 0x00, 0x61, 0x90, 0x71, 0x90, 0x02, 0x7f, 0xff, 0x00];

    /// <summary>Writes the marker at <paramref name="at"/> and <paramref name="mg"/> where the reader takes the mass from.</summary>
    static void Plant(byte[] b, int at, double mg)
    {
        Marker.CopyTo(b, at);
        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(at + 16 + 499 - 8), mg);
    }

    /// <summary>The reader's conversion of the planted milligrams.</summary>
    static double Kg(double mg) => mg * 1e-6;

    /// <summary>TestFile.nda (no marker of its own) with its records repeated past 3 MB, so that they span several of the
    /// reader's 1 MB blocks; returns the bytes and where the records end (the footer's start).</summary>
    static (byte[] Bytes, int Footer, int RecordLength) Long()
    {
        var b = File.ReadAllBytes(SharedFiles.Neware("TestFile.nda"));
        int len = b.AsSpan(1026).IndexOf(b.AsSpan(1024, 2)) + 2;
        int end = 1024;
        while (end + len <= b.Length && b[end] != 0x81) end += len;
        var all = new List<byte>(b[..1024]);
        while (all.Count < 3_300_000) all.AddRange(b[1024..end]);
        int footer = all.Count;
        all.AddRange(b[end..]);
        return (all.ToArray(), footer, len);
    }

    double? Mass(byte[] b, string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, b);
        return NdaReader.Read(path).Info.FileActiveMassKg;
    }

    [SharedDataFact]
    public void NoMarkerNoMass() => Assert.Null(Mass(Long().Bytes, "none.nda"));

    [SharedDataFact]
    public void MarkerInTheFooter()
    {
        var (b, footer, _) = Long();
        Plant(b, footer + 100, 12.5);
        Assert.Equal(Kg(12.5), Mass(b, "footer.nda"));
    }

    /// <summary>A marker in the records that straddles the end of the reader's first block (1 MB of whole records from
    /// byte 1024), and an earlier one: the later one is the file's last, and the footer holds none.</summary>
    [SharedDataFact]
    public void MarkerAcrossTheReadersBlocks()
    {
        var (b, _, len) = Long();
        int blockEnd = 1024 + (1 << 20) / len * len;
        Plant(b, 200_000, 3.0);
        Plant(b, blockEnd - 7, 7.25);
        Assert.Equal(Kg(7.25), Mass(b, "straddle.nda"));
    }

    /// <summary>
    /// A marker across the end of the file's last whole record (where the blocks the reader decodes end and the rest of
    /// the file, read for the mass alone, begins), after a valid one in the records: the later marker is the file's last,
    /// and as the file ends before its mass, there is none (as before; the earlier marker's 1.5 mg would mean the
    /// later one was missed).
    /// </summary>
    [SharedDataFact]
    public void MarkerAcrossTheLastWholeRecord()
    {
        var (b, footer, len) = Long();
        int lastWhole = 1024 + (b.Length - 1024) / len * len;
        Assert.True(lastWhole - 9 > footer && lastWhole + 7 <= b.Length, "the footer reaches past the last whole record");
        Plant(b, footer - 3000, 1.5);
        Assert.Equal(Kg(1.5), Mass(b, "earlier.nda"));
        Marker.CopyTo(b, lastWhole - 9);
        Assert.Null(Mass(b, "edge.nda"));
    }

    /// <summary>The search in pieces agrees with a search of the whole, for random pieces and planted patterns.</summary>
    [Fact]
    public void PiecesAgreeWithTheWhole()
    {
        var rng = new Random(48);
        for (int trial = 0; trial < 400; trial++)
        {
            var data = new byte[rng.Next(1, 400)];
            for (int i = 0; i < data.Length; i++) data[i] = (byte)rng.Next(0, 3); // few values, so partial matches abound
            byte[] pattern = [1, 2, 0, 1, 2];
            for (int p = rng.Next(0, 4); p > 0; p--)
            {
                int at = rng.Next(0, Math.Max(1, data.Length - pattern.Length + 1));
                if (at + pattern.Length <= data.Length) pattern.CopyTo(data, at);
            }
            var seen = new LastOccurrence(pattern);
            long offset = 5000;
            for (int pos = 0; pos < data.Length;)
            {
                int k = Math.Min(data.Length - pos, rng.Next(0, 9));
                seen.See(data.AsSpan(pos, k), offset + pos);
                pos += k;
            }
            int expected = data.AsSpan().LastIndexOf(pattern);
            Assert.Equal(expected < 0 ? -1 : offset + expected, seen.Last);
        }
    }
}
