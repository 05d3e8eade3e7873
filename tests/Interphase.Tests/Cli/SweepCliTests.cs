using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Interphase.Tests.Cli;

/// <summary>`simulate` on a blocking cell (the shipped LSV case) and `analyze FILE --technique sweep` on a measured voltammogram.</summary>
public class SweepCliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void TheShippedLinearSweepRunsAndReportsItsOnset()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "lsv");
        var r = Run("simulate", Path.Combine(TestPaths.Cases, "B-LSV-Li-PEO-SS.yaml"), "--out", dir, "--quiet");
        Assert.True(r.code == 0, r.stderr);
        using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        double onset = j.RootElement.GetProperty("anodic_onset_V").GetDouble();
        // 3.9 V + 50 mV·ln(10) + the drops at 10 µA/cm² (1.5 mV electrolyte and counter, 4.7 mV the steel's interface)
        Assert.InRange(onset, 4.019, 4.024);
        // one sweep: its last anodic onset is its first
        Assert.Equal(onset, j.RootElement.GetProperty("last_anodic_onset_V").GetDouble());
        foreach (var f in new[] { "timeseries.csv", "sweeps.csv", "report.html" }) Assert.True(File.Exists(Path.Combine(dir, f)), f);
    }

    /// <summary>
    /// After a formation CV the summary names two onsets: the first anodic run's (the monomer polymerising, below 4 V)
    /// and the last's (the formed layer's window, where the covered steel oxidises PEO only from the film's 4.9 V onset);
    /// the last is the one of the segment it names in sweeps.csv.
    /// </summary>
    [Fact]
    public void AfterAFormationTheLastAnodicOnsetIsTheFormedLayersWindow()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "lsv-pt");
        var r = Run("simulate", Path.Combine(TestPaths.Cases, "D-LSV-PT-PEO-SS.yaml"), "--out", dir, "--quiet");
        Assert.True(r.code == 0, r.stderr);
        using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        double first = j.RootElement.GetProperty("anodic_onset_V").GetDouble();
        double last = j.RootElement.GetProperty("last_anodic_onset_V").GetDouble();
        int segment = j.RootElement.GetProperty("last_anodic_onset_segment").GetInt32();
        Assert.InRange(first, 3.7, 4.0);
        Assert.InRange(last, 4.9, 5.2);
        var row = File.ReadLines(Path.Combine(dir, "sweeps.csv")).Skip(1).Select(l => l.Split(','))
            .Single(f => f[0] == segment.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("anodic", row[2]);
        Assert.Equal(last, double.Parse(row[7], CultureInfo.InvariantCulture), 6);
    }

    /// <summary>A synthetic measured LSV: an exponential rise crossing 10 µA/cm² at exactly 4.2 V on 0.5 cm².</summary>
    static string MeasuredLsv()
    {
        var sb = new StringBuilder("time_s,voltage_V,current_mA\n");
        for (int k = 0; k <= 1500; k++)
        {
            double v = 3.0 + k * 0.001, t = k * 10;
            double iDensity = 1e-2 * Math.Exp((v - 4.2) / 0.04); // mA/cm²: 10 µA/cm² at 4.2 V
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{t},{v:F4},{iDensity * 0.5:G9}"));
        }
        var path = Path.Combine(TestPaths.TempDir(), "lsv.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void AMeasuredSweepGivesItsOnsetAtTheThreshold()
    {
        var file = MeasuredLsv();
        var outDir = Path.Combine(Path.GetDirectoryName(file)!, "an");
        var r = Run("analyze", file, "--technique", "sweep", "--area", "0.5 cm2", "--out", outDir);
        Assert.True(r.code == 0, r.stderr);
        using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(4.2, j.RootElement.GetProperty("anodic_onset_V").GetDouble(), 1e-3);
        // a threshold ten times higher moves the onset by b·ln(10) = 92 mV
        var outDir2 = Path.Combine(Path.GetDirectoryName(file)!, "an2");
        Assert.Equal(0, Run("analyze", file, "--technique", "sweep", "--area", "0.5 cm2", "--threshold", "100 uA/cm2", "--out", outDir2).code);
        using var j2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir2, "summary.json")));
        Assert.Equal(4.2 + 0.04 * Math.Log(10), j2.RootElement.GetProperty("anodic_onset_V").GetDouble(), 1e-3);
    }

    [Fact]
    public void WithoutAnAreaTheOnsetCannotBeFoundAndSaysWhy()
    {
        var file = MeasuredLsv();
        var line = Run("analyze", file, "--technique", "sweep", "--out", Path.Combine(Path.GetDirectoryName(file)!, "none")).OneLineError(1);
        Assert.Contains("give the working electrode's area", line);
        var usage = Run("analyze", file, "--threshold", "10 uA/cm2");
        Assert.Equal(2, usage.code);
    }

    /// <summary>
    /// The voltammogram's report lists its warnings in one banner (not one box per line) and draws each cycle in the
    /// same colour in the linear and the logarithmic figure (the logarithmic one leaves out the approach run, which used to
    /// shift every cycle's colour by one).
    /// </summary>
    [Fact]
    public void TheVoltammogramReportGroupsItsWarningsAndKeepsEachCyclesColour()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "cv-report");
        var r = Run("simulate", Path.Combine(TestPaths.Cases, "A-CV-Li-LPSCl-SS.yaml"), "--out", dir, "--quiet");
        Assert.True(r.code == 0, r.stderr);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.DoesNotContain("<div class=\"warning\"", html);
        Assert.Contains("warnings about these results", html);
        // the colour of "cycle 1" in each figure that draws it
        var colours = System.Text.RegularExpressions.Regex.Matches(html, "\"name\":\"cycle 1\"[^}]*?\"color\":\"(#[0-9a-f]{6})\"")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.True(colours.Count >= 2, $"cycle 1 drawn with a colour in {colours.Count} figure(s)");
        Assert.Single(colours.Distinct());
    }
}
