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
        if (IsPlainNumber(field, separator) &&
            csFastFloat.FastDoubleParser.TryParseDouble(field, out int consumed, out value, decimal_separator: separator) &&
            consumed == field.Length && double.IsFinite(value))
            return true;
        return TryParseGeneral(field, format, out value);
    }

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
