using AngleSharp.Html.Parser;
using Interphase.Cli;
using Interphase.Reports;
using Interphase.Tests.Cases;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Browser;

/// <summary>The reports of `analyze`, `calibrate` and `compare` opened in headless Chromium, as a user would open them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeasurementReportBrowserTests
{
    static void EveryPlotIsDrawn(string dir, int plots, params string[] texts)
    {
        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(Path.Combine(dir, "report.html")));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        Assert.Equal(plots.ToString(), dom.Body!.GetAttribute("data-plots-expected"));
        Assert.Equal(plots.ToString(), dom.Body!.GetAttribute("data-plots-rendered"));
        foreach (var plot in dom.QuerySelectorAll("div.plot"))
            Assert.NotNull(plot.QuerySelector("svg.main-svg"));
        foreach (var t in texts) Assert.Contains(t, dom.Body!.TextContent);
    }

    [BrowserFact(NeedsSharedData = true)]
    public void FullCellAnalysisReport()
    {
        var dir = TestPaths.TempDir();
        Assert.Equal(0, Program.Run(["analyze", Arbin, "--mass", "7.1 g", "--out", dir], TextWriter.Null, TextWriter.Null));
        // voltage, voltage against capacity, capacity and CE, mean voltages, dQ/dV
        EveryPlotIsDrawn(dir, 5, "coulombic efficiency", "the file begins inside a charge");
    }

    [BrowserFact]
    public void SymmetricAnalysisCalibrationAndComparisonReports()
    {
        var sim = TestPaths.TempDir();
        SimulationWriter.Write(DomainCaseTests.Run("B-bare-Li-PEO"), sim);
        var measured = TestPaths.TempDir();
        Assert.Equal(0, Program.Run(["analyze", Path.Combine(sim, "timeseries.csv"), "--out", measured], TextWriter.Null, TextWriter.Null));
        EveryPlotIsDrawn(measured, 2, "short circuit", "collapse");

        var cal = TestPaths.TempDir();
        Assert.Equal(0, Program.Run(["calibrate", Path.Combine(TestPaths.Cases, "B-bare-Li-PEO.yaml"), Path.Combine(sim, "timeseries.csv"),
            "--fit", "Li|PEO-LiTFSI.exchange_current_density", "--out", cal, "--quiet", "--library", TestPaths.Library, "--max-evaluations", "40"], TextWriter.Null, TextWriter.Null));
        EveryPlotIsDrawn(cal, 2, "Li|PEO-LiTFSI.exchange_current_density");

        var cmp = TestPaths.TempDir();
        Assert.Equal(0, Program.Run(["compare", sim, measured, "--out", cmp], TextWriter.Null, TextWriter.Null));
        EveryPlotIsDrawn(cmp, 2, "B-bare-Li-PEO (simulation)");
    }
}
