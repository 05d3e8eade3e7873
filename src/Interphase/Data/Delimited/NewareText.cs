namespace Interphase.Data.Delimited;

/// <summary>
/// Neware BTS CSV exports. The flat export has one header and one row per record. The nested
/// ("regular") export has three header lines, one per level (cycle, step, record), each level
/// indented by one more empty field, and interleaves a summary row per cycle and per step with the
/// records: only the records, the rows that begin with two empty fields, are read. Either way the
/// time axis is the test's (<c>Total Time</c>, <c>Cumulative Time</c> or the date), never the
/// step time <c>Time</c> (<see cref="DelimitedPreset.Neware"/>).
/// </summary>
public static class NewareText
{
    /// <summary>Reads either layout into the unified dataset.</summary>
    public static CyclingDataset Read(string path, ColumnMapping? mapping, double? areaM2)
    {
        if (!IsNested(path)) return DelimitedCyclingReader.Read(path, DelimitedPreset.Neware, mapping, areaM2);
        var d = DelimitedCyclingReader.Read(path, DelimitedPreset.Neware with { TitleLines = 2, RecordIndent = 2 }, mapping, areaM2);
        var header = d.Info.Header.Where(h => h.Key != "title").ToDictionary();
        return d.WithInfo(d.Info with
        {
            Header = header,
            Notes = ["nested export: the cycle and step summary rows are skipped, the records (rows that begin with two empty fields) are read", .. d.Info.Notes],
        });
    }

    /// <summary>Line 1 names the cycle columns, line 2 (one empty field first) the step columns, line 3 (two) the record columns.</summary>
    static bool IsNested(string path)
    {
        using var r = new StreamReader(DataFile.OpenRead(path));
        var a = r.ReadLine();
        var b = r.ReadLine();
        var c = r.ReadLine();
        return a is not null && a.StartsWith("Cycle Index,", StringComparison.Ordinal) &&
            b is not null && b.StartsWith(",Step Index,", StringComparison.Ordinal) &&
            c is not null && c.StartsWith(",,", StringComparison.Ordinal);
    }
}
