using System.Globalization;
using System.Text.Json;
using Interphase.Reports;

namespace Interphase.Tests.Reports;

public class PlotlyJsonTests
{
    static JsonElement Json(Figure figure) =>
        JsonDocument.Parse(PlotlyJson.Serialize([("figure-1", figure)])).RootElement[0];

    static Figure One(Trace trace) => new("t", "x", "y") { Traces = [trace] };

    [Fact]
    public void AConstantPanelSaysItsValueInsteadOfLookingEmpty()
    {
        var flat = Json(new Figure("Interphase", "t / h", "interphase / nm") { Traces = [new Trace("e1", [0, 1, 2], [0, 0, 0]), new Trace("e2", [0, 1, 2], [0, double.NaN, 0])] });
        var note = flat.GetProperty("layout").GetProperty("annotations")[0].GetProperty("text").GetString();
        Assert.Equal("interphase / nm: 0 throughout", note);

        var varying = Json(new Figure("Interphase", "t / h", "interphase / nm") { Traces = [new Trace("e1", [0, 1, 2], [0, 0, 0]), new Trace("e2", [0, 1, 2], [0, 1e-9, 0])] });
        Assert.False(varying.GetProperty("layout").TryGetProperty("annotations", out _));
        var right = Json(new Figure("V", "t", "V") { Traces = [new Trace("v", [0, 1], [1, 2]), new Trace("c", [0, 1], [5, 5]) { YAxis = 2 }] });
        Assert.False(right.GetProperty("layout").TryGetProperty("annotations", out _));
    }

    [Fact]
    public void NonFiniteValuesBecomeNull()
    {
        var fig = One(new Trace("v", [0, 1, 2, 3, 4], [1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2]));
        var y = Json(fig).GetProperty("data")[0].GetProperty("y");
        Assert.Equal([JsonValueKind.Number, JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Number],
            y.EnumerateArray().Select(e => e.ValueKind));
        Assert.Equal(1.5, y[0].GetDouble());
    }

    [Fact]
    public void HollowTracesAreOpenCirclesAndStaySoWhenDecimated()
    {
        var plain = Json(One(new Trace("v", [1, 2], [3, 4]) { Mode = TraceMode.Markers })).GetProperty("data")[0].GetProperty("marker");
        Assert.False(plain.TryGetProperty("symbol", out _));

        var hollow = new Trace("v", Enumerable.Range(0, 100).Select(i => (double)i).ToArray(), Enumerable.Range(0, 100).Select(i => Math.Sin(i)).ToArray())
            { Mode = TraceMode.Markers, Hollow = true, Color = "#1f77b4" };
        var decimated = hollow.Decimated(20);
        Assert.True(decimated.Count < hollow.Count);
        Assert.True(decimated.Hollow);
        var marker = Json(One(decimated)).GetProperty("data")[0].GetProperty("marker");
        Assert.Equal("circle-open", marker.GetProperty("symbol").GetString());
        Assert.Equal("#1f77b4", marker.GetProperty("color").GetString());
        Assert.Equal(2, marker.GetProperty("line").GetProperty("width").GetDouble());
    }

    [Fact]
    public void NumbersAreInvariantUnderAGermanNumberFormat()
    {
        // The build runs with invariant globalization, where "de-DE" has no data of its own:
        // a culture with German separators is made by hand. Check first that it really formats
        // like German, so that this test can fail.
        var german = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        german.NumberFormat.NumberDecimalSeparator = ",";
        german.NumberFormat.NumberGroupSeparator = ".";
        Assert.Equal("1,5", 1.5.ToString(german));

        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = german;
            CultureInfo.CurrentUICulture = german;
            var fig = One(new Trace("v", [0.5, 1234.25], [1.5, -2.75e-5])) with { Height = 480 };
            var json = PlotlyJson.Serialize([("figure-1", fig)]);
            Assert.Contains("[0.5,1234.25]", json);
            Assert.Contains("[1.5,-2.75E-05]", json);

            var report = new HtmlReport("r") { GeneratedAt = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) };
            report.AddFigure(fig).AddTable(["a"], [["1.5"]]);
            var html = report.Render();
            Assert.Contains("height: 480px", html);
            Assert.Contains("<td class=\"num\">1.5</td>", html);
            Assert.Contains("2024-01-02 03:04 UTC+00:00", html);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Theory]
    [InlineData(1.0 / 3, "0.3333333")]
    [InlineData(2.0 / 3, "0.6666667")]
    [InlineData(123456789.0, "123456800")]
    [InlineData(6.02214076e23, "6.022141E+23")]
    [InlineData(-1.602176634e-19, "-1.602177E-19")]
    [InlineData(0.0, "0")]
    [InlineData(4.2, "4.2")]
    public void NumbersKeepSevenSignificantDigits(double value, string expected)
    {
        var json = PlotlyJson.Serialize([("f", One(new Trace("v", [value], [0])))]);
        Assert.Contains($"\"x\":[{expected}]", json);
    }

    [Fact]
    public void SeventeenDigitsRoundTripExactly()
    {
        double[] values = [Math.PI, 1.0 / 3, 6.02214076e23, 1e-300];
        var fig = One(new Trace("v", values, values)) with { SignificantDigits = 17 };
        var x = Json(fig).GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(e => e.GetDouble());
        Assert.Equal(values, x);
    }

    [Theory]
    [InlineData(Trace.WebGlThreshold, "scatter")]
    [InlineData(Trace.WebGlThreshold + 1, "scattergl")]
    public void LongTracesUseWebGl(int points, string type)
    {
        var x = Enumerable.Range(0, points).Select(i => (double)i).ToArray();
        Assert.Equal(type, Json(One(new Trace("v", x, x))).GetProperty("data")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void SecondaryAxisIsOnTheRightAndOnlyWhenUsed()
    {
        var left = new Trace("V", [0, 1], [3.5, 3.6]);
        var right = new Trace("I", [0, 1], [1, -1]) { YAxis = 2 };
        var both = Json(new Figure("t", "x", "V") { Y2Title = "I / mA", LogY2 = true, Traces = [left, right] });
        Assert.False(both.GetProperty("data")[0].TryGetProperty("yaxis", out _));
        Assert.Equal("y2", both.GetProperty("data")[1].GetProperty("yaxis").GetString());
        var y2 = both.GetProperty("layout").GetProperty("yaxis2");
        Assert.Equal(("y", "right", "log", "I / mA"),
            (y2.GetProperty("overlaying").GetString(), y2.GetProperty("side").GetString(),
             y2.GetProperty("type").GetString(), y2.GetProperty("title").GetProperty("text").GetString()));

        var single = Json(new Figure("t", "x", "V") { Traces = [left] });
        Assert.False(single.GetProperty("layout").TryGetProperty("yaxis2", out _));
    }

    [Fact]
    public void AxesFollowTheFigure()
    {
        var t = new Trace("Z", [1, 2], [0, 1]);
        var nyquist = Json(new Figure("n", "Z'", "-Z''") { EqualAspect = true, Traces = [t] }).GetProperty("layout");
        Assert.Equal("x", nyquist.GetProperty("yaxis").GetProperty("scaleanchor").GetString());
        Assert.Equal(1, nyquist.GetProperty("yaxis").GetProperty("scaleratio").GetDouble());
        Assert.Equal("linear", nyquist.GetProperty("xaxis").GetProperty("type").GetString());

        var bode = Json(new Figure("b", "f", "|Z|") { LogX = true, LogY = true, Height = 300, Traces = [t] }).GetProperty("layout");
        Assert.Equal("log", bode.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", bode.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.False(bode.GetProperty("yaxis").TryGetProperty("scaleanchor", out _));
        Assert.Equal(300, bode.GetProperty("height").GetInt32());
    }

    [Fact]
    public void TraceStyleIsWritten()
    {
        var trace = new Trace("fit", [1, 2], [3, 4])
        {
            Mode = TraceMode.LinesAndMarkers, Color = "#D55E00", Dash = LineDash.DashDot, MarkerSize = 9,
            LegendGroup = "cell A", HoverText = ["f = 1 Hz", "f = <2> Hz"], ShowInLegend = false,
        };
        var d = Json(One(trace)).GetProperty("data")[0];
        Assert.Equal("lines+markers", d.GetProperty("mode").GetString());
        Assert.Equal("#D55E00", d.GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("dashdot", d.GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal(9, d.GetProperty("marker").GetProperty("size").GetDouble());
        Assert.Equal("cell A", d.GetProperty("legendgroup").GetString());
        Assert.Equal("f = &lt;2&gt; Hz", d.GetProperty("hovertext")[1].GetString());
        Assert.False(d.GetProperty("showlegend").GetBoolean());
    }

    [Fact]
    public void ConfigKeepsPngExportAndDropsEverythingOnline()
    {
        var config = Json(new Figure("Nyquist: cell A (60 °C)", "x", "y")).GetProperty("config");
        Assert.Equal("png", config.GetProperty("toImageButtonOptions").GetProperty("format").GetString());
        Assert.Equal("nyquist-cell-a-60-c", config.GetProperty("toImageButtonOptions").GetProperty("filename").GetString());
        Assert.False(config.GetProperty("displaylogo").GetBoolean());
        Assert.False(config.GetProperty("showSendToCloud").GetBoolean());
        Assert.Equal("", config.GetProperty("plotlyServerURL").GetString());
        Assert.DoesNotContain(config.GetProperty("modeBarButtonsToRemove").EnumerateArray(), b => b.GetString() == "toImage");
    }
}
