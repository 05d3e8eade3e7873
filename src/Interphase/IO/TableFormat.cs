namespace Interphase.IO;

/// <summary>How a run writes its tables (timeseries, cycles): CSV (the default) or Parquet (<c>--format parquet</c>).</summary>
public enum TableFormat { Csv, Parquet }

public static class TableFormats
{
    /// <summary>The file name of table <paramref name="name"/> ("timeseries") in this format ("timeseries.parquet").</summary>
    public static string FileName(this TableFormat format, string name) => name + (format == TableFormat.Parquet ? ".parquet" : ".csv");

    /// <summary>"csv" or "parquet" (case-insensitive); null for anything else.</summary>
    public static TableFormat? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "csv" => TableFormat.Csv,
        "parquet" => TableFormat.Parquet,
        _ => null,
    };
}
