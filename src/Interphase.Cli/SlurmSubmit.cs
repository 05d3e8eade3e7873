using System.Diagnostics;
using Interphase.IO;
using Interphase.Sweeps;

namespace Interphase.Cli;

/// <summary>
/// <c>interphase sweep SPEC --out DIR --slurm N</c>: writes the job-array and merge scripts
/// (<see cref="SlurmArray"/>) and, when <c>sbatch</c> is on the PATH, submits the array and a merge job
/// that waits for it (<c>--dependency=afterok</c>).
/// </summary>
public static class SlurmSubmit
{
    public static int Write(TextWriter stdout, string specFile, string dir, int tasks, string? library, bool keepSeries)
    {
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir)
                .Any(e => Path.GetFileName(e) is not (SlurmArray.SweepScript or SlurmArray.MergeScript)))
            throw new InputException($"{dir} holds other files: give a new or empty folder for the Slurm scripts and the shards");
        var (sweep, merge) = SlurmArray.Scripts(Command(), specFile, dir, tasks, library, keepSeries);
        IReadOnlyList<string> files;
        using (var staging = new OutputStaging(dir))
        {
            staging.WriteText(SlurmArray.SweepScript, sweep);
            staging.WriteText(SlurmArray.MergeScript, merge);
            files = staging.Commit();
        }
        CliRunner.Wrote(stdout, files, dir, "");
        var sweepScript = Path.Combine(Path.GetFullPath(dir), SlurmArray.SweepScript);
        var mergeScript = Path.Combine(Path.GetFullPath(dir), SlurmArray.MergeScript);
        if (Sbatch() is not { } sbatch)
        {
            stdout.WriteLine($"sbatch is not on the PATH: on the cluster, submit with 'sbatch {sweepScript}', then 'sbatch --dependency=afterok:JOBID {mergeScript}'");
            return ExitCodes.Ok;
        }
        var array = Submit(sbatch, sweepScript);
        var merged = Submit(sbatch, $"--dependency=afterok:{array}", mergeScript);
        stdout.WriteLine($"submitted job array {array} ({tasks} tasks) and merge job {merged}; the merged results will be in {Path.Combine(Path.GetFullPath(dir), "merged")}");
        return ExitCodes.Ok;
    }

    /// <summary>How to start this interphase again: the program, and its dll when it runs through dotnet.</summary>
    static IReadOnlyList<string> Command()
    {
        var process = Environment.ProcessPath ?? "interphase";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, typeof(SlurmSubmit).Assembly.Location] : [process];
    }

    static string? Sbatch() => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "sbatch")).FirstOrDefault(File.Exists);

    /// <summary>Runs sbatch --parsable ARGS; returns the job id it prints.</summary>
    static string Submit(string sbatch, params string[] args)
    {
        var psi = new ProcessStartInfo(sbatch) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--parsable");
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InputException($"cannot start {sbatch}");
        var stderrTask = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        var error = stderrTask.GetAwaiter().GetResult();
        if (p.ExitCode != 0 || output.Length == 0)
            throw new InputException($"sbatch refused {Path.GetFileName(args[^1])} (exit {p.ExitCode}): {error.Split('\n')[0].Trim()}");
        return output.Split(';')[0].Split('\n')[0].Trim();   // --parsable: "JOBID" or "JOBID;CLUSTER"
    }
}
