using System.CommandLine;
using Interphase.Cells;
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
        var cellArg = new Argument<string>("cell") { Description = "cell file (YAML), e.g. data/cases/A-bare-Li-LPSCl.yaml" };
        var protocolFile = new Option<string?>("--protocol-file", "-p") { Description = "protocol file, one step per line" };
        var steps = new Option<string[]>("--step", "-s") { Description = "a protocol step, e.g. \"Plate at 0.2 mA/cm2 for 5 h\" (repeatable)", AllowMultipleArgumentsPerToken = false };
        var output = new OutputOptions("output directory (default: out/<cell name>)");
        var library = new Option<string?>("--library") { Description = "materials library folder (default: the shipped data/materials)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no progress bar" };
        var compliance = new Option<string?>("--compliance") { Description = "instrument voltage compliance, e.g. \"5 V\": a step ends where |V| would pass it (default: the cell file's 'compliance:', else 10 V)" };
        var cmd = new Command("simulate", "Simulate a cell under a protocol and write timeseries.csv, cycles.csv, summary.json and report.html.")
        {
            cellArg, protocolFile, steps, output.Out, output.Overwrite, library, quiet, compliance,
        };
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var cellPath = parse.GetValue(cellArg)!;
            var lib = MaterialLibrary.Load(parse.GetValue(library));
            var spec = CellSpec.Load(cellPath, lib);
            if (parse.GetValue(compliance) is { } ct) spec = spec with { ComplianceVolts = CellSpec.Compliance(ct, new SourceLocation("--compliance")) };
            var protocol = LoadProtocol(spec, parse.GetValue(protocolFile), parse.GetValue(steps) ?? []);
            using var folder = output.Open(parse, Path.Combine("out", spec.Name), cellPath, parse.GetValue(protocolFile), spec.ProtocolFile, parse.GetValue(library))!;
            if (spec.Kind == "full")
            {
                var full = FullCell.Build(spec, lib);
                var fsim = new FullCellSimulator(full);
                var fres = ProgressDisplay.Run(stderr, parse.GetValue(quiet), $"simulating {spec.Name}", p => fsim.Run(protocol, p));
                PrintWarnings(stderr, fres.Warnings);
                var ffiles = FullCellWriter.Write(fres, folder.WriteTo, protocol.Source, FullCellReport.Html);
                folder.Commit();
                PrintFullSummary(stdout, fres, folder.Directory, ffiles);
                return ExitCodes.Ok;
            }
            var cell = SymmetricCell.Build(spec, lib);
            var sim = new SymmetricSimulator(cell);
            var result = ProgressDisplay.Run(stderr, parse.GetValue(quiet), $"simulating {spec.Name}", p => sim.Run(protocol, p));
            PrintWarnings(stderr, result.Warnings);
            var files = SimulationWriter.Write(result, folder.WriteTo, protocol.Source, SimulationReport.Html);
            folder.Commit();
            PrintSummary(stdout, result, folder.Directory, files);
            return ExitCodes.Ok;
        }));
        return cmd;
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
        if (spec.ProtocolFile is not null) return ProtocolParser.ParseFile(spec.ProtocolFile);
        if (spec.ProtocolLines is not null) return ProtocolParser.Parse(string.Join('\n', spec.ProtocolLines), $"{spec.File} (protocol)");
        throw new InputException("no protocol: pass --protocol-file FILE or --step \"Plate at 0.2 mA/cm2 for 5 h\" (or add 'protocol:' to the cell file)", spec.File);
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
        o.WriteLine($"  {r.EndReason}");
        CliRunner.Wrote(o, files, dir);
    }

    static void PrintSummary(TextWriter o, SimulationResult r, string dir, IReadOnlyList<string> files)
    {
        o.WriteLine($"{r.CellName}: {r.Cycles.Count} cycles, mean overpotential {Show(r.MeanOverpotential * 1e3, "F1", "mV")}");
        if (r.ShortCircuit)
            o.WriteLine($"  short circuit at {Show(r.ShortCircuitTimeS / 3600, "F1", "h")} (cycle {r.ShortCircuitCycle})" +
                (r.CriticalCurrentDensity is { } c ? $"; critical current density {Show(c / Si.MilliampPerCm2, "G3", "mA/cm2")}" : ""));
        else o.WriteLine("  no short circuit");
        o.WriteLine($"  {r.EndReason}");
        CliRunner.Wrote(o, files, dir);
    }
}
