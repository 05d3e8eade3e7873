using Interphase.Reports;

namespace Interphase.Cli;

/// <summary>
/// Numbers as the console shows them: the reports' rule (<see cref="ReportNumber"/>), so that a console
/// summary and the report of the same run read alike. A quantity that could not be computed is "n/a".
/// </summary>
public static class ConsoleNumber
{
    public const string NotAvailable = ReportNumber.NotAvailable;

    /// <summary>"12.3 mV" (<paramref name="value"/> in <paramref name="format"/>, then the unit), or "n/a" without the unit.</summary>
    public static string Show(double? value, string format, string unit = "") => ReportNumber.Show(value, format, unit);
}
