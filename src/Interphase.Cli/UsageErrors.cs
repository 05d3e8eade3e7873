using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Interphase.Cli;

/// <summary>
/// Mistakes in the shape of the command line (exit code 2): an unknown command or option, a missing
/// argument or option value, a value of the wrong type (<c>--order abc</c>), a word that is not one of
/// an option's choices (<c>--kind half</c>). They are reported before anything runs, as one line
/// <c>error: …</c> and a one-line hint <c>see 'interphase COMMAND --help'</c>.
/// </summary>
public static partial class UsageErrors
{
    /// <summary>The one-line message when <paramref name="parse"/> is a usage error, otherwise null.</summary>
    public static string? Of(ParseResult parse)
    {
        // Help and version requests run whatever else is on the line.
        if (parse.Action is not null && parse.Action is not ParseErrorAction && parse.Action != parse.CommandResult.Command.Action)
            return null;
        // An unknown option in the place of an argument is taken as the argument's value
        // (`simulate --bogus` would look for a file named "--bogus"): it is the mistake to name.
        var stray = parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value).Where(LooksLikeOption).ToList();
        if (stray.Count > 0) return string.Join("; ", stray.Select(s => $"unknown option '{s}'"));
        if (parse.Errors.Count == 0) return null;
        // A group (interphase, eis, materials) without one of its commands.
        var group = parse.CommandResult.Command;
        if (group.Subcommands.Count > 0 && group.Action is null)
        {
            var names = string.Join(", ", group.Subcommands.Select(c => c.Name));
            return parse.UnmatchedTokens.FirstOrDefault() is not { } unknown ? $"no command given: expected one of {names}"
                : LooksLikeOption(unknown) ? $"unknown option '{unknown}'"
                : $"unknown command '{unknown}': expected one of {names}";
        }
        // Words nothing on the line takes are the mistake to name first.
        if (parse.UnmatchedTokens.Count > 0)
            return string.Join("; ", parse.UnmatchedTokens.Select(t => LooksLikeOption(t) ? $"unknown option '{t}'" : $"unexpected argument '{t}'"));
        return string.Join("; ", parse.Errors.Select(e => OneLine(e.Message)).Distinct());
    }

    /// <summary>Write the message and the hint; the exit code of a usage error.</summary>
    public static int Report(TextWriter stderr, ParseResult parse, string message)
    {
        stderr.WriteLine($"error: {message}");
        stderr.WriteLine($"see '{CommandPath(parse.CommandResult)} --help'");
        return ExitCodes.UsageError;
    }

    static bool LooksLikeOption(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    static string CommandPath(CommandResult c)
    {
        var names = new List<string>();
        for (SymbolResult? r = c; r is CommandResult cr; r = r.Parent)
            names.Add(cr.Parent is null ? "interphase" : cr.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    // System.CommandLine's messages may span lines (a list of allowed values); one line, no final period.
    // .NET type names mean nothing to a user.
    static string OneLine(string message) => Whitespace().Replace(message, " ").Trim().TrimEnd('.')
        .Replace("'System.Int32'", "'integer'").Replace("'System.Double'", "'number'").Replace("'System.Nullable`1[System.Int32]'", "'integer'");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
