using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Interphase.Reports;

/// <summary>
/// Writes figures as the JSON that <c>Plotly.newPlot</c> takes (data, layout, config). Numbers are
/// written in invariant culture with <see cref="Figure.SignificantDigits"/> digits, non-finite
/// values as <c>null</c> (a gap in the line). Strings are escaped for JSON and, because the JSON
/// sits inside a <c>&lt;script&gt;</c> element, <c>&lt; &gt; &amp;</c> become <c>\u003C</c> etc.; user
/// text that plotly displays is also HTML-escaped, since plotly reads a few tags (&lt;b&gt;,
/// &lt;br&gt;, &lt;a&gt;) in labels and must show them literally.
/// </summary>
internal static class PlotlyJson
{
    internal const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    /// <summary>Okabe–Ito palette (distinguishable with colour-vision deficiency), black last.</summary>
    internal static readonly string[] Colorway =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

    static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Default,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>The array of figures the page script renders: [{id, data, layout, config}, …].</summary>
    public static string Serialize(IReadOnlyList<(string Id, Figure Figure)> figures)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartArray();
            foreach (var (id, fig) in figures) WriteFigure(w, id, fig);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// One element of the array <see cref="Serialize"/> writes, as UTF-8: the array is "[" + the figures joined by
    /// "," + "]" (the writer is not indented), so figures serialised apart, on different threads, make the same bytes.
    /// </summary>
    public static ArrayBufferWriter<byte> SerializeFigure(string id, Figure figure)
    {
        // room for the numbers (about 8 bytes each) and the layout from the start: a buffer that grows by doubling copies
        // itself and leaves its old arrays to the collector, a megabyte or two for a long run's report
        long numbers = figure.Traces.Sum(t => 2L * t.Count) + (figure.ParallelAxes?.Sum(a => (long)a.Values.Count) ?? 0);
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min((1 << 14) + 10 * numbers, int.MaxValue / 2));
        using (var w = new Utf8JsonWriter(buffer, Options)) WriteFigure(w, id, figure);
        return buffer;
    }

    static void WriteFigure(Utf8JsonWriter w, string id, Figure fig)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WritePropertyName("data");
        w.WriteStartArray();
        foreach (var t in fig.Traces) WriteTrace(w, t, fig.SignificantDigits);
        if (fig.ParallelAxes is { } axes) WriteParallel(w, axes, fig.SignificantDigits);
        w.WriteEndArray();
        w.WritePropertyName("layout");
        WriteLayout(w, fig);
        w.WritePropertyName("config");
        WriteConfig(w, fig);
        w.WriteEndObject();
    }

    static void WriteTrace(Utf8JsonWriter w, Trace t, int digits)
    {
        w.WriteStartObject();
        w.WriteString("type", t.UsesWebGl ? "scattergl" : "scatter");
        w.WriteString("name", Html.Escape(t.Name));
        w.WriteString("mode", t.Mode switch
        {
            TraceMode.Lines => "lines",
            TraceMode.Markers => "markers",
            TraceMode.LinesAndMarkers => "lines+markers",
            _ => throw new ArgumentOutOfRangeException(nameof(t), t.Mode, "unknown trace mode"),
        });
        WriteNumbers(w, "x", t.X, digits);
        WriteNumbers(w, "y", t.Y, digits);
        if (t.YAxis == 2) w.WriteString("yaxis", "y2");

        w.WriteStartObject("line");
        w.WriteNumber("width", t.LineWidth);
        w.WriteString("dash", t.Dash switch
        {
            LineDash.Solid => "solid",
            LineDash.Dot => "dot",
            LineDash.Dash => "dash",
            LineDash.LongDash => "longdash",
            LineDash.DashDot => "dashdot",
            _ => throw new ArgumentOutOfRangeException(nameof(t), t.Dash, "unknown dash"),
        });
        if (t.Color is not null) w.WriteString("color", t.Color);
        w.WriteEndObject();

        w.WriteStartObject("marker");
        w.WriteNumber("size", t.MarkerSize);
        if (t.Color is not null) w.WriteString("color", t.Color);
        if (t.Hollow)
        {
            // an open symbol is drawn by its outline, in the marker's colour
            w.WriteString("symbol", "circle-open");
            w.WriteStartObject("line");
            w.WriteNumber("width", 2);
            w.WriteEndObject();
        }
        w.WriteEndObject();

        if (t.HoverText is not null)
        {
            w.WriteStartArray("hovertext");
            foreach (var s in t.HoverText) w.WriteStringValue(Html.Escape(s));
            w.WriteEndArray();
        }
        if (t.LegendGroup is not null) w.WriteString("legendgroup", t.LegendGroup);
        if (t.FillToPrevious)
        {
            w.WriteString("fill", "tonexty");
            if (t.Color is not null) w.WriteString("fillcolor", t.Color);
        }
        if (!t.ShowInLegend) w.WriteBoolean("showlegend", false);
        w.WriteEndObject();
    }

    /// <summary>A parcoords trace: one dimension per axis, lines coloured by the last axis.</summary>
    static void WriteParallel(Utf8JsonWriter w, IReadOnlyList<ParallelAxis> axes, int digits)
    {
        w.WriteStartObject();
        w.WriteString("type", "parcoords");
        w.WriteStartObject("line");
        WriteNumbers(w, "color", axes[^1].Values, digits);
        w.WriteString("colorscale", "Viridis");
        w.WriteBoolean("showscale", true);
        w.WriteEndObject();
        w.WriteStartArray("dimensions");
        foreach (var a in axes)
        {
            w.WriteStartObject();
            w.WriteString("label", Html.Escape(a.Label));
            WriteNumbers(w, "values", a.Values, digits);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Pixels from the top of a figure to its title: the toolbar (modebar, 25 px high, 1 px down) sits above it.</summary>
    internal const int TitleTop = 33;

    /// <summary>Pixels from the top of a figure to its legend: below the title (16 px type, ≈20 px high).</summary>
    internal const int LegendTop = 57;

    static void WriteLayout(Utf8JsonWriter w, Figure fig)
    {
        bool y2 = fig.HasSecondaryAxis;
        w.WriteStartObject();
        w.WriteStartObject("title");
        w.WriteString("text", Html.Escape(fig.Title));
        w.WriteNumber("x", 0.0);
        w.WriteString("xref", "paper");
        w.WriteString("xanchor", "left");
        w.WriteNumber("y", 1.0);
        w.WriteString("yref", "container");
        w.WriteString("yanchor", "top");
        // below the toolbar (modebar), which plotly draws at the top right of the figure over whatever is there
        w.WriteStartObject("pad");
        w.WriteNumber("t", TitleTop);
        w.WriteEndObject();
        w.WriteStartObject("font");
        w.WriteNumber("size", 16);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteNumber("height", fig.Height);
        w.WriteBoolean("autosize", true);
        w.WriteStartObject("margin");
        w.WriteNumber("l", 72);
        w.WriteNumber("r", y2 ? 72 : 24);
        w.WriteNumber("t", 76);
        w.WriteNumber("b", 60);
        w.WriteEndObject();
        w.WriteStartObject("font");
        w.WriteString("family", FontFamily);
        w.WriteNumber("size", 13);
        w.WriteString("color", "#1f2937");
        w.WriteEndObject();
        w.WriteString("paper_bgcolor", "#ffffff");
        w.WriteString("plot_bgcolor", "#ffffff");
        w.WriteStartArray("colorway");
        foreach (var c in Colorway) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteString("hovermode", "closest");
        w.WriteStartObject("hoverlabel");
        w.WriteNumber("namelength", -1);
        w.WriteEndObject();
        w.WriteStartObject("legend");
        w.WriteString("orientation", "h");
        w.WriteNumber("x", 0.0);
        w.WriteString("xanchor", "left");
        // below the title, however many rows it wraps to: placed on the figure (container), it pushes the plot down
        w.WriteString("yref", "container");
        w.WriteNumber("y", 1.0 - LegendTop / (double)fig.Height);
        w.WriteString("yanchor", "top");
        w.WriteString("bgcolor", "rgba(255,255,255,0)");
        w.WriteEndObject();

        w.WritePropertyName("xaxis");
        WriteAxis(w, fig.XTitle, fig.LogX, grid: true);
        w.WritePropertyName("yaxis");
        WriteAxis(w, fig.YTitle, fig.LogY, grid: true, equalAspect: fig.EqualAspect);
        if (y2)
        {
            w.WritePropertyName("yaxis2");
            WriteAxis(w, fig.Y2Title, fig.LogY2, grid: false, secondary: true);
        }
        if (ConstantValue(fig) is { } flat)
        {
            // Plotly draws a constant series as a line at the middle of a made-up ±1 range, which reads as an
            // empty panel; say what the panel shows.
            w.WriteStartArray("annotations");
            w.WriteStartObject();
            w.WriteString("text", Html.Escape($"{fig.YTitle}: {flat.ToString("G6", CultureInfo.InvariantCulture)} throughout"));
            w.WriteString("xref", "paper");
            w.WriteString("yref", "paper");
            w.WriteNumber("x", 0.5);
            w.WriteNumber("y", 0.62);
            w.WriteBoolean("showarrow", false);
            w.WriteStartObject("font");
            w.WriteNumber("size", 13);
            w.WriteString("color", "#6b7280");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>The one value every point of every trace on the left axis has, or null (no points, or they differ).</summary>
    internal static double? ConstantValue(Figure fig)
    {
        double? c = null;
        foreach (var t in fig.Traces)
        {
            if (t.YAxis != 1) continue;
            foreach (var y in t.Y)
            {
                if (!double.IsFinite(y)) continue;
                if (c is null) c = y;
                else if (y != c) return null;
            }
        }
        return c;
    }

    static void WriteAxis(Utf8JsonWriter w, string title, bool log, bool grid, bool equalAspect = false, bool secondary = false)
    {
        w.WriteStartObject();
        w.WriteStartObject("title");
        w.WriteString("text", Html.Escape(title));
        w.WriteEndObject();
        w.WriteString("type", log ? "log" : "linear");
        w.WriteString("exponentformat", "power");
        w.WriteBoolean("showline", true);
        w.WriteBoolean("mirror", !secondary);
        w.WriteString("linecolor", "#9ca3af");
        w.WriteString("ticks", "outside");
        w.WriteString("tickcolor", "#9ca3af");
        w.WriteBoolean("showgrid", grid);
        w.WriteString("gridcolor", "#e5e7eb");
        w.WriteBoolean("zeroline", false);
        w.WriteBoolean("automargin", true);
        if (equalAspect)
        {
            w.WriteString("scaleanchor", "x");
            w.WriteNumber("scaleratio", 1);
        }
        if (secondary)
        {
            w.WriteString("overlaying", "y");
            w.WriteString("side", "right");
            // Its own round tick values; plotly 4's default ("sync") copies the left axis's
            // tick positions and labels them with odd numbers.
            w.WriteString("tickmode", "auto");
        }
        w.WriteEndObject();
    }

    static void WriteConfig(Utf8JsonWriter w, Figure fig)
    {
        w.WriteStartObject();
        w.WriteBoolean("responsive", true);
        w.WriteBoolean("displaylogo", false);
        w.WriteBoolean("displayModeBar", true);
        // No cloud upload button, no server to send to, no MathJax typesetting of "$…$" labels.
        w.WriteBoolean("showSendToCloud", false);
        w.WriteString("plotlyServerURL", "");
        w.WriteBoolean("typesetMath", false);
        w.WriteStartArray("modeBarButtonsToRemove");
        w.WriteStringValue("select2d");
        w.WriteStringValue("lasso2d");
        w.WriteEndArray();
        w.WriteStartObject("toImageButtonOptions");
        w.WriteString("format", "png");
        w.WriteString("filename", Slug(fig.Title, "figure"));
        w.WriteNumber("scale", 3);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>"Nyquist: cell A (60 °C)" → "nyquist-cell-a-60-c"; <paramref name="fallback"/> when nothing is left.</summary>
    internal static string Slug(string title, string fallback)
    {
        var sb = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 60) break;
        }
        var s = sb.ToString().Trim('-');
        return s.Length > 0 ? s : fallback;
    }

    /// <summary>
    /// <c>"name":[…]</c>: the array's text is made in one buffer, number by number (<see cref="NumberText"/>), and handed
    /// to the writer whole, as the bytes its WriteStartArray, one value call per number and WriteEndArray make (the
    /// writer is not indented), without the writer's bookkeeping for each of a report's ≈ 150 000 numbers (decision 0043).
    /// </summary>
    internal static void WriteNumbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values, int digits)
    {
        int count = values.Count;
        var buffer = ArrayPool<byte>.Shared.Rent(count * (MaxNumberText + 1) + 2 + NumberRoom);
        try
        {
            int pos = 0;
            buffer[pos++] = (byte)'[';
            if (values is double[] array) // (an array read without its interface)
                for (int i = 0; i < array.Length; i++)
                {
                    if (i > 0) buffer[pos++] = (byte)',';
                    pos += NumberText(array[i], digits, buffer.AsSpan(pos));
                }
            else
                for (int i = 0; i < count; i++)
                {
                    if (i > 0) buffer[pos++] = (byte)',';
                    pos += NumberText(values[i], digits, buffer.AsSpan(pos));
                }
            buffer[pos++] = (byte)']';
            w.WritePropertyName(name);
            w.WriteRawValue(buffer.AsSpan(0, pos), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The longest text of a number: "-1.7976931348623157E+308" (24 bytes), or "null".</summary>
    const int MaxNumberText = 24;

    /// <summary>The room <see cref="NumberText"/> needs after its place (GText's whole-word stores; the text itself is shorter).</summary>
    internal const int NumberRoom = 48;

    /// <summary>
    /// A number's text in a figure's JSON, into <paramref name="dst"/> (at least <see cref="NumberRoom"/> bytes; bytes after
    /// the text may be overwritten): a finite value rounded to <paramref name="digits"/> significant digits, as the JSON
    /// writer prints <see cref="Round"/>(v) (its shortest round-trip text); NaN and ±∞ as null.
    /// </summary>
    /// <remarks>
    /// Where the G-format text of v has no exponent (10⁻⁵ ≤ |v| &lt; 10^digits after rounding), that text is the rounded
    /// value's shortest text already: the same digits (no decimal of ≤ 15 significant digits has a shorter one that reads
    /// back as the same double), both in positional notation. So that text is written as it is, which saves parsing it
    /// and formatting the result again; any other value goes the long way round, as the JSON writer formats a double
    /// (<c>TryFormat</c> with the default, shortest round-trip format, invariant culture).
    /// </remarks>
    internal static int NumberText(double v, int digits, Span<byte> dst)
    {
        if (!double.IsFinite(v)) { "null"u8.CopyTo(dst); return 4; }
        if (v == 0) // (a filament that has not grown: 5 % of a report's numbers) as the JSON writer prints 0 and −0
        {
            if (double.IsNegative(v)) { "-0"u8.CopyTo(dst); return 2; }
            dst[0] = (byte)'0';
            return 1;
        }
        if (digits < 16)
        {
            int n = Interphase.IO.GText.Format(v, digits, dst); // the G text (without .NET where provably the same)
            if (!dst[..n].Contains((byte)'E')) return n;
        }
        // a value within rounding of double.MaxValue would round to infinity, which JSON cannot hold: it keeps its digits
        var rounded = Round(v, digits);
        if (!(double.IsFinite(rounded) ? rounded : v).TryFormat(dst, out int m, default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("a number's text did not fit its buffer");
        return m;
    }

    static readonly string[] Formats = Enumerable.Range(0, 18).Select(d => "G" + d.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Rounds to significant digits through the decimal text, so that the shortest
    /// round-trip text of the result (what the JSON writer prints) has at most that many digits.</summary>
    internal static double Round(double v, int digits)
    {
        if (digits >= 17 || v == 0) return v;
        Span<char> text = stackalloc char[32];
        v.TryFormat(text, out int n, Formats[digits], CultureInfo.InvariantCulture);
        return double.Parse(text[..n], NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
