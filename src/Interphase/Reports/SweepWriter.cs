using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.Data.Analysis;
using Interphase.IO;

namespace Interphase.Reports;

/// <summary>
/// Writes a voltammogram, simulated (<c>simulate</c> on a blocking cell) or measured (<c>analyze FILE
/// --technique sweep</c>): timeseries.csv (simulated only), sweeps.csv (one row per monotonic run: direction,
/// vertices, peak, onset), summary.json (the first anodic onset at the threshold, the peaks, warnings) and
/// report.html (current against voltage per cycle, and against time).
/// </summary>
public static class SweepWriter
{
    /// <summary>What is written: the name, the record (t in s, V, I in A/m²), the cycle of each record, the working potential (simulated) and the model's inputs.</summary>
    public sealed record Voltammogram(string Name, string Source, double AreaM2, IReadOnlyList<double> TimeS, IReadOnlyList<double> Voltage,
        IReadOnlyList<double> CurrentDensity, IReadOnlyList<int> Cycle, IReadOnlyList<double>? WorkingPotential, double Threshold,
        IReadOnlyList<(string Key, double Value)> Inputs, IReadOnlyList<string> Warnings)
    {
        /// <summary>The simulated run, when this is one: its grown layer, spectra and events (docs/models.md §16.1).</summary>
        public Simulation.SweepResult? Run { get; init; }

        /// <summary>A simulated sweep with its model inputs.</summary>
        public static Voltammogram Simulated(Simulation.SweepResult r, Simulation.BlockingCell cell, string protocolSource) => new(
            r.CellName, $"simulated ({Path.GetFileName(protocolSource)})", r.AreaM2,
            r.Series.Select(p => p.TimeS).ToList(), r.Series.Select(p => p.Voltage).ToList(), r.Series.Select(p => p.CurrentDensity).ToList(),
            r.Series.Select(p => p.Cycle).ToList(), r.Series.Select(p => p.WorkingPotential).ToList(), SweepAnalysis.DefaultThreshold,
            [
                ("oxidation_potential_V", cell.OxidationPotential),
                ("oxidation_current_density_mA_cm2", cell.OxidationCurrentDensity / 10),
                ("oxidation_tafel_slope_mV", cell.OxidationTafelSlope * 1e3),
                ("double_layer_capacitance_uF_cm2", cell.DoubleLayerCapacitance * 1e2),
                ("electrolyte_asr_ohm_cm2", cell.ElectrolyteAsr(cell.TemperatureK) * 1e4),
                ("plated_charge_left_mAh_cm2", r.PlatedChargeCPerM2 / 3.6 / 1e4),
                ("working_interface_asr_ohm_cm2", cell.WorkingInterfaceAsr(0, cell.TemperatureK) * 1e4),
                // the electrolyte's reduction on the working electrode (§16.4), when the cell has one
                .. (cell.Reduction is { } red ? new (string, double)[]
                {
                    ("reduction_potential_V", red.ReductionPotential),
                    ("reduction_current_density_mA_cm2", red.CurrentDensity / 10),
                    ("reduction_tafel_slope_mV", red.TafelSlope * 1e3),
                    ("reduction_passivation_charge_mC_cm2", red.PassivationCharge / 10),
                } : Array.Empty<(string, double)>()),
            ], r.Warnings) { Run = r, Reduction = cell.Reduction };

        /// <summary>The simulated cell's reduction law (§16.4), when it has one.</summary>
        public Models.ElectrolyteReduction? Reduction { get; init; }
    }

    /// <summary>Writes the files; returns them and the runs the analysis found (for the console line).</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<SweepSegment> Segments) Write(Voltammogram v, string outDir)
    {
        var segs = SweepAnalysis.Of(v.Voltage, v.CurrentDensity, v.Cycle, v.Threshold);
        using var staging = new OutputStaging(outDir);
        if (v.WorkingPotential is not null) staging.WriteText("timeseries.csv", Timeseries(v));
        staging.WriteText("sweeps.csv", Segments(segs));
        staging.WriteText("summary.json", Json(v, segs));
        if (v.Run is { } run)
        {
            foreach (var sp in run.Spectra) staging.WriteText($"eis_{sp.Index}.csv", SimulationWriter.SpectrumCsv(sp));
            if (run.Formation is { } fm) staging.WriteText("formation.csv", FormationCsv(fm));
        }
        Html(v, segs).Write(staging);
        return (staging.Commit(), segs);
    }

    static string Timeseries(Voltammogram v)
    {
        if (v.Run?.Formation is not null)
        {
            // a layer grown in the cell: its polymerisation current, thickness, coverage and the working interface's resistance
            var g = new CsvText("time_h", "voltage_V", "working_potential_V", "current_density_mA_cm2", "cycle",
                "polymerisation_current_density_mA_cm2", "layer_thickness_nm", "layer_coverage", "interface_asr_ohm_cm2");
            foreach (var p in v.Run.Series)
                g.Row(p.TimeS / 3600, p.Voltage, p.WorkingPotential, p.CurrentDensity / 10, p.Cycle, p.PolymerisationCurrent / 10, p.LayerThicknessM * 1e9, p.Coverage, p.InterfaceAsr * 1e4);
            return g.ToString();
        }
        if (v.Reduction is not null && v.Run is { } run)
        {
            // the electrolyte's reduction: its current and the charge it has passed (its film's)
            var rc = new CsvText("time_h", "voltage_V", "working_potential_V", "current_density_mA_cm2", "cycle",
                "reduction_current_density_mA_cm2", "reduction_charge_mC_cm2");
            foreach (var p in run.Series)
                rc.Row(p.TimeS / 3600, p.Voltage, p.WorkingPotential, p.CurrentDensity / 10, p.Cycle, p.ReductionCurrent / 10, p.ReductionCharge / 10);
            return rc.ToString();
        }
        var csv = new CsvText("time_h", "voltage_V", "working_potential_V", "current_density_mA_cm2", "cycle");
        for (int k = 0; k < v.TimeS.Count; k++)
            csv.Row(v.TimeS[k] / 3600, v.Voltage[k], v.WorkingPotential![k], v.CurrentDensity[k] / 10, v.Cycle[k]);
        return csv.ToString();
    }

    /// <summary>formation.csv: the grown layer at the end of each CV cycle (cycle 0: the sweeps before the first).</summary>
    internal static string FormationCsv(Simulation.FormationResult f)
    {
        var csv = new CsvText("cycle", "time_h", "polymerisation_charge_mC_cm2", "layer_mass_ug_cm2", "layer_thickness_nm", "layer_coverage",
            "interface_asr_ohm_cm2", "monomer_consumed_fraction");
        foreach (var r in f.Cycles)
            csv.Row(r.Cycle, r.TimeS / 3600, r.ChargeCPerM2 / 10, f.Growth.MassPerArea(r.ChargeCPerM2) * 1e5, r.ThicknessM * 1e9, r.Coverage, r.InterfaceAsr * 1e4, r.MonomerConsumedFraction);
        return csv.ToString();
    }

    static string Segments(IReadOnlyList<SweepSegment> segs)
    {
        var csv = new CsvText("segment", "cycle", "direction", "from_V", "to_V", "peak_current_density_mA_cm2", "peak_voltage_V", "onset_voltage_V");
        foreach (var s in segs)
            csv.RawRow([s.Index.ToString(CultureInfo.InvariantCulture), s.Cycle.ToString(CultureInfo.InvariantCulture), s.Anodic ? "anodic" : "cathodic",
                CsvText.Format(s.FromV), CsvText.Format(s.ToV), CsvText.Format(s.PeakCurrent / 10), CsvText.Format(s.PeakVoltage), CsvText.Format(s.OnsetVoltage ?? double.NaN)]);
        return csv.ToString();
    }

    public static string Json(Voltammogram v, IReadOnlyList<SweepSegment> segs)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("cell", v.Name);
            w.WriteString("kind", "sweep");
            w.WriteString("source", v.Source);
            SimulationWriter.Num(w, "area_cm2", v.AreaM2 * 1e4);
            SimulationWriter.Num(w, "onset_threshold_mA_cm2", v.Threshold / 10);
            var firstOnset = segs.FirstOrDefault(s => s.Anodic && s.OnsetVoltage is not null);
            // the first anodic run's onset: an electrolyte's oxidation onset in an LSV from open circuit; in a CV through 0 V the stripping of metal plated on the working electrode
            SimulationWriter.Num(w, "anodic_onset_V", firstOnset?.OnsetVoltage);
            // the last anodic run's onset: after a formation (a layer grown by the first sweeps), the window of the formed layer
            var lastOnset = segs.LastOrDefault(s => s.Anodic && s.OnsetVoltage is not null);
            SimulationWriter.Num(w, "last_anodic_onset_V", lastOnset?.OnsetVoltage);
            SimulationWriter.Num(w, "last_anodic_onset_segment", lastOnset?.Index);
            // the first cathodic run's onset (the current reaching minus the threshold): an electrolyte's reduction, or the metal's plating below 0 V
            var cathodic = segs.FirstOrDefault(s => !s.Anodic && s.OnsetVoltage is not null);
            SimulationWriter.Num(w, "cathodic_onset_V", cathodic?.OnsetVoltage);
            SimulationWriter.Num(w, "cathodic_onset_segment", cathodic?.Index);
            SimulationWriter.Num(w, "max_current_density_mA_cm2", v.CurrentDensity.Count > 0 ? v.CurrentDensity.Max() / 10 : null);
            SimulationWriter.Num(w, "min_current_density_mA_cm2", v.CurrentDensity.Count > 0 ? v.CurrentDensity.Min() / 10 : null);
            w.WriteNumber("segments", segs.Count);
            w.WriteNumber("cycles", v.Cycle.Count > 0 ? v.Cycle.Max() : 0);
            w.WriteStartObject("model_inputs");
            foreach (var (key, value) in v.Inputs) SimulationWriter.Num(w, key, value);
            w.WriteEndObject();
            if (v.Run is { } run)
            {
                if (run.Formation is { } f) FormationJson(w, f, v.AreaM2, run.TemperatureK);
                if (v.Reduction is { } red) ReductionJson(w, red, run);
                SimulationWriter.WriteSpectra(w, run.Spectra);
                w.WriteStartArray("events");
                foreach (var e in run.Events)
                {
                    w.WriteStartObject();
                    SimulationWriter.Num(w, "time_h", e.TimeS / 3600);
                    w.WriteNumber("cycle", e.Cycle);
                    w.WriteString("kind", e.Kind);
                    w.WriteString("message", e.Message);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStartArray("warnings");
            foreach (var x in v.Warnings) w.WriteStringValue(x);
            w.WriteEndArray();
            w.WriteString("conventions", "current density positive = oxidation at the working electrode; onset = the first voltage of an anodic run where the current density reaches the threshold (of a cathodic run, minus the threshold), interpolated between records; anodic_onset_V is that of the first anodic run that reaches it, last_anodic_onset_V that of the last (segment last_anodic_onset_segment of sweeps.csv), cathodic_onset_V that of the first cathodic run (segment cathodic_onset_segment)");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    /// <summary>
    /// The electrolyte's reduction on the working electrode (§16.4): its law, the charge it passed over the run and per
    /// cycle, with each cycle's largest reduction current and where it was, and the covered fraction at the end.
    /// </summary>
    static void ReductionJson(Utf8JsonWriter w, Models.ElectrolyteReduction red, Simulation.SweepResult run)
    {
        w.WriteStartObject("reduction");
        SimulationWriter.Num(w, "reduction_potential_V", red.ReductionPotential);
        SimulationWriter.Num(w, "charge_mC_cm2", run.ReductionChargeCPerM2 / 10);
        SimulationWriter.Num(w, "coverage", red.Coverage(run.ReductionChargeCPerM2));
        w.WriteStartArray("cycles");
        foreach (var g in Enumerable.Range(1, run.Series.Count - 1).GroupBy(k => run.Series[k].Cycle))
        {
            // the cycle's charge is the change of the running total the simulator integrated (not a second sum of I·dt)
            double q = run.Series[g.Last()].ReductionCharge - run.Series[g.First() - 1].ReductionCharge;
            int peak = g.MinBy(k => run.Series[k].ReductionCurrent);
            // a cycle on a closed film adds no charge but the rounding of the total at q_m: no peak to name
            bool none = q <= 1e-9 * red.PassivationCharge;
            w.WriteStartObject();
            w.WriteNumber("cycle", g.Key);
            SimulationWriter.Num(w, "charge_mC_cm2", q / 10);
            SimulationWriter.Num(w, "peak_reduction_current_density_mA_cm2", none ? null : run.Series[peak].ReductionCurrent / 10);
            SimulationWriter.Num(w, "peak_working_potential_V", none ? null : run.Series[peak].WorkingPotential);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void FormationJson(Utf8JsonWriter w, Simulation.FormationResult f, double areaM2, double temperatureK)
    {
        var g = f.Growth;
        w.WriteStartObject("formation");
        w.WriteString("layer", g.Polymer);
        w.WriteString("monomer", g.Monomer);
        SimulationWriter.Num(w, "monomer_concentration_mM", g.MonomerConcentration);
        SimulationWriter.Num(w, "electrons_per_monomer", g.ElectronsPerMonomer);
        SimulationWriter.Num(w, "onset_potential_V", g.OnsetPotential);
        SimulationWriter.Num(w, "polymerisation_charge_mC_cm2", f.ChargeCPerM2 / 10);
        SimulationWriter.Num(w, "layer_mass_ug_cm2", f.MassKgPerM2 * 1e5);
        SimulationWriter.Num(w, "layer_thickness_nm", f.ThicknessM * 1e9);
        SimulationWriter.Num(w, "layer_coverage", f.Coverage);
        SimulationWriter.Num(w, "monomer_consumed_fraction", f.MonomerConsumedFraction);
        SimulationWriter.Num(w, "temperature_degC", temperatureK - 273.15);
        SimulationWriter.Num(w, "interface_asr_before_ohm_cm2", f.InitialInterfaceAsr * 1e4);
        SimulationWriter.Num(w, "interface_asr_after_ohm_cm2", f.FinalInterfaceAsr * 1e4);
        SimulationWriter.Num(w, "interface_resistance_before_ohm", f.InitialInterfaceAsr / areaM2);
        SimulationWriter.Num(w, "interface_resistance_after_ohm", f.FinalInterfaceAsr / areaM2);
        SimulationWriter.Num(w, "pristine_asr_at_40degC_ohm_cm2", g.PristineAsr(313.15) * 1e4);
        SimulationWriter.Num(w, "covered_asr_at_40degC_ohm_cm2", g.CoveredAsr(313.15) * 1e4);
        w.WriteString("file", "formation.csv");
        w.WriteEndObject();
    }

    /// <summary>The cycles' colours (Plotly's default sequence without its red, which marks the onset and the threshold).</summary>
    static readonly string[] CycleColours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    static HtmlReport Html(Voltammogram v, IReadOnlyList<SweepSegment> segs)
    {
        var rep = new HtmlReport($"{v.Name} — voltammogram");
        var onset = segs.FirstOrDefault(s => s.Anodic && s.OnsetVoltage is not null)?.OnsetVoltage;
        rep.AddParagraph($"{v.Source}: {segs.Count} monotonic run(s); first anodic onset at {ReportNumber.Show(v.Threshold / 10 * 1e3, "G3")} µA/cm² (an electrolyte's oxidation in an LSV; in a CV through 0 V the stripping of plated metal): " +
            (onset is { } o ? $"{o:F3} V" : "not reached") + ".");
        if (segs.FirstOrDefault(s => !s.Anodic && s.OnsetVoltage is not null) is { } cat)
            rep.AddParagraph($"First cathodic onset at −{ReportNumber.Show(v.Threshold / 10 * 1e3, "G3")} µA/cm² (an electrolyte's reduction; in a cell without one the metal's plating): " +
                $"{cat.OnsetVoltage:F3} V, run {cat.Index} (cycle {cat.Cycle}).");
        if (v.Reduction is { } red && v.Run is { } rr)
            rep.AddParagraph($"The electrolyte is reduced on the working electrode below {red.ReductionPotential:F2} V until its film closes (docs/models.md §16.4): " +
                $"{ReportNumber.Show(rr.ReductionChargeCPerM2 / 10, "G3")} mC/cm² over the run, of the {ReportNumber.Show(red.PassivationCharge / 10, "G3")} mC/cm² that close it " +
                $"(covered fraction {ReportNumber.Show(red.Coverage(rr.ReductionChargeCPerM2), "F3")}).");
        // one banner listing every warning, as a cycling run's report has (RunStatus), not a box per line
        if (v.Warnings.Count > 0)
            rep.AddBanner(new Banner(BannerKind.Warning, $"{RunStatus.Count(v.Warnings.Count, "warning")} about these results: read them with care.",
                v.Warnings, "summary.json, warnings"));
        var traces = new List<Trace>();
        var cycles = v.Cycle.Distinct().Order().ToList();
        // at most 12 cycles drawn: the first ones and the last
        var shown = cycles.Count <= 12 ? cycles : cycles.Take(11).Append(cycles[^1]).ToList();
        // each cycle keeps its colour in both figures (the logarithmic one leaves out a run without current)
        for (int n = 0; n < shown.Count; n++)
        {
            int c = shown[n];
            var idx = Enumerable.Range(0, v.Voltage.Count).Where(k => v.Cycle[k] == c).ToList();
            traces.Add(new Trace(c == 0 ? "sweep" : $"cycle {c}", idx.Select(k => v.Voltage[k]).ToList(), idx.Select(k => v.CurrentDensity[k] / 10 * 1e3).ToList())
            { Color = CycleColours[n % CycleColours.Length] });
        }
        if (onset is { } on)
            traces.Add(new Trace("onset", [on], [v.Threshold / 10 * 1e3]) { Mode = TraceMode.Markers, MarkerSize = 10, Color = "#d62728" });
        rep.AddFigure(new Figure("Current against voltage", "voltage / V", "current density / µA cm⁻²") { Traces = traces });
        // the onset region on a logarithmic axis: |i| against voltage (zero currents left out)
        var logTraces = traces.Where(t => t.Name != "onset").Select(t =>
        {
            var keep = Enumerable.Range(0, t.Count).Where(k => Math.Abs(t.Y[k]) > 0).ToList();
            return new Trace(t.Name, keep.Select(k => t.X[k]).ToList(), keep.Select(k => Math.Abs(t.Y[k])).ToList()) { Color = t.Color };
        }).Where(t => t.Count > 0).ToList();
        if (logTraces.Count > 0)
        {
            logTraces.Add(new Trace("threshold", [v.Voltage.Min(), v.Voltage.Max()], [v.Threshold / 10 * 1e3, v.Threshold / 10 * 1e3]) { Color = "#d62728", Dash = LineDash.Dash });
            rep.AddFigure(new Figure("|Current| against voltage (logarithmic)", "voltage / V", "|current density| / µA cm⁻²") { LogY = true, Traces = logTraces });
        }
        rep.AddFigure(new Figure("Current against time", "time / h", "current density / µA cm⁻²")
        {
            Traces = [new Trace("current", v.TimeS.Select(t => t / 3600).ToList(), v.CurrentDensity.Select(i => i / 10 * 1e3).ToList())],
        });
        if (v.Run is { } run) AddFormation(rep, run, v.AreaM2);
        rep.AddTable(["run", "cycle", "direction", "from / V", "to / V", "peak / µA cm⁻²", "at / V", "onset / V"],
            segs.Take(50).Select(s => (IReadOnlyList<string>)[s.Index.ToString(CultureInfo.InvariantCulture), s.Cycle.ToString(CultureInfo.InvariantCulture),
                s.Anodic ? "anodic" : "cathodic", ReportNumber.Show(s.FromV, "F3"), ReportNumber.Show(s.ToV, "F3"),
                ReportNumber.Show(s.PeakCurrent / 10 * 1e3, "G4"), ReportNumber.Show(s.PeakVoltage, "F3"), ReportNumber.Show(s.OnsetVoltage, "F3")]));
        return rep;
    }

    static void AddFormation(HtmlReport rep, Simulation.SweepResult run, double areaM2)
    {
        if (run.Formation is { } f)
        {
            rep.AddHeading($"{f.Growth.Polymer} layer grown in the cell");
            rep.AddParagraph($"{f.Growth.Monomer} ({f.Growth.MonomerConcentration:G3} mM) polymerised above {f.Growth.OnsetPotential:F2} V: " +
                $"{ReportNumber.Show(f.ChargeCPerM2 / 10, "G4")} mC/cm², {ReportNumber.Show(f.ThicknessM * 1e9, "G4")} nm mean thickness, coverage {ReportNumber.Show(f.Coverage, "F4")}; " +
                $"working interface {ReportNumber.Show(f.InitialInterfaceAsr / areaM2, "G4")} → {ReportNumber.Show(f.FinalInterfaceAsr / areaM2, "G4")} Ω at {run.TemperatureK - 273.15:G3} °C.");
            var t = run.Series.Select(p => p.TimeS / 3600).ToList();
            rep.AddFigure(new Figure("Grown layer", "time / h", "mean thickness / nm")
            {
                Y2Title = "coverage",
                Traces = [new Trace("thickness", t, run.Series.Select(p => p.LayerThicknessM * 1e9).ToList()),
                          new Trace("coverage", t, run.Series.Select(p => p.Coverage).ToList()) { YAxis = 2 }],
            });
            rep.AddFigure(new Figure($"Working interface resistance per cycle (at {run.TemperatureK - 273.15:G3} °C)", "cycle", "R_interface / Ω")
            {
                Traces = [new Trace("R_interface", f.Cycles.Select(r => (double)r.Cycle).ToList(), f.Cycles.Select(r => r.InterfaceAsr / areaM2).ToList()) { Mode = TraceMode.LinesAndMarkers }],
            });
        }
        if (run.Spectra.Count > 0)
        {
            // the blocking double layer's capacitive tail runs to −Z″ ≫ Z′ at low frequency and would hide the arcs:
            // the figure draws each spectrum up to −Z″ = 1.5 × its largest Z′ (eis_N.csv has every point)
            rep.AddFigure(new Figure("Nyquist (capacitive tail beyond −Z″ = 1.5 × max Z′ not drawn; eis_N.csv has it)", "Z′ / Ω", "−Z″ / Ω")
            {
                EqualAspect = true,
                Traces = run.Spectra.Select(sp =>
                {
                    double cap = 1.5 * sp.Impedance.Max(z => z.Real);
                    var keep = sp.Impedance.Where(z => -z.Imaginary <= cap).ToList();
                    return new Trace($"eis_{sp.Index} (after cycle {sp.AfterCycle}{(sp.TemperatureK is { } tk ? $", {tk - 273.15:G3} °C" : "")})",
                        keep.Select(z => z.Real).ToList(), keep.Select(z => -z.Imaginary).ToList());
                }).ToList(),
            });
            rep.AddTable(["spectrum", "after cycle", "R_el / Ω", "R_interface / Ω", "R_ct counter / Ω"],
                run.Spectra.Select(sp => (IReadOnlyList<string>)[$"eis_{sp.Index}.csv", sp.AfterCycle.ToString(CultureInfo.InvariantCulture),
                    ReportNumber.Show(sp.RBulk, "G4"), ReportNumber.Show(sp.RInterphase, "G4"), ReportNumber.Show(sp.RChargeTransfer, "G4")]));
        }
        if (run.Events.Count > 0)
            rep.AddTable(["time / h", "cycle", "event"], run.Events.Select(e => (IReadOnlyList<string>)[ReportNumber.Show(e.TimeS / 3600, "F3"), e.Cycle.ToString(CultureInfo.InvariantCulture), e.Message]));
    }
}
