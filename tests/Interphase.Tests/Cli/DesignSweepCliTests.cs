using System.Diagnostics;
using System.Globalization;
using Interphase.Tests.Sweeps;
using Microsoft.Data.Sqlite;

namespace Interphase.Tests.Cli;

/// <summary>`interphase sweep` as a user meets it: the store, resume after a kill, shards and merge, show --where, one-line errors.</summary>
public class DesignSweepCliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);
    static string Cell => Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml").Replace('\\', '/');

    static string Spec(string design, int cycles = 2, string? dir = null) => SweepSpecTests.Write(
        $"cell: {Cell}\nprotocol:\n  - \"Repeat {cycles} times: Plate at $i for 1 h; Strip at $i for 1 h\"\ndesign: {design}\nparameters:\n" +
        "  stack_pressure: {from: 1 MPa, to: 10 MPa}\n  $i: {values: [0.1 mA/cm2, 0.2 mA/cm2]}\n", dir);

    static long Count(string dir, string sql)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(dir, "results.sqlite")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void StoresEveryRunWithItsParametersMetricsAndCycles()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "sweep");
        var (code, stdout, stderr) = Run("sweep", Spec("{method: grid, levels: 3}"), "--out", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("grid design of 6 points; 6 to run", stdout);
        Assert.Contains("6 done, 0 failed", stdout);
        Assert.Equal(6, Count(dir, "SELECT COUNT(*) FROM runs WHERE status = 'done'"));
        Assert.Equal(12, Count(dir, "SELECT COUNT(*) FROM cycles"));
        // one column per parameter, named as in the spec; values in the spec's units
        Assert.Equal(5, Count(dir, "SELECT COUNT(*) FROM runs WHERE stack_pressure = 5.5 OR stack_pressure = 1 OR stack_pressure = 10") - 1);
        Assert.Equal(3, Count(dir, "SELECT COUNT(*) FROM runs WHERE \"$i\" = 0.2"));
        // the cycles keep the run's current; the metric is the run's mean |V|
        Assert.Equal(6, Count(dir, "SELECT COUNT(*) FROM runs r WHERE abs((SELECT avg(mean_abs_overpotential_mV) FROM cycles c WHERE c.run_id = r.id) - r.mean_overpotential_mV) < 1e-9"));
        Assert.Equal(12, Count(dir, "SELECT COUNT(*) FROM cycles c JOIN runs r ON r.id = c.run_id WHERE abs(c.current_density_mA_cm2 - r.\"$i\") < 1e-12"));
        Assert.Equal(1, Count(dir, "SELECT COUNT(*) FROM sweep WHERE key = 'spec' AND value LIKE '%Plate at $i%'"));
        Assert.Equal("wal", new SqliteConnection($"Data Source={Path.Combine(dir, "results.sqlite")}") is var db && Open(db) is var c ? (string)c.ExecuteScalar()! : "");
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("stack_pressure / MPa", html);
        Assert.False(Directory.Exists(Path.Combine(dir, "series")));   // time series only with --keep-series
        Assert.DoesNotContain(">Prediction band</h2>", html);           // no parameter carries a distribution
        Assert.Contains(">mean_overpotential_mV</h2>", html);
        // a rerun resumes: nothing to do, nothing duplicated
        (code, stdout, stderr) = Run("sweep", Spec("{method: grid, levels: 3}", dir: Path.GetDirectoryName(Path.GetDirectoryName(dir) + "/")), "--out", dir);
        Assert.True(code == 0, stderr);
        Assert.Contains("0 to run (6 already in results.sqlite)", stdout);
        Assert.Equal(6, Count(dir, "SELECT COUNT(*) FROM runs"));
    }

    /// <summary>
    /// A spec without a protocol runs the cell's protocol file, read once when the spec is read: editing the
    /// file between two runs of the sweep is another sweep (its results would mix two protocols), and the runs
    /// follow the protocol as it was when the sweep began.
    /// </summary>
    [Fact]
    public void TheCellsProtocolFileIsPartOfTheSweepsIdentity()
    {
        var work = TestPaths.TempDir();
        var cellText = File.ReadAllText(Cell).Replace("protocol_file: A-symmetric.protocol", "protocol_file: mine.protocol");
        File.WriteAllText(Path.Combine(work, "cell.yaml"), cellText);
        var protocol = Path.Combine(work, "mine.protocol");
        File.WriteAllText(protocol, "Repeat 2 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h\n");
        var spec = SweepSpecTests.Write("cell: cell.yaml\ndesign: {method: grid, levels: 2}\nparameters:\n  stack_pressure: {from: 1 MPa, to: 10 MPa}\n", work);
        var dir = Path.Combine(work, "sweep");
        var (code, _, stderr) = Run("sweep", spec, "--out", dir);
        Assert.True(code == 0, stderr);
        Assert.Equal(4, Count(dir, "SELECT COUNT(*) FROM cycles"));
        Assert.Equal(1, Count(dir, "SELECT COUNT(*) FROM sweep WHERE key = 'protocol_file' AND value LIKE '%Plate at 0.1 mA/cm2%'"));
        File.WriteAllText(protocol, "Repeat 3 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h\n");
        (code, _, stderr) = Run("sweep", spec, "--out", dir);
        Assert.Equal(1, code);
        Assert.Contains("its stored protocol_file differs", stderr);
        Assert.Equal(4, Count(dir, "SELECT COUNT(*) FROM cycles"));
    }

    static SqliteCommand Open(SqliteConnection db)
    {
        db.Open();
        var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        return cmd;
    }

    [Fact]
    public void KilledMidSweepResumesWithoutLossOrDuplicates()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "sweep");
        var spec = Spec("{method: random, samples: 150, seed: 7}", cycles: 100);
        var cli = Path.Combine(AppContext.BaseDirectory, "interphase.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "sweep", spec, "--out", dir, "--jobs", "1", "--quiet" }) psi.ArgumentList.Add(a);
        long before, seen;

        using (var child = Process.Start(psi)!)
        {
            var clock = Stopwatch.StartNew();
            before = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(90) && !child.HasExited)
            {
                Thread.Sleep(100);
                if (File.Exists(Path.Combine(dir, "results.sqlite")))
                {
                    try { before = Count(dir, "SELECT COUNT(*) FROM runs"); } catch (SqliteException) { continue; }   // its tables are not made yet
                    if (before >= 20) break;
                }
            }
            if (child.HasExited) Assert.Fail($"the sweep ended before it was killed: {child.StandardError.ReadToEnd()}");
            seen = before;
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
        before = Count(dir, "SELECT COUNT(*) FROM runs");
        Assert.True(before >= seen && before < 150, $"{before} runs stored after the kill, {seen} before it");
        // every stored run has all its cycles: a run and its cycles are one transaction
        Assert.Equal(before * 100, Count(dir, "SELECT COUNT(*) FROM cycles"));
        var (code, stdout, stderr) = Run("sweep", spec, "--out", dir, "--quiet");
        Assert.True(code == 0, stderr);
        Assert.Contains($"{150 - before} to run ({before} already in results.sqlite)", stdout);
        Assert.Equal(150, Count(dir, "SELECT COUNT(*) FROM runs"));
        Assert.Equal(150, Count(dir, "SELECT COUNT(DISTINCT id) FROM runs"));
        Assert.Equal(1, Count(dir, "SELECT min(id) FROM runs"));
        Assert.Equal(150, Count(dir, "SELECT max(id) FROM runs"));
        Assert.Equal(15000, Count(dir, "SELECT COUNT(*) FROM cycles"));
        // the report of 150 runs has the sensitivity table
        Assert.Contains(">First-order sensitivity</h2>", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void ShardsMergeIntoTheWholeSweep()
    {
        var root = TestPaths.TempDir();
        var spec = Spec("{method: lhs, samples: 7, seed: 3}");
        string D(string n) => Path.Combine(root, n);
        Assert.Equal(0, Run("sweep", spec, "--out", D("all"), "--quiet").code);
        var s1 = Run("sweep", spec, "--out", D("s1"), "--shard", "1/2", "--quiet");
        Assert.Contains("shard 1/2 has 4; 4 to run", s1.stdout);
        Assert.Equal(0, Run("sweep", spec, "--out", D("s2"), "--shard", "2/2", "--quiet").code);
        Assert.Equal(3, Count(D("s2"), "SELECT COUNT(*) FROM runs"));
        var m = Run("sweep", "merge", D("s1"), D("s2"), D("s1"), "--out", D("merged"));
        Assert.True(m.code == 0, m.stderr);
        Assert.Contains("7 of 7 design points", m.stdout);
        Assert.True(File.Exists(Path.Combine(D("merged"), "report.html")));
        // the same runs as the whole sweep, each once, with the same values
        string Table(string d) => string.Join("\n", Run("sweep", "show", d).stdout.Split('\n').Select(l => string.Join(",", l.Split(',').SkipLast(1))));
        Assert.Equal(Table(D("all")), Table(D("merged")));
        Assert.Equal(14, Count(D("merged"), "SELECT COUNT(*) FROM cycles"));
        // a shard's folder is not another shard's
        Run("sweep", spec, "--out", D("s1"), "--shard", "2/2").OneLineError(1);
        // shards of different specs do not merge
        Assert.Equal(0, Run("sweep", Spec("{method: lhs, samples: 7, seed: 4}"), "--out", D("other"), "--quiet").code);
        Assert.Contains("only shards of one spec", Run("sweep", "merge", D("s1"), D("other"), "--out", D("bad")).OneLineError(1));
    }

    static async Task<(long Rows, int[] Cycle, double[] Current)> ReadSeries(string file)
    {
        await using var reader = await Parquet.ParquetReader.CreateAsync(file);
        using var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(["time_h", "current_density_mA_cm2", "voltage_V", "cycle"], fields.Select(f => f.Name));
        var cycle = new int[group.RowCount];
        await group.ReadAsync<int>(fields[3], cycle);
        var current = new double[group.RowCount];
        await group.ReadAsync<double>(fields[1], current);
        return (group.RowCount, cycle, current);
    }

    [Fact]
    public async Task KeepSeriesWritesAParquetFilePerRunAndMergeCarriesThem()
    {
        var root = TestPaths.TempDir();
        var spec = Spec("{method: grid, levels: 2}");
        string D(string n) => Path.Combine(root, n);
        Assert.Equal(0, Run("sweep", spec, "--out", D("s1"), "--shard", "1/2", "--keep-series", "--quiet").code);
        Assert.Equal(0, Run("sweep", spec, "--out", D("s2"), "--shard", "2/2", "--keep-series", "--quiet").code);
        Assert.Equal(0, Run("sweep", "merge", D("s1"), D("s2"), "--out", D("m")).code);
        Assert.Equal(["run-1.parquet", "run-2.parquet", "run-3.parquet", "run-4.parquet"],
            Directory.GetFiles(Path.Combine(D("m"), "series")).Select(Path.GetFileName).Order());
        // run 2 is 1 MPa at 0.2 mA/cm2 (the grid's last parameter varies fastest): two cycles at ±0.2 mA/cm2
        var (rows, cycle, current) = await ReadSeries(Path.Combine(D("m"), "series", "run-2.parquet"));
        Assert.True(rows > 10, $"{rows} rows");
        Assert.Equal([1, 2], cycle.Distinct().Where(c => c > 0).Order());
        Assert.Equal(0.2, current.Max(Math.Abs), 9);
    }

    [Fact]
    public void ShowFiltersWithACheckedExpression()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "sweep");
        Assert.Equal(0, Run("sweep", Spec("{method: grid, levels: 4}"), "--out", dir, "--quiet").code);
        var (code, stdout, stderr) = Run("sweep", "show", dir, "--where", "stack_pressure > 4 and \"$i\" = 0.1 and status = 'done'");
        Assert.True(code == 0, stderr);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.StartsWith("id,status,reason,seed,stack_pressure,$i,mean_overpotential_mV", lines[0]);
        Assert.Equal(2, lines.Length - 1);    // 7 and 10 MPa at 0.1 mA/cm2
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture) > 4));
        Assert.Contains("2 of 8 runs", stderr);
        Assert.Contains("unknown column 'bogus'", Run("sweep", "show", dir, "--where", "bogus > 1").OneLineError(1));
        Assert.Contains("unexpected character ';'", Run("sweep", "show", dir, "--where", "id > 1; DROP TABLE runs").OneLineError(1));
        Assert.Contains("expected a comparison", Run("sweep", "show", dir, "--where", "id id").OneLineError(1));
        Assert.Equal(8, Count(dir, "SELECT COUNT(*) FROM runs"));
    }

    [Fact]
    public void DistributionsGiveAPredictionBandPerCycle()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "sweep");
        var spec = SweepSpecTests.Write($"cell: {Cell}\nprotocol:\n  - \"Repeat 3 times: Plate at 0.2 mA/cm2 for 1 h; Strip at 0.2 mA/cm2 for 1 h\"\n" +
            "design: {method: lhs, samples: 12, seed: 5}\nparameters:\n  stack_pressure: normal(5 MPa, 1 MPa)\n");
        var (code, _, stderr) = Run("sweep", spec, "--out", dir, "--quiet");
        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains(">Prediction band</h2>", html);
        Assert.Contains("Mean |V| per cycle: median and 10–90 % band", html);
        // the hover of cycle 3 counts the runs that completed it
        Assert.Contains($"{Count(dir, "SELECT COUNT(*) FROM cycles WHERE cycle = 3 AND complete = 1")} of 12 runs", html);
    }

    [Fact]
    public void AStoreKilledBeforeItsTablesWereMadeIsBegunAgain()
    {
        var dir = Path.Combine(TestPaths.TempDir(), "sweep");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "results.sqlite"), []);   // what a kill during the first transaction leaves
        var (code, stdout, stderr) = Run("sweep", Spec("{method: lhs, samples: 3}"), "--out", dir, "--quiet");
        Assert.True(code == 0, stderr);
        Assert.Contains("3 done", stdout);
        Assert.Equal(3, Count(dir, "SELECT COUNT(*) FROM runs"));
    }

    [Fact]
    public void BadSpecIsOneLineAndWritesNothing()
    {
        var root = TestPaths.TempDir();
        var f = SweepSpecTests.Write($"cell: {Cell}\ndesign: {{method: lhs, samples: 3}}\nparameters:\n  stack_pressure: {{from: 1 MPa, to: 2 degC}}\n", root);
        var line = Run("sweep", f, "--out", Path.Combine(root, "out")).OneLineError(1);
        Assert.Contains($"{f}:4:", line);
        Assert.False(Directory.Exists(Path.Combine(root, "out")));
        Assert.Equal(2, Run("sweep", f, "--out", Path.Combine(root, "out"), "--jobs", "0").code);
        // a folder of other files is not taken
        File.WriteAllText(Path.Combine(root, "note.txt"), "x");
        Assert.Contains("holds other files", Run("sweep", Spec("{method: lhs, samples: 2}"), "--out", root).OneLineError(1));
    }
}
