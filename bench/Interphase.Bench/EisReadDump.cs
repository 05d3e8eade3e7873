using System.Globalization;
using Interphase.Data.Eis;

namespace Interphase.Bench;

/// <summary>
/// <c>-- eis-read-dump PATH…</c>: every impedance file under the paths (files, or folders searched recursively) read
/// with <see cref="EisFile.ReadAll"/>, printed as its format, notes, warnings, σ and every value round-trip, or the
/// refusal's message, so that two builds of the impedance readers can be shown to read the same files alike
/// (<c>diff</c> the outputs).
/// </summary>
internal static class EisReadDump
{
    static readonly string[] Extensions = [".csv", ".txt", ".mpt", ".mpr", ".dta", ".z", ".par", ".p00", ".ism", ".idf", ".ids", ".pssession", ".dat", ".tsv"];

    public static int Run(string[] args)
    {
        var files = args.SelectMany(p => Directory.Exists(p)
                ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                : [p])
            .Order(StringComparer.Ordinal).ToList();
        var o = Console.Out;
        foreach (var f in files)
        {
            o.WriteLine($"== {f}");
            try
            {
                foreach (var s in EisFile.ReadAll(f))
                {
                    o.WriteLine($"format {s.Format}; notes [{string.Join(" | ", s.Notes)}]; warnings [{string.Join(" | ", s.Warnings)}]; {s.FrequenciesHz.Length} points");
                    for (int i = 0; i < s.FrequenciesHz.Length; i++)
                        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{s.FrequenciesHz[i]:R} {s.Impedance[i].Real:R} {s.Impedance[i].Imaginary:R} {(s.Sigma is { } sg ? sg[i].ToString("R", CultureInfo.InvariantCulture) : "-")}"));
                }
            }
            catch (Exception e) { o.WriteLine($"{e.GetType().Name}: {(e is InputException ie ? ie.OneLine : e.Message)}"); }
        }
        return 0;
    }
}
