using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Interphase.Models;
using Interphase.Reports;
using Interphase.Tests.Cases;

namespace Interphase.Tests.Cli;

/// <summary>`interphase compare RUN TABLE`: a measured table of converted fraction (against time or depth) overlaid on a conversion cathode's run.</summary>
public class ConversionCompareCliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);

    static string SolidRun()
    {
        var dir = TestPaths.TempDir();
        FullCellWriter.Write(FullCellCaseTests.Run("C-FeS2-LPS-solid"), dir);
        return dir;
    }

    static string Table(string text)
    {
        var path = Path.Combine(TestPaths.TempDir(), "measured.csv");
        File.WriteAllText(path, text);
        return path;
    }

    static string I(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A cathode quantity of the run at <paramref name="hours"/>, linear between its points.</summary>
    static double At(Interphase.Simulation.FullCellResult r, double hours, Func<Interphase.Simulation.CathodeSnapshot, double> f)
    {
        var s = r.Series;
        int k = s.ToList().FindIndex(p => p.TimeS >= hours * 3600);
        if (s[k].TimeS == hours * 3600 || k == 0) return f(s[k].Cathode);
        double w = (hours * 3600 - s[k - 1].TimeS) / (s[k].TimeS - s[k - 1].TimeS);
        return f(s[k - 1].Cathode) + w * (f(s[k].Cathode) - f(s[k - 1].Cathode));
    }

    [Fact]
    public void AConvertedFractionAgainstTimeIsComparedAtTheMeasuredTimes()
    {
        var run = SolidRun();
        var r = FullCellCaseTests.Run("C-FeS2-LPS-solid");
        // a table 0.05 above the run at five times inside it, and one after the run ended (no simulated value there)
        double X(double h) => At(r, h, c => c.ConvertedFraction);
        var times = new[] { 0.5, 1.5, 2.5, 3.5, 4.5 };
        var text = "# synthetic (test): the run's own X(t) plus 0.05\ntime_h,converted_fraction\n"
                   + string.Concat(times.Select(t => $"{I(t)},{I(X(t) + 0.05)}\n")) + "99,0.5\n";
        var dir = Path.Combine(TestPaths.TempDir(), "cmp");
        var (code, stdout, stderr) = Run("compare", run, Table(text), "--out", dir);
        Assert.True(code == 0, stderr);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal("converted_fraction_vs_time", s.GetProperty("kind").GetString());
        Assert.Equal(6, s.GetProperty("measured_points").GetInt32());
        Assert.Equal(5, s.GetProperty("compared_points").GetInt32());
        Assert.Equal(0.05, s.GetProperty("rms_difference").GetDouble(), 3);
        Assert.Equal(-0.05, s.GetProperty("mean_difference").GetDouble(), 3);
        var csv = File.ReadAllLines(Path.Combine(dir, "conversion_comparison.csv"));
        Assert.Equal("line,time_h,measured_converted_fraction,simulated_converted_fraction,difference", csv[0]);
        // the point after the run has no simulated value: empty, not extrapolated
        Assert.EndsWith(",0.5,,", csv[^1]);
        var dom = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Single(dom.QuerySelectorAll("figure.figure"));
        Assert.Contains("against time", stdout);
    }

    [Fact]
    public void AProfileAgainstDepthIsComparedWithTheRunsProfileAtThatTime()
    {
        var run = SolidRun();
        var r = FullCellCaseTests.Run("C-FeS2-LPS-solid");
        // at 4 h (inside the first discharge) the run's own shell-averaged profile, and a fast-axis point
        const double R = 1.0; // µm (the library's FeS2 particle)
        var (a, b) = ConversionProfile.Core(R, At(r, 4, c => c.FastAxisFront), At(r, 4, c => c.SlowAxisFront));
        Assert.True(b - a > 0.1, "the core should be elongated along the slow axes");
        double d1 = 0.5 * (R - b) + 0.5 * (R - a);     // between the two fronts: partly converted shell
        var text = "time_h,depth_um,axis,converted_fraction\n"
                   + $"4,{I(d1)},shell,{I(ConversionProfile.ShellAverage(R, a, b, d1))}\n"
                   + $"4,{I(0.9 * (R - a))},fast,1\n"
                   + $"4,{I(1.1 * (R - a))},fast,1\n";   // a wrong point: the fast axis is not yet converted there
        var dir = Path.Combine(TestPaths.TempDir(), "cmp");
        var (code, _, stderr) = Run("compare", Table(text), run, "--out", dir);
        Assert.True(code == 0, stderr);
        var rows = File.ReadAllLines(Path.Combine(dir, "conversion_comparison.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(3, rows.Count);
        double Diff(int k) => double.Parse(rows[k][6], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(Diff(0)) < 1e-6, $"shell point differs by {Diff(0)}");
        Assert.Equal(0, Diff(1));
        Assert.Equal(-1, Diff(2));
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal("converted_fraction_vs_depth", s.GetProperty("kind").GetString());
        var dom = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Equal(2, dom.QuerySelectorAll("figure.figure").Length);   // one per (time, axis)
    }

    [Fact]
    public void ABadTableIsRefusedOnOneLineNamingItsLine()
    {
        var run = SolidRun();
        var bad = Table("# provenance\ntime_h,converted_fraction\n1,0.1\n2,abc\n");
        var line = Run("compare", run, bad, "--out", Path.Combine(TestPaths.TempDir(), "cmp")).OneLineError(1);
        Assert.Contains("measured.csv:4", line);
        Assert.Contains("'abc'", line);
        var outside = Table("time_h,converted_fraction\n1,1.4\n");
        Assert.Contains("outside 0 … 1", Run("compare", run, outside, "--out", Path.Combine(TestPaths.TempDir(), "cmp")).OneLineError(1));
        // a run without a conversion cathode has no converted fraction to compare with
        var lfp = TestPaths.TempDir();
        FullCellWriter.Write(FullCellCaseTests.Run("B-LFP-DCPL-Li"), lfp);
        Assert.Contains("no conversion cathode", Run("compare", lfp, Table("time_h,converted_fraction\n1,0.1\n"), "--out", Path.Combine(TestPaths.TempDir(), "cmp")).OneLineError(1));
    }

    [Fact]
    public void TheShippedSyntheticExampleTablesRun()
    {
        var run = SolidRun();
        foreach (var name in new[] { "fes2_conversion_vs_time.synthetic.csv", "fes2_conversion_vs_depth.synthetic.csv" })
        {
            var path = Path.Combine(TestPaths.RepoRoot, "docs", "examples", name);
            Assert.StartsWith("# SYNTHETIC", File.ReadLines(path).First());
            var (code, _, stderr) = Run("compare", run, path, "--out", Path.Combine(TestPaths.TempDir(), "cmp"));
            Assert.True(code == 0, stderr);
        }
    }
}
