using System.Globalization;
using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace Interphase.IO;

/// <summary>
/// A table of Interphase's outputs as a Parquet file (Parquet.Net), for pandas/pyarrow and other columnar
/// readers. A run's tables are written from their values (NumericTable.WriteParquet); WriteCsv turns a CSV text
/// into typed columns with the same names and order: the counters and flags (IntegerColumns) are int64, a column
/// whose cells are all numbers is double, any other string; an empty cell is null. Written as one row group with
/// Parquet.Net's default (Snappy) compression.
/// </summary>
public static class ParquetTable
{
    /// <summary>
    /// The counters and flags written as int64. Every other numeric column is double, whatever its values: a
    /// contact fraction that is 1 throughout or a capacity that happens to be whole keeps the same type from run
    /// to run, so the schema a script reads does not change with the data.
    /// </summary>
    internal static readonly HashSet<string> IntegerColumns = new(StringComparer.Ordinal)
        { "cycle", "step", "short_circuit", "soft_short", "complete", "spectrum", "hold" };

    /// <summary>Writes the CSV table <paramref name="csv"/> (header line, then rows) as Parquet to <paramref name="output"/>.</summary>
    public static void WriteCsv(string csv, Stream output)
    {
        var (names, cells) = Split(csv);
        var fields = new List<DataField>();
        var write = new List<Func<ParquetRowGroupWriter, Task>>();
        for (int j = 0; j < names.Length; j++)
        {
            var col = cells[j];
            if (IntegerColumns.Contains(names[j]) && col.All(c => c.Length == 0 || long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
            {
                var f = new DataField<long?>(names[j]);
                long?[] v = col.Select(c => c.Length == 0 ? (long?)null : long.Parse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray();
                fields.Add(f);
                write.Add(g => g.WriteAsync<long>(f, v.AsMemory()));
            }
            else if (col.All(c => c.Length == 0 || double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                var f = new DataField<double?>(names[j]);
                double?[] v = col.Select(c => c.Length == 0 ? (double?)null : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
                fields.Add(f);
                write.Add(g => g.WriteAsync<double>(f, v.AsMemory()));
            }
            else
            {
                var f = new DataField<string>(names[j], true);
                string?[] v = col.Select(c => c.Length == 0 ? null : c).ToArray();
                fields.Add(f);
                write.Add(g => g.WriteAsync(f, v!));
            }
        }
        // the library is asynchronous; our writers are not, and run no synchronisation context
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output);
            using var group = writer.CreateRowGroup();
            foreach (var w in write) await w(group);
        }).GetAwaiter().GetResult();
    }

    /// <summary>Named numeric columns of a Parquet table written by <see cref="WriteCsv"/> (null cells are NaN).</summary>
    public static double[][] ReadColumns(string path, params string[] names) => Task.Run(async () =>
    {
        try
        {
            await using var reader = await ParquetReader.CreateAsync(path);
            var fields = reader.Schema.DataFields;
            var result = new double[names.Length][];
            for (int j = 0; j < names.Length; j++)
            {
                var f = fields.FirstOrDefault(x => x.Name == names[j]) ?? throw new InputException($"no column '{names[j]}' (is this an Interphase output?)", path);
                var values = new List<double>();
                for (int g = 0; g < reader.RowGroupCount; g++)
                {
                    using var rg = reader.OpenRowGroupReader(g);
                    int n = checked((int)rg.RowCount);
                    if (f.ClrType == typeof(double))
                    {
                        var buf = new double?[n];
                        await rg.ReadAsync<double>(f, buf.AsMemory());
                        values.AddRange(buf.Select(x => x ?? double.NaN));
                    }
                    else if (f.ClrType == typeof(long))
                    {
                        var buf = new long?[n];
                        await rg.ReadAsync<long>(f, buf.AsMemory());
                        values.AddRange(buf.Select(x => x is { } y ? (double)y : double.NaN));
                    }
                    else throw new InputException($"column '{names[j]}' is not numeric ({f.ClrType.Name})", path);
                }
                result[j] = [.. values];
            }
            return result;
        }
        catch (Exception e) when (e is not InputException and (IOException or InvalidDataException or NotSupportedException or IndexOutOfRangeException or ArgumentException))
        {
            throw new InputException($"not a readable Parquet table: {e.Message}", path);
        }
    }).GetAwaiter().GetResult();

    static (string[] Names, List<string>[] Cells) Split(string csv)
    {
        using var reader = CsvReader.Create(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)),
            new CsvReaderOptions { HasHeader = true, Separator = ',', FieldCountMismatch = CsvFieldCountHandling.Allow });
        var names = reader.Headers.ToArray();
        var cells = names.Select(_ => new List<string>()).ToArray();
        while (reader.Read())
            for (int j = 0; j < names.Length; j++) cells[j].Add(j < reader.FieldCount ? System.Text.Encoding.UTF8.GetString(reader.GetSpan(j)) : "");
        return (names, cells);
    }
}
