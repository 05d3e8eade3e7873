using System.CommandLine;
using System.Globalization;
using Interphase.Materials;
using Interphase.Reports;
using Interphase.Sweeps;

namespace Interphase.Cli;

/// <summary>
/// <c>interphase sweep SPEC.yaml --out DIR [--jobs N] [--shard K/N]</c>, <c>interphase sweep merge DIR… --out DIR</c>
/// and <c>interphase sweep show DIR [--where EXPR]</c>: design sweeps stored in DIR/results.sqlite.
/// </summary>
public static class SweepCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var specArg = new Argument<string>("spec") { Description = "sweep spec (YAML): cell, protocol, design and parameters (docs/cli.md, 'sweep')" };
        var outOpt = new Option<string>("--out", "-o") { Description = "folder of the sweep: results.sqlite and report.html; rerunning with the same folder resumes", Required = true };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "runs at a time (default: all cores)" };
        var shard = new Option<string?>("--shard") { Description = "run only the K-th of N slices of the design, e.g. 2/4 (merge the folders with 'sweep merge')" };
        var library = new Option<string?>("--library") { Description = "materials library folder (default: the shipped data/materials)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no progress display" };
        var keepSeries = new Option<bool>("--keep-series") { Description = "also keep each run's time series, as DIR/series/run-ID.parquet" };
        var slurm = new Option<int?>("--slurm") { Description = "write DIR/sweep.sbatch (a job array of N shards) and DIR/merge.sbatch instead of running here; submits both when sbatch is on the PATH" };
        var cmd = new Command("sweep", "Run a design sweep of a cell (grid, lhs, sobol, random or a list) on all cores into DIR/results.sqlite, with report.html.")
        {
            specArg, outOpt, jobs, shard, library, quiet, keepSeries, slurm,
        };
        cmd.Validators.Add(r =>
        {
            if (r.GetResult(jobs) is not null && r.GetValue(jobs) is int j && j < 1) r.AddError($"--jobs takes the number of runs at a time, 1 or more; got {j}");
            if (r.GetResult(slurm) is not null && r.GetValue(slurm) is int t && t < 1) r.AddError($"--slurm takes the number of array tasks, 1 or more; got {t}");
            if (r.GetResult(slurm) is not null && r.GetResult(shard) is not null) r.AddError("--slurm writes the shards' jobs itself: leave out --shard");
        });
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var specFile = parse.GetValue(specArg)!;
            var dir = parse.GetValue(outOpt)!;
            var lib = MaterialLibrary.Load(parse.GetValue(library));
            var sh = parse.GetValue(shard) is { } st ? Shard.Parse(st, new SourceLocation("--shard")) : Shard.All;
            var spec = SweepSpec.Read(specFile);
            var kind = SweepRunner.Check(spec, lib);
            if (parse.GetValue(slurm) is int tasks) return SlurmSubmit.Write(stdout, specFile, dir, tasks, parse.GetValue(library), parse.GetValue(keepSeries));
            if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any() && !File.Exists(Path.Combine(dir, SweepStore.FileName)))
                throw new InputException($"{dir} holds other files: give a new or empty folder, or the folder of this sweep to resume it");
            using var store = SweepStore.Open(dir, spec, kind, sh.ToString());
            var (mine, toRun) = SweepRunner.Pending(spec, store, sh);
            int cores = parse.GetValue(jobs) ?? Environment.ProcessorCount;
            var points = spec.Points().Count;
            stdout.WriteLine($"{Path.GetFileName(specFile)}: {spec.Design.Method.ToString().ToLowerInvariant()} design of {points} points" +
                (sh.N > 1 ? $", shard {sh} has {mine}" : "") + $"; {toRun} to run" + (mine > toRun ? $" ({mine - toRun} already in {SweepStore.FileName})" : "") + $" on {cores} cores");
            ProgressDisplay.RunCounted(stderr, parse.GetValue(quiet), "sweep", toRun, "runs",
                p => SweepRunner.Run(spec, lib, store, sh, cores, p, parse.GetValue(keepSeries) ? dir : null));
            var (done, failed) = store.Counts();
            stdout.WriteLine($"  {done} done, {failed} failed" + (failed > 0 ? " (runs.reason says why)" : ""));
            var report = DesignSweepReport.Write(store, dir);
            CliRunner.Wrote(stdout, [SweepStore.FileName, report], dir);
            return ExitCodes.Ok;
        }));
        cmd.Subcommands.Add(Merge(stdout, stderr));
        cmd.Subcommands.Add(Show(stdout, stderr));
        return cmd;
    }

    static Command Merge(TextWriter stdout, TextWriter stderr)
    {
        var dirs = new Argument<string[]>("dirs") { Description = "the folders of the shards", Arity = ArgumentArity.OneOrMore };
        var outOpt = new Option<string>("--out", "-o") { Description = "a new folder for the merged results.sqlite and report.html", Required = true };
        var cmd = new Command("merge", "Combine the shards of one sweep (each design point once) into a new folder.") { dirs, outOpt };
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var dir = parse.GetValue(outOpt)!;
            var (runs, points) = SweepStore.Merge(parse.GetValue(dirs)!, dir);
            stdout.WriteLine($"merged {parse.GetValue(dirs)!.Length} folders: {runs} of {points} design points" + (runs < points ? $" ({points - runs} not run yet)" : ""));
            using var store = SweepStore.OpenExisting(dir);
            var report = DesignSweepReport.Write(store, dir);
            CliRunner.Wrote(stdout, [SweepStore.FileName, report], dir);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    static Command Show(TextWriter stdout, TextWriter stderr)
    {
        var dirArg = new Argument<string>("dir") { Description = "the folder of a sweep" };
        var where = new Option<string?>("--where") { Description = "which runs, e.g. \"critical_current_density_mA_cm2 > 1 and status = 'done'\"" };
        var cmd = new Command("show", "Print the runs of a sweep (CSV on stdout), all or those matching --where.") { dirArg, where };
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            using var store = SweepStore.OpenExisting(parse.GetValue(dirArg)!);
            var columns = DesignSweepReport.Rows(store, "SELECT name FROM pragma_table_info('runs')").Select(r => (string)r["name"]!).ToList();
            var (sql, args) = parse.GetValue(where) is { } w ? SweepFilter.Parse(w, columns) : ("1", []);
            var rows = DesignSweepReport.Rows(store, $"SELECT * FROM runs WHERE {sql} ORDER BY id", args);
            stdout.WriteLine(string.Join(',', columns.Select(Csv)));
            foreach (var r in rows) stdout.WriteLine(string.Join(',', columns.Select(c => Csv(r[c]))));
            stderr.WriteLine($"{rows.Count} of {store.Counts().Done + store.Counts().Failed} runs");
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    static string Csv(object? v) => v switch
    {
        null => "",
        double d => d.ToString("G9", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) is { } s && (s.Contains(',') || s.Contains('"') || s.Contains('\n')) ? $"\"{s.Replace("\"", "\"\"")}\"" : Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
