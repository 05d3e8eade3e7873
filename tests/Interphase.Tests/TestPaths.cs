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
    /// <summary>The shared measured files (../shared/data from the repository root).</summary>
    public static string SharedData { get; } = FindShared();

    static string FindShared()
    {
        var d = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));
        // the file-level errors of the readers would otherwise say only "file not found"
        if (!Directory.Exists(d))
            throw new InvalidOperationException($"the shared measured data is not beside the repository (expected ../shared/data from {RepoRoot}); the data tests need it");
        return d;
    }

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "interphase-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
