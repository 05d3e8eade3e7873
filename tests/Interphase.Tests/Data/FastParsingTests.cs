using System.Globalization;
using System.Text;
using Interphase.Data;
using Interphase.Data.Delimited;
using Interphase.Data.Text;

namespace Interphase.Tests.Data;

/// <summary>
/// The text readers' fast paths (issue 11) against the semantics they replace: a plain number is parsed by
/// csFastFloat instead of the BCL, and a plain hh:mm:ss time straight from its bytes instead of through a string.
/// Each must give the same double, bit for bit, on awkward input; anything else must still take the old path.
/// </summary>
public class FastParsingTests
{
    static readonly NumberFormatInfo CommaFormat = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };

    /// <summary>What Numbers.TryParse did before the fast path: trim, the BCL's parse, then NaN and inf spellings.</summary>
    static bool OldParse(string text, bool comma, out double value)
    {
        var t = text.Trim(' ', '"', '\t');
        if (double.TryParse(t, NumberStyles.Float, comma ? CommaFormat : NumberFormatInfo.InvariantInfo, out value)) return true;
        if (t.Length is >= 3 and <= 4)
        {
            var s = t.ToLowerInvariant();
            if (s == "nan") { value = double.NaN; return true; }
            if (s == "inf") { value = double.PositiveInfinity; return true; }
        }
        return false;
    }

    static void Same(string text, bool comma)
    {
        bool oldOk = OldParse(text, comma, out var expected);
        bool newOk = Numbers.TryParse(Encoding.Latin1.GetBytes(text), Numbers.Format(comma), out var actual);
        Assert.True(oldOk == newOk, $"'{text}' (decimal {(comma ? "comma" : "point")}): parsed {newOk}, before {oldOk}");
        if (oldOk)
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || double.IsNaN(expected) && double.IsNaN(actual),
                $"'{text}' (decimal {(comma ? "comma" : "point")}): {actual:R}, before {expected:R}");
    }

    static readonly string[] Awkward =
    [
        "0", "-0", "+0", "0.0", "-0.0", "1", "-1", "+1", "1.", ".5", "-.5", "+.5", ".", "-", "+", "", " ", "e5", "1e", "1e+", "1e-",
        "1.e5", ".5e-3", "1E5", "1e+05", "-9.63E-05", "2.54E-11", "3.2796359", "0.017097674", "1499006353", "00042", "0001.5000",
        "1e308", "1.7976931348623157e308", "1.7976931348623159e308", "1e309", "-1e400", "4.9e-324", "2.4703282292062328e-324",
        "2.4703282292062327e-324", "1e-400", "123456789012345678901234567890", "0.1000000000000000055511151231257827",
        "9007199254740993", "9007199254740992.5", "2.2250738585072011e-308", "2.2250738585072012e-308",
        "\"3.25\"", " 3.25 ", "\t-1.5\t", "\"  7 \"", "1,5", "1.5,", "1,234.5", "1 234,5", "3,2796359", "-9,63E-05", ",5", "1,",
        "1.5.5", "1,5,5", "1e5.5", "0x10", "1_000", "NaN", "nan", "NAN", "inf", "Inf", "-inf", "Infinity", "-Infinity", "∞",
        "N/A", "1.5V", "12:00:00", "1d", "١٢٣",
    ];

    [Fact]
    public void Numbers_FastPathGivesTheBclsDoubleOnAwkwardFields()
    {
        foreach (var text in Awkward)
        {
            Same(text, comma: false);
            Same(text, comma: true);
        }
    }

    [Fact]
    public void Numbers_FastPathGivesTheBclsDoubleOnRandomDecimals()
    {
        var rng = new Random(11);
        for (int k = 0; k < 100_000; k++)
        {
            var sb = new StringBuilder();
            if (rng.Next(4) == 0) sb.Append(rng.Next(2) == 0 ? '-' : '+');
            int intDigits = rng.Next(0, 21), fracDigits = rng.Next(0, 21);
            for (int i = 0; i < intDigits; i++) sb.Append((char)('0' + rng.Next(10)));
            bool comma = rng.Next(3) == 0;
            if (fracDigits > 0 || rng.Next(4) == 0) sb.Append(comma ? ',' : '.');
            for (int i = 0; i < fracDigits; i++) sb.Append((char)('0' + rng.Next(10)));
            if (rng.Next(3) == 0) sb.Append(rng.Next(2) == 0 ? 'e' : 'E').Append(rng.Next(3) switch { 0 => "-", 1 => "+", _ => "" }).Append(rng.Next(0, 340));
            // now and then a character the fast path must refuse
            if (rng.Next(50) == 0) sb.Insert(rng.Next(sb.Length + 1), " .,e+-x:\"".AsSpan(rng.Next(9), 1));
            Same(sb.ToString(), comma);
            Same(sb.ToString(), !comma);
        }
    }

    [Fact]
    public void PlainDuration_SameSecondsAsTheStringPath()
    {
        string[] awkward =
        [
            "00:00:00", "00:01:00", "144:02:18", "01:26:00.5", "1:02", "0:00:01.25", "12:30", "1:2:3:4", "1::2", ":1:2", "1:2:",
            "1.02:03:04", "1d 02:03:04", "0d 00:00:05", "01:26:00,5", "1:2e1:3", "-1:00:00", "+1:00:00", "1: 2:3", "99999:59:59.999999",
        ];
        var rng = new Random(7);
        var all = awkward.Concat(Enumerable.Range(0, 20_000).Select(_ =>
            $"{rng.Next(0, 2000)}:{rng.Next(0, 60):00}" + (rng.Next(3) > 0 ? $":{rng.Next(0, 60):00}" : "") + (rng.Next(2) == 0 ? $".{rng.Next(0, 1_000_000)}" : "")));
        int fast = 0;
        foreach (var text in all)
        {
            bool oldOk = DelimitedCyclingReader.TryDuration(text, out var expected);
            if (!DelimitedCyclingReader.TryPlainDuration(Encoding.ASCII.GetBytes(text), out var actual)) continue;
            fast++;
            Assert.True(oldOk, $"'{text}': the fast path read {actual} s where the string path refuses it");
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"'{text}': {actual:R} s, before {expected:R} s");
        }
        Assert.True(fast > 15_000, $"the fast path took only {fast} of the plain durations");
    }

    /// <summary>
    /// A delimited file with quoted fields, blanks around fields and names, decimal commas, exponents, empty cells and CRLF line ends: every value of
    /// the dataset equals, bit for bit, the BCL's parse of the cell's text (the semantics before the fast path).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DelimitedReader_AwkwardFileReadAsTheBclReadsEachCell(bool decimalComma)
    {
        char sep = decimalComma ? ';' : ',';
        var rng = new Random(decimalComma ? 3 : 5);
        var rows = new List<string[]>();
        double t = 0;
        for (int k = 0; k < 400; k++)
        {
            t += rng.NextDouble() * 10;
            // (time rounded to fewer digits could run backwards, which the reader refuses: it keeps them all)
            string Num(double x, bool exact = false) => (rng.Next(exact ? 2 : 4) switch
            {
                0 => x.ToString("E16", CultureInfo.InvariantCulture),
                1 => x.ToString("R", CultureInfo.InvariantCulture),
                2 => x.ToString("0.############", CultureInfo.InvariantCulture),
                _ => x.ToString("e3", CultureInfo.InvariantCulture),
            }) is var s && decimalComma ? s.Replace('.', ',') : s;
            // blanks around a field now and then (outside any quotes), which the reader trims where it reads the field
            string Quoted(string s) => (rng.Next(3) == 0 ? $"\"{s}\"" : s) is var q && rng.Next(4) == 0 ? $" {q}\t " : q;
            double current = (rng.NextDouble() - 0.5) * 2e-3;
            rows.Add(
            [
                Quoted(Num(t, exact: true)),
                Quoted(Num(3 + rng.NextDouble())),
                Quoted(Num(current)),
                rng.Next(5) == 0 ? "" : Quoted(Num(rng.NextDouble() * 1e-3)),   // an empty cell now and then
                rng.Next(5) == 0 ? "" : Quoted(Num(rng.NextDouble() * 1e-3)),
            ]);
        }
        var path = Path.Combine(Path.GetTempPath(), $"interphase-awkward-{Guid.NewGuid():N}.csv");
        try
        {
            var text = new StringBuilder($"\"Test Time (s)\"{sep} \"Voltage (V)\"{sep}Current (A) {sep}\"Charge Capacity (Ah)\"{sep}  Discharge Capacity (Ah)\r\n");
            foreach (var r in rows) text.Append(string.Join(sep, r)).Append("\r\n");
            File.WriteAllText(path, text.ToString());
            var d = DataFile.ReadCycling(path);
            Assert.Equal(rows.Count, d.Count);
            var fmt = decimalComma ? CommaFormat : NumberFormatInfo.InvariantInfo;
            double Cell(string s) => s.Length == 0 ? double.NaN : double.Parse(s.Trim(' ', '\t').Trim('"'), NumberStyles.Float, fmt);
            double t0 = Cell(rows[0][0]);
            for (int k = 0; k < rows.Count; k++)
            {
                var r = rows[k];
                Bits(Cell(r[0]) - t0, d.TimeS[k], k, "time");
                Bits(Cell(r[1]), d.Voltage[k], k, "voltage");
                Bits(Cell(r[2]), d.Current[k], k, "current");
                Bits(Cell(r[3]) * 3600, d.ChargeCapacity[k], k, "charge capacity");
                Bits(Math.Abs(Cell(r[4]) * 3600), d.DischargeCapacity[k], k, "discharge capacity");
            }
            if (decimalComma) Assert.Contains("decimal commas", d.Info.Notes);
        }
        finally { File.Delete(path); }
    }

    static void Bits(double expected, double actual, int row, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || double.IsNaN(expected) && double.IsNaN(actual),
            $"record {row + 1}, {what}: {actual:R}, the cell's text gives {expected:R}");
}
