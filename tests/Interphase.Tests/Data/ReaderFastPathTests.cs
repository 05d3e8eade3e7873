using System.Globalization;
using System.Text;
using Interphase.Data.Eis;
using Interphase.Data.Text;

namespace Interphase.Tests.Data;

/// <summary>
/// The fast paths of decision 0038 against the semantics they replace: Clinger's one-pass parse of short decimals (the
/// cycling readers' numbers), the impedance text readers' numbers and rows read without strings, and a small impedance
/// file read from its head. Each must give the same doubles bit for bit, refuse what the old path refused, and be taken
/// for the ordinary fields and rows (so that switching it off fails the counts).
/// </summary>
public sealed class ReaderFastPathTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-fastpath-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    static string RandomDecimal(Random rng, int maxIntDigits, int maxFracDigits, int maxExponent, char separator)
    {
        var sb = new StringBuilder();
        if (rng.Next(4) == 0) sb.Append(rng.Next(2) == 0 ? '-' : '+');
        int intDigits = rng.Next(0, maxIntDigits + 1), fracDigits = rng.Next(0, maxFracDigits + 1);
        for (int i = 0; i < intDigits; i++) sb.Append((char)('0' + rng.Next(10)));
        if (fracDigits > 0 || intDigits == 0) sb.Append(separator);
        for (int i = 0; i < Math.Max(fracDigits, intDigits == 0 ? 1 : 0); i++) sb.Append((char)('0' + rng.Next(10)));
        if (rng.Next(2) == 0) sb.Append(rng.Next(2) == 0 ? 'e' : 'E').Append(rng.Next(3) switch { 0 => "-", 1 => "+", _ => "" }).Append(rng.Next(0, maxExponent + 1));
        return sb.ToString();
    }

    [Fact]
    public void ShortDecimals_TakenForCyclerNumbersAndExactlyTheBclsDouble()
    {
        var rng = new Random(38);
        int taken = 0, total = 0;
        foreach (bool comma in new[] { false, true })
        {
            char sep = comma ? ',' : '.';
            var fmt = comma ? new NumberFormatInfo { NumberDecimalSeparator = "," } : NumberFormatInfo.InvariantInfo;
            // what exports hold: up to 15 significant digits, exponents within ±12
            for (int k = 0; k < 50_000; k++, total++)
            {
                var text = RandomDecimal(rng, 8, 7, 12, sep);
                Assert.True(Numbers.TryShortDecimal(Encoding.ASCII.GetBytes(text), (byte)sep, out var fast), $"'{text}' did not take the short path");
                taken++;
                Assert.True(double.TryParse(text, NumberStyles.Float, fmt, out var bcl));
                Assert.True(SameBits(bcl, fast), $"'{text}': {fast:R}, the BCL {bcl:R}");
            }
            // anything: where the short path answers, it answers the BCL's double
            for (int k = 0; k < 50_000; k++)
            {
                var text = RandomDecimal(rng, 22, 22, 330, sep);
                if (!Numbers.TryShortDecimal(Encoding.ASCII.GetBytes(text), (byte)sep, out var fast)) continue;
                Assert.True(double.TryParse(text, NumberStyles.Float, fmt, out var bcl), $"'{text}' taken by the short path, refused by the BCL");
                Assert.True(SameBits(bcl, fast), $"'{text}': {fast:R}, the BCL {bcl:R}");
            }
        }
        Assert.Equal(total, taken);
        // the edges: 2^53 and 10^±22 are in, one more digit or power out; signs of zero kept
        Assert.True(Numbers.TryShortDecimal("9007199254740992"u8, (byte)'.', out var edge) && edge == 9007199254740992d);
        Assert.False(Numbers.TryShortDecimal("9007199254740993"u8, (byte)'.', out _));
        Assert.True(Numbers.TryShortDecimal("1e22"u8, (byte)'.', out _));
        Assert.False(Numbers.TryShortDecimal("1e23"u8, (byte)'.', out _));
        Assert.False(Numbers.TryShortDecimal("1.5e-22"u8, (byte)'.', out _));
        Assert.True(Numbers.TryShortDecimal("-0.0"u8, (byte)'.', out var negativeZero) && SameBits(negativeZero, -0.0));
        foreach (var bad in new[] { "", "-", ".", "1e", "1e+", "1.5.5", "0x10", "1,5", " 1", "1 ", "nan", "inf", "1e99999" })
            Assert.False(Numbers.TryShortDecimal(Encoding.ASCII.GetBytes(bad), (byte)'.', out _), $"'{bad}' taken by the short path");
    }

    /// <summary>
    /// The char form of the short path (EisText.TryNumber's first step, decision 0050): taken for the numbers of exports,
    /// and wherever it answers, the BCL's double and the byte form's, bit for bit; refused where the byte form refuses.
    /// </summary>
    [Fact]
    public void ShortDecimals_OfCharsAreTheBytesAndTheBclsDouble()
    {
        var rng = new Random(50);
        int taken = 0;
        foreach (bool comma in new[] { false, true })
        {
            char sep = comma ? ',' : '.';
            var fmt = comma ? new NumberFormatInfo { NumberDecimalSeparator = "," } : NumberFormatInfo.InvariantInfo;
            for (int k = 0; k < 100_000; k++)
            {
                var text = k < 50_000 ? RandomDecimal(rng, 8, 7, 12, sep) : RandomDecimal(rng, 22, 22, 330, sep);
                bool bytes = Numbers.TryShortDecimal(Encoding.ASCII.GetBytes(text), (byte)sep, out var fromBytes);
                bool chars = Numbers.TryShortDecimal(text.AsSpan(), sep, out var fromChars);
                Assert.True(bytes == chars, $"'{text}': bytes {bytes}, chars {chars}");
                if (k < 50_000) Assert.True(chars, $"'{text}' did not take the short path");
                if (!chars) continue;
                taken++;
                Assert.True(double.TryParse(text, NumberStyles.Float, fmt, out var bcl));
                Assert.True(SameBits(bcl, fromChars) && SameBits(fromBytes, fromChars), $"'{text}': {fromChars:R}, the BCL {bcl:R}");
                Assert.True(EisText.TryNumber(text, comma, out var eis) && SameBits(bcl, eis), $"'{text}': EisText {eis:R}, the BCL {bcl:R}");
            }
        }
        Assert.True(taken >= 100_000);
        foreach (var bad in new[] { "", "-", ".", "1e", "1e+", "1.5.5", "0x10", "1,5", " 1", "1 ", "nan", "inf", "1e99999", "9007199254740993", "1e23", "\u0661" })
            Assert.False(Numbers.TryShortDecimal(bad.AsSpan(), '.', out _), $"'{bad}' taken by the short path");
    }

    /// <summary>What EisText.TryNumber did before its fast path: trim, quotes, decimal commas made points, the BCL.</summary>
    static bool OldEisNumber(string field, bool decimalComma, out double value)
    {
        var f = field.Trim().Trim('"');
        if (decimalComma) f = f.Replace(',', '.');
        return double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [Fact]
    public void EisNumbers_SameAsTheBclOnAwkwardAndRandomFields()
    {
        string[] awkward =
        [
            "0", "-0", "+0", "1.", ".5", "-.5", ".", "-", "", " ", "e5", "1e", "1e+", "1.e5", "-9.63E-05", "1e308", "1e309", "-1e400",
            "4.9e-324", "1e-400", "123456789012345678901234567890", "\"3.25\"", " 3.25 ", "\t-1.5\t", "\" 7 \"", "1,5", "1.5,", "1,234.5",
            "1,234,5", ",5", "1,", "1.5.5", "0x10", "NaN", "Infinity", "-Infinity", "∞", "N/A", "1.5V", "1\u00a0", "\u00a01.5", "١٢٣",
        ];
        var rng = new Random(5);
        var all = awkward.Concat(Enumerable.Range(0, 40_000).Select(_ => RandomDecimal(rng, 20, 20, 340, rng.Next(2) == 0 ? '.' : ',')));
        foreach (var text in all)
            foreach (bool comma in new[] { false, true })
            {
                bool oldOk = OldEisNumber(text, comma, out var expected);
                bool newOk = EisText.TryNumber(text.AsSpan(), comma, out var actual);
                Assert.True(oldOk == newOk, $"'{text}' (decimal {(comma ? "comma" : "point")}): parsed {newOk}, before {oldOk}");
                if (oldOk) Assert.True(SameBits(expected, actual) || double.IsNaN(expected) && double.IsNaN(actual), $"'{text}': {actual:R}, before {expected:R}");
            }
    }

    /// <summary>The fields of a row as the reader splits it into strings (a trailing separator adds none; spaces: runs of white space).</summary>
    static string[] OldSplit(string l, char sep) => sep == ' '
        ? l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
        : l.TrimEnd().TrimEnd(sep).Split(sep).Select(s => s.Trim()).ToArray();

    [Fact]
    public void SpectrumRows_WithoutStringsAsThroughStrings()
    {
        var rng = new Random(11);
        string[] pieces = ["1.5", "-2.25e-3", "1000", "\"3.5\"", " 7 ", "\t8\t", "", "abc", "1,5", "0", "-0", "NaN", "1e400", "2,5e3", "\u00a04"];
        int fast = 0, rows = 0;
        foreach (var (sep, comma) in new[] { (',', false), (';', true), ('\t', false), ('\t', true), (' ', false) })
        {
            for (int k = 0; k < 20_000; k++)
            {
                int n = rng.Next(1, 7);
                var fields = Enumerable.Range(0, n).Select(_ => rng.Next(3) == 0
                    ? pieces[rng.Next(pieces.Length)]
                    : (rng.NextDouble() * Math.Pow(10, rng.Next(-6, 7))).ToString(rng.Next(2) == 0 ? "R" : "E6", CultureInfo.InvariantCulture)).ToList();
                if (comma) fields = fields.Select(f => f.Replace('.', ',')).ToList();
                var line = string.Join(sep == ' ' ? new string(' ', rng.Next(1, 4)) : sep.ToString(), fields);
                if (rng.Next(5) == 0) line += sep;
                if (rng.Next(5) == 0) line = "  " + line + " \r";
                int cf = 0, cr = 1, ci = 2, cs = rng.Next(3) == 0 ? 3 : -1;
                int need = Math.Max(3, cs + 1);
                rows++;
                bool ok = DelimitedSpectrumReader.TryRow(line, sep, comma, cf, cr, ci, cs, need, new RowWidth(6, Exact: false), out var f, out var re, out var im, out var sigma);
                var old = OldSplit(line, sep);
                bool oldOk = old.Length >= need && OldEisNumber(old[cf], comma, out var f0) & OldEisNumber(old[cr], comma, out var re0)
                    & OldEisNumber(old[ci], comma, out var im0);
                double s0 = double.NaN;
                if (oldOk && cs >= 0) oldOk = OldEisNumber(old[cs], comma, out s0) && s0 > 0 && double.IsFinite(s0);
                if (!ok) continue; // the reader then reads the row through the strings as before
                fast++;
                Assert.True(oldOk, $"'{line}' (separator '{sep}'): read without strings, refused through them");
                OldEisNumber(old[cf], comma, out f0); OldEisNumber(old[cr], comma, out re0); OldEisNumber(old[ci], comma, out im0);
                Assert.True(SameBits(f, f0) && SameBits(re, re0) && SameBits(im, im0) && (cs < 0 ? double.IsNaN(sigma) : SameBits(sigma, s0)),
                    $"'{line}' (separator '{sep}'): {f:R} {re:R} {im:R} {sigma:R}, through strings {f0:R} {re0:R} {im0:R} {s0:R}");
            }
        }
        // most generated rows are plain: the fast path must take them
        Assert.True(fast > rows / 4, $"only {fast} of {rows} rows were read without strings");
    }

    [Fact]
    public void SpectrumFiles_SmallAndLargerThanTheHead_ReadWhole()
    {
        // a file of many sweeps past the 64 kB the binary sniffers look at is read whole, and one within it the same as
        // through the text path
        var sb = new StringBuilder("freq,Z',Z''\n");
        int sweeps = 0;
        while (sb.Length < 150_000)
        {
            for (int i = 0; i < 40; i++)
            {
                double f = Math.Pow(10, 5 - i * 0.15);
                sb.Append(CultureInfo.InvariantCulture, $"{f:R},{10 + 100 / (1 + f / 1e3) + sweeps * 1e-3:R},{-50 * (f / 1e3) / (1 + f * f / 1e6):R}\n");
            }
            sweeps++;
        }
        var large = Path.Combine(_dir, "many.csv");
        File.WriteAllText(large, sb.ToString());
        Assert.True(new FileInfo(large).Length > 1 << 16);
        var all = EisFile.ReadAll(large);
        Assert.Equal(sweeps, all.Count);
        Assert.All(all, s => Assert.Equal(40, s.Count));
        Assert.Equal(10 + 100 / (1 + Math.Pow(10, 5 - 39 * 0.15) / 1e3) + (sweeps - 1) * 1e-3, all[^1].Impedance[^1].Real, 1e-12);

        var small = Path.Combine(_dir, "one.csv");
        File.WriteAllText(small, string.Join('\n', sb.ToString().Split('\n').Take(41)) + "\n");
        var one = EisFile.ReadAll(small);
        var viaText = DelimitedSpectrumReader.Read(EisText.Load(small)).ToSpectra(small);
        Assert.Single(one);
        Assert.Equal(viaText[0].FrequenciesHz, one[0].FrequenciesHz);
        Assert.Equal(viaText[0].Impedance, one[0].Impedance);
        Assert.Equal(all[0].Impedance, one[0].Impedance);
    }

    /// <summary>
    /// The lines of an <see cref="EisText"/> as ranges of its text (decision 0060) are the strings the reader split before:
    /// <c>Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')</c>, on every mix of "\r\n", "\r" and "\n" (a line end
    /// at the start, the end, doubled, "\r\r\n", "\n\r") and for both the ranges and the strings made from them on demand.
    /// </summary>
    [Fact]
    public void TextLinesAsRangesAreTheStringsTheSplitMade()
    {
        var rng = new Random(60);
        string[] pieces = ["a", "1,2,3", "", " ", "\r\n", "\r", "\n", "\r\r\n", "\n\r", "Z'"];
        for (int trial = 0; trial < 2000; trial++)
        {
            var sb = new StringBuilder();
            for (int k = rng.Next(0, 12); k > 0; k--) sb.Append(pieces[rng.Next(pieces.Length)]);
            var text = sb.ToString();
            var expected = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var (start, length) = EisText.Split(text);
            Assert.Equal(expected, start.Select((a, i) => text.Substring(a, length[i])).ToArray());
        }
        var path = Path.Combine(_dir, "lines.csv");
        File.WriteAllText(path, "f,Z',Z''\r\n1,2,-3\r4,5,-6\n\n7,8,-9\r\n");
        var loaded = EisText.Load(path);
        string[] lines = ["f,Z',Z''", "1,2,-3", "4,5,-6", "", "7,8,-9", ""];
        Assert.Equal(lines, loaded.Lines);
        Assert.Equal(lines, Enumerable.Range(0, loaded.LineCount).Select(i => loaded.Line(i).ToString()).ToArray());
    }
}
