using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.IO;
using Interphase.Reports;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Reports;

/// <summary>
/// The fast output path (issue 13, item 3; docs/decisions/0025-output-speed.md) writes the same files as before:
/// the tables are formatted straight to UTF-8 in chunks of rows that two threads share, the report's figures are
/// serialised apart on two threads with their numbers' text written as it is, and yet every byte is what the
/// row-by-row CsvText writer and the one-writer JSON gave.
/// </summary>
public class OutputIdentityTests
{
    /// <summary>Every shipped cell that runs a cycling protocol, with its kind.</summary>
    public static TheoryData<string> ShippedCases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestPaths.Cases, "*.yaml").Order(StringComparer.Ordinal))
        {
            var kind = File.ReadLines(f).FirstOrDefault(l => l.StartsWith("kind:", StringComparison.Ordinal))?["kind:".Length..].Trim();
            if (kind is "symmetric" or "full") data.Add(Path.GetFileNameWithoutExtension(f));
        }
        return data;
    }

    static bool IsFull(string name) =>
        File.ReadLines(Path.Combine(TestPaths.Cases, name + ".yaml")).Any(l => l.Trim() == "kind: full");

    /// <summary>The CSV text CsvText, the row-by-row writer used before, gives the same rows.</summary>
    static string CsvTextOf(NumericTable t)
    {
        var csv = new CsvText([.. t.Names]);
        var row = new double[t.ColumnCount];
        for (int i = 0; i < t.RowCount; i++)
        {
            for (int j = 0; j < row.Length; j++) row[j] = t[i, j];
            csv.Row(row);
        }
        return csv.ToString();
    }

    /// <summary>timeseries.csv of a symmetric run as SimulationWriter wrote it before the tables (a copy of that code).</summary>
    static string LegacyTimeSeriesCsv(SimulationResult r)
    {
        var header = new List<string> { "time_h", "current_density_mA_cm2", "voltage_V", "cycle", "step", "short_circuit", "soft_short" };
        foreach (var e in new[] { "e1", "e2" })
        {
            header.AddRange([$"contact_fraction_{e}", $"interphase_thickness_nm_{e}", $"filament_length_um_{e}", $"metal_thickness_um_{e}"]);
            if (r.HasAmalgam) header.AddRange([$"amalgam_li_fraction_{e}", $"amalgam_liquid_fraction_{e}"]);
            if (r.HasAmalgamZone) header.Add($"amalgam_zone_um_{e}");   // added with the amalgam's infiltrated zone (decision 0035)
        }
        if (r.HasConcentration) header.AddRange(["salt_ratio_e1", "salt_ratio_e2"]);
        var csv = new CsvText(header.ToArray());
        var row = new double[header.Count];
        foreach (var p in r.Series)
        {
            int k = 0;
            row[k++] = p.TimeS / Si.Hour;
            row[k++] = p.CurrentDensity / Si.MilliampPerCm2;
            row[k++] = p.Voltage;
            row[k++] = p.Cycle;
            row[k++] = p.StepIndex;
            row[k++] = p.Shorted ? 1 : 0;
            row[k++] = p.Bridged ? 1 : 0;
            foreach (var s in new[] { p.Left, p.Right })
            {
                row[k++] = s.Contact;
                row[k++] = s.InterphaseM * 1e9;
                row[k++] = s.FilamentM * 1e6;
                row[k++] = s.MetalM * 1e6;
                if (r.HasAmalgam) { row[k++] = s.AmalgamLiFraction; row[k++] = s.AmalgamLiquidFraction; }
                if (r.HasAmalgamZone) row[k++] = s.AmalgamZoneM * 1e6;
            }
            if (r.HasConcentration) { row[k++] = p.SaltRatioLeft; row[k++] = p.SaltRatioRight; }
            csv.Row(row);
        }
        return csv.ToString();
    }

    static string LegacyCyclesCsv(SimulationResult r)
    {
        var csv = new CsvText("cycle", "current_density_mA_cm2", "mean_abs_overpotential_mV", "max_abs_overpotential_mV",
            "mean_abs_interfacial_overpotential_mV", "start_h", "end_h", "plated_mAh_cm2", "stripped_mAh_cm2", "complete");
        foreach (var c in r.Cycles)
            csv.Row(c.Cycle, c.CurrentDensity / Si.MilliampPerCm2, c.MeanAbsVoltage * 1e3, c.MaxAbsVoltage * 1e3, c.MeanAbsInterfacial * 1e3,
                c.StartS / Si.Hour, c.EndS / Si.Hour, c.ChargePlated / Si.MahPerCm2, c.ChargeStripped / Si.MahPerCm2, c.Complete ? 1 : 0);
        return csv.ToString();
    }

    /// <summary>The parsed cells of two CSV texts, compared cell by cell (the first difference is named).</summary>
    static void SameCells(string expected, string actual, string what)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        Assert.True(e.Length == a.Length, $"{what}: {a.Length} lines, expected {e.Length}");
        for (int i = 0; i < e.Length; i++)
        {
            if (e[i] == a[i]) continue;
            var ec = e[i].Split(',');
            var ac = a[i].Split(',');
            for (int j = 0; j < Math.Min(ec.Length, ac.Length); j++)
                Assert.True(ec[j] == ac[j], $"{what}, line {i + 1}, column {j + 1}: '{ac[j]}', expected '{ec[j]}'");
            Assert.Fail($"{what}, line {i + 1}: {ac.Length} cells, expected {ec.Length}");
        }
        Assert.Equal(expected, actual); // and byte for byte
    }

    [Theory]
    [MemberData(nameof(ShippedCases))]
    public void ShippedCasesWriteTheSameTablesAsTheRowByRowWriter(string name)
    {
        var file = Path.Combine(TestPaths.Cases, name + ".yaml");
        if (IsFull(name))
        {
            var r = Lab.SimulateFullCell(file);
            Assert.NotEmpty(r.Series);
            var ts = FullCellWriter.TimeSeries(r);
            SameCells(CsvTextOf(ts), FullCellWriter.TimeSeriesCsv(r), $"{name} timeseries.csv");
            SameCells(CsvTextOf(FullCellWriter.Cycles(r)), FullCellWriter.CyclesCsv(r), $"{name} cycles.csv");
        }
        else
        {
            var r = Lab.Simulate(file);
            Assert.NotEmpty(r.Series);
            SameCells(LegacyTimeSeriesCsv(r), SimulationWriter.TimeSeriesCsv(r), $"{name} timeseries.csv");
            SameCells(LegacyCyclesCsv(r), SimulationWriter.CyclesCsv(r), $"{name} cycles.csv");
        }
    }

    [Fact]
    public void TheWrittenFilesAreTheRowByRowCsvAndTheOneWriterJson()
    {
        // 300 cycles: about 12 600 rows, seven chunks of the CSV shared between two threads
        var r = Lab.Simulate(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), "Repeat 300 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h");
        Assert.True(r.Series.Count > 3 * 2048, $"{r.Series.Count} rows");
        var dir = TestPaths.TempDir();
        try
        {
            HtmlReport page = null!;
            SimulationWriter.Write(r, dir, report: x => page = SimulationReport.Build(x));
            SameCells(LegacyTimeSeriesCsv(r), File.ReadAllText(Path.Combine(dir, "timeseries.csv")), "timeseries.csv");
            SameCells(LegacyCyclesCsv(r), File.ReadAllText(Path.Combine(dir, "cycles.csv")), "cycles.csv");

            var html = File.ReadAllText(Path.Combine(dir, "report.html"));
            const string open = "<script type=\"application/json\" id=\"interphase-figures\">";
            int a = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
            var json = html[a..html.IndexOf("</script>", a, StringComparison.Ordinal)];
            var oneWriter = PlotlyJson.Serialize(page.Figures.Select((f, k) => ($"figure-{k + 1}", f)).ToList());
            Assert.Equal(oneWriter, json);
            Assert.True(page.FigureCount >= 6);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AFullCellsWrittenTablesAreTheRowByRowCsv()
    {
        var r = Lab.SimulateFullCell(Path.Combine(TestPaths.Cases, "D-LFP-PEO.yaml"), "Repeat 10 times: Charge at 0.5C until 3.8 V; Discharge at 0.5C until 2.5 V");
        var dir = TestPaths.TempDir();
        try
        {
            FullCellWriter.Write(r, dir, report: FullCellReport.Build);
            SameCells(CsvTextOf(FullCellWriter.TimeSeries(r)), File.ReadAllText(Path.Combine(dir, "timeseries.csv")), "timeseries.csv");
            SameCells(CsvTextOf(FullCellWriter.Cycles(r)), File.ReadAllText(Path.Combine(dir, "cycles.csv")), "cycles.csv");
            Assert.True(File.Exists(Path.Combine(dir, "report.html")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>
    /// A number in a report is the shortest text of the value rounded to the figure's digits; where the G-format
    /// text has no exponent the writer prints that text as it is. Both must give the same bytes, over every
    /// magnitude, sign, rounding carry (9999999.5 → 1E+07) and the edges of positional notation (1e-5, 10^digits).
    /// </summary>
    [Fact]
    public void ReportNumbersPrintedAsTheirGFormatTextAreTheRoundedNumbersText()
    {
        var rng = new Random(13);
        var values = new List<double> { 1e-5, 9.9999995e-6, 1.00000005e-5, 0.1, 0.3, 2.0 / 3, 9999999.5, 9999999.4, 1e7, 12345678, 123456.75,
            5e-324, double.Epsilon * 3, double.MaxValue, 1e15, 1e16, 123456789012345678, 0.00012345678, 1e-300, 7.77e300 };
        for (int k = 0; k < 200_000; k++)
        {
            double m = rng.NextDouble() * 10;
            int e = rng.Next(-12, 14);
            values.Add(m * Math.Pow(10, e));
            values.Add(BitConverter.Int64BitsToDouble(rng.NextInt64(1, long.MaxValue)));
        }
        values.AddRange(values.ToArray().Select(v => -v));
        values.AddRange([0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity]);
        var array = values.ToArray();
        for (int digits = 3; digits <= 17; digits++)
        {
            // the array as PlotlyJson writes it (its text made in one buffer and handed to the writer whole) against one
            // value call of the JSON writer per number, each the rounded value (null where not finite)
            var fast = new ArrayBufferWriter<byte>();
            var slow = new ArrayBufferWriter<byte>();
            using (var f = new Utf8JsonWriter(fast))
            using (var s = new Utf8JsonWriter(slow))
            {
                f.WriteStartObject();
                s.WriteStartObject();
                PlotlyJson.WriteNumbers(f, "x", array, digits);
                PlotlyJson.WriteNumbers(f, "y", values, digits); // (not an array: read through its interface)
                foreach (var name in new[] { "x", "y" })
                {
                    s.WriteStartArray(name);
                    foreach (var v in values)
                    {
                        if (!double.IsFinite(v)) { s.WriteNullValue(); continue; }
                        var rounded = PlotlyJson.Round(v, digits);
                        s.WriteNumberValue(double.IsFinite(rounded) ? rounded : v); // double.MaxValue rounds to ∞: kept whole
                    }
                    s.WriteEndArray();
                }
                f.WriteEndObject();
                s.WriteEndObject();
            }
            if (!fast.WrittenSpan.SequenceEqual(slow.WrittenSpan))
            {
                var fs = Encoding.UTF8.GetString(fast.WrittenSpan).Split(',');
                var ss = Encoding.UTF8.GetString(slow.WrittenSpan).Split(',');
                int i = Enumerable.Range(0, Math.Min(fs.Length, ss.Length)).FirstOrDefault(i => fs[i] != ss[i]);
                Assert.Fail($"{digits} digits: '{fs[i]}' where the rounded number's text is '{ss[i]}'");
            }
        }
    }

    [Fact]
    public async Task TheCsvOfATableIsTheSameWhateverThreadsFormatItsChunks()
    {
        var r = Lab.Simulate(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), "Repeat 40 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h");
        var table = SimulationWriter.TimeSeries(r);
        var expected = CsvTextOf(table);
        foreach (int chunk in new[] { 1, 7, 100, 100_000 })
        {
            var job = table.StartCsv(chunk);
            var helpers = Enumerable.Range(0, 3).Select(_ => Task.Run(job.Work)).ToArray();
            using var ms = new MemoryStream();
            job.WriteTo(ms);
            await Task.WhenAll(helpers);
            SameCells(expected, Encoding.UTF8.GetString(ms.ToArray()), $"chunks of {chunk} rows");
        }
    }
}
