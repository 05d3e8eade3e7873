using System.CommandLine;
using Interphase.Calibration;
using Interphase.Cells;
using Interphase.Data.Analysis;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Reports;
using static Interphase.Cli.ConsoleNumber;

namespace Interphase.Cli;

/// <summary><c>interphase calibrate CELL.yaml DATA --fit PATH [--fit PATH]... [--target overpotential|voltage] --out DIR</c></summary>
public static class CalibrateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var cellArg = new Argument<string>("cell") { Description = "the cell file (YAML) whose parameters are fitted" };
        var dataArg = new Argument<string>("data") { Description = "the measured file (any format 'interphase analyze' reads), or a timeseries.csv" };
        var fit = new Option<string[]>("--fit", "-f") { Description = "a parameter to fit, e.g. \"Li|Li6PS5Cl.exchange_current_density\" (repeatable)", Required = true };
        var target = new Option<string?>("--target", "-t") { Description = "overpotential (mean |V| per cycle) or voltage (V(t)); default: overpotential with 3 cycles or more" }.OneOf("overpotential", "voltage");
        var protocolFile = new Option<string?>("--protocol-file", "-p") { Description = "simulate this protocol instead of the one read off the measured currents" };
        var output = new OutputOptions("output directory (default: out/<cell name>-calibrated)");
        var library = new Option<string?>("--library") { Description = "materials library folder (default: the shipped data/materials)" };
        var maxEval = new Option<int?>("--max-evaluations") { Description = "simulations the optimiser may run (default 400)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no progress bar" };
        var cmd = new Command("calibrate", "Fit chosen model parameters of a cell to a measured file; write the calibrated cell file, the fit and a report.")
        {
            cellArg, dataArg, fit, target, protocolFile, output.Out, output.Overwrite, library, maxEval, quiet,
        };
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var lib = MaterialLibrary.Load(parse.GetValue(library));
            var cellPath = parse.GetValue(cellArg)!;
            var spec = CellSpec.Load(cellPath, lib);
            Calibrator.Check(spec, lib, parse.GetValue(fit) ?? []);
            var dataPath = parse.GetValue(dataArg)!;
            using var folder = output.Open(parse, Path.Combine("out", spec.Name + "-calibrated"), cellPath, dataPath, parse.GetValue(protocolFile), spec.ProtocolFile, parse.GetValue(library))!;
            var measured = Measurement.Analyze(dataPath, new AnalysisOptions { Kind = CellKind.Symmetric, AreaM2 = spec.AreaM2 });
            var options = new CalibrationOptions
            {
                Parameters = parse.GetValue(fit) ?? [],
                Target = parse.GetValue(target)?.Trim().ToLowerInvariant() switch
                {
                    null => null,
                    "overpotential" => CalibrationTarget.Overpotential,
                    "voltage" => CalibrationTarget.Voltage,
                    var t => throw new InputException($"--target '{t}': expected overpotential or voltage"),
                },
                Protocol = parse.GetValue(protocolFile) is { } pf
                    ? (File.Exists(pf) ? ProtocolParser.ParseFile(pf) : throw new InputException($"protocol file not found: {pf}"))
                    : null,
                MaxEvaluations = parse.GetValue(maxEval) is int n ? (n >= 10 ? n : throw new InputException("--max-evaluations must be at least 10")) : 400,
            };
            var result = ProgressDisplay.Run(stderr, parse.GetValue(quiet), $"calibrating {spec.Name}", p => Calibrator.Fit(spec, lib, measured.Symmetric!, options, p));
            var dir = folder.Directory;
            var fileName = Path.GetFileNameWithoutExtension(cellPath) + ".calibrated.yaml";
            var parameters = new Parameters(lib, spec.Overrides);
            var text = CalibratedCellFile.Text(File.ReadAllText(cellPath), cellPath, Path.Combine(dir, fileName), result.Parameters,
                Path.GetFileName(dataPath), key => parameters.ValueText(key).Path, DateTimeOffset.Now);
            var files = CalibrationWriter.Write(result, measured, folder.WriteTo, text, fileName);
            folder.Commit();
            stdout.WriteLine($"{spec.Name} against {Path.GetFileName(dataPath)}: RMS residual {Show(result.InitialRmsResidualV * 1e3, "G3", "mV")} → {Show(result.RmsResidualV * 1e3, "G3", "mV")} ({result.Evaluations} simulations; {result.ExitReason})");
            foreach (var p in result.Parameters)
                stdout.WriteLine($"  {p.Path} = {p.Text} ± {Show(p.StandardError, "G2")} (was {Show(p.Initial, "G6")}){(p.AtBound ? " — at the search bound" : "")}");
            CliRunner.Wrote(stdout, files, dir);
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
