using System.Globalization;
using System.Text;
using Interphase.IO;

namespace Interphase.Reports;

/// <summary>
/// A self-contained HTML report: banners, headings, text, tables, warnings and interactive plotly figures
/// in one file that needs no network (plotly.js is inlined, data is embedded as JSON) and opens
/// from a file:// address offline. All text is HTML-escaped.
/// </summary>
/// <example><code>
/// var report = new HtmlReport("Li | LLZO | Li symmetric cell, 60 °C");
/// report.AddKeyValueTable([("Current density", "0.2 mA/cm²"), ("Temperature", "60 °C")]);
/// report.AddFigure(new Figure("Voltage", "Time / h", "Voltage / V") { Traces = [voltage.Decimated(4000)] });
/// using var staging = new OutputStaging(outDir);
/// report.Write(staging);
/// staging.Commit();
/// </code></example>
public sealed class HtmlReport
{
    const string ContentSecurityPolicy =
        // Nothing may be loaded from anywhere: inline script and style only (plotly's WebGL
        // traces compile shaders with new Function, hence 'unsafe-eval'); images only from data:
        // and blob: URLs, which the PNG export uses.
        "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; " +
        "img-src data: blob:; font-src data:; worker-src blob:";

    readonly List<string> _blocks = new();
    readonly List<Banner> _banners = new();
    readonly List<(string Id, Figure Figure)> _figures = new();
    readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

    public HtmlReport(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    public string Title { get; }

    /// <summary>Shown in the header; the time the report object was created unless set.</summary>
    public DateTimeOffset GeneratedAt { get; set; } = DateTimeOffset.Now;

    public int FigureCount => _figures.Count;

    /// <summary>The report's figures in page order (for static export, <see cref="StaticFigures"/>).</summary>
    public IReadOnlyList<Figure> Figures => _figures.ConvertAll(f => f.Figure);

    /// <summary>The banners added so far, in the order they are shown.</summary>
    public IReadOnlyList<Banner> Banners => _banners;

    /// <summary>A <see cref="Banner"/> at the top of the page, above every other block whenever it is
    /// added (so that a caveat found late in building the report is still the first thing read);
    /// banners keep the order they were added in.</summary>
    public HtmlReport AddBanner(Banner banner)
    {
        ArgumentNullException.ThrowIfNull(banner);
        _banners.Add(banner);
        return this;
    }

    /// <summary>A section heading; level 2 (section) to 4. The report title is the only level 1.</summary>
    public HtmlReport AddHeading(string text, int level = 2)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 4);
        _blocks.Add($"<h{level} id=\"{Anchor(text)}\">{Html.Escape(text)}</h{level}>");
        return this;
    }

    /// <summary>A paragraph of plain text; line breaks in <paramref name="text"/> are kept.</summary>
    public HtmlReport AddParagraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(Html.Escape);
        _blocks.Add($"<p>{string.Join("<br>", lines)}</p>");
        return this;
    }

    /// <summary>A two-column table of named values (inputs, fitted parameters, metrics).</summary>
    public HtmlReport AddKeyValueTable(IEnumerable<(string Key, string Value)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder("<div class=\"table-scroll\"><table class=\"kv\"><tbody>");
        foreach (var (key, value) in rows)
            sb.Append("<tr><th scope=\"row\">").Append(Html.Escape(key)).Append("</th>")
              .Append(Cell(value)).Append("</tr>");
        sb.Append("</tbody></table></div>");
        _blocks.Add(sb.ToString());
        return this;
    }

    /// <summary>A table with a header row; every row has as many cells as there are headers.
    /// Cells that are plain numbers are right-aligned.</summary>
    public HtmlReport AddTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0) throw new ArgumentException("a table needs at least one column", nameof(headers));
        var sb = new StringBuilder("<div class=\"table-scroll\"><table class=\"data\"><thead><tr>");
        foreach (var h in headers) sb.Append("<th scope=\"col\">").Append(Html.Escape(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        int r = 0;
        foreach (var row in rows)
        {
            r++;
            if (row is null || row.Count != headers.Count)
                throw new ArgumentException($"table row {r} has {row?.Count ?? 0} cells for {headers.Count} columns", nameof(rows));
            sb.Append("<tr>");
            foreach (var c in row) sb.Append(Cell(c));
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div>");
        _blocks.Add(sb.ToString());
        return this;
    }

    /// <summary>A highlighted note for something the reader must not miss (a fit that did not
    /// converge, data outside a model's range, an extrapolated parameter).</summary>
    public HtmlReport AddWarning(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _blocks.Add($"<div class=\"warning\" role=\"note\"><strong>Warning</strong>{Html.Escape(text)}</div>");
        return this;
    }

    /// <summary>An interactive figure at full width.</summary>
    public HtmlReport AddFigure(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        _blocks.Add(FigureBlock(figure));
        return this;
    }

    /// <summary>Several small figures side by side, <paramref name="columns"/> to a row (one per
    /// row on a narrow screen); for example one Nyquist plot per temperature.</summary>
    public HtmlReport AddFigureGrid(IEnumerable<Figure> figures, int columns = 2)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, 6);
        var list = figures.ToList();
        if (list.Count == 0) throw new ArgumentException("a figure grid needs at least one figure", nameof(figures));
        var sb = new StringBuilder($"<div class=\"figure-grid\" style=\"--columns: {columns.ToString(CultureInfo.InvariantCulture)}\">");
        foreach (var f in list)
        {
            if (f is null) throw new ArgumentException("a figure is null", nameof(figures));
            f.Validate();
        }
        foreach (var f in list) sb.Append(FigureBlock(f));
        sb.Append("</div>");
        _blocks.Add(sb.ToString());
        return this;
    }

    /// <summary>The whole page as one HTML string (UTF-8 when written). plotly.js (about 4.8 MB)
    /// is inlined only when the report has figures.</summary>
    public string Render()
    {
        using var ms = new MemoryStream();
        RenderTo(ms);
        return Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    /// <summary>
    /// Writes the page to <paramref name="output"/> as UTF-8: the page's own text, and plotly.js (when the report
    /// has figures) from its bytes encoded once (ReportAssets.PlotlyUtf8), so that a report is not built as one
    /// 5 MB string and encoded again for every run.
    /// </summary>
    public void RenderTo(Stream output)
    {
        // the figures' JSON is serialised on a second thread while the page and plotly.js are written; this thread
        // takes up the figures left when it gets to them (SharedWork), and writes them in order
        var figures = new SharedWork<System.Buffers.ArrayBufferWriter<byte>>(_figures.Count, k => PlotlyJson.SerializeFigure(_figures[k].Id, _figures[k].Figure));
        var helper = _figures.Count > 1 ? Task.Run(figures.Work) : Task.CompletedTask;
        var sb = new StringBuilder(1 << 14);
        var title = Html.Escape(Title);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
          .Append("<meta name=\"generator\" content=\"Interphase ").Append(Html.Escape(ReportAssets.Version)).Append("\">\n")
          .Append("<title>").Append(title).Append("</title>\n")
          .Append("<style>\n").Append(ReportAssets.Style).Append("</style>\n")
          .Append("</head>\n<body>\n")
          .Append("<script>\n").Append(ReportAssets.Script).Append("</script>\n")
          .Append("<header class=\"report-header\"><div class=\"wrap\"><h1>").Append(title).Append("</h1>")
          .Append("<p class=\"meta\">Generated <time datetime=\"")
          .Append(GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append("\">")
          .Append(GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'zzz", CultureInfo.InvariantCulture))
          .Append("</time> by Interphase ").Append(Html.Escape(ReportAssets.Version)).Append("</p></div></header>\n")
          .Append("<main class=\"wrap\">\n");
        if (_banners.Count > 0)
        {
            sb.Append("<section class=\"banners\" aria-label=\"Read first\">\n");
            foreach (var b in _banners) sb.Append(b.ToHtml()).Append('\n');
            sb.Append("</section>\n");
        }
        foreach (var b in _blocks) sb.Append(b).Append('\n');
        sb.Append("</main>\n<footer><div class=\"wrap\">Self-contained report: it needs no network connection. ")
          .Append(_figures.Count > 0
              ? "Drag to zoom, double-click to reset; the camera icon saves a figure as PNG."
              : "")
          .Append("</div></footer>\n");
        var utf8 = new UTF8Encoding(false);
        if (_figures.Count > 0)
        {
            sb.Append("<script>\n");
            Flush(sb, output, utf8);
            output.Write(ReportAssets.PlotlyUtf8);
            sb.Append("\n</script>\n")
              .Append("<script type=\"application/json\" id=\"interphase-figures\">");
            Flush(sb, output, utf8);
            // the figures' JSON goes straight to the file, not through a string: the array PlotlyJson.Serialize makes
            figures.Work();
            output.WriteByte((byte)'[');
            for (int k = 0; k < figures.Count; k++)
            {
                if (k > 0) output.WriteByte((byte)',');
                output.Write(figures.Take(k).WrittenSpan);
            }
            output.WriteByte((byte)']');
            sb.Append("</script>\n");
        }
        sb.Append("</body>\n</html>\n");
        Flush(sb, output, utf8);
        helper.GetAwaiter().GetResult();
    }

    /// <summary>Writes the builder's text as UTF-8 and empties it (one encoder, so a character split between chunks stays whole).</summary>
    static void Flush(StringBuilder sb, Stream output, Encoding utf8)
    {
        var encoder = utf8.GetEncoder();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            foreach (var chunk in sb.GetChunks())
            {
                var chars = chunk.Span;
                while (!chars.IsEmpty)
                {
                    int take = Math.Min(chars.Length, 1 << 13);
                    int n = encoder.GetBytes(chars[..take], buffer, flush: false);
                    output.Write(buffer, 0, n);
                    chars = chars[take..];
                }
            }
            int last = encoder.GetBytes(ReadOnlySpan<char>.Empty, buffer, flush: true);
            output.Write(buffer, 0, last);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        sb.Clear();
    }

    /// <summary>Writes the page to <c>name</c> in the staging folder; it reaches the output
    /// directory when the caller commits <paramref name="staging"/> with the run's other files.</summary>
    public void Write(OutputStaging staging, string name = "report.html")
    {
        ArgumentNullException.ThrowIfNull(staging);
        using var stream = staging.Create(name);
        RenderTo(stream);
    }

    string FigureBlock(Figure figure)
    {
        figure.Validate();
        var id = $"figure-{(_figures.Count + 1).ToString(CultureInfo.InvariantCulture)}";
        _figures.Add((id, figure));
        return $"<figure class=\"figure\"><div class=\"plot\" id=\"{id}\" role=\"img\" aria-label=\"{Html.Escape(figure.Title)}\" " +
               $"style=\"height: {figure.Height.ToString(CultureInfo.InvariantCulture)}px\"></div></figure>";
    }

    static string Cell(string? text)
    {
        text ??= "";
        bool numeric = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return numeric ? $"<td class=\"num\">{Html.Escape(text)}</td>" : $"<td>{Html.Escape(text)}</td>";
    }

    /// <summary>A unique, URL-safe id for a heading so sections can be linked to.</summary>
    string Anchor(string text)
    {
        var baseId = PlotlyJson.Slug(text, "section");
        var id = baseId;
        for (int k = 2; !_anchors.Add(id); k++) id = $"{baseId}-{k.ToString(CultureInfo.InvariantCulture)}";
        return id;
    }
}
