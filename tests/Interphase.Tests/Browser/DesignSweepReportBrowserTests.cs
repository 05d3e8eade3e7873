using System.Text.Json;
using AngleSharp.Html.Parser;
using Interphase.Cli;

namespace Interphase.Tests.Browser;

/// <summary>The report of `interphase sweep` in headless Chromium: every scatter and the parallel coordinates are drawn.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DesignSweepReportBrowserTests
{
    static readonly string Probe = ReportProbe.AfterPlotsRendered("""
            var kinds = {};
            var lines = 0;
            document.querySelectorAll('div.plot').forEach(function (gd) {
              gd._fullData.forEach(function (t) {
                kinds[t.type] = (kinds[t.type] || 0) + 1;
                if (t.type === 'parcoords') lines = t.dimensions[0].values.length;
              });
            });
            body.dataset.probe = JSON.stringify({ kinds: kinds, lines: lines });
        """);

    [BrowserFact]
    public void ScattersAndParallelCoordinatesAreDrawn()
    {
        var root = TestPaths.TempDir();
        var spec = Path.Combine(root, "spec.yaml");
        File.WriteAllText(spec, $"cell: {Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml")}\n" +
            "protocol:\n  - \"Repeat 2 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h\"\ndesign: {method: sobol, samples: 6}\n" +
            "parameters:\n  stack_pressure: {from: 1 MPa, to: 10 MPa}\n  temperature: {from: 25 degC, to: 60 degC}\n");
        var outDir = Path.Combine(root, "out");
        Assert.Equal(0, Program.Run(["sweep", spec, "--out", outDir, "--quiet"], TextWriter.Null, TextWriter.Null));
        var probed = Path.Combine(outDir, "probe.html");
        File.WriteAllText(probed, ReportProbe.Inject(File.ReadAllText(Path.Combine(outDir, "report.html")), Probe));
        var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(probed));
        Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
        // parallel coordinates, and mean_overpotential_mV and its IR-free part against each of the two parameters
        Assert.Equal("5", dom.Body!.GetAttribute("data-plots-expected"));
        Assert.Equal("5", dom.Body!.GetAttribute("data-plots-rendered"));
        var probe = JsonDocument.Parse(dom.Body!.GetAttribute("data-probe") ?? "{}").RootElement;
        Assert.Equal(1, probe.GetProperty("kinds").GetProperty("parcoords").GetInt32());
        Assert.Equal(4, probe.GetProperty("kinds").GetProperty("scatter").GetInt32());
        Assert.Equal(6, probe.GetProperty("lines").GetInt32());
    }
}
