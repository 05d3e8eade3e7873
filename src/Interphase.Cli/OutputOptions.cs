using System.CommandLine;

namespace Interphase.Cli;

/// <summary>The <c>--out</c> and <c>--overwrite</c> options of a command that writes files.</summary>
public sealed class OutputOptions
{
    public Option<string?> Out { get; }

    public Option<bool> Overwrite { get; } = new("--overwrite")
    {
        Description = "replace an existing, non-empty output folder whole (only once the new outputs are all written)",
    };

    public OutputOptions(string description) => Out = new Option<string?>("--out", "-o") { Description = description };

    /// <summary>The checked output folder: --out, else <paramref name="defaultDir"/>; null when there is neither.</summary>
    public OutputFolder? Open(ParseResult parse, string? defaultDir, params string?[] inputs) =>
        (parse.GetValue(Out) ?? defaultDir) is { } dir ? OutputFolder.Open(dir, parse.GetValue(Overwrite), inputs) : null;
}
