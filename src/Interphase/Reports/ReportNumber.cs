using System.Globalization;

namespace Interphase.Reports;

/// <summary>
/// Numbers as the HTML reports show them in text and tables. A quantity that could not be computed
/// — absent (null), NaN or infinite — is "n/a" without its unit, never "NaN", "Infinity" or a bare
/// unit; a computed value is shown as computed, formatted in invariant culture (the console's rule,
/// so that a report and the console summary of the same run read alike).
/// </summary>
public static class ReportNumber
{
    public const string NotAvailable = "n/a";

    /// <summary>"12.3 mV" (<paramref name="value"/> in <paramref name="format"/>, then the unit), or "n/a".</summary>
    public static string Show(double? value, string format = "G4", string unit = "") =>
        value is double v && double.IsFinite(v)
            ? v.ToString(format, CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "")
            : NotAvailable;

    /// <summary>A moment or a duration given in seconds: in hours to 0.1 h ("12.3 h") from 0.1 h on, in
    /// seconds below ("4.56 s"), where "0.0 h" would hide a run that stopped within its first minutes.</summary>
    public static string Time(double? seconds) =>
        seconds is double s && double.IsFinite(s)
            ? Math.Abs(s) >= 360 ? Show(s / 3600, "F1", "h") : Show(s, "G3", "s")
            : NotAvailable;
}
