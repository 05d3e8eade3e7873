using System.Globalization;

namespace Interphase.Protocols;

/// <summary>
/// A drive cycle: a current given against time in a CSV file (<c>Discharge with profile us06.csv until 2.5 V</c>),
/// piecewise-linear between its rows as PyBaMM interpolates a current profile. <see cref="Values"/> are signed, in the
/// SI of <see cref="Unit"/> (A/m², A, 1/h for a C-rate, A/kg); a positive value drives the step's verb (discharges
/// for Discharge, plates for Plate), a negative one the opposite way. Times (s) start at 0: the first row is the
/// step's start.
/// </summary>
public sealed class CurrentProfile
{
    public string File { get; }
    public double[] TimesS { get; }
    public double[] Values { get; }
    public CurrentUnit Unit { get; }

    CurrentProfile(string file, double[] times, double[] values, CurrentUnit unit) =>
        (File, TimesS, Values, Unit) = (file, times, values, unit);

    /// <summary>How long the profile lasts (s): its last time.</summary>
    public double DurationS => TimesS[^1];

    /// <summary>The value at time <paramref name="t"/> after the step's start (the last value beyond the end).</summary>
    public double At(double t)
    {
        if (t <= 0) return Values[0];
        if (t >= TimesS[^1]) return Values[^1];
        int i = Array.BinarySearch(TimesS, t);
        if (i >= 0) return Values[i];
        i = ~i;
        double f = (t - TimesS[i - 1]) / (TimesS[i] - TimesS[i - 1]);
        return Values[i - 1] + f * (Values[i] - Values[i - 1]);
    }

    /// <summary>The mean value over [a, b]: exact for a piecewise-linear profile when no row lies strictly inside.</summary>
    public double MeanOver(double a, double b) => b > a ? 0.5 * (At(a) + At(b)) : At(a);

    /// <summary>The first row time after <paramref name="t"/> (the end of the profile when none is).</summary>
    public double NextRow(double t)
    {
        int i = Array.BinarySearch(TimesS, t);
        i = i >= 0 ? i + 1 : ~i;
        // a row within a microsecond of t is t itself (floating sums of time steps)
        while (i < TimesS.Length && TimesS[i] <= t + 1e-6) i++;
        return i < TimesS.Length ? TimesS[i] : TimesS[^1];
    }

    double[]? _breaks;

    /// <summary>
    /// The rows' times and the moments between rows where the value crosses zero (linear between rows), in order: no
    /// interval between two of them holds a row or a change of sign.
    /// </summary>
    double[] Breaks()
    {
        if (_breaks is { } b) return b;
        var list = new List<double> { TimesS[0] };
        for (int k = 1; k < TimesS.Length; k++)
        {
            double v0 = Values[k - 1], v1 = Values[k];
            if (v0 * v1 < 0) list.Add(TimesS[k - 1] + (TimesS[k] - TimesS[k - 1]) * v0 / (v0 - v1));
            list.Add(TimesS[k]);
        }
        return _breaks = [.. list];
    }

    /// <summary>
    /// The first row time, or moment where the value changes sign, after <paramref name="t"/> (the end of the profile
    /// when none is): an interval that ends there holds one sign, so the charge it passes is all plated or all stripped.
    /// </summary>
    public double NextBreak(double t)
    {
        var b = Breaks();
        int i = Array.BinarySearch(b, t);
        i = i >= 0 ? i + 1 : ~i;
        while (i < b.Length && b[i] <= t + 1e-6) i++;
        return i < b.Length ? b[i] : b[^1];
    }

    /// <summary>∫ |value| dt from the start to <paramref name="t"/> (exact for the piecewise-linear profile).</summary>
    public double AbsIntegral(double t)
    {
        var b = Breaks();
        double sum = 0;
        for (int k = 1; k < b.Length && b[k - 1] < t; k++)
        {
            double e = Math.Min(b[k], t);
            sum += Math.Abs(0.5 * (At(b[k - 1]) + At(e))) * (e - b[k - 1]);
        }
        return sum;
    }

    /// <summary>∫ value dt from the start to <paramref name="t"/> (trapezoids: exact for the piecewise-linear profile).</summary>
    public double Integral(double t)
    {
        double sum = 0;
        for (int k = 1; k < TimesS.Length && TimesS[k - 1] < t; k++)
        {
            double b = Math.Min(TimesS[k], t);
            sum += 0.5 * (Values[k - 1] + At(b)) * (b - TimesS[k - 1]);
        }
        return sum;
    }

    /// <summary>
    /// Reads a two-column CSV: a header naming each column with its unit in brackets (<c>Time [s],Current [A]</c>,
    /// as PyBaMM's drive cycles; also as a '#' comment line), then rows of numbers. The time is in s, min or h; the
    /// current in A, mA, µA, mA/cm2, A/m2, mA/g or a C-rate (<c>[C]</c>, or a column named <c>C-rate</c>). Every
    /// mistake names the file, line and column.
    /// </summary>
    public static CurrentProfile Load(string path, SourceLocation where)
    {
        string[] lines;
        try { lines = System.IO.File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read the current profile: {e.Message}", where);
        }
        double timeScale = double.NaN, valueScale = double.NaN;
        CurrentUnit unit = CurrentUnit.Absolute;
        var times = new List<double>();
        var values = new List<double>();
        const string headerHint = "a header naming the columns with their units, e.g. 'Time [s],Current [A]' (or [mA], [mA/cm2], [mA/g], [C])";
        for (int n = 0; n < lines.Length; n++)
        {
            var raw = lines[n];
            var line = raw.Trim();
            if (line.Length == 0) continue;
            bool comment = line.StartsWith('#');
            var body = comment ? line.TrimStart('#').Trim() : line;
            var cells = body.Split(',');
            if (double.IsNaN(timeScale))
            {
                // the header: the first line (or comment) whose cells name units
                if (cells.Length == 2 && Header(cells, path, n + 1, out timeScale, out valueScale, out unit)) continue;
                if (comment) continue;
                throw new InputException($"expected {headerHint} before the first row", path, n + 1, 1);
            }
            if (comment) continue;
            if (cells.Length != 2)
                throw new InputException($"expected two values (time, current), found {cells.Length}", path, n + 1, 1);
            double Num(int col)
            {
                var t = cells[col].Trim();
                if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new InputException($"expected a number in column {col + 1}, found '{t}'", path, n + 1, col == 0 ? 1 : cells[0].Length + 2);
                return v;
            }
            double time = Num(0) * timeScale, value = Num(1) * valueScale;
            if (times.Count > 0 && !(time > times[^1]))
                throw new InputException($"the time must increase from row to row: {Num(0).ToString(CultureInfo.InvariantCulture)} follows {(times[^1] / timeScale).ToString(CultureInfo.InvariantCulture)}", path, n + 1, 1);
            if (time < 0) throw new InputException("the time cannot be negative", path, n + 1, 1);
            times.Add(time);
            values.Add(value);
        }
        if (double.IsNaN(timeScale)) throw new InputException($"the file is empty: expected {headerHint} and rows", path, 1, 1);
        if (times.Count < 2) throw new InputException("a current profile needs at least two rows (time, current)", path, lines.Length, 1);
        double t0 = times[0];
        return new CurrentProfile(path, times.Select(t => t - t0).ToArray(), values.ToArray(), unit);
    }

    static bool Header(string[] cells, string path, int line, out double timeScale, out double valueScale, out CurrentUnit unit)
    {
        timeScale = valueScale = double.NaN;
        unit = CurrentUnit.Absolute;
        var (tName, tUnit) = NameAndUnit(cells[0]);
        var (iName, iUnit) = NameAndUnit(cells[1]);
        if (tUnit is null && iUnit is null && !cells[1].Trim().Equals("C-rate", StringComparison.OrdinalIgnoreCase)) return false;
        var loc = new SourceLocation(path, line, 1);
        if (tUnit is null || !tName.StartsWith("t", StringComparison.OrdinalIgnoreCase))
            throw new InputException($"the first column must be the time with its unit, e.g. 'Time [s]', found '{cells[0].Trim()}'", loc);
        timeScale = Units.Measure.Parse($"1 {tUnit}", Units.QuantityKind.Time, loc);
        var locI = new SourceLocation(path, line, cells[0].Length + 2);
        if (iUnit is null && iName.Equals("C-rate", StringComparison.OrdinalIgnoreCase)) iUnit = "C";
        if (iUnit is null)
            throw new InputException($"the second column must be the current with its unit, e.g. 'Current [A]', found '{cells[1].Trim()}'", locI);
        // a profile of power (PyBaMM's 'Power [W]') is refused with the reason, as constant-power steps are
        var spec = ProtocolParser.ParseCurrentSpec($"1 {iUnit}", locI);
        (valueScale, unit) = (spec.Value, spec.Unit);
        return true;
    }

    /// <summary>"Time [s]" or "time (h)" → ("Time", "s"); no unit → (name, null).</summary>
    static (string name, string? unit) NameAndUnit(string cell)
    {
        var c = cell.Trim();
        foreach (var (open, close) in new[] { ('[', ']'), ('(', ')') })
        {
            int a = c.LastIndexOf(open), b = c.LastIndexOf(close);
            if (a >= 0 && b > a) return (c[..a].Trim(), c[(a + 1)..b].Trim());
        }
        return (c, null);
    }
}
