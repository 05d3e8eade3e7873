using BenchmarkDotNet.Attributes;
using Interphase.Reports;

namespace Interphase.Bench;

/// <summary>
/// What a long cycling report costs: decimating a 1000-cycle voltage trace (300 000 points) for
/// plotting, and rendering a report with it (plotly.js inlined, about 4.8 MB of text).
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    double[] _t = [];
    double[] _v = [];

    [GlobalSetup]
    public void Setup()
    {
        const int perCycle = 300, cycles = 1000;
        _t = new double[perCycle * cycles];
        _v = new double[_t.Length];
        for (int i = 0; i < _t.Length; i++)
        {
            double phase = (i % perCycle) / (double)perCycle;
            _t[i] = i * 10.0;
            _v[i] = 3.0 + 1.2 * (phase < 0.5 ? 2 * phase : 2 - 2 * phase);
        }
    }

    [Benchmark]
    public int Decimate300kTo5k() => Decimation.Decimate(_t, _v, 5000).Count;

    [Benchmark]
    public int RenderCyclingReport()
    {
        var trace = new Trace("voltage", _t, _v).Decimated(Trace.WebGlThreshold);
        var report = new HtmlReport("1000 cycles").AddFigure(new Figure("Voltage", "Time / s", "Voltage / V") { Traces = [trace] });
        return report.Render().Length;
    }
}
