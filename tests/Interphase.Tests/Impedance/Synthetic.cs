using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Tests.Impedance;

/// <summary>Synthetic spectra: a circuit evaluated on a log-spaced grid, with reproducible Gaussian noise proportional to |Z|.</summary>
internal static class Synthetic
{
    public static double[] LogGrid(double fMax, double fMin, int perDecade)
    {
        int n = (int)Math.Round(Math.Log10(fMax / fMin) * perDecade) + 1;
        return Enumerable.Range(0, n).Select(i => fMax * Math.Pow(fMin / fMax, i / (double)(n - 1))).ToArray();
    }

    public static ImpedanceSpectrum Spectrum(Circuit circuit, double[] f, double relativeNoise, int seed)
    {
        var rng = new Random(seed);
        var z = circuit.Evaluate(f).Select(v => v + relativeNoise * v.Magnitude * new Complex(Gauss(rng), Gauss(rng))).ToArray();
        return new ImpedanceSpectrum(f, z);
    }

    public static double Gauss(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
