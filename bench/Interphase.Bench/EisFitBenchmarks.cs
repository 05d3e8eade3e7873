using BenchmarkDotNet.Attributes;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Bench;

/// <summary>
/// One fit of <c>R0-p(R1,CPE1)-p(R2,CPE2)-W1</c> to impedance.py's getting-started spectrum
/// (../shared/data/eis/exampleData.csv, 66 points) from the automatic initial guess, as
/// <c>interphase eis fit</c> runs it, with modulus and unit weighting; and the Lin-KK test and the DRT
/// of the same spectrum. The MathNet comparison is <c>eis-mathnet</c> (<see cref="EisMathNetComparison"/>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class EisFitBenchmarks
{
    ImpedanceSpectrum _spectrum = null!;
    Circuit _circuit = null!;

    [GlobalSetup]
    public void Setup()
    {
        _spectrum = EisFile.Read(BenchData.File("eis/exampleData.csv"));
        _circuit = Circuit.Parse("R0-p(R1,CPE1)-p(R2,CPE2)-W1");
    }

    [Benchmark(Baseline = true)]
    public double FitModulusWeighting() => EisFitter.Fit(_spectrum, _circuit).ChiSquare;

    [Benchmark]
    public double FitUnitWeighting() => EisFitter.Fit(_spectrum, _circuit, new EisFitOptions { Weighting = EisWeighting.Unit }).ChiSquare;

    [Benchmark]
    public int LinKK() => Impedance.LinKK.Test(_spectrum).ElementCount;

    [Benchmark]
    public int Drt() => Impedance.Drt.Compute(_spectrum).Peaks.Count;
}
