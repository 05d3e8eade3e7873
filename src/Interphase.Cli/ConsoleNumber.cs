using System.Globalization;

namespace Interphase.Cli;

/// <summary>
/// Numbers as the console shows them. A quantity that could not be computed — absent (null), NaN or
/// infinite — is shown as "n/a", never as "NaN" or "Infinity"; a value that was computed is shown as
/// computed, only formatted (invariant culture, so that the decimal mark is always a point).
/// </summary>
public static class ConsoleNumber
{
    public const string NotAvailable = "n/a";

    /// <summary>"12.3 mV" (<paramref name="value"/> in <paramref name="format"/>, then the unit), or "n/a" without the unit.</summary>
    public static string Show(double? value, string format, string unit = "") =>
        value is double v && double.IsFinite(v)
            ? v.ToString(format, CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "")
            : NotAvailable;
}
