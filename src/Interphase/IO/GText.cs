using System.Globalization;

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
/// digits, trailing zeros dropped, no decimal point without a fraction, "0.000ddd" below one, a leading "-".
/// Tested against .NET on millions of values of every kind the fast path takes and refuses (GTextTests).
/// </remarks>
internal static class GText
{
    static readonly double[] Pow10 =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    static readonly ulong[] IntPow10 =
        [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
         1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000];

    /// <summary>The smallest decimal exponent written without "E" by G (−4: 0.0001 is positional, 0.00001 is 1E-05).</summary>
    const int MinExponent = -4;

    static readonly string[] Formats = Enumerable.Range(0, 18).Select(d => "G" + d.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>
    /// Writes <paramref name="v"/> as <c>v.TryFormat(dst, out n, "G" + digits, CultureInfo.InvariantCulture)</c> would
    /// (the same bytes) and returns the bytes written; throws when <paramref name="dst"/> is too short (32 bytes always suffice).
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
        if (digits is < 1 or > 15 || dst.Length < digits + 6) return false; // the longest text: -0.000 and the digits
        double a = Math.Abs(v);
        // NaN fails the first comparison; 0 and the values written with an exponent are .NET's
        if (!(a >= 1e-4) || a >= Pow10[digits]) return false;
        // e = ⌊log₁₀ a⌋: ⌊log₁₀ 2^⌊log₂ a⌋⌋ (78913 / 2¹⁸ is log₁₀ 2 to 7 digits) is e or e − 1 (a binade spans less than one decade)
        int e = (Math.ILogB(a) * 78913) >> 18;
        if (e < MinExponent || a >= Pow10At(e + 1)) e++;
        int k = digits - 1 - e;
        double p = Pow10[k];
        double prod = a * p;
        double rest = Math.FusedMultiplyAdd(a, p, -prod);
        double floor = Math.Floor(prod);
        double frac = (prod - floor) + rest; // prod − floor is exact (prod < 10^15 < 2^53)
        if (Math.Abs(frac - 0.5) < 1e-6) return false;
        ulong n = (ulong)floor + (frac > 0.5 ? 1UL : 0UL);
        if (n < IntPow10[digits - 1] || n >= IntPow10[digits]) return false;

        Span<byte> d = stackalloc byte[16];
        int i = digits;
        for (; i >= 2; i -= 2)
        {
            ulong q = n / 100;
            int pair = (int)(n - q * 100);
            d[i - 1] = (byte)('0' + pair % 10);
            d[i - 2] = (byte)('0' + pair / 10);
            n = q;
        }
        if (i == 1) d[0] = (byte)('0' + (int)n);
        int m = digits; // significant digits left once trailing zeros are dropped
        while (m > 1 && d[m - 1] == '0') m--;

        int pos = 0;
        if (v < 0) dst[pos++] = (byte)'-';
        if (e >= 0)
        {
            d[..(e + 1)].CopyTo(dst[pos..]);
            pos += e + 1;
            if (m > e + 1)
            {
                dst[pos++] = (byte)'.';
                d[(e + 1)..m].CopyTo(dst[pos..]);
                pos += m - e - 1;
            }
        }
        else
        {
            dst[pos++] = (byte)'0';
            dst[pos++] = (byte)'.';
            for (int z = 0; z < -e - 1; z++) dst[pos++] = (byte)'0';
            d[..m].CopyTo(dst[pos..]);
            pos += m;
        }
        written = pos;
        return true;
    }

    /// <summary>10^e as the nearest double, for −4 ≤ e ≤ 22.</summary>
    static double Pow10At(int e) => e >= 0 ? Pow10[e] : NegPow10[-e];

    static readonly double[] NegPow10 = [1e0, 1e-1, 1e-2, 1e-3, 1e-4];
}
