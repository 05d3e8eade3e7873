namespace Interphase.Cli;

/// <summary>
/// The output folder of a command (<c>--out DIR</c>, <c>--overwrite</c>). A folder that exists and holds
/// anything is refused, so that no file of an earlier run can stand beside the new ones, unless
/// <c>--overwrite</c> is given: then the outputs are written into a fresh hidden folder beside it
/// (<c>.DIR.interphase-new-…</c>), and only when every file was written (<see cref="Commit"/>) does that
/// folder replace the old one whole. A run that fails leaves the old folder as it was. An empty or
/// missing folder is simply written into (the writers stage their files themselves).
/// </summary>
public sealed class OutputFolder : IDisposable
{
    /// <summary>The folder the user named.</summary>
    public string Directory { get; }

    /// <summary>Where the command writes: <see cref="Directory"/>, or the fresh folder that will replace it.</summary>
    public string WriteTo { get; }

    readonly string? _fresh;
    bool _committed;

    OutputFolder(string directory, string? fresh)
    {
        Directory = directory;
        _fresh = fresh;
        WriteTo = fresh ?? directory;
    }

    /// <summary>
    /// Check <paramref name="dir"/> before the command computes anything. <paramref name="inputs"/> are the
    /// files and folders the command reads: <c>--overwrite</c> refuses to replace a folder that holds one
    /// of them, or the current folder.
    /// </summary>
    public static OutputFolder Open(string dir, bool overwrite, IEnumerable<string?> inputs)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        if (File.Exists(full)) throw new InputException($"output path '{dir}' is a file; expected a folder");
        if (!System.IO.Directory.Exists(full) || !System.IO.Directory.EnumerateFileSystemEntries(full).Any())
            return new OutputFolder(dir, null);
        if (!overwrite)
        {
            var first = Path.GetFileName(System.IO.Directory.EnumerateFileSystemEntries(full).Order(StringComparer.Ordinal).First());
            throw new InputException($"output folder '{dir}' is not empty (it holds '{first}'…); choose another --out, or add --overwrite to replace the folder whole");
        }
        if (Contains(full, Path.GetFullPath(Environment.CurrentDirectory)))
            throw new InputException($"--overwrite would replace '{dir}', which holds the current folder; choose an output folder of its own");
        foreach (var input in inputs.OfType<string>())
            if (Contains(full, Path.GetFullPath(input)))
                throw new InputException($"--overwrite would delete '{input}', which this command reads, with the folder '{dir}'; choose another --out");
        var parent = Path.GetDirectoryName(full) ?? throw new InputException($"--overwrite cannot replace the root folder '{dir}'");
        return new OutputFolder(dir, Path.Combine(parent, $".{Path.GetFileName(full)}.interphase-new-{Guid.NewGuid():N}"));
    }

    /// <summary>With <c>--overwrite</c>, swap the fresh folder in for the old one and delete the old one.</summary>
    public void Commit()
    {
        _committed = true;
        if (_fresh is null) return;
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory));
        var old = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.interphase-old-{Guid.NewGuid():N}");
        try
        {
            System.IO.Directory.Move(full, old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _committed = false; // the new outputs are removed on Dispose; the old folder is untouched
            throw new InputException($"cannot replace '{Directory}': {e.Message}");
        }
        try
        {
            System.IO.Directory.Move(_fresh, full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            System.IO.Directory.Move(old, full);
            _committed = false;
            throw new InputException($"cannot replace '{Directory}': {e.Message}");
        }
        TryDelete(old);
    }

    public void Dispose()
    {
        if (!_committed && _fresh is not null) TryDelete(_fresh);
    }

    static bool Contains(string folder, string path)
    {
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        path = Path.TrimEndingDirectorySeparator(path);
        return path.Equals(folder, comparison) || path.StartsWith(folder + Path.DirectorySeparatorChar, comparison);
    }

    static void TryDelete(string dir)
    {
        try { if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
