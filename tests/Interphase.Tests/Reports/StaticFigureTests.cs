using System.Xml.Linq;
using Interphase.Reports;
using Interphase.Tests.Cli;
using SkiaSharp;

namespace Interphase.Tests.Reports;

/// <summary>
/// Figures for a paper (<c>--figures svg,png,pdf</c>, issue 13 item 4): valid files at journal sizes, drawn with the
/// report's conventions. The PNG is decoded and its pixels looked at: a circle plotted with equal axes must come out
/// round, as a Nyquist semicircle must, and the trace must be drawn in its colour on white.
/// </summary>
public class StaticFigureTests
{
    static Figure Circle(bool equalAspect)
    {
        // a circle of radius 1 about (3, 0): in a 4:3 frame without equal axes it is stretched into an ellipse
        var t = Enumerable.Range(0, 721).Select(k => k * Math.PI / 360).ToArray();
        var trace = new Trace("circle", t.Select(a => 3 + Math.Cos(a)).ToArray(), t.Select(a => Math.Sin(a)).ToArray()) { Color = "#ff0000", LineWidth = 2 };
        return new Figure("Nyquist", "Z′ / Ω", "−Z″ / Ω") { EqualAspect = equalAspect, Traces = [trace] };
    }

    static SKBitmap Png(Figure f, FigureSize size = FigureSize.Single)
    {
        using var ms = new MemoryStream();
        StaticFigures.Render(f, FigureFormat.Png, size, ms);
        return SKBitmap.Decode(ms.ToArray());
    }

    /// <summary>The bounding box of the strongly red pixels (the trace), in pixels.</summary>
    static (int W, int H) RedBox(SKBitmap b)
    {
        int x0 = int.MaxValue, x1 = -1, y0 = int.MaxValue, y1 = -1;
        for (int y = 0; y < b.Height; y++)
            for (int x = 0; x < b.Width; x++)
            {
                var c = b.GetPixel(x, y);
                if (c.Red > 200 && c.Green < 80 && c.Blue < 80)
                {
                    x0 = Math.Min(x0, x); x1 = Math.Max(x1, x); y0 = Math.Min(y0, y); y1 = Math.Max(y1, y);
                }
            }
        Assert.True(x1 >= 0, "no pixel of the trace's colour in the image");
        return (x1 - x0 + 1, y1 - y0 + 1);
    }

    [Fact]
    public void ANyquistCircleIsRoundWithEqualAxesAndStretchedWithout()
    {
        using var round = Png(Circle(true));
        // 85 mm × 64 mm at 300 dpi
        Assert.Equal((1004, 756), (round.Width, round.Height));
        var (w, h) = RedBox(round);
        Assert.InRange((double)w / h, 0.97, 1.03);
        Assert.True(w > 200, $"the circle is {w} px wide: too small to judge");
        // white paper around the plot
        Assert.Equal(SKColors.White, round.GetPixel(2, 2));
        using var free = Png(Circle(false));
        var (wf, hf) = RedBox(free);
        Assert.False(Math.Abs((double)wf / hf - 1) < 0.1, $"without equal axes the circle should be stretched, got {wf}×{hf} px");
    }

    /// <summary>A figure's legend lies outside its data frame: a long one (a full cell's 14 cycle curves), a short one with a secondary axis, one on equal axes.</summary>
    [Theory]
    [InlineData(14, false, false, FigureSize.Single)]
    [InlineData(14, false, false, FigureSize.Double)]
    [InlineData(14, true, false, FigureSize.Single)]
    [InlineData(2, true, false, FigureSize.Single)]
    [InlineData(3, false, true, FigureSize.Single)]
    public void TheLegendDoesNotCoverTheData(int traces, bool secondaryAxis, bool equalAspect, FigureSize size)
    {
        var x = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var list = Enumerable.Range(0, traces).Select(k => new Trace($"cycle {k + 1} discharge", x, x.Select(v => Math.Sin(v / 5) + k).ToArray()) { YAxis = secondaryAxis && k == 1 ? 2 : 1 }).ToList();
        var f = new Figure("Voltage", "time / h", "cell voltage / V") { Y2Title = secondaryAxis ? "current density / mA cm⁻²" : "", EqualAspect = equalAspect, Traces = list };
        var model = StaticFigures.Prepared(f, size, "a note under the title");
        var (wIn, hIn) = StaticFigures.Inches(size);
        using (var sink = new MemoryStream())
            new OxyPlot.SkiaSharp.PngExporter { Width = (int)Math.Round(wIn * StaticFigures.PngDpi), Height = (int)Math.Round(hIn * StaticFigures.PngDpi), Dpi = StaticFigures.PngDpi }.Export(model, sink);
        var legend = Assert.Single(model.Legends);
        Assert.True(model.IsLegendVisible);
        var (l, p) = (legend.LegendArea, model.PlotArea);
        Assert.True(l.Width > 0 && l.Height > 0 && p.Width > 0 && p.Height > 0, $"legend {l}, plot area {p}");
        bool overlap = l.Left < p.Right && p.Left < l.Right && l.Top < p.Bottom && p.Top < l.Bottom;
        Assert.False(overlap, $"the legend {l} overlaps the data frame {p}");
        // and it lies inside the figure (not pushed off the page)
        Assert.True(l.Left >= 0 && l.Top >= 0 && l.Right <= wIn * 96 + 1e-6 && l.Bottom <= hIn * 96 + 1e-6, $"legend {l} outside the {wIn * 96}×{hIn * 96} figure");
    }

    /// <summary>
    /// An axis title stands clear of its tick labels, on the left and on the right (secondary) axis: in the PNG, level with the
    /// data frame, the columns holding ink between the figure's edge (or the legend, when it stands right of the axis) and the
    /// tick marks fall into runs (the title, the tick labels), and between the labels and the title there is at least 1 pt of
    /// white paper. When the title touches the labels the runs merge, or the gap is narrower.
    /// </summary>
    [Theory]
    [InlineData(FigureSize.Single, 2, -0.1234, 0.4567)]
    [InlineData(FigureSize.Double, 2, -1234.5, 4567.8)]
    [InlineData(FigureSize.Single, 2, 89.5, 100.2)]
    [InlineData(FigureSize.Single, 14, -0.25, 0.25)]
    [InlineData(FigureSize.Double, 14, -12.5, 0.25)]
    public void AnAxisTitleStandsClearOfItsTickLabels(FigureSize size, int traces, double y2Min, double y2Max)
    {
        var x = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var list = Enumerable.Range(0, traces - 1).Select(k => new Trace($"cycle {k + 1}", x, x.Select(v => 100 * Math.Sin(v / 5) + k).ToArray())).ToList();
        list.Add(new Trace("current", x, x.Select(v => y2Min + (y2Max - y2Min) * v / 49).ToArray()) { YAxis = 2 });
        var f = new Figure("Capacity and current", "time / h", "specific capacity / mAh g⁻¹") { Y2Title = "current density / mA cm⁻²", Traces = list };
        var model = StaticFigures.Prepared(f, size, null);
        var (wIn, hIn) = StaticFigures.Inches(size);
        using var ms = new MemoryStream();
        new OxyPlot.SkiaSharp.PngExporter { Width = (int)Math.Round(wIn * StaticFigures.PngDpi), Height = (int)Math.Round(hIn * StaticFigures.PngDpi), Dpi = StaticFigures.PngDpi }.Export(model, ms);
        using var png = SKBitmap.Decode(ms.ToArray());
        double scale = StaticFigures.PngDpi / 96.0, onePt = StaticFigures.PngDpi / 72.0;
        var p = model.PlotArea;
        int top = (int)Math.Ceiling(p.Top * scale), bottom = (int)Math.Floor(p.Bottom * scale);
        var ticks = model.Axes.First(a => a.Key == "y").MajorTickSize;
        // left: from the figure's edge to the tick marks, title first; right: from past the tick marks to the legend or the edge, title last
        var left = InkRuns(png, 0, (int)Math.Floor((p.Left - ticks - 1) * scale), top, bottom);
        var legend = model.Legends[0].LegendArea;
        int rightEnd = legend.Left > p.Right ? (int)Math.Floor(legend.Left * scale) : png.Width;
        var right = InkRuns(png, (int)Math.Ceiling((p.Right + ticks + 1) * scale), rightEnd, top, bottom);
        Assert.True(left.Count >= 2 && right.Count >= 2, $"expected a title and tick labels on each side, found ink in columns {string.Join(", ", left)} | {string.Join(", ", right)}");
        int leftGap = left[1].From - left[0].To - 1, rightGap = right[^1].From - right[^2].To - 1;
        Assert.True(leftGap >= onePt, $"the left axis's title is {leftGap} px from its tick labels (columns {string.Join(", ", left)}): expected at least 1 pt ({onePt:F1} px)");
        Assert.True(rightGap >= onePt, $"the right axis's title is {rightGap} px from its tick labels (columns {string.Join(", ", right)}): expected at least 1 pt ({onePt:F1} px)");
    }

    /// <summary>Runs of columns in [<paramref name="from"/>, <paramref name="to"/>) that hold a dark pixel between rows <paramref name="top"/> and <paramref name="bottom"/>.</summary>
    static List<(int From, int To)> InkRuns(SKBitmap png, int from, int to, int top, int bottom)
    {
        var runs = new List<(int From, int To)>();
        for (int c = Math.Max(0, from); c < Math.Min(to, png.Width); c++)
        {
            bool ink = false;
            for (int r = top; r <= bottom && !ink; r++)
            {
                var px = png.GetPixel(c, r);
                ink = px.Red < 170 && px.Green < 170 && px.Blue < 170;
            }
            if (!ink) continue;
            if (runs.Count > 0 && runs[^1].To == c - 1) runs[^1] = (runs[^1].From, c);
            else runs.Add((c, c));
        }
        return runs;
    }

    [Fact]
    public void SvgAndPdfAreValidFilesOfTheirKind()
    {
        var f = Circle(true) with { };
        using (var ms = new MemoryStream())
        {
            StaticFigures.Render(f, FigureFormat.Svg, FigureSize.Double, ms);
            var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            // the axis titles are in the file (as text or as glyph paths)
            Assert.True(svg.Descendants().Count() > 20);
        }
        using (var ms = new MemoryStream())
        {
            StaticFigures.Render(f, FigureFormat.Pdf, FigureSize.Single, ms);
            var bytes = ms.ToArray();
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
            Assert.Contains("%%EOF", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 64, 64));
            // one page of 85 × 64 mm (241 × 181 pt)
            var text = System.Text.Encoding.Latin1.GetString(bytes);
            Assert.Matches(@"/MediaBox\s*\[\s*0\s+0\s+241(\.\d+)?\s+181(\.\d+)?\s*\]", text);
        }
    }

    [Fact]
    public void SimulateWritesEveryFigureOfItsReportInEachFormat()
    {
        var dir = Path.Combine(Path.GetTempPath(), "interphase-figures-" + Guid.NewGuid().ToString("N"));
        try
        {
            var run = CliHarness.Run("simulate", Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), "-s", "Plate at 0.1 mA/cm2 for 1 h", "-s", "Strip at 0.1 mA/cm2 for 1 h",
                "-s", "Measure EIS from 1 MHz to 0.1 Hz", "--out", dir, "-q", "--figures", "svg,png,pdf", "--figure-size", "double");
            Assert.True(run.code == 0, run.stderr);
            Assert.Contains("figures/ (", run.stdout);
            var files = Directory.GetFiles(Path.Combine(dir, "figures")).Select(Path.GetFileName).ToList();
            // the report's figures, each as svg, png and pdf, numbered in page order
            Assert.Contains("01-voltage.png", files);
            Assert.Contains(files, n => n!.EndsWith("-nyquist.svg"));
            Assert.Equal(files.Count(n => n!.EndsWith(".png")), files.Count(n => n!.EndsWith(".pdf")));
            Assert.Equal(files.Count(n => n!.EndsWith(".png")), files.Count(n => n!.EndsWith(".svg")));
            using var png = SKBitmap.Decode(Path.Combine(dir, "figures", "01-voltage.png"));
            Assert.Equal(2055, png.Width); // 174 mm at 300 dpi
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AnUnknownFigureFormatIsAUsageError()
    {
        var (code, stdout, stderr) = CliHarness.Run("simulate", Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), "--figures", "png,tiff");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: --figures 'png,tiff': expected one or more of svg, png, pdf", stderr);
    }
}
