using System.Globalization;
using System.Runtime.InteropServices;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>The HTML report of a symmetric-cell run: voltage, overpotential per cycle, interface state, impedance.</summary>
public static class SimulationReport
{
    const int MaxPoints = 20000;
    static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    static string F(double? v, string fmt = "G4", string unit = "") => ReportNumber.Show(v, fmt, unit);

    public static string Html(SimulationResult r) => Build(r).Render();

    public static HtmlReport Build(SimulationResult r)
    {
        var rep = new HtmlReport($"{r.CellName} — symmetric cell simulation");
        var incomplete = IncompleteCycles.Of(r.Cycles);
        RunStatus.AddBanners(rep, r.StopReason, r.EndReason, r.Warnings,
            r.Cycles.Where(c => c.Interrupted).Select(c => c.Cycle).ToList(), "left out of the mean overpotentials");
        RunStatus.AddMechanismsBanner(rep, r.Mechanisms);
        rep.AddKeyValueTable(Summary(r));
        // the stop itself is the banner above
        foreach (var e in r.Events.Where(e => e.Kind is "short_circuit" or "metal_depleted" or "contact_loss"))
            rep.AddWarning($"{ReportNumber.Time(e.TimeS)} (cycle {e.Cycle}): {e.Message}");

        // the columns are read from the series in one pass each (a point is a 176-byte struct: a pass is a walk through
        // the whole series), the time, voltage and current here, the interface state's on another core, which makes the
        // interface-state figures (eight or more decimated columns) while this one makes the rest
        var points = Points(r.Series);
        var t = new double[points.Length];
        var v = new double[points.Length];
        var i = new double[points.Length];
        for (int k = 0; k < points.Length; k++)
        {
            ref readonly var p = ref points[k];
            t[k] = p.TimeS / Si.Hour;
            v[k] = p.Voltage;
            i[k] = p.CurrentDensity / Si.MilliampPerCm2;
        }
        var stateFigures = t.Length > 1 ? Task.Run(() => StateFigures(r, t)) : null;
        if (t.Length > 1)
        {
            rep.AddFigure(new Figure("Voltage", "time / h", "cell voltage / V")
            {
                Y2Title = "current density / mA cm⁻²",
                Height = 460,
                Traces =
                [
                    new Trace("voltage", t, v) { Color = Colors[0] }.Decimated(MaxPoints),
                    new Trace("current density", t, i) { Color = "#999999", YAxis = 2, Dash = LineDash.Dot }.Decimated(MaxPoints),
                ],
            });
        }

        if (r.Cycles.Count > 0)
        {
            IncompleteCycles.AddNote(rep, "Incomplete cycles (hollow markers below; left out of the mean overpotentials)", incomplete, "cycles.csv, column complete");
            // when the electrolyte's ohmic drop dominates, the interfacial part gets its own axis
            bool ownAxis = r.MeanInterfacialOverpotential < 0.2 * r.MeanOverpotential;
            var traces = new List<Trace>();
            PerCycle(traces, r.Cycles, "mean |V|", x => x.MeanAbsVoltage * 1e3, Colors[0], LineDash.Solid, 1);
            PerCycle(traces, r.Cycles, "max |V|", x => x.MaxAbsVoltage * 1e3, Colors[1], LineDash.Dash, 1);
            PerCycle(traces, r.Cycles, "mean interfacial (IR-free)", x => x.MeanAbsInterfacial * 1e3, Colors[2], LineDash.Dot, ownAxis ? 2 : 1);
            // a run stopped before any current flowed (compliance at its first point) has no value to draw: say so, not an
            // empty plot with a legend
            if (!traces.Any(t => t.Y.Any(double.IsFinite)))
                rep.AddParagraph("Overpotential per cycle: nothing to plot, no cycle has a value (the run stopped before any current flowed).");
            else
                rep.AddFigure(new Figure(incomplete.Count > 0 ? "Overpotential per cycle (hollow markers: an incomplete cycle)" : "Overpotential per cycle", "cycle", "overpotential / mV")
                {
                    Y2Title = ownAxis ? "interfacial (IR-free) / mV" : "",
                    Traces = traces,
                });
        }

        if (stateFigures is not null)
        {
            rep.AddHeading("Interface state");
            rep.AddFigureGrid(stateFigures.GetAwaiter().GetResult(), 2);
        }

        if (r.Spectra.Count > 0)
        {
            rep.AddHeading("Impedance of the simulated cell");
            var nyq = new List<Trace>();
            var mod = new List<Trace>();
            var ph = new List<Trace>();
            for (int k = 0; k < r.Spectra.Count; k++)
            {
                var s = r.Spectra[k];
                var name = $"after cycle {s.AfterCycle}";
                var col = Colors[k % Colors.Length];
                nyq.Add(new Trace(name, s.Impedance.Select(z => z.Real).ToArray(), s.Impedance.Select(z => -z.Imaginary).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = col, MarkerSize = 4 });
                mod.Add(new Trace(name, s.FrequencyHz, s.Impedance.Select(z => z.Magnitude).ToArray()) { Color = col });
                ph.Add(new Trace(name, s.FrequencyHz, s.Impedance.Select(z => -z.Phase * 180 / Math.PI).ToArray()) { Color = col });
            }
            rep.AddFigure(new Figure("Nyquist", "Z′ / Ω", "−Z″ / Ω") { EqualAspect = true, Traces = nyq });
            rep.AddFigureGrid([
                new Figure("Bode: modulus", "frequency / Hz", "|Z| / Ω") { LogX = true, LogY = true, Traces = mod },
                new Figure("Bode: phase", "frequency / Hz", "−phase / °") { LogX = true, Traces = ph },
            ], 2);
            rep.AddTable(["spectrum", "after cycle", "R_bulk / Ω", "R_interphase (R1) / Ω", "R_ct (R2) / Ω"],
                r.Spectra.Select(s => (IReadOnlyList<string>)[$"eis_{s.Index}.csv", s.AfterCycle.ToString(CultureInfo.InvariantCulture), F(s.RBulk), F(s.RInterphase), F(s.RChargeTransfer)]));
        }

        rep.AddHeading("What the model made of the inputs");
        rep.AddTable(["quantity", "value"], r.Derived.Select(kv => (IReadOnlyList<string>)[kv.Key, F(kv.Value)]));
        rep.AddHeading("Conventions", 3);
        rep.AddParagraph(SimulationWriter.VoltageConvention + ". " + SimulationWriter.CurrentConvention + ".");
        rep.AddParagraph(SimulationWriter.CycleConvention + ". " + SimulationWriter.OverpotentialConvention + ".");
        return rep;
    }

    /// <summary>The interface-state figures: contact, interphase, filament, metal left, amalgam, salt (what the run has).</summary>
    static List<Figure> StateFigures(SimulationResult r, double[] t)
    {
        var c = StateColumns.Of(r);
        var figs = new List<Figure>
        {
            StateFigure("Contact fraction", "contact fraction", t, c.Contact),
            StateFigure("Interphase thickness", "interphase / nm", t, c.Interphase),
            StateFigure("Longest metal filament", "filament / µm", t, c.Filament, r.Derived.TryGetValue("separator_thickness_um", out var sep) ? sep : double.NaN),
            StateFigure("Metal foil left", "metal / µm", t, c.Metal),
        };
        if (c.Liquid is { } liquid) figs.Add(StateFigure("Liquid part of the amalgam layer", "liquid fraction", t, liquid));
        if (c.Zone is { } zone) figs.Add(StateFigure("Electrolyte infiltrated by the amalgam", "zone depth (µm)", t, zone));
        if (c.Salt is { } salt)
            figs.Add(new Figure("Salt concentration at the electrodes", "time / h", "c / c₀")
            {
                Traces =
                [
                    new Trace("electrode 1", t, salt.Left) { Color = Colors[0] }.Decimated(MaxPoints / 4),
                    new Trace("electrode 2", t, salt.Right) { Color = Colors[1] }.Decimated(MaxPoints / 4),
                ],
            });
        return figs;
    }

    /// <summary>
    /// The interface state's columns of a run, per electrode, in the figures' units (those of timeseries.csv), read in one
    /// pass over the series; the amalgam's and the salt's only for a run that has them.
    /// </summary>
    sealed class StateColumns
    {
        public required (double[] Left, double[] Right) Contact, Interphase, Filament, Metal;
        public (double[] Left, double[] Right)? Liquid, Zone, Salt;

        public static StateColumns Of(SimulationResult r)
        {
            var points = Points(r.Series);
            int n = points.Length;
            static (double[], double[]) Pair(int n) => (new double[n], new double[n]);
            var c = new StateColumns { Contact = Pair(n), Interphase = Pair(n), Filament = Pair(n), Metal = Pair(n) };
            if (r.HasAmalgam) c.Liquid = Pair(n);
            if (r.HasAmalgamZone) c.Zone = Pair(n);
            if (r.HasConcentration) c.Salt = Pair(n);
            var (contact, interphase, filament, metal) = (c.Contact, c.Interphase, c.Filament, c.Metal);
            for (int k = 0; k < n; k++)
            {
                ref readonly var p = ref points[k];
                var a = p.Left;
                var b = p.Right;
                contact.Left[k] = a.Contact; contact.Right[k] = b.Contact;
                interphase.Left[k] = a.InterphaseM * 1e9; interphase.Right[k] = b.InterphaseM * 1e9;
                filament.Left[k] = a.FilamentM * 1e6; filament.Right[k] = b.FilamentM * 1e6;
                metal.Left[k] = a.MetalM * 1e6; metal.Right[k] = b.MetalM * 1e6;
            }
            // the optional columns (a few runs), in passes of their own
            if (c.Liquid is { } liquid)
                for (int k = 0; k < n; k++) { liquid.Left[k] = points[k].Left.AmalgamLiquidFraction; liquid.Right[k] = points[k].Right.AmalgamLiquidFraction; }
            if (c.Zone is { } zone)
                for (int k = 0; k < n; k++) { zone.Left[k] = points[k].Left.AmalgamZoneM * 1e6; zone.Right[k] = points[k].Right.AmalgamZoneM * 1e6; }
            if (c.Salt is { } salt)
                for (int k = 0; k < n; k++) { salt.Left[k] = points[k].SaltRatioLeft; salt.Right[k] = points[k].SaltRatioRight; }
            return c;
        }
    }

    /// <summary>One quantity per cycle: the complete cycles as a line with markers, the incomplete ones
    /// (a cycle the run stopped inside, or one with a missing half) as hollow markers of the same colour,
    /// not joined to the others. Values that are not numbers are gaps.</summary>
    static void PerCycle(List<Trace> traces, IReadOnlyList<CycleStats> cycles, string name, Func<CycleStats, double> f, string color, LineDash dash, int axis)
    {
        var c = cycles.Select(x => (double)x.Cycle).ToArray();
        if (cycles.Any(x => x.Complete))
            traces.Add(new Trace(name, c, cycles.Select(x => x.Complete ? f(x) : double.NaN).ToArray())
                { Mode = TraceMode.LinesAndMarkers, Color = color, Dash = dash, YAxis = axis, LegendGroup = name });
        var open = cycles.Where(x => !x.Complete).ToList();
        if (open.Count > 0)
            traces.Add(new Trace($"{name}, incomplete cycle", open.Select(x => (double)x.Cycle).ToArray(), open.Select(f).ToArray())
                { Mode = TraceMode.Markers, Color = color, Hollow = true, MarkerSize = 9, YAxis = axis, LegendGroup = name });
    }

    /// <summary>The series' points in place (a point is a large struct: no copies).</summary>
    static ReadOnlySpan<TimePoint> Points(IReadOnlyList<TimePoint> series) =>
        series is List<TimePoint> list ? CollectionsMarshal.AsSpan(list) : series is TimePoint[] a ? a : [.. series];

    static Figure StateFigure(string title, string yTitle, double[] t, (double[] Left, double[] Right) column, double limit = double.NaN)
    {
        var traces = new List<Trace>
        {
            new Trace("electrode 1", t, column.Left) { Color = Colors[0] }.Decimated(MaxPoints / 4),
            new Trace("electrode 2", t, column.Right) { Color = Colors[1], Dash = LineDash.Dash }.Decimated(MaxPoints / 4),
        };
        if (double.IsFinite(limit))
            traces.Add(new Trace("separator thickness", [t[0], t[^1]], [limit, limit]) { Color = "#555555", Dash = LineDash.Dot });
        return new Figure(title, "time / h", yTitle) { Height = 300, Traces = traces };
    }

    static IEnumerable<(string, string)> Summary(SimulationResult r)
    {
        int complete = r.Cycles.Count(c => c.Complete);
        yield return ("cycles", complete == r.Cycles.Count ? r.Cycles.Count.ToString(CultureInfo.InvariantCulture) : $"{r.Cycles.Count} ({complete} complete)");
        yield return (r.ShortCircuit ? "mean overpotential before the short" : "mean overpotential",
            double.IsFinite(r.MeanOverpotential) ? F(r.MeanOverpotential * 1e3, "F1", "mV")
            : $"{ReportNumber.NotAvailable} (no complete cycle{(complete > 0 ? " before the short" : "")})");
        yield return ("mean interfacial (IR-free) overpotential", F(r.MeanInterfacialOverpotential * 1e3, "F1", "mV"));
        yield return ("short circuit", r.ShortCircuit ? $"yes, at {ReportNumber.Time(r.ShortCircuitTimeS)} (cycle {r.ShortCircuitCycle})" : "no");
        if (r.CriticalCurrentDensity is { } ccd) yield return ("critical current density", F(ccd / Si.MilliampPerCm2, "G3", "mA/cm²"));
        if (r.SoftShorts.Count > 0)
            yield return ("soft shorts (filament bridges that fused, dissolved or stood)",
                $"{r.SoftShorts.Count}, the first at {ReportNumber.Time(r.SoftShorts[0].StartS)} (cycle {r.SoftShorts[0].Cycle})");
        yield return ("end", r.EndReason);
        yield return ("electrode area", F(r.AreaM2 * 1e4, unit: "cm²"));
        yield return ("temperature", F(r.TemperatureK - Si.ZeroCelsius, unit: "°C"));
        if (r.Series.Count > 0) yield return ("simulated time", ReportNumber.Time(r.Series[^1].TimeS));
    }
}
