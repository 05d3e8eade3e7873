using System.Buffers.Binary;

namespace Interphase.Data.Eis;

/// <summary>
/// Zahner Thales/Zennium binary spectrum (.ism), in the layout Zahner publishes in its own importer
/// (Zahner-Analysis-Python, <c>IsmImport</c>): a 6-byte big-endian version, a 6-byte big-endian
/// count − 1, then N big-endian doubles each of frequency (Hz), |Z| (Ω), phase (rad) and time stamp,
/// N 16-bit significances, and the metadata (date, system, comments). The instrument sweeps up from
/// its start frequency to the highest and then down to the lowest, so the points above the start
/// frequency are measured twice; as Zahner's software does, only the run from the highest to the
/// lowest frequency is read (a note says how many points were left out). Z = |Z|(cos φ + j sin φ).
/// </summary>
internal static class ZahnerIsmReader
{
    const int Header = 12;
    const int BytesPerPoint = 4 * 8 + 2;

    static long Int48(ReadOnlySpan<byte> b)
    {
        long v = 0;
        for (int i = 0; i < 6; i++) v = (v << 8) | b[i];
        return (v & (1L << 47)) != 0 ? v - (1L << 48) : v;
    }

    /// <summary>
    /// Whether the first bytes and the length fit an .ism: a point count whose arrays fit in the file,
    /// and frequencies (as far as <paramref name="head"/> holds them) positive and below 1 GHz.
    /// </summary>
    public static bool Sniff(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < Header + 8 || length < Header + BytesPerPoint) return false;
        long n = Int48(head[6..12]) + 1;
        if (n < 2 || n > 10_000_000 || Header + BytesPerPoint * n > length) return false;
        int inHead = (int)Math.Min(n, (head.Length - Header) / 8);
        for (int i = 0; i < inHead; i++)
        {
            double f = BinaryPrimitives.ReadDoubleBigEndian(head.Slice(Header + 8 * i, 8));
            if (!(f > 0 && f < 1e9)) return false;
        }
        return true;
    }

    public static bool SniffFile(string path)
    {
        if (!File.Exists(path)) return false;
        using var s = DataFile.OpenRead(path);
        var head = new byte[(int)Math.Min(s.Length, 1 << 16)];
        int got = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Sniff(head.AsSpan(0, got), s.Length);
    }

    public static EisRows Read(string path)
    {
        byte[] b;
        try { b = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot read the file: {e.Message}", path); }
        if (b.Length < Header) throw new InputException($"at byte {b.Length}: the file ends inside its 12-byte header (truncated .ism?)", path);
        long n = Int48(b.AsSpan(6, 6)) + 1;
        if (n < 1 || Header + BytesPerPoint * n > b.Length)
            throw new InputException($"at byte 6: the header announces {n} points, {Header + BytesPerPoint * n} bytes of data, but the file has {b.Length} bytes (truncated or not a Zahner .ism)", path);
        int count = (int)n;
        double At(int array, int i) => BinaryPrimitives.ReadDoubleBigEndian(b.AsSpan(Header + 8 * (array * count + i), 8));
        int iMax = 0, iMin = 0;
        for (int i = 0; i < count; i++)
        {
            double f = At(0, i), mod = At(1, i), phase = At(2, i);
            if (!(f > 0) || !double.IsFinite(f) || !double.IsFinite(mod) || !double.IsFinite(phase))
                throw new InputException($"at byte {Header + 8 * i}: point {i + 1} holds frequency {f:G6} Hz, |Z| {mod:G6} Ω, phase {phase:G6} rad: expected a positive frequency and finite values (damaged file?)", path);
            if (f > At(0, iMax)) iMax = i;
            if (f < At(0, iMin)) iMin = i;
        }
        var rows = new EisRows("Zahner .ism");
        int from = Math.Min(iMax, iMin), to = Math.Max(iMax, iMin);
        for (int i = from; i <= to; i++)
        {
            double mod = At(1, i), phase = At(2, i);
            rows.Add(i + 1, At(0, i), mod * Math.Cos(phase), mod * Math.Sin(phase));
        }
        int left = count - (to - from + 1);
        if (left > 0)
            rows.Notes.Add($"read the {to - from + 1} points from {At(0, from):G6} Hz to {At(0, to):G6} Hz; the other {left} of the file's {count} (the sweep from the start frequency, measured again) are left out, as Zahner's software does");
        rows.Notes.Add("Z' and Z'' from |Z| and the phase (rad) the .ism stores");
        return rows;
    }
}
