using System.Text;
using System.Text.RegularExpressions;

namespace Interphase.Calibration;

/// <summary>
/// Writes the calibrated cell file: the original text, comments and all, with the fitted values in
/// its <c>overrides:</c> block (an entry for the same parameter is replaced in place, new ones are
/// added at the end of the block, or the block is appended), a comment with each standard error,
/// and a <c>protocol_file:</c> made relative to where the new file goes.
/// </summary>
public static partial class CalibratedCellFile
{
    [GeneratedRegex(@"^overrides\s*:\s*(#.*)?$")]
    private static partial Regex OverridesLine();

    [GeneratedRegex(@"^(?<indent>\s+)(?<key>""[^""]*""|'[^']*'|[^:#]+?)\s*:(?<rest>.*)$")]
    private static partial Regex EntryLine();

    [GeneratedRegex(@"^protocol_file\s*:\s*(?<value>""[^""]*""|'[^']*'|[^#]+?)\s*(?<comment>#.*)?$")]
    private static partial Regex ProtocolFileLine();

    /// <param name="canonical">Maps a key as written to its canonical parameter path (aliases resolved).</param>
    public static string Text(string original, string originalPath, string newPath, IReadOnlyList<FittedParameter> fitted,
        string dataName, Func<string, string> canonical, DateTimeOffset when)
    {
        var lines = original.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        string Entry(string indent, FittedParameter p) =>
            $"{indent}\"{p.Path}\": {p.Text}   # calibrated on {dataName}: ± {p.StandardError:G2} {p.Unit} (1σ), was {p.Initial:G6}{(p.AtBound ? "; at the search bound" : "")}";

        // protocol_file relative to the new file's folder
        for (int i = 0; i < lines.Count; i++)
        {
            var m = ProtocolFileLine().Match(lines[i]);
            if (!m.Success) continue;
            var value = m.Groups["value"].Value.Trim().Trim('"', '\'');
            if (Path.IsPathRooted(value)) continue;
            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(originalPath)) ?? ".", value));
            var rel = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(newPath)) ?? ".", full).Replace('\\', '/');
            lines[i] = $"protocol_file: \"{rel}\"{(m.Groups["comment"].Success ? "   " + m.Groups["comment"].Value : "")}";
        }

        int block = lines.FindIndex(l => OverridesLine().IsMatch(l));
        if (block < 0)
        {
            if (lines.Any(l => l.StartsWith("overrides", StringComparison.Ordinal) && l.TrimEnd().EndsWith('}')))
                throw new InputException("the cell file writes 'overrides:' on one line ({ … }); write it as a block (one 'key: value' per line) so that calibrated values can be added", originalPath);
            lines.Add("");
            lines.Add($"# calibrated by interphase calibrate on {dataName}, {when:yyyy-MM-dd}");
            lines.Add("overrides:");
            lines.AddRange(fitted.Select(p => Entry("  ", p)));
        }
        else
        {
            int end = block + 1;
            string indent = "  ";
            while (end < lines.Count && (lines[end].Trim().Length == 0 || lines[end].TrimStart().StartsWith('#') || char.IsWhiteSpace(lines[end][0])))
            {
                if (EntryLine().Match(lines[end]) is { Success: true } e) indent = e.Groups["indent"].Value;
                end++;
            }
            // do not swallow blank lines and comments that belong to what follows the block
            while (end > block + 1 && (lines[end - 1].Trim().Length == 0 || lines[end - 1].TrimStart().StartsWith('#'))) end--;
            var pending = new List<FittedParameter>(fitted);
            for (int i = block + 1; i < end; i++)
            {
                var e = EntryLine().Match(lines[i]);
                if (!e.Success) continue;
                var key = e.Groups["key"].Value.Trim().Trim('"', '\'');
                string path;
                try { path = canonical(key); }
                catch (InputException) { continue; }
                var p = pending.FirstOrDefault(x => string.Equals(x.Path, path, StringComparison.OrdinalIgnoreCase));
                if (p is null) continue;
                lines[i] = Entry(e.Groups["indent"].Value, p);
                pending.Remove(p);
            }
            lines.InsertRange(end, pending.Select(p => Entry(indent, p)));
            lines.Insert(block, $"# calibrated by interphase calibrate on {dataName}, {when:yyyy-MM-dd}");
        }
        lines.Insert(0, $"# {Path.GetFileName(originalPath)} calibrated against {dataName} by interphase calibrate ({when:yyyy-MM-dd})");
        return new StringBuilder().AppendJoin('\n', lines).Append('\n').ToString();
    }
}
