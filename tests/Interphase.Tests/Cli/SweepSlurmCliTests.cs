using System.Diagnostics;
using Interphase.Tests.Sweeps;
using Microsoft.Data.Sqlite;

namespace Interphase.Tests.Cli;

/// <summary>
/// `interphase sweep --slurm N`: the job-array and merge scripts, run here by bash as Slurm would run
/// them (one process per array task with SLURM_ARRAY_TASK_ID set), their submission through a
/// stand-in sbatch, and, where a Slurm is running, through the real one.
/// </summary>
public class SweepSlurmCliTests
{
    static string Cell => Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml").Replace('\\', '/');

    static (int Code, string Out, string Err) Start(string file, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.GetAwaiter().GetResult());
    }

    static string[] Cli(string spec, string dir, int tasks) =>
        [Path.Combine(AppContext.BaseDirectory, "interphase.dll"), "sweep", spec, "--out", dir, "--slurm", tasks.ToString()];

    static string Spec() => SweepSpecTests.Write(
        $"cell: {Cell}\nprotocol:\n  - \"Repeat 2 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h\"\ndesign: {{method: sobol, samples: 5}}\n" +
        "parameters:\n  stack_pressure: {from: 1 MPa, to: 10 MPa}\n");

    [Fact]
    public void ArrayTasksRunTheShardsAndTheMergeJobCombinesThem()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "slurm sweep");   // a space: the scripts quote their paths
        var noSbatch = TestPaths.TempDir();   // a PATH without sbatch, also where Slurm is installed
        var (code, stdout, stderr) = Start("dotnet", Cli(Spec(), dir, 3), new Dictionary<string, string> { ["PATH"] = noSbatch });
        Assert.True(code == 0, stderr);
        Assert.Contains("sbatch is not on the PATH", stdout);
        var script = File.ReadAllText(Path.Combine(dir, "sweep.sbatch"));
        Assert.Contains("#SBATCH --array=1-3", script);
        Assert.Contains($"#SBATCH --output=\"{dir}/slurm-%A_%a.out\"", script);   // quoted: sbatch refuses a directive with a bare space
        for (int k = 1; k <= 3; k++)
        {
            var task = Start("bash", [Path.Combine(dir, "sweep.sbatch")], new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = k.ToString(), ["SLURM_CPUS_PER_TASK"] = "1" });
            Assert.True(task.Code == 0, task.Err);
        }
        var merge = Start("bash", [Path.Combine(dir, "merge.sbatch")]);
        Assert.True(merge.Code == 0, merge.Err);
        Assert.Contains("5 of 5 design points", merge.Out);
        using var db = new SqliteConnection($"Data Source={Path.Combine(dir, "merged", "results.sqlite")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT group_concat(id) FROM (SELECT id FROM runs ORDER BY id)";
        Assert.Equal("1,2,3,4,5", cmd.ExecuteScalar());
    }

    [Fact]
    public void SubmitsTheArrayAndAMergeThatWaitsForIt()
    {
        var root = TestPaths.TempDir();
        var bin = Path.Combine(root, "bin");
        Directory.CreateDirectory(bin);
        var log = Path.Combine(root, "sbatch.log");
        File.WriteAllText(Path.Combine(bin, "sbatch"), $"#!/bin/sh\necho \"$@\" >> '{log}'\necho 4242\n");
        Assert.Equal(0, Start("chmod", ["+x", Path.Combine(bin, "sbatch")]).Code);
        var dir = Path.Combine(root, "sweep");
        var (code, stdout, stderr) = Start("dotnet", Cli(Spec(), dir, 4), new Dictionary<string, string> { ["PATH"] = bin });
        Assert.True(code == 0, stderr);
        Assert.Contains("submitted job array 4242 (4 tasks) and merge job 4242", stdout);
        Assert.Equal([$"--parsable {dir}/sweep.sbatch", $"--parsable --dependency=afterok:4242 {dir}/merge.sbatch"], File.ReadAllLines(log));
        Assert.False(Directory.Exists(Path.Combine(dir, "shard-1")));   // nothing runs here
    }

    [SlurmFact]
    public void ARealSlurmRunsTheArrayAndTheMerge()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "real slurm");
        // a 4-task array, as the issue asks, and the merge that depends on it
        var (code, stdout, stderr) = Start("dotnet", Cli(Spec(), dir, 4));
        Assert.True(code == 0, stderr);
        Assert.Contains("submitted job array", stdout);
        var merged = Path.Combine(dir, "merged", "results.sqlite");
        var clock = Stopwatch.StartNew();
        long runs = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(180))
        {
            Thread.Sleep(1000);
            // the merge renames its store into place when it is complete
            if (!File.Exists(merged)) continue;
            using var db = new SqliteConnection($"Data Source={merged};Pooling=False");
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT COUNT(DISTINCT id) FROM runs";
            runs = (long)cmd.ExecuteScalar()!;
            break;
        }
        Assert.True(runs == 5, $"merged store after {clock.Elapsed.TotalSeconds:F0} s: {(File.Exists(merged) ? $"{runs} runs" : "absent")}; " +
            string.Join(" | ", Directory.GetFiles(dir, "slurm-*.out").Select(File.ReadAllText)));
        Assert.All(Enumerable.Range(1, 4), k => Assert.True(File.Exists(Path.Combine(dir, $"shard-{k}", "results.sqlite")), $"shard-{k}"));
    }
}
