using System.Globalization;
using Interphase.Data.Eis;

namespace Interphase.Tests.Impedance;

/// <summary>
/// One text file of many sweeps (at least <c>EisRows.ParallelRows</c> data rows) is read on all cores: its rows parsed in
/// blocks, its spectra built in parallel (decision 0044). It must read exactly as its sweeps do one by one (each a small
/// file, read on one core), and refuse with the first bad row in the file's order, not one a faster block reached first.
/// </summary>
public sealed class ParallelReadTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("interphase-parallel-read-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    const int Sweeps = 800, Points = 66;

    /// <summary>A sweep from 10 mHz to 10 kHz (rising, so the next one starts where the frequency falls back) of a noisy arc.</summary>
    static List<string> Sweep(Random rng)
    {
        var rows = new List<string>(Points);
        for (int i = 0; i < Points; i++)
        {
            double f = Math.Pow(10, -2 + 6.0 * i / (Points - 1)), w = 2 * Math.PI * f;
            double r = 50 * (1 + 0.2 * rng.NextDouble()), c = 1e-6 * (1 + rng.NextDouble());
            double d = 1 + w * w * r * r * c * c;
            double re = 10 + r / d + 1e-3 * rng.NextDouble(), im = -w * r * r * c / d;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{f:R},{re:R},{im:R}"));
        }
        return rows;
    }

    static bool Same(ImpedanceSpectrum a, ImpedanceSpectrum b)
    {
        if (a.Count != b.Count || a.Format != b.Format || !a.Notes.SequenceEqual(b.Notes) || !a.Warnings.SequenceEqual(b.Warnings)) return false;
        for (int i = 0; i < a.Count; i++)
            if (BitConverter.DoubleToInt64Bits(a.FrequenciesHz[i]) != BitConverter.DoubleToInt64Bits(b.FrequenciesHz[i])
                || BitConverter.DoubleToInt64Bits(a.Impedance[i].Real) != BitConverter.DoubleToInt64Bits(b.Impedance[i].Real)
                || BitConverter.DoubleToInt64Bits(a.Impedance[i].Imaginary) != BitConverter.DoubleToInt64Bits(b.Impedance[i].Imaginary))
                return false;
        return true;
    }

    [Fact]
    public void OneFileOfManySweeps_ReadsAsItsSweepsOneByOne()
    {
        Assert.True(Sweeps * Points >= EisRows.ParallelRows, "the file must be large enough for the parallel path");
        var rng = new Random(44);
        var all = new List<string>();
        var alone = new List<ImpedanceSpectrum>();
        for (int k = 0; k < Sweeps; k++)
        {
            var sweep = Sweep(rng);
            all.AddRange(sweep);
            var one = Path.Combine(_dir, $"sweep{k}.csv");
            File.WriteAllLines(one, sweep);
            alone.Add(Assert.Single(EisFile.ReadAll(one)));
        }
        var big = Path.Combine(_dir, "all.csv");
        File.WriteAllLines(big, all);

        var read = EisFile.ReadAll(big);
        Assert.Equal(Sweeps, read.Count);
        int differ = Enumerable.Range(0, Sweeps).Count(k => !Same(read[k], alone[k]));
        Assert.Equal(0, differ);
    }

    [Fact]
    public void OneFileOfManySweeps_RefusesItsFirstBadRow()
    {
        var rng = new Random(45);
        var all = new List<string>();
        for (int k = 0; k < Sweeps; k++) all.AddRange(Sweep(rng));
        // three bad rows in three blocks of the parallel parse: the error names the first in the file's order
        int first = 20_000, second = 41_500, last = all.Count - 10;
        all[first - 1] = "1.5,abc,-2";
        all[second - 1] = "2.5,1.0";
        all[last - 1] = "x,y,z";
        var big = Path.Combine(_dir, "bad.csv");
        File.WriteAllLines(big, all);

        var e = Assert.Throws<Interphase.InputException>(() => EisFile.ReadAll(big));
        Assert.Equal(first, e.Location.Line);
        Assert.Contains("'abc' is not a number", e.Message);
    }
}
