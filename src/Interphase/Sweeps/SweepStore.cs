using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Interphase.Sweeps;

/// <summary>
/// DIR/results.sqlite (WAL): table <c>sweep</c> (key, value: the spec, the cell file and the design list
/// as they were, the cell kind, the shard), table <c>parameters</c> (name, unit, scale), table
/// <c>runs</c> (id, status done/failed, reason, seed, one column per parameter named as in the spec, the
/// metrics, elapsed_s) and table <c>cycles</c> (run_id, cycle, the per-cycle columns). A run's row and
/// its cycles are written in one transaction, so a killed sweep leaves only whole runs; reopening the
/// store with the same spec resumes it.
/// </summary>
public sealed class SweepStore : IDisposable
{
    public const string FileName = "results.sqlite";

    readonly SqliteConnection _db;
    public SweepMetrics Metrics { get; }
    public IReadOnlyList<string> ParameterColumns { get; }

    SweepStore(SqliteConnection db, SweepMetrics metrics, IReadOnlyList<string> parameters)
    {
        _db = db;
        Metrics = metrics;
        ParameterColumns = parameters;
    }

    public SqliteConnection Connection => _db;

    /// <summary>A quoted SQL identifier (column names are the spec's keys: "Li|Li6PS5Cl.exchange_current_density").</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    static SqliteConnection Connect(string file, SqliteOpenMode mode)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString());
        db.Open();
        Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
        return db;
    }

    static void Exec(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    /// <summary>The identity of a sweep: a store resumes only the sweep of these texts (the shard is checked apart).</summary>
    public static IReadOnlyDictionary<string, string> Identity(SweepSpec spec, string kind) => new Dictionary<string, string>
    {
        ["spec"] = spec.Text, ["cell"] = spec.CellText, ["protocol_file"] = spec.ProtocolFileText ?? "", ["design_list"] = spec.ListText ?? "", ["kind"] = kind,
    };

    /// <summary>The keys of <see cref="Identity"/>: two stores hold one sweep when these agree.</summary>
    static readonly string[] IdentityKeys = ["spec", "cell", "protocol_file", "design_list", "kind"];

    /// <summary>Creates DIR/results.sqlite, or opens it to resume when it holds the same sweep (else an InputException).</summary>
    public static SweepStore Open(string dir, SweepSpec spec, string kind, string shard)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, FileName);
        var db = Connect(file, SqliteOpenMode.ReadWriteCreate);
        // a store whose creation was killed before its tables were committed is begun again
        bool exists = Convert.ToInt64(Scalar(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sweep'"), CultureInfo.InvariantCulture) > 0;
        var metrics = SweepMetrics.For(kind);
        var store = new SweepStore(db, metrics, spec.Parameters.Select(p => p.Key).ToList());
        try
        {
            if (exists)
            {
                var stored = store.Meta();
                foreach (var (key, value) in Identity(spec, kind))
                    if (!stored.TryGetValue(key, out var s) || s != value)
                        throw new InputException($"{file} holds another sweep (its stored {key} differs from this one's): give another --out to start a new sweep", spec.File);
                if (stored.GetValueOrDefault("shard") != shard)
                    throw new InputException($"{file} holds shard {stored.GetValueOrDefault("shard")} of this sweep, not {shard}", spec.File);
                return store;
            }
            using var tx = db.BeginTransaction();
            Exec(db, "CREATE TABLE sweep (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            Exec(db, "CREATE TABLE parameters (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, unit TEXT NOT NULL, target TEXT NOT NULL, spread TEXT NOT NULL, scale TEXT NOT NULL)");
            var runCols = string.Join(", ", store.ParameterColumns.Select(c => Quote(c))
                .Concat(metrics.Run.Select(m => Quote(m) + (m is "stop_reason" ? " TEXT" : ""))));
            Exec(db, $"CREATE TABLE runs (id INTEGER PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('done', 'failed')), reason TEXT, seed INTEGER NOT NULL, {runCols}, elapsed_s REAL)");
            Exec(db, $"CREATE TABLE cycles (run_id INTEGER NOT NULL REFERENCES runs(id), cycle INTEGER NOT NULL, {string.Join(", ", metrics.Cycle.Select(c => Quote(c)))}, PRIMARY KEY (run_id, cycle))");
            var meta = Identity(spec, kind).ToDictionary();
            meta["spec_file"] = Path.GetFileName(spec.File);
            meta["cell_file"] = Path.GetFileName(spec.CellFile);
            meta["method"] = spec.Design.Method.ToString().ToLowerInvariant();
            meta["seed"] = spec.Design.Seed.ToString(CultureInfo.InvariantCulture);
            meta["points"] = spec.Points().Count.ToString(CultureInfo.InvariantCulture);
            meta["shard"] = shard;
            foreach (var (k, v) in meta) Insert(db, "INSERT INTO sweep (key, value) VALUES ($a, $b)", k, v);
            for (int i = 0; i < spec.Parameters.Count; i++)
            {
                var p = spec.Parameters[i];
                Insert(db, "INSERT INTO parameters VALUES ($a, $b, $c, $d, $e, $f)", i + 1, p.Key, p.Unit, p.Target.ToString(), p.Spread.ToString(), p.Log ? "log" : "linear");
            }
            tx.Commit();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing store (show, merge, report).</summary>
    public static SweepStore OpenExisting(string dir)
    {
        var file = Path.Combine(dir, FileName);
        if (!File.Exists(file)) throw new InputException($"no sweep results in {dir}: expected {FileName} written by 'interphase sweep'");
        // read-write even to read: a read-only connection cannot join the WAL of a sweep still running
        var db = Connect(file, SqliteOpenMode.ReadWrite);
        try
        {
            var kind = Scalar(db, "SELECT value FROM sweep WHERE key = 'kind'") as string ?? "symmetric";
            var ps = new List<string>();
            using (var cmd = db.CreateCommand())
            {
                cmd.CommandText = "SELECT name FROM parameters ORDER BY position";
                using var r = cmd.ExecuteReader();
                while (r.Read()) ps.Add(r.GetString(0));
            }
            return new SweepStore(db, SweepMetrics.For(kind), ps);
        }
        catch (SqliteException e)
        {
            db.Dispose();
            throw new InputException($"{file} is not a sweep's results store: {e.Message}");
        }
    }

    static object? Scalar(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    static void Insert(SqliteConnection db, string sql, params object?[] values)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        for (int i = 0; i < values.Length; i++) cmd.Parameters.AddWithValue("$" + (char)('a' + i), values[i] ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The sweep table as a dictionary.</summary>
    public IReadOnlyDictionary<string, string> Meta()
    {
        var d = new Dictionary<string, string>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT key, value FROM sweep";
        using var r = cmd.ExecuteReader();
        while (r.Read()) d[r.GetString(0)] = r.GetString(1);
        return d;
    }

    /// <summary>The ids of the runs already stored (done or failed): a rerun skips them.</summary>
    public HashSet<int> Finished()
    {
        var ids = new HashSet<int>();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT id FROM runs";
        using var r = cmd.ExecuteReader();
        while (r.Read()) ids.Add(r.GetInt32(0));
        return ids;
    }

    /// <summary>Counts of runs by status.</summary>
    public (int Done, int Failed) Counts()
    {
        int Count(string status) => Convert.ToInt32(Scalar(_db, $"SELECT COUNT(*) FROM runs WHERE status = '{status}'"), CultureInfo.InvariantCulture);
        return (Count("done"), Count("failed"));
    }

    /// <summary>Writes finished runs and their cycles in one transaction.</summary>
    public void Write(IReadOnlyList<SweepOutcome> batch)
    {
        using var tx = _db.BeginTransaction();
        using var run = _db.CreateCommand();
        var cols = new List<string> { "id", "status", "reason", "seed" };
        cols.AddRange(ParameterColumns);
        cols.AddRange(Metrics.Run);
        cols.Add("elapsed_s");
        run.CommandText = $"INSERT INTO runs ({string.Join(", ", cols.Select(Quote))}) VALUES ({string.Join(", ", cols.Select((_, i) => "$p" + i))})";
        var runParams = cols.Select((_, i) => run.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        using var cyc = _db.CreateCommand();
        var ccols = new List<string> { "run_id", "cycle" };
        ccols.AddRange(Metrics.Cycle);
        cyc.CommandText = $"INSERT INTO cycles ({string.Join(", ", ccols.Select(Quote))}) VALUES ({string.Join(", ", ccols.Select((_, i) => "$c" + i))})";
        var cycParams = ccols.Select((_, i) => cyc.Parameters.Add(new SqliteParameter("$c" + i, null))).ToArray();
        foreach (var o in batch)
        {
            var values = new List<object?> { o.Id, o.Status, o.Reason, o.Seed };
            values.AddRange(o.Values.Select(v => v.Number is { } n ? n : (object)v.Text));
            values.AddRange(o.Metrics.Length == 0 ? new object?[Metrics.Run.Count] : o.Metrics);
            values.Add(o.ElapsedS);
            for (int i = 0; i < values.Count; i++) runParams[i].Value = values[i] ?? DBNull.Value;
            run.ExecuteNonQuery();
            foreach (var row in o.Cycles)
            {
                cycParams[0].Value = o.Id;
                for (int i = 0; i < row.Length; i++) cycParams[i + 1].Value = row[i] ?? DBNull.Value;
                cyc.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }

    /// <summary>
    /// Combines the stores of <paramref name="dirs"/> (shards of one sweep) into DIR/results.sqlite: each
    /// design point once, whichever shard ran it. Every store must hold the same sweep.
    /// </summary>
    public static (int Runs, int Points) Merge(IReadOnlyList<string> dirs, string outDir)
    {
        if (dirs.Count == 0) throw new InputException("merge needs at least one sweep folder");
        IReadOnlyDictionary<string, string> first;
        using (var s = OpenExisting(dirs[0])) first = s.Meta();
        foreach (var d in dirs.Skip(1))
        {
            using var s = OpenExisting(d);
            var meta = s.Meta();
            foreach (var key in IdentityKeys)
                if (meta.GetValueOrDefault(key) != first.GetValueOrDefault(key))
                    throw new InputException($"{d} holds another sweep than {dirs[0]} (their stored {key} differs): only shards of one spec can be merged");
        }
        Directory.CreateDirectory(outDir);
        var outFile = Path.Combine(outDir, FileName);
        if (File.Exists(outFile)) throw new InputException($"{outFile} exists: merge into a new folder");
        var staged = Path.Combine(outDir, $".{FileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var s = OpenExisting(dirs[0]))
                Exec(s.Connection, $"VACUUM INTO '{staged.Replace("'", "''")}'");
            using (var db = Connect(staged, SqliteOpenMode.ReadWrite))
            {
                foreach (var d in dirs.Skip(1))
                {
                    var src = Path.GetFullPath(Path.Combine(d, FileName));
                    Exec(db, $"ATTACH DATABASE '{src.Replace("'", "''")}' AS src");
                    using (var tx = db.BeginTransaction())
                    {
                        // the runs the merged store lacks, then their cycles: a run already merged keeps its own
                        Exec(db, "CREATE TEMP TABLE new_ids AS SELECT id FROM src.runs WHERE id NOT IN (SELECT id FROM main.runs)");
                        Exec(db, "INSERT INTO runs SELECT * FROM src.runs WHERE id IN (SELECT id FROM new_ids)");
                        Exec(db, "INSERT INTO cycles SELECT * FROM src.cycles WHERE run_id IN (SELECT id FROM new_ids)");
                        Exec(db, "DROP TABLE new_ids");
                        tx.Commit();
                    }
                    Exec(db, "DETACH DATABASE src");
                }
                Insert(db, "UPDATE sweep SET value = $a WHERE key = 'shard'", $"merged from {dirs.Count}");
                Exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
            SqliteConnection.ClearAllPools();
            // the shards' time series (--keep-series), each run's once
            foreach (var d in dirs)
                if (Directory.Exists(Path.Combine(d, SweepSeries.Folder)))
                    foreach (var f in Directory.GetFiles(Path.Combine(d, SweepSeries.Folder), "*.parquet"))
                    {
                        var target = Path.Combine(outDir, SweepSeries.Folder, Path.GetFileName(f));
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        if (!File.Exists(target)) File.Copy(f, target);
                    }
            File.Move(staged, outFile);
        }
        finally
        {
            foreach (var f in new[] { staged, staged + "-wal", staged + "-shm" }) if (File.Exists(f)) File.Delete(f);
        }
        using var merged = OpenExisting(outDir);
        var (done, failed) = merged.Counts();
        return (done + failed, int.Parse(first.GetValueOrDefault("points", "0"), CultureInfo.InvariantCulture));
    }

    public void Dispose() => _db.Dispose();
}
