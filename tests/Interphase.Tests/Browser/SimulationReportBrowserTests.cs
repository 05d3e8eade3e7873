using AngleSharp.Html.Parser;
using Interphase.Cli;

namespace Interphase.Tests.Browser;

/// <summary>The report of `interphase simulate` opened in headless Chromium, as a user would open it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SimulationReportBrowserTests
{
    [BrowserTheory]
    [InlineData("A-bare-Li-LPSCl", 9)]    // voltage, overpotential, 4 interface states, Nyquist, 2 Bode
    [InlineData("E-amalgam-Li-LLTO", 7)]  // voltage, overpotential, 5 interface states (with the amalgam)
    [InlineData("B-bare-Li-PEO", 7)]      // voltage, overpotential, 4 interface states, salt concentration
    public void EveryPlotOfASimulationReportIsDrawn(string caseName, int plots)
    {
        var dir = TestPaths.TempDir();
        var code = Program.Run(["simulate", Path.Combine(TestPaths.Cases, caseName + ".yaml"), "--out", dir, "--quiet", "--library", TestPaths.Library],
            TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        var html = Path.Combine(dir, "report.html");
        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(html));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        Assert.Equal(plots.ToString(), dom.Body!.GetAttribute("data-plots-expected"));
        Assert.Equal(plots.ToString(), dom.Body!.GetAttribute("data-plots-rendered"));
        foreach (var plot in dom.QuerySelectorAll("div.plot"))
            Assert.NotNull(plot.QuerySelector("svg.main-svg"));
        Assert.Contains(caseName, dom.Title);
        var text = dom.Body!.TextContent;
        Assert.Contains("short circuit", text);
        Assert.Contains("mean overpotential", text);
    }

    [BrowserTheory]
    [InlineData("B-LFP-DCPL-Li", 8)]       // V–Q curves, voltage, capacity/CE, 5 cell states
    [InlineData("D-LFP-PT-PEO", 9)]        // the same and rate capability
    [InlineData("C-FeS2-LPS-solid", 9)]    // the same (no rate) and the Nyquist plot
    public void EveryPlotOfAFullCellReportIsDrawn(string caseName, int plots)
    {
        var dir = TestPaths.TempDir();
        var code = Program.Run(["simulate", Path.Combine(TestPaths.Cases, caseName + ".yaml"), "--out", dir, "--quiet", "--library", TestPaths.Library],
            TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(Path.Combine(dir, "report.html")));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        Assert.Equal(plots.ToString(), dom.Body!.GetAttribute("data-plots-expected"));
        Assert.Equal(plots.ToString(), dom.Body!.GetAttribute("data-plots-rendered"));
        Assert.Contains("Voltage against specific capacity", dom.Body!.TextContent);
        Assert.Contains("capacity retention", dom.Body!.TextContent);
    }
}
