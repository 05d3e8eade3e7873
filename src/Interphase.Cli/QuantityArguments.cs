using System.Globalization;
using Interphase.Units;

namespace Interphase.Cli;

/// <summary>
/// Lets options that take a number with a unit be written as researchers write them, in two words:
/// <c>--mass 1.4 mg</c>, <c>--area 0.785 cm2</c>, <c>--fmin 10 mHz</c>, as well as <c>--mass "1.4 mg"</c>.
/// Before parsing, a bare number after such an option is joined with the next word when that word
/// is a unit (and not a file or folder that exists), so a file name after the option is left alone.
/// </summary>
public static class QuantityArguments
{
    static readonly HashSet<string> Options = ["--mass", "-m", "--area", "-a", "--thickness", "--fmin", "--fmax", "--limit"];

    public static string[] Join(string[] args)
    {
        var result = new List<string>(args.Length);
        for (int i = 0; i < args.Length; i++)
        {
            result.Add(args[i]);
            if (!Options.Contains(args[i]) || i + 2 >= args.Length) continue;
            if (double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out _) && IsUnit(args[i + 2]))
            {
                result.Add($"{args[i + 1]} {args[i + 2]}");
                i += 2;
            }
        }
        return result.ToArray();
    }

    static bool IsUnit(string text)
    {
        if (text.Length == 0 || text.StartsWith('-') || File.Exists(text) || Directory.Exists(text)) return false;
        try
        {
            UnitParser.Parse(text);
            return true;
        }
        catch (InputException) { return false; }
    }
}
