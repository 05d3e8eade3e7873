namespace Interphase.Tests.Impedance;

/// <summary>Files of this repository and the real instrument files in ../shared/data, found from the folder holding Interphase.slnx.</summary>
internal static class SharedData
{
    static readonly Lazy<string> RepoRoot = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Interphase.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Interphase.slnx not found above the test binaries");
    });

    /// <summary>A file under ../shared/data, e.g. "eis/exampleData.csv".</summary>
    public static string File(string relative) => Path.GetFullPath(Path.Combine(TestPaths.SharedData, relative));

    /// <summary>A file of this repository, e.g. "docs/impedance.md".</summary>
    public static string Repo(string relative) => Path.Combine(RepoRoot.Value, relative);
}
