using Interphase.Sweeps;

namespace Interphase.Tests.Sweeps;

public class SobolSequenceTests
{
    [Fact]
    public void FirstPointsAreTheTabulatedOnes()
    {
        // the unscrambled Sobol' points of three dimensions (Joe–Kuo direction numbers), as every implementation gives them
        double[][] expected =
        [
            [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
            [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875], [0.125, 0.625, 0.375],
        ];
        var points = new SobolSequence(3).Points(8);
        for (int i = 0; i < 8; i++) Assert.Equal(expected[i], points[i]);
    }

    [Fact]
    public void EveryDimensionStratifies()
    {
        // the first 2^k points put one point in each of 2^k equal intervals, in every dimension
        var points = new SobolSequence(SobolSequence.MaxDimensions).Points(64);
        for (int j = 0; j < SobolSequence.MaxDimensions; j++)
            Assert.Equal(Enumerable.Range(0, 64), points.Select(p => (int)(p[j] * 64)).Order());
        // and the dimensions differ (a table read wrongly repeats a column)
        Assert.Equal(SobolSequence.MaxDimensions, Enumerable.Range(0, SobolSequence.MaxDimensions)
            .Select(j => string.Join(",", points.Take(32).Select(p => p[j]))).Distinct().Count());
    }
}
