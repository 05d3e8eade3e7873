using System.Text.Json;
using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Tests.Cli;
using static Interphase.Tests.Data.SharedFiles;

namespace Interphase.Tests.Data;

/// <summary>
/// A file that mixes techniques is split: yadg's public Modulo Bat <c>mb.mpr</c> (Fixtures/measured/biologic)
/// repeats four times Rest, PEIS, Rest, CC charge (1 h), CC discharge (1 h), Rest, PEIS: eight impedance
/// sweeps of 70 points (1 MHz … 0.1 Hz) between four galvanostatic cycles. The cycling records go to the
/// cycling analysis, the sweeps are fitted as an impedance file's. Expected values were read off the
/// instrument's own text export of the same run (yadg's <c>mb.mpt</c>, which yadg asserts equal to the .mpr).
/// </summary>
public class MixedTechniqueFileTests
{
    static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "measured", "biologic", name);

    // per sweep, from mb.mpt: time of its first impedance record since the file's first record (s), and its first point
    static readonly (double T, double F, double Re, double MinusIm)[] Sweeps =
    [
        (181.478674, 1.0000186E+006, 1.3542760E+002, 4.1891501E+002),
        (7916.498579, 1.0000186E+006, 3.4024349E+001, 4.4936536E+002),
        (8391.741986, 1.0000186E+006, 3.4486053E+001, 4.4938611E+002),
        (16126.686917, 1.0000186E+006, 1.2840228E+002, 4.2655280E+002),
        (16601.658322, 1.0000186E+006, 3.4664307E+001, 4.5042041E+002),
        (24336.628245, 1.0000186E+006, 1.2774462E+002, 4.2632013E+002),
        (24811.570644, 1.0000186E+006, 3.4175201E+001, 4.4974124E+002),
        (32546.573588, 1.0000186E+006, 1.2693489E+002, 4.2623453E+002),
    ];

    [Fact]
    public void ModuloBatOfCyclesAndSweeps_IsSplitIntoCyclesAndSpectra()
    {
        var m = Measurement.Analyze(Fixture("mb.mpr"));
        Assert.NotEqual(CellKind.Eis, m.Kind);
        Assert.Null(m.Eis);
        var seg = (m.Symmetric?.Segmentation ?? m.Full?.Segmentation)!;
        Assert.Equal(8, seg.HalfCycles.Count); // four charges and four discharges: the sweeps add none
        var x = m.Interleaved!;
        Assert.Equal(8, x.Analysis.SweepsInFile);
        for (int k = 0; k < Sweeps.Length; k++)
        {
            var s = x.Analysis.Sweeps[k].Spectrum;
            Assert.Equal(70, s.Count);
            Close(Sweeps[k].F, s.FrequenciesHz[0], 1e-6, $"sweep {k + 1} first frequency (Hz)");
            Close(Sweeps[k].Re, s.Impedance[0].Real, 1e-5, $"sweep {k + 1} first Re(Z) (Ω)");
            Close(-Sweeps[k].MinusIm, s.Impedance[0].Imaginary, 1e-5, $"sweep {k + 1} first Im(Z) (Ω)");
            Close(9.9904113E-002, s.FrequenciesHz[^1], 1e-6, $"sweep {k + 1} last frequency (Hz)");
            Close(Sweeps[k].T, x.TimeS[k]!.Value, 1e-8, $"sweep {k + 1} time (s)");
        }
        // a sweep before the first charge, then one after each discharge and one before the next charge
        Assert.Equal([0, 2, 2, 4, 4, 6, 6, 8], x.HalfCyclesBefore.Select(h => h!.Value));
    }

    [Fact]
    public void AnalyzeWritesTheCyclesAndEverySweepsFit()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "mb");
        var run = CliHarness.Run("analyze", Fixture("mb.mpr"), "--out", dir);
        Assert.True(run.code == 0, run.stderr);
        Assert.Contains("8 impedance sweep(s) between the cycling steps", run.stdout);
        foreach (var f in new[] { "cycles.csv", "timeseries.csv", "summary.json", "report.html", "eis_1.csv", "fit_8.json", "kk_8.csv", "drt_8.csv" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.NotEqual("eis", j.GetProperty("kind").GetString());
        var imp = j.GetProperty("impedance");
        Assert.Equal(8, imp.GetArrayLength());
        Close(Sweeps[1].T / 3600, imp[1].GetProperty("time_h").GetDouble(), 1e-8, "sweep 2 time (h)");
        Assert.Equal(2, imp[1].GetProperty("half_cycles_before").GetInt32());
        Assert.True(imp[7].GetProperty("R_ct_ohm").GetDouble() > 0);
        Assert.Contains("Impedance sweeps in the file (8)", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void VoltammogramWithImpedanceSweeps_TheSweepsAreSplitOffTheVoltammogram()
    {
        // constructed EC-Lab text export (no public file of this mix was found): a PEIS sweep at 3.5 V, a cyclic
        // voltammogram 3.0 → 4.0 → 3.0 V whose current rises as 1 µA·exp((V − 3.8 V)/50 mV), another PEIS sweep
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder("EC-Lab ASCII FILE\nNb header lines : 5\n\nModulo Bat\nmode\ttime/s\tEwe/V\tI/mA\tfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\n");
        double t = 0;
        void Peis()
        {
            for (int k = 0; k < 25; k++)
            {
                double f = 1e5 * Math.Pow(10, -k / 4.0);
                var z = 10 + 100 / new System.Numerics.Complex(1, 2 * Math.PI * f * 100 * 1e-6);
                sb.Append(string.Create(ci, $"1\t{t}\t3.5\t0\t{f:R}\t{z.Real:R}\t{-z.Imaginary:R}\n"));
                t += 1;
            }
        }
        Peis();
        for (int k = 0; k <= 200; k++)
        {
            double v = k <= 100 ? 3.0 + k * 0.01 : 4.0 - (k - 100) * 0.01;
            sb.Append(string.Create(ci, $"2\t{t}\t{v:R}\t{1e-3 * Math.Exp((v - 3.8) / 0.05):R}\t0\t0\t0\n"));
            t += 1;
        }
        Peis();
        var dir = TestPaths.TempDir();
        var path = Path.Combine(dir, "cv-peis.mpt");
        File.WriteAllText(path, sb.ToString());
        var run = CliHarness.Run("analyze", path, "--technique", "sweep", "--area", "1 cm2", "--out", Path.Combine(dir, "out"));
        Assert.True(run.code == 0, run.stderr);
        Assert.Contains("2 impedance sweep(s) in the file, split off", run.stdout);
        // the voltammogram is one anodic and one cathodic run: the impedance records at 3.5 V add none
        var runs = File.ReadAllLines(Path.Combine(dir, "out", "sweeps.csv")).Skip(1).ToArray();
        Assert.Equal(2, runs.Length);
        var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json"))).RootElement;
        var onset = j.GetProperty("anodic_onset_V").GetDouble();
        Close(3.8 + 0.05 * Math.Log(10), onset, 0, "onset at 10 µA/cm2 (V)", atol: 2e-3);
        var imp = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "impedance.json"))).RootElement.GetProperty("impedance");
        Assert.Equal(2, imp.GetArrayLength());
        Close(25.0 + 201, imp[1].GetProperty("time_h").GetDouble() * 3600, 1e-9, "second sweep's time (s)");
        Assert.Equal(25, imp[0].GetProperty("points").GetInt32());
        Assert.True(File.Exists(Path.Combine(dir, "out", "fit_2.json")));
    }

    [Fact]
    public void ACyclingFileWithoutImpedanceRecordsHasNoSweeps()
    {
        var path = Path.Combine(TestPaths.TempDir(), "gcpl.csv");
        File.WriteAllText(path, "time/s,Ewe/V,I/mA\n0,3.0,0\n10,3.1,1\n3600,3.5,1\n3610,3.4,-1\n7200,3.0,-1\n7210,3.1,1\n10800,3.5,1\n10810,3.4,-1\n14400,3.0,-1\n");
        Assert.Null(Measurement.Analyze(path).Interleaved);
    }
}
