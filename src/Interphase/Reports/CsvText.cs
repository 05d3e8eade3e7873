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

    /// <summary>A number's cell: the text every CSV of Interphase gives it (<see cref="Interphase.IO.NumericTable.FormatCell"/>).</summary>
    void Append(double v)
    {
        Span<byte> text = stackalloc byte[32];
        int n = Interphase.IO.NumericTable.FormatCell(v, text);
        Span<char> chars = stackalloc char[32];
        for (int k = 0; k < n; k++) chars[k] = (char)text[k]; // the text is ASCII
        _sb.Append(chars[..n]);
    }

    /// <summary>
    /// A value's cell text, for a row written with <see cref="RawRow"/>: the same text as <see cref="Row"/> gives it
    /// (<see cref="Interphase.IO.NumericTable.FormatCell"/>: G9, which is the integer's own text for a whole number
    /// below 10⁹), empty when not finite.
    /// </summary>
    public static string Format(double v)
    {
        Span<byte> text = stackalloc byte[32];
        int n = Interphase.IO.NumericTable.FormatCell(v, text);
        return n == 0 ? "" : System.Text.Encoding.ASCII.GetString(text[..n]);
    }

    /// <summary>A CSV cell: quoted when it holds a comma, a quote or a line break.</summary>
    public static string Escape(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    public override string ToString() => _sb.ToString();
}
