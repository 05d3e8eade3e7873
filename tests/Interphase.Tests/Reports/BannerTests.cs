using AngleSharp.Html.Parser;
using Interphase.Reports;

namespace Interphase.Tests.Reports;

/// <summary>Banners (what to read before any number), the "n/a" of the reports, and the note of incomplete cycles.</summary>
public class BannerTests
{
    [Fact]
    public void BannersComeFirstInMainWhenEverTheyAreAddedAndEscapeTheirText()
    {
        var report = new HtmlReport("t").AddParagraph("first block");
        report.AddBanner(new Banner(BannerKind.Stop, "stopped <b>early</b>", ["because & so"]));
        report.AddKeyValueTable([("k", "v")]);
        report.AddBanner(new Banner(BannerKind.Warning, "read with care"));
        var html = report.Render();
        Assert.Contains("stopped &lt;b&gt;early&lt;/b&gt;", html);
        Assert.Contains("because &amp; so", html);

        var main = new HtmlParser().ParseDocument(html).QuerySelector("main")!;
        var section = main.FirstElementChild!;
        Assert.Equal("banners", section.ClassName);
        var banners = section.QuerySelectorAll(".banner");
        Assert.Equal(2, banners.Length);
        Assert.Equal(["banner", "banner-stop"], banners[0].ClassList);
        Assert.Equal("Stopped early", banners[0].QuerySelector(".banner-label")!.TextContent);
        Assert.Equal("because & so", banners[0].QuerySelector("li")!.TextContent);
        Assert.Equal(["banner", "banner-warning"], banners[1].ClassList);
        Assert.Equal("Warning", banners[1].QuerySelector(".banner-label")!.TextContent);
        Assert.Null(banners[1].QuerySelector("ul"));
        Assert.Equal("first block", section.NextElementSibling!.TextContent);
        Assert.Equal(2, report.Banners.Count);
    }

    [Fact]
    public void AReportWithoutBannersHasNoBannerSection()
    {
        Assert.DoesNotContain("class=\"banners\"", new HtmlReport("t").AddParagraph("p").Render());
    }

    [Fact]
    public void ALongListIsCutWithACountAndWhereTheRestAre()
    {
        var lines = Enumerable.Range(1, Banner.MaxLines + 5).Select(i => $"warning {i}").ToList();
        var dom = new HtmlParser().ParseDocument(new HtmlReport("t").AddBanner(new Banner(BannerKind.Warning, "many", lines, "summary.json, warnings")).Render());
        var items = dom.QuerySelectorAll(".banner li").Select(li => li.TextContent).ToList();
        Assert.Equal(Banner.MaxLines + 1, items.Count);
        Assert.Equal($"warning {Banner.MaxLines}", items[^2]);
        Assert.Equal("… and 5 more (summary.json, warnings)", items[^1]);
    }

    [Fact]
    public void AMissingNumberIsNotAvailableWithoutItsUnit()
    {
        Assert.Equal("n/a", ReportNumber.Show(double.NaN, "F1", "mV"));
        Assert.Equal("n/a", ReportNumber.Show(null, "F1", "mV"));
        Assert.Equal("n/a", ReportNumber.Show(double.PositiveInfinity));
        Assert.Equal("12.3 mV", ReportNumber.Show(12.34, "F1", "mV"));
        Assert.Equal("0", ReportNumber.Show(0));
        Assert.Equal("4.56 s", ReportNumber.Time(4.5554));
        Assert.Equal("0 s", ReportNumber.Time(0));
        Assert.Equal("1.5 h", ReportNumber.Time(5400));
        Assert.Equal("n/a", ReportNumber.Time(double.NaN));
    }

    [Fact]
    public void RunStatusAddsNothingForACompletedRunWithoutWarnings()
    {
        var report = new HtmlReport("t");
        RunStatus.AddBanners(report, RunStatus.Completed, "protocol completed", [], [], "left out");
        Assert.Empty(report.Banners);
        RunStatus.AddBanners(report, "metal_exhausted", "stopped: the metal of electrode 1 is used up at 3 h", ["one"], [4], "left out of the means");
        Assert.Equal([BannerKind.Stop, BannerKind.Warning], report.Banners.Select(b => b.Kind));
        Assert.Equal("The run stopped before the end of its protocol: the metal electrode is used up.", report.Banners[0].Title);
        Assert.Equal(["Stopped: the metal of electrode 1 is used up at 3 h.", "Cycle 4 was cut short: it is drawn with hollow markers and left out of the means.",
            "summary.json: stop_reason = metal_exhausted."], report.Banners[0].Lines);
        Assert.StartsWith("1 warning:", report.Banners[1].Title);
    }

    [Fact]
    public void TheNoteOfIncompleteCyclesJoinsRunsOfOneReason()
    {
        var report = new HtmlReport("t");
        IncompleteCycles.AddNote(report, "Incomplete", [(1, "a"), (2, "a"), (3, "a"), (5, "a"), (6, "b")], "cycles.csv");
        IncompleteCycles.AddNote(report, "None", [], "cycles.csv");
        var p = new HtmlParser().ParseDocument(report.Render()).QuerySelectorAll("main p");
        var text = Assert.Single(p).InnerHtml;
        Assert.Equal("Incomplete:<br>• cycles 1–3: a<br>• cycle 5: a<br>• cycle 6: b", text);
    }
}
