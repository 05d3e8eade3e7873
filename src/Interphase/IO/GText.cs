using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Interphase.IO;

/// <summary>
/// The text .NET's "G<i>digits</i>" format gives a double in the invariant culture, as UTF-8, made faster where it can
/// be proved to be the same and by .NET itself everywhere else (decision 0039). Every CSV cell of a run's tables and
/// every number of a report's figures goes through it.
/// </summary>
/// <remarks>
/// The fast path covers what the tables and figures are made of: a finite, non-zero value whose rounded form is
/// written without an exponent (10⁻⁴ ≤ |v| &lt; 10^digits), for 1 to 15 digits. With e = ⌊log₁₀|v|⌋ and k = digits − 1 − e
/// (0 ≤ k ≤ 19, so 10^k is an exact double), the G text's digits are |v|·10^k rounded to the nearest integer. The
/// product is computed as its rounded double p plus the exact remainder r = fma(|v|, 10^k, −p) (the error of a
/// product of two doubles is itself a double), so the distance of the exact product from the integer below it is
/// known to within 10⁻¹⁶; where it lies within 10⁻⁶ of one half (a tie, or too close to tell) the value is left to
/// .NET, as is a value whose rounding carries into another digit or whose exponent was misjudged at a power of ten
/// (the integer is then not a <c>digits</c>-digit number). .NET's G formatting is correctly rounded (Grisu3 with a
/// Dragon4 fallback), so away from ties the digits are the same; the layout is G's: positional for exponents −5 &lt; e &lt;
/// digits, trailing zeros dropped, no decimal point without a fraction, "0.000ddd" below one, a leading "-" (the
/// smallest exponent written without "E" is −4: 0.0001 is positional, 0.00001 is 1E-05). The text is laid out without
/// a loop (decision 0043): the digits eight at a time in the bytes of an integer, put in place by whole-word stores.
/// Tested against .NET on millions of values of every kind the fast path takes and refuses (GTextTests).
/// </remarks>
internal static class GText
{
    static readonly double[] Pow10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    static readonly ulong[] IntPow10 =
        [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
         1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000];

    /// <summary>The bytes beyond its digits that <see cref="Layout"/> may write: a sign, a point and a 16-byte store one past it.</summary>
    const int Slack = 18;

    static readonly string[] Formats = Enumerable.Range(0, 18).Select(d => "G" + d.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Writes <paramref name="v"/> as <c>v.TryFormat(dst, out n, "G" + digits, CultureInfo.InvariantCulture)</c> would
    /// (the same bytes) and returns the bytes written; throws when <paramref name="dst"/> is too short (32 bytes always suffice).
    /// Bytes of <paramref name="dst"/> after the text may be overwritten too (the fast path writes whole 16-byte words
    /// where it has the room: up to digits + 18 bytes).
    /// </summary>
    public static int Format(double v, int digits, Span<byte> dst)
    {
        if (TryFast(v, digits, dst, out int n)) return n;
        if (!v.TryFormat(dst, out n, Formats[digits], CultureInfo.InvariantCulture))
            throw new InvalidOperationException("a number's text did not fit its buffer");
        return n;
    }

    /// <summary>The fast path alone: false when the value is not one it can prove (the caller then asks .NET).</summary>
    internal static bool TryFast(double v, int digits, Span<byte> dst, out int written)
    {
        written = 0;
        // (the digits are laid out in the bytes of integers, most significant first: a little-endian layout)
        if (digits is < 1 or > 15 || !BitConverter.IsLittleEndian) return false;
        double a = Math.Abs(v);
        // NaN fails the first comparison; 0 and the values written with an exponent are .NET's
        if (!(a >= 1e-4) || a >= Pow10[digits]) return false;
        // e = ⌊log₁₀ a⌋: ⌊log₁₀ 2^⌊log₂ a⌋⌋ (78913 / 2¹⁸ is log₁₀ 2 to 7 digits) is e or e − 1 (a binade spans less than
        // one decade); ⌊log₂ a⌋ is the exponent field of a (a normal number here); a misjudged e is caught below
        int e = ((int)(BitConverter.DoubleToInt64Bits(a) >> 52) - 1023) * 78913 >> 18;
        if (a >= Pow10From5[e + 6]) e++; // 10^(e + 1)
        int k = digits - 1 - e;
        double p = Pow10[k];
        double prod = a * p;
        double rest = Math.FusedMultiplyAdd(a, p, -prod);
        double floor = Math.Floor(prod);
        double frac = (prod - floor) + rest; // prod − floor is exact (prod < 10^15 < 2^53)
        if (Math.Abs(frac - 0.5) < 1e-6) return false;
        ulong n = (ulong)(long)floor + (frac > 0.5 ? 1UL : 0UL);
        if (n < IntPow10[digits - 1] || n >= IntPow10[digits]) return false;
        if (dst.Length >= digits + Slack)
        {
            written = Layout(n, digits, e, v < 0, dst);
            return true;
        }
        // too little room for the whole stores: laid out aside, then the text alone copied (if it fits)
        Span<byte> aside = stackalloc byte[48]; // ≥ 15 + Slack
        int length = Layout(n, digits, e, v < 0, aside);
        if (length > dst.Length) return false;
        aside[..length].CopyTo(dst);
        written = length;
        return true;
    }

    /// <summary>
    /// The G layout of the <paramref name="digits"/>-digit integer <paramref name="n"/> (its first digit not zero) read
    /// as d.ddd…×10^<paramref name="e"/> (−4 ≤ e &lt; digits): positional, trailing zeros dropped, no point without a
    /// fraction, "0.000ddd" below one, a leading "-". The digits are made eight at a time in the bytes of a 64-bit
    /// integer (SWAR, <see cref="EightDigits"/>), and the text is put in place by whole 16-byte stores, so that a cell
    /// costs a few multiplications and no loop; the stores may write up to <c>digits + 18</c> bytes of
    /// <paramref name="dst"/>, beyond the text returned (the caller checked the room).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int Layout(ulong n, int digits, int e, bool negative, Span<byte> dst)
    {
        // the 16 decimal digits of n (0 ≤ n < 10^16), most significant first in memory, one 0–9 value a byte; then
        // shifted so that the first of its `digits` digits is byte 0 (the bytes above them are 0)
        ulong high = n / 100_000_000;
        UInt128 raw = new(EightDigits(n - high * 100_000_000), EightDigits(high));
        raw >>= 8 * (16 - digits);
        // the significant digits once trailing zeros are dropped: up to the last byte that is not 0 (the first is not)
        int m = 16 - (int)(UInt128.LeadingZeroCount(raw) >> 3);
        UInt128 text = raw + new UInt128(0x3030_3030_3030_3030, 0x3030_3030_3030_3030); // '0' + each digit (no carries)
        ref byte start = ref MemoryMarshal.GetReference(dst);
        int sign = negative ? 1 : 0;
        start = (byte)'-'; // overwritten by the text when positive
        ref byte o = ref Unsafe.Add(ref start, sign);
        if (e >= 0)
        {
            // the integer part's e + 1 digits, then "." and the rest (both stores are whole; a fraction-less number ends before the point)
            Unsafe.WriteUnaligned(ref o, text);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, e + 2), text >> (8 * (e + 1)));
            Unsafe.Add(ref o, e + 1) = (byte)'.';
            return sign + (m > e + 1 ? m + 1 : e + 1);
        }
        // "0." and −e − 1 zeros, then the digits
        Unsafe.WriteUnaligned(ref o, 0x3030_3030_3030_2E30UL); // "0.000000"
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref o, 1 - e), text);
        return sign + 1 - e + m;
    }

    /// <summary>
    /// The eight decimal digits of <paramref name="x"/> &lt; 10⁸ (leading zeros included) as the bytes of a 64-bit
    /// integer, the most significant digit in the lowest byte (first in memory), each byte 0–9: the number split into
    /// two 4-digit halves (one per 32-bit lane), each into two 2-digit quarters (16-bit lanes), each into two digits,
    /// every lane divided at once by a multiplication and a shift (x·10486 ≫ 20 = ⌊x/100⌋ for x &lt; 10⁴, x·103 ≫ 10 =
    /// ⌊x/10⌋ for x &lt; 100; the lanes' products do not reach the next lane).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong EightDigits(ulong x)
    {
        ulong upper = x / 10_000;
        ulong v = upper | ((x - upper * 10_000) << 32);
        ulong hundreds = ((v * 10486) >> 20) & 0x0000_007F_0000_007F;
        v = hundreds | ((v - hundreds * 100) << 16);
        ulong tens = ((v * 103) >> 10) & 0x000F_000F_000F_000F;
        return tens | ((v - tens * 10) << 8);
    }

    /// <summary>10^(i − 5) as the nearest double, i = 0…27 (10⁻⁵ to 10²²).</summary>
    static readonly double[] Pow10From5 =
        [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
}
