using System.CommandLine;
using Interphase.Materials;
using Interphase.Reports;
using Interphase.Validation;

namespace Interphase.Cli;

/// <summary><c>interphase validate [--set FILE] [--only ID] [--out DIR]</c>: the literature validation set, model against target.</summary>
public static class ValidateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var setFile = new Option<string?>("--set") { Description = "validation set (YAML; default: the shipped data/validation/validation.yaml)" };
        var only = new Option<string?>("--only") { Description = "run one entry, by id (and the entry it is a ratio to)" };
        var library = new Option<string?>("--library") { Description = "materials library folder (default: the shipped data/materials)" };
        var cases = new Option<string?>("--cases") { Description = "folder of the base cases (default: data/cases beside the library)" };
        var output = new OutputOptions("output directory (default: out/validation)");
        var cmd = new Command("validate", "Simulate every entry of the literature validation set and compare model with target: a table, validation.csv, validation.json and report.html.")
        {
            setFile, only, library, cases, output.Out, output.Overwrite,
        };
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var libFolder = Path.GetFullPath(parse.GetValue(library) ?? MaterialLibrary.DefaultDirectory());
            var lib = MaterialLibrary.Load(libFolder);
            var file = parse.GetValue(setFile) ?? ValidationSet.DefaultPath(libFolder);
            var casesFolder = parse.GetValue(cases) ?? Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(libFolder)))!, "cases");
            var set = ValidationSet.Load(file);
            using var folder = output.Open(parse, Path.Combine("out", "validation"), file, parse.GetValue(library), casesFolder)!;
            var outcomes = ValidationRunner.Run(set, lib, casesFolder, parse.GetValue(only));
            Print(stdout, outcomes);
            var files = ValidationWriter.Write(outcomes, folder.WriteTo, file);
            folder.Commit();
            CliRunner.Wrote(stdout, files, folder.Directory);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    static void Print(TextWriter o, IReadOnlyList<ValidationOutcome> outcomes)
    {
        var w = Math.Max(2, outcomes.Max(x => x.Entry.Id.Length));
        o.WriteLine($"{"id".PadRight(w)}  {"set",-11}  {"target",10}  {"model",10}  {"unit",-8}  {"tolerance",-22}  result");
        foreach (var x in outcomes)
        {
            var reason = x.Status is ValidationStatus.Pass or ValidationStatus.Fail or ValidationStatus.Calibration ? "" : $": {x.Reason}";
            o.WriteLine($"{x.Entry.Id.PadRight(w)}  {x.Entry.Set,-11}  {ReportNumber.Show(x.Entry.Value),10}  {ReportNumber.Show(x.Model),10}  {x.Entry.Unit ?? "",-8}  {x.Entry.Tolerance.Describe(),-22}  {x.StatusText}{reason}");
        }
        o.WriteLine($"{outcomes.Count(x => x.Status == ValidationStatus.Pass)} pass, {outcomes.Count(x => x.Status == ValidationStatus.Fail)} fail, " +
            $"{outcomes.Count(x => x.Status == ValidationStatus.Calibration)} calibration (not counted), {outcomes.Count(x => x.Status == ValidationStatus.NotScored)} not scored");
    }
}
