namespace Interphase.Data.BioLogic;

/// <summary>
/// Every column of a BioLogic file by its EC-Lab name (<c>time/s</c>, <c>Ewe/V</c>, <c>I/mA</c>, …),
/// in the units the name states, as the file holds them. The .mpt text export and the binary .mpr
/// give the same names for the same quantities, so the two can be compared column by column.
/// </summary>
public sealed class BioLogicTable
{
    readonly Dictionary<string, int> _index;

    public BioLogicTable(string source, string format, string? technique, IReadOnlyList<string> names, double[][] columns)
    {
        if (names.Count != columns.Length) throw new ArgumentException("one column per name");
        Source = source;
        Format = format;
        Technique = technique;
        Names = names;
        Columns = columns;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) _index.TryAdd(names[i], i);
    }

    public string Source { get; }
    public string Format { get; }
    /// <summary>GCPL, BCD, MB, PEIS, … (from the settings module or the header's technique line).</summary>
    public string? Technique { get; }
    public IReadOnlyList<string> Names { get; }
    public double[][] Columns { get; }
    public int RowCount => Columns.Length == 0 ? 0 : Columns[0].Length;

    public bool Has(string name) => _index.ContainsKey(name);

    public double[] this[string name] => _index.TryGetValue(name, out var i)
        ? Columns[i]
        : throw new KeyNotFoundException($"{Source} has no column '{name}'");
}
