namespace Interphase.Tests;

/// <summary>Where the repository, its fixtures and the shared measured data are.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Interphase.slnx"))) return d.FullName;
        throw new InvalidOperationException("cannot find the repository root (Interphase.slnx) above the test binaries");
    }

    public static string Fixtures => Path.Combine(RepoRoot, "tests", "Interphase.Tests", "Fixtures");
    public static string FixtureLibrary => Path.Combine(Fixtures, "library");
    public static string Library => Path.Combine(RepoRoot, "data", "materials");
    public static string Cases => Path.Combine(RepoRoot, "data", "cases");
    /// <summary>Where the shared measured files would be: ../shared/data from the repository root.</summary>
    public static string SharedDataPath => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>True when ../shared/data is beside the repository (CI's clone; a user's clone usually has none).</summary>
    public static bool HasSharedData => Directory.Exists(SharedDataPath);

    /// <summary>
    /// The shared measured files (../shared/data from the repository root). Tests that read them are
    /// marked <see cref="SharedDataFactAttribute"/> and skip, with the reason, when the folder is absent.
    /// </summary>
    public static string SharedData
    {
        get
        {
            // the file-level errors of the readers would otherwise say only "file not found"
            if (!HasSharedData)
                throw new InvalidOperationException($"the shared measured data is not beside the repository (expected {SharedDataPath}); mark this test [SharedDataFact]");
            return SharedDataPath;
        }
    }

    /// <summary>A new empty folder under this test run's own folder, which is deleted when the run ends.</summary>
    public static string TempDir()
    {
        var d = Path.Combine(RunRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    // One folder per test process (about 1 GB of simulation and analysis outputs per whole-suite run), deleted at
    // exit. The test host is often stopped before its exit handlers finish, so a new run also deletes, in the
    // background, the folders of runs whose process has ended (and any other folder a day old).
    static readonly Lazy<string> RunRoot = new(() =>
    {
        var parent = Path.Combine(Path.GetTempPath(), "interphase-tests");
        Directory.CreateDirectory(parent);
        var stale = Directory.EnumerateDirectories(parent).Where(IsStale).ToList();
        if (stale.Count > 0) Task.Run(() => stale.ForEach(TryDelete));
        var root = Path.Combine(parent, $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    });

    static bool IsStale(string dir)
    {
        var parts = Path.GetFileName(dir).Split('-');
        if (parts is ["run", var pid, _] && int.TryParse(pid, out int id) && id != Environment.ProcessId)
        {
            try { using var p = System.Diagnostics.Process.GetProcessById(id); if (p.HasExited) return true; }
            catch (ArgumentException) { return true; } // no such process
            catch (InvalidOperationException) { return true; }
        }
        return Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddDays(-1);
    }

    static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
