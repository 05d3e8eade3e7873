using Interphase.Units;
using Parquet;
using Parquet.Schema;

namespace Interphase.Sweeps;

/// <summary>
/// A run's time series, kept when the sweep is asked to (<c>--keep-series</c>): DIR/series/run-N.parquet
/// with time_h, current_density_mA_cm2, voltage_V and cycle, one row group (Parquet.Net). Written to a
/// temporary name and renamed, before the run's row is stored: a stored run's file is complete.
/// </summary>
public sealed record SweepSeries(double[] TimeH, double[] CurrentDensityMaCm2, double[] VoltageV, int[] Cycle)
{
    public const string Folder = "series";

    static readonly DataField<double> Time = new("time_h");
    static readonly DataField<double> Current = new("current_density_mA_cm2");
    static readonly DataField<double> Voltage = new("voltage_V");
    static readonly DataField<int> CycleField = new("cycle");
    public static readonly ParquetSchema Schema = new(Time, Current, Voltage, CycleField);

    /// <summary>The series of a run's time points (t in s, current density in A/m², V, cycle), in the file's units.</summary>
    public static SweepSeries Of<T>(IReadOnlyList<T> points, Func<T, (double TimeS, double CurrentDensity, double Voltage, int Cycle)> read)
    {
        var p = points.Select(read).ToList();
        return new SweepSeries([.. p.Select(x => x.TimeS / Si.Hour)], [.. p.Select(x => x.CurrentDensity / Si.MilliampPerCm2)],
            [.. p.Select(x => x.Voltage)], [.. p.Select(x => x.Cycle)]);
    }

    public static string FileOf(string dir, int id) => Path.Combine(dir, Folder, $"run-{id}.parquet");

    public void Write(string dir, int id)
    {
        var file = FileOf(dir, id);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".tmp";
        using (var stream = File.Create(temp))
            WriteAsync(stream).GetAwaiter().GetResult();
        File.Move(temp, file, overwrite: true);
    }

    async Task WriteAsync(Stream stream)
    {
        await using var writer = await ParquetWriter.CreateAsync(Schema, stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<double>(Time, TimeH);
        await group.WriteAsync<double>(Current, CurrentDensityMaCm2);
        await group.WriteAsync<double>(Voltage, VoltageV);
        await group.WriteAsync<int>(CycleField, Cycle);
    }
}
