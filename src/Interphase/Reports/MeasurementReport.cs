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

    static string F(double? v, string fmt = "G4", string unit = "") => ReportNumber.Show(v, fmt, unit);

    public static HtmlReport Build(Measurement m)
    {
        if (m.Eis is { } eis) return Eis(m, eis);
        if (m.OpenCircuit is { } oc) return OpenCircuit(m, oc);
        var name = Path.GetFileName(m.File.Path);
        var rep = new HtmlReport(m.Kind == CellKind.Symmetric ? $"{name} — symmetric cell (measured)" : $"{name} — full cell (measured)");
        if (m.Symmetric is { } s) Symmetric(rep, s);
        else if (m.Full is { } f) Full(rep, f);
        if (m.Interleaved is { } x) Interleaved(rep, x);
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
        rep.AddParagraph(MeasurementWriter.CompletenessConvention + ".");
        rep.AddParagraph(m.Kind == CellKind.Symmetric ? MeasurementWriter.ShortConvention + "." : MeasurementWriter.EfficiencyConvention + ".");
        return rep;
    }

    static HtmlReport OpenCircuit(Measurement m, OpenCircuitAnalysis a)
    {
        var d = a.Data;
        var rep = new HtmlReport($"{Path.GetFileName(m.File.Path)} — open-circuit record (measured)");
        rep.AddKeyValueTable(
        [
            ("format", m.File.Description),
            ("records", d.Count.ToString(CultureInfo.InvariantCulture)),
            ("analysed as", $"open-circuit trace ({m.KindReason})"),
            ("duration", $"{F(a.DurationS / Si.Hour, "G4")} h"),
            ("OCV at the start", F(a.StartV, "F4", "V")),
            ("OCV at the end", F(a.EndV, "F4", "V")),
            ("drift", $"{F(a.DriftV * 1e3, "G4", "mV")} ({F(a.DriftVPerHour * 1e3, "G3", "mV/h")})"),
        ]);
        var t = new ColumnView(d.TimeS, x => x / Si.Hour);
        rep.AddFigure(new Figure("Open-circuit voltage", "time / h", "voltage / V")
        {
            Traces = [new Trace("voltage", t, d.Voltage) { Color = Colors[0] }.Decimated(MaxPoints)],
        });
        if (d.Info.Notes.Count > 0) rep.AddParagraph("What the reader decided:\n" + string.Join("\n", d.Info.Notes.Select(n => "• " + n)));
        rep.AddParagraph(MeasurementWriter.OpenCircuitConvention + ".");
        return rep;
    }

    static void Symmetric(HtmlReport rep, SymmetricAnalysis s)
    {
        var d = s.Data;
        var kv = new List<(string, string)>
        {
            ("cycles", s.Cycles.Count.ToString(CultureInfo.InvariantCulture)),
            (s.Short is null ? "mean overpotential" : "mean overpotential before the short", F(s.MeanOverpotential * 1e3, "F1", "mV")),
            ("short circuit", s.Short is { } sc ? $"yes ({sc.Kind}), at {F(sc.TimeS / Si.Hour, "F1")} h (cycle {sc.Cycle})" : "no"),
            ("current", s.Cycles.Count > 0 ? F(s.Cycles[0].CurrentA * 1e3, unit: "mA") + (s.AreaM2 is { } a ? $" ({F(s.Cycles[0].CurrentA / a / Si.MilliampPerCm2, unit: "mA/cm²")})" : "") : ReportNumber.NotAvailable),
            ("recorded time", $"{F(d.TimeS[^1] / Si.Hour, "F1")} h"),
        };
        if (s.CriticalCurrentDensity is { } ccd) kv.Add(("critical current density", $"{F(ccd / Si.MilliampPerCm2, "G3")} mA/cm²"));
        rep.AddKeyValueTable(kv);
        if (s.Short is { } e) rep.AddWarning($"{F(e.TimeS / Si.Hour, "F1")} h (cycle {e.Cycle}): {e.Message}");
        PartialList(rep, "Partial cycles", s.Cycles.Select(c => (c.Cycle, c.Partial)));
        var t = new ColumnView(d.TimeS, x => x / Si.Hour);
        var traces = new List<Trace>
        {
            new Trace("voltage", t, d.Voltage) { Color = Colors[0] }.Decimated(MaxPoints),
            new Trace(s.AreaM2 is null ? "current / mA" : "current density", t,
                new ColumnView(d.Current, i => s.AreaM2 is { } a ? i / a / Si.MilliampPerCm2 : i * 1e3)) { Color = "#999999", YAxis = 2, Dash = LineDash.Dot }.Decimated(MaxPoints),
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
        double Cap(double? coulomb) => (coulomb ?? double.NaN) / 3.6 / (specific ? g : 1);
        var complete = f.CompleteCycles;
        string RefText(FullCycle c) => $"{F(Cap(c.DischargeC))} {capUnit} (cycle {c.Cycle})";
        rep.AddKeyValueTable(
        [
            ("cycles", $"{f.Cycles.Count} ({complete.Count} complete)"),
            ("first complete discharge (the retention's reference)", complete.Count > 0 ? RefText(complete[0]) : "n/a (no complete cycle)"),
            ("last complete discharge", complete.Count > 0 ? $"{RefText(complete[^1])}, {F(f.Retention * 100, "F2", "%")} of the reference" : "n/a"),
            ("mean coulombic efficiency (complete cycles)", F(f.MeanCoulombicEfficiency * 100, "F2", "%")),
            ("capacity from", f.Segmentation.CapacityFrom),
        ]);
        if (f.Warnings.Count > 0)
            rep.AddBanner(new Banner(BannerKind.Warning, $"{RunStatus.Count(f.Warnings.Count, "warning")} about these results.", f.Warnings, "summary.json, warnings"));
        var partial = f.Cycles.Where(c => !c.Complete).ToList();
        PartialList(rep, "Partial cycles (their capacities are what the record holds of them; no coulombic efficiency or retention; light markers and dotted curves below)",
            f.Cycles.Select(c => (c.Cycle, c.Partial)));

        var t = new ColumnView(d.TimeS, x => x / Si.Hour);
        rep.AddFigure(new Figure("Voltage", "time / h", "cell voltage / V")
        {
            Y2Title = "current / mA",
            Traces =
            [
                new Trace("voltage", t, d.Voltage) { Color = Colors[0] }.Decimated(MaxPoints),
                new Trace("current", t, new ColumnView(d.Current, i => i * 1e3)) { Color = "#999999", YAxis = 2, Dash = LineDash.Dot }.Decimated(MaxPoints),
            ],
        });

        // voltage vs capacity, for up to MaxCurves cycles spread over the test
        var shown = Spread(f.Cycles.Select(c => c.Cycle).ToList(), MaxCurves);
        var curves = new List<Trace>();
        foreach (var (cycle, k) in shown.Select((c, k) => (c, k)))
            foreach (var h in f.Segmentation.OfCycle(cycle))
            {
                var (rows, q) = f.Segmentation.Progress(d, h);
                if (rows.Length < 2) continue;
                bool whole = f.Cycles.First(c => c.Cycle == cycle).Complete;
                curves.Add(new Trace(whole ? $"cycle {cycle}" : $"cycle {cycle} (partial)", q.Select(x => Cap(x)).ToArray(), rows.Select(i => d.Voltage[i]).ToArray())
                {
                    Color = Colors[k % Colors.Length], LegendGroup = $"c{cycle}", ShowInLegend = h.Sign == f.Segmentation.StartSign || h.Index == 0,
                    Dash = !whole ? LineDash.Dot : h.Sign > 0 ? LineDash.Solid : LineDash.Dash,
                }.Decimated(MaxPoints / MaxCurves));
            }
        if (curves.Count > 0)
            rep.AddFigure(new Figure("Voltage against capacity (solid: charge, dashed: discharge, dotted: a partial cycle)", $"capacity / {capUnit}", "cell voltage / V") { Traces = curves });

        if (f.Cycles.Count > 0)
        {
            var c = f.Cycles.Select(x => (double)x.Cycle).ToArray();
            var capacityTraces = new List<Trace>
            {
                new Trace("charge", c, f.Cycles.Select(x => x.Complete ? Cap(x.ChargeC) : double.NaN).ToArray()) { Mode = TraceMode.Markers, Color = Colors[1] },
                new Trace("discharge", c, f.Cycles.Select(x => x.Complete ? Cap(x.DischargeC) : double.NaN).ToArray()) { Mode = TraceMode.Markers, Color = Colors[0] },
                new Trace("coulombic efficiency", c, f.Cycles.Select(x => (x.CoulombicEfficiency ?? double.NaN) * 100).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[2], YAxis = 2 },
            };
            if (partial.Count > 0)
            {
                // what the record holds of a partial cycle, apart: not a point of the cell's capacity fade
                var p = partial.Select(x => (double)x.Cycle).ToArray();
                capacityTraces.Add(new Trace("charge (partial cycle)", p, partial.Select(x => Cap(x.ChargeC)).ToArray()) { Mode = TraceMode.Markers, Color = "#f4a3a3", MarkerSize = 5 });
                capacityTraces.Add(new Trace("discharge (partial cycle)", p, partial.Select(x => Cap(x.DischargeC)).ToArray()) { Mode = TraceMode.Markers, Color = "#9ecae1", MarkerSize = 5 });
            }
            rep.AddFigure(new Figure("Capacity and coulombic efficiency (complete cycles; partial cycles in light colours)", "cycle", $"capacity / {capUnit}")
            {
                Y2Title = "coulombic efficiency / %",
                Traces = capacityTraces,
            });
            rep.AddFigure(new Figure("Mean voltages and hysteresis", "cycle", "voltage / V")
            {
                Y2Title = "hysteresis / mV",
                Traces =
                [
                    new Trace("mean charge voltage", c, f.Cycles.Select(x => x.MeanChargeV ?? double.NaN).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[1] },
                    new Trace("mean discharge voltage", c, f.Cycles.Select(x => x.MeanDischargeV ?? double.NaN).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[0] },
                    new Trace("hysteresis", c, f.Cycles.Select(x => (x.HysteresisV ?? double.NaN) * 1e3).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[3], YAxis = 2, Dash = LineDash.Dot },
                ],
            });
        }

        var dq = f.DqDv.Where(x => shown.Contains(x.Cycle)).ToList();
        if (dq.Count > 0)
            rep.AddFigure(new Figure("dQ/dV (solid: charge, dashed: discharge, dotted: a partial cycle)", "cell voltage / V", "dQ/dV / mAh V⁻¹")
            {
                Traces = dq.Select(x => (x, whole: f.Cycles.First(c => c.Cycle == x.Cycle).Complete)).Select(p =>
                    new Trace($"cycle {p.x.Cycle} {(p.x.Sign > 0 ? "charge" : "discharge")}{(p.whole ? "" : " (partial)")}", p.x.VoltageV, p.x.DqDv.Select(y => y / 3.6).ToArray())
                {
                    Color = Colors[shown.IndexOf(p.x.Cycle) % Colors.Length], LegendGroup = $"d{p.x.Cycle}",
                    Dash = !p.whole ? LineDash.Dot : p.x.Sign > 0 ? LineDash.Solid : LineDash.Dash,
                }).ToList(),
            });

        if (f.RateGroups.Count > 1)
        {
            rep.AddHeading("Rate capability (complete cycles)");
            rep.AddTable(["cycles", "discharge current / mA", "C-rate", $"mean discharge / {capUnit}", "mean CE / %"],
                f.RateGroups.Select(r => (IReadOnlyList<string>)[$"{r.FirstCycle}–{r.LastCycle}", F(r.DischargeCurrentA * 1e3), F(r.CRate, "G3"), F(Cap(r.MeanDischargeC)), F(r.MeanCoulombicEfficiency * 100, "F2")]));
        }
    }

    /// <summary>A paragraph listing the partial cycles (up to 50) and why each is partial; nothing when every cycle is complete.</summary>
    static void PartialList(HtmlReport rep, string intro, IEnumerable<(int Cycle, IReadOnlyList<PartialReason> Reasons)> cycles)
    {
        var partial = cycles.Where(c => c.Reasons.Count > 0).ToList();
        if (partial.Count == 0) return;
        rep.AddParagraph(intro + ":\n" + string.Join("\n", partial.Take(50).Select(c => $"• cycle {c.Cycle}: {PartialCycle.Describe(c.Reasons)}"))
            + (partial.Count > 50 ? $"\n• … and {partial.Count - 50} more (cycles.csv, column partial)" : ""));
    }

    /// <summary>The EIS engine's report of the first sweep, followed by every sweep's resistances when there are several.</summary>
    static HtmlReport Eis(Measurement m, EisAnalysis e)
    {
        var first = e.Sweeps[0];
        var rep = Impedance.EisReport.Build(first.Fit, first.Kk, first.Drt, e.Geometry);
        // the fit summary below is the first sweep's, with its warnings; the others' would be seen only in summary.json
        var others = e.Sweeps.Skip(1).SelectMany(s => s.Fit.Warnings.Select(w => $"sweep {s.Index}: {w}")
            .Concat(s.Kk.Passed ? [] : [$"sweep {s.Index}: Lin-KK test {s.Kk.Verdict}"])).ToList();
        if (others.Count > 0)
            rep.AddBanner(new Banner(BannerKind.Warning,
                $"{RunStatus.Count(others.Count, "warning")} about the fits of sweeps 2 to {e.Sweeps.Count} (sweep 1's are in its summary below).",
                others, "summary.json, impedance[].warnings"));
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

    /// <summary>The impedance sweeps split off a cycling file: their spectra, and per sweep when it was recorded and its resistances.</summary>
    static void Interleaved(HtmlReport rep, InterleavedSpectra x)
    {
        var e = x.Analysis;
        rep.AddHeading($"Impedance sweeps in the file ({e.SweepsInFile})");
        rep.AddParagraph($"{char.ToUpperInvariant(InterleavedSpectra.Reason[0])}{InterleavedSpectra.Reason[1..]}, each with {EisAnalysis.DomainCircuit} (files eis_N.csv, fit_N.json, kk_N.csv, drt_N.csv; summary.json, impedance[]).");
        var shown = Spread(e.Sweeps.Select((_, k) => k).ToList(), MaxCurves);
        rep.AddFigure(new Figure("Nyquist plot of the sweeps", "Z′ / Ω", "−Z″ / Ω")
        {
            EqualAspect = true,
            Traces = shown.Select(k => new Trace(
                x.TimeS[k] is { } t ? $"sweep {k + 1} ({F(t / Si.Hour, "G3")} h)" : $"sweep {k + 1}",
                e.Sweeps[k].Spectrum.Impedance.Select(z => z.Real).ToArray(), e.Sweeps[k].Spectrum.Impedance.Select(z => -z.Imaginary).ToArray())
            { Mode = TraceMode.LinesAndMarkers, Color = Colors[k % Colors.Length] }).ToList(),
        });
        rep.AddTable(["sweep", "time / h", "half cycles before", "points", "R0 (bulk) / Ω", "R1 (interphase) / Ω", "R2 (charge transfer) / Ω", "χ²/ν", "Lin-KK"],
            e.Sweeps.Select(w => (IReadOnlyList<string>)[w.Index.ToString(CultureInfo.InvariantCulture), F(x.TimeS[w.Index - 1] / Si.Hour, "G4"),
                x.HalfCyclesBefore[w.Index - 1]?.ToString(CultureInfo.InvariantCulture) ?? "n/a", w.Spectrum.Count.ToString(CultureInfo.InvariantCulture),
                F(w.Fit["R0"].Value), F(w.Fit["R1"].Value), F(w.Fit["R2"].Value), F(w.Fit.ReducedChiSquare, "G3"), w.Kk.Passed ? "passed" : "failed"]));
        bool timed = x.TimeS.All(t => t is not null);
        var at = e.Sweeps.Select(w => timed ? x.TimeS[w.Index - 1]!.Value / Si.Hour : w.Index).ToArray();
        rep.AddFigure(new Figure(timed ? "Resistances over the test" : "Resistances by sweep", timed ? "time / h" : "sweep", "resistance / Ω")
        {
            Traces =
            [
                new Trace("R0 (bulk)", at, e.Sweeps.Select(w => w.Fit["R0"].Value).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[0] },
                new Trace("R1 (interphase)", at, e.Sweeps.Select(w => w.Fit["R1"].Value).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[1] },
                new Trace("R2 (charge transfer)", at, e.Sweeps.Select(w => w.Fit["R2"].Value).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[2] },
            ],
        });
        var warnings = e.Sweeps.SelectMany(w => w.Fit.Warnings.Select(t => $"sweep {w.Index}: {t}").Concat(w.Kk.Passed ? [] : [$"sweep {w.Index}: Lin-KK test {w.Kk.Verdict}"])).ToList();
        if (warnings.Count > 0)
            rep.AddBanner(new Banner(BannerKind.Warning, $"{RunStatus.Count(warnings.Count, "warning")} about the fits of the impedance sweeps.", warnings, "summary.json, impedance[].warnings"));
        if (e.SweepsInFile > e.Sweeps.Count) rep.AddWarning($"the file holds {e.SweepsInFile} sweeps; the first {e.Sweeps.Count} are analysed");
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
