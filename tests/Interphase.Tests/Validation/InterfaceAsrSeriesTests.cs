using Interphase.Materials;
using Interphase.Tests.Cli;
using Interphase.Validation;

namespace Interphase.Tests.Validation;

/// <summary>
/// The measure onset_ccd_vs_interface_asr (decision 0046): the shape check on synthetic series (an exponential is
/// exponential, a power law and a rising series are not), its verdicts, the parsing of its ASR list, and that the
/// measure gives each run its own interface ASR.
/// </summary>
public class InterfaceAsrSeriesTests
{
    static readonly double[] Asrs = [10, 50, 100, 200, 400];

    [Fact]
    public void AnExponentialDecayIsExponentialAndAPowerLawIsNot()
    {
        // CCD = 0.28 exp(-ASR / 150 ohm cm2): ln CCD is a straight line in the ASR
        var exp = InterfaceAsrSeries.Exponential(Asrs, Asrs.Select(r => 0.28 * Math.Exp(-r / 150)).ToList());
        Assert.True(exp.Falls);
        Assert.True(exp.IsExponential, exp.Describe());
        Assert.Equal(1.0, exp.RSquaredSemiLog, 9);
        // CCD = 0.3 ASR^-0.23 (the slope decision 0033 (d) found in the model): a straight line in ln ASR
        var pow = InterfaceAsrSeries.Exponential(Asrs, Asrs.Select(r => 0.3 * Math.Pow(r, -0.23)).ToList());
        Assert.True(pow.Falls);
        Assert.False(pow.IsExponential, pow.Describe());
        Assert.Equal(-0.23, pow.LogLogSlope, 9);
        Assert.Equal(1.0, pow.RSquaredLogLog, 9);
        // a steep power law that falls by the same factor as the exponential is still a power law
        var steep = InterfaceAsrSeries.Exponential(Asrs, Asrs.Select(r => 2.0 * Math.Pow(r, -0.9)).ToList());
        Assert.False(steep.IsExponential, steep.Describe());
    }

    [Fact]
    public void ASeriesThatDoesNotFallAtEveryStepIsNotAnExponentialDecrease()
    {
        // ln y exactly linear in x, but rising
        Assert.False(InterfaceAsrSeries.Exponential(Asrs, Asrs.Select(r => 0.01 * Math.Exp(r / 150)).ToList()).IsExponential);
        // an exponential decay with one point out of order
        var y = Asrs.Select(r => 0.28 * Math.Exp(-r / 150)).ToArray();
        (y[1], y[2]) = (y[2], y[1]);
        var s = InterfaceAsrSeries.Exponential(Asrs, y);
        Assert.False(s.Falls);
        Assert.False(s.IsExponential);
        Assert.Throws<ArgumentException>(() => InterfaceAsrSeries.Exponential([1, 2], [2, 1]));
        Assert.Throws<ArgumentException>(() => InterfaceAsrSeries.Exponential([1, 2, 3], [2, 1, 0]));
    }

    [Fact]
    public void AQualitativeEntryIsJudgedByTheShapeAndAnUndecidedSeriesIsNotScored()
    {
        var e = new ValidationEntry("x", "validation", "m", "E", null, null, null, null, "q", null, "-", new Tolerance("qualitative", null, null, null, ""), "s", "w", "qualitative",
            new SimulateSpec("A-bare-Li-LPSCl", null, "onset_ccd_vs_interface_asr", null, 0.01, 50, 1.1, 1, null, null, null, default) { InterfaceAsrsOhmCm2 = Asrs }, null, null, default);
        Assert.Equal(ValidationStatus.Pass, ValidationRunner.Judge(e, null, "exponential", null, null, trendHolds: true).status);
        Assert.Equal(ValidationStatus.Fail, ValidationRunner.Judge(e, null, "not exponential", null, null, trendHolds: false).status);
        var (status, reason) = ValidationRunner.Judge(e, null, "no onset at 400 ohm cm2", null, null);
        Assert.Equal(ValidationStatus.NotScored, status);
        Assert.StartsWith("inconclusive", reason);
    }

    [Fact]
    public void EachRunGetsItsOwnInterfaceAsr()
    {
        // c6's cell (Li | LLZO, 25 degC, 0 MPa) with the foils pressed on at 20 MPa, as in decision 0033's what-if: the onset
        // CCD falls as the ASR rises (0033 (d): 0.211 at the clean 5.14 ohm cm2, 0.0895 at 515); a measure that left
        // the surface at the entry's would give one CCD at every ASR
        var lib = MaterialLibrary.Load(TestPaths.Library);
        var c6 = ValidationSet.Load(Path.Combine(TestPaths.RepoRoot, "data", "validation", "validation.yaml")).Entries
            .Single(x => x.Id == "c6-flatscher-llzo-single-crystal");
        var e = c6 with
        {
            MetalPressingPressureMPa = 20,
            Tolerance = new Tolerance("qualitative", null, null, null, ""),
            Simulate = c6.Simulate! with { Measure = "onset_ccd_vs_interface_asr", InterfaceAsrsOhmCm2 = [17.2, 172, 1715] },
        };
        var (spec, _, _) = ValidationCell.Build(e, TestPaths.Cases, lib);
        var m = InterfaceAsrSeries.Measure(e, spec, lib);
        Assert.True(m.TrendHolds is not null, m.Reason);
        Assert.Contains("; falling at every step", m.Reason);
        // 17.2 ohm cm2 is the clean interface's 5.14 over a film-free fraction 0.3 (decision 0033 (d))
        Assert.Contains("17.2 ohm cm2 (film-free fraction 0.3)", m.Reason);
        Assert.Null(m.Value);
    }

    [Theory]
    [InlineData("interface_asrs_ohm_cm2: [10, 100]", "at least three interface ASRs")]
    [InlineData("interface_asrs_ohm_cm2: [10, 100, 50]", "rising order")]
    [InlineData("interface_asrs_ohm_cm2: [0, 10, 100]", "rising order")]
    public void ABadAsrListIsOneLineNamingFileAndLine(string list, string expected)
    {
        var set = """
            entries:
            - id: x1
              set: validation
              mechanism: critical_current_density
              system: {metal: Li, electrolyte: LLZO, electrolyte_thickness_um: null}
              conditions: {temperature_degC: 25, stack_pressure_MPa: 0, current_density_mA_cm2: null, protocol: "ramp"}
              quantity: shape
              value: null
              unit: "-"
              tolerance: {kind: qualitative, value: null, reason: "r"}
              source: "s"
              reliability: qualitative
              simulate: {case: A-bare-Li-LPSCl, electrolyte: LLZO, measure: onset_ccd_vs_interface_asr, LIST, ramp_from_mA_cm2: 0.01, ramp_to_mA_cm2: 50}
            """.Replace("LIST", list);
        var dir = TestPaths.TempDir();
        var file = Path.Combine(dir, "set.yaml");
        File.WriteAllText(file, set);
        var err = CliHarness.Run("validate", "--set", file, "--library", TestPaths.Library, "--out", TestPaths.TempDir()).OneLineError(1);
        Assert.Contains("set.yaml:13:", err);
        Assert.Contains(expected, err);
    }
}
