using System.Text.Json;
using AngleSharp.Html.Parser;
using Interphase.Cli;

namespace Interphase.Tests.Browser;

/// <summary>
/// No figure title is covered by plotly's toolbar (modebar, top right of every figure) or by the figure's legend, in a
/// full-cell report with half-width panels, a five-row legend (Conversion of FeS₂) and a three-row one (Nyquist),
/// in a 1000 px and a 1400 px window (PlotlyJson: the title below the toolbar, the legend below the title).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FigureLayoutBrowserTests
{
    static readonly string OverlapProbe = ReportProbe.AfterPlotsRendered("""
            function rect(e) { if (!e) return null; var b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0 ? b : null; }
            function meet(a, b) { return !!(a && b && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom); }
            var figures = [];
            document.querySelectorAll('div.plot').forEach(function (gd) {
              var t = rect(gd.querySelector('.gtitle')), m = rect(gd.querySelector('.modebar')), l = rect(gd.querySelector('.legend')),
                  p = rect(gd.querySelector('.nsewdrag'));
              figures.push({ title: gd.querySelector('.gtitle') ? gd.querySelector('.gtitle').textContent : '', hasTitle: !!t, hasModebar: !!m,
                modebar: meet(t, m), legend: meet(t, l), legendOnPlot: meet(l, p) });
            });
            body.dataset.probe = JSON.stringify(figures);
        """);

    [BrowserTheory]
    [InlineData(1000)]
    [InlineData(1400)]
    public void NoTitleIsCoveredByTheToolbarOrALegend(int width)
    {
        var dir = TestPaths.TempDir();
        var outDir = Path.Combine(dir, "out");
        Assert.Equal(0, Program.Run(["simulate", Path.Combine(TestPaths.Cases, "C-FeS2-LPS-solid.yaml"), "--protocol-file", Path.Combine(TestPaths.Cases, "C-eis-dod.protocol"),
            "--out", outDir, "--quiet", "--library", TestPaths.Library], TextWriter.Null, TextWriter.Null));
        var probed = Path.Combine(outDir, "probe.html");
        File.WriteAllText(probed, ReportProbe.Inject(File.ReadAllText(Path.Combine(outDir, "report.html")), OverlapProbe));
        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(probed, width));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        var figures = JsonDocument.Parse(dom.Body!.GetAttribute("data-probe") ?? "[]").RootElement.EnumerateArray().ToList();
        Assert.Equal(10, figures.Count);
        Assert.All(figures, f => Assert.True(f.GetProperty("hasTitle").GetBoolean() && f.GetProperty("hasModebar").GetBoolean(), f.ToString()));
        Assert.Contains(figures, f => f.GetProperty("title").GetString() == "Cathode interphase (CEI)");
        var covered = figures.Where(f => f.GetProperty("modebar").GetBoolean() || f.GetProperty("legend").GetBoolean() || f.GetProperty("legendOnPlot").GetBoolean())
            .Select(f => f.ToString()).ToList();
        Assert.True(covered.Count == 0, $"at {width} px:\n" + string.Join("\n", covered));
    }
}
