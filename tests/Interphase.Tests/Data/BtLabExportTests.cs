using System.Globalization;
using Interphase.Data;

namespace Interphase.Tests.Data;

/// <summary>
/// BioLogic BT-Lab text exports of PyProBE's sample data (Fixtures/measured/biologic, see
/// PROVENANCE.md): a Modulo Bat with its header, one whose <c>time/s</c> column holds date-times, and
/// a headerless export. Row by row against the files' own columns, last rows against PyProBE's tests.
/// </summary>
public class BtLabExportTests
{
    static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "measured", "biologic", name);

    static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    static void Near(double expected, double actual, double tol, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what}: expected {expected:R}, read {actual:R}");

    static (string[] Names, List<string[]> Rows) Table(string name, int headerLine)
    {
        var lines = File.ReadAllLines(Fixture(name), System.Text.Encoding.Latin1);
        var names = lines[headerLine - 1].Split('\t');
        return (names, lines.Skip(headerLine).Where(l => l.Trim().Length > 0).Select(l => l.Split('\t')).ToList());
    }

    [Fact]
    public void ModuloBat_EveryRecordAndPyProBEsLastRow()
    {
        var f = DataFile.Detect(Fixture("Sample_data_biologic_CA1.txt"));
        Assert.Equal(DataFormat.BioLogicMpt, f.Format);
        var d = DataFile.ReadCycling(f);
        var (names, rows) = Table("Sample_data_biologic_CA1.txt", 103);
        int Col(string n) => Array.IndexOf(names, n);
        Assert.Equal(rows.Count, d.Count);
        double t0 = D(rows[0][Col("time/s")]);
        int temperature = Array.FindIndex(names, n => n.StartsWith("Temperature/", StringComparison.Ordinal));
        for (int i = 0; i < rows.Count; i++)
        {
            Near(D(rows[i][Col("time/s")]) - t0, d.TimeS[i], 1e-9, $"record {i + 1} time");
            Near(D(rows[i][Col("Ecell/V")]), d.Voltage[i], 1e-12, $"record {i + 1} voltage");
            Near(D(rows[i][Col("I/mA")]) * 1e-3, d.Current[i], 1e-12, $"record {i + 1} current");
            Near(D(rows[i][temperature]), d.TemperatureC![i], 1e-9, $"record {i + 1} temperature");
        }
        // PyProBE's test_read_and_process_biologic: the last row
        Near(139.524007, d.TimeS[^1], 5e-7, "time (s)");
        Near(-0.899826, d.Current[^1], 5e-7, "current (A)");
        Near(3.4854481, d.Voltage[^1], 1e-12, "voltage (V)");
        Near(23.029291, d.TemperatureC![^1], 1e-9, "temperature (°C)");
    }

    [Fact]
    public void TimeColumnOfDateTimes_IsReadAsTheTimeSinceTheFirstRecord()
    {
        var f = DataFile.Detect(Fixture("Sample_data_biologic_timestamped.txt"));
        Assert.Equal(DataFormat.BioLogicMpt, f.Format);
        var d = DataFile.ReadCycling(f);
        // 'time/s' holds 11/20/2024 11:38:41.707, 11:38:48.171, …; PyProBE's test_read_file_timestamp asserts these times
        double[] expected = [0, 6.464, 7.464, 8.464, 9.464, 10.464, 11.464, 12.464];
        Assert.Equal(expected.Length, d.Count);
        for (int i = 0; i < expected.Length; i++) Near(expected[i], d.TimeS[i], 1e-6, $"time of record {i + 1}");
        Near(4.4993811E+002 * 1e-3, d.Current[1], 1e-12, "current of record 2 (A)");
        Assert.Contains(d.Info.Notes, n => n.Contains("date-times", StringComparison.Ordinal));
    }

    [Fact]
    public void HeaderlessExport_PyProBEsLastRow()
    {
        var f = DataFile.Detect(Fixture("Sample_data_biologic_no_header.mpt"));
        var d = DataFile.ReadCycling(f);
        var (names, rows) = Table("Sample_data_biologic_no_header.mpt", 1);
        int Col(string n) => Array.IndexOf(names, n);
        Assert.Equal(rows.Count, d.Count);
        double t0 = D(rows[0][Col("time/s")]);
        for (int i = 0; i < rows.Count; i++)
        {
            Near(D(rows[i][Col("time/s")]) - t0, d.TimeS[i], 1e-9, $"record {i + 1} time");
            Near(D(rows[i][Col("Ecell/V")]), d.Voltage[i], 1e-12, $"record {i + 1} voltage");
            Near(D(rows[i][Col("I/mA")]) * 1e-3, d.Current[i], 1e-12, $"record {i + 1} current");
        }
        // PyProBE's test_read_and_process_biologic_no_header: 281792.50213 s (unshifted), 0 A, 2.9814022 V
        Near(281792.50213, d.TimeS[^1] + t0, 1e-5, "time (s)");
        Assert.Equal(0.0, d.Current[^1]);
        Near(2.9814022, d.Voltage[^1], 1e-12, "voltage (V)");
    }
}
