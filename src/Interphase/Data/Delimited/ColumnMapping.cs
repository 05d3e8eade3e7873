namespace Interphase.Data.Delimited;

/// <summary>The quantities a cycling file's columns can hold.</summary>
public enum CyclingQuantity
{
    Time, DateTime, Voltage, Current, CurrentDensity, Cycle, Step, State,
    ChargeCapacity, DischargeCapacity, Capacity, ChargeEnergy, DischargeEnergy, Energy, Temperature,
}

/// <summary>
/// Which column holds which quantity, for text files whose columns are not recognised by name, and
/// in which unit when the header does not say. Written by users as <c>QUANTITY=COLUMN</c> or
/// <c>QUANTITY=COLUMN[UNIT]</c>, e.g. <c>time=Elapsed[h]</c>, <c>current=I[mA]</c>,
/// <c>voltage=Ewe</c>. A column whose name itself ends in brackets ("Current [mA]") is matched
/// whole first.
/// </summary>
public sealed record ColumnMapping(IReadOnlyDictionary<CyclingQuantity, (string Column, string? Unit)> Columns)
{
    public static readonly ColumnMapping None = new(new Dictionary<CyclingQuantity, (string, string?)>());

    static readonly Dictionary<string, CyclingQuantity> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["time"] = CyclingQuantity.Time, ["datetime"] = CyclingQuantity.DateTime, ["voltage"] = CyclingQuantity.Voltage,
        ["current"] = CyclingQuantity.Current, ["current_density"] = CyclingQuantity.CurrentDensity, ["cycle"] = CyclingQuantity.Cycle, ["step"] = CyclingQuantity.Step,
        ["state"] = CyclingQuantity.State, ["charge_capacity"] = CyclingQuantity.ChargeCapacity,
        ["discharge_capacity"] = CyclingQuantity.DischargeCapacity, ["capacity"] = CyclingQuantity.Capacity,
        ["charge_energy"] = CyclingQuantity.ChargeEnergy, ["discharge_energy"] = CyclingQuantity.DischargeEnergy,
        ["energy"] = CyclingQuantity.Energy, ["temperature"] = CyclingQuantity.Temperature,
    };

    public static string Known => string.Join(", ", Names.Keys);

    /// <summary>Parses <c>QUANTITY=COLUMN[UNIT]</c> items; mistakes name the item and what was expected.</summary>
    public static ColumnMapping Parse(IEnumerable<string> items, string where = "--column")
    {
        var d = new Dictionary<CyclingQuantity, (string, string?)>();
        foreach (var raw in items)
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0 || eq == raw.Length - 1)
                throw new InputException($"{where} '{raw}': expected QUANTITY=COLUMN or QUANTITY=COLUMN[UNIT], e.g. 'current=I[mA]'");
            var q = raw[..eq].Trim();
            if (!Names.TryGetValue(q, out var quantity))
                throw new InputException($"{where} '{raw}': unknown quantity '{q}'; expected one of {Known}");
            var col = raw[(eq + 1)..].Trim();
            string? unit = null;
            if (col.EndsWith(']') && col.LastIndexOf('[') is int lb and > 0)
            {
                unit = col[(lb + 1)..^1].Trim();
                col = col[..lb].Trim();
            }
            if (col.Length == 0) throw new InputException($"{where} '{raw}': the column name is empty");
            if (!d.TryAdd(quantity, (col, unit)))
                throw new InputException($"{where} '{raw}': {q} is mapped twice");
        }
        return new ColumnMapping(d);
    }
}
