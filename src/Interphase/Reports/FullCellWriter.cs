using System.Text;
using System.Text.Json;
using Interphase.IO;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Reports;

/// <summary>Writes a full-cell run: timeseries.csv, cycles.csv, summary.json, eis_N.csv and report.html.</summary>
public static class FullCellWriter
{
    public const string CurrentConvention = "current density positive on charge; capacities in mAh per gram of cathode active material";
    public const string CycleConvention = "a cycle is the protocol's first kind of half cycle (usually a charge) followed by the other";
    public const string EfficiencyConvention = "coulombic efficiency = second half / first half of the cycle: discharge/charge for a cell that starts discharged, charge/discharge for one that starts charged (FeS2)";
    public const string CompleteConvention = "a cycle is complete when both halves ran and ended as the protocol says (the run did not stop inside it); only complete cycles enter retention, rate capability and 'cycles'; the others are listed with complete = 0 in cycles.csv and in incomplete_cycles. The coulombic efficiency is null unless the cycle is complete and both halves pass more than 1 % of the nominal capacity. A complete cycle's efficiency can exceed 100 % when it ends at a lower state of charge than it began (charge stored in an earlier, cut-short half cycle is returned)";
    public const string RetentionConvention = "capacity retention = discharge capacity of the last complete cycle / that of the reference cycle";

    static double MahG(FullCellResult r, double areal) => r.Specific(areal) / 3600;

    public static string TimeSeriesCsv(FullCellResult r) => TimeSeries(r).ToCsv();

    /// <summary>The time series as a table (timeseries.csv or .parquet), one row per recorded point.</summary>
    public static NumericTable TimeSeries(FullCellResult r)
    {
        var layout = SeriesLayout.Of(r);
        var table = new NumericTable(layout.Columns(), r.Series.Count);
        var row = new double[table.ColumnCount];
        foreach (var p in r.Series)
        {
            layout.Fill(p, row);
            table.Row(row);
        }
        return table;
    }

    /// <summary>
    /// The columns of a full cell's time series: a conversion cathode's columns or an intercalation cathode's, the
    /// salt ratios for a cell that has them, capacities per kg of active material (known from the cell before it
    /// runs, and from its result after).
    /// </summary>
    public readonly record struct SeriesLayout(bool Conversion, bool Concentration, double ActiveMassKgPerM2, bool Formation)
    {
        /// <summary>The layout of <paramref name="cell"/>'s runs (the values its <see cref="FullCellResult"/> carries).</summary>
        public static SeriesLayout Of(FullCell cell) =>
            new(cell.Cathode.Conversion is not null, cell.Concentration is not null, cell.Cathode.ActiveMass, cell.CathodeGrowth is not null);

        /// <summary>The layout of the run <paramref name="r"/>.</summary>
        public static SeriesLayout Of(FullCellResult r) => new(r.Conversion, r.HasConcentration, r.ActiveMassKgPerM2, r.Formation is not null);

        public List<string> Columns()
        {
            var header = new List<string> { "time_h", "current_density_mA_cm2", "voltage_V", "step_capacity_mAh_g", "cycle", "step", "short_circuit", "soft_short",
                "anode_contact_fraction", "anode_interphase_thickness_nm", "anode_filament_length_um", "anode_metal_thickness_um" };
            header.AddRange(Conversion
                ? ["converted_fraction", "front_depth_fast_axis", "front_depth_slow_axis", "product_lithiation", "reachable_product_fraction"]
                : ["cathode_stoichiometry", "cathode_surface_stoichiometry"]);
            header.AddRange(["cathode_contact_fraction", "cathode_active_fraction", "cei_charge_mAh_cm2", "electrolyte_reduction_charge_mAh_cm2", "cathode_potential_V"]);
            if (Concentration) header.AddRange(["salt_ratio_cathode", "salt_ratio_anode"]);
            header.AddRange(["anode_interphase_metal_charge_mAh_cm2", "electronic_leak_charge_mAh_cm2", "soft_short_charge_mAh_cm2"]);
            // a layer grown on the cathode (docs/models.md §16.2): the charge its polymerisation took, cumulative
            if (Formation) header.Add("polymerisation_charge_mAh_cm2");
            return header;
        }

        /// <summary>A point's row, in the units of <see cref="Columns"/>.</summary>
        public void Fill(in FullTimePoint p, Span<double> row)
        {
            int k = 0;
            row[k++] = p.TimeS / Si.Hour;
            row[k++] = p.CurrentDensity / Si.MilliampPerCm2;
            row[k++] = p.Voltage;
            row[k++] = p.StepCapacity / ActiveMassKgPerM2 / 3600; // MahG: FullCellResult.Specific, then per mAh
            row[k++] = p.Cycle;
            row[k++] = p.StepIndex;
            row[k++] = p.Shorted ? 1 : 0;
            row[k++] = p.Bridged ? 1 : 0;
            row[k++] = p.Anode.Contact;
            row[k++] = p.Anode.InterphaseM * 1e9;
            row[k++] = p.Anode.FilamentM * 1e6;
            row[k++] = p.Anode.MetalM * 1e6;
            if (Conversion)
            {
                row[k++] = p.Cathode.ConvertedFraction; row[k++] = p.Cathode.FastAxisFront; row[k++] = p.Cathode.SlowAxisFront;
                row[k++] = p.Cathode.ProductLithiation; row[k++] = p.Cathode.ReachableProduct;
            }
            else { row[k++] = p.Cathode.Stoichiometry; row[k++] = p.Cathode.SurfaceStoichiometry; }
            row[k++] = p.Cathode.Contact;
            row[k++] = p.Cathode.ActiveFraction;
            row[k++] = p.Cathode.CeiCharge / Si.MahPerCm2;
            row[k++] = p.Cathode.ReductionCharge / Si.MahPerCm2;
            row[k++] = p.Cathode.Potential;
            if (Concentration) { row[k++] = p.SaltRatioCathode; row[k++] = p.SaltRatioAnode; }
            row[k++] = p.Anode.InterphaseChargeCPerM2 / Si.MahPerCm2;
            row[k++] = p.LeakCharge / Si.MahPerCm2;
            row[k++] = p.BridgeCharge / Si.MahPerCm2;
            // a layer grown on the cathode (docs/models.md §16.2): the charge its polymerisation took, cumulative
            if (Formation) row[k++] = p.Cathode.PolymerisationCharge / Si.MahPerCm2;
        }
    }

    /// <summary>
    /// The time series of a run of <paramref name="cell"/> that is about to start, filled (and, for CSV, formatted) on
    /// another core while the solver runs: hand <see cref="TableStream{T}.Add"/> to the simulator
    /// (<see cref="FullCellSimulator.Recorded"/>) and the stream to <see cref="Write"/>. The file is the same, byte for
    /// byte, as the one written from the result after the run.
    /// </summary>
    public static TableStream<FullTimePoint> StreamTimeSeries(FullCell cell, TableFormat format)
    {
        var layout = SeriesLayout.Of(cell);
        return new TableStream<FullTimePoint>(layout.Columns(), layout.Fill, format == TableFormat.Csv);
    }

    /// <summary>Depth points of a conversion profile, from the surface (0) to the centre (R).</summary>
    public const int ProfilePoints = 41;

    /// <summary>
    /// Conversion cathodes: the converted fraction against depth from the particle surface along the fast axis, the
    /// slow axes and averaged over the spherical shell at that depth (ConversionProfile), at the end of every charge and
    /// discharge step; null for an intercalation cathode.
    /// </summary>
    public static string? ConversionProfilesCsv(FullCellResult r)
    {
        if (!r.Conversion || !r.Derived.TryGetValue("conversion_particle_radius_um", out var radiusUm)) return null;
        double R = radiusUm * 1e-6;
        var csv = new CsvText("time_h", "cycle", "step", "current_density_mA_cm2", "converted_fraction", "product_lithiation",
            "depth_um", "depth_over_radius", "converted_fast_axis", "converted_slow_axis", "converted_shell_average");
        var s = r.Series;
        for (int n = 0; n < s.Count; n++)
        {
            var p = s[n];
            // the last point of a step that passed current: the end of a half cycle
            if (p.CurrentDensity == 0 || n + 1 < s.Count && s[n + 1].StepIndex == p.StepIndex) continue;
            var (a, b) = Models.ConversionProfile.Core(R, p.Cathode.FastAxisFront, p.Cathode.SlowAxisFront);
            for (int k = 0; k < ProfilePoints; k++)
            {
                double d = R * k / (ProfilePoints - 1);
                csv.Row(p.TimeS / Si.Hour, p.Cycle, p.StepIndex, p.CurrentDensity / Si.MilliampPerCm2, p.Cathode.ConvertedFraction, p.Cathode.ProductLithiation,
                    d * 1e6, d / R, Models.ConversionProfile.AlongAxis(R, a, d), Models.ConversionProfile.AlongAxis(R, b, d), Models.ConversionProfile.ShellAverage(R, a, b, d));
            }
        }
        return csv.ToString();
    }

    public static string CyclesCsv(FullCellResult r) => Cycles(r).ToCsv();

    /// <summary>The per-cycle table (cycles.csv or .parquet).</summary>
    public static NumericTable Cycles(FullCellResult r)
    {
        var csv = new NumericTable(["cycle", "charge_capacity_mAh_g", "discharge_capacity_mAh_g", "charge_capacity_mAh_cm2", "discharge_capacity_mAh_cm2",
            "coulombic_efficiency_percent", "charge_energy_mWh_cm2", "discharge_energy_mWh_cm2", "discharge_energy_Wh_kg",
            "mean_charge_voltage_V", "mean_discharge_voltage_V", "voltage_hysteresis_V", "discharge_c_rate", "retention_percent", "start_h", "end_h", "complete"], r.Cycles.Count);
        var reference = r.Complete.FirstOrDefault(c => c.Cycle == r.ReferenceCycle);
        double oneC = r.NominalCapacity * r.ActiveMassKgPerM2 / 3600;
        foreach (var c in r.Cycles)
            csv.Row(c.Cycle, MahG(r, c.ChargeCapacity), MahG(r, c.DischargeCapacity), c.ChargeCapacity / Si.MahPerCm2, c.DischargeCapacity / Si.MahPerCm2,
                100 * c.CoulombicEfficiency, c.ChargeEnergy / 3600 / 10, c.DischargeEnergy / 3600 / 10, r.Specific(c.DischargeEnergy) / 3600,
                c.MeanChargeVoltage, c.MeanDischargeVoltage, c.MeanChargeVoltage - c.MeanDischargeVoltage, c.DischargeCurrent / oneC,
                reference is null || !c.Complete ? double.NaN : 100 * c.DischargeCapacity / reference.DischargeCapacity,
                c.StartS / Si.Hour, c.EndS / Si.Hour, c.Complete ? 1 : 0);
        return csv;
    }

    public static string SummaryJson(FullCellResult r, string? protocolSource)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            void Num(string name, double? v) { if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x); else w.WriteNull(name); }
            var complete = r.Complete;
            w.WriteStartObject();
            w.WriteString("cell", r.CellName);
            w.WriteString("kind", "full");
            if (protocolSource is not null) w.WriteString("protocol", protocolSource);
            Num("area_cm2", r.AreaM2 * 1e4);
            Num("temperature_degC", r.TemperatureK - Si.ZeroCelsius);
            Num("active_mass_mg_cm2", r.ActiveMassKgPerM2 * 100);
            Num("nominal_capacity_mAh_g", r.NominalCapacity / 3600);
            Num("theoretical_capacity_mAh_g", r.TheoreticalCapacity / 3600);
            SimulationWriter.WriteCycleCounts(w, complete.Count, r.Cycles.Count);
            w.WriteStartArray("incomplete_cycles");
            foreach (var c in r.Cycles.Where(c => !c.Complete)) w.WriteNumberValue(c.Cycle);
            w.WriteEndArray();
            Num("first_cycle_charge_capacity_mAh_g", complete.Count > 0 ? MahG(r, complete[0].ChargeCapacity) : null);
            Num("first_cycle_discharge_capacity_mAh_g", complete.Count > 0 ? MahG(r, complete[0].DischargeCapacity) : null);
            Num("first_cycle_coulombic_efficiency_percent", r.FirstCycleCoulombicEfficiencyPercent);
            Num("last_cycle_discharge_capacity_mAh_g", complete.Count > 0 ? MahG(r, complete[^1].DischargeCapacity) : null);
            Num("last_cycle_coulombic_efficiency_percent", complete.Count > 0 ? 100 * complete[^1].CoulombicEfficiency : null);
            w.WriteNumber("reference_cycle", r.ReferenceCycle);
            Num("capacity_retention_percent", r.RetentionPercent);
            w.WriteStartArray("rate_capability");
            foreach (var p in r.RateCapability)
            {
                w.WriteStartObject();
                Num("c_rate", p.CRate);
                Num("discharge_capacity_mAh_g", MahG(r, p.DischargeCapacity));
                w.WriteNumber("cycles", p.Cycles);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteBoolean("short_circuit", r.ShortCircuit);
            Num("short_circuit_time_h", r.ShortCircuitTimeS / Si.Hour);
            if (r.ShortCircuitCycle is { } sc) w.WriteNumber("short_circuit_cycle", sc); else w.WriteNull("short_circuit_cycle");
            SimulationWriter.WriteSoftShorts(w, r.SoftShorts);
            SimulationWriter.WriteOnset(w, r.Onset);
            Num("electronic_leakage_asr_ohm_cm2", r.LeakageAsr * 1e4);
            Num("duration_h", r.Series.Count > 0 ? r.Series[^1].TimeS / Si.Hour : r.Cycles.LastOrDefault()?.EndS / Si.Hour);
            w.WriteString("end_reason", r.EndReason);
            w.WriteString("stop_reason", r.StopReason);
            SimulationWriter.WriteWarnings(w, r.Warnings);
            SimulationWriter.WriteMechanisms(w, r.Mechanisms, fullCell: true);
            w.WriteNumber("time_steps", r.Steps);
            SimulationWriter.WriteSpectra(w, r.Spectra);
            TemperatureSeries.Json(w, r.Spectra, r.AreaM2, r.ElectrolyteThicknessM);
            SimulationWriter.WriteEvents(w, r.Events);
            if (r.Formation is { } formation) FormationJson(w, r, formation);
            w.WriteStartObject("derived");
            foreach (var (key, v) in r.Derived) Num(key, v);
            w.WriteEndObject();
            if (r.CathodeBpxSources is { } bpx)
            {
                // the cathode's values that came from a BPX file (bpx: in the cell file), each with the file and key
                w.WriteStartObject("cathode_bpx_sources");
                foreach (var (key, source) in bpx.OrderBy(x => x.Key, StringComparer.Ordinal)) w.WriteString(key, source);
                w.WriteEndObject();
            }
            w.WriteStartObject("conventions");
            w.WriteString("current", CurrentConvention);
            w.WriteString("cycle", CycleConvention);
            w.WriteString("coulombic_efficiency", EfficiencyConvention);
            w.WriteString("retention", RetentionConvention);
            w.WriteString("complete_cycle", CompleteConvention);
            w.WriteString("c_rate", "relative to the cathode's nominal (practical) capacity in the cell file, else its theoretical capacity");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>
    /// The layer grown on the composite cathode (docs/models.md §16.2): its charge, mass, mean thickness on the particles
    /// and coverage, and the cathode interface (with the CEI, over the contact) at the cell temperature before the run,
    /// at the end of the first cycle (the formation) and at the end: formation.csv has every cycle.
    /// </summary>
    static void FormationJson(Utf8JsonWriter w, FullCellResult r, Simulation.FormationResult f)
    {
        void Num(string name, double? v) { if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x); else w.WriteNull(name); }
        var g = f.Growth;
        var afterFirst = f.Cycles.FirstOrDefault(c => c.Cycle >= 1);
        w.WriteStartObject("formation");
        w.WriteString("layer", g.Polymer);
        w.WriteString("monomer", g.Monomer);
        w.WriteString("grown_on", "the composite cathode's particles");
        Num("monomer_concentration_mM", g.MonomerConcentration);
        Num("electrons_per_monomer", g.ElectronsPerMonomer);
        Num("onset_potential_V", g.OnsetPotential);
        Num("particle_surface_cm2_per_cm2", r.CathodeLayerSurfaceArea);
        Num("polymerisation_charge_mC_cm2", f.ChargeCPerM2 / 10);
        Num("polymerisation_charge_mAh_cm2", f.ChargeCPerM2 / Si.MahPerCm2);
        Num("layer_mass_ug_cm2", f.MassKgPerM2 * 1e5);
        Num("layer_thickness_nm", f.ThicknessM * 1e9);
        Num("layer_coverage", f.Coverage);
        Num("monomer_consumed_fraction", f.MonomerConsumedFraction);
        Num("temperature_degC", r.TemperatureK - Si.ZeroCelsius);
        Num("cathode_interface_before_ohm", f.InitialInterfaceAsr / r.AreaM2);
        Num("cathode_interface_after_first_cycle_ohm", afterFirst?.InterfaceAsr / r.AreaM2);
        Num("cathode_interface_end_ohm", f.FinalInterfaceAsr / r.AreaM2);
        Num("drop_factor_first_cycle", afterFirst is null ? null : f.InitialInterfaceAsr / afterFirst.InterfaceAsr);
        Num("coverage_after_first_cycle", afterFirst?.Coverage);
        w.WriteString("file", "formation.csv");
        w.WriteString("note", "cathode interface = the grown layer's (or the pristine pair's) resistance with the CEI, over the cathode contact, at the cell temperature; formation.csv rows: cycle 0 before the run, then the end of each cycle");
        w.WriteEndObject();
    }

    /// <summary>Write all outputs to DIR through the staging folder; nothing appears until all are complete.</summary>
    /// <param name="streamed">The time series as it was streamed during the run (<see cref="StreamTimeSeries"/>, made for <paramref name="format"/>); null to make it from <paramref name="r"/>.</param>
    public static IReadOnlyList<string> Write(FullCellResult r, string outDir, string? protocolSource = null, Func<FullCellResult, HtmlReport>? report = null, TableFormat format = TableFormat.Csv,
        IReadOnlyList<FigureFormat>? figures = null, FigureSize figureSize = FigureSize.Single, TableStream<FullTimePoint>? streamed = null)
    {
        // the layout includes the active mass: a stream of another cell is refused by its columns or its last point
        if (streamed is not null) streamed.CheckIsOf(r.Series, SeriesLayout.Of(r).Columns(), format);
        using var staging = new OutputStaging(outDir);
        // the time series (the largest table) is formatted on another core while the rest is written; a streamed one
        // was mostly formatted while the solver ran
        var timeSeries = streamed is not null ? staging.StartTable("timeseries", streamed, format) : staging.StartTable("timeseries", TimeSeries(r), format);
        staging.WriteTable("cycles", Cycles(r), format);
        staging.WriteText("summary.json", SummaryJson(r, protocolSource));
        if (r.Formation is { } formation) staging.WriteText("formation.csv", SweepWriter.FormationCsv(formation));
        if (ConversionProfilesCsv(r) is { } profiles) staging.WriteText("conversion_profiles.csv", profiles);
        foreach (var s in r.Spectra) staging.WriteText($"eis_{s.Index}.csv", SimulationWriter.SpectrumCsv(s));
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
