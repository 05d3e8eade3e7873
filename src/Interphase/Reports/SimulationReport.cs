using System.Globalization;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>The HTML report of a symmetric-cell run: voltage, overpotential per cycle, interface state, impedance.</summary>
public static class SimulationReport
{
    const int MaxPoints = 20000;
    static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    static string F(double v, string fmt = "G4") => double.IsFinite(v) ? v.ToString(fmt, CultureInfo.InvariantCulture) : "—";

    public static string Html(SimulationResult r) => Build(r).Render();

    public static HtmlReport Build(SimulationResult r)
    {
        var rep = new HtmlReport($"{r.CellName} — symmetric cell simulation");
        rep.AddKeyValueTable(Summary(r));
        foreach (var e in r.Events.Where(e => e.Kind is "short_circuit" or "metal_depleted" or "stop" or "contact_loss"))
            rep.AddWarning($"{F(e.TimeS / Si.Hour, "F1")} h (cycle {e.Cycle}): {e.Message}");

        var t = r.Series.Select(p => p.TimeS / Si.Hour).ToArray();
        if (t.Length > 1)
        {
            var v = r.Series.Select(p => p.Voltage).ToArray();
            var i = r.Series.Select(p => p.CurrentDensity / Si.MilliampPerCm2).ToArray();
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
            var c = r.Cycles.Select(x => (double)x.Cycle).ToArray();
            // when the electrolyte's ohmic drop dominates, the interfacial part gets its own axis
            bool ownAxis = r.MeanInterfacialOverpotential < 0.2 * r.MeanOverpotential;
            rep.AddFigure(new Figure("Overpotential per cycle", "cycle", "overpotential / mV")
            {
                Y2Title = ownAxis ? "interfacial (IR-free) / mV" : "",
                Traces =
                [
                    new Trace("mean |V|", c, r.Cycles.Select(x => x.MeanAbsVoltage * 1e3).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[0] },
                    new Trace("max |V|", c, r.Cycles.Select(x => x.MaxAbsVoltage * 1e3).ToArray()) { Mode = TraceMode.LinesAndMarkers, Color = Colors[1], Dash = LineDash.Dash },
                    new Trace("mean interfacial (IR-free)", c, r.Cycles.Select(x => x.MeanAbsInterfacial * 1e3).ToArray())
                        { Mode = TraceMode.LinesAndMarkers, Color = Colors[2], Dash = LineDash.Dot, YAxis = ownAxis ? 2 : 1 },
                ],
            });
        }

        if (t.Length > 1)
        {
            rep.AddHeading("Interface state");
            var figs = new List<Figure>
            {
                StateFigure("Contact fraction", "contact fraction", t, r, s => s.Contact),
                StateFigure("Interphase thickness", "interphase / nm", t, r, s => s.InterphaseM * 1e9),
                StateFigure("Longest metal filament", "filament / µm", t, r, s => s.FilamentM * 1e6, r.Derived.TryGetValue("separator_thickness_um", out var sep) ? sep : double.NaN),
                StateFigure("Metal foil left", "metal / µm", t, r, s => s.MetalM * 1e6),
            };
            if (r.HasAmalgam) figs.Add(StateFigure("Liquid part of the amalgam layer", "liquid fraction", t, r, s => s.AmalgamLiquidFraction));
            if (r.HasConcentration)
                figs.Add(new Figure("Salt concentration at the electrodes", "time / h", "c / c₀")
                {
                    Traces =
                    [
                        new Trace("electrode 1", t, r.Series.Select(p => p.SaltRatioLeft).ToArray()) { Color = Colors[0] }.Decimated(MaxPoints / 4),
                        new Trace("electrode 2", t, r.Series.Select(p => p.SaltRatioRight).ToArray()) { Color = Colors[1] }.Decimated(MaxPoints / 4),
                    ],
                });
            rep.AddFigureGrid(figs, 2);
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

    static Figure StateFigure(string title, string yTitle, double[] t, SimulationResult r, Func<InterfaceSnapshot, double> f, double limit = double.NaN)
    {
        var traces = new List<Trace>
        {
            new Trace("electrode 1", t, r.Series.Select(p => f(p.Left)).ToArray()) { Color = Colors[0] }.Decimated(MaxPoints / 4),
            new Trace("electrode 2", t, r.Series.Select(p => f(p.Right)).ToArray()) { Color = Colors[1], Dash = LineDash.Dash }.Decimated(MaxPoints / 4),
        };
        if (double.IsFinite(limit))
            traces.Add(new Trace("separator thickness", [t[0], t[^1]], [limit, limit]) { Color = "#555555", Dash = LineDash.Dot });
        return new Figure(title, "time / h", yTitle) { Height = 300, Traces = traces };
    }

    static IEnumerable<(string, string)> Summary(SimulationResult r)
    {
        yield return ("cycles", r.Cycles.Count.ToString(CultureInfo.InvariantCulture));
        yield return (r.ShortCircuit ? "mean overpotential before the short" : "mean overpotential", $"{F(r.MeanOverpotential * 1e3, "F1")} mV");
        yield return ("mean interfacial (IR-free) overpotential", $"{F(r.MeanInterfacialOverpotential * 1e3, "F1")} mV");
        yield return ("short circuit", r.ShortCircuit ? $"yes, at {F(r.ShortCircuitTimeS!.Value / Si.Hour, "F1")} h (cycle {r.ShortCircuitCycle})" : "no");
        if (r.CriticalCurrentDensity is { } ccd) yield return ("critical current density", $"{F(ccd / Si.MilliampPerCm2, "G3")} mA/cm²");
        yield return ("end", r.EndReason);
        yield return ("electrode area", $"{F(r.AreaM2 * 1e4)} cm²");
        yield return ("temperature", $"{F(r.TemperatureK - Si.ZeroCelsius)} °C");
        if (r.Series.Count > 0) yield return ("simulated time", $"{F(r.Series[^1].TimeS / Si.Hour, "F1")} h");
    }
}
