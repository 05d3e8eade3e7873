namespace Interphase.IO;

/// <summary>
/// YAML reads ": " inside an unquoted value as the start of a mapping, so a list item such as
/// <c>- Repeat 10 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h</c> becomes a
/// key: value pair (or, with a second ": ", malformed YAML). The errors for it say how to write it.
/// </summary>
public static class YamlQuoteHint
{
    /// <summary>"a step containing ': ' must be quoted in YAML: - "Repeat 10 times: …"".</summary>
    public static string For(string what, string text) =>
        $"a {what} containing ': ' must be quoted in YAML: - \"{text.Replace("\"", "\\\"")}\"";

    /// <summary>
    /// " (hint)" when line <paramref name="line"/> (from 1) of <paramref name="yaml"/> is an unquoted list
    /// item containing ": ", else "".
    /// </summary>
    public static string ForLine(string yaml, int line)
    {
        var lines = yaml.Split('\n');
        if (line < 1 || line > lines.Length) return "";
        var t = lines[line - 1].Trim();
        if (!t.StartsWith("- ", StringComparison.Ordinal)) return "";
        var item = t[2..].Trim();
        return item.Contains(": ", StringComparison.Ordinal) && item[0] is not ('"' or '\'' or '{' or '[')
            ? $" ({For("list item", item)})"
            : "";
    }
}
