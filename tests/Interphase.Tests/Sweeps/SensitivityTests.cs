using Interphase.Sweeps;

namespace Interphase.Tests.Sweeps;

public class SensitivityTests
{
    [Fact]
    public void LinearModelGivesItsVarianceShares()
    {
        // y = 3 x1 + x2 + 0 x3 on independent uniform inputs: S1 = 9/10, S2 = 1/10, S3 = 0
        var u = new SobolSequence(3).Points(1025).Skip(1).ToList();
        var y = u.Select(p => 3 * p[0] + p[1]).ToList();
        Assert.Equal(0.9, Sensitivity.FirstOrder(u.Select(p => p[0]).ToList(), y)!.Value, 1);
        Assert.InRange(Sensitivity.FirstOrder(u.Select(p => p[1]).ToList(), y)!.Value, 0.08, 0.14);
        Assert.InRange(Sensitivity.FirstOrder(u.Select(p => p[2]).ToList(), y)!.Value, 0, 0.04);
    }

    [Fact]
    public void ListedValuesAreTheirOwnClasses()
    {
        // y depends only on which of three values x takes: x explains all of it
        var x = Enumerable.Range(0, 30).Select(i => (double)(i % 3)).ToList();
        var y = x.Select(v => v * v).ToList();
        Assert.Equal(1.0, Sensitivity.FirstOrder(x, y)!.Value, 12);
        Assert.Null(Sensitivity.FirstOrder(x.Take(9).ToList(), y.Take(9).ToList()));   // too few runs
        Assert.Null(Sensitivity.FirstOrder(x, x.Select(_ => 1.0).ToList()));          // no variance
    }
}
