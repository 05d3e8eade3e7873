using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Reports;

/// <summary>
/// A report of a run that left mechanisms out (cell file <c>mechanisms:</c>, <c>simulate --without</c>) says so in a
/// box at its top, naming each one, so that its figures are not taken for a full-physics run's; a run with every
/// mechanism on has no such box.
/// </summary>
public class MechanismsBannerTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The "Mechanisms off" banner, which must sit in the banners section that opens the page's main part.</summary>
    static IElement? MechanismsBanner(IDocument dom)
    {
        var first = dom.QuerySelector("main")!.FirstElementChild!;
        var banner = dom.QuerySelector(".banner-mechanisms");
        if (banner is not null) Assert.Same(first, banner.ParentElement); // at the top, above the summary table
        return banner;
    }

    static FullCellResult Full(string? mechanismsBlock)
    {
        var yaml = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-LCO-bare-Li.yaml")) + (mechanismsBlock ?? "");
        var spec = CellSpec.Parse(YNode.LoadText(yaml, Path.Combine(TestPaths.Cases, "m.yaml")), Lib);
        return new FullCellSimulator(FullCell.Build(spec, Lib)).Run(ProtocolParser.ParseLines(["Charge at 0.5C for 20 min"]));
    }

    [Fact]
    public void ASymmetricRunWithoutContactLossSaysSoAtTheTopOfItsReport()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "without");
        var run = CliHarness.Run("simulate", "A-bare-Li-LPSCl", "--without", "contact-loss", "--step", "Strip at 0.5 mA/cm2 for 30 min", "--out", dir, "-q");
        Assert.True(run.code == 0, run.stderr);
        var dom = Parse(File.ReadAllText(Path.Combine(dir, "report.html")));
        var banner = MechanismsBanner(dom);
        Assert.NotNull(banner);
        Assert.Equal("Mechanisms off Mechanisms switched off: contact-loss — results leave these out.", banner.QuerySelector(".banner-title")!.TextContent);
        var lines = banner.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.StartsWith("contact-loss: stripping opens no voids", lines[0]);
        Assert.DoesNotContain(lines, l => l.StartsWith("dendrites"));
    }

    [Fact]
    public void ASymmetricRunWithEveryMechanismOnHasNoSuchBox()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "full");
        var run = CliHarness.Run("simulate", "A-bare-Li-LPSCl", "--step", "Strip at 0.5 mA/cm2 for 30 min", "--out", dir, "-q");
        Assert.True(run.code == 0, run.stderr);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Null(MechanismsBanner(Parse(html)));
        Assert.DoesNotContain("switched off", html);
    }

    [Fact]
    public void AFullCellReportNamesEachMechanismSwitchedOffInTheCellFile()
    {
        var off = Full("mechanisms: {dendrites: off, cathode-interphase: off}\n");
        Assert.Equal(["dendrites", "cathode-interphase"], off.Mechanisms.NamesOff);
        var banner = MechanismsBanner(Parse(FullCellReport.Html(off)));
        Assert.NotNull(banner);
        Assert.Contains("Mechanisms switched off: dendrites, cathode-interphase — results leave these out.", banner.QuerySelector(".banner-title")!.TextContent);
        Assert.Equal(["dendrites", "cathode-interphase"],
            banner.QuerySelectorAll("li").Select(li => li.TextContent).Where(l => !l.StartsWith("summary.json")).Select(l => l[..l.IndexOf(':')]));

        var html = FullCellReport.Html(Full(null));
        Assert.Null(MechanismsBanner(Parse(html)));
        Assert.DoesNotContain("switched off", html);
    }

    [Fact]
    public void APapersStaticFiguresOfARunWithoutAMechanismCarryItUnderTheirTitle()
    {
        var r = Full("mechanisms: {active-material-loss: off}\n");
        var note = RunStatus.MechanismsNote(r.Mechanisms);
        Assert.Equal("Mechanisms off: active-material-loss", note);
        var figures = FullCellReport.Build(r).Figures;
        Assert.NotEmpty(figures);
        Assert.All(figures, f => Assert.Equal(note, StaticFigures.Prepared(f, FigureSize.Single, note).Subtitle));

        Assert.Null(RunStatus.MechanismsNote(Full(null).Mechanisms));
        Assert.All(figures, f => Assert.Null(StaticFigures.Prepared(f, FigureSize.Single, null).Subtitle));
    }
}
