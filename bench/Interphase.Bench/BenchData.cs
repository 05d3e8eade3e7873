namespace Interphase.Bench;

/// <summary>The real files in ../shared/data, found from the folder holding Interphase.slnx.</summary>
internal static class BenchData
{
    public static string File(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Interphase.slnx"))) dir = dir.Parent;
        dir ??= new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Interphase.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("run the benchmarks from inside the repository (Interphase.slnx not found)");
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", relative));
    }
}
