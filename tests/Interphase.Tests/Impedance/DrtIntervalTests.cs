using System.Text.Json;
using Interphase.Impedance;
using static Interphase.Tests.Cli.CliHarness;

namespace Interphase.Tests.Impedance;

/// <summary>
/// A bootstrap percentile interval that excludes its own estimate is flagged, with the replicates' median, and not
/// moved (decision 0075).
/// </summary>
public sealed class DrtIntervalTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-drt-interval-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void ReplicatesAllAboveTheEstimateAreFlagged()
    {
        // 100 replicates at 1.58-1.63 (as the ZPlot example's τ), the estimate 1.539 below them all
        var values = Enumerable.Range(0, 100).Select(k => 1.58 + 0.05 * k / 99.0).ToArray();
        var shifted = DrtBootstrap.ToInterval(values, 1.539);
        Assert.True(shifted.ExcludesEstimate);
        Assert.Equal(1.605, shifted.Median, 1e-12);
        // the percentiles are not moved to take the estimate in
        Assert.True(shifted.Low > 1.58 && shifted.High < 1.63);
        Assert.False(DrtBootstrap.ToInterval(values, 1.60).ExcludesEstimate);
        Assert.True(DrtBootstrap.ToInterval(values, 1.64).ExcludesEstimate);
    }

    [SharedDataFact]
    public void ZPlotExamplesPeakIntervalExcludingItsTauIsWarned()
    {
        // a new user's eis drt on exampleDataZPlot.z: τ 1.539E-05 s, interval 1.58-1.63E-05 s, said without a word. With
        // the peaks located off the grid (decision 0081) τ is 1.557E-05 s and the interval 1.58-1.62E-05 s: the shift
        // of the refits is not the grid's quantum
        var dir = Path.Combine(_dir, "drt");
        var r = Run("eis", "drt", Interphase.Tests.Data.SharedFiles.Eis("exampleDataZPlot.z"), "--out", dir);
        Assert.True(r.code == 0, r.stderr);
        Assert.Contains("warning: peak at τ = 1.557E-05 s: the 95 % interval of τ excludes its estimate", r.stdout);
        Assert.DoesNotContain("interval of R excludes", r.stdout);
        var p = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "drt.json"))).RootElement.GetProperty("peaks")[0];
        Assert.True(p.GetProperty("tau_ci95_excludes_estimate").GetBoolean());
        Assert.False(p.GetProperty("resistance_ci95_excludes_estimate").GetBoolean());
        Assert.True(p.GetProperty("tau_bootstrap_median_s").GetDouble() > p.GetProperty("tau_s").GetDouble());
    }
}
