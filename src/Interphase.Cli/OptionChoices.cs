using System.CommandLine;
using System.CommandLine.Parsing;

namespace Interphase.Cli;

/// <summary>
/// Options that take one of a few words (<c>--kind symmetric|full|eis</c>). The words are matched
/// without regard to case; any other word is a usage error (exit 2) found while parsing, before the
/// command runs: <c>--kind 'half': expected symmetric, full or eis</c>.
/// </summary>
public static class OptionChoices
{
    public static Option<T> OneOf<T>(this Option<T> option, params string[] words) => option.Check(
        word => words.Contains(word, StringComparer.OrdinalIgnoreCase),
        $"expected {List(words)}");

    /// <summary>A usage error "OPTION 'VALUE': <paramref name="expected"/>" for every value that fails <paramref name="accept"/>.</summary>
    public static Option<T> Check<T>(this Option<T> option, Func<string, bool> accept, string expected)
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (!accept(token.Value.Trim()))
                    result.AddError($"{option.Name} '{token.Value}': {expected}");
        });
        return option;
    }

    /// <summary>"a, b or c".</summary>
    static string List(string[] words) => words.Length == 1 ? words[0] : $"{string.Join(", ", words[..^1])} or {words[^1]}";
}
