using System.Globalization;
using System.Text;

namespace Interphase.Sweeps;

/// <summary>
/// The Slurm job-array scripts of a sweep (<c>interphase sweep SPEC --out DIR --slurm N</c>):
/// DIR/sweep.sbatch, whose task K of <c>--array=1-N</c> runs shard K/N into DIR/shard-K on the task's
/// CPUs, and DIR/merge.sbatch, which merges the N shard folders into DIR/merged. Paths are absolute, so
/// the scripts run from any node that sees DIR on a shared file system.
/// </summary>
public static class SlurmArray
{
    public const string SweepScript = "sweep.sbatch";
    public const string MergeScript = "merge.sbatch";

    /// <summary>A value of an #SBATCH directive, in double quotes (which sbatch's directive parser takes; a path may hold spaces).</summary>
    static string Directive(string value) => "\"" + value.Replace("\"", "\\\"") + "\"";

    /// <summary>A word quoted for a POSIX shell.</summary>
    public static string Shell(string word) => "'" + word.Replace("'", "'\"'\"'") + "'";

    /// <summary>The two scripts; <paramref name="command"/> is how to start interphase (its program, and its dll when run through dotnet).</summary>
    public static (string Sweep, string Merge) Scripts(IReadOnlyList<string> command, string specFile, string dir, int tasks, string? library, bool keepSeries = false)
    {
        dir = Path.GetFullPath(dir);
        var cmd = string.Join(' ', command.Select(Shell));
        var lib = (library is null ? "" : $" --library {Shell(Path.GetFullPath(library))}") + (keepSeries ? " --keep-series" : "");
        var n = tasks.ToString(CultureInfo.InvariantCulture);
        var sweep = new StringBuilder()
            .Append("#!/bin/bash\n")
            .Append("#SBATCH --job-name=interphase-sweep\n")
            .Append($"#SBATCH --array=1-{n}\n")
            .Append("#SBATCH --cpus-per-task=2\n")
            .Append($"#SBATCH --output={Directive(Path.Combine(dir, "slurm-%A_%a.out"))}\n")
            .Append("set -euo pipefail\n")
            .Append($"# task K of {n} runs shard K/{n} of the design; a task that is rerun resumes its shard\n")
            .Append($"{cmd} sweep {Shell(Path.GetFullPath(specFile))} --out {Shell(dir)}/shard-\"$SLURM_ARRAY_TASK_ID\" --shard \"$SLURM_ARRAY_TASK_ID\"/{n} --jobs \"${{SLURM_CPUS_PER_TASK:-1}}\" --quiet{lib}\n")
            .ToString();
        var shards = string.Join(' ', Enumerable.Range(1, tasks).Select(k => Shell(Path.Combine(dir, $"shard-{k}"))));
        var merge = new StringBuilder()
            .Append("#!/bin/bash\n")
            .Append("#SBATCH --job-name=interphase-sweep-merge\n")
            .Append($"#SBATCH --output={Directive(Path.Combine(dir, "slurm-merge-%j.out"))}\n")
            .Append("set -euo pipefail\n")
            .Append($"{cmd} sweep merge {shards} --out {Shell(Path.Combine(dir, "merged"))}\n")
            .ToString();
        return (sweep, merge);
    }
}
