using System.Text.Json;
using Interphase.Cli;

namespace Interphase.Tests.Cli;

/// <summary>The command line as a user meets it: outputs, exit codes and one-line errors.</summary>
public class CliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    static string Case(string name) => Path.Combine(TestPaths.Cases, name);

    [Fact]
    public void SimulateWritesEveryOutputAndASummary()
    {
        var dir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("simulate", Case("B-bare-Li-PEO.yaml"), "--out", dir, "--quiet",
            "--library", TestPaths.Library);
        Assert.True(code == 0, stderr);
        foreach (var f in new[] { "timeseries.csv", "cycles.csv", "summary.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        Assert.Empty(Directory.GetDirectories(dir)); // no staging folder left behind
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.True(s.GetProperty("short_circuit").GetBoolean());
        Assert.InRange(s.GetProperty("short_circuit_time_h").GetDouble(), 100, 200);
        Assert.True(s.GetProperty("short_circuit_cycle").GetInt32() > 1);
        Assert.Equal(JsonValueKind.Null, s.GetProperty("critical_current_density_mA_cm2").ValueKind);
        Assert.True(s.GetProperty("cycles").GetInt32() > 0);
        // summary.json's cycles are the complete cycles (cycles.csv's complete column), cycles_begun every row (decision 0080)
        var rows = File.ReadAllLines(Path.Combine(dir, "cycles.csv"));
        int completeColumn = Array.IndexOf(rows[0].Split(','), "complete");
        Assert.Equal(rows.Skip(1).Count(l => l.Split(',')[completeColumn] == "1"), s.GetProperty("cycles").GetInt32());
        Assert.Equal(rows.Length - 1, s.GetProperty("cycles_begun").GetInt32());
        Assert.False(s.TryGetProperty("complete_cycles", out _));
        Assert.True(s.GetProperty("mean_overpotential_mV").GetDouble() > 0);
        var header = File.ReadLines(Path.Combine(dir, "timeseries.csv")).First().Split(',');
        Assert.Equal(["time_h", "current_density_mA_cm2", "voltage_V"], header[..3]);
        Assert.Contains("contact_fraction_e1", header);
        Assert.Contains("interphase_thickness_nm_e1", header);
        Assert.Contains("filament_length_um_e2", header);
        var cycles = File.ReadLines(Path.Combine(dir, "cycles.csv")).First().Split(',');
        Assert.Equal(["cycle", "current_density_mA_cm2", "mean_abs_overpotential_mV", "max_abs_overpotential_mV"], cycles[..4]);
        Assert.Contains("short circuit at", stdout);
    }

    [Fact]
    public void InlineStepsAndRampReportTheCriticalCurrentDensity()
    {
        var dir = TestPaths.TempDir();
        var (code, _, stderr) = Run("simulate", Case("A-bare-Li-LPSCl.yaml"), "--quiet", "--out", dir, "--library", TestPaths.Library,
            "--step", "Ramp from 0.1 to 2 mA/cm2 in steps of 0.1 mA/cm2: Plate for 1 h; Strip for 1 h", "--step", "Stop if short circuit");
        Assert.True(code == 0, stderr);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.InRange(s.GetProperty("critical_current_density_mA_cm2").GetDouble(), 0.5, 1.5);
    }

    [Fact]
    public void FullCellsWriteCapacityCyclesAndSummary()
    {
        var dir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("simulate", Case("D-LFP-PT-PEO.yaml"), "--quiet", "--out", dir, "--library", TestPaths.Library,
            "--step", "Repeat 2 times: Charge at 0.1C until 4.0 V; Discharge at 0.1C until 2.5 V", "--step", "Repeat 2 times: Charge at 0.1C until 4.0 V; Discharge at 1C until 2.5 V");
        Assert.True(code == 0, stderr);
        var header = File.ReadLines(Path.Combine(dir, "cycles.csv")).First().Split(',');
        foreach (var col in new[] { "charge_capacity_mAh_g", "discharge_capacity_mAh_g", "charge_capacity_mAh_cm2", "discharge_capacity_mAh_cm2",
                                    "coulombic_efficiency_percent", "discharge_energy_mWh_cm2", "mean_charge_voltage_V", "mean_discharge_voltage_V", "retention_percent" })
            Assert.Contains(col, header);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;
        Assert.Equal("full", s.GetProperty("kind").GetString());
        Assert.InRange(s.GetProperty("first_cycle_coulombic_efficiency_percent").GetDouble(), 90, 100);
        Assert.True(s.GetProperty("capacity_retention_percent").GetDouble() > 0);
        var rate = s.GetProperty("rate_capability");
        Assert.Equal(2, rate.GetArrayLength());
        Assert.Equal(0.1, rate[0].GetProperty("c_rate").GetDouble(), 6);
        Assert.True(rate[1].GetProperty("discharge_capacity_mAh_g").GetDouble() < rate[0].GetProperty("discharge_capacity_mAh_g").GetDouble());
        Assert.Contains("mAh/g", stdout);
    }

    [Fact]
    public void SymmetricStepsAreRefusedForFullCells()
    {
        var (code, _, stderr) = Run("simulate", Case("D-LFP-PT-PEO.yaml"), "--step", "Plate at 0.1 mA/cm2 for 1 h", "--quiet", "--out", TestPaths.TempDir(), "--library", TestPaths.Library);
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("a full cell uses Charge and Discharge", stderr);
    }

    [Fact]
    public void ProtocolFileOptionIsUsed()
    {
        var dir = TestPaths.TempDir();
        var p = Path.Combine(dir, "p.txt");
        File.WriteAllText(p, "Plate at 0.2 mA/cm2 for 5 h\nStrip at 0.2 mA/cm2 for 5 h\n");
        var (code, _, stderr) = Run("simulate", Case("A-Li2Se-NR-LPSCl.yaml"), "--protocol-file", p, "--quiet", "--out", Path.Combine(dir, "out"), "--library", TestPaths.Library);
        Assert.True(code == 0, stderr);
        var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json"))).RootElement;
        Assert.Equal(1, s.GetProperty("cycles").GetInt32());
        Assert.Equal(10, s.GetProperty("duration_h").GetDouble(), 6);
    }

    public static TheoryData<string, string, string> BadCells => new()
    {
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers: [\n", "x.yaml:", "malformed YAML" },
        // a flow mapping left open inside a list: YamlDotNet throws without a position; the line is found by counting brackets
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 um\n  - {material: Li, thickness: 100 um}\n", "x.yaml:6", "is not closed" },
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Unobtainium, thickness: 1 mm}\n  - {material: Li, thickness: 100 um}\n", "x.yaml:6:", "unknown material 'Unobtainium'" },
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: -300 um}\n  - {material: Li, thickness: 100 um}\n", "x.yaml:6:", "thickness must be positive" },
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 mA}\n  - {material: Li, thickness: 100 um}\n", "x.yaml:6:", "length was expected" },
        { "name: x\narea: 1 m2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\n", "x.yaml:2:", "not a laboratory cell" },
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 um}\n  - {material: Na, thickness: 100 um}\n", "x.yaml:7:", "must carry the same ion" },
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 um}\n  - {material: Li-In, thickness: 100 um}\n", "x.yaml:7:", "same metal on both sides" },
        { "name: x\narea: 1 cm2\nlayers:\n  - {material: Li, thickness: 100 um}\n", "x.yaml:1:", "missing 'temperature'" },
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li2Se, morphology: NX}\n  - {material: Li6PS5Cl, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\n", "x.yaml:6:", "unknown morphology 'NX'" },
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\noverrides:\n  Li6PS5Cl.conductivity.reference_conductivty: 1e-3 S/cm\n", "x.yaml:9:", "no property" },
        { "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\noverrides:\n  Na.density: 0.97 g/cm3\n", "x.yaml:9:", "override 'Na.density' is not used by the symmetric-cell model" },
    };

    [Theory]
    [MemberData(nameof(BadCells))]
    public void BadCellFilesGiveOneLineErrorsAndNoOutput(string yaml, string where, string what)
    {
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "x.yaml");
        File.WriteAllText(cell, yaml);
        var outDir = Path.Combine(dir, "out");
        var line = Run("simulate", cell, "--step", "Plate at 0.1 mA/cm2 for 1 h", "--quiet", "--out", outDir, "--library", TestPaths.Library)
            .OneLineError(ExitCodes.InputError);
        Assert.Contains(where, line);
        Assert.Contains(what, line);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any());
    }

    [Fact]
    public void BadProtocolNamesItsLineAndColumn()
    {
        var dir = TestPaths.TempDir();
        var p = Path.Combine(dir, "bad.protocol");
        File.WriteAllText(p, "Plate at 0.2 mA/cm2 for 5 h\nStrip at 0.2 mV for 5 h\n");
        var (code, _, stderr) = Run("simulate", Case("A-bare-Li-LPSCl.yaml"), "--protocol-file", p, "--quiet", "--out", Path.Combine(dir, "o"), "--library", TestPaths.Library);
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("bad.protocol:2:10:", stderr);
        Assert.Contains("voltage", stderr);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "o")).Any());
    }

    [Fact]
    public void MissingFileAndUsageErrors()
    {
        var (code, _, stderr) = Run("simulate", "/nonexistent/cell.yaml", "--quiet", "--library", TestPaths.Library);
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("file not found", stderr);
        var (code2, _, _) = Run("simulate");
        Assert.Equal(ExitCodes.UsageError, code2);
    }

    [Fact]
    public void FullCellStepsAreRefusedForSymmetricCells()
    {
        var (code, _, stderr) = Run("simulate", Case("A-bare-Li-LPSCl.yaml"), "--step", "Charge at 0.1C until 4.3 V", "--quiet", "--out", TestPaths.TempDir(), "--library", TestPaths.Library);
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("symmetric cell uses Plate and Strip", stderr);
    }

    [Fact]
    public void MaterialsListAndShow()
    {
        var (code, stdout, _) = Run("materials", "list", "--library", TestPaths.Library);
        Assert.Equal(0, code);
        foreach (var m in new[] { "Li ", "Na ", "Li6PS5Cl", "LLTO", "PEO-LiTFSI", "PT-PEO", "Li2Se", "DCPL", "LiHg", "Li-In", "Li|Li6PS5Cl",
                                  "LiCoO2", "LiFePO4", "NCM523", "V2O5", "FeS2", "LP30", "liquid electrolytes:", "cathodes:", "conversion cathodes:", "blocking electrodes:" })
            Assert.Contains(m, stdout);
        Assert.DoesNotContain("model constants", stdout);
        var (c2, show, _) = Run("materials", "show", "LPSCl", "--library", TestPaths.Library);
        Assert.Equal(0, c2);
        Assert.Contains("Li6PS5Cl", show);
        Assert.Contains("reference_conductivity: 2", show);
        Assert.Contains("S/cm", show);
        var (c3, pair, _) = Run("materials", "show", "Li|Li6PS5Cl", "--library", TestPaths.Library);
        Assert.Equal(0, c3);
        Assert.Contains("calibrated on:", pair);
        var (c4, _, err) = Run("materials", "show", "Li6PSCl", "--library", TestPaths.Library);
        Assert.Equal(ExitCodes.InputError, c4);
        Assert.Contains("did you mean 'Li6PS5Cl'", err);
    }
}
