using System.CommandLine;
using Interphase.Data;
using Interphase.Data.Analysis;
using Interphase.Data.Delimited;
using Interphase.Impedance;
using Interphase.Reports;
using Interphase.Units;
using static Interphase.Cli.ConsoleNumber;

namespace Interphase.Cli;

/// <summary><c>interphase analyze FILE [--mass 1.4 mg] [--area 0.785 cm2] [--kind symmetric|full|eis] --out DIR</c></summary>
public static class AnalyzeCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var fileArg = new Argument<string[]>("files")
        {
            Description = "a measured file: BioLogic .mpt/.mpr, Arbin .res, .xlsx or CSV, Maccor text, Neware .nda, .ndax or export, Gamry .DTA, impedance files (Ivium, PalmSens, ZPlot …), or CSV; several files, a folder or a pattern (*.mpr) analyse them as a batch",
            Arity = ArgumentArity.OneOrMore,
        };
        var mass = new Option<string?>("--mass", "-m") { Description = "cathode active mass, e.g. 1.4 mg (specific capacities in mAh/g)" };
        var area = new Option<string?>("--area", "-a") { Description = "electrode area, e.g. 0.785 cm2 (current densities, areal capacities)" };
        var kind = new Option<string?>("--kind", "-k") { Description = "symmetric, full or eis (default: decided from the file)" }.OneOf("symmetric", "full", "eis");
        var output = new OutputOptions("output directory (default: out/<file name>)");
        var cycleStart = new Option<string?>("--cycle-start") { Description = "which half cycle opens a cycle: auto (the file's first), charge or discharge" }.OneOf("auto", "charge", "discharge");
        var columns = new Option<string[]>("--column", "-c") { Description = "for CSV files: QUANTITY=COLUMN[UNIT], e.g. 'current=I[mA]' (repeatable)" };
        var technique = new Option<string?>("--technique", "-t") { Description = "cycling (default: cycling or impedance, from the file) or bruce-vincent (a potentiostatic hold with --eis-before and --eis-after: the cation transference number) or sweep (a linear or cyclic voltammogram: onset and peaks)" }.OneOf("cycling", "bruce-vincent", "sweep");
        var eisBefore = new Option<string?>("--eis-before") { Description = "bruce-vincent: the impedance file measured before the hold" };
        var eisAfter = new Option<string?>("--eis-after") { Description = "bruce-vincent: the impedance file measured after the hold" };
        var bvCircuit = new Option<string?>("--circuit") { Description = $"bruce-vincent: the circuit fitted to both spectra (default {EisAnalysis.DomainCircuit}); R0 is the bulk, every other R an interface" };
        var threshold = new Option<string?>("--threshold") { Description = "sweep: the current density that marks the onset (default 10 uA/cm2)" };
        var quietBatch = new Option<bool>("--quiet", "-q") { Description = "a batch: no progress line per file" };
        var initialCurrent = new Option<string?>("--initial-current") { Description = "bruce-vincent: I_0 from the spectrum before, dV/(R_b + R_0) (eis, the default), or the hold's first point (first-point)" }.OneOf("eis", "first-point");
        var cmd = new Command("analyze", "Read a measured file, analyse it as a symmetric or full cell (timeseries.csv, cycles.csv, summary.json, report.html) or as impedance spectra (circuit fit, Lin-KK, DRT).")
        {
            fileArg, mass, area, kind, output.Out, output.Overwrite, cycleStart, columns, technique, eisBefore, eisAfter, bvCircuit, initialCurrent, threshold, quietBatch,
        };
        cmd.Validators.Add(r =>
        {
            bool bv = r.GetValue(technique) == "bruce-vincent";
            bool eis = r.GetValue(eisBefore) is not null || r.GetValue(eisAfter) is not null;
            if (bv && (r.GetValue(eisBefore) is null || r.GetValue(eisAfter) is null))
                r.AddError("--technique bruce-vincent needs --eis-before FILE and --eis-after FILE (the spectra measured before and after the hold)");
            if (r.GetValue(threshold) is not null && r.GetValue(technique) != "sweep")
                r.AddError("--threshold belongs to --technique sweep");
            else if (!bv && (eis || r.GetValue(bvCircuit) is not null || r.GetValue(initialCurrent) is not null))
                r.AddError("--eis-before, --eis-after, --circuit and --initial-current belong to --technique bruce-vincent");
        });
        cmd.Validators.Add(r =>
        {
            if (r.GetValue(fileArg) is { Length: > 1 } && r.GetValue(technique) is "bruce-vincent" or "sweep")
                r.AddError($"--technique {r.GetValue(technique)} analyses one file; a batch (several files, a folder or a pattern) is analysed as cycling or impedance");
        });
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var paths = parse.GetValue(fileArg)!;
            if (BatchFiles.IsBatch(paths))
            {
                if (parse.GetValue(technique) is "bruce-vincent" or "sweep")
                    throw new InputException($"--technique {parse.GetValue(technique)} analyses one file, not a folder or a pattern", paths[0]);
                var batchOptions = Options(parse.GetValue(kind), parse.GetValue(mass), parse.GetValue(area)) with
                {
                    Segmentation = new SegmentationOptions { CycleStart = ParseCycleStart(parse.GetValue(cycleStart)) },
                    Read = new ReadOptions { Mapping = ColumnMapping.Parse(parse.GetValue(columns) ?? []) },
                };
                return AnalyzeBatch.Run(stdout, stderr, parse, output, paths, batchOptions, parse.GetValue(quietBatch));
            }
            var path = paths[0];
            if (parse.GetValue(technique) == "sweep")
                return SweepRun(stdout, parse, output, path, parse.GetValue(area), parse.GetValue(threshold), parse.GetValue(columns) ?? []);
            if (parse.GetValue(technique) == "bruce-vincent")
                return BruceVincentRun(stdout, parse, output, path, parse.GetValue(eisBefore)!, parse.GetValue(eisAfter)!, parse.GetValue(columns) ?? [],
                    parse.GetValue(bvCircuit) ?? EisAnalysis.DomainCircuit, parse.GetValue(initialCurrent) == "first-point");
            var options = Options(parse.GetValue(kind), parse.GetValue(mass), parse.GetValue(area)) with
            {
                Segmentation = new SegmentationOptions { CycleStart = ParseCycleStart(parse.GetValue(cycleStart)) },
                Read = new ReadOptions { Mapping = ColumnMapping.Parse(parse.GetValue(columns) ?? []) },
            };
            var phases = PhaseTimes.Start(stderr);
            using var folder = output.Open(parse, Path.Combine("out", Path.GetFileNameWithoutExtension(path)), path)!;
            // a file of millions of records: what no later step reads is let go of and collected before the next step
            // allocates, so that the process does not grow on top of it (decision 0051). The analysis does not read the
            // temperature; reading leaves the reader's own columns (a Neware record's index and status) behind.
            options = options with
            {
                AfterRead = d =>
                {
                    phases.Mark("read");
                    d.Release(DatasetColumns.Temperature);
                    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    phases.Mark("collected after reading");
                },
            };
            var m = Measurement.Analyze(path, options);
            phases.Mark("analysed");
            // no output reads the energy counters (the analysis has made them each half cycle's energy)
            m.Data?.Release(DatasetColumns.EnergyCounters);
            // what analysing left behind is collected before the outputs are written (a file of millions of
            // records leaves tens of MB of large arrays that the writers would otherwise grow the process on top of)
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            phases.Mark("collected");
            var files = MeasurementWriter.Write(m, folder.WriteTo);
            folder.Commit();
            phases.Mark("outputs written");
            PrintSummary(stdout, m, folder.Directory, files);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>analyze --technique bruce-vincent: the hold in <paramref name="path"/>, the spectra before and after.</summary>
    static int BruceVincentRun(TextWriter stdout, ParseResult parse, OutputOptions output, string path, string before, string after, string[] columns,
        string circuit, bool firstPoint)
    {
        var pol = DataFile.Detect(path);
        if (pol.Kind != DataKind.Cycling)
            throw new InputException($"this is an impedance file ({pol.Description}); the first file of --technique bruce-vincent is the polarisation (current against time at a held voltage)", path);
        var data = DataFile.ReadCycling(pol, new ReadOptions { Mapping = ColumnMapping.Parse(columns) });
        IReadOnlyList<Interphase.Data.Eis.ImpedanceSpectrum> Spectra(string file, string option)
        {
            var f = DataFile.Detect(file);
            if (f.Kind != DataKind.Impedance)
                throw new InputException($"{option}: expected an impedance file, found {f.Description}", file);
            return DataFile.ReadSpectra(f);
        }
        var bv = BruceVincent.Of(data, Spectra(before, "--eis-before"), Spectra(after, "--eis-after"), path, circuit, firstPoint);
        using var folder = output.Open(parse, Path.Combine("out", Path.GetFileNameWithoutExtension(path) + "-bruce-vincent"), path)!;
        var files = BruceVincentWriter.Write(bv, data, [path, before, after], folder.WriteTo);
        folder.Commit();
        stdout.WriteLine(bv.TransferenceNumber is { } t
            ? $"{Path.GetFileName(path)}: t+ = {t:G3} (ΔV {bv.DeltaV * 1e3:G3} mV, I_ss/I_0 = {bv.SteadyCurrent / bv.InitialCurrent:G3}, R_0 {bv.InitialInterfaceResistance:G4} Ω, R_ss {bv.SteadyInterfaceResistance:G4} Ω)"
            : $"{Path.GetFileName(path)}: t+ n/a: {bv.NotComputedReason}");
        foreach (var w in bv.Warnings) stdout.WriteLine($"  warning: {w}");
        CliRunner.Wrote(stdout, files, folder.Directory);
        return ExitCodes.Ok;
    }

    /// <summary>analyze --technique sweep: a measured LSV/CV, its runs, peaks and onset at the threshold.</summary>
    static int SweepRun(TextWriter stdout, ParseResult parse, OutputOptions output, string path, string? area, string? threshold, string[] columns)
    {
        var f = DataFile.Detect(path);
        if (f.Kind != DataKind.Cycling)
            throw new InputException($"this is an impedance file ({f.Description}); --technique sweep takes a voltammogram (current against voltage over time)", path);
        double? a = area is { } ar ? Measure.Parse(ar, QuantityKind.Area, new SourceLocation("--area")) : null;
        if (a is <= 0) throw new InputException("the electrode area must be positive (e.g. --area 0.785 cm2)");
        var data = DataFile.ReadCycling(f, new ReadOptions { Mapping = ColumnMapping.Parse(columns), AreaM2 = a });
        var areaM2 = a ?? data.Info.FileAreaM2
            ?? throw new InputException("the onset is at a current density: give the working electrode's area (--area 0.785 cm2)", path);
        double th = threshold is { } t ? Measure.Parse(t, QuantityKind.CurrentDensity, new SourceLocation("--threshold")) : SweepAnalysis.DefaultThreshold;
        if (!(th > 0)) throw new InputException("--threshold must be a positive current density, e.g. '10 uA/cm2'");
        var cycles = data.Cycle.Length == data.Count ? data.Cycle : new int[data.Count];
        // a file that mixes techniques (a voltammetry and impedance sweeps): the impedance records are split off
        var split = InterleavedSpectra.Of(f, data, null, areaM2);
        var rows = Enumerable.Range(0, data.Count).Where(i => split is null || data.Step[i] != StepType.Other).ToArray();
        var v = new SweepWriter.Voltammogram(Path.GetFileNameWithoutExtension(path), $"measured ({f.Description})", areaM2,
            rows.Select(i => data.TimeS[i]).ToList(), rows.Select(i => data.Voltage[i]).ToList(),
            rows.Select(i => data.Current[i] / areaM2).ToList(), rows.Select(i => cycles[i]).ToList(), null, th, [],
            split is null ? [] : [$"{data.Count - rows.Length} impedance records ({split.Analysis.SweepsInFile} sweep(s)) are not part of the voltammogram: they are fitted as spectra (impedance.json)"]);
        using var folder = output.Open(parse, Path.Combine("out", Path.GetFileNameWithoutExtension(path) + "-sweep"), path)!;
        var (files, segs) = SweepWriter.Write(v, folder.WriteTo);
        if (split is not null) files = [.. files, .. MeasurementWriter.WriteSpectra(split, folder.WriteTo)];
        folder.Commit();
        CliRunner.SweepOnsets(stdout, Path.GetFileName(path), segs, th);
        if (split is not null)
            stdout.WriteLine($"  {split.Analysis.SweepsInFile} impedance sweep(s) in the file, split off and fitted with {EisAnalysis.DomainCircuit} (impedance.json, eis_N.csv, fit_N.json)");
        CliRunner.Wrote(stdout, files, folder.Directory);
        return ExitCodes.Ok;
    }

    /// <summary>The analysis options the user's --kind, --mass and --area give (shared with compare).</summary>
    internal static AnalysisOptions Options(string? kind, string? mass, string? area) => new()
    {
        Kind = ParseKind(kind),
        ActiveMassKg = mass is { } ms ? Measure.Parse(ms, QuantityKind.Mass, new SourceLocation("--mass")) : null,
        AreaM2 = area is { } ar ? Measure.Parse(ar, QuantityKind.Area, new SourceLocation("--area")) : null,
    };

    internal static CellKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "symmetric" => CellKind.Symmetric,
        "full" => CellKind.Full,
        "eis" => CellKind.Eis,
        var k => throw new InputException($"--kind '{k}': expected symmetric, full or eis"),
    };

    internal static CycleStart ParseCycleStart(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "auto" => CycleStart.Auto,
        "charge" => CycleStart.Charge,
        "discharge" => CycleStart.Discharge,
        var k => throw new InputException($"--cycle-start '{k}': expected auto, charge or discharge"),
    };

    /// <summary>The Lin-KK verdict in a few words: a spectrum that fails is data to doubt, not a crash of the test.</summary>
    static string KkShort(LinKkResult k) => k.Passed ? "consistent" : LinKK.Reason(k) switch
    {
        LinKkReason.Trend => $"not consistent (residuals up to {k.MaxResidual:P1} follow a trend: drift or non-linearity)",
        LinKkReason.Outliers => $"not consistent (outlying points, up to {k.MaxResidual:P1})",
        _ => $"not consistent (residuals up to {k.MaxResidual:P1}; too few points to call it noise)",
    };

    static void PrintSummary(TextWriter o, Measurement m, string dir, IReadOnlyList<string> files)
    {
        if (m.Eis is { } e)
        {
            o.WriteLine($"{Path.GetFileName(m.File.Path)}: {m.File.Description}, {e.SweepsInFile} impedance sweep(s), fitted with {EisAnalysis.DomainCircuit}");
            if (m.KindReason == Measurement.SweepsBetweenRests) o.WriteLine($"  {m.KindReason}");
            foreach (var w in e.Sweeps)
                o.WriteLine($"  sweep {w.Index}: R0 {Show(w.Fit["R0"].Value, "G4", "Ω")}, R1 {Show(w.Fit["R1"].Value, "G4", "Ω")}, R2 {Show(w.Fit["R2"].Value, "G4", "Ω")}, χ²/ν {Show(w.Fit.ReducedChiSquare, "G3")}; Lin-KK {KkShort(w.Kk)}");
            foreach (var x in e.Sweeps.SelectMany(w => w.Spectrum.Warnings).Distinct()) o.WriteLine($"  warning: {x}");
            // the fit's own warnings (an R not identifiable, a parameter on a bound), as summary.json lists them per sweep
            // (one line per text, naming the sweeps it holds for, so that a file of many sweeps does not repeat it)
            foreach (var g in e.Sweeps.SelectMany(w => w.Fit.Warnings.Select(x => (w.Index, x))).GroupBy(p => p.x))
                o.WriteLine($"  warning: sweep{(g.Count() > 1 ? "s" : "")} {string.Join(", ", g.Select(p => p.Index))}: {g.Key}");
            CliRunner.Wrote(o, files, dir);
            return;
        }
        if (m.OpenCircuit is { } oc)
        {
            o.WriteLine($"{Path.GetFileName(m.File.Path)}: {m.File.Description}, {oc.Data.Count} records over {Show(oc.DurationS / Si.Hour, "G4", "h")}, analysed as an open-circuit trace (no current flows)");
            o.WriteLine($"  OCV {Show(oc.StartV, "F4", "V")} → {Show(oc.EndV, "F4", "V")}, drift {Show(oc.DriftV * 1e3, "G4", "mV")} ({Show(oc.DriftVPerHour * 1e3, "G3", "mV/h")})");
            CliRunner.Wrote(o, files, dir);
            return;
        }
        var d = m.Data!;
        o.WriteLine($"{Path.GetFileName(m.File.Path)}: {m.File.Description}, {d.Count} records over {Show(d.TimeS[^1] / Si.Hour, "F1", "h")}, analysed as a {m.Kind.ToString().ToLowerInvariant()} cell");
        if (m.Symmetric is { } s)
        {
            int complete = s.Cycles.Count(c => c.Complete);
            o.WriteLine($"  {s.Cycles.Count} cycles ({complete} complete), mean overpotential {Show(s.MeanOverpotential * 1e3, "F1", "mV")}" + (s.Short is null ? "" : " before the short"));
            o.WriteLine(s.Short is { } sc ? $"  short circuit ({sc.Kind}) at {Show(sc.TimeS / Si.Hour, "F1", "h")} (cycle {sc.Cycle})" : "  no short circuit");
        }
        else if (m.Full is { } f)
        {
            string unit = f.ActiveMassKg is null ? "mAh" : "mAh/g";
            double Cap(double? q) => (q ?? double.NaN) / 3.6 / (f.ActiveMassKg is { } g ? g * 1e3 : 1);
            var complete = f.CompleteCycles;
            var partial = f.Cycles.Where(c => !c.Complete).ToList();
            o.WriteLine($"  {f.Cycles.Count} cycles, {complete.Count} complete" +
                (partial.Count == 0 ? "" : $"; partial: {string.Join(", ", partial.Take(5).Select(c => $"cycle {c.Cycle} ({PartialCycle.Describe(c.Partial)})"))}{(partial.Count > 5 ? $" and {partial.Count - 5} more" : "")}"));
            o.WriteLine(complete.Count > 0
                ? $"  discharge {Show(Cap(complete[0].DischargeC), "G4")} → {Show(Cap(complete[^1].DischargeC), "G4")} {unit}, retention {Show(f.Retention * 100, "F1", "%")} (cycle {complete[^1].Cycle} vs cycle {f.ReferenceCycle})"
                : "  retention n/a (no complete cycle)");
            o.WriteLine($"  mean coulombic efficiency {Show(f.MeanCoulombicEfficiency * 100, "F2", "%")} ({(f.Segmentation.StartSign > 0 ? "discharge ÷ charge" : "charge ÷ discharge")}, complete cycles)");
            foreach (var w in f.Warnings) o.WriteLine($"  warning: {w}");
        }
        if (m.Interleaved is { } split)
        {
            var sw = split.Analysis.Sweeps;
            o.WriteLine($"  {split.Analysis.SweepsInFile} impedance sweep(s) between the cycling steps, split off and fitted with {EisAnalysis.DomainCircuit}: " +
                $"R1 {Show(sw[0].Fit["R1"].Value, "G4", "Ω")} → {Show(sw[^1].Fit["R1"].Value, "G4", "Ω")}, R2 {Show(sw[0].Fit["R2"].Value, "G4", "Ω")} → {Show(sw[^1].Fit["R2"].Value, "G4", "Ω")} (sweep 1 → {sw.Count}); " +
                $"Kramers-Kronig consistent (Lin-KK) {sw.Count(w => w.Kk.Passed)} of {sw.Count}");
        }
        CliRunner.Wrote(o, files, dir);
    }
}
