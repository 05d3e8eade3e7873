using System.Text.Json;
using AngleSharp.Html.Parser;
using Interphase.Cli;

namespace Interphase.Tests.Browser;

/// <summary>The report of `interphase simulate` opened in headless Chromium, as a user would open it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SimulationReportBrowserTests
{
    [BrowserTheory]
    [InlineData("A-bare-Li-LPSCl", 9)]    // voltage, overpotential, 4 interface states, Nyquist, 2 Bode
    [InlineData("E-amalgam-Li-LLTO", 8)]  // voltage, overpotential, 6 interface states (with the amalgam and its infiltrated zone)
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

    /// <summary>Where each banner sits on the screen and how it is painted, and how plotly drew the
    /// incomplete cycle's markers, once every plot is drawn.</summary>
    static readonly string BannerProbe = ReportProbe.AfterPlotsRendered("""
            var banners = [];
            document.querySelectorAll('.banner').forEach(function (b) {
              var r = b.getBoundingClientRect(), s = getComputedStyle(b), label = b.querySelector('.banner-label');
              banners.push({ cls: b.className, top: r.top, height: r.height, width: r.width, display: s.display, visibility: s.visibility,
                opacity: s.opacity, background: s.backgroundColor, border: s.borderLeftColor, label: getComputedStyle(label).backgroundColor,
                text: b.innerText });
            });
            var markers = [];
            document.querySelectorAll('div.plot').forEach(function (gd) {
              gd._fullData.forEach(function (t) {
                if (t.name.indexOf('incomplete cycle') >= 0)
                  markers.push({ name: t.name, symbol: t.marker.symbol, points: gd.querySelectorAll('.scatterlayer .trace:nth-child(' + (t.index + 1) + ') .points path').length });
              });
            });
            body.dataset.probe = JSON.stringify({ banners: banners, markers: markers, viewport: window.innerHeight,
              table: document.querySelector('table.kv').getBoundingClientRect().top });
        """);

    [BrowserFact]
    public void AStoppedRunsBannerIsTheFirstThingOnScreen()
    {
        // Li | Li6PS5Cl | Li under 2 MPa plated at 200 mA/cm2: the stripping electrode loses contact and the voltage
        // reaches the 10 V compliance within seconds (a pellet no crack opens: with its shipped toughness a crack
        // shorts it in 2 s first, docs/models.md §9)
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "compliance.yaml");
        File.WriteAllText(cell, "name: compliance\ndiameter: 10 mm\ntemperature: 25 degC\nstack_pressure: 2 MPa\nlayers:\n" +
            "  - {material: Li, thickness: 200 um}\n  - {material: Li6PS5Cl, thickness: 500 um}\n  - {material: Li, thickness: 200 um}\n" +
            "overrides:\n  Li6PS5Cl.fracture_toughness: 1000 MPa m^0.5\n" +
            "protocol:\n  - \"Repeat 3 times: Plate at 200 mA/cm2 for 1 h; Strip at 200 mA/cm2 for 1 h\"\n");
        var outDir = Path.Combine(dir, "out");
        Assert.Equal(0, Program.Run(["simulate", cell, "--out", outDir, "--quiet", "--library", TestPaths.Library], TextWriter.Null, TextWriter.Null));
        var html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        var probed = Path.Combine(outDir, "probe.html");
        File.WriteAllText(probed, ReportProbe.Inject(html, BannerProbe));

        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(probed));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        Assert.Equal(dom.Body!.GetAttribute("data-plots-expected"), dom.Body!.GetAttribute("data-plots-rendered"));
        var probe = JsonDocument.Parse(dom.Body!.GetAttribute("data-probe") ?? "{}").RootElement;

        var banner = Assert.Single(probe.GetProperty("banners").EnumerateArray());
        Assert.Equal("banner banner-stop", banner.GetProperty("cls").GetString());
        // shown, on the first screen, above the summary table, across the page
        Assert.Equal("block", banner.GetProperty("display").GetString());
        Assert.Equal("visible", banner.GetProperty("visibility").GetString());
        Assert.Equal("1", banner.GetProperty("opacity").GetString());
        Assert.True(banner.GetProperty("height").GetDouble() > 40, $"height {banner.GetProperty("height")}");
        Assert.True(banner.GetProperty("width").GetDouble() > 800, $"width {banner.GetProperty("width")}");
        Assert.InRange(banner.GetProperty("top").GetDouble(), 0, 300);
        Assert.True(banner.GetProperty("top").GetDouble() < probe.GetProperty("table").GetDouble());
        // red, unlike the page and the amber warnings
        Assert.Equal("rgb(254, 242, 242)", banner.GetProperty("background").GetString());
        Assert.Equal("rgb(220, 38, 38)", banner.GetProperty("border").GetString());
        Assert.Equal("rgb(185, 28, 28)", banner.GetProperty("label").GetString());
        var text = banner.GetProperty("text").GetString()!;
        Assert.Contains("STOPPED EARLY", text);   // the label, upper-cased by the style sheet
        Assert.Contains("compliance limit", text);
        Assert.Contains("stop_reason = compliance", text);

        // the cut cycle's markers are drawn, as open circles
        var markers = probe.GetProperty("markers").EnumerateArray().ToList();
        Assert.Equal(3, markers.Count);
        Assert.All(markers, m => Assert.Equal("circle-open", m.GetProperty("symbol").GetString()));
        Assert.All(markers, m => Assert.Equal(1, m.GetProperty("points").GetInt32()));

        var artifacts = Environment.GetEnvironmentVariable("INTERPHASE_REPORT_ARTIFACTS");
        if (!string.IsNullOrEmpty(artifacts))
        {
            Directory.CreateDirectory(artifacts);
            Chromium.Screenshot(Path.Combine(outDir, "report.html"), Path.Combine(artifacts, "stopped-run-report.png"));
        }
    }
}
