namespace Interphase.Cells;

/// <summary>
/// The cases shipped with the materials library (data/cases beside data/materials; the installed tool carries
/// both), so that <c>interphase simulate A-bare-Li-LPSCl</c> runs from any folder.
/// </summary>
public static class ShippedCases
{
    /// <summary>The folder of the shipped cases that belong to the library in <paramref name="libraryDirectory"/>.</summary>
    public static string Directory(string libraryDirectory) => Path.GetFullPath(Path.Combine(libraryDirectory, "..", "cases"));

    /// <summary>
    /// <paramref name="cell"/> itself when it is a file; else, when it is a bare name ("A-bare-Li-LPSCl", with or
    /// without ".yaml") of a shipped case, that case's file; a path that is not a file is returned unchanged (its
    /// loading says it was not found), a bare name that is neither is refused on one line listing the cases.
    /// </summary>
    public static string Resolve(string cell, string libraryDirectory)
    {
        if (File.Exists(cell) || cell.IndexOfAny(['/', '\\']) >= 0) return cell;
        var name = cell.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? cell : cell + ".yaml";
        var dir = Directory(libraryDirectory);
        var shipped = Path.Combine(dir, name);
        if (File.Exists(shipped)) return shipped;
        // the names nearest the one given first (longest common beginning, ignoring case)
        var stem = Path.GetFileNameWithoutExtension(name);
        var names = System.IO.Directory.Exists(dir)
            ? System.IO.Directory.GetFiles(dir, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!)
                .OrderByDescending(n => CommonPrefix(n, stem)).ThenBy(n => n, StringComparer.Ordinal).ToList() : [];
        throw new InputException(names.Count == 0
            ? "file not found, and no shipped cases beside the materials library to look the name up in"
            : $"file not found, and no shipped case has that name; the nearest of the {names.Count} shipped cases ({dir}) are {string.Join(", ", names.Take(5))}", cell);
    }

    static int CommonPrefix(string a, string b)
    {
        int n = 0;
        while (n < a.Length && n < b.Length && char.ToLowerInvariant(a[n]) == char.ToLowerInvariant(b[n])) n++;
        return n;
    }
}
