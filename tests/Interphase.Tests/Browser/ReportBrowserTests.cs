using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Interphase.IO;
using Interphase.Reports;
using Interphase.Tests.Reports;

namespace Interphase.Tests.Browser;

/// <summary>
/// Opens reports in headless Chromium from a file:// address (no server, no network) and checks
/// what a reader would see: every plot drawn, no script error, nothing blocked.
/// Set INTERPHASE_REPORT_ARTIFACTS to a folder to keep the sample report and a screenshot of it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportBrowserTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-report-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    string WriteReport(HtmlReport report, string name = "report.html")
    {
        using var staging = new OutputStaging(_dir);
        report.Write(staging, name);
        staging.Commit();
        return Path.Combine(_dir, name);
    }

    static IDocument Render(string htmlFile) => new HtmlParser().ParseDocument(Chromium.DumpDom(htmlFile));

    static void AssertNoScriptErrors(IDocument dom) =>
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null,
            "script errors in the report:\n" + dom.Body!.GetAttribute("data-js-errors"));

    [BrowserFact]
    public void SampleReportDrawsThreeFiguresOffline()
    {
        var file = WriteReport(SampleReport.Build());
        var dom = Render(file);

        AssertNoScriptErrors(dom);
        Assert.Equal("3", dom.Body!.GetAttribute("data-plots-expected"));
        Assert.Equal("3", dom.Body!.GetAttribute("data-plots-rendered"));
        var plots = dom.QuerySelectorAll("figure.figure div.plot");
        Assert.Equal(3, plots.Length);
        foreach (var plot in plots)
            Assert.True(plot.QuerySelector("svg.main-svg") is not null, $"{plot.Id} has no svg.main-svg");

        // The 20 000-point figure is drawn with WebGL; the small ones are SVG only.
        Assert.NotNull(plots[2].QuerySelector("canvas.gl-canvas"));
        Assert.Null(plots[0].QuerySelector("canvas.gl-canvas"));
        // User text inside a plot is shown literally, not read as markup.
        Assert.Equal(SampleReport.NyquistTitle, plots[0].QuerySelector(".gtitle")!.TextContent);
        Assert.Empty(plots[0].QuerySelectorAll(".gtitle b, .gtitle tspan[style*='bold']"));

        var artifacts = Environment.GetEnvironmentVariable("INTERPHASE_REPORT_ARTIFACTS");
        if (!string.IsNullOrEmpty(artifacts))
        {
            Directory.CreateDirectory(artifacts);
            File.Copy(file, Path.Combine(artifacts, "sample-report.html"), overwrite: true);
            Chromium.Screenshot(file, Path.Combine(artifacts, "sample-report.png"));
        }
    }

    /// <summary>Reads what plotly made of each figure (axis types, scale, trace types, width)
    /// and exports the first one as PNG, as the modebar's camera button does.</summary>
    static readonly string Probe = ReportProbe.AfterPlotsRendered("""
            var out = [];
            document.querySelectorAll('div.plot').forEach(function (gd) {
              var fl = gd._fullLayout;
              function pxPerUnit(ax) { return ax._length / Math.abs(ax.range[1] - ax.range[0]); }
              out.push({
                id: gd.id,
                width: gd.getBoundingClientRect().width,
                types: gd._fullData.map(function (t) { return t.type; }),
                x: fl.xaxis.type, y: fl.yaxis.type, y2: fl.yaxis2 ? fl.yaxis2.type + ' ' + fl.yaxis2.side : '',
                xPx: pxPerUnit(fl.xaxis), yPx: pxPerUnit(fl.yaxis)
              });
            });
            body.dataset.probe = JSON.stringify(out);
            Plotly.toImage(document.querySelector('div.plot'), { format: 'png', width: 800, height: 500 })
              .then(function (url) { body.dataset.png = url.slice(0, 22); });
        """);

    static string Inject(string html, string script) => ReportProbe.Inject(html, script);

    [BrowserFact]
    public void FigureSettingsReachPlotlyAndPngExportWorks()
    {
        var report = SampleReport.Build();
        var (f, z) = SampleReport.Impedance();
        report.AddFigureGrid(
        [
            new Figure("Grid A", "Z′ / Ω cm²", "−Z″ / Ω cm²") { Height = 300, EqualAspect = true, Traces = [new Trace("A", z.Select(v => v.Real).ToArray(), z.Select(v => -v.Imaginary).ToArray())] },
            new Figure("Grid B", "Frequency / Hz", "|Z| / Ω cm²") { Height = 300, LogX = true, Traces = [new Trace("B", f, z.Select(v => v.Magnitude).ToArray())] },
        ]);
        var file = Path.Combine(_dir, "probe.html");
        File.WriteAllText(file, Inject(report.Render(), Probe));
        var dom = Render(file);

        AssertNoScriptErrors(dom);
        Assert.Equal("5", dom.Body!.GetAttribute("data-plots-rendered"));
        var figures = JsonDocument.Parse(dom.Body!.GetAttribute("data-probe") ?? "[]").RootElement.EnumerateArray().ToArray();
        Assert.Equal(5, figures.Length);

        var nyquist = figures[0];
        Assert.Equal(("linear", "linear"), (nyquist.GetProperty("x").GetString(), nyquist.GetProperty("y").GetString()));
        Assert.Equal(1.0, nyquist.GetProperty("xPx").GetDouble() / nyquist.GetProperty("yPx").GetDouble(), 3);
        Assert.Equal(["scatter", "scatter"], nyquist.GetProperty("types").EnumerateArray().Select(t => t.GetString()));

        var bode = figures[1];
        Assert.Equal(("log", "log", "linear right"),
            (bode.GetProperty("x").GetString(), bode.GetProperty("y").GetString(), bode.GetProperty("y2").GetString()));

        var cycling = figures[2];
        Assert.Equal(["scattergl", "scattergl"], cycling.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.NotEqual(1.0, cycling.GetProperty("xPx").GetDouble() / cycling.GetProperty("yPx").GetDouble(), 1);

        // Grid figures sit side by side, each less than half as wide as a full-width figure.
        Assert.Equal(1.0, figures[3].GetProperty("xPx").GetDouble() / figures[3].GetProperty("yPx").GetDouble(), 3);
        Assert.True(figures[3].GetProperty("width").GetDouble() < 0.55 * nyquist.GetProperty("width").GetDouble());
        Assert.Equal(figures[3].GetProperty("width").GetDouble(), figures[4].GetProperty("width").GetDouble(), 0);

        Assert.Equal("data:image/png;base64,", dom.Body!.GetAttribute("data-png"));
    }

    [BrowserFact]
    public void ScriptErrorsAndBlockedRequestsAreReported()
    {
        // The markers the tests rely on must be able to say "no": an exception, a rejected promise
        // and a request to a (loopback) address all show up, the request blocked by the page's policy.
        var report = new HtmlReport("Broken page").AddParagraph("no figures");
        var html = Inject(report.Render(), """
            Promise.reject(new Error('rejected on purpose'));
            var img = document.createElement('img'); img.src = 'http://127.0.0.1:9/x.png'; document.body.appendChild(img);
            throw new Error('thrown on purpose');
            """);
        var file = Path.Combine(_dir, "broken.html");
        File.WriteAllText(file, html);
        var dom = Render(file);

        var errors = dom.Body!.GetAttribute("data-js-errors") ?? "";
        Assert.Contains("thrown on purpose", errors);
        Assert.Contains("rejected on purpose", errors);
        Assert.Contains("blocked by the content security policy: img-src http://127.0.0.1:9/x.png", errors);
        Assert.Equal("0", dom.Body!.GetAttribute("data-plots-rendered"));
        Assert.Null(dom.QuerySelector("script[src], link[href]"));
    }
}
