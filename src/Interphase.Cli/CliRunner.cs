namespace Interphase.Cli;

/// <summary>Exit codes and the one-line error policy shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The input was wrong (file, value, unit); the message says where and what was expected.</summary>
    public const int InputError = 1;
    /// <summary>The command line itself was wrong (unknown option, missing argument).</summary>
    public const int UsageError = 2;
    /// <summary>A bug in Interphase: set INTERPHASE_DEBUG=1 to see the stack trace.</summary>
    public const int InternalError = 3;
}

public static class CliRunner
{
    /// <summary>Run a command body; user mistakes become one line on stderr and exit code 1.</summary>
    public static int Guard(TextWriter stderr, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            stderr.WriteLine($"error: {e.OneLine}");
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("INTERPHASE_DEBUG") != "1")
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message.Replace('\n', ' ')} (set INTERPHASE_DEBUG=1 for details; please report it)");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The last line of a command that wrote files: which, and to what folder.</summary>
    /// <summary>
    /// A voltammogram's console lines (interphase analyze and simulate alike): its runs and first anodic onset, and the
    /// first cathodic onset when a cathodic run reaches minus the threshold (<paramref name="threshold"/> in A/m²).
    /// </summary>
    public static void SweepOnsets(TextWriter stdout, string name, IReadOnlyList<Interphase.Data.Analysis.SweepSegment> segs, double threshold)
    {
        var onset = segs.FirstOrDefault(x => x.Anodic && x.OnsetVoltage is not null)?.OnsetVoltage;
        stdout.WriteLine($"{name}: {segs.Count} sweep run(s); first anodic onset at {threshold / 10 * 1e3:G3} µA/cm2: {ConsoleNumber.Show(onset, "F3", "V")}");
        if (segs.FirstOrDefault(x => !x.Anodic && x.OnsetVoltage is not null) is { } cat)
            stdout.WriteLine($"{name}: first cathodic onset at -{threshold / 10 * 1e3:G3} µA/cm2: {cat.OnsetVoltage:F3} V (run {cat.Index}, cycle {cat.Cycle})");
    }

    public static void Wrote(TextWriter stdout, IEnumerable<string> files, string dir, string indent = "  ")
    {
        // files in a subfolder (figures/) are counted, not listed one by one
        // (the paths may lie in a folder that replaces DIR on --overwrite: relative to the shallowest one)
        // a bare file name (results.sqlite) is a file in DIR
        var list = files.Select(f => Path.IsPathRooted(f) || Path.GetDirectoryName(f) is { Length: > 0 } ? Path.GetFullPath(f) : Path.GetFullPath(Path.Combine(dir, f))).ToList();
        var root = list.Select(f => Path.GetDirectoryName(f) ?? "").OrderBy(d => d.Length).FirstOrDefault() ?? "";
        string Sub(string f) => Path.GetDirectoryName(Path.GetRelativePath(root, f)) ?? "";
        var top = list.Where(f => Sub(f).Length == 0).Select(Path.GetFileName);
        var folders = list.GroupBy(Sub).Where(g => g.Key.Length > 0).Select(g => $"{g.Key}/ ({g.Count()} files)");
        stdout.WriteLine($"{indent}wrote {string.Join(", ", top.Concat(folders))} to {dir}");
    }
}
