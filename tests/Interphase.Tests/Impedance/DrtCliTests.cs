using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Interphase.Cli;
using Interphase.Impedance;
using Interphase.Tests.Browser;
using static Interphase.Tests.Cli.CliHarness;

namespace Interphase.Tests.Impedance;

/// <summary><c>interphase eis drt</c> and <c>eis kk</c> on a written spectrum (two arcs and a Warburg tail, 0.2 % noise): console, JSON, CSV and report.html.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DrtCliTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-drt-cli-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>f, Z', Z'' as a CSV, the format a user's own export has.</summary>
    string WriteSpectrum()
    {
        var s = Synthetic.Spectrum(Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1", 20, 62, 2e-6, 0.9, 91, 5e-4, 0.8, 30),
            Synthetic.LogGrid(1e6, 1e-2, 10), 0.002, 3);
        var sb = new StringBuilder();
        for (int i = 0; i < s.Count; i++)
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"{s.FrequenciesHz[i]:R},{s.Impedance[i].Real:R},{s.Impedance[i].Imaginary:R}\n"));
        var path = Path.Combine(_dir, "two-arcs-warburg.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    string Drt(out string stdout)
    {
        var dir = Path.Combine(_dir, "drt");
        var r = Run("eis", "drt", WriteSpectrum(), "--bootstrap", "40", "--out", dir);
        Assert.True(r.code == 0, r.stderr);
        stdout = r.stdout;
        return dir;
    }

    [Fact]
    public void DrtWritesPeaksWithIntervalsTheTailAndAReport()
    {
        var dir = Drt(out var stdout);
        Assert.Contains("(Discrepancy, noise", stdout);
        Assert.Contains("low-frequency tail", stdout);
        Assert.Contains("45° diffusion branch", stdout);
        Assert.Equal(["drt.csv", "drt.json", "report.html"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "drt.json"))).RootElement;
        Assert.Equal("Discrepancy", j.GetProperty("lambda_selection").GetString());
        Assert.InRange(j.GetProperty("noise_relative").GetDouble(), 0.0016, 0.0024);
        Assert.Equal(40, j.GetProperty("bootstrap_samples").GetInt32());
        var peaks = j.GetProperty("peaks").EnumerateArray().ToArray();
        Assert.Equal(2, peaks.Length);
        foreach (var p in peaks)
        {
            var r = p.GetProperty("resistance_ci95_ohm");
            Assert.True(r[0].GetDouble() <= r[1].GetDouble());
            Assert.Equal(2, p.GetProperty("tau_ci95_s").GetArrayLength());
        }
        Assert.InRange(peaks[0].GetProperty("resistance_ohm").GetDouble(), 60, 66);
        Assert.InRange(j.GetProperty("low_frequency_tail").GetProperty("low_frequency_slope").GetDouble(), 0.4, 0.6);
        var csv = File.ReadAllLines(Path.Combine(dir, "drt.csv"));
        Assert.Equal("tau_s,gamma_ohm,gamma_low_ohm,gamma_high_ohm", csv[0]);
        Assert.All(csv.Skip(1), line => Assert.Equal(4, line.Split(',').Count(v => v.Length > 0)));

        var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Equal(["Distribution of relaxation times", "Nyquist", "Bode", "Residuals"], doc.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Contains("low-frequency tail", doc.Body!.TextContent);
        Assert.Contains("95 % band (40 bootstrap replicates)", doc.Body!.InnerHtml);
    }

    [Fact]
    public void DrtRefusesABadBootstrapOrANoiseWithoutTheDiscrepancy()
    {
        var file = WriteSpectrum();
        foreach (var (args, option) in new[] { (new[] { "--bootstrap", "5" }, "--bootstrap"), (["--lambda", "gcv", "--noise", "1 %"], "--noise") })
        {
            var r = Run(["eis", "drt", file, .. args]);
            Assert.Equal(ExitCodes.UsageError, r.code);
            Assert.StartsWith($"error: {option}", r.stderr);
            Assert.DoesNotContain("   at ", r.stderr);
        }
        var given = Run("eis", "drt", file, "--noise", "1 %", "--bootstrap", "0");
        Assert.True(given.code == 0, given.stderr);
        Assert.Contains("noise 1 %", given.stdout);
    }

    string Kk()
    {
        var dir = Path.Combine(_dir, "kk");
        var r = Run("eis", "kk", WriteSpectrum(), "--out", dir);
        Assert.True(r.code == 0, r.stderr);
        Assert.Contains("Lin-KK passes", r.stdout);
        return dir;
    }

    [Fact]
    public void KkWritesAReport()
    {
        var dir = Kk();
        Assert.Equal(["kk.csv", "kk.json", "report.html"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        var doc = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, "report.html")));
        Assert.Equal(["Nyquist", "Bode", "Residuals"], doc.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Contains("passes: ", doc.Body!.TextContent);
    }

    [BrowserFact]
    public void DrtAndKkReportsDrawEveryFigure()
    {
        foreach (var (dir, plots) in new[] { (Drt(out _), 4), (Kk(), 3) })
        {
            var dom = new HtmlParser().ParseDocument(Chromium.DumpDom(Path.Combine(dir, "report.html")));
            Assert.True(dom.Body!.GetAttribute("data-js-errors") is null, dom.Body!.GetAttribute("data-js-errors"));
            Assert.Equal(plots.ToString(), dom.Body!.GetAttribute("data-plots-rendered"));
            Assert.All(dom.QuerySelectorAll("figure.figure div.plot"), p => Assert.NotNull(p.QuerySelector("svg.main-svg")));
        }
    }
}
