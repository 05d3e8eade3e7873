using AngleSharp.Html.Parser;
using Interphase.Data.Eis;
using Interphase.Impedance;
using Interphase.IO;
using Interphase.Tests.Browser;

namespace Interphase.Tests.Impedance;

[Collection(BrowserCollection.Name)]
public sealed class EisReportTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-eis-report-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    string Write(out Interphase.Reports.HtmlReport report)
    {
        var s = EisFile.Read(SharedData.File("eis/exampleDataGamry.DTA"));
        var fit = EisFitter.Fit(s, Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)"));
        report = EisReport.Build(fit, LinKK.Test(s), Drt.Compute(s), new CellGeometry(500e-6, 0.785e-4, "R1"));
        using var staging = new OutputStaging(_dir);
        report.Write(staging);
        staging.Commit();
        return Path.Combine(_dir, "report.html");
    }

    [SharedDataFact]
    public void ReportHoldsTheFitTheWarningsAndFourFigures()
    {
        var file = Write(out var report);
        Assert.Equal(4, report.FigureCount);
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(file));
        var text = doc.Body!.TextContent;
        Assert.Contains("R0-p(R1,CPE1)-p(R2,CPE2)", doc.Title);
        Assert.Contains("not identifiable", text);              // R0 of the Gamry file
        Assert.Contains("Lin-KK test fails", text);             // its low-frequency drift
        Assert.Contains("Ω cm²", text);
        Assert.Contains("σ = L/(R1·A)", text);
        Assert.Equal(["Nyquist", "Bode", "Residuals", "Distribution of relaxation times"],
            doc.QuerySelectorAll("h2").Skip(1).Select(h => h.TextContent));
    }

    [BrowserFact(NeedsSharedData = true)]
    public void ReportDrawsEveryFigureOffline()
    {
        var file = Write(out _);
        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(file));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        Assert.Equal("4", dom.Body!.GetAttribute("data-plots-rendered"));
        Assert.All(dom.QuerySelectorAll("figure.figure div.plot"), p => Assert.NotNull(p.QuerySelector("svg.main-svg")));
    }
}
