using System.Globalization;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>The HTML report of a full-cell run: voltage–capacity curves, capacity and CE per cycle, rate capability, states.</summary>
public static class FullCellReport
{
    /// <summary>The colours of per-cycle or per-file traces, in order (shared with the batch report).</summary>
    internal static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
    static string F(double? v, string fmt = "G4", string unit = "") => ReportNumber.Show(v, fmt, unit);

    public static string Html(FullCellResult r) => Build(r).Render();

    public static HtmlReport Build(FullCellResult r)
    {
        var rep = new HtmlReport($"{r.CellName} — full cell simulation");
        var incomplete = IncompleteCycles.Of(r.Cycles);
        RunStatus.AddBanners(rep, r.StopReason, r.EndReason, r.Warnings,
            r.Cycles.Where(c => c.Interrupted).Select(c => c.Cycle).ToList(), "left out of the retention, the coulombic efficiency and the rate capability");
        RunStatus.AddMechanismsBanner(rep, r.Mechanisms);
        rep.AddKeyValueTable(Summary(r));
        // the stop itself is the banner above
        foreach (var e in r.Events.Where(e => e.Kind is "short_circuit" or "timeout" or "metal_depleted"))
            rep.AddWarning($"{ReportNumber.Time(e.TimeS)} (cycle {e.Cycle}): {e.Message}");

        if (r.Series.Count > 1)
        {
            rep.AddFigure(new Figure("Voltage against specific capacity", "specific capacity / mAh g⁻¹", "cell voltage / V") { Height = 480, Traces = CapacityCurves(r) });
            var t = r.Series.Select(p => p.TimeS / Si.Hour).ToArray();
            rep.AddFigure(new Figure("Voltage", "time / h", "cell voltage / V")
            {
                Y2Title = "current density / mA cm⁻²",
                Traces =
                [
                    new Trace("voltage", t, r.Series.Select(p => p.Voltage).ToArray()) { Color = Palette[0] }.Decimated(20000),
                    new Trace("current density", t, r.Series.Select(p => p.CurrentDensity / Si.MilliampPerCm2).ToArray()) { Color = "#999999", Dash = LineDash.Dot, YAxis = 2 }.Decimated(20000),
                ],
            });
        }
        var complete = r.Complete;
        var withoutCe = IncompleteCycles.WithoutEfficiency(r.Cycles);
        IncompleteCycles.AddNote(rep, "Incomplete cycles (hollow markers below; no coulombic efficiency, left out of the retention and the rate capability)",
            incomplete, "cycles.csv, column complete");
        IncompleteCycles.AddNote(rep, "Complete cycles without a coulombic efficiency (a gap in the efficiency below, n/a in the table)",
            withoutCe, "cycles.csv, empty coulombic_efficiency_percent");
        var open = r.Cycles.Where(c => !c.Complete).ToList();
        if (complete.Count > 0 || open.Count > 0)
        {
            var traces = new List<Trace>();
            if (complete.Count > 0)
            {
                var n = complete.Select(c => (double)c.Cycle).ToArray();
                traces.Add(new Trace("discharge", n, complete.Select(c => r.Specific(c.DischargeCapacity) / 3600).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Palette[0], LegendGroup = "discharge" });
                traces.Add(new Trace("charge", n, complete.Select(c => r.Specific(c.ChargeCapacity) / 3600).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Palette[1], Dash = LineDash.Dash, LegendGroup = "charge" });
                // NaN (a trace half cycle) is written as null: a gap, never a point at 0
                traces.Add(new Trace("coulombic efficiency", n, complete.Select(c => 100 * c.CoulombicEfficiency).ToArray()) { Mode = TraceMode.Markers, Color = Palette[2], YAxis = 2 });
            }
            if (open.Count > 0)
            {
                // what the run passed in a cycle it did not complete: shown, but apart from the fade of the complete ones
                var o = open.Select(c => (double)c.Cycle).ToArray();
                traces.Add(new Trace("discharge, incomplete cycle", o, open.Select(c => c.DischargeCapacity > 0 ? r.Specific(c.DischargeCapacity) / 3600 : double.NaN).ToArray())
                    { Mode = TraceMode.Markers, Color = Palette[0], Hollow = true, MarkerSize = 9, LegendGroup = "discharge" });
                traces.Add(new Trace("charge, incomplete cycle", o, open.Select(c => c.ChargeCapacity > 0 ? r.Specific(c.ChargeCapacity) / 3600 : double.NaN).ToArray())
                    { Mode = TraceMode.Markers, Color = Palette[1], Hollow = true, MarkerSize = 9, LegendGroup = "charge" });
            }
            rep.AddFigure(new Figure(open.Count > 0 ? "Capacity and coulombic efficiency (hollow markers: an incomplete cycle)" : "Capacity and coulombic efficiency",
                "cycle", "specific capacity / mAh g⁻¹")
            {
                Y2Title = "coulombic efficiency / %",
                Traces = traces,
            });
        }
        var rate = r.RateCapability;
        if (rate.Count > 0)
            rep.AddFigure(new Figure("Rate capability", "C-rate", "discharge capacity / mAh g⁻¹")
            {
                LogX = true,
                Traces = [new Trace("discharge capacity", rate.Select(p => p.CRate).ToArray(), rate.Select(p => r.Specific(p.DischargeCapacity) / 3600).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Palette[0] }],
            });

        if (r.Series.Count > 1)
        {
            rep.AddHeading("Cell state");
            var t = r.Series.Select(p => p.TimeS / Si.Hour).ToArray();
            Trace T(string name, Func<FullTimePoint, double> f, int color, int axis = 1) =>
                new Trace(name, t, r.Series.Select(f).ToArray()) { Color = Palette[color], YAxis = axis }.Decimated(5000);
            var figs = new List<Figure>
            {
                r.Conversion
                    ? new Figure("Conversion of FeS₂", "time / h", "fraction") { Height = 300, Traces = [T("converted fraction", p => p.Cathode.ConvertedFraction, 0), T("front depth, fast axis", p => p.Cathode.FastAxisFront, 3), T("front depth, slow axes", p => p.Cathode.SlowAxisFront, 4),
                        T("product lithiation (1 Fe + 2 Li₂S, ½ Li₂FeS₂, 0 FeSᵧ + S)", p => p.Cathode.ProductLithiation, 1), T("product still in contact", p => p.Cathode.ReachableProduct, 2)] }
                    : new Figure("Cathode lithiation", "time / h", "stoichiometry x") { Height = 300, Traces = [T("average", p => p.Cathode.Stoichiometry, 0), T("surface", p => p.Cathode.SurfaceStoichiometry, 1)] },
                new Figure("Cathode contact and active material", "time / h", "fraction") { Height = 300, Traces = [T("contact", p => p.Cathode.Contact, 0), T("active material", p => p.Cathode.ActiveFraction, 2)] },
                new Figure("Cathode interphase (CEI)", "time / h", "parasitic charge / mAh cm⁻²") { Height = 300, Traces = [T("CEI charge", p => p.Cathode.CeiCharge / Si.MahPerCm2, 1)] },
                new Figure("Anode interface", "time / h", "contact fraction") { Height = 300, Y2Title = "interphase / nm", Traces = [T("contact", p => p.Anode.Contact, 0), T("interphase", p => p.Anode.InterphaseM * 1e9, 1, 2)] },
                new Figure("Anode filament and metal", "time / h", "µm") { Height = 300, Traces = [T("longest filament", p => p.Anode.FilamentM * 1e6, 1), T("metal left", p => p.Anode.MetalM * 1e6, 0)] },
            };
            rep.AddFigureGrid(figs, 2);
        }
        if (r.Formation is { } fm)
        {
            // the layer grown on the composite cathode (docs/models.md §16.2)
            var first = fm.Cycles.FirstOrDefault(c => c.Cycle >= 1);
            double a = r.AreaM2;
            rep.AddHeading($"{fm.Growth.Polymer} layer grown on the cathode");
            rep.AddParagraph($"{fm.Growth.Monomer} ({fm.Growth.MonomerConcentration:G3} mM) polymerised on the composite's particles above {fm.Growth.OnsetPotential:F2} V: " +
                $"{F(fm.ChargeCPerM2 / Si.MahPerCm2, "G3")} mAh/cm², {F(fm.ThicknessM * 1e9, "G3")} nm mean thickness on the particles, coverage {F(fm.Coverage, "F3")}, " +
                $"{F(100 * fm.MonomerConsumedFraction, "G3")} % of the monomer. Cathode interface at {r.TemperatureK - Si.ZeroCelsius:G3} °C: {F(fm.InitialInterfaceAsr / a, "G4")} Ω before, " +
                (first is null ? "" : $"{F(first.InterfaceAsr / a, "G4")} Ω after the first cycle, ") + $"{F(fm.FinalInterfaceAsr / a, "G4")} Ω at the end.");
            rep.AddFigure(new Figure($"Cathode interface resistance per cycle (at {r.TemperatureK - Si.ZeroCelsius:G3} °C)", "cycle", "R_cathode interface / Ω")
            {
                Y2Title = "coverage",
                Traces = [new Trace("R_interface", fm.Cycles.Select(c => (double)c.Cycle).ToArray(), fm.Cycles.Select(c => c.InterfaceAsr / a).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Palette[0] },
                          new Trace("coverage", fm.Cycles.Select(c => (double)c.Cycle).ToArray(), fm.Cycles.Select(c => c.Coverage).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Palette[1], YAxis = 2 }],
            });
        }
        if (r.Spectra.Count > 0)
        {
            rep.AddHeading("Impedance of the simulated cell");
            rep.AddFigure(new Figure("Nyquist", "Z′ / Ω", "−Z″ / Ω")
            {
                EqualAspect = true,
                Traces = r.Spectra.Select((s, k) => new Trace($"after cycle {s.AfterCycle}" + (s.DepthOfDischarge is { } dod ? $", DoD {dod:F3}" : ""), s.Impedance.Select(z => z.Real).ToArray(), s.Impedance.Select(z => -z.Imaginary).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Palette[k % Palette.Length], MarkerSize = 4 }).ToList(),
            });
        }
        if (ResistanceAgainstDepth(r) is { } byDepth) rep.AddFigure(byDepth);
        if (complete.Count > 0)
            rep.AddTable(["cycle", "charge / mAh g⁻¹", "discharge / mAh g⁻¹", "CE / %", "mean V charge", "mean V discharge"],
                Pick(complete).Select(c => (IReadOnlyList<string>)[c.Cycle.ToString(CultureInfo.InvariantCulture), F(r.Specific(c.ChargeCapacity) / 3600), F(r.Specific(c.DischargeCapacity) / 3600),
                    F(100 * c.CoulombicEfficiency, "F2"), F(c.MeanChargeVoltage, "F3"), F(c.MeanDischargeVoltage, "F3")]));
        rep.AddHeading("What the model made of the inputs");
        rep.AddTable(["quantity", "value"], r.Derived.Select(kv => (IReadOnlyList<string>)[kv.Key, F(kv.Value)]));
        if (r.CathodeBpxSources is { Count: > 0 } bpx)
        {
            // the values a BPX file supplied in place of the library's, each with its file and key (summary.json, cathode_bpx_sources)
            rep.AddHeading("Cathode values from the BPX file", 3);
            rep.AddTable(["value", "source"], bpx.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value]));
        }
        rep.AddHeading("Conventions", 3);
        rep.AddParagraph($"{FullCellWriter.CurrentConvention}. {FullCellWriter.CycleConvention}. {FullCellWriter.EfficiencyConvention}. {FullCellWriter.RetentionConvention}.");
        rep.AddParagraph(RunStatus.Sentence(FullCellWriter.CompleteConvention));
        return rep;
    }

    /// <summary>
    /// "Interface resistance vs depth of discharge": the model's R_interphase + R_ct of each spectrum taken in a
    /// discharge (at the cell's temperature) against its depth of discharge (summary.json, impedance[].depth_of_discharge),
    /// one trace per discharge that has two or more; a spectrum before any current of a run that starts with a
    /// discharge is that discharge's DoD 0. Null when no discharge has two.
    /// </summary>
    static Figure? ResistanceAgainstDepth(FullCellResult r)
    {
        var byDischarge = r.Spectra.Where(s => s.DepthOfDischarge is not null && s.TemperatureK is null)
            .GroupBy(s => Math.Max(s.Cycle ?? 0, 1)).Where(g => g.Count() >= 2).ToList();
        if (byDischarge.Count == 0) return null;
        return new Figure("Interface resistance vs depth of discharge", "depth of discharge (fraction of the discharge's capacity)", "R_interphase + R_ct (computed) / Ω")
        {
            Traces = byDischarge.Select((g, k) => new Trace($"cycle {g.Key} discharge", g.Select(s => s.DepthOfDischarge!.Value).ToArray(),
                g.Select(s => s.RInterphase + s.RChargeTransfer).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Palette[k % Palette.Length] }).ToList(),
        };
    }

    /// <summary>Cycles 1, 2, 5, 10, 20, 50, 100, … and the last.</summary>
    static IEnumerable<FullCycleStats> Pick(IReadOnlyList<FullCycleStats> cycles)
    {
        var wanted = new HashSet<int> { 1, 2, 3, 5 };
        for (int d = 10; d <= 100000; d *= 10) { wanted.Add(d); wanted.Add(2 * d); wanted.Add(5 * d); }
        wanted.Add(cycles[^1].Cycle);
        return cycles.Where(c => wanted.Contains(c.Cycle));
    }

    /// <summary>Voltage against the capacity passed in each half cycle, for a selection of cycles.</summary>
    static List<Trace> CapacityCurves(FullCellResult r)
    {
        var chosen = r.Complete.Count > 0 ? Pick(r.Complete).Select(c => c.Cycle).ToHashSet() : new HashSet<int> { 1 };
        var traces = new List<Trace>();
        int colour = 0;
        foreach (var cyc in chosen.Order())
        {
            var pts = r.Series.Where(p => p.Cycle == cyc).ToList();
            var col = Palette[colour++ % Palette.Length];
            foreach (bool charge in new[] { true, false })
            {
                var xs = new List<double>();
                var ys = new List<double>();
                double q = 0;
                for (int k = 1; k < pts.Count; k++)
                {
                    var p = pts[k];
                    if (p.CurrentDensity == 0 || (p.CurrentDensity > 0) != charge) continue;
                    q += Math.Abs(p.CurrentDensity) * (p.TimeS - pts[k - 1].TimeS);
                    xs.Add(r.Specific(q) / 3600);
                    ys.Add(p.Voltage);
                }
                if (xs.Count > 1)
                    traces.Add(new Trace($"cycle {cyc} {(charge ? "charge" : "discharge")}", xs, ys) { Color = col, Dash = charge ? LineDash.Solid : LineDash.Dash, LegendGroup = $"c{cyc}" }.Decimated(4000));
            }
        }
        return traces;
    }

    static IEnumerable<(string, string)> Summary(FullCellResult r)
    {
        var c = r.Complete;
        int incomplete = r.Cycles.Count - c.Count;
        yield return ("cycles", incomplete == 0 ? c.Count.ToString(CultureInfo.InvariantCulture) : $"{c.Count} complete (and {RunStatus.Count(incomplete, "incomplete cycle")})");
        if (c.Count > 0)
        {
            yield return ("first cycle", $"{F(r.Specific(c[0].ChargeCapacity) / 3600, "F1")} / {F(r.Specific(c[0].DischargeCapacity) / 3600, "F1")} mAh/g (charge / discharge), CE {F(r.FirstCycleCoulombicEfficiencyPercent, "F1", "%")}");
            yield return ("last cycle", $"{F(r.Specific(c[^1].DischargeCapacity) / 3600, "F1")} mAh/g discharge, CE {F(100 * c[^1].CoulombicEfficiency, "F2", "%")}");
        }
        yield return ($"capacity retention (vs cycle {r.ReferenceCycle})", F(r.RetentionPercent, "F1", "%"));
        yield return ("short circuit", r.ShortCircuit ? $"yes, at {ReportNumber.Time(r.ShortCircuitTimeS)} (cycle {r.ShortCircuitCycle})" : "no");
        if (r.SoftShorts.Count > 0)
            yield return ("soft shorts (filament bridges that fused, dissolved or stood)",
                $"{r.SoftShorts.Count}, the first at {ReportNumber.Time(r.SoftShorts[0].StartS)} (cycle {r.SoftShorts[0].Cycle})");
        yield return ("end", r.EndReason);
        yield return ("cathode", $"{F(r.ActiveMassKgPerM2 * 100, unit: "mg/cm²")} active, nominal {F(r.NominalCapacity / 3600, unit: "mAh/g")} (theoretical {F(r.TheoreticalCapacity / 3600, unit: "mAh/g")})");
        yield return ("temperature", F(r.TemperatureK - Si.ZeroCelsius, unit: "°C"));
    }
}
