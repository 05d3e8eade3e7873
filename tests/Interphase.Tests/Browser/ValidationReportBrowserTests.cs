using AngleSharp.Html.Parser;
using Interphase.Cli;

namespace Interphase.Tests.Browser;

/// <summary>The report of `interphase validate` opened in headless Chromium, as a user would open it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ValidationReportBrowserTests
{
    [BrowserFact]
    public void EveryMechanismFigureOfTheValidationReportIsDrawn()
    {
        var dir = TestPaths.TempDir();
        var code = Program.Run(["validate", "--library", TestPaths.Library, "--out", dir, "--overwrite"], TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, code);
        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(Path.Combine(dir, "report.html")));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        // one model-against-target figure per mechanism with a model value: stripping current, resistance, CCD, Sand's time
        Assert.Equal("4", dom.Body!.GetAttribute("data-plots-expected"));
        Assert.Equal("4", dom.Body!.GetAttribute("data-plots-rendered"));
        foreach (var plot in dom.QuerySelectorAll("div.plot"))
            Assert.NotNull(plot.QuerySelector("svg.main-svg"));
        var text = dom.Body!.TextContent;
        Assert.Contains("Critical current density: model against target", text);
        Assert.Contains("Dendrite onset in polymers", text);
        Assert.Contains("c2-sharafi-llzo-ccd-70C", text);
        Assert.Contains("never counted", text);
        Assert.Contains("no model for", text);
    }
}
