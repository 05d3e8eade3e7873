using System.CommandLine;
using Interphase.Cells;
using Interphase.Ensembles;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using Interphase.Simulation;
using Interphase.Units;
using static Interphase.Cli.ConsoleNumber;

namespace Interphase.Cli;

/// <summary><c>interphase simulate CELL.yaml [--protocol-file P] [--step S]... [--out DIR]</c></summary>
public static class SimulateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var cellArg = new Argument<string>("cell") { Description = "cell file (YAML), e.g. data/cases/A-bare-Li-LPSCl.yaml, or the name of a shipped case, e.g. A-bare-Li-LPSCl" };
        var protocolFile = new Option<string?>("--protocol-file", "-p") { Description = "protocol file, one step per line" };
        var steps = new Option<string[]>("--step", "-s") { Description = "a protocol step, e.g. \"Plate at 0.2 mA/cm2 for 5 h\" (repeatable)", AllowMultipleArgumentsPerToken = false };
        var output = new OutputOptions("output directory (default: out/<cell name>)");
        var library = new Option<string?>("--library") { Description = "materials library folder (default: the shipped data/materials)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no progress bar" };
        var compliance = new Option<string?>("--compliance") { Description = "instrument voltage compliance, e.g. \"5 V\": a step ends where |V| would pass it (default: the cell file's 'compliance:', else 10 V)" };
        var ensemble = new Option<int?>("--ensemble", "-n") { Description = "run N realisations, drawing the quantities that carry a distribution ('distributions:' in the cell file or --distributions), on all cores; writes ensemble.csv, summary.json and report.html" };
        var seed = new Option<int?>("--seed") { Description = "seed of an ensemble's draws (default: a random one, written to summary.json); the same seed gives the same ensemble on any number of cores" };
        var distributions = new Option<string?>("--distributions") { Description = "a YAML file with a 'distributions:' block, used with --ensemble (its entries replace the cell file's)" };
        var format = new Option<string>("--format") { Description = "format of timeseries and cycles: csv (default) or parquet (typed columns for pandas/pyarrow)", DefaultValueFactory = _ => "csv" }
            .OneOf("csv", "parquet");
        var figures = new Option<string?>("--figures") { Description = "also write the report's figures as files for a paper, e.g. \"svg,png,pdf\", to DIR/figures/" }
            .Check(w => StaticFigures.ParseFormats(w, out _) is not null, "expected one or more of svg, png, pdf separated by commas, e.g. \"svg,png\"");
        var figureSize = new Option<string>("--figure-size") { Description = "width of the figure files: single (85 mm, one journal column; default) or double (174 mm)", DefaultValueFactory = _ => "single" }
            .OneOf("single", "double");
        var without = new Option<string[]>("--without") { Description = $"switch mechanisms off, e.g. \"contact-loss,dendrites\" (repeatable): {Mechanisms.ValidNames} (docs/models.md, \"Mechanisms and how to switch them off\")", AllowMultipleArgumentsPerToken = false }
            .Check(w => w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } names && names.All(n => Mechanisms.Find(n) is not null),
                $"expected mechanism names separated by commas, each one of {Mechanisms.ValidNames}");
        var cmd = new Command("simulate", "Simulate a cell under a protocol and write timeseries.csv, cycles.csv, summary.json and report.html.")
        {
            cellArg, protocolFile, steps, output.Out, output.Overwrite, library, quiet, compliance, ensemble, seed, distributions, format, figures, figureSize, without,
        };
        cmd.Validators.Add(r =>
        {
            if (r.GetResult(ensemble) is { } e && r.GetValue(ensemble) is int n && n < 1)
                r.AddError($"--ensemble takes the number of realisations, 1 or more; got {n}");
            if (r.GetResult(ensemble) is null && r.GetResult(seed) is not null) r.AddError("--seed is the seed of an ensemble: use it with --ensemble N");
            if (r.GetResult(ensemble) is null && r.GetResult(distributions) is not null) r.AddError("--distributions is used with --ensemble N");
            if (r.GetResult(ensemble) is not null && (r.GetResult(figures) is not null || r.GetResult(figureSize) is { Implicit: false }))
                r.AddError("--figures writes the figures of a single run's report; an ensemble's are in its report.html");
            if (r.GetResult(ensemble) is not null && r.GetResult(format) is { Implicit: false }) r.AddError("--format sets the format of a run's timeseries and cycles; an ensemble writes ensemble.csv");
        });
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var lib = MaterialLibrary.Load(parse.GetValue(library));
            // a shipped case may be named without its path (interphase simulate A-bare-Li-LPSCl)
            var cellPath = ShippedCases.Resolve(parse.GetValue(cellArg)!, lib.Directory);
            var spec = CellSpec.Load(cellPath, lib);
            if (parse.GetValue(compliance) is { } ct) spec = spec with { ComplianceVolts = CellSpec.Compliance(ct, new SourceLocation("--compliance")) };
            if (parse.GetValue(without) is { Length: > 0 } off)
            {
                var where = new SourceLocation("--without");
                var mechanisms = spec.Mechanisms.WithoutNames(off, where);
                if (spec.Kind == "blocking") throw new InputException("a blocking cell's voltage sweep has none of the mechanisms --without switches off", where);
                if (spec.Kind != "full") mechanisms.RefuseFullCellOnly(spec.Kind, where);
                spec = spec with { Mechanisms = mechanisms };
            }
            var protocol = LoadProtocol(spec, parse.GetValue(protocolFile), parse.GetValue(steps) ?? []);
            var tables = TableFormats.Parse(parse.GetValue(format)!)!.Value;
            var figureFormats = parse.GetValue(figures) is { } fw ? StaticFigures.ParseFormats(fw, out _) : null;
            var figureWidth = parse.GetValue(figureSize) == "double" ? FigureSize.Double : FigureSize.Single;
            if (parse.GetValue(ensemble) is int count)
            {
                if (spec.Kind == "blocking") throw new InputException("--ensemble runs symmetric and full cells; a blocking cell's sweep has no random properties", cellPath);
                return RunEnsemble(stdout, stderr, parse, output, spec, lib, protocol, count, parse.GetValue(seed), parse.GetValue(distributions),
                    parse.GetValue(quiet), cellPath, parse.GetValue(protocolFile), parse.GetValue(library));
            }
            using var folder = output.Open(parse, Path.Combine("out", spec.Name), cellPath, parse.GetValue(protocolFile), spec.ProtocolFile, parse.GetValue(library))!;
            if (spec.Kind == "blocking")
            {
                var bcell = BlockingCell.Build(spec, lib);
                var sres = ProgressDisplay.Run(stderr, parse.GetValue(quiet), $"simulating {spec.Name}", p => new SweepSimulator(bcell).Run(protocol, p));
                PrintWarnings(stderr, sres.Warnings);
                var v = SweepWriter.Voltammogram.Simulated(sres, bcell, protocol.Source);
                var (sfiles, segs) = SweepWriter.Write(v, folder.WriteTo);
                folder.Commit();
                CliRunner.SweepOnsets(stdout, spec.Name, segs, v.Threshold);
                if (bcell.Reduction is { } red && sres.ReductionChargeCPerM2 > 0)
                    stdout.WriteLine($"{spec.Name}: {bcell.Electrolyte.Name} reduced on {bcell.WorkingElectrode.Name}: {sres.ReductionChargeCPerM2 / 10:G4} mC/cm2; its film covers {red.Coverage(sres.ReductionChargeCPerM2) * 100:F1} % of the electrode");
                if (sres.Formation is { } fm)
                    stdout.WriteLine($"{spec.Name}: {fm.Growth.Polymer} layer grown in the cell: {fm.ThicknessM * 1e9:G4} nm, coverage {fm.Coverage:F4}; " +
                        $"working interface {fm.InitialInterfaceAsr / sres.AreaM2:G4} -> {fm.FinalInterfaceAsr / sres.AreaM2:G4} Ohm at {sres.TemperatureK - 273.15:G3} degC");
                CliRunner.Wrote(stdout, sfiles, folder.Directory);
                return ExitCodes.Ok;
            }
            if (spec.Kind == "full")
            {
                var full = FullCell.Build(spec, lib);
                // the time series is formatted on another core while the solver runs (kept in memory until the files are written)
                var fseries = FullCellWriter.StreamTimeSeries(full, tables);
                var fsim = new FullCellSimulator(full) { Recorded = fseries.Add };
                var fres = ProgressDisplay.Run(stderr, parse.GetValue(quiet), $"simulating {spec.Name}", p => fsim.Run(protocol, p));
                PrintWarnings(stderr, fres.Warnings);
                var ffiles = FullCellWriter.Write(fres, folder.WriteTo, protocol.Source, FullCellReport.Build, tables, figureFormats, figureWidth, fseries);
                folder.Commit();
                PrintFullSummary(stdout, fres, folder.Directory, ffiles);
                return ExitCodes.Ok;
            }
            var cell = SymmetricCell.Build(spec, lib);
            var series = SimulationWriter.StreamTimeSeries(cell, tables);
            var sim = new SymmetricSimulator(cell) { Recorded = series.Add };
            var result = ProgressDisplay.Run(stderr, parse.GetValue(quiet), $"simulating {spec.Name}", p => sim.Run(protocol, p));
            PrintWarnings(stderr, result.Warnings);
            var files = SimulationWriter.Write(result, folder.WriteTo, protocol.Source, SimulationReport.Build, tables, figureFormats, figureWidth, series);
            folder.Commit();
            PrintSummary(stdout, result, folder.Directory, files);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    const int MaxEnsembleWarnings = 10;

    /// <summary>
    /// The materials whose penetration criterion draws its flaw size per realisation (a fracture criterion with a Weibull
    /// flaw law, <see cref="FractureCriterion.Realise"/>): with them, realisations of one cell are not alike.
    /// </summary>
    static IReadOnlyList<string> DrawnFlaws(IReadOnlyList<ElectrodeSide> sides) =>
        [.. sides.SelectMany(side => side.Paths).SelectMany(p => p.Segments).Select(seg => seg.criterion)
            .OfType<Interphase.Models.FractureCriterion>().Where(f => f.DrawsFlaw).Select(f => f.Material).Distinct()];

    static int RunEnsemble(TextWriter stdout, TextWriter stderr, ParseResult parse, OutputOptions output, CellSpec spec, MaterialLibrary lib,
        Protocol protocol, int count, int? seed, string? distributionsFile, bool quiet, string cellPath, string? protocolFile, string? library)
    {
        // every input is checked before the output folder is touched
        var ens = EnsembleSpec.Read(spec, lib, distributionsFile);
        IReadOnlyList<ElectrodeSide> sides = spec.Kind == "full" ? [FullCell.Build(spec, lib).Anode] : SymmetricCell.Build(spec, lib) is var sc ? [sc.Left, sc.Right] : [];
        int s = seed ?? Random.Shared.Next();
        using var folder = output.Open(parse, Path.Combine("out", spec.Name + "-ensemble"), cellPath, protocolFile, spec.ProtocolFile, library, distributionsFile)!;
        if (ens.Quantities.Count == 0)
            stderr.WriteLine(DrawnFlaws(sides) is { Count: > 0 } flawed
                ? $"warning: no quantity of {spec.Name} carries a distribution: the realisations differ only in the largest surface flaw each electrode meets, drawn from the Weibull law of {string.Join(" and ", flawed)} (surface_flaws; docs/models.md §9; 'distributions:' in docs/cli.md)"
                : $"warning: no quantity of {spec.Name} carries a distribution: every realisation is the same (see 'distributions:' in docs/cli.md)");
        var result = ProgressDisplay.Run(stderr, quiet, $"ensemble of {count} × {spec.Name}",
            p => Ensemble.Run(spec, lib, protocol, ens, new EnsembleOptions { Count = count, Seed = s }, p));
        if (result.Refused == result.Count)
            throw new InputException($"every realisation was refused; the first: {result.Realisations[0].Refused}");
        // realisations that drew values beyond a material's data each warn with their own value: the first few are enough here
        PrintWarnings(stderr, result.Warnings.Take(MaxEnsembleWarnings).ToList());
        if (result.Warnings.Count > MaxEnsembleWarnings)
            stderr.WriteLine($"warning: … and {result.Warnings.Count - MaxEnsembleWarnings} more warnings of the realisations (summary.json, warnings)");
        var files = EnsembleWriter.Write(result, folder.WriteTo, protocol.Source, EnsembleReport.Html);
        folder.Commit();
        PrintEnsembleSummary(stdout, result, folder.Directory, files);
        return ExitCodes.Ok;
    }

    static void PrintEnsembleSummary(TextWriter o, EnsembleResult r, string dir, IReadOnlyList<string> files)
    {
        o.WriteLine($"{r.CellName}: ensemble of {r.Count} realisations, seed {r.Seed}" + (r.Refused > 0 ? $" ({r.Refused} refused: see ensemble.csv)" : ""));
        o.WriteLine($"  short circuits: {r.Shorted} of {r.Count - r.Refused}");
        for (int k = 0; k < r.Metrics.Count; k++)
        {
            var b = r.BandOf(k);
            var m = r.Metrics[k];
            o.WriteLine($"  {m.Name}: median {Show(b.Median, "G4", "")}, 10-90 % {Show(b.P10, "G4", "")} to {Show(b.P90, "G4", "")} ({b.Defined} of {b.Defined + b.Undefined})");
        }
        CliRunner.Wrote(o, files, dir);
    }

    internal static Protocol LoadProtocol(CellSpec spec, string? file, string[] steps)
    {
        var lines = new List<string>();
        string source;
        if (file is not null)
        {
            if (!File.Exists(file)) throw new InputException($"protocol file not found: {file}");
            var p = ProtocolParser.ParseFile(file);
            if (steps.Length == 0) return p;
            lines.AddRange(File.ReadAllLines(file));
            source = file;
        }
        else source = "--step";
        if (steps.Length > 0)
        {
            lines.AddRange(steps);
            return ProtocolParser.Parse(string.Join('\n', lines), file is null ? "--step" : $"{source} + --step");
        }
        return ProtocolParser.OfCell(spec) ?? throw new InputException("no protocol: pass --protocol-file FILE or --step \"Plate at 0.2 mA/cm2 for 5 h\" (or add 'protocol:' to the cell file)", spec.File);
    }

    /// <summary>One line each on stderr, "warning: file:line:col: …" (they are also in summary.json).</summary>
    static void PrintWarnings(TextWriter stderr, IReadOnlyList<string> warnings)
    {
        foreach (var w in warnings) stderr.WriteLine($"warning: {w}");
    }

    static void PrintFullSummary(TextWriter o, FullCellResult r, string dir, IReadOnlyList<string> files)
    {
        var c = r.Complete;
        if (c.Count > 0)
            o.WriteLine($"{r.CellName}: {c.Count} cycles; first cycle charge {Show(r.Specific(c[0].ChargeCapacity) / 3600, "F1", "mAh/g")}, discharge {Show(r.Specific(c[0].DischargeCapacity) / 3600, "F1", "mAh/g")} " +
                $"(CE {Show(r.FirstCycleCoulombicEfficiencyPercent, "F1", "%")}); last discharge {Show(r.Specific(c[^1].DischargeCapacity) / 3600, "F1", "mAh/g")}; retention {Show(r.RetentionPercent, "F1", "%")} vs cycle {r.ReferenceCycle}");
        else o.WriteLine($"{r.CellName}: no complete cycle");
        if (r.ShortCircuit) o.WriteLine($"  short circuit at {Show(r.ShortCircuitTimeS / 3600, "F1", "h")} (cycle {r.ShortCircuitCycle})");
        PrintDendrites(o, r.Onset, r.SoftShorts);
        o.WriteLine($"  {r.EndReason}");
        CliRunner.Wrote(o, files, dir);
    }

    static void PrintSummary(TextWriter o, SimulationResult r, string dir, IReadOnlyList<string> files)
    {
        // the cell voltage and its IR-free (interfacial) part: in a thick or poorly conducting electrolyte the first is
        // mostly the bulk's ohmic drop, and the second is what interface studies report
        o.WriteLine($"{r.CellName}: {r.Cycles.Count} cycles, mean overpotential {Show(r.MeanOverpotential * 1e3, "F1", "mV")} " +
            $"(interfacial, IR-free {Show(r.MeanInterfacialOverpotential * 1e3, "F1", "mV")})");
        if (r.ShortCircuit)
            o.WriteLine($"  short circuit at {Show(r.ShortCircuitTimeS / 3600, "F1", "h")} (cycle {r.ShortCircuitCycle})" +
                (r.CriticalCurrentDensity is { } c ? $"; critical current density {Show(c / Si.MilliampPerCm2, "G3", "mA/cm2")}" : ""));
        else o.WriteLine(r.SoftShorts.Count > 0 ? "  no hard short circuit" : "  no short circuit");
        PrintDendrites(o, r.Onset, r.SoftShorts);
        o.WriteLine($"  {r.EndReason}");
        CliRunner.Wrote(o, files, dir);
    }

    /// <summary>Most soft shorts a console summary lists one by one (summary.json has all).</summary>
    const int SoftShortsListed = 3;

    /// <summary>
    /// The dendrite onset and the soft shorts, one line each, so that a run whose filament bridged the separator
    /// without a hard short does not read as a clean "no short circuit" on the console.
    /// </summary>
    static void PrintDendrites(TextWriter o, DendriteOnset? onset, IReadOnlyList<SoftShort> softShorts)
    {
        if (onset is { } d)
            o.WriteLine($"  dendrite onset at {Show(d.TimeS / 3600, "F2", "h")} (cycle {d.Cycle}, plating {Show(d.CurrentDensity / Si.MilliampPerCm2, "G3", "mA/cm2")} on {d.Electrode})");
        if (softShorts.Count == 0) return;
        o.WriteLine($"  {softShorts.Count} soft short{(softShorts.Count == 1 ? "" : "s")} (a filament bridged the separator; details in summary.json):");
        foreach (var s in softShorts.Take(SoftShortsListed))
            o.WriteLine($"    at {Show(s.StartS / 3600, "F2", "h")} (cycle {s.Cycle}, from {s.Electrode}, bridge {Show(s.BridgeAsr * 1e4, "G3", "ohm cm2")}): {SoftShortEnding(s)}");
        if (softShorts.Count > SoftShortsListed) o.WriteLine($"    … and {softShorts.Count - SoftShortsListed} more");
    }

    static string SoftShortEnding(SoftShort s) => s.Ending switch
    {
        "fused" when s.EndS == s.StartS => "fused at contact",
        "fused" => $"fused at {Show(s.EndS / 3600, "F2", "h")}",
        "dissolved" => $"dissolved at {Show(s.EndS / 3600, "F2", "h")}",
        "hard_short" => "became the hard short",
        _ => "still standing at the end of the run",
    };
}
