using System.Globalization;
using System.Text.RegularExpressions;

namespace Interphase.Sweeps;

/// <summary>
/// A parameter's value at one design point: the text the cell file or the protocol reads
/// (<c>5.5 MPa</c>, <c>NR</c>) and its number in the parameter's unit (null for a word).
/// </summary>
public sealed partial record SweepValue(string Text, double? Number)
{
    [GeneratedRegex(@"^\s*(?<num>[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>.*?)\s*$")]
    private static partial Regex NumberThenUnit();

    /// <summary>A value written as text: its number and unit when it starts with a number.</summary>
    public static (SweepValue Value, string Unit) Parse(string text)
    {
        var m = NumberThenUnit().Match(text);
        if (m.Success && double.TryParse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return (new SweepValue(text.Trim(), v), m.Groups["unit"].Value);
        return (new SweepValue(text.Trim(), null), "");
    }

    /// <summary>A number in <paramref name="unit"/>, as the parsers read it ("5.5 MPa").</summary>
    public static SweepValue Of(double value, string unit) =>
        new($"{value.ToString("R", CultureInfo.InvariantCulture)} {unit}".Trim(), value);
}
