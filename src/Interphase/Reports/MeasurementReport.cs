using System.Globalization;
using Interphase.Data.Analysis;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>The HTML report of a measured file: the plots a paper shows for its kind of cell.</summary>
public static class MeasurementReport
{
    const int MaxPoints = 20000;
    const int MaxCurves = 12;
    static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    static string F(double v, string fmt = "G4") => double.IsFinite(v) ? v.ToString(fmt, CultureInfo.InvariantCulture) : "—";

    public static HtmlReport Build(Measurement m)
    {
        if (m.Eis is { } eis) return Eis(m, eis);
        var name = Path.GetFileName(m.File.Path);
        var rep = new HtmlReport(m.Kind == CellKind.Symmetric ? $"{name} — symmetric cell (measured)" : $"{name} — full cell (measured)");
        if (m.Symmetric is { } s) Symmetric(rep, s);
        else if (m.Full is { } f) Full(rep, f);
        var d = m.Data!;
        rep.AddHeading("The file");
        var rows = new List<(string, string)>
        {
            ("format", m.File.Description),
            ("records", d.Count.ToString(CultureInfo.InvariantCulture)),
            ("analysed as", $"{m.Kind.ToString().ToLowerInvariant()} cell ({m.KindReason})"),
        };
        if (d.Info.Instrument is { } ins) rows.Add(("instrument", ins));
        if (d.Info.StartTime is { } st) rows.Add(("started", st.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        // an instrument's header values are placeholders as often as not; Interphase's own results are used
        string use = m.File.Format == Data.DataFormat.InterphaseTimeseries ? "used unless given" : "not used";
        if (d.Info.FileActiveMassKg is { } fm) rows.Add(($"active mass stated in the file ({use})", $"{F(fm * 1e6)} mg"));
        if (d.Info.FileAreaM2 is { } fa) rows.Add(($"area stated in the file ({use})", $"{F(fa * 1e4)} cm²"));
        rep.AddKeyValueTable(rows);
        var seg = (m.Symmetric?.Segmentation ?? m.Full?.Segmentation)!;
        var notes = d.Info.Notes.Concat(seg.Notes).Concat(m.Symmetric?.Notes ?? m.Full!.Notes).ToList();
        if (notes.Count > 0) rep.AddParagraph("What the reader and the analysis decided:\n" + string.Join("\n", notes.Select(n => "• " + n)));
        rep.AddHeading("Conventions", 3);
        rep.AddParagraph(MeasurementWriter.CurrentConvention + ".");
        rep.AddParagraph(MeasurementWriter.CycleConvention + ".");
        rep.AddParagraph(MeasurementWriter.CapacityConvention + ".");
        rep.AddParagraph(m.Kind == CellKind.Symmetric ? MeasurementWriter.ShortConvention + "." : MeasurementWriter.EfficiencyConvention + ".");
        return rep;
    }

    static void Symmetric(HtmlReport rep, SymmetricAnalysis s)
    {
        var d = s.Data;
        var kv = new List<(string, string)>
        {
            ("cycles", s.Cycles.Count.ToString(CultureInfo.InvariantCulture)),
            (s.Short is null ? "mean overpotential" : "mean overpotential before the short", $"{F(s.MeanOverpotential * 1e3, "F1")} mV"),
            ("short circuit", s.Short is { } sc ? $"yes ({sc.Kind}), at {F(sc.TimeS / Si.Hour, "F1")} h (cycle {sc.Cycle})" : "no"),
            ("current", s.Cycles.Count > 0 ? $"{F(s.Cycles[0].CurrentA * 1e3)} mA" + (s.AreaM2 is { } a ? $" ({F(s.Cycles[0].CurrentA / a / Si.MilliampPerCm2)} mA/cm²)" : "") : "—"),
            ("recorded time", $"{F(d.TimeS[^1] / Si.Hour, "F1")} h"),
        };
        if (s.CriticalCurrentDensity is { } ccd) kv.Add(("critical current density", $"{F(ccd / Si.MilliampPerCm2, "G3")} mA/cm²"));
        rep.AddKeyValueTable(kv);
        if (s.Short is { } e) rep.AddWarning($"{F(e.TimeS / Si.Hour, "F1")} h (cycle {e.Cycle}): {e.Message}");
        var t = d.TimeS.Select(x => x / Si.Hour).ToArray();
        var traces = new List<Trace>
        {
            new Trace("voltage", t, d.Voltage) { Color = Colors[0] }.Decimated(MaxPoints),
            new Trace(s.AreaM2 is null ? "current / mA" : "current density", t,
                d.Current.Select(i => s.AreaM2 is { } a ? i / a / Si.MilliampPerCm2 : i * 1e3).ToArray()) { Color = "#999999", YAxis = 2, Dash = LineDash.Dot }.Decimated(MaxPoints),
        };
        if (s.Short is { } sh)
        {
            double lo = d.Voltage.Min(), hi = d.Voltage.Max();
            traces.Add(new Trace("short circuit", [sh.TimeS / Si.Hour, sh.TimeS / Si.Hour], [lo, hi]) { Color = "#d62728", Dash = LineDash.Dash });
        }
        rep.AddFigure(new Figure("Voltage", "time / h", "cell voltage / V")
        {
            Y2Title = s.AreaM2 is null ? "current / mA" : "current density / mA cm⁻²",
            Height = 460,
            Traces = traces,
        });
        if (s.Cycles.Count > 0)
        {
            var c = s.Cycles.Select(x => (double)x.Cycle).ToArray();
            rep.AddFigure(new Figure("Overpotential per cycle", "cycle", "overpotential / mV")
            {
                Traces =
                [
                    new Trace("mean |V|", c, s.Cycles.Select(x => x.MeanAbsVoltage * 1e3).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[0] },
                    new Trace("max |V|", c, s.Cycles.Select(x => x.MaxAbsVoltage * 1e3).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[1], Dash = LineDash.Dash },
                ],
            });
        }
    }

    static void Full(HtmlReport rep, FullCellAnalysis f)
    {
        var d = f.Data;
        double g = f.ActiveMassKg is { } m ? m * 1e3 : double.NaN;
        bool specific = f.ActiveMassKg is not null;
        string capUnit = specific ? "mAh g⁻¹" : "mAh";
        double Cap(double coulomb) => specific ? coulomb / 3.6 / g : coulomb / 3.6;
        var withD = f.Cycles.Where(c => double.IsFinite(c.DischargeC)).ToList();
        var ce = f.Cycles.Where(c => c.Complete).Select(c => c.CoulombicEfficiency).Where(double.IsFinite).ToList();
        rep.AddKeyValueTable(
        [
            ("cycles", f.Cycles.Count.ToString(CultureInfo.InvariantCulture)),
            ("first discharge", withD.Count > 0 ? $"{F(Cap(withD[0].DischargeC))} {capUnit}" : "—"),
            ("last discharge", withD.Count > 0 ? $"{F(Cap(withD[^1].DischargeC))} {capUnit} ({F(withD[^1].Retention * 100, "F2")} % of the first)" : "—"),
            ("mean coulombic efficiency", ce.Count > 0 ? $"{F(ce.Average() * 100, "F2")} %" : "—"),
            ("capacity from", f.Segmentation.CapacityFrom),
        ]);

        var t = d.TimeS.Select(x => x / Si.Hour).ToArray();
        rep.AddFigure(new Figure("Voltage", "time / h", "cell voltage / V")
        {
            Y2Title = "current / mA",
            Traces =
            [
                new Trace("voltage", t, d.Voltage) { Color = Colors[0] }.Decimated(MaxPoints),
                new Trace("current", t, d.Current.Select(i => i * 1e3).ToArray()) { Color = "#999999", YAxis = 2, Dash = LineDash.Dot }.Decimated(MaxPoints),
            ],
        });

        // voltage vs capacity, for up to MaxCurves cycles spread over the test
        var shown = Spread(f.Cycles.Select(c => c.Cycle).ToList(), MaxCurves);
        var curves = new List<Trace>();
        foreach (var (cycle, k) in shown.Select((c, k) => (c, k)))
            foreach (var h in f.Segmentation.OfCycle(cycle))
            {
                var rows = ShortCircuitDetector.CurrentRows(d, f.Segmentation, h);
                if (rows.Length < 2) continue;
                var q = new double[rows.Length];
                for (int j = 1; j < rows.Length; j++)
                    q[j] = q[j - 1] + Math.Abs(d.Current[rows[j]]) * Math.Max(0, d.TimeS[rows[j]] - d.TimeS[rows[j - 1]]);
                curves.Add(new Trace($"cycle {cycle}", q.Select(Cap).ToArray(), rows.Select(i => d.Voltage[i]).ToArray())
                {
                    Color = Colors[k % Colors.Length], LegendGroup = $"c{cycle}", ShowInLegend = h.Sign == f.Segmentation.StartSign,
                    Dash = h.Sign > 0 ? LineDash.Solid : LineDash.Dash,
                }.Decimated(MaxPoints / MaxCurves));
            }
        if (curves.Count > 0)
            rep.AddFigure(new Figure("Voltage against capacity (solid: charge, dashed: discharge)", $"capacity / {capUnit}", "cell voltage / V") { Traces = curves });

        if (f.Cycles.Count > 0)
        {
            var c = f.Cycles.Select(x => (double)x.Cycle).ToArray();
            rep.AddFigure(new Figure("Capacity and coulombic efficiency", "cycle", $"capacity / {capUnit}")
            {
                Y2Title = "coulombic efficiency / %",
                Traces =
                [
                    new Trace("charge", c, f.Cycles.Select(x => Cap(x.ChargeC)).ToArray()) { Mode = TraceMode.Markers, Color = Colors[1] },
                    new Trace("discharge", c, f.Cycles.Select(x => Cap(x.DischargeC)).ToArray()) { Mode = TraceMode.Markers, Color = Colors[0] },
                    new Trace("coulombic efficiency", c, f.Cycles.Select(x => x.Complete ? x.CoulombicEfficiency * 100 : double.NaN).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[2], YAxis = 2 },
                ],
            });
            rep.AddFigure(new Figure("Mean voltages and hysteresis", "cycle", "voltage / V")
            {
                Y2Title = "hysteresis / mV",
                Traces =
                [
                    new Trace("mean charge voltage", c, f.Cycles.Select(x => x.MeanChargeV).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[1] },
                    new Trace("mean discharge voltage", c, f.Cycles.Select(x => x.MeanDischargeV).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[0] },
                    new Trace("hysteresis", c, f.Cycles.Select(x => x.HysteresisV * 1e3).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[3], YAxis = 2, Dash = LineDash.Dot },
                ],
            });
        }

        var dq = f.DqDv.Where(x => shown.Contains(x.Cycle)).ToList();
        if (dq.Count > 0)
            rep.AddFigure(new Figure("dQ/dV", "cell voltage / V", "dQ/dV / mAh V⁻¹")
            {
                Traces = dq.Select(x => new Trace($"cycle {x.Cycle} {(x.Sign > 0 ? "charge" : "discharge")}", x.VoltageV, x.DqDv.Select(y => y / 3.6).ToArray())
                {
                    Color = Colors[shown.IndexOf(x.Cycle) % Colors.Length], LegendGroup = $"d{x.Cycle}", Dash = x.Sign > 0 ? LineDash.Solid : LineDash.Dash,
                }).ToList(),
            });

        if (f.RateGroups.Count > 1)
        {
            rep.AddHeading("Rate capability");
            rep.AddTable(["cycles", "discharge current / mA", "C-rate", $"mean discharge / {capUnit}", "mean CE / %"],
                f.RateGroups.Select(r => (IReadOnlyList<string>)[$"{r.FirstCycle}–{r.LastCycle}", F(r.DischargeCurrentA * 1e3), F(r.CRate, "G3"), F(Cap(r.MeanDischargeC)), F(r.MeanCoulombicEfficiency * 100, "F2")]));
        }
    }

    /// <summary>The EIS engine's report of the first sweep, followed by every sweep's resistances when there are several.</summary>
    static HtmlReport Eis(Measurement m, EisAnalysis e)
    {
        var first = e.Sweeps[0];
        var rep = Impedance.EisReport.Build(first.Fit, first.Kk, first.Drt, e.Geometry);
        if (e.Sweeps.Count > 1)
        {
            rep.AddHeading($"All {e.Sweeps.Count} sweeps");
            rep.AddTable(["sweep", "points", "R0 (bulk) / Ω", "R1 (interphase) / Ω", "R2 (charge transfer) / Ω", "χ²/ν", "Lin-KK"],
                e.Sweeps.Select(s => (IReadOnlyList<string>)[s.Index.ToString(CultureInfo.InvariantCulture), s.Spectrum.Count.ToString(CultureInfo.InvariantCulture),
                    F(s.Fit["R0"].Value), F(s.Fit["R1"].Value), F(s.Fit["R2"].Value), F(s.Fit.ReducedChiSquare, "G3"), s.Kk.Passed ? "passed" : "failed"]));
            var k = e.Sweeps.Select(s => (double)s.Index).ToArray();
            rep.AddFigure(new Figure("Resistances by sweep", "sweep", "resistance / Ω")
            {
                Traces =
                [
                    new Trace("R0 (bulk)", k, e.Sweeps.Select(s => s.Fit["R0"].Value).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[0] },
                    new Trace("R1 (interphase)", k, e.Sweeps.Select(s => s.Fit["R1"].Value).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[1] },
                    new Trace("R2 (charge transfer)", k, e.Sweeps.Select(s => s.Fit["R2"].Value).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[2] },
                ],
            });
        }
        if (e.SweepsInFile > e.Sweeps.Count) rep.AddWarning($"the file holds {e.SweepsInFile} sweeps; the first {e.Sweeps.Count} are analysed");
        rep.AddHeading("Conventions", 3);
        rep.AddParagraph(MeasurementWriter.ImpedanceConvention + ".");
        return rep;
    }

    /// <summary>Up to <paramref name="max"/> items spread evenly, first and last included.</summary>
    internal static List<int> Spread(List<int> items, int max)
    {
        if (items.Count <= max) return items;
        var r = new List<int>();
        for (int k = 0; k < max; k++) r.Add(items[(int)Math.Round(k * (items.Count - 1.0) / (max - 1))]);
        return r.Distinct().ToList();
    }
}
