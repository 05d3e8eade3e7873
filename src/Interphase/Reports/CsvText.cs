using System.Globalization;
using System.Text;

namespace Interphase.Reports;

/// <summary>Small helper for numeric CSV output: invariant culture, NaN as empty, fixed column order.</summary>
public sealed class CsvText
{
    readonly StringBuilder _sb = new();
    readonly int _columns;

    public CsvText(params string[] header)
    {
        _columns = header.Length;
        _sb.AppendJoin(',', header).Append('\n');
    }

    public CsvText Row(params double[] values)
    {
        if (values.Length != _columns) throw new ArgumentException($"expected {_columns} values, got {values.Length}");
        for (int k = 0; k < values.Length; k++)
        {
            if (k > 0) _sb.Append(',');
            Append(values[k]);
        }
        _sb.Append('\n');
        return this;
    }

    public CsvText RawRow(IEnumerable<string> cells)
    {
        _sb.AppendJoin(',', cells.Select(Escape)).Append('\n');
        return this;
    }

    void Append(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v)) return;
        // whole numbers (cycle, step, flags, a full contact, no filament) as integers: the same text as G9 gives
        // them, at a fraction of the cost; everything else through G9 without an intermediate string
        if (v == Math.Floor(v) && Math.Abs(v) < 1e9 && !(v == 0 && double.IsNegative(v))) _sb.Append((long)v);
        else _sb.Append(CultureInfo.InvariantCulture, $"{v:G9}");
    }

    public static string Format(double v) => double.IsFinite(v) ? v.ToString("G9", CultureInfo.InvariantCulture) : "";

    /// <summary>A CSV cell: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Escape(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    public override string ToString() => _sb.ToString();
}
