using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Interphase.IO;
using Interphase.Reports;

namespace Interphase.Tests.Reports;

public class HtmlReportTests
{
    const string Evil = "<script>alert('x')</script> & \"more\"";
    const string EvilEscaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;";

    static HtmlReport EveryBlock(string text)
    {
        var report = new HtmlReport(text);
        report.AddHeading(text).AddParagraph(text).AddWarning(text)
              .AddKeyValueTable([(text, text)])
              .AddTable([text], [[text]])
              .AddFigure(new Figure(text, text, text) { Y2Title = text, Traces = [new Trace(text, [1], [2]) { HoverText = [text] }, new Trace(text, [1], [3]) { YAxis = 2 }] });
        return report;
    }

    static string FigureJson(string html)
    {
        var m = Regex.Match(html, "<script type=\"application/json\" id=\"interphase-figures\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success, "no figure data in the report");
        return m.Groups[1].Value;
    }

    [Fact]
    public void EscapeCoversMarkupCharacters()
    {
        Assert.Equal(EvilEscaped, Html.Escape(Evil));
        Assert.Equal("Li₇La₃Zr₂O₁₂ 25 °C", Html.Escape("Li₇La₃Zr₂O₁₂ 25 °C"));
        Assert.Equal("", Html.Escape(null));
    }

    [Fact]
    public void UserTextIsEscapedInEveryBlock()
    {
        var html = EveryBlock(Evil).Render();

        Assert.DoesNotContain("<script>alert", html);
        // Title, h1, heading, paragraph, warning, key, value, header, cell and the figure's label.
        Assert.True(Regex.Count(html, Regex.Escape(EvilEscaped)) >= 10);
        // Only the report's own three scripts: page logic, plotly.js, figure data.
        Assert.Equal(3, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.Equal(3, Regex.Count(html, "</script", RegexOptions.IgnoreCase));

        // Inside the figure JSON, text is JSON-escaped (no "<" at all) and HTML-escaped for plotly.
        var json = FigureJson(html);
        Assert.DoesNotContain("<", json);
        var fig = JsonDocument.Parse(json).RootElement[0];
        Assert.Equal(EvilEscaped, fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(EvilEscaped, fig.GetProperty("data")[0].GetProperty("name").GetString());
        Assert.Equal(EvilEscaped, fig.GetProperty("layout").GetProperty("yaxis2").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void ParsedPageShowsTheTextLiterally()
    {
        var dom = new HtmlParser().ParseDocument(EveryBlock(Evil).Render());
        Assert.Equal(Evil, dom.Title);
        Assert.Equal(Evil, dom.QuerySelector("header h1")!.TextContent);
        Assert.Equal(Evil, dom.QuerySelector("main h2")!.TextContent);
        Assert.Equal(Evil, dom.QuerySelector("main p")!.TextContent);
        Assert.Equal(Evil, dom.QuerySelector("table.kv th")!.TextContent);
        Assert.Equal(Evil, dom.QuerySelector("table.data td")!.TextContent);
        Assert.Equal(Evil, dom.QuerySelector("div.plot")!.GetAttribute("aria-label"));
        Assert.Equal("Warning" + Evil, dom.QuerySelector(".warning")!.TextContent);
    }

    [Fact]
    public void ReportLoadsNothingFromTheNetwork()
    {
        var html = EveryBlock("offline").Render();
        var dom = new HtmlParser().ParseDocument(html);

        Assert.Empty(dom.QuerySelectorAll("script[src], link, iframe, img, object, embed, base"));
        foreach (var e in dom.QuerySelectorAll("[src], [href], [srcset], [data]"))
            Assert.Fail($"<{e.LocalName}> refers to a resource: {e.OuterHtml[..Math.Min(200, e.OuterHtml.Length)]}");
        Assert.DoesNotMatch(new Regex("<(script|link)[^>]*(https?:)?//", RegexOptions.IgnoreCase), html);
        // plotly.js is inlined, and the page forbids fetching anything else.
        Assert.Contains("plotly.js v", dom.QuerySelectorAll("script")[1].TextContent[..200]);
        var csp = dom.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!;
        Assert.StartsWith("default-src 'none';", csp);
        Assert.DoesNotContain("http", csp);
    }

    [Fact]
    public void PlotlyIsInlinedOnlyWhenThereAreFigures()
    {
        var text = new HtmlReport("metrics").AddParagraph("no plots").Render();
        Assert.True(text.Length < 50_000, $"{text.Length} characters");
        Assert.DoesNotContain("id=\"interphase-figures\"", text);
        Assert.DoesNotContain("plotly.js v", text);

        var plots = new HtmlReport("plots").AddFigure(new Figure("f", "x", "y") { Traces = [new Trace("a", [1], [1])] }).Render();
        Assert.True(plots.Length > ReportAssets.Plotly.Length);
    }

    [Fact]
    public void EmbeddedPlotlyIsTheVersionPinnedInWebPackageJson()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Interphase.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "web", "package.json")));
        var pinned = package.RootElement.GetProperty("dependencies").GetProperty("plotly.js-dist-min").GetString()!;
        Assert.Matches(@"^\d+\.\d+\.\d+$", pinned);
        Assert.StartsWith($"/**\n* plotly.js v{pinned}\n", ReportAssets.Plotly.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WriteStagesTheFileUntilCommit()
    {
        var dir = Directory.CreateTempSubdirectory("interphase-report-").FullName;
        try
        {
            var report = new HtmlReport("staged") { GeneratedAt = DateTimeOffset.UnixEpoch }.AddParagraph("ü Ω µ");
            using (var staging = new OutputStaging(dir))
            {
                report.Write(staging, "cell.html");
                Assert.False(File.Exists(Path.Combine(dir, "cell.html")));
                staging.Commit();
            }
            var written = File.ReadAllBytes(Path.Combine(dir, "cell.html"));
            Assert.NotEqual(0xEF, written[0]);   // UTF-8 without a byte-order mark
            Assert.Equal(report.Render(), System.Text.Encoding.UTF8.GetString(written));
            Assert.Single(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void HeaderShowsTitleAndGenerationTime()
    {
        var html = new HtmlReport("Cell A") { GeneratedAt = new DateTimeOffset(2025, 11, 3, 14, 5, 0, TimeSpan.FromHours(-5)) }.Render();
        var dom = new HtmlParser().ParseDocument(html);
        Assert.Equal("Cell A", dom.QuerySelector("header h1")!.TextContent);
        var time = dom.QuerySelector("header time")!;
        Assert.Equal("2025-11-03T14:05:00-05:00", time.GetAttribute("datetime"));
        Assert.Equal("2025-11-03 14:05 UTC-05:00", time.TextContent);
    }

    [Fact]
    public void TablesAlignNumbersAndRejectRaggedRows()
    {
        var report = new HtmlReport("t").AddTable(["cycle", "capacity"], [["1", "4.1 mAh"], ["2", "-3.9E-1"]]);
        var dom = new HtmlParser().ParseDocument(report.Render());
        Assert.Equal(["num", "", "num", "num"], dom.QuerySelectorAll("table.data td").Select(td => td.ClassName ?? ""));
        Assert.Equal(["cycle", "capacity"], dom.QuerySelectorAll("table.data th").Select(th => th.TextContent));

        Assert.Throws<ArgumentException>(() => new HtmlReport("t").AddTable(["a", "b"], [["1", "2"], ["3"]]));
        Assert.Throws<ArgumentException>(() => new HtmlReport("t").AddTable([], []));
    }

    [Fact]
    public void FiguresAndHeadingsGetUniqueIds()
    {
        var f = new Figure("f", "x", "y") { Traces = [new Trace("a", [1], [1])] };
        var report = new HtmlReport("r").AddHeading("Results").AddHeading("Results", 3).AddFigure(f).AddFigureGrid([f, f, f], columns: 3);
        var dom = new HtmlParser().ParseDocument(report.Render());

        Assert.Equal(["results", "results-2"], dom.QuerySelectorAll("h2, h3").Select(h => h.Id));
        Assert.Equal(["figure-1", "figure-2", "figure-3", "figure-4"], dom.QuerySelectorAll("div.plot").Select(d => d.Id));
        Assert.Equal(3, dom.QuerySelectorAll(".figure-grid div.plot").Length);
        Assert.Equal(4, report.FigureCount);
        var ids = JsonDocument.Parse(FigureJson(report.Render())).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString());
        Assert.Equal(["figure-1", "figure-2", "figure-3", "figure-4"], ids);
    }

    [Fact]
    public void InvalidFiguresAndTracesAreRejected()
    {
        var t = new Trace("a", [1, 2], [1, 2]);
        Assert.Throws<ArgumentException>(() => new Trace("a", [1, 2], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => t with { YAxis = 3 });
        Assert.Throws<ArgumentException>(() => t with { Color = "not a colour!" });
        Assert.Throws<ArgumentException>(() => t with { HoverText = ["only one"] });
        Assert.Throws<ArgumentOutOfRangeException>(() => t with { MarkerSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Figure("f", "x", "y") { Height = 20 });

        var report = new HtmlReport("r");
        Assert.Throws<ArgumentException>(() => report.AddFigure(new Figure("f", "x", "y") { EqualAspect = true, LogX = true, Traces = [t] }));
        Assert.Throws<ArgumentException>(() => report.AddFigure(new Figure("f", "x", "y") { EqualAspect = true, Traces = [t with { YAxis = 2 }] }));
        var good = new Figure("g", "x", "y") { Traces = [t] };
        Assert.Throws<ArgumentException>(() => report.AddFigureGrid([good, new Figure("f", "x", "y") { EqualAspect = true, LogY = true }]));
        Assert.Equal(0, report.FigureCount);
        Assert.Equal("rgb(0, 114, 178)", (t with { Color = "rgb(0, 114, 178)" }).Color);
    }

    [Fact]
    public void ThePageIsWrittenAsUtf8WithoutBreakingCharactersBetweenItsChunks()
    {
        // the page goes to its file in chunks (HtmlReport.RenderTo); a character that a chunk boundary splits, such as
        // a surrogate pair, must come out whole, and plotly.js must be in the file once, byte for byte
        var text = string.Concat(Enumerable.Repeat("Ω µ cm⁻² 😀 ", 20000));
        var rep = new HtmlReport("Ω report").AddParagraph(text)
            .AddFigure(new Figure("f", "x", "y") { Traces = [new Trace("t", [1.0, 2.0], [3.0, 4.0])] });
        var page = rep.Render();
        Assert.Contains(text, page);
        // no replacement character beyond the one plotly.min.js itself holds
        Assert.Equal(ReportAssets.Plotly.Count(c => c == '\uFFFD'), page.Count(c => c == '\uFFFD'));
        using var ms = new MemoryStream();
        rep.RenderTo(ms);
        var bytes = ms.ToArray();
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(page), bytes);
        Assert.Equal(1, CountOf(page, ReportAssets.Plotly[..200]));
    }

    static int CountOf(string s, string what)
    {
        int n = 0;
        for (int i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
