using System.Globalization;
using System.Text;
using Interphase.IO;

namespace Interphase.Tests.Reports;

/// <summary>
/// GText, the fast G formatting of the tables' and figures' numbers (decision 0039), gives exactly the bytes of .NET's
/// "G<i>digits</i>" formatting: on values of every magnitude and sign, on ties and near-ties of the last digit (where the
/// fast path must step aside), at powers of ten and at the edges of positional notation, for every digit count.
/// </summary>
public class GTextTests
{
    static IEnumerable<(double Value, bool NearTie)> Values(int digits, Random rng)
    {
        double[] fixedValues = [0, -0.0, 1e-4, 9.9999999e-5, 0.0001000000005, 1e-5, 0.1, 0.3, 2.0 / 3, 1, 10, 9999999.5, 99999999.5, 999999999.5,
            123456.75, 0.125, 1.5, 2.5, 1e15, 1e16, 5e-324, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        foreach (var v in fixedValues) yield return (v, true);
        for (int e = -8; e <= 17; e++)
        {
            double p = Math.Pow(10, e);
            double x = p;
            for (int s = 0; s < 4; s++) x = Math.BitDecrement(x);
            for (int s = 0; s < 9; s++, x = Math.BitIncrement(x)) yield return (x, true);
        }
        for (int k = 0; k < 25_000; k++)
        {
            // anything: random magnitudes, random bits, short decimals (a current of 0.1, a time of 1.25 h)
            yield return (rng.NextDouble() * Math.Pow(10, rng.Next(-7, 18)), false);
            yield return (BitConverter.Int64BitsToDouble(rng.NextInt64(0x3E00_0000_0000_0000, 0x4400_0000_0000_0000)), false);
            // (a short decimal is a tie when it has one digit more than is kept: 0.25 in G1)
            yield return (Math.Round(rng.NextDouble() * 1000, rng.Next(0, 6)) / Math.Pow(10, rng.Next(0, 5)), true);
            // a tie of the last kept digit (…d5 exactly, or the nearest double to it) and its neighbours
            int e = rng.Next(-4, digits);
            double tie = (Math.Floor(rng.NextDouble() * 9 * Math.Pow(10, digits - 1)) + Math.Pow(10, digits - 1) + 0.5) * Math.Pow(10, e - digits + 1);
            yield return (tie, true);
            yield return (Math.BitIncrement(tie), true);
            yield return (Math.BitDecrement(tie), true);
            // the rounding carrying into a new digit (9.99…95 → 10)
            double nines = (Math.Pow(10, digits) - 0.5) * Math.Pow(10, e - digits + 1);
            yield return (nines, true);
            yield return (Math.BitIncrement(nines), true);
            yield return (Math.BitDecrement(nines), true);
        }
    }

    [Fact]
    public void EveryValueHasTheTextOfDotNetsGFormat()
    {
        var rng = new Random(39);
        Span<byte> mine = stackalloc byte[32];
        Span<byte> theirs = stackalloc byte[32];
        for (int digits = 1; digits <= 17; digits++)
        {
            int fast = 0, inRange = 0;
            foreach (var (x, nearTie) in Values(digits, rng))
                foreach (var v in new[] { x, -x })
                {
                    int n = GText.Format(v, digits, mine);
                    Assert.True(v.TryFormat(theirs, out int m, "G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
                    if (!mine[..n].SequenceEqual(theirs[..m]))
                        Assert.Fail($"G{digits} of {v:R}: '{Encoding.ASCII.GetString(mine[..n])}', .NET '{Encoding.ASCII.GetString(theirs[..m])}'");
                    bool positional = double.IsFinite(v) && v != 0 && !theirs[..m].Contains((byte)'E');
                    if (positional && !nearTie && digits <= 15)
                    {
                        inRange++;
                        if (GText.TryFast(v, digits, mine, out _)) fast++;
                    }
                }
            // the fast path is what is tested: it takes nearly every value written without an exponent that is not a tie
            // (with 1 or 2 digits, 5 % and 0.5 % of values carry into another digit, 0.96 → 1, and are left to .NET)
            if (digits <= 15) Assert.True(fast > (digits >= 3 ? 0.99 : 0.9) * inRange, $"G{digits}: the fast path took {fast} of {inRange} positional values");
            else Assert.Equal(0, fast);
        }
    }

    [Fact]
    public void ATieOfTheLastDigitIsLeftToDotNet()
    {
        Span<byte> b = stackalloc byte[32];
        // 0.125 with 2 digits is exactly between 0.12 and 0.13; 2.5 with 1 digit between 2 and 3
        Assert.False(GText.TryFast(0.125, 2, b, out _));
        Assert.False(GText.TryFast(2.5, 1, b, out _));
        Assert.True(GText.TryFast(0.126, 2, b, out int n));
        Assert.Equal("0.13", Encoding.ASCII.GetString(b[..n]));
    }

    [Fact]
    public void EightDigitsAreTheNumbersDecimalDigitsMostSignificantFirst()
    {
        // the SWAR split (decision 0043) against .NET's D8 text, on every power of ten and its neighbours and at random
        var rng = new Random(43);
        var xs = new List<ulong> { 0, 99_999_999 };
        for (ulong p = 1; p < 100_000_000; p *= 10) xs.AddRange([p - 1, p, p + 1]);
        for (int k = 0; k < 200_000; k++) xs.Add((ulong)rng.NextInt64(0, 100_000_000));
        foreach (var x in xs)
        {
            ulong d = GText.EightDigits(x);
            var text = new char[8];
            for (int b = 0; b < 8; b++) text[b] = (char)('0' + (int)((d >> (8 * b)) & 0xFF));
            Assert.Equal(x.ToString("D8", CultureInfo.InvariantCulture), new string(text));
        }
    }

    [Fact]
    public void TheTextIsTheSameWhateverTheRoomAndNothingBeforeItIsTouched()
    {
        // the fast path writes whole 16-byte words where it has the room (up to digits + 18 bytes) and lays the text out
        // aside where it has not: the text must be the same either way, and a buffer of exactly its length must do
        var rng = new Random(430);
        var big = new byte[64];
        for (int k = 0; k < 20_000; k++)
        {
            int digits = rng.Next(1, 16);
            double v = (rng.Next(2) == 0 ? -1 : 1) * rng.NextDouble() * Math.Pow(10, rng.Next(-4, digits));
            Assert.True(v.TryFormat(big, out int m, "G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            var expected = big[..m];
            foreach (int room in new[] { m, m + 1, digits + 17, digits + 18, 48 })
            {
                var dst = new byte[4 + room + 32]; // 4 bytes before the span and 32 after it, to see any store outside it
                dst.AsSpan().Fill(0xEE);
                int n = GText.Format(v, digits, dst.AsSpan(4, room));
                Assert.Equal(Encoding.ASCII.GetString(expected), Encoding.ASCII.GetString(dst, 4, n));
                Assert.Equal([0xEE, 0xEE, 0xEE, 0xEE], dst[..4]);
                if (room < digits + 18) Assert.All(dst[(4 + room)..], b => Assert.Equal(0xEE, b)); // no store past the span
            }
        }
    }
}
