using System.Text.Json;
using AngleSharp.Html.Parser;
using Interphase.Cli;

namespace Interphase.Tests.Browser;

/// <summary>The report of `interphase simulate --ensemble` in headless Chromium: the bands are drawn as filled areas.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EnsembleReportBrowserTests
{
    static readonly string BandProbe = ReportProbe.AfterPlotsRendered("""
            var fills = [];
            document.querySelectorAll('div.plot').forEach(function (gd) {
              gd._fullData.forEach(function (t) { if (t.fill === 'tonexty') fills.push({ name: t.name, color: t.fillcolor }); });
            });
            var painted = 0;
            document.querySelectorAll('path.js-fill').forEach(function (p) {
              var d = p.getAttribute('d') || '';
              if (d.length > 10 && p.getBBox().height > 1) painted++;
            });
            body.dataset.probe = JSON.stringify({ fills: fills, painted: painted });
        """);

    [BrowserFact]
    public void TheBandsOfAnEnsembleAreDrawnAsFilledAreas()
    {
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "cell.yaml");
        File.WriteAllText(cell, File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml")).Replace("protocol_file: A-symmetric.protocol", "") +
            "\nprotocol:\n  - \"Ramp from 0.1 to 3 mA/cm2 in steps of 0.1 mA/cm2: Plate for 1 h; Strip for 1 h\"\n  - \"Stop if short circuit\"\n" +
            "distributions:\n  stack_pressure: normal(5 MPa, 1 MPa)\n  \"Li|Li6PS5Cl.exchange_current_density\": lognormal(1.12 mA/cm2, 0.3)\n");
        var outDir = Path.Combine(dir, "out");
        Assert.Equal(0, Program.Run(["simulate", cell, "--ensemble", "16", "--seed", "3", "--out", outDir, "--quiet", "--library", TestPaths.Library],
            TextWriter.Null, TextWriter.Null));
        var probed = Path.Combine(outDir, "probe.html");
        File.WriteAllText(probed, ReportProbe.Inject(File.ReadAllText(Path.Combine(outDir, "report.html")), BandProbe));
        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(probed));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        // the overpotential band per cycle and the fraction shorted against time
        Assert.Equal("2", dom.Body!.GetAttribute("data-plots-expected"));
        Assert.Equal("2", dom.Body!.GetAttribute("data-plots-rendered"));
        var probe = JsonDocument.Parse(dom.Body!.GetAttribute("data-probe") ?? "{}").RootElement;
        var fill = Assert.Single(probe.GetProperty("fills").EnumerateArray());
        Assert.Equal("10–90 % band", fill.GetProperty("name").GetString());
        Assert.True(probe.GetProperty("painted").GetInt32() >= 1, "no filled band was painted");
        var text = dom.Body!.TextContent;
        Assert.Contains("Metrics: median and 10–90 % band", text);
        Assert.Contains("time_to_short_h", text);
        Assert.Contains("16 of 16", text);
    }
}
