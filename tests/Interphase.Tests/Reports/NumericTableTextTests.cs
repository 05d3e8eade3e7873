using System.Globalization;
using System.Text;
using Interphase.IO;

namespace Interphase.Tests.Reports;

/// <summary>
/// NumericTable's CSV is each cell's G9 text (an integer below 10⁹ as itself, a non-finite value empty), made chunk by
/// chunk with a repeated cell copied from the row above by one 16-byte move (decision 0043): checked against text made
/// cell by cell with .NET's own formatting, for cells of every length (up to the 16 bytes of "-1.23456789E-308"), repeated
/// and not, in tables of one column (the row above is then only a line feed behind) and of several.
/// </summary>
public class NumericTableTextTests
{
    static string Expected(NumericTable t)
    {
        var sb = new StringBuilder(string.Join(',', t.Names)).Append('\n');
        for (int i = 0; i < t.RowCount; i++)
        {
            for (int j = 0; j < t.ColumnCount; j++)
            {
                if (j > 0) sb.Append(',');
                double v = t[i, j];
                if (!double.IsFinite(v)) continue;
                bool whole = v == Math.Floor(v) && Math.Abs(v) < 1e9 && !(v == 0 && double.IsNegative(v));
                sb.Append(whole ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("G9", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(3, 5)]
    [InlineData(15, 2048)]
    public void EveryCellIsItsG9TextRepeatedOrNot(int columns, int rowsPerChunk)
    {
        var rng = new Random(columns * 1000 + rowsPerChunk);
        double[] pool = [-1.23456789e-308, 1.23456789e-308, -0.000123456789, -123456.789, 0.1, -0.0, 0, 1, -999_999_999, 1e9, 2.5e-5,
            double.NaN, double.PositiveInfinity, 12345678.9, -1.5, 0.000100000001, 7];
        var t = new NumericTable(Enumerable.Range(0, columns).Select(j => $"c{j}").ToList());
        var row = new double[columns];
        for (int i = 0; i < 5000; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                // a column keeps its value for a while (copied cells), takes one from the pool, or a new random one
                int pick = rng.Next(10);
                if (i == 0 || pick >= 6) row[j] = pick % 2 == 0 ? pool[rng.Next(pool.Length)] : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 12));
            }
            t.Row(row);
        }
        using var ms = new MemoryStream();
        t.StartCsv(rowsPerChunk).WriteTo(ms);
        var text = Encoding.UTF8.GetString(ms.ToArray());
        var expected = Expected(t);
        if (text != expected)
        {
            var a = text.Split('\n');
            var b = expected.Split('\n');
            int k = 0;
            while (k < Math.Min(a.Length, b.Length) && a[k] == b[k]) k++;
            Assert.Fail($"line {k + 1}: '{(k < a.Length ? a[k] : "")}', expected '{(k < b.Length ? b[k] : "")}'");
        }
    }
}
