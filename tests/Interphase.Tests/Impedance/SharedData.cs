namespace Interphase.Tests.Impedance;

/// <summary>The real instrument files in ../shared/data, found from the repository root (the folder holding Interphase.slnx).</summary>
internal static class SharedData
{
    static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Interphase.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Interphase.slnx not found above the test binaries");
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
    });

    public static string File(string relative) => Path.Combine(Root.Value, relative);
}
