using System.Globalization;

namespace Interphase.Data.Text;

/// <summary>
/// Parses numbers straight from the bytes of a text file, with '.' or ',' as the decimal separator
/// (German, French … exports of EC-Lab write decimal commas). No string is allocated per field.
/// </summary>
public static class Numbers
{
    static readonly NumberFormatInfo Comma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };
    const NumberStyles Style = NumberStyles.Float;

    public static NumberFormatInfo Format(bool decimalComma) => decimalComma ? Comma : NumberFormatInfo.InvariantInfo;

    /// <summary>Parse one field (surrounding blanks and quotes allowed).</summary>
    /// <remarks>
    /// A field that is a plain decimal number (<see cref="IsPlainNumber(ReadOnlySpan{byte}, byte)"/>) is parsed by csFastFloat (Lemire's
    /// fast_float: correctly rounded, so the same double as <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>
    /// gives, several times faster); anything else, and any field it does not take whole or that overflows, by the BCL
    /// as before. Tests compare the two on awkward fields.
    /// </remarks>
    public static bool TryParse(ReadOnlySpan<byte> field, NumberFormatInfo format, out double value)
    {
        field = Trim(field);
        byte separator = ReferenceEquals(format, Comma) ? (byte)',' : (byte)'.';
        if (TryShortDecimal(field, separator, out value)) return true;
        if (IsPlainNumber(field, separator) &&
            csFastFloat.FastDoubleParser.TryParseDouble(field, out int consumed, out value, decimal_separator: separator) &&
            consumed == field.Length && double.IsFinite(value))
            return true;
        return TryParseGeneral(field, format, out value);
    }

    static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// A plain decimal number (<see cref="IsPlainNumber(ReadOnlySpan{byte}, byte)"/>) whose digits, read as one integer w,
    /// are at most 2⁵³ and whose power of ten q (the exponent less the digits after the separator) is within ±22, in one
    /// pass: w and 10^|q| are then doubles exactly, so w × 10^q (or w ÷ 10^−q), a single correctly rounded operation, is
    /// the double nearest to the text, the one the BCL and csFastFloat give (Clinger's fast path: W. D. Clinger, How to
    /// read floating point numbers accurately, PLDI 1990; fast_float applies it first too). Most fields of cyclers'
    /// exports are such numbers ("3.2796359", "-9.63E-05", "10"); anything else returns false and goes to csFastFloat.
    /// Decision 0038: the scan that checked a field was plain and csFastFloat's own scan were half of the Arbin CSV
    /// reader's time.
    /// </summary>
    internal static bool TryShortDecimal(ReadOnlySpan<byte> s, byte separator, out double value) => ShortDecimal(s, separator, out value);

    /// <summary>
    /// <see cref="TryShortDecimal(ReadOnlySpan{byte}, byte, out double)"/> for text already decoded: the impedance text
    /// readers' fields (<c>EisText.TryNumber</c>), which went to csFastFloat, whose methods run at tier 0 for most of a
    /// fresh process's read of one large file (decision 0050).
    /// </summary>
    internal static bool TryShortDecimal(ReadOnlySpan<char> s, char separator, out double value) => ShortDecimal(s, separator, out value);

    /// <summary>The one pass of <see cref="TryShortDecimal(ReadOnlySpan{byte}, byte, out double)"/> over bytes or chars.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static bool ShortDecimal<T>(ReadOnlySpan<T> s, T separator, out double value) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        value = 0;
        int i = 0, n = s.Length;
        bool negative = false;
        if (i < n && (Code(s[i]) == '-' || Code(s[i]) == '+')) { negative = Code(s[i]) == '-'; i++; }
        ulong w = 0;
        int digits = 0, scale = 0;
        for (; i < n && Code(s[i]) - '0' <= 9; i++, digits++) w = w * 10 + (Code(s[i]) - '0');
        if (i < n && s[i] == separator)
            for (i++; i < n && Code(s[i]) - '0' <= 9; i++, digits++, scale--) w = w * 10 + (Code(s[i]) - '0');
        // 19 digits cannot overflow 64 bits; more go to the general parse
        if (digits is 0 or > 19) return false;
        if (i < n && (Code(s[i]) | 0x20) == 'e')
        {
            i++;
            bool negativeExponent = false;
            if (i < n && (Code(s[i]) == '-' || Code(s[i]) == '+')) { negativeExponent = Code(s[i]) == '-'; i++; }
            int e = 0, exponentDigits = 0;
            for (; i < n && Code(s[i]) - '0' <= 9 && exponentDigits < 4; i++, exponentDigits++) e = e * 10 + (int)(Code(s[i]) - '0');
            if (exponentDigits == 0) return false;
            scale += negativeExponent ? -e : e;
        }
        if (i != n || w > 1UL << 53 || scale is < -22 or > 22) return false;
        double d = w;
        d = scale < 0 ? d / PowersOfTen[-scale] : d * PowersOfTen[scale];
        value = negative ? -d : d;
        return true;
    }

    /// <summary>A byte's or char's code as an unsigned number (so that code − '0' ≤ 9 tests for a digit in one comparison).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    static uint Code<T>(T c) where T : unmanaged, System.Numerics.IBinaryInteger<T> => uint.CreateTruncating(c);

    /// <summary>The BCL's parse, and the spellings of NaN and infinity other tools write.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static bool TryParseGeneral(ReadOnlySpan<byte> field, NumberFormatInfo format, out double value)
    {
        if (double.TryParse(field, Style, format, out value)) return true;
        // "NaN", "nan", "inf" spelled by other tools
        if (field.Length is >= 3 and <= 4)
        {
            Span<char> c = stackalloc char[4];
            for (int i = 0; i < field.Length; i++) c[i] = (char)(field[i] | 0x20);
            var s = c[..field.Length];
            if (s.SequenceEqual("nan")) { value = double.NaN; return true; }
            if (s.SequenceEqual("inf")) { value = double.PositiveInfinity; return true; }
        }
        return false;
    }

    /// <summary>Parse one field of chars (header values, CSV cells).</summary>
    public static bool TryParse(ReadOnlySpan<char> field, NumberFormatInfo format, out double value) =>
        double.TryParse(field.Trim().Trim('"'), Style, format, out value);

    /// <summary>
    /// An optional sign, digits with at most one <paramref name="separator"/> among them (at least one digit), and an
    /// optional exponent (e or E, an optional sign, digits): a number that <see cref="NumberStyles.Float"/> reads
    /// and whose value is its decimal text rounded to the nearest double.
    /// </summary>
    public static bool IsPlainNumber(ReadOnlySpan<byte> s, byte separator)
    {
        int i = 0, n = s.Length;
        if (i < n && (s[i] == (byte)'-' || s[i] == (byte)'+')) i++;
        int digits = 0;
        while (i < n && (uint)(s[i] - '0') <= 9) { i++; digits++; }
        if (i < n && s[i] == separator)
        {
            i++;
            while (i < n && (uint)(s[i] - '0') <= 9) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < n && (s[i] == (byte)'-' || s[i] == (byte)'+')) i++;
            int exponent = 0;
            while (i < n && (uint)(s[i] - '0') <= 9) { i++; exponent++; }
            if (exponent == 0) return false;
        }
        return i == n;
    }

    /// <summary><see cref="IsPlainNumber(ReadOnlySpan{byte}, byte)"/> for text already decoded.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool IsPlainNumber(ReadOnlySpan<char> s, char separator)
    {
        int i = 0, n = s.Length;
        if (i < n && (s[i] == '-' || s[i] == '+')) i++;
        int digits = 0;
        while (i < n && (uint)(s[i] - '0') <= 9) { i++; digits++; }
        if (i < n && s[i] == separator)
        {
            i++;
            while (i < n && (uint)(s[i] - '0') <= 9) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s[i] | 0x20) == 'e')
        {
            i++;
            if (i < n && (s[i] == '-' || s[i] == '+')) i++;
            int exponent = 0;
            while (i < n && (uint)(s[i] - '0') <= 9) { i++; exponent++; }
            if (exponent == 0) return false;
        }
        return i == n;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && (s[a] == (byte)' ' || s[a] == (byte)'"' || s[a] == (byte)'\t')) a++;
        while (b > a && (s[b - 1] == (byte)' ' || s[b - 1] == (byte)'"' || s[b - 1] == (byte)'\t')) b--;
        return s[a..b];
    }

    /// <summary>
    /// Decide from the first data fields whether the file writes decimal commas: a field with a
    /// comma and no point (tab- or semicolon-separated files only; in a comma-separated file the
    /// comma is the separator).
    /// </summary>
    public static bool LooksLikeDecimalComma(ReadOnlySpan<byte> dataLine, byte separator)
    {
        if (separator == (byte)',') return false;
        bool comma = false;
        foreach (var range in dataLine.Split(separator))
        {
            var f = dataLine[range];
            if (f.IndexOf((byte)'.') >= 0) return false;
            if (f.IndexOf((byte)',') >= 0) comma = true;
        }
        return comma;
    }
}
