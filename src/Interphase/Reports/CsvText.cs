using System.Globalization;
using System.Text;

namespace Interphase.Reports;

/// <summary>
/// Small helper for numeric CSV output: invariant culture, NaN as empty, fixed column order. The text is
/// kept whole (<see cref="ToString"/>) or, with a <see cref="TextWriter"/>, passed on to it in pieces as it
/// grows, so that a table of millions of rows never sits in memory as one string (<see cref="Flush"/> at the end).
/// </summary>
public sealed class CsvText
{
    const int SpillChars = 1 << 15;
    readonly StringBuilder _sb = new();
    readonly int _columns;
    readonly TextWriter? _sink;

    public CsvText(params string[] header)
    {
        _columns = header.Length;
        _sb.AppendJoin(',', header).Append('\n');
    }

    /// <summary>A table written to <paramref name="sink"/> as it grows; call <see cref="Flush"/> after the last row.</summary>
    public CsvText(TextWriter sink, params string[] header) : this(header) => _sink = sink;

    /// <summary>Passes what is buffered on to the writer given at construction (nothing without one).</summary>
    public void Flush()
    {
        if (_sink is null) return;
        _sink.Write(_sb);
        _sb.Clear();
    }

    void Spill()
    {
        if (_sink is not null && _sb.Length >= SpillChars) Flush();
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
        Spill();
        return this;
    }

    public CsvText RawRow(IEnumerable<string> cells)
    {
        _sb.AppendJoin(',', cells.Select(Escape)).Append('\n');
        Spill();
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
