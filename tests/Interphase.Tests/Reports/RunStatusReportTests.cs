using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Interphase.Cells;
using Interphase.Data.Analysis;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;
using Interphase.Tests.Data;

namespace Interphase.Tests.Reports;

/// <summary>
/// The reports say at their top what a reader must know before trusting a number (issue 8): why a run
/// stopped before its protocol's end, where its inputs leave the materials' data, the warnings of an
/// analysis; they draw incomplete cycles apart (hollow markers) and never show a missing value as
/// "NaN" or as a point at 0.
/// </summary>
public class RunStatusReportTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    static SimulationResult Symmetric(string electrolyte, string temperature, string pressure, params string[] steps) =>
        SymmetricWith(electrolyte, temperature, pressure, "", steps);

    static SimulationResult SymmetricWith(string electrolyte, string temperature, string pressure, string overrides, params string[] steps)
    {
        var cell = SymmetricCell.Build(CellSpec.Parse(YNode.LoadText(
            $"name: t\ndiameter: 10 mm\ntemperature: {temperature}\nstack_pressure: {pressure}\nlayers:\n" +
            $"  - {{material: Li, thickness: 200 um}}\n  - {{material: {electrolyte}, thickness: 500 um}}\n  - {{material: Li, thickness: 200 um}}\n" + overrides,
            "t.yaml"), Lib), Lib);
        return new SymmetricSimulator(cell).Run(ProtocolParser.ParseLines(steps));
    }

    /// <summary>B-LFP-DCPL-Li's cell at 60 °C: two complete cycles to 3.9 V, then a charge that a 'Stop if' cuts short.</summary>
    static FullCellResult LfpStoppedInCycle3()
    {
        var spec = CellSpec.Parse(YNode.LoadText(
            "name: stop-LFP\nkind: full\ndiameter: 10 mm\ntemperature: 60 degC\nstack_pressure: 0.2 MPa\nreference_cycle: 1\nlayers:\n" +
            "  - {material: Li, thickness: 200 um}\n  - {material: DCPL, morphology: in_situ}\n  - {material: PEO-LiTFSI, thickness: 90 um}\n" +
            "  - {material: LiFePO4, loading: 1.4 mg/cm2, electrolyte_fraction: 0.3, active_volume_fraction: 0.45}\n", "stop.yaml"), Lib);
        return new FullCellSimulator(FullCell.Build(spec, Lib)).Run(ProtocolParser.ParseLines(
        [
            "Stop if V > 3.95 V",
            "Repeat 2 times: Charge at 200 mA/g until 3.9 V; Discharge at 200 mA/g until 2.8 V",
            "Charge at 200 mA/g until 4.0 V",
        ]));
    }

    static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [Fact]
    public void ARunStoppedAtItsFirstPointSaysThereIsNothingToPlotInsteadOfAnEmptyPlot()
    {
        // Li | Li6PS5Cl | Li at 0 MPa: the metal touches on 1E-4 of the area, the first plating point passes the 10 V
        // compliance, and cycle 1 has no value. The report drew an empty "Overpotential per cycle" plot with its legend.
        var r = Symmetric("Li6PS5Cl", "25 degC", "0 MPa", "Plate at 0.2 mA/cm2 for 1 h", "Strip at 0.2 mA/cm2 for 1 h");
        Assert.Equal("compliance", r.StopReason);
        Assert.All(r.Cycles, c => Assert.False(double.IsFinite(c.MeanAbsVoltage) || double.IsFinite(c.MaxAbsVoltage)));
        var html = SimulationReport.Html(r);
        Assert.DoesNotContain("Overpotential per cycle (hollow", html);
        Assert.Contains("Overpotential per cycle: nothing to plot, no cycle has a value", VisibleText(Parse(html)));
    }

    /// <summary>What a reader sees as text: the page without its scripts (plotly.js itself contains "NaN").</summary>
    static string VisibleText(IDocument dom)
    {
        foreach (var s in dom.QuerySelectorAll("script").ToList()) s.Remove();
        return dom.Body!.TextContent;
    }

    static JsonElement Figure(string html, string titleStart)
    {
        var m = Regex.Match(html, "<script type=\"application/json\" id=\"interphase-figures\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success, "no figure data in the report");
        foreach (var f in JsonDocument.Parse(m.Groups[1].Value).RootElement.EnumerateArray())
            if (f.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!.StartsWith(titleStart))
                return f.GetProperty("data").Clone();
        throw new Xunit.Sdk.XunitException($"no figure '{titleStart}' in the report");
    }

    static JsonElement TraceNamed(JsonElement data, string name) =>
        data.EnumerateArray().FirstOrDefault(t => t.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } t
            ? t : throw new Xunit.Sdk.XunitException($"no trace '{name}'");

    static bool IsHollow(JsonElement trace) =>
        trace.GetProperty("marker").TryGetProperty("symbol", out var s) && s.GetString() == "circle-open";

    /// <summary>The banners section is the first thing in the page's main part, above the summary table.</summary>
    static IElement FirstInMain(IDocument dom)
    {
        var first = dom.QuerySelector("main")!.FirstElementChild!;
        Assert.Equal("banners", first.ClassName);
        return first;
    }

    [Fact]
    public void AColdPolymerCellsReportShowsItsExtrapolationWarningsAtTheTop()
    {
        // PEO-LiTFSI's data span 40-60 degC, Li's 20-100 degC: at 0 degC both are extrapolated
        var r = Symmetric("PEO-LiTFSI", "0 degC", "0.2 MPa", "Repeat 2 times: Plate at 0.0001 mA/cm2 for 1 h; Strip at 0.0001 mA/cm2 for 1 h");
        Assert.Equal("protocol_completed", r.StopReason);
        Assert.Equal(2, r.Warnings.Count);

        var html = SimulationReport.Html(r);
        var dom = Parse(html);
        var banners = FirstInMain(dom);
        var warning = Assert.Single(banners.QuerySelectorAll(".banner"));
        Assert.Contains("banner-warning", warning.ClassList);
        Assert.Contains("2 warnings", warning.QuerySelector(".banner-title")!.TextContent);
        var items = warning.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(r.Warnings, items);
        Assert.Contains(items, w => w.Contains("PEO-LiTFSI at 0 degC is below the temperature range of its data"));
        // a completed run has no stop banner and no incomplete cycle
        Assert.Null(dom.QuerySelector(".banner-stop"));
        var text = VisibleText(dom);
        Assert.DoesNotContain("Incomplete cycles", text);
        Assert.DoesNotContain("NaN", text);
        Assert.All(Figure(html, "Overpotential per cycle").EnumerateArray(), t => Assert.False(IsHollow(t)));
    }

    [Fact]
    public void ACellStoppedAtTheComplianceSaysWhyAtTheTopAndDrawsItsCutCycleHollow()
    {
        // bare Li | Li6PS5Cl at 200 mA/cm2 under 2 MPa: the stripping electrode loses contact and |V| reaches the
        // instrument's 10 V within seconds (at 5 MPa creep under the concentrated stress keeps half the contact). The
        // pellet is made one no crack opens: with its shipped toughness a crack from the plating side crosses the
        // 500 µm in 2 s and shorts the cell first (docs/models.md §9)
        var r = SymmetricWith("Li6PS5Cl", "25 degC", "2 MPa", "overrides:\n  Li6PS5Cl.fracture_toughness: 1000 MPa m^0.5\n",
            "Repeat 3 times: Plate at 200 mA/cm2 for 1 h; Strip at 200 mA/cm2 for 1 h");
        Assert.Equal("compliance", r.StopReason);
        var cut = Assert.Single(r.Cycles);
        Assert.False(cut.Complete);

        var html = SimulationReport.Html(r);
        var dom = Parse(html);
        var stop = FirstInMain(dom).QuerySelector(".banner")!;
        Assert.Contains("banner-stop", stop.ClassList);
        Assert.Equal("Stopped early", stop.QuerySelector(".banner-label")!.TextContent);
        Assert.Contains("the cell voltage reached the instrument's compliance limit", stop.TextContent);
        Assert.Contains("voltage compliance |V| > 10 V", stop.TextContent);   // the end reason, as summary.json has it
        Assert.Contains(r.EndReason[1..], stop.TextContent);
        Assert.Contains("stop_reason = compliance", stop.TextContent);
        Assert.Contains("Cycle 1 was cut short", stop.TextContent);
        // the stop is said once, in the banner, not again as an event warning
        Assert.DoesNotContain(dom.QuerySelectorAll("div.warning"), w => w.TextContent.Contains("compliance"));

        var text = VisibleText(dom);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("— mV", text);
        Assert.Contains("n/a (no complete cycle)", text);
        Assert.Contains("cycle 1: the run stopped inside it (no stripping half)", text);
        // a run of seconds is not "0.0 h"
        Assert.DoesNotContain("0.0 h", text);

        // only hollow markers in the per-cycle plot: the cut cycle is no point of the lines
        var data = Figure(html, "Overpotential per cycle (hollow markers");
        Assert.All(data.EnumerateArray(), t => Assert.True(IsHollow(t), t.GetProperty("name").GetString()));
        Assert.Equal(1.0, TraceNamed(data, "mean |V|, incomplete cycle").GetProperty("x")[0].GetDouble());
    }

    [Fact]
    public void AFullCellCutShortByAStopConditionShowsTheStopAndItsIncompleteCycleApart()
    {
        var r = LfpStoppedInCycle3();
        Assert.Equal("stop_condition", r.StopReason);
        Assert.Equal([true, true, false], r.Cycles.Select(c => c.Complete));

        var html = FullCellReport.Html(r);
        var dom = Parse(html);
        var stop = FirstInMain(dom).QuerySelector(".banner-stop")!;
        Assert.Contains("a 'Stop if' condition of the protocol was met", stop.TextContent);
        Assert.Contains("V > 3.95 V", stop.TextContent);
        Assert.Contains("stop_reason = stop_condition", stop.TextContent);
        Assert.Contains("Cycle 3 was cut short", stop.TextContent);
        Assert.Contains("2 complete (and 1 incomplete cycle)", VisibleText(dom));

        var data = Figure(html, "Capacity and coulombic efficiency");
        var charge = TraceNamed(data, "charge");
        Assert.Equal([1.0, 2.0], charge.GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
        Assert.False(IsHollow(charge));
        var open = TraceNamed(data, "charge, incomplete cycle");
        Assert.True(IsHollow(open));
        Assert.Equal(3.0, open.GetProperty("x")[0].GetDouble());
        // cycle 3 never discharged: its discharge is a gap, not a point at 0
        Assert.Equal(JsonValueKind.Null, TraceNamed(data, "discharge, incomplete cycle").GetProperty("y")[0].ValueKind);
        Assert.Equal([1.0, 2.0], TraceNamed(data, "coulombic efficiency").GetProperty("x").EnumerateArray().Select(x => x.GetDouble()));
    }

    [Fact]
    public void AFullCellsTraceCyclesHaveNoEfficiencyPointAndAreNamedInANote()
    {
        // D-LFP-PEO at 40 degC: from cycle 7 on a half passes a trace of charge, whose CE is NaN
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "D-LFP-PEO.yaml"), Lib);
        var r = new FullCellSimulator(FullCell.Build(spec, Lib), new SimulationOptions { RecordSeries = false })
            .Run(ProtocolParser.ParseFile(spec.ProtocolFile!));
        var noCe = r.Cycles.Where(c => c.Complete && double.IsNaN(c.CoulombicEfficiency)).Select(c => c.Cycle).ToList();
        Assert.NotEmpty(noCe);

        var html = FullCellReport.Html(r);
        var ce = TraceNamed(Figure(html, "Capacity and coulombic efficiency"), "coulombic efficiency");
        var x = ce.GetProperty("x").EnumerateArray().Select(v => (int)v.GetDouble()).ToList();
        var y = ce.GetProperty("y").EnumerateArray().ToList();
        foreach (var cycle in noCe) Assert.Equal(JsonValueKind.Null, y[x.IndexOf(cycle)].ValueKind);
        Assert.All(y.Where(v => v.ValueKind == JsonValueKind.Number), v => Assert.InRange(v.GetDouble(), 50, 100.1));

        var text = VisibleText(Parse(html));
        Assert.Contains("Complete cycles without a coulombic efficiency", text);
        // consecutive cycles with one reason are one line
        Assert.Contains($"cycles {noCe[1]}–{noCe[^1]}: its charge passed only a trace of charge", text);
        Assert.DoesNotContain("NaN", text);
        Assert.Contains("CE n/a", text);
    }

    [Fact]
    public void AnAnalysisWarningIsABannerAtTheTopOfItsReport()
    {
        // 1 h of charge then 2 h of discharge at 1 mA: CE 200 %, which analyze reports and warns about
        var d = Synthetic.Build([new SynthStep(0, 600), new SynthStep(1e-3, 3600), new SynthStep(-1e-3, 7200), new SynthStep(0, 600)], 30,
            (t, s, q, i) => i > 0 ? 3.5 + q / 3.6 * 0.1 : i < 0 ? 3.4 - q / 7.2 * 0.1 : 3.3);
        var dir = TestPaths.TempDir();
        var path = Synthetic.WriteCsv(d, Path.Combine(dir, "ce200.csv"));
        var m = Measurement.Analyze(path, new AnalysisOptions { Kind = CellKind.Full });
        var w = Assert.Single(m.Full!.Warnings);
        Assert.Contains("coulombic efficiency 200", w);

        var dom = Parse(MeasurementReport.Build(m).Render());
        var banner = FirstInMain(dom).QuerySelector(".banner-warning")!;
        Assert.Contains("1 warning about these results", banner.TextContent);
        Assert.Equal(w, banner.QuerySelector("li")!.TextContent);
    }

    [Fact]
    public void TheFitWarningsOfEverySweepAfterTheFirstAreABannerOfTheImpedanceReport()
    {
        // two sweeps of one arc and a line, fitted with the domain's five-element circuit: the elements
        // the data do not show are not identifiable, which the fit warns about in every sweep
        var truth = Interphase.Impedance.Circuit.Parse("R0-p(R1,C1)").WithValues([20, 100, 1e-6]);
        var f = Interphase.Tests.Impedance.Synthetic.LogGrid(1e6, 0.1, 8);
        var eis = EisAnalysis.Of([Interphase.Tests.Impedance.Synthetic.Spectrum(truth, f, 0.002, 1), Interphase.Tests.Impedance.Synthetic.Spectrum(truth, f, 0.002, 2)], null);
        var second = eis.Sweeps[1].Fit.Warnings;
        Assert.NotEmpty(second);
        var m = new Measurement(new Interphase.Data.DetectedFile("two.txt", Interphase.Data.DataFormat.DelimitedText, Interphase.Data.DataKind.Impedance, "synthetic"),
            CellKind.Eis, "test", null, null, null, eis);

        var dom = Parse(MeasurementReport.Build(m).Render());
        var banner = FirstInMain(dom).QuerySelector(".banner-warning")!;
        Assert.Contains("the fits of sweeps 2 to 2 (sweep 1's are in its summary below)", banner.TextContent);
        var items = banner.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(second.Select(w => $"sweep 2: {w}"), items.Take(second.Count));
        Assert.DoesNotContain(items, i => i.StartsWith("sweep 1:"));
    }

    [Fact]
    public void TheWarningsHeadingSaysWhetherTheyAreAboutTheInputsOrTheImpedanceFits()
    {
        string fit = "impedance spectrum 1 (eis_1.csv): the fitted R0 = 1 ohm is not determined by the spectrum " + SpectrumFit.WarningPointer;
        string input = "temperature 80 degC is above the validity domain of PEO";
        Assert.Equal("1 warning: the impedance fits write values their spectra do not determine; read the results with care.",
            RunStatus.WarningsHeading([fit]));
        Assert.Equal("1 warning: the inputs go beyond what the materials' data and the model cover; read the results with care.",
            RunStatus.WarningsHeading([input]));
        Assert.Contains("the inputs go beyond", RunStatus.WarningsHeading([input, fit]));
        Assert.Contains("and the impedance fits write values their spectra do not determine", RunStatus.WarningsHeading([input, fit]));
    }
}
