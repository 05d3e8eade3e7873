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
        // one model-against-target figure per mechanism with at least one model value (validation.json says which)
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "validation.json")));
        var mechanisms = json.RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("model").ValueKind == System.Text.Json.JsonValueKind.Number)
            .Select(e => e.GetProperty("mechanism").GetString()).Distinct().Count();
        Assert.True(mechanisms >= 3, $"{mechanisms} mechanisms with a model value");
        Assert.Equal(mechanisms.ToString(), dom.Body!.GetAttribute("data-plots-expected"));
        Assert.Equal(mechanisms.ToString(), dom.Body!.GetAttribute("data-plots-rendered"));
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
