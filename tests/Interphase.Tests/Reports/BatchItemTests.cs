using Interphase.Data.Analysis;
using Interphase.Reports;

namespace Interphase.Tests.Reports;

/// <summary>
/// A batch keeps of each file only what its table and overlay need (issue 11: a batch of large files must not hold
/// every dataset): the per-cycle figures whole, and a voltage trace reduced to its share of the overlay with every
/// extremum kept.
/// </summary>
public class BatchItemTests
{
    [SharedDataFact]
    public void ABatchItemKeepsTheCyclesWholeAndADecimatedTraceWithItsExtrema()
    {
        var m = Measurement.Analyze(Path.Combine(TestPaths.SharedData, "biologic/gcpl.issue_149.mpr"));
        var full = ResultSet.FromMeasurement(m);
        Assert.True(full.TimeH.Length > 100, $"{full.TimeH.Length} points: too short to show the reduction");
        var item = BatchItem.Of("gcpl.issue_149.mpr", "out", m, 40);
        var kept = item.Cycling!;
        Assert.True(kept.TimeH.Length <= 40, $"{kept.TimeH.Length}");
        Assert.Equal(kept.TimeH.Length, kept.VoltageV.Length);
        Assert.Equal(full.VoltageV.Where(double.IsFinite).Max(), kept.VoltageV.Where(double.IsFinite).Max());
        Assert.Equal(full.VoltageV.Where(double.IsFinite).Min(), kept.VoltageV.Where(double.IsFinite).Min());
        Assert.Equal(full.TimeH[0], kept.TimeH[0]);
        Assert.Equal(full.TimeH[^1], kept.TimeH[^1]);
        // the table's figures are untouched
        Assert.Equal(full.Cycle, kept.Cycle);
        Assert.Equal(full.DischargeCapacity, kept.DischargeCapacity);
        Assert.Equal(full.Kind, item.Kind);
    }
}
