using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.IO;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>
/// Writes the analysis of a measured file with the same files as a simulation (timeseries.csv,
/// cycles.csv, summary.json, report.html), so that `interphase compare` can overlay the two. A
/// symmetric cell's files use the simulation's column and key names; columns only a measurement has
/// (current in mA, the instrument's cycle) come after them. A full cell adds dqdv.csv.
/// </summary>
public static class MeasurementWriter
{
    public const string CurrentConvention =
        "current positive = charge: oxidation at the working electrode (for a symmetric cell electrode 1 = the working electrode, which strips), as BioLogic, Arbin, Maccor and Neware record it; exports with unsigned currents take the sign of their state column";
    public const string CycleConvention =
        "a half cycle is a maximal run of one current sign (rests do not end it); a cycle opens with a half cycle of the starting direction that follows one of the other direction; the starting direction is the file's first unless chosen (--cycle-start); the instrument's own cycle counter is reported, not used";
    public const string CapacityConvention =
        "capacities are the instrument's capacity counters (their increments, resets allowed) when these agree with the integrated current within 5 % over the file, else ∫|I| dt with each record's current taken as flowing since the previous record";
    public const string EfficiencyConvention =
        "coulombic efficiency = discharge capacity ÷ charge capacity of the same cycle (a cathode-limited cell: what the cathode took up on charge and gave back; a full-cell cycle opens with a charge unless --cycle-start says otherwise); retention = a cycle's discharge capacity ÷ that of the reference cycle, the first complete cycle; both exist for complete cycles only, and only complete cycles enter means and rate groups; C-rates are relative to the largest discharge capacity of the file";
    public const string CompletenessConvention =
        "a cycle is complete when it has a half cycle of each direction, the record holds both whole (it neither begins inside the first, by the instrument's counter or by current already flowing at the first record, nor ends inside the last, with current still flowing at the last record), and neither passed less than 5 % of the median half cycle's charge; a partial cycle's capacities are what the record holds of it, and its reasons are listed (cycles.csv column partial, summary.json partial_cycles)";
    public const string ShortConvention =
        "short circuit: the first record after which |V| stays below 25 % of the preceding half cycle's overpotential (collapse; below 5 % when the record ends within three points of it), or the first noisy record of a half cycle whose point-to-point noise exceeds 5× the healthy noise and 2 % of the level, after which the overpotential falls below 60 % and stays there (soft short)";

    static void Num(Utf8JsonWriter w, string name, double? v) => SimulationWriter.Num(w, name, v);

    static double Mah(double coulomb) => coulomb / 3.6;
    static double Mah(double? coulomb) => (coulomb ?? double.NaN) / 3.6;
    static double N(double? v) => v ?? double.NaN;

    /// <summary>A cycles.csv row: the numbers (null and non-finite as empty cells), then the partial cycle's reasons ("" when complete).</summary>
    static void Row(CsvText csv, IReadOnlyList<PartialReason> partial, params double[] values) =>
        csv.RawRow(values.Select(CsvText.Format).Append(PartialCycle.Codes(partial)));

    /// <summary>summary.json's list of partial cycles and why each is partial.</summary>
    static void PartialCycles(Utf8JsonWriter w, IEnumerable<(int Cycle, IReadOnlyList<PartialReason> Reasons)> cycles)
    {
        w.WriteStartArray("partial_cycles");
        foreach (var (cycle, reasons) in cycles.Where(c => c.Reasons.Count > 0))
        {
            w.WriteStartObject();
            w.WriteNumber("cycle", cycle);
            w.WriteStartArray("reasons");
            foreach (var r in reasons) w.WriteStringValue(r.Code);
            w.WriteEndArray();
            w.WriteString("description", PartialCycle.Describe(reasons));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // ---------- symmetric cells ----------

    public static string TimeSeriesCsv(SymmetricAnalysis a) => Text(w => TimeSeriesCsv(a, w));

    /// <summary>What a writer method writes, as one string (for callers that want the text).</summary>
    static string Text(Action<TextWriter> write)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        write(w);
        return w.ToString();
    }

    /// <summary>timeseries.csv, written to <paramref name="output"/> as it is made (a file of millions of records is never one string).</summary>
    public static void TimeSeriesCsv(SymmetricAnalysis a, TextWriter output)
    {
        var d = a.Data;
        var csv = new CsvText(output, "time_h", "current_density_mA_cm2", "voltage_V", "cycle", "step", "short_circuit", "current_mA", "half_cycle", "instrument_cycle");
        double area = a.AreaM2 ?? double.NaN;
        double tShort = a.Short?.TimeS ?? double.PositiveInfinity;
        var row = new double[9];
        var walk = a.Segmentation.Walk();
        for (int i = 0; i < d.Count; i++)
        {
            walk.MoveTo(i);
            row[0] = d.TimeS[i] / Si.Hour;
            row[1] = d.Current[i] / area / Si.MilliampPerCm2;
            row[2] = d.Voltage[i];
            row[3] = walk.Cycle;
            row[4] = d.StepIndex[i] >= 0 ? d.StepIndex[i] : double.NaN;
            row[5] = d.TimeS[i] >= tShort ? 1 : 0;
            row[6] = d.Current[i] * 1e3;
            row[7] = walk.HalfCycle >= 0 ? walk.HalfCycle : double.NaN;
            row[8] = d.Cycle[i] >= 0 ? d.Cycle[i] : double.NaN;
            csv.Row(row);
        }
        csv.Flush();
    }

    public static string CyclesCsv(SymmetricAnalysis a)
    {
        var csv = new CsvText("cycle", "current_density_mA_cm2", "mean_abs_overpotential_mV", "max_abs_overpotential_mV",
            "mean_abs_interfacial_overpotential_mV", "start_h", "end_h", "plated_mAh_cm2", "stripped_mAh_cm2",
            "current_mA", "plated_mAh", "stripped_mAh", "complete", "partial");
        double area = a.AreaM2 ?? double.NaN;
        foreach (var c in a.Cycles)
            Row(csv, c.Partial, c.Cycle, c.CurrentDensity / Si.MilliampPerCm2, c.MeanAbsVoltage * 1e3, c.MaxAbsVoltage * 1e3, double.NaN,
                c.StartS / Si.Hour, c.EndS / Si.Hour, c.ChargePlatedC / area / Si.MahPerCm2, c.ChargeStrippedC / area / Si.MahPerCm2,
                c.CurrentA * 1e3, Mah(c.ChargePlatedC), Mah(c.ChargeStrippedC), c.Complete ? 1 : 0);
        return csv.ToString();
    }

    /// <summary>A summary.json: the keys every measurement's summary opens with, then <paramref name="body"/>.</summary>
    static string Summary(Measurement m, string kind, string format, Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("cell", Path.GetFileNameWithoutExtension(m.File.Path));
            w.WriteString("kind", kind);
            w.WriteString("source", "measurement");
            w.WriteString("file", Path.GetFileName(m.File.Path));
            w.WriteString("format", format);
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static string SummaryJson(Measurement m) => Summary(m, m.Kind == CellKind.Symmetric ? "symmetric" : "full", m.Data!.Info.Format, w =>
        {
            if (m.Data.Info.Technique is { } tech) w.WriteString("technique", tech);
            w.WriteString("kind_reason", m.KindReason);
            w.WriteNumber("records", m.Data.Count);
            Num(w, "duration_h", m.Data.Count > 0 ? m.Data.TimeS[^1] / Si.Hour : double.NaN);
            if (m.Symmetric is { } s) Symmetric(w, s);
            if (m.Full is { } f) Full(w, f);
            var seg = (m.Symmetric?.Segmentation ?? m.Full?.Segmentation)!;
            w.WriteNumber("half_cycles", seg.HalfCycles.Count);
            w.WriteString("capacity_from", seg.CapacityFrom);
            if (m.Interleaved is { } spectra)
            {
                w.WriteString("impedance_reason", InterleavedSpectra.Reason);
                w.WriteString("circuit", EisAnalysis.DomainCircuit);
                w.WriteNumber("sweeps_in_file", spectra.Analysis.SweepsInFile);
                ImpedanceArray(w, spectra.Analysis, spectra);
            }
            FileInfo(w, m.Data.Info);
            w.WriteStartArray("warnings");
            foreach (var x in m.Full?.Warnings ?? []) w.WriteStringValue(x);
            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var n in m.Data.Info.Notes.Concat(seg.Notes).Concat(m.Symmetric?.Notes ?? m.Full!.Notes)) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteStartObject("conventions");
            if (m.Kind == CellKind.Symmetric) w.WriteString("voltage", SimulationWriter.VoltageConvention.Replace("electrode 1", "electrode 1 (the working electrode)"));
            w.WriteString("current", CurrentConvention);
            w.WriteString("cycle", CycleConvention);
            w.WriteString("capacity", CapacityConvention);
            w.WriteString("complete_cycle", CompletenessConvention);
            if (m.Kind == CellKind.Symmetric)
            {
                w.WriteString("overpotential", SimulationWriter.OverpotentialConvention.Replace(". The interfacial overpotential is |V − i·R_bulk|, the same without the electrolyte's ohmic drop (IR-corrected)", "; a measurement does not separate the electrolyte's ohmic drop, so the interfacial overpotential is left empty"));
                w.WriteString("short_circuit", ShortConvention);
            }
            else w.WriteString("coulombic_efficiency", EfficiencyConvention);
            if (m.Interleaved is not null)
            {
                w.WriteString("impedance", ImpedanceConvention);
                w.WriteString("chi_square", Impedance.EisOutput.ChiSquareDefinition);
            }
            w.WriteEndObject();
        });

    static void Symmetric(Utf8JsonWriter w, SymmetricAnalysis s)
    {
        Num(w, "area_cm2", s.AreaM2 * 1e4);
        w.WriteBoolean("short_circuit", s.Short is not null);
        Num(w, "short_circuit_time_h", s.Short?.TimeS / Si.Hour);
        if (s.Short is { } sc) w.WriteNumber("short_circuit_cycle", sc.Cycle); else w.WriteNull("short_circuit_cycle");
        if (s.Short is { } k) w.WriteString("short_circuit_kind", k.Kind); else w.WriteNull("short_circuit_kind");
        Num(w, "critical_current_density_mA_cm2", s.CriticalCurrentDensity / Si.MilliampPerCm2);
        SimulationWriter.WriteCycleCounts(w, s.Cycles.Count(c => c.Complete), s.Cycles.Count);
        w.WriteNumber("cycles_before_short_circuit", s.CyclesBeforeShort.Count);
        Num(w, "mean_overpotential_mV", s.MeanOverpotential * 1e3);
        w.WriteNull("mean_interfacial_overpotential_mV");
        Num(w, "max_overpotential_mV", s.Cycles.Count == 0 ? double.NaN : s.Cycles.Max(c => c.MaxAbsVoltage) * 1e3);
        PartialCycles(w, s.Cycles.Select(c => (c.Cycle, c.Partial)));
        w.WriteStartArray("events");
        if (s.Short is { } e)
        {
            w.WriteStartObject();
            Num(w, "time_h", e.TimeS / Si.Hour);
            w.WriteNumber("cycle", e.Cycle);
            w.WriteString("kind", "short_circuit");
            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void Full(Utf8JsonWriter w, FullCellAnalysis f)
    {
        double g = f.ActiveMassKg is { } m ? m * 1e3 : double.NaN;
        Num(w, "area_cm2", f.AreaM2 * 1e4);
        Num(w, "active_mass_mg", f.ActiveMassKg * 1e6);
        var complete = f.CompleteCycles;
        FullCycle? first = complete.Count > 0 ? complete[0] : null, last = complete.Count > 0 ? complete[^1] : null;
        SimulationWriter.WriteCycleCounts(w, complete.Count, f.Cycles.Count);
        Num(w, "first_cycle_charge_capacity_mAh_g", Mah(first?.ChargeC) / g);
        Num(w, "first_cycle_discharge_capacity_mAh_g", Mah(first?.DischargeC) / g);
        Num(w, "first_cycle_coulombic_efficiency_percent", first?.CoulombicEfficiency * 100);
        Num(w, "last_cycle_discharge_capacity_mAh_g", Mah(last?.DischargeC) / g);
        Num(w, "last_cycle_coulombic_efficiency_percent", last?.CoulombicEfficiency * 100);
        Num(w, "first_cycle_discharge_mAh", Mah(first?.DischargeC));
        Num(w, "last_cycle_discharge_mAh", Mah(last?.DischargeC));
        if (f.ReferenceCycle is { } rc) w.WriteNumber("reference_cycle", rc); else w.WriteNull("reference_cycle");
        if (last is not null) w.WriteNumber("last_complete_cycle", last.Cycle); else w.WriteNull("last_complete_cycle");
        Num(w, "capacity_retention_percent", f.Retention * 100);
        Num(w, "mean_coulombic_efficiency_percent", f.MeanCoulombicEfficiency * 100);
        Num(w, "practical_capacity_mAh", Mah(f.PracticalCapacityC));
        PartialCycles(w, f.Cycles.Select(c => (c.Cycle, c.Partial)));
        w.WriteStartArray("rate_capability");
        foreach (var r in f.RateGroups)
        {
            w.WriteStartObject();
            Num(w, "c_rate", r.CRate);
            Num(w, "discharge_capacity_mAh_g", Mah(r.MeanDischargeC) / g);
            Num(w, "discharge_capacity_mAh", Mah(r.MeanDischargeC));
            Num(w, "discharge_current_mA", r.DischargeCurrentA * 1e3);
            w.WriteNumber("cycles", r.Cycles);
            w.WriteNumber("first_cycle", r.FirstCycle);
            w.WriteNumber("last_cycle", r.LastCycle);
            Num(w, "mean_coulombic_efficiency_percent", r.MeanCoulombicEfficiency * 100);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static void FileInfo(Utf8JsonWriter w, DatasetInfo info)
    {
        w.WriteStartObject("file_info");
        if (info.Instrument is { } ins) w.WriteString("instrument", ins);
        if (info.StartTime is { } st) w.WriteString("start_time", st.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        Num(w, "active_mass_mg_in_file", info.FileActiveMassKg * 1e6);
        Num(w, "area_cm2_in_file", info.FileAreaM2 * 1e4);
        foreach (var (k, v) in info.Header) w.WriteString(k, v);
        w.WriteEndObject();
    }

    // ---------- open-circuit records ----------

    public static string TimeSeriesCsv(OpenCircuitAnalysis a) => Text(w => TimeSeriesCsv(a, w));

    public static void TimeSeriesCsv(OpenCircuitAnalysis a, TextWriter output)
    {
        var d = a.Data;
        var csv = new CsvText(output, "time_h", "voltage_V", "current_mA", "step", "instrument_cycle");
        var row = new double[5];
        for (int i = 0; i < d.Count; i++)
        {
            row[0] = d.TimeS[i] / Si.Hour;
            row[1] = d.Voltage[i];
            row[2] = d.Current[i] * 1e3;
            row[3] = d.StepIndex[i] >= 0 ? d.StepIndex[i] : double.NaN;
            row[4] = d.Cycle[i] >= 0 ? d.Cycle[i] : double.NaN;
            csv.Row(row);
        }
        csv.Flush();
    }

    /// <summary>summary.json of an open-circuit record: duration, the voltage at its start and end, the drift.</summary>
    public static string OpenCircuitSummaryJson(Measurement m)
    {
        var a = m.OpenCircuit!;
        return Summary(m, "open_circuit", a.Data.Info.Format, w =>
        {
            if (a.Data.Info.Technique is { } tech) w.WriteString("technique", tech);
            w.WriteString("kind_reason", m.KindReason);
            w.WriteNumber("records", a.Data.Count);
            Num(w, "duration_h", a.DurationS / Si.Hour);
            Num(w, "ocv_start_V", a.StartV);
            Num(w, "ocv_end_V", a.EndV);
            Num(w, "ocv_drift_mV", a.DriftV * 1e3);
            Num(w, "ocv_drift_mV_per_h", a.DriftVPerHour * 1e3);
            Num(w, "ocv_min_V", a.MinV);
            Num(w, "ocv_max_V", a.MaxV);
            FileInfo(w, a.Data.Info);
            w.WriteStartArray("notes");
            foreach (var n in a.Data.Info.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteStartObject("conventions");
            w.WriteString("ocv_drift", OpenCircuitConvention);
            w.WriteEndObject();
        });
    }

    public const string OpenCircuitConvention =
        "drift = the voltage at the last record minus that at the first; per hour, divided by the time between them; the voltage is the file's cell (or working-electrode) voltage";

    // ---------- full cells ----------

    /// <summary>The full-cell simulation's columns first (<see cref="FullCellWriter"/>), then what only a measurement has.</summary>
    public static string TimeSeriesCsv(FullCellAnalysis a) => Text(w => TimeSeriesCsv(a, w));

    public static void TimeSeriesCsv(FullCellAnalysis a, TextWriter output)
    {
        var d = a.Data;
        var csv = new CsvText(output, "time_h", "current_density_mA_cm2", "voltage_V", "step_capacity_mAh_g", "cycle", "step",
            "current_mA", "capacity_mAh", "half_cycle", "instrument_cycle");
        var seg = a.Segmentation;
        double grams = a.ActiveMassKg is { } m ? m * 1e3 : double.NaN;
        double area = a.AreaM2 ?? double.NaN;
        var walk = seg.Walk();
        var row = new double[10];
        for (int i = 0; i < d.Count; i++)
        {
            walk.MoveTo(i);
            int h = walk.HalfCycle;
            double charge = walk.ChargeInHalfCycle;
            row[0] = d.TimeS[i] / Si.Hour;
            row[1] = d.Current[i] / area / Si.MilliampPerCm2;
            row[2] = d.Voltage[i];
            row[3] = Mah(charge) / grams;
            row[4] = walk.Cycle;
            row[5] = d.StepIndex[i] >= 0 ? d.StepIndex[i] : double.NaN;
            row[6] = d.Current[i] * 1e3;
            row[7] = Mah(charge);
            row[8] = h >= 0 ? h : double.NaN;
            row[9] = d.Cycle[i] >= 0 ? d.Cycle[i] : double.NaN;
            csv.Row(row);
        }
        csv.Flush();
    }

    /// <summary>The full-cell simulation's columns first (<see cref="FullCellWriter"/>), then absolute values, currents, completeness and why a cycle is partial.</summary>
    public static string CyclesCsv(FullCellAnalysis a)
    {
        var csv = new CsvText("cycle", "charge_capacity_mAh_g", "discharge_capacity_mAh_g", "charge_capacity_mAh_cm2", "discharge_capacity_mAh_cm2",
            "coulombic_efficiency_percent", "charge_energy_mWh_cm2", "discharge_energy_mWh_cm2", "discharge_energy_Wh_kg",
            "mean_charge_voltage_V", "mean_discharge_voltage_V", "voltage_hysteresis_V", "discharge_c_rate", "retention_percent", "start_h", "end_h",
            "charge_mAh", "discharge_mAh", "charge_energy_mWh", "discharge_energy_mWh", "charge_current_mA", "discharge_current_mA", "complete", "partial");
        double g = a.ActiveMassKg is { } m ? m * 1e3 : double.NaN;
        double cm2 = a.AreaM2 is { } ar ? ar * 1e4 : double.NaN;
        double kg = a.ActiveMassKg ?? double.NaN;
        foreach (var c in a.Cycles)
            Row(csv, c.Partial, c.Cycle, Mah(c.ChargeC) / g, Mah(c.DischargeC) / g, Mah(c.ChargeC) / cm2, Mah(c.DischargeC) / cm2,
                N(c.CoulombicEfficiency * 100), N(c.ChargeEnergyJ / 3.6 / cm2), N(c.DischargeEnergyJ / 3.6 / cm2), N(c.DischargeEnergyJ / 3600 / kg),
                N(c.MeanChargeV), N(c.MeanDischargeV), N(c.HysteresisV), N(c.DischargeCurrentA * 3600 / a.PracticalCapacityC), N(c.Retention * 100),
                c.StartS / Si.Hour, c.EndS / Si.Hour,
                Mah(c.ChargeC), Mah(c.DischargeC), N(c.ChargeEnergyJ / 3.6), N(c.DischargeEnergyJ / 3.6), N(c.ChargeCurrentA * 1e3), N(c.DischargeCurrentA * 1e3),
                c.Complete ? 1 : 0);
        return csv.ToString();
    }

    public static string DqDvCsv(FullCellAnalysis a) => Text(w => DqDvCsv(a, w));

    /// <summary>dqdv.csv, written to <paramref name="output"/> as it is made.</summary>
    public static void DqDvCsv(FullCellAnalysis a, TextWriter output)
    {
        var csv = new CsvText(output, "cycle", "direction", "voltage_V", "dqdv_mAh_per_V");
        foreach (var c in a.DqDv)
            for (int k = 0; k < c.VoltageV.Length; k++)
                csv.Row(c.Cycle, c.Sign, c.VoltageV[k], Mah(c.DqDv[k]));
        csv.Flush();
    }

    // ---------- impedance spectra ----------

    public const string ImpedanceConvention =
        "Z = Z' + jZ'' (Z'' < 0 for a capacitive arc; plots show −Z''); each sweep fitted with R0-p(R1,CPE1)-p(R2,CPE2)-W1 (R0 bulk electrolyte, R1 interphase or protective layer, R2 charge transfer, W1 diffusion) by the EIS engine from its automatic initial guess, modulus weighting; Lin-KK with μ = 0.85 and a 1 % residual limit; DRT by non-negative Tikhonov regularisation with λ by the discrepancy principle (the residual equals the noise the Lin-KK test measures; docs/impedance.md)";

    /// <summary>A sweep in the simulator's spectrum form, so that eis_N.csv has the same columns as a simulation's.</summary>
    static Simulation.SimulatedSpectrum AsSimulated(EisSweep s) =>
        new(s.Index, 0, double.NaN, s.Spectrum.FrequenciesHz, s.Spectrum.Impedance,
            s.Fit["R0"].Value, s.Fit["R1"].Value, s.Fit["R2"].Value, s.Fit.Parameters.ToDictionary(p => p.Name, p => p.Value));

    /// <summary>summary.json's "impedance" array: per sweep its resistances, fit, Lin-KK verdict and DRT peaks (and, for sweeps split off a cycling file, when it was recorded).</summary>
    static void ImpedanceArray(Utf8JsonWriter w, EisAnalysis e, InterleavedSpectra? placed)
    {
        w.WriteStartArray("impedance");
        foreach (var s in e.Sweeps)
        {
            w.WriteStartObject();
            w.WriteNumber("index", s.Index);
            if (placed is not null)
            {
                Num(w, "time_h", placed.TimeS[s.Index - 1] / Si.Hour);
                if (placed.HalfCyclesBefore[s.Index - 1] is { } hb) w.WriteNumber("half_cycles_before", hb); else w.WriteNull("half_cycles_before");
            }
            w.WriteString("file", $"eis_{s.Index}.csv");
            w.WriteNumber("points", s.Spectrum.Count);
            Num(w, "f_min_Hz", s.Spectrum.FrequenciesHz.Min());
            Num(w, "f_max_Hz", s.Spectrum.FrequenciesHz.Max());
            Num(w, "R_bulk_ohm", s.Fit["R0"].Value);
            Num(w, "R_interphase_ohm", s.Fit["R1"].Value);
            Num(w, "R_ct_ohm", s.Fit["R2"].Value);
            if (e.Geometry?.AreaM2 is { } a)
            {
                Num(w, "R_bulk_ohm_cm2", s.Fit["R0"].Value * a / Si.OhmCm2);
                Num(w, "R_interphase_ohm_cm2", s.Fit["R1"].Value * a / Si.OhmCm2);
                Num(w, "R_ct_ohm_cm2", s.Fit["R2"].Value * a / Si.OhmCm2);
            }
            w.WriteStartObject("fitted");
            foreach (var p in s.Fit.Parameters) Num(w, p.Name, p.Value);
            w.WriteEndObject();
            w.WriteStartObject("standard_errors");
            foreach (var p in s.Fit.Parameters) Num(w, p.Name, p.StandardError);
            w.WriteEndObject();
            w.WriteBoolean("converged", s.Fit.Converged);
            Num(w, "reduced_chi_square", s.Fit.ReducedChiSquare);
            w.WriteBoolean("kk_passed", s.Kk.Passed);
            w.WriteString("kk", s.Kk.Verdict);
            w.WriteStartArray("drt_peaks");
            foreach (var p in s.Drt.Peaks)
            {
                w.WriteStartObject();
                Num(w, "tau_s", p.TimeConstant);
                Num(w, "f_Hz", p.FrequencyHz);
                Num(w, "R_ohm", p.Resistance);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var x in s.Spectrum.Warnings.Concat(s.Fit.Warnings)) w.WriteStringValue(x);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static string EisSummaryJson(Measurement m)
    {
        var e = m.Eis!;
        return Summary(m, "eis", m.File.Description, w =>
        {
            w.WriteString("kind_reason", m.KindReason);
            w.WriteString("circuit", EisAnalysis.DomainCircuit);
            Num(w, "area_cm2", e.Geometry?.AreaM2 * 1e4);
            w.WriteNumber("sweeps_in_file", e.SweepsInFile);
            ImpedanceArray(w, e, null);
            w.WriteStartArray("notes");
            foreach (var n in e.Sweeps.SelectMany(x => x.Spectrum.Notes).Distinct()) w.WriteStringValue(n);
            if (e.SweepsInFile > e.Sweeps.Count) w.WriteStringValue($"the file holds {e.SweepsInFile} sweeps; the first {e.Sweeps.Count} are analysed");
            w.WriteEndArray();
            w.WriteStartObject("conventions");
            w.WriteString("impedance", ImpedanceConvention);
            w.WriteString("chi_square", Impedance.EisOutput.ChiSquareDefinition);
            w.WriteEndObject();
        });
    }

    /// <summary>Writes every output through the staging folder; nothing appears until all are complete.</summary>
    public static IReadOnlyList<string> Write(Measurement m, string outDir)
    {
        using var staging = new OutputStaging(outDir);
        if (m.Eis is { } e)
        {
            SweepFiles(staging, e);
            staging.WriteText("summary.json", EisSummaryJson(m));
            MeasurementReport.Build(m).Write(staging);
            return staging.Commit();
        }
        if (m.OpenCircuit is { } oc)
        {
            staging.WriteText("timeseries.csv", w => TimeSeriesCsv(oc, w));
            staging.WriteText("summary.json", OpenCircuitSummaryJson(m));
            MeasurementReport.Build(m).Write(staging);
            return staging.Commit();
        }
        if (m.Symmetric is { } s)
        {
            staging.WriteText("timeseries.csv", w => TimeSeriesCsv(s, w));
            staging.WriteText("cycles.csv", CyclesCsv(s));
        }
        else if (m.Full is { } f)
        {
            staging.WriteText("timeseries.csv", w => TimeSeriesCsv(f, w));
            staging.WriteText("cycles.csv", CyclesCsv(f));
            staging.WriteText("dqdv.csv", w => DqDvCsv(f, w));
        }
        if (m.Interleaved is { } x) SweepFiles(staging, x.Analysis);
        staging.WriteText("summary.json", SummaryJson(m));
        MeasurementReport.Build(m).Write(staging);
        return staging.Commit();
    }

    /// <summary>
    /// The impedance sweeps split off a voltammogram's file (<c>analyze --technique sweep</c>): the per-sweep files
    /// and impedance.json (the "impedance" array of an impedance file's summary.json, with each sweep's time).
    /// </summary>
    public static IReadOnlyList<string> WriteSpectra(InterleavedSpectra x, string outDir)
    {
        using var staging = new OutputStaging(outDir);
        SweepFiles(staging, x.Analysis);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("impedance_reason", InterleavedSpectra.Reason);
            w.WriteString("circuit", EisAnalysis.DomainCircuit);
            w.WriteNumber("sweeps_in_file", x.Analysis.SweepsInFile);
            ImpedanceArray(w, x.Analysis, x);
            w.WriteStartObject("conventions");
            w.WriteString("impedance", ImpedanceConvention);
            w.WriteString("chi_square", Impedance.EisOutput.ChiSquareDefinition);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        staging.WriteText("impedance.json", Encoding.UTF8.GetString(ms.ToArray()));
        return staging.Commit();
    }

    /// <summary>Per sweep: eis_N.csv (the simulator's spectrum columns), fit_N.json, fit_N.csv, kk_N.csv, drt_N.csv.</summary>
    static void SweepFiles(OutputStaging staging, EisAnalysis e)
    {
        foreach (var sweep in e.Sweeps)
        {
            int k = sweep.Index;
            staging.WriteText($"eis_{k}.csv", SimulationWriter.SpectrumCsv(AsSimulated(sweep)));
            staging.WriteText($"fit_{k}.json", Impedance.EisOutput.FitJson(sweep.Fit, e.Geometry));
            staging.WriteText($"fit_{k}.csv", Impedance.EisOutput.FitCsv(sweep.Fit));
            staging.WriteText($"kk_{k}.csv", Impedance.EisOutput.KkCsv(sweep.Spectrum, sweep.Kk));
            staging.WriteText($"drt_{k}.csv", Impedance.EisOutput.DrtCsv(sweep.Drt));
        }
    }
}
