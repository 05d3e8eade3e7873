using System.Text.Json;
using Interphase.Data.Analysis;

namespace Interphase.Tests.Cli;

/// <summary>
/// `analyze POLARISATION --technique bruce-vincent --eis-before F --eis-after F`: the Bruce–Vincent
/// transference number, end to end on a simulated ideal binary electrolyte (Nernst–Einstein conductivity,
/// t+ = 0.2 in the library): simulate EIS, a 5 mV hold and EIS again, then analyse the written files.
/// </summary>
public class BruceVincentCliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);

    // Gelium (fixture) made ideal: κ = F² c0 (D+ + D−)/(RT) with D+ + D− = D_salt/(2 t+ (1 − t+)); i0 1 mA/cm²
    const string IdealCell = """
        name: ideal-binary
        area: 1 cm2
        temperature: 60 degC
        stack_pressure: 0.1 MPa
        layers:
          - {material: TestMetal, thickness: 100 um}
          - {material: Gelium, thickness: 100 um}
          - {material: TestMetal, thickness: 100 um}
        overrides:
          Gelium.conductivity.reference_conductivity: 6.8267e-4 S/cm
          "TestMetal|Gelium.exchange_current_density": 1 mA/cm2
          "TestMetal|Gelium.nucleation_site_fraction": 1
        """;

    static string SimulatedPolarisation(string cellText = IdealCell)
    {
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "ideal.yaml");
        File.WriteAllText(cell, cellText);
        var sim = Run("simulate", cell, "--library", TestPaths.FixtureLibrary, "--out", Path.Combine(dir, "sim"),
            "--step", "Measure EIS from 1 MHz to 1 mHz", "--step", "Hold at 5 mV for 30 h", "--step", "Measure EIS from 1 MHz to 1 mHz");
        Assert.True(sim.code == 0, sim.stderr);
        return Path.Combine(dir, "sim");
    }

    [Fact]
    public void TheTransferenceNumberOfAnIdealBinaryElectrolyteIsRecovered()
    {
        var sim = SimulatedPolarisation();
        var out1 = Path.Combine(sim, "..", "bv");
        var r = Run("analyze", Path.Combine(sim, "timeseries.csv"), "--technique", "bruce-vincent",
            "--eis-before", Path.Combine(sim, "eis_1.csv"), "--eis-after", Path.Combine(sim, "eis_2.csv"),
            "--circuit", "R0-p(R1,CPE1)-Ws1", "--out", out1);
        Assert.True(r.code == 0, r.stderr);
        using var j = JsonDocument.Parse(File.ReadAllText(Path.Combine(out1, "summary.json")));
        var s = j.RootElement;
        Assert.Equal(0.2, s.GetProperty("transference_number").GetDouble(), 0.005);
        // the interfaces (2 × RT/(F i0) = 57.4 Ω) and the bulk (100 µm / κ = 14.6 Ω) come from the fits
        Assert.Equal(57.42, s.GetProperty("interface_resistance_before_ohm").GetDouble(), 0.6);
        Assert.Equal(14.65, s.GetProperty("bulk_resistance_before_ohm").GetDouble(), 0.15);
        // without the interfacial correction, I_ss/I_0 is far from t+: the correction is what recovers it
        Assert.True(s.GetProperty("current_ratio_Iss_I0").GetDouble() > 0.5);
        Assert.True(File.Exists(Path.Combine(out1, "report.html")));
    }

    [Fact]
    public void AHoldWhoseInterfacesTakeNearlyAllOfTheVoltageIsSaidNotToDetermineTPlus()
    {
        // the same electrolyte behind interfaces 1000 times slower (i0 1 µA/cm²: 2 × 28.7 kΩ against 14.6 Ω of bulk):
        // t+ then rests on the last 0.03 % of ΔV, and the run must say so instead of printing t+ as if it were measured
        static JsonElement Analyse(string cellText, string name)
        {
            var sim = SimulatedPolarisation(cellText);
            var dir = Path.Combine(sim, "..", name);
            var r = Run("analyze", Path.Combine(sim, "timeseries.csv"), "--technique", "bruce-vincent",
                "--eis-before", Path.Combine(sim, "eis_1.csv"), "--eis-after", Path.Combine(sim, "eis_2.csv"),
                "--circuit", "R0-p(R1,CPE1)-Ws1", "--out", dir);
            Assert.True(r.code == 0, r.stderr);
            return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement.Clone();
        }
        static string[] Warnings(JsonElement s) => [.. s.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];
        var slow = Analyse(IdealCell.Replace("exchange_current_density\": 1 mA/cm2", "exchange_current_density\": 0.001 mA/cm2"), "slow");
        Assert.Contains(Warnings(slow), w => w.Contains("this hold does not determine t+"));
        // the well-conditioned cell of the test above (sensitivity 4) is not flagged
        var ideal = Analyse(IdealCell, "ideal");
        Assert.DoesNotContain(Warnings(ideal), w => w.Contains("does not determine"));
        // the sensitivity is ∂ln t+/∂ln R of the formula: I_0R_0 = 8 mV of 10 gives 4, I_ssR_ss = 9.9 mV gives 99
        Assert.Equal(4, BruceVincent.Sensitivity(0.01, 1e-4, 5e-5, 80, 0), 9);
        Assert.Equal(99, BruceVincent.Sensitivity(0.01, 1e-4, 9.9e-5, 0, 100), 6);
    }

    [Fact]
    public void TheFormulaIsEvansVincentBruceAndRefusesADropBeyondTheSetVoltage()
    {
        // no interfaces: t+ = I_ss/I_0
        Assert.Equal(0.3, BruceVincent.Formula(0.01, 1e-4, 3e-5, 0, 0).tPlus!.Value, 12);
        // ΔV 10 mV, I_0 100 µA, I_ss 40 µA, R_0 50 Ω, R_ss 60 Ω: 40·(10 − 5)/(100·(10 − 2.4))
        Assert.Equal(40 * 5.0 / (100 * 7.6), BruceVincent.Formula(0.01, 1e-4, 4e-5, 50, 60).tPlus!.Value, 12);
        var (t, why) = BruceVincent.Formula(0.01, 1e-4, 4e-5, 150, 60);
        Assert.Null(t);
        Assert.Contains("before", why);
    }

    [Fact]
    public void MissingSpectraAreAUsageError()
    {
        var r = Run("analyze", "whatever.csv", "--technique", "bruce-vincent", "--eis-before", "a.csv");
        Assert.Equal(2, r.code);
        Assert.StartsWith("error: --technique bruce-vincent needs --eis-before FILE and --eis-after FILE", r.stderr);
        var r2 = Run("analyze", "whatever.csv", "--eis-after", "a.csv");
        Assert.Equal(2, r2.code);
    }

    [Fact]
    public void AnImpedanceFileInPlaceOfThePolarisationIsOneLine()
    {
        var sim = SimulatedPolarisation();
        var eis = Path.Combine(sim, "eis_1.csv");
        var line = Run("analyze", eis, "--technique", "bruce-vincent", "--eis-before", eis, "--eis-after", eis,
            "--out", Path.Combine(sim, "..", "bad")).OneLineError(1);
        Assert.Contains("eis_1.csv", line);
        Assert.Contains("the first file of --technique bruce-vincent is the polarisation", line);
        Assert.False(Directory.Exists(Path.Combine(sim, "..", "bad")));
    }
}
