using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.IO;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>Writes a symmetric-cell run: timeseries.csv, cycles.csv, summary.json, eis_N.csv and report.html.</summary>
public static class SimulationWriter
{
    public const string VoltageConvention = "cell voltage V = φ(electrode 1) − φ(electrode 2): negative while electrode 1 plates";
    public const string CurrentConvention = "current density positive while electrode 1 strips (the sign of V for an ohmic cell)";
    public const string CycleConvention = "a cycle is one plating and one stripping half cycle of electrode 1, counted from the first current step";
    public const string OverpotentialConvention = "mean |V| weighted by time over the current-carrying part of a cycle; rests are excluded; mean_overpotential_mV averages the cycles completed before any short circuit. The interfacial overpotential is |V − i·R_bulk|, the same without the electrolyte's ohmic drop (IR-corrected)";

    public static string TimeSeriesCsv(SimulationResult r) => TimeSeries(r).ToCsv();

    /// <summary>The time series as a table (timeseries.csv or .parquet), one row per recorded point.</summary>
    public static NumericTable TimeSeries(SimulationResult r)
    {
        var layout = new SeriesLayout(r.HasAmalgam, r.HasConcentration) { Zone = r.HasAmalgamZone };
        var table = new NumericTable(layout.Columns(), r.Series.Count);
        var row = new double[table.ColumnCount];
        for (int n = 0; n < r.Series.Count; n++)
        {
            layout.Fill(r.Series[n], row);
            table.Row(row);
        }
        return table;
    }

    /// <summary>
    /// The columns of a symmetric cell's time series: the amalgam's two columns per electrode and the salt ratios are
    /// there only for a cell that has them (known from the cell before it runs, and from its result after).
    /// </summary>
    public readonly record struct SeriesLayout(bool Amalgam, bool Concentration)
    {
        /// <summary>The layout of <paramref name="cell"/>'s runs (the same flags its <see cref="SimulationResult"/> carries).</summary>
        public static SeriesLayout Of(SymmetricCell cell) =>
            new(cell.Left.Amalgam is not null || cell.Right.Amalgam is not null, cell.Concentration is not null)
            { Zone = cell.Left.Zone is not null || cell.Right.Zone is not null };

        /// <summary>An amalgam sits on a solid electrolyte: the depth of the electrolyte it has infiltrated, per electrode (AmalgamZone).</summary>
        public bool Zone { get; init; }

        public List<string> Columns()
        {
            var header = new List<string> { "time_h", "current_density_mA_cm2", "voltage_V", "cycle", "step", "short_circuit", "soft_short" };
            foreach (var e in new[] { "e1", "e2" })
            {
                header.AddRange([$"contact_fraction_{e}", $"interphase_thickness_nm_{e}", $"filament_length_um_{e}", $"metal_thickness_um_{e}"]);
                if (Amalgam) header.AddRange([$"amalgam_li_fraction_{e}", $"amalgam_liquid_fraction_{e}"]);
                if (Zone) header.Add($"amalgam_zone_um_{e}");
            }
            if (Concentration) header.AddRange(["salt_ratio_e1", "salt_ratio_e2"]);
            return header;
        }

        /// <summary>A point's row, in the units of <see cref="Columns"/>.</summary>
        public void Fill(in TimePoint p, Span<double> row)
        {
            int k = 0;
            row[k++] = p.TimeS / Si.Hour;
            row[k++] = p.CurrentDensity / Si.MilliampPerCm2;
            row[k++] = p.Voltage;
            row[k++] = p.Cycle;
            row[k++] = p.StepIndex;
            row[k++] = p.Shorted ? 1 : 0;
            row[k++] = p.Bridged ? 1 : 0;
            k = Electrode(p.Left, row, k);
            k = Electrode(p.Right, row, k);
            if (Concentration) { row[k++] = p.SaltRatioLeft; row[k++] = p.SaltRatioRight; }
        }

        int Electrode(in InterfaceSnapshot s, Span<double> row, int k)
        {
            row[k++] = s.Contact;
            row[k++] = s.InterphaseM * 1e9;
            row[k++] = s.FilamentM * 1e6;
            row[k++] = s.MetalM * 1e6;
            if (Amalgam) { row[k++] = s.AmalgamLiFraction; row[k++] = s.AmalgamLiquidFraction; }
            if (Zone) row[k++] = s.AmalgamZoneM * 1e6;
            return k;
        }
    }

    /// <summary>
    /// The time series of a run of <paramref name="cell"/> that is about to start, filled (and, for CSV, formatted) on
    /// another core while the solver runs: hand <see cref="TableStream{T}.Add"/> to the simulator
    /// (<see cref="SymmetricSimulator.Recorded"/>) and the stream to <see cref="Write"/>. The file is the same, byte for
    /// byte, as the one written from the result after the run.
    /// </summary>
    public static TableStream<TimePoint> StreamTimeSeries(SymmetricCell cell, TableFormat format)
    {
        var layout = SeriesLayout.Of(cell);
        return new TableStream<TimePoint>(layout.Columns(), layout.Fill, format == TableFormat.Csv);
    }

    public static string CyclesCsv(SimulationResult r) => Cycles(r).ToCsv();

    /// <summary>The per-cycle table (cycles.csv or .parquet).</summary>
    public static NumericTable Cycles(SimulationResult r)
    {
        var table = new NumericTable(["cycle", "current_density_mA_cm2", "mean_abs_overpotential_mV", "max_abs_overpotential_mV",
            "mean_abs_interfacial_overpotential_mV", "start_h", "end_h", "plated_mAh_cm2", "stripped_mAh_cm2", "complete"], r.Cycles.Count);
        foreach (var c in r.Cycles)
            table.Row(c.Cycle, c.CurrentDensity / Si.MilliampPerCm2, c.MeanAbsVoltage * 1e3, c.MaxAbsVoltage * 1e3, c.MeanAbsInterfacial * 1e3,
                c.StartS / Si.Hour, c.EndS / Si.Hour, c.ChargePlated / Si.MahPerCm2, c.ChargeStripped / Si.MahPerCm2, c.Complete ? 1 : 0);
        return table;
    }

    /// <summary>
    /// The depth of the electrolyte each electrode's amalgam has infiltrated (AmalgamZone, docs/models.md §8.1): as made,
    /// at the end and the deepest reached; null for an electrode without an amalgam on a solid electrolyte (a liquid
    /// electrolyte has no zone: n/a).
    /// </summary>
    static void WriteAmalgamZone(Utf8JsonWriter w, SimulationResult r)
    {
        w.WriteStartObject("amalgam_zone_um");
        foreach (var (tag, pick) in new (string, Func<TimePoint, InterfaceSnapshot>)[] { ("electrode_1", p => p.Left), ("electrode_2", p => p.Right) })
        {
            if (!r.HasAmalgamZone || r.Series.Count == 0 || !double.IsFinite(pick(r.Series[0]).AmalgamZoneM)) { w.WriteNull(tag); continue; }
            w.WriteStartObject(tag);
            Num(w, "initial", pick(r.Series[0]).AmalgamZoneM * 1e6);
            Num(w, "final", pick(r.Series[^1]).AmalgamZoneM * 1e6);
            Num(w, "max", r.Series.Max(p => pick(p).AmalgamZoneM) * 1e6);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static string SpectrumCsv(SimulatedSpectrum s)
    {
        var csv = new CsvText("frequency_Hz", "z_real_ohm", "z_imag_ohm", "minus_z_imag_ohm", "z_mod_ohm", "phase_deg");
        for (int k = 0; k < s.FrequencyHz.Length; k++)
        {
            var z = s.Impedance[k];
            csv.Row(s.FrequencyHz[k], z.Real, z.Imaginary, -z.Imaginary, z.Magnitude, z.Phase * 180 / Math.PI);
        }
        return csv.ToString();
    }

    public static string SummaryJson(SimulationResult r, string? protocolSource = null)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("cell", r.CellName);
            w.WriteString("kind", "symmetric");
            if (protocolSource is not null) w.WriteString("protocol", protocolSource);
            Num(w, "area_cm2", r.AreaM2 * 1e4);
            Num(w, "temperature_degC", r.TemperatureK - Si.ZeroCelsius);
            w.WriteBoolean("short_circuit", r.ShortCircuit);
            Num(w, "short_circuit_time_h", r.ShortCircuitTimeS / Si.Hour);
            if (r.ShortCircuitCycle is { } sc) w.WriteNumber("short_circuit_cycle", sc); else w.WriteNull("short_circuit_cycle");
            WriteSoftShorts(w, r.SoftShorts);
            Num(w, "critical_current_density_mA_cm2", r.CriticalCurrentDensity / Si.MilliampPerCm2);
            Num(w, "onset_critical_current_density_mA_cm2", r.Onset?.RampCurrentDensity / Si.MilliampPerCm2);
            WriteOnset(w, r.Onset);
            // the metal each electrode's interphase took from its foil (charge conservation: the foil lost exactly this)
            w.WriteStartObject("interphase_metal_consumed_mAh_cm2");
            w.WriteNumber("electrode_1", r.InterphaseCharge.Left / Si.MahPerCm2);
            w.WriteNumber("electrode_2", r.InterphaseCharge.Right / Si.MahPerCm2);
            w.WriteEndObject();
            Num(w, "electronic_leakage_asr_ohm_cm2", r.LeakageAsr * 1e4);
            if (r.HasAmalgam) WriteAmalgamZone(w, r);
            WriteCycleCounts(w, r.Cycles.Count(c => c.Complete), r.Cycles.Count);
            w.WriteNumber("cycles_before_short_circuit", r.CyclesBeforeShort.Count);
            Num(w, "mean_overpotential_mV", r.MeanOverpotential * 1e3);
            Num(w, "mean_interfacial_overpotential_mV", r.MeanInterfacialOverpotential * 1e3);
            Num(w, "max_overpotential_mV", r.Cycles.Any(c => double.IsFinite(c.MaxAbsVoltage)) ? r.Cycles.Where(c => double.IsFinite(c.MaxAbsVoltage)).Max(c => c.MaxAbsVoltage) * 1e3 : null);
            Num(w, "duration_h", r.Series.Count > 0 ? r.Series[^1].TimeS / Si.Hour : r.Cycles.LastOrDefault()?.EndS / Si.Hour);
            w.WriteString("end_reason", r.EndReason);
            w.WriteString("stop_reason", r.StopReason);
            WriteWarnings(w, r.Warnings);
            WriteMechanisms(w, r.Mechanisms, fullCell: false);
            w.WriteNumber("time_steps", r.Steps);

            WriteSpectra(w, r.Spectra);
            TemperatureSeries.Json(w, r.Spectra, r.AreaM2, r.ElectrolyteThicknessM);
            WriteEvents(w, r.Events);

            if (r.Series.Count > 0)
            {
                var last = r.Series[^1];
                w.WriteStartObject("final_state");
                foreach (var (s, tag) in new[] { (last.Left, "electrode_1"), (last.Right, "electrode_2") })
                {
                    w.WriteStartObject(tag);
                    Num(w, "contact_fraction", s.Contact);
                    Num(w, "interphase_thickness_nm", s.InterphaseM * 1e9);
                    Num(w, "filament_length_um", s.FilamentM * 1e6);
                    Num(w, "metal_thickness_um", s.MetalM * 1e6);
                    if (r.HasAmalgam) Num(w, "amalgam_layer_um", double.IsFinite(s.AmalgamLayerM) ? s.AmalgamLayerM * 1e6 : null);
                    if (r.HasAmalgamZone) Num(w, "amalgam_zone_um", double.IsFinite(s.AmalgamZoneM) ? s.AmalgamZoneM * 1e6 : null);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }

            w.WriteStartObject("derived");
            foreach (var (key, v) in r.Derived) Num(w, key, v);
            w.WriteEndObject();

            w.WriteStartObject("conventions");
            w.WriteString("voltage", VoltageConvention);
            w.WriteString("current", CurrentConvention);
            w.WriteString("cycle", CycleConvention);
            w.WriteString("overpotential", OverpotentialConvention);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    internal static void WriteSpectra(Utf8JsonWriter w, IReadOnlyList<SimulatedSpectrum> spectra)
    {
        w.WriteStartArray("impedance");
        foreach (var s in spectra)
        {
            w.WriteStartObject();
            w.WriteNumber("index", s.Index);
            w.WriteNumber("after_cycle", s.AfterCycle);
            Num(w, "time_h", s.TimeS / Si.Hour);
            // the state the spectrum was taken at (HalfCycleTracker): cycle and half cycle in progress, the charge passed
            // since that half cycle began and, in a discharge, the depth of discharge (null until that discharge ended)
            if (s.Cycle is { } cycle) w.WriteNumber("cycle", cycle);
            if (s.HalfCycle is { } half) w.WriteString("half_cycle", half);
            if (s.HalfCycleCharge is { } q)
            {
                Num(w, "half_cycle_charge_mAh_g", s.HalfCycleSpecificCharge / 3600);
                Num(w, "half_cycle_charge_mAh_cm2", q / Si.MahPerCm2);
                Num(w, "depth_of_discharge", s.DepthOfDischarge);
            }
            w.WriteString("file", $"eis_{s.Index}.csv");
            Num(w, "R_bulk_ohm", s.RBulk);
            Num(w, "R_interphase_ohm", s.RInterphase);
            Num(w, "R_ct_ohm", s.RChargeTransfer);
            Num(w, "R_electronic_ohm", s.RElectronic); // the electronic leak in parallel (null: none)
            if (s.TemperatureK is { } tk) Num(w, "temperature_degC", tk - 273.15);
            Num(w, "R_bridge_ohm", s.RBridge); // a soft short's filament bridge in parallel (null: none)
            // the hard short's resistance in parallel, written only for a spectrum taken after it (decision 0073)
            if (s.RShort is { } rShort) Num(w, "R_short_ohm", rShort);
            if (s.Fitted.Count > 0)
            {
                w.WriteStartObject("fitted");
                // a full cell's circuit is built from what its model generated, each element beside its generated value (decision 0062)
                if (s.FitCircuit is { } circuit) w.WriteString("circuit", circuit);
                foreach (var (key, v) in s.Fitted) Num(w, key, v);
                if (s.FitEstimates is { } estimates)
                {
                    w.WriteStartObject("estimates");
                    foreach (var (element, quantity) in estimates) w.WriteString(element, quantity);
                    w.WriteEndObject();
                }
                // the R the spectrum does not determine (relative standard error null or above 1: SpectrumFit.NotDetermined)
                if (s.Fitted.ContainsKey("R0_ohm") || s.Fitted.ContainsKey(BridgedSpectrumFit.CellKey))
                {
                    w.WriteStartArray("not_determined");
                    foreach (var r in SpectrumFit.NotDetermined(s.Fitted)) w.WriteStringValue(r);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// <c>"warnings": [...]</c>, always present (empty when none): where the run extrapolated beyond its
    /// materials' data (docs/models.md, "Validity domain").
    /// </summary>
    /// <summary>"mechanisms": {"on": [...], "off": [...]}: which of the cell kind's mechanisms the run included (Mechanisms).</summary>
    internal static void WriteMechanisms(Utf8JsonWriter w, Mechanisms m, bool fullCell)
    {
        w.WriteStartObject("mechanisms");
        w.WriteStartArray("on");
        foreach (var n in m.NamesOn(fullCell)) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteStartArray("off");
        foreach (var n in m.NamesOff) w.WriteStringValue(n);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// summary.json's cycle counts, one meaning for every kind of run and record (decision 0080): <c>cycles</c> the complete
    /// cycles (both half cycles, charge and discharge or plate and strip, whole), <c>cycles_begun</c> every cycle the run or
    /// the record holds, the incomplete ones included.
    /// </summary>
    internal static void WriteCycleCounts(Utf8JsonWriter w, int complete, int begun)
    {
        w.WriteNumber("cycles", complete);
        w.WriteNumber("cycles_begun", begun);
    }

    internal static void WriteWarnings(Utf8JsonWriter w, IReadOnlyList<string> warnings)
    {
        w.WriteStartArray("warnings");
        foreach (var x in warnings) w.WriteStringValue(x);
        w.WriteEndArray();
    }

    internal static void WriteEvents(Utf8JsonWriter w, IReadOnlyList<SimulationEvent> events)
    {
        w.WriteStartArray("events");
        foreach (var e in events)
        {
            w.WriteStartObject();
            Num(w, "time_h", e.TimeS / Si.Hour);
            w.WriteNumber("cycle", e.Cycle);
            w.WriteString("kind", e.Kind);
            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>A number, or null when it is missing or not finite (JSON has no NaN).</summary>
    /// <summary>summary.json's dendrite_onset block (null when no filament grew), symmetric and full cells alike.</summary>
    /// <summary>
    /// Soft shorts before the hard one (symmetric and full cells): a filament bridge that fused, dissolved or stood in
    /// parallel with the cell: soft_shorts, soft_short_times_h and soft_short_details.
    /// </summary>
    public static void WriteSoftShorts(Utf8JsonWriter w, IReadOnlyList<SoftShort> softShorts)
    {
        w.WriteNumber("soft_shorts", softShorts.Count);
        w.WriteStartArray("soft_short_times_h");
        foreach (var s in softShorts) w.WriteNumberValue(s.StartS / Si.Hour);
        w.WriteEndArray();
        w.WriteStartArray("soft_short_details");
        foreach (var s in softShorts)
        {
            w.WriteStartObject();
            w.WriteNumber("start_h", s.StartS / Si.Hour);
            Num(w, "end_h", s.EndS / Si.Hour);
            w.WriteNumber("cycle", s.Cycle);
            w.WriteString("electrode", s.Electrode);
            w.WriteNumber("bridge_asr_ohm_cm2", s.BridgeAsr * 1e4);
            w.WriteString("ending", s.Ending);
            Num(w, "gap_um", s.GapM * 1e6);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void WriteOnset(Utf8JsonWriter w, DendriteOnset? onset)
    {
        if (onset is not { } on) { w.WriteNull("dendrite_onset"); return; }
        w.WriteStartObject("dendrite_onset");
        w.WriteNumber("time_h", on.TimeS / Si.Hour);
        w.WriteNumber("cycle", on.Cycle);
        w.WriteNumber("current_density_mA_cm2", on.CurrentDensity / Si.MilliampPerCm2);
        w.WriteString("electrode", on.Electrode);
        w.WriteEndObject();
    }

    internal static void Num(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x);
        else w.WriteNull(name);
    }

    /// <summary>Write all outputs to DIR through the staging folder; nothing appears until all are complete.</summary>
    /// <param name="streamed">
    /// The time series as it was streamed during the run (<see cref="StreamTimeSeries"/>, made for
    /// <paramref name="format"/>); null to make it from <paramref name="r"/>. A stream that did not see exactly this
    /// run's points is refused.
    /// </param>
    public static IReadOnlyList<string> Write(SimulationResult r, string outDir, string? protocolSource = null, Func<SimulationResult, HtmlReport>? report = null, TableFormat format = TableFormat.Csv,
        IReadOnlyList<FigureFormat>? figures = null, FigureSize figureSize = FigureSize.Single, TableStream<TimePoint>? streamed = null)
    {
        if (streamed is not null) streamed.CheckIsOf(r.Series, new SeriesLayout(r.HasAmalgam, r.HasConcentration) { Zone = r.HasAmalgamZone }.Columns(), format);
        using var staging = new OutputStaging(outDir);
        // the time series (the largest table) is formatted on another core while the rest is written; a streamed one
        // was mostly formatted while the solver ran
        var timeSeries = streamed is not null ? staging.StartTable("timeseries", streamed, format) : staging.StartTable("timeseries", TimeSeries(r), format);
        staging.WriteTable("cycles", Cycles(r), format);
        staging.WriteText("summary.json", SummaryJson(r, protocolSource));
        foreach (var s in r.Spectra) staging.WriteText($"eis_{s.Index}.csv", SpectrumCsv(s));
        if (TemperatureSeries.Csv(r.Spectra, r.AreaM2, r.ElectrolyteThicknessM) is { } series) staging.WriteText("conductivity.csv", series);
        if (report is not null)
        {
            var page = report(r);
            page.Write(staging);
            // the report's figures as files for a paper (--figures svg,png,pdf)
            if (figures is { Count: > 0 }) StaticFigures.Write(page.Figures, figures, figureSize, staging, RunStatus.MechanismsNote(r.Mechanisms));
        }
        timeSeries.Finish();
        return staging.Commit();
    }
}
