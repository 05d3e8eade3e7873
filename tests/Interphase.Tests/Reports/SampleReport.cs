using System.Globalization;
using System.Numerics;
using Interphase.Reports;

namespace Interphase.Tests.Reports;

/// <summary>
/// A report like the ones Interphase writes for a Li | LLZO | Li cell: impedance (Nyquist with equal
/// axes, Bode with logarithmic axes and a secondary axis) and a 20 000-point cycling trace that
/// plotly draws with WebGL. The data are synthetic but shaped like the real thing.
/// </summary>
public static class SampleReport
{
    public const string NyquistTitle = "Nyquist <b>plot</b> & fit";
    public const int CyclingPoints = 20_000;

    public static HtmlReport Build()
    {
        var report = new HtmlReport("Li | LLZO | Li symmetric cell — sample report")
        {
            GeneratedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(1)),
        };
        report.AddHeading("Inputs");
        report.AddParagraph("Synthetic data in the shape of a garnet symmetric cell. Text like <script>alert('x')</script> & \"quotes\" is shown as written.");
        report.AddKeyValueTable([
            ("Electrolyte", "Li6.4La3Zr1.4Ta0.6O12, 500 µm"),
            ("Area", "1.0 cm²"),
            ("Temperature", "25 °C"),
            ("Current density", "±0.2 mA/cm², 1 h per half-cycle"),
        ]);

        report.AddHeading("Impedance");
        var (freq, z) = Impedance();
        var noise = new Random(42);
        var measured = z.Select(v => v * (1 + 0.01 * (noise.NextDouble() - 0.5))).ToArray();
        var hover = freq.Select(f => "f = " + f.ToString("G3", CultureInfo.InvariantCulture) + " Hz").ToArray();
        report.AddFigure(new Figure(NyquistTitle, "Z′ / Ω cm²", "−Z″ / Ω cm²")
        {
            EqualAspect = true,
            Height = 460,
            Traces =
            [
                new Trace("measured", measured.Select(v => v.Real).ToArray(), measured.Select(v => -v.Imaginary).ToArray())
                    { Mode = TraceMode.Markers, HoverText = hover, MarkerSize = 7 },
                new Trace("R(RQ)(RQ) fit", z.Select(v => v.Real).ToArray(), z.Select(v => -v.Imaginary).ToArray())
                    { HoverText = hover },
            ],
        });
        report.AddFigure(new Figure("Bode", "Frequency / Hz", "|Z| / Ω cm²")
        {
            LogX = true,
            LogY = true,
            Y2Title = "−phase / °",
            Traces =
            [
                new Trace("|Z|", freq, measured.Select(v => v.Magnitude).ToArray()) { Mode = TraceMode.LinesAndMarkers },
                new Trace("−phase", freq, measured.Select(v => -v.Phase * 180 / Math.PI).ToArray())
                    { Mode = TraceMode.LinesAndMarkers, YAxis = 2, Dash = LineDash.Dash },
            ],
        });
        report.AddTable(["Element", "R / Ω cm²", "Q / F s^(n−1) cm⁻²", "n"],
        [
            ["bulk", "40", "", ""],
            ["grain boundary", "60", "1E-09", "0.9"],
            ["interface", "150", "1E-06", "0.85"],
        ]);

        report.AddHeading("Cycling");
        report.AddWarning("The cell short-circuited after 92 h: the voltage fell below 1 mV.");
        var (t, v, i) = Cycling();
        report.AddFigure(new Figure("Plating and stripping at ±0.2 mA/cm²", "Time / h", "Voltage / mV")
        {
            Y2Title = "Current density / mA cm⁻²",
            Traces =
            [
                new Trace("voltage", t, v) { LineWidth = 1.2 },
                new Trace("current density", t, i) { YAxis = 2, LineWidth = 1, Color = "rgba(120,120,120,0.6)" },
            ],
        });
        return report;
    }

    /// <summary>R_b + (R_gb‖Q_gb) + (R_int‖Q_int) from 7 MHz to 0.1 Hz, 10 points per decade.</summary>
    public static (double[] Frequency, Complex[] Z) Impedance()
    {
        var f = Enumerable.Range(0, 80).Select(k => 7e6 * Math.Pow(10, -k / 10.0)).ToArray();
        var z = f.Select(fr =>
        {
            var jw = new Complex(0, 2 * Math.PI * fr);
            static Complex RQ(double r, double q, double n, Complex jw) => r / (1 + r * q * Complex.Pow(jw, n));
            return 40 + RQ(60, 1e-9, 0.9, jw) + RQ(150, 1e-6, 0.85, jw);
        }).ToArray();
        return (f, z);
    }

    /// <summary>Time (h), voltage (mV) and current density (mA/cm²) of a symmetric cell that shorts at 92 h.</summary>
    public static (double[] T, double[] V, double[] I) Cycling()
    {
        var t = new double[CyclingPoints];
        var v = new double[CyclingPoints];
        var i = new double[CyclingPoints];
        const double hours = 100, shortAt = 92;
        for (int k = 0; k < CyclingPoints; k++)
        {
            double time = hours * k / (CyclingPoints - 1);
            double phase = time % 1.0;
            double sign = ((int)Math.Floor(time) % 2 == 0) ? 1 : -1;
            double growth = 1 + 0.004 * time;
            double polarisation = 50 * growth + 12 * (1 - Math.Exp(-phase / 0.15)) + 4 * Math.Sin(37 * time) * 0.1;
            t[k] = time;
            i[k] = 0.2 * sign;
            v[k] = time < shortAt ? sign * polarisation : sign * 0.6;
        }
        return (t, v, i);
    }
}
