using System.Globalization;
using Interphase.Data;

namespace Interphase.Tests.Data;

/// <summary>
/// Basytec, Novonix and the newer Arbin CSV exports: PyProBE's sample files (Fixtures/measured, see
/// PROVENANCE.md). Each is compared row by row with the file's own columns (split here on the
/// separator, independently of the reader) and its last record with the values PyProBE's tests assert.
/// </summary>
public class CyclerExportTests
{
    static string Fixture(string folder, string name) => Path.Combine(TestPaths.Fixtures, "measured", folder, name);

    static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    static void Near(double expected, double actual, double tol, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, read {actual:R}");

    /// <summary>The file's records from line <paramref name="headerLine"/> + 1 on, split on <paramref name="sep"/>, with the header's column indices.</summary>
    static (Func<string, int> Col, List<string[]> Rows) Table(string path, int headerLine, char sep)
    {
        var lines = File.ReadAllLines(path);
        var names = lines[headerLine - 1].TrimStart('\uFEFF').Split(sep).Select(n => n.Trim()).ToArray();
        var rows = lines.Skip(headerLine).Where(l => l.Trim().Length > 0).Select(l => l.Split(sep)).ToList();
        return (n => Array.IndexOf(names, n) is var i and >= 0 ? i : throw new InvalidOperationException($"no column {n}"), rows);
    }

    [Fact]
    public void Basytec_EveryRecordAndPyProBEsLastRow()
    {
        var path = Fixture("basytec", "sample_data_basytec.txt");
        var f = DataFile.Detect(path);
        Assert.Equal(DataFormat.BasytecText, f.Format);
        var d = DataFile.ReadCycling(f);
        var (col, rows) = Table(path, 13, '\t');
        Assert.Equal(rows.Count, d.Count);
        Assert.Equal(74, d.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string at = $"record {i + 1}";
            // ~Time[s] is the test time; t-Step[s] restarts at the charge (record 63: 68.2 s of test, 8.0 s of step)
            Near(D(r[col("~Time[s]")]), d.TimeS[i], 1e-12, at + " time");
            Near(D(r[col("U[V]")]), d.Voltage[i], 1e-12, at + " voltage");
            Near(D(r[col("I[A]")]), d.Current[i], 1e-12, at + " current");
            Assert.Equal((int)D(r[col("Line")]), d.StepIndex[i]);
            Assert.Equal((int)D(r[col("Cyc-Count")]), d.Cycle[i]);
            Near(D(r[col("Ah-Cyc-Charge")]) * 3600, d.ChargeCapacity[i], 1e-9, at + " charge capacity");
            Near(D(r[col("T1[\uFFFDC]")]), d.TemperatureC![i], 1e-9, at + " temperature");
            Assert.Equal(r[col("Command")] == "Charge" ? StepType.Charge : StepType.Rest, d.Step[i]);
        }
        // PyProBE's test_read_and_process_basytec: the last row
        Near(70.235804, d.TimeS[^1], 5e-7, "time (s)");
        Near(0.449602, d.Current[^1], 5e-7, "current (A)");
        Near(3.53285, d.Voltage[^1], 5e-6, "voltage (V)");
        Near(0.001248916998009 * 3600, d.ChargeCapacity[^1], 1e-12, "capacity (C)");
        Near(25.47953, d.TemperatureC![^1], 1e-9, "temperature (°C)");
        Assert.Equal(4, d.StepIndex[^1]);
        Assert.Equal("plan.pln", d.Info.Technique);
        Assert.Equal("19.06.2023 17:56:53", d.Info.Header["Start of Test"]);
    }

    [Fact]
    public void Novonix_EveryRecordAndPyProBEsLastRow()
    {
        var path = Fixture("novonix", "sample_data_novonix.csv");
        var f = DataFile.Detect(path);
        Assert.Equal(DataFormat.NovonixCsv, f.Format);
        var d = DataFile.ReadCycling(f);
        var (col, rows) = Table(path, 21, ',');
        Assert.Equal(rows.Count, d.Count);
        Assert.Equal(207, d.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string at = $"record {i + 1}";
            Near(D(r[col("Run Time (h)")]) * 3600, d.TimeS[i], 1e-9, at + " time");
            Near(D(r[col("Potential (V)")]), d.Voltage[i], 1e-12, at + " voltage");
            Near(D(r[col("Current (A)")]), d.Current[i], 1e-12, at + " current");
            Assert.Equal((int)D(r[col("Cycle Number")]), d.Cycle[i]);
            Assert.Equal((int)D(r[col("Step Number")]), d.StepIndex[i]);
            double q = D(r[col("Capacity (Ah)")]) * 3600, current = D(r[col("Current (A)")]);
            // one capacity column, attributed by the current's sign (the step type code 7 is not read)
            Near(current > 0 ? q : 0, d.ChargeCapacity[i], 1e-9, at + " charge capacity");
            Assert.Equal(current > 0 ? StepType.Charge : current < 0 ? StepType.Discharge : StepType.Rest, d.Step[i]);
            Near(D(r[col("Temperature (°C)")]), d.TemperatureC![i], 1e-9, at + " temperature");
        }
        // PyProBE's test_read_and_process_novonix: the last row
        Near(12287.48004, d.TimeS[^1], 1e-6, "time (s)");
        Near(0.49999387, d.Current[^1], 1e-12, "current (A)");
        Near(4.12864581, d.Voltage[^1], 1e-12, "voltage (V)");
        Near(1.70652976 * 3600, d.ChargeCapacity[^1], 1e-9, "capacity (C)");
        Near(24.792, d.TemperatureC![^1], 1e-9, "temperature (°C)");
        Near(1e-3, d.Info.FileActiveMassKg!.Value, 1e-15, "mass (kg)");
        Assert.Equal("01", d.Info.Header["Channel"]);
    }

    [Fact]
    public void ArbinCsvWithUnitsInTheHeader_EveryRecordAndPyProBEsLastRow()
    {
        var path = Fixture("arbin", "sample_data_arbin.csv");
        var f = DataFile.Detect(path);
        Assert.Equal(DataFormat.ArbinCsv, f.Format);
        var d = DataFile.ReadCycling(f);
        var (col, rows) = Table(path, 1, ',');
        Assert.Equal(13, d.Count);
        double t0 = D(rows[0][col("Test Time (s)")]);
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            string at = $"record {i + 1}";
            // Test Time, not Step Time (which restarts at records 11 and 12)
            Near(D(r[col("Test Time (s)")]) - t0, d.TimeS[i], 1e-9, at + " time");
            Near(D(r[col("Voltage (V)")]), d.Voltage[i], 1e-12, at + " voltage");
            Near(D(r[col("Current (A)")]), d.Current[i], 1e-12, at + " current");
            Assert.Equal((int)D(r[col("Step Index")]), d.StepIndex[i]);
            Near(D(r[col("Charge Capacity (Ah)")]) * 3600, d.ChargeCapacity[i], 1e-9, at + " charge capacity");
            Near(D(r[col("Discharge Capacity (Ah)")]) * 3600, d.DischargeCapacity[i], 1e-9, at + " discharge capacity");
            // 'Aux_Temperature_1 (C)' is °C, not coulombs
            Near(D(r[col("Aux_Temperature_1 (C)")]), d.TemperatureC![i], 1e-9, at + " temperature");
        }
        // PyProBE's test_read_and_process_arbin: the last row (its time is Test Time, unshifted)
        Near(301.214, d.TimeS[^1] + t0, 1e-9, "test time (s)");
        Near(2.650138, d.Current[^1], 1e-12, "current (A)");
        Near(3.599601, d.Voltage[^1], 1e-12, "voltage (V)");
        Near(24.68785, d.TemperatureC![^1], 1e-9, "temperature (°C)");
        Assert.Equal(3, d.StepIndex[^1]);
    }

    [Theory]
    [InlineData("novonix", "sample_data_novonix.csv", 20000)]
    [InlineData("basytec", "sample_data_basytec.txt", 9000)]
    [InlineData("arbin", "sample_data_arbin.csv", 1500)]
    public void ACopyCutInARecordIsRefusedAtThatLine(string folder, string name, int bytes)
    {
        var cut = File.ReadAllBytes(Fixture(folder, name))[..bytes];
        var dir = Path.Combine(Path.GetTempPath(), "interphase-cut-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, cut);
        int line = cut.Count(b => b == (byte)'\n') + 1;
        var e = Assert.Throws<InputException>(() => DataFile.ReadCycling(path));
        Assert.StartsWith($"{path}:{line}: ", e.OneLine);
        Assert.Contains("fields where the header has", e.OneLine);
        Assert.Contains("truncated", e.OneLine);
    }
}
