using System.Globalization;
using Interphase.IO;
using Interphase.Reports;
using ParquetSharp;

namespace Interphase.Tests.Cli;

/// <summary>
/// `simulate --format parquet` (issue 13, item 3): timeseries and cycles as Parquet that pandas/pyarrow read.
/// The files are read back here with ParquetSharp, a wrapper of the Apache Arrow C++ Parquet library that
/// pyarrow itself is built on (a different implementation from the Parquet.Net that wrote them), and every
/// column must equal the CSV the same run writes.
/// </summary>
public class ParquetOutputTests
{
    static string Temp() => Path.Combine(Path.GetTempPath(), "interphase-parquet-" + Guid.NewGuid().ToString("N"));

    static Dictionary<string, double?[]> ReadParquet(string path)
    {
        using var file = new ParquetFileReader(path);
        var schema = file.FileMetaData.Schema;
        var columns = new Dictionary<string, double?[]>();
        for (int c = 0; c < file.FileMetaData.NumColumns; c++)
        {
            var name = schema.Column(c).Name;
            var values = new List<double?>();
            for (int g = 0; g < file.FileMetaData.NumRowGroups; g++)
            {
                using var rg = file.RowGroup(g);
                int n = checked((int)rg.MetaData.NumRows);
                using var col = rg.Column(c);
                if (schema.Column(c).PhysicalType == PhysicalType.Double)
                    values.AddRange(col.LogicalReader<double?>().ReadAll(n));
                else if (schema.Column(c).PhysicalType == PhysicalType.Int64)
                    values.AddRange(col.LogicalReader<long?>().ReadAll(n).Select(x => (double?)x));
                else
                    values.AddRange(col.LogicalReader<string?>().ReadAll(n).Select(_ => (double?)null));
            }
            columns[name] = [.. values];
        }
        return columns;
    }

    static Dictionary<string, double?[]> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var names = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        return names.Select((n, j) => (n, rows.Select(r => r[j].Length == 0 ? (double?)null : double.Parse(r[j], CultureInfo.InvariantCulture)).ToArray()))
            .ToDictionary(x => x.n, x => x.Item2);
    }

    [Theory]
    [InlineData("A-bare-Li-LPSCl", "Repeat 3 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h")]
    [InlineData("D-LFP-PEO", "Charge at 0.5C until 3.8 V; Discharge at 0.5C until 2.5 V")]
    public void ParquetTablesHoldTheSameColumnsAndValuesAsTheCsv(string cell, string protocol)
    {
        string csvDir = Temp(), pqDir = Temp();
        try
        {
            var yaml = Path.Combine(TestPaths.Cases, cell + ".yaml");
            Assert.Equal(0, CliHarness.Run("simulate", yaml, "-s", protocol, "--out", csvDir, "-q").code);
            var run = CliHarness.Run("simulate", yaml, "-s", protocol, "--out", pqDir, "-q", "--format", "parquet");
            Assert.True(run.code == 0, run.stderr);
            Assert.Contains("timeseries.parquet", run.stdout);
            Assert.False(File.Exists(Path.Combine(pqDir, "timeseries.csv")));
            foreach (var table in new[] { "timeseries", "cycles" })
            {
                var csv = ReadCsv(Path.Combine(csvDir, table + ".csv"));
                var pq = ReadParquet(Path.Combine(pqDir, table + ".parquet"));
                Assert.Equal(csv.Keys, pq.Keys);
                foreach (var (name, expected) in csv)
                {
                    Assert.Equal(expected.Length, pq[name].Length);
                    // the Parquet column holds the run's values; the CSV prints them with 9 significant digits
                    for (int i = 0; i < expected.Length; i++)
                        Assert.Equal(expected[i], pq[name][i] is { } x ? double.Parse(x.ToString("G9", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null);
                }
                Assert.NotEmpty(pq.Values.First());
                // the schema does not depend on the values: counters are int64, every other number double
                using var file = new ParquetFileReader(Path.Combine(pqDir, table + ".parquet"));
                var schema = file.FileMetaData.Schema;
                for (int c = 0; c < file.FileMetaData.NumColumns; c++)
                {
                    var name = schema.Column(c).Name;
                    var expected = name is "cycle" or "step" or "short_circuit" or "soft_short" or "complete" ? PhysicalType.Int64 : PhysicalType.Double;
                    if (schema.Column(c).PhysicalType != PhysicalType.ByteArray) Assert.True(expected == schema.Column(c).PhysicalType, $"{table}.{name}: {schema.Column(c).PhysicalType}");
                }
            }
            // a Parquet result folder is a result folder: compare reads it
            var cmp = CliHarness.Run("compare", csvDir, pqDir, "--out", Path.Combine(pqDir, "cmp"));
            Assert.True(cmp.code == 0, cmp.stderr);
        }
        finally
        {
            foreach (var d in new[] { csvDir, pqDir }) if (Directory.Exists(d)) Directory.Delete(d, true);
        }
    }

    /// <summary>
    /// `--format parquet` writes the tables from the run's values, not from their 9-digit CSV text: every column read
    /// back (by the Arrow C++ reader) equals the table's column bit for bit, a non-finite value (an incomplete
    /// cycle's mean, the amalgam columns of a bare electrode) is null, and the schema is the one the CSV of the same
    /// table gets from ParquetTable.WriteCsv (the path the files took before).
    /// </summary>
    [Theory]
    [InlineData("A-bare-Li-LPSCl", "Repeat 3 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h", false)]
    [InlineData("E-Li-amalgam-liquid", "Repeat 2 times: Plate at 0.5 mA/cm2 for 1 h; Strip at 0.5 mA/cm2 for 1 h", false)]
    [InlineData("D-LFP-PEO", "Charge at 0.5C until 3.8 V; Discharge at 0.5C until 2.5 V\nCharge at 0.5C for 10 minutes", true)]
    public void ParquetTablesHoldTheRunsValuesExactly(string cell, string protocol, bool hasNulls)
    {
        var yaml = Path.Combine(TestPaths.Cases, cell + ".yaml");
        var lines = protocol.Split('\n');
        string dir = Temp();
        try
        {
            (string Name, NumericTable Table)[] tables;
            if (cell.StartsWith("D-", StringComparison.Ordinal))
            {
                var r = Lab.SimulateFullCell(yaml, lines);
                FullCellWriter.Write(r, dir, format: TableFormat.Parquet);
                tables = [("timeseries", FullCellWriter.TimeSeries(r)), ("cycles", FullCellWriter.Cycles(r))];
            }
            else
            {
                var r = Lab.Simulate(yaml, lines);
                SimulationWriter.Write(r, dir, format: TableFormat.Parquet);
                tables = [("timeseries", SimulationWriter.TimeSeries(r)), ("cycles", SimulationWriter.Cycles(r))];
            }
            int nulls = 0, sub9 = 0;
            foreach (var (name, table) in tables)
            {
                var path = Path.Combine(dir, name + ".parquet");
                var pq = ReadParquet(path);
                Assert.Equal(table.Names, pq.Keys);
                for (int j = 0; j < table.ColumnCount; j++)
                {
                    var expected = table.Column(j);
                    var actual = pq[table.Names[j]];
                    Assert.Equal(expected.Length, actual.Length);
                    for (int i = 0; i < expected.Length; i++)
                    {
                        double? want = double.IsFinite(expected[i]) ? expected[i] : null;
                        Assert.True(want == actual[i], $"{name}.{table.Names[j]}[{i}]: {actual[i]:R}, the run's value is {want:R}");
                        if (want is null) nulls++;
                        else if (want != double.Parse(want.Value.ToString("G9", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)) sub9++;
                    }
                }
                // the same schema as the CSV text of the table gets
                var viaCsv = Path.Combine(dir, name + "-via-csv.parquet");
                using (var s = File.Create(viaCsv)) ParquetTable.WriteCsv(table.ToCsv(), s);
                Assert.Equal(Schema(viaCsv), Schema(path));
            }
            // the full cell's cut-short last cycle has no efficiency or retention: nulls, as the CSV's empty cells
            Assert.True(hasNulls == nulls > 0, $"{nulls} null cells");
            Assert.True(sub9 > 0, "every value has at most 9 digits: the test could not tell the values from their CSV text");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    static List<(string, PhysicalType)> Schema(string path)
    {
        using var file = new ParquetFileReader(path);
        var schema = file.FileMetaData.Schema;
        return Enumerable.Range(0, file.FileMetaData.NumColumns).Select(c => (schema.Column(c).Name, schema.Column(c).PhysicalType)).ToList();
    }

    [Fact]
    public void AnUnknownFormatIsAUsageError()
    {
        var (code, stdout, stderr) = CliHarness.Run("simulate", Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), "--format", "xlsx", "--out", Temp());
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: --format 'xlsx': expected csv or parquet", stderr);
    }
}
