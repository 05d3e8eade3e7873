using System.Globalization;
using System.Text;
using Interphase.IO;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace Interphase.Reports;

/// <summary>A static figure file format of <c>--figures</c>.</summary>
public enum FigureFormat { Svg, Png, Pdf }

/// <summary>The width of a journal column: single (85 mm) or double (174 mm), the common sizes of Elsevier, ACS and RSC.</summary>
public enum FigureSize { Single, Double }

/// <summary>
/// The figures of a report as static files for a paper (<c>--figures svg,png,pdf</c>): the same traces, axis
/// titles, logarithmic axes, secondary axis and equal aspect (Nyquist) as the interactive report, drawn by
/// OxyPlot through SkiaSharp at a journal column's width, with 8 pt text and lines of at least 1 pt so that
/// they survive print. PNG is rendered at 300 dpi; SVG and PDF are vector. Hover texts and WebGL have no
/// static counterpart; traces are drawn whole (no decimation), so every extremum is in the file.
/// </summary>
public static class StaticFigures
{
    /// <summary>Text size (pt) and the thinnest line (pt) in a figure.</summary>
    const double FontPt = 8, MinLinePt = 1.0;

    /// <summary>Device-independent units (1/96 in) per point (1/72 in): OxyPlot draws in the former.</summary>
    const double DipPerPt = 96.0 / 72;

    /// <summary>
    /// The typeface: DejaVu Sans has every glyph the axis titles use (⁻, ², Ω, ″, µ, θ); Liberation Sans, the usual
    /// Arial stand-in on Linux, lacks the superscript minus of "mA cm⁻²". Where it is missing Skia takes the system's default sans.
    /// </summary>
    const string StaticFigureFont = "DejaVu Sans";

    /// <summary>PNG resolution: the usual minimum for line art in print.</summary>
    public const int PngDpi = 300;

    /// <summary>Width and height of a figure in inches.</summary>
    public static (double W, double H) Inches(FigureSize size) => size == FigureSize.Single ? (85 / 25.4, 64 / 25.4) : (174 / 25.4, 90 / 25.4);

    /// <summary>Parses "svg,png,pdf" (any order, any case); null with the offending word when one is not a format.</summary>
    public static IReadOnlyList<FigureFormat>? ParseFormats(string text, out string? bad)
    {
        bad = null;
        var list = new List<FigureFormat>();
        foreach (var w in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            FigureFormat? f = w.ToLowerInvariant() switch { "svg" => FigureFormat.Svg, "png" => FigureFormat.Png, "pdf" => FigureFormat.Pdf, _ => null };
            if (f is null) { bad = w; return null; }
            if (!list.Contains(f.Value)) list.Add(f.Value);
        }
        if (list.Count == 0) { bad = text; return null; }
        return list;
    }

    /// <summary>
    /// Writes every figure in every format to <c>figures/NN-title.ext</c> through the staging folder; a
    /// <paramref name="note"/> (e.g. the mechanisms a run left out, <see cref="RunStatus.MechanismsNote"/>) is drawn
    /// under each figure's title, so that it travels with the file.
    /// </summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<Figure> figures, IReadOnlyList<FigureFormat> formats, FigureSize size, OutputStaging staging, string? note = null)
    {
        var names = new List<string>();
        for (int k = 0; k < figures.Count; k++)
        {
            var stem = $"{k + 1:D2}-{Slug(figures[k].Title)}";
            // one model per figure, exported in each format
            var model = Prepared(figures[k], size, note);
            foreach (var format in formats)
            {
                var name = $"figures/{stem}.{format.ToString().ToLowerInvariant()}";
                using var stream = staging.Create(name);
                Export(model, format, size, stream);
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary>One figure in one format, with a <paramref name="note"/> under its title if one is given.</summary>
    public static void Render(Figure figure, FigureFormat format, FigureSize size, Stream output, string? note = null) =>
        Export(Prepared(figure, size, note), format, size, output);

    /// <summary>The model of a figure at a size: its axes made equal when the figure asks for it (Nyquist), the note as its subtitle.</summary>
    internal static PlotModel Prepared(Figure figure, FigureSize size, string? note)
    {
        var (wIn, hIn) = Inches(size);
        var model = Model(figure);
        if (note is not null)
        {
            model.Subtitle = note;
            model.SubtitleFontSize = FontPt * DipPerPt * 0.9;
        }
        if (figure.EqualAspect) EqualiseAspect(model, figure, wIn * 96, hIn * 96);
        return model;
    }

    static void Export(PlotModel model, FigureFormat format, FigureSize size, Stream output)
    {
        var (wIn, hIn) = Inches(size);
        double w = wIn * 96, h = hIn * 96;
        switch (format)
        {
            case FigureFormat.Png:
                new OxyPlot.SkiaSharp.PngExporter { Width = (int)Math.Round(wIn * PngDpi), Height = (int)Math.Round(hIn * PngDpi), Dpi = PngDpi }.Export(model, output);
                break;
            case FigureFormat.Svg:
                new OxyPlot.SkiaSharp.SvgExporter { Width = (float)w, Height = (float)h }.Export(model, output);
                break;
            default:
                new OxyPlot.SkiaSharp.PdfExporter { Width = (float)(wIn * 72), Height = (float)(hIn * 72) }.Export(model, output);
                break;
        }
    }

    /// <summary>The OxyPlot model of a figure: its axes, then each trace as a line, a marker series or both.</summary>
    internal static PlotModel Model(Figure f)
    {
        double font = FontPt * DipPerPt;
        var m = new PlotModel
        {
            Title = f.Title, TitleFontSize = font * 1.1, TitleFontWeight = FontWeights.Normal,
            DefaultFont = StaticFigureFont, DefaultFontSize = font, PlotAreaBorderThickness = new OxyThickness(MinLinePt * DipPerPt),
            Background = OxyColors.White, Padding = new OxyThickness(4),
            IsLegendVisible = f.Traces.Count(t => t.ShowInLegend) > 1,
        };
        m.Legends.Add(Legend(font * 0.9, f.Traces.Count(t => t.ShowInLegend)));
        m.Axes.Add(Axis(f.LogX, AxisPosition.Bottom, f.XTitle, "x"));
        m.Axes.Add(Axis(f.LogY, AxisPosition.Left, f.YTitle, "y"));
        if (f.HasSecondaryAxis) m.Axes.Add(Axis(f.LogY2, AxisPosition.Right, f.Y2Title, "y2"));
        int colour = 0;
        Trace? previous = null;
        foreach (var t in f.Traces)
        {
            var c = t.Color is { } css && ParseColour(css) is { } known ? known : Palette[colour++ % Palette.Length];
            string yKey = t.YAxis == 2 ? "y2" : "y";
            double lw = Math.Max(t.LineWidth, MinLinePt * DipPerPt); // CSS px are device-independent units; at least 1 pt
            if (t.FillToPrevious && previous is not null)
            {
                // a band between the previous trace (its lower edge) and this one
                var band = new AreaSeries { Color = OxyColor.FromAColor(60, c), Fill = OxyColor.FromAColor(60, c), StrokeThickness = 0, YAxisKey = yKey, RenderInLegend = false };
                band.Points.AddRange(Points(previous));
                band.Points2.AddRange(Points(t));
                m.Series.Add(band);
            }
            if (t.Mode is TraceMode.Lines or TraceMode.LinesAndMarkers)
            {
                var line = new LineSeries
                {
                    Title = t.ShowInLegend ? t.Name : null, Color = c, StrokeThickness = lw, LineStyle = Dash(t.Dash), YAxisKey = yKey,
                    MarkerType = t.Mode == TraceMode.LinesAndMarkers ? MarkerType.Circle : MarkerType.None,
                    MarkerSize = 0.5 * t.MarkerSize, MarkerFill = t.Hollow ? OxyColors.White : c, MarkerStroke = c,
                };
                line.Points.AddRange(Points(t));
                m.Series.Add(line);
            }
            else
            {
                var dots = new ScatterSeries
                {
                    Title = t.ShowInLegend ? t.Name : null, MarkerType = MarkerType.Circle, MarkerSize = 0.5 * t.MarkerSize,
                    MarkerFill = t.Hollow ? OxyColors.White : c, MarkerStroke = c, MarkerStrokeThickness = t.Hollow ? lw : 0, YAxisKey = yKey,
                };
                foreach (var p in Points(t)) if (p.IsDefined()) dots.Points.Add(new ScatterPoint(p.X, p.Y));
                m.Series.Add(dots);
            }
            previous = t;
        }
        return m;
    }

    /// <summary>Legends of more entries than this go to the right of the frame, one entry a row; shorter ones above it.</summary>
    internal const int MaxEntriesAbove = 4;

    /// <summary>
    /// The legend, outside the frame: inside it covered the data (a symmetric cell's voltage spikes, a full cell's
    /// charge curves). A short one (at most <see cref="MaxEntriesAbove"/> entries) above the frame, its entries side
    /// by side, so that the frame keeps the figure's width; a long one (a full cell's 14 cycle curves) to the right of
    /// the frame (and of a secondary axis), one entry a row, where above it took 7 rows, half of a single column's
    /// height. The figure's size is unchanged: the frame gives up the legend's room.
    /// </summary>
    internal static OxyPlot.Legends.Legend Legend(double fontSize, int entries) => new()
    {
        LegendFontSize = fontSize,
        LegendPlacement = OxyPlot.Legends.LegendPlacement.Outside,
        LegendPosition = entries <= MaxEntriesAbove ? OxyPlot.Legends.LegendPosition.TopCenter : OxyPlot.Legends.LegendPosition.RightTop,
        LegendOrientation = entries <= MaxEntriesAbove ? OxyPlot.Legends.LegendOrientation.Horizontal : OxyPlot.Legends.LegendOrientation.Vertical,
        LegendBackground = OxyColors.Undefined, LegendBorder = OxyColors.Undefined,
        LegendPadding = 2, LegendMargin = 2, LegendItemSpacing = 12,
    };

    static Axis Axis(bool log, AxisPosition position, string title, string key)
    {
        Axis a = log ? new LogarithmicAxis() : new LinearAxis();
        a.Position = position;
        a.Title = title;
        a.Key = key;
        a.MajorGridlineStyle = LineStyle.Solid;
        a.MajorGridlineColor = OxyColor.FromRgb(225, 225, 225);
        a.TickStyle = TickStyle.Outside;
        a.AxislineStyle = LineStyle.None;
        // a margin inside the frame, so that a trace along the extreme of its data is not drawn on the border
        a.MinimumPadding = a.MaximumPadding = 0.03;
        // a vertical axis's title is turned a quarter turn: on the left its descenders face the tick labels, and OxyPlot's
        // distance of 4 units left 3 px at 300 dpi (0.7 pt) between them, the glyphs of "capacity" touching "100"; a
        // descender's depth more (a quarter of the text size) gives the 8 to 10 px the right axis's title already has
        if (position == AxisPosition.Left) a.AxisTitleDistance += 0.25 * FontPt * DipPerPt;
        return a;
    }

    /// <summary>Non-finite values are gaps, as in the interactive report; on a log axis so are values ≤ 0.</summary>
    static IEnumerable<DataPoint> Points(Trace t)
    {
        for (int i = 0; i < t.Count; i++)
        {
            double x = t.X[i], y = t.Y[i];
            yield return double.IsFinite(x) && double.IsFinite(y) ? new DataPoint(x, y) : DataPoint.Undefined;
        }
    }

    /// <summary>
    /// One unit on x as long as one on y: render once to learn the plot area, then widen the axis whose data
    /// span is short for its length so that both have the same units per device unit (centred on the data).
    /// </summary>
    static void EqualiseAspect(PlotModel m, Figure f, double w, double h)
    {
        var pts = f.Traces.SelectMany(t => Points(t)).Where(p => p.IsDefined()).ToList();
        if (pts.Count == 0) return;
        double x0 = pts.Min(p => p.X), x1 = pts.Max(p => p.X), y0 = pts.Min(p => p.Y), y1 = pts.Max(p => p.Y);
        // a margin of 5 % of the larger span around the data
        double span = Math.Max(x1 - x0, y1 - y0);
        if (!(span > 0)) return;
        x0 -= 0.05 * span; x1 += 0.05 * span; y0 -= 0.05 * span; y1 += 0.05 * span;
        // the plot area's size in device units, from a render to nowhere
        using (var sink = new MemoryStream()) new OxyPlot.SkiaSharp.SvgExporter { Width = (float)w, Height = (float)h }.Export(m, sink);
        double pw = m.PlotArea.Width, ph = m.PlotArea.Height;
        if (!(pw > 0 && ph > 0)) return;
        double perUnit = Math.Max((x1 - x0) / pw, (y1 - y0) / ph);
        double cx = 0.5 * (x0 + x1), cy = 0.5 * (y0 + y1);
        var xa = m.Axes.First(a => a.Key == "x");
        var ya = m.Axes.First(a => a.Key == "y");
        xa.Minimum = cx - 0.5 * perUnit * pw; xa.Maximum = cx + 0.5 * perUnit * pw;
        ya.Minimum = cy - 0.5 * perUnit * ph; ya.Maximum = cy + 0.5 * perUnit * ph;
        m.InvalidatePlot(false);
    }

    static LineStyle Dash(LineDash d) => d switch
    {
        LineDash.Dot => LineStyle.Dot,
        LineDash.Dash => LineStyle.Dash,
        LineDash.LongDash => LineStyle.LongDash,
        LineDash.DashDot => LineStyle.DashDot,
        _ => LineStyle.Solid,
    };

    /// <summary>The report's palette (report.js), so that a trace keeps its colour between the two.</summary>
    static readonly OxyColor[] Palette =
    [
        OxyColor.Parse("#1f77b4"), OxyColor.Parse("#d62728"), OxyColor.Parse("#2ca02c"), OxyColor.Parse("#ff7f0e"),
        OxyColor.Parse("#9467bd"), OxyColor.Parse("#8c564b"), OxyColor.Parse("#e377c2"), OxyColor.Parse("#7f7f7f"),
    ];

    /// <summary>#rgb, #rrggbb and rgb(r, g, b) of the CSS colours a Trace takes; null for others (they take the palette).</summary>
    internal static OxyColor? ParseColour(string css)
    {
        var s = css.Trim();
        if (s.StartsWith('#') && s.Length == 4)
            s = "#" + string.Concat(s.Skip(1).Select(ch => new string(ch, 2)));
        if (s.StartsWith('#') && s.Length == 7 && int.TryParse(s.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
            return OxyColor.FromRgb((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        if (s.StartsWith("rgb(", StringComparison.OrdinalIgnoreCase) && s.EndsWith(')'))
        {
            var parts = s[4..^1].Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 3 && parts.All(p => byte.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                return OxyColor.FromRgb(byte.Parse(parts[0], CultureInfo.InvariantCulture), byte.Parse(parts[1], CultureInfo.InvariantCulture), byte.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        return null;
    }

    /// <summary>A file-name stem from a figure title: lower-case letters and digits, words joined by '-'.</summary>
    internal static string Slug(string title)
    {
        var sb = new StringBuilder();
        foreach (var ch in title.Normalize(NormalizationForm.FormD))
        {
            if (ch < 128 && char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
            else if (sb.Length > 0 && sb[^1] != '-' && (char.IsWhiteSpace(ch) || ch is '-' or '_' or '/' or ',' or '(' or ')')) sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "figure" : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }
}
