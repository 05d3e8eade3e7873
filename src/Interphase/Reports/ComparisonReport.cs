using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.IO;

namespace Interphase.Reports;

/// <summary>
/// Overlays two results of the same kind of cell (measurement and simulation, two measurements,
/// two simulations) in one report: voltage against time, and per cycle the overpotential
/// (symmetric cells) or the capacities and coulombic efficiency (full cells); writes the per-cycle
/// values side by side in comparison.csv and the headline differences in summary.json.
/// </summary>
public static class ComparisonReport
{
    static readonly string[] Colors = ["#222222", "#d62728"];

    static string F(double v, string fmt = "G4") => double.IsFinite(v) ? v.ToString(fmt, CultureInfo.InvariantCulture) : "—";

    static void Check(ResultSet a, ResultSet b)
    {
        if (a.Kind != b.Kind)
            throw new InputException($"'{a.Label}' is a {a.Kind} cell and '{b.Label}' a {b.Kind} cell: compare results of the same kind of cell");
        if (a.Kind == "full" && b.Kind == "full" && a.CapacityUnit != b.CapacityUnit)
            throw new InputException($"'{a.Label}' gives capacities in {a.CapacityUnit} and '{b.Label}' in {b.CapacityUnit}: give both the active mass (--mass) or neither");
    }

    static double MeanBeforeShort(ResultSet r)
    {
        if (double.IsFinite(r.MeanOverpotentialMvBeforeShort)) return r.MeanOverpotentialMvBeforeShort;
        var k = Enumerable.Range(0, r.Cycle.Length).Where(i => r.ShortCircuitCycle is not { } c || r.Cycle[i] < c).Select(i => r.MeanOverpotentialMv[i]).Where(double.IsFinite).ToList();
        return k.Count > 0 ? k.Average() : double.NaN;
    }

    public static HtmlReport Build(ResultSet a, ResultSet b)
    {
        Check(a, b);
        var rep = new HtmlReport($"{a.Label} and {b.Label}");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "kind", a.Origin, b.Origin },
            new[] { "records", a.TimeH.Length.ToString(CultureInfo.InvariantCulture), b.TimeH.Length.ToString(CultureInfo.InvariantCulture) },
            new[] { "time covered / h", F(a.TimeH.LastOrDefault(), "F1"), F(b.TimeH.LastOrDefault(), "F1") },
            new[] { "complete cycles (of those begun)", $"{a.CompleteCycles} ({a.Cycle.Length})", $"{b.CompleteCycles} ({b.Cycle.Length})" },
        };
        if (a.Kind == "symmetric")
        {
            rows.Add(["mean overpotential before any short / mV", F(MeanBeforeShort(a)), F(MeanBeforeShort(b))]);
            rows.Add(["short circuit", a.ShortCircuitTimeH is { } ta ? $"{F(ta, "F1")} h (cycle {a.ShortCircuitCycle})" : "no", b.ShortCircuitTimeH is { } tb ? $"{F(tb, "F1")} h (cycle {b.ShortCircuitCycle})" : "no"]);
        }
        else
        {
            rows.Add([$"first discharge (complete cycles) / {a.CapacityUnit}", F(FirstFinite(a, a.DischargeCapacity)), F(FirstFinite(b, b.DischargeCapacity))]);
            rows.Add([$"last discharge (complete cycles) / {a.CapacityUnit}", F(LastFinite(a, a.DischargeCapacity)), F(LastFinite(b, b.DischargeCapacity))]);
            rows.Add(["mean coulombic efficiency / %", F(Mean(a.CoulombicEfficiencyPct), "F2"), F(Mean(b.CoulombicEfficiencyPct), "F2")]);
        }
        rep.AddTable(["", a.Label, b.Label], rows);

        rep.AddFigure(new Figure("Voltage", "time / h", "cell voltage / V")
        {
            Height = 460,
            Traces =
            [
                new Trace(a.Label, a.TimeH, a.VoltageV) { Color = Colors[0] }.Decimated(20000),
                new Trace(b.Label, b.TimeH, b.VoltageV) { Color = Colors[1], Dash = LineDash.Dash }.Decimated(20000),
            ],
        });
        if (a.Kind == "symmetric")
            rep.AddFigure(new Figure("Overpotential per cycle", "cycle", "overpotential / mV")
            {
                Traces =
                [
                    new Trace($"{a.Label}: mean |V|", a.Cycle, a.MeanOverpotentialMv) { Mode = TraceMode.LinesAndMarkers, Color = Colors[0], LegendGroup = "a" },
                    new Trace($"{a.Label}: max |V|", a.Cycle, a.MaxOverpotentialMv) { Color = Colors[0], Dash = LineDash.Dot, LegendGroup = "a" },
                    new Trace($"{b.Label}: mean |V|", b.Cycle, b.MeanOverpotentialMv) { Mode = TraceMode.LinesAndMarkers, Color = Colors[1], LegendGroup = "b" },
                    new Trace($"{b.Label}: max |V|", b.Cycle, b.MaxOverpotentialMv) { Color = Colors[1], Dash = LineDash.Dot, LegendGroup = "b" },
                ],
            });
        else
            rep.AddFigure(new Figure("Capacity and coulombic efficiency", "cycle", $"discharge capacity / {a.CapacityUnit}")
            {
                Y2Title = "coulombic efficiency / %",
                Traces =
                [
                    new Trace($"{a.Label}: discharge", a.Cycle, a.DischargeCapacity) { Mode = TraceMode.Markers, Color = Colors[0], LegendGroup = "a" },
                    new Trace($"{a.Label}: CE", a.Cycle, a.CoulombicEfficiencyPct) { Mode = TraceMode.LinesAndMarkers, Color = Colors[0], Dash = LineDash.Dot, YAxis = 2, LegendGroup = "a" },
                    new Trace($"{b.Label}: discharge", b.Cycle, b.DischargeCapacity) { Mode = TraceMode.Markers, Color = Colors[1], LegendGroup = "b" },
                    new Trace($"{b.Label}: CE", b.Cycle, b.CoulombicEfficiencyPct) { Mode = TraceMode.LinesAndMarkers, Color = Colors[1], Dash = LineDash.Dot, YAxis = 2, LegendGroup = "b" },
                ],
            });
        return rep;
    }

    // a cycle the run cut short (a simulation's last cycle at a short: discharge 0) is not the cell's capacity
    static IEnumerable<double> CompleteValues(ResultSet r, double[] x) => x.Where((v, i) => r.IsComplete(i) && double.IsFinite(v));
    static double FirstFinite(ResultSet r, double[] x) => CompleteValues(r, x).DefaultIfEmpty(double.NaN).First();
    static double LastFinite(ResultSet r, double[] x) => CompleteValues(r, x).DefaultIfEmpty(double.NaN).Last();
    static double Mean(double[] x) => x.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Per-cycle values of both, cycle by cycle (cycles present in either).</summary>
    public static string ComparisonCsv(ResultSet a, ResultSet b)
    {
        bool sym = a.Kind == "symmetric";
        var csv = sym
            ? new CsvText("cycle", "a_mean_abs_overpotential_mV", "b_mean_abs_overpotential_mV", "difference_mV")
            : new CsvText("cycle", $"a_discharge_{Unit(a)}", $"b_discharge_{Unit(a)}", "a_coulombic_efficiency_pct", "b_coulombic_efficiency_pct");
        var cycles = a.Cycle.Concat(b.Cycle).Distinct().Order().ToList();
        double Get(ResultSet r, double[] col, double c) { int i = Array.IndexOf(r.Cycle, c); return i >= 0 ? col[i] : double.NaN; }
        foreach (var c in cycles)
        {
            if (sym)
            {
                double x = Get(a, a.MeanOverpotentialMv, c), y = Get(b, b.MeanOverpotentialMv, c);
                csv.Row(c, x, y, y - x);
            }
            else csv.Row(c, Get(a, a.DischargeCapacity, c), Get(b, b.DischargeCapacity, c), Get(a, a.CoulombicEfficiencyPct, c), Get(b, b.CoulombicEfficiencyPct, c));
        }
        return csv.ToString();
    }

    static string Unit(ResultSet r) => r.CapacityUnit.Replace('/', '_');

    public static string SummaryJson(ResultSet a, ResultSet b)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            void Num(string name, double v) => SimulationWriter.Num(w, name, v);
            w.WriteStartObject();
            w.WriteString("kind", a.Kind);
            w.WriteString("a", a.Label);
            w.WriteString("b", b.Label);
            // cycles: the complete ones, as in every summary.json; cycles_begun: every row of cycles.csv (decision 0080)
            w.WriteNumber("a_cycles", a.CompleteCycles);
            w.WriteNumber("b_cycles", b.CompleteCycles);
            w.WriteNumber("a_cycles_begun", a.Cycle.Length);
            w.WriteNumber("b_cycles_begun", b.Cycle.Length);
            if (a.Kind == "symmetric")
            {
                Num("a_mean_overpotential_mV", MeanBeforeShort(a));
                Num("b_mean_overpotential_mV", MeanBeforeShort(b));
                Num("a_short_circuit_time_h", a.ShortCircuitTimeH ?? double.NaN);
                Num("b_short_circuit_time_h", b.ShortCircuitTimeH ?? double.NaN);
                var common = a.Cycle.Intersect(b.Cycle).ToList();
                var diff = common.Select(c => b.MeanOverpotentialMv[Array.IndexOf(b.Cycle, c)] - a.MeanOverpotentialMv[Array.IndexOf(a.Cycle, c)]).Where(double.IsFinite).ToList();
                Num("rms_overpotential_difference_mV", diff.Count > 0 ? Math.Sqrt(diff.Average(x => x * x)) : double.NaN);
            }
            else
            {
                w.WriteString("capacity_unit", a.CapacityUnit);
                Num("a_last_discharge", LastFinite(a, a.DischargeCapacity));
                Num("b_last_discharge", LastFinite(b, b.DischargeCapacity));
                Num("a_mean_coulombic_efficiency_pct", Mean(a.CoulombicEfficiencyPct));
                Num("b_mean_coulombic_efficiency_pct", Mean(b.CoulombicEfficiencyPct));
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static IReadOnlyList<string> Write(ResultSet a, ResultSet b, string outDir)
    {
        var report = Build(a, b);
        using var staging = new OutputStaging(outDir);
        staging.WriteText("comparison.csv", ComparisonCsv(a, b));
        staging.WriteText("summary.json", SummaryJson(a, b));
        report.Write(staging);
        return staging.Commit();
    }
}
