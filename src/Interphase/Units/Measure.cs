using System.Globalization;
using System.Text.RegularExpressions;

namespace Interphase.Units;

/// <summary>Reading numbers with units from user text and converting them to SI.</summary>
public static partial class Measure
{
    [GeneratedRegex(@"^\s*(?<num>[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>.*?)\s*$")]
    private static partial Regex NumberThenUnit();

    /// <summary>
    /// Parse "0.2 mA/cm2" as a quantity of the expected kind and return its SI value.
    /// A missing unit is an error unless the kind is dimensionless; a unit of another kind is an
    /// error that names both.
    /// </summary>
    public static double Parse(string text, QuantityKind expected, SourceLocation where = default)
    {
        var m = NumberThenUnit().Match(text);
        if (!m.Success)
            throw new InputException($"expected a {expected.Name} such as '{expected.Example}', got '{text.Trim()}'", where);
        var value = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return ToSi(value, m.Groups["unit"].Value, expected, where, text);
    }

    /// <summary>Convert a number given in a unit string to SI, checking the unit's dimension.</summary>
    public static double ToSi(double value, string unitText, QuantityKind expected, SourceLocation where = default, string? original = null)
    {
        original ??= $"{value.ToString(CultureInfo.InvariantCulture)} {unitText}";
        if (!double.IsFinite(value))
            throw new InputException($"expected a finite {expected.Name}, got '{original.Trim()}'", where);
        Unit unit;
        try { unit = UnitParser.Parse(unitText); }
        catch (InputException e) { throw new InputException($"{e.Message} (expected a {expected.Name} such as '{expected.Example}')", where); }
        if (unitText.Trim().Length == 0 && !expected.Dimension.IsDimensionless)
            throw new InputException($"'{original.Trim()}' has no unit: expected a {expected.Name} such as '{expected.Example}'", where);
        if (unit.Dimension != expected.Dimension)
        {
            var got = Describe(unit.Dimension);
            throw new InputException($"'{original.Trim()}' is a {got}, but a {expected.Name} was expected (e.g. '{expected.Example}')", where);
        }
        return unit.ToSi(value);
    }

    /// <summary>Try to parse as any of several kinds; returns the kind that matched.</summary>
    public static (double si, QuantityKind kind) ParseOneOf(string text, SourceLocation where, params QuantityKind[] kinds)
    {
        var m = NumberThenUnit().Match(text);
        if (!m.Success)
            throw new InputException($"expected a {string.Join(" or ", kinds.Select(k => k.Name))} such as '{kinds[0].Example}', got '{text.Trim()}'", where);
        var value = double.Parse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unitText = m.Groups["unit"].Value;
        Unit unit;
        try { unit = UnitParser.Parse(unitText); }
        catch (InputException e) { throw new InputException(e.Message, where); }
        foreach (var k in kinds)
            if (unit.Dimension == k.Dimension && (unitText.Trim().Length > 0 || k.Dimension.IsDimensionless))
                return (unit.ToSi(value), k);
        throw new InputException(
            unitText.Trim().Length == 0
                ? $"'{text.Trim()}' has no unit: expected a {string.Join(" or ", kinds.Select(k => $"{k.Name} (e.g. '{k.Example}')"))}"
                : $"'{text.Trim()}' is a {Describe(unit.Dimension)}, but a {string.Join(" or ", kinds.Select(k => $"{k.Name} (e.g. '{k.Example}')"))} was expected",
            where);
    }

    static readonly QuantityKind[] Known = typeof(QuantityKind).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(QuantityKind)).Select(f => (QuantityKind)f.GetValue(null)!).ToArray();

    /// <summary>A name for a dimension ("voltage", "current density"), or its SI form.</summary>
    public static string Describe(Dimension d) =>
        Known.FirstOrDefault(k => k.Dimension == d)?.Name ?? $"quantity in {d}";
}
