namespace Interphase.Data.Eis;

/// <summary>
/// Plain delimited text: comma, semicolon (with decimal commas), tab or spaces. Lines starting with
/// '#' or '%' are comments. A header is recognised when the first line is not all numbers; its
/// names choose the columns (frequency: freq/f/Hz; real: Z', Re, Zreal; imaginary: Z'', Im, Zimag,
/// with a leading '-' meaning the column holds −Z''; optional σ: sigma/std/err). Without a header
/// the columns are frequency, Z', Z''. When the imaginary column's sign is not stated, a column
/// that is mostly positive is read as −Z'' (capacitive arcs have Z'' &lt; 0) and a note says so.
/// Rows at frequency 0 before the first impedance row (a hold before the sweep, as VersaStudio
/// records it) are skipped with a warning naming their lines.
/// </summary>
internal static class DelimitedSpectrumReader
{
    public static EisRows Read(EisText text)
    {
        var lines = text.Lines;
        var content = Enumerable.Range(0, lines.Length)
            .Where(i => lines[i].Trim().Length > 0 && !lines[i].TrimStart().StartsWith('#') && !lines[i].TrimStart().StartsWith('%'))
            .ToList();
        if (content.Count == 0) throw text.Error(1, "no data: expected rows of frequency, Z', Z''");

        var (sep, decimalComma) = DetectDelimiter(content.Take(10).Select(i => lines[i]).ToList());
        // trailing separators (VersaStudio ends every line with a tab) add no field
        string[] Split(string l) => sep == ' '
            ? l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            : l.TrimEnd().TrimEnd(sep).Split(sep).Select(s => s.Trim()).ToArray();

        // Header: the lines before the first all-numeric line; the last of them names the columns.
        // (empty fields allowed: a hold's rows may leave the impedance blank)
        int firstData = content.FindIndex(i => Split(lines[i]).Where(f => f.Length > 0).All(f => EisText.TryNumber(f, decimalComma, out _)));
        if (firstData < 0) throw text.Error(content[0] + 1, "no numeric rows found: expected rows of frequency, Z', Z''");
        string[]? header = firstData > 0 ? Split(lines[content[firstData - 1]]) : null;
        int headerLine = firstData > 0 ? content[firstData - 1] + 1 : 0;

        int cf = 0, cr = 1, ci = 2, cs = -1;
        bool? imagIsNegated = null;
        if (header is not null)
        {
            cf = Find(header, IsFrequency);
            cr = Find(header, IsReal);
            ci = Find(header, n => IsImag(n, out _));
            cs = Find(header, IsSigma);
            if (cf < 0) throw text.Error(headerLine, $"no frequency column in the header ({Show(header)}): expected a column named freq, f or Hz");
            if (cr < 0) throw text.Error(headerLine, $"no real-part column in the header ({Show(header)}): expected Z', Re(Z) or Zreal");
            if (ci < 0) throw text.Error(headerLine, $"no imaginary-part column in the header ({Show(header)}): expected Z'', -Z'', Im(Z), -Im(Z) or Zimag");
            IsImag(header[ci], out var negated);
            imagIsNegated = negated;
        }
        var firstRow = Split(lines[content[firstData]]);
        int need = new[] { cf, cr, ci, cs }.Max() + 1;
        if (firstRow.Length < 3 && header is null)
            throw text.Error(content[firstData] + 1, $"expected at least 3 columns (frequency, Z', Z''), found {firstRow.Length}");

        var rows = new EisRows(sep switch { ',' => "CSV", ';' => "CSV (semicolon)", '\t' => "tab-separated text", _ => "whitespace-separated text" })
        { HasSigma = cs >= 0 };
        if (decimalComma) rows.Notes.Add("decimal commas");
        var zeroHz = new List<int>();
        for (int k = firstData; k < content.Count; k++)
        {
            int lineNo = content[k] + 1;
            var fields = Split(lines[content[k]]);
            if (rows.Count == 0 && cf < fields.Length && EisText.TryNumber(fields[cf], decimalComma, out var hz) && hz == 0)
            {
                // a hold or a rest that the instrument records in the same table before the sweep
                // (later in the file a zero frequency is an error, as any non-positive one)
                zeroHz.Add(lineNo);
                continue;
            }
            if (fields.Length < need)
                throw text.Error(lineNo, $"row has {fields.Length} field{(fields.Length == 1 ? "" : "s")}, expected {Math.Max(need, firstRow.Length)} like the rows above (truncated file?)");
            double Num(int c, string what)
            {
                if (!EisText.TryNumber(fields[c], decimalComma, out var v))
                    throw text.Error(lineNo, $"'{fields[c]}' is not a number (expected {what} in field {c + 1})");
                return v;
            }
            double f = Num(cf, "the frequency"), re = Num(cr, "Z'"), im = Num(ci, "Z''");
            EisRows.CheckValues(text, lineNo, f, re, im);
            double sigma = double.NaN;
            if (cs >= 0)
            {
                sigma = Num(cs, "σ");
                if (!(sigma > 0) || !double.IsFinite(sigma)) throw text.Error(lineNo, $"σ must be positive, found {fields[cs]}");
            }
            rows.Add(lineNo, f, re, im, sigma);
        }

        if (zeroHz.Count > 0)
            rows.Warnings.Add($"skipped {zeroHz.Count} row(s) at frequency 0 (lines {Lines(zeroHz)}): a hold or rest recorded before the sweep, not impedance");
        if (imagIsNegated == true)
        {
            rows.NegateImaginary();
            rows.Notes.Add("imaginary column is −Z'' (from its header)");
        }
        else if (imagIsNegated is null || header is not null && !StatesSign(header[ci]))
        {
            int positive = Enumerable.Range(0, rows.Count).Count(i => rows.Imag(i) > 0);
            if (positive * 2 > rows.Count)
            {
                rows.NegateImaginary();
                rows.Notes.Add($"imaginary column is mostly positive ({positive} of {rows.Count}): read as −Z'' (a capacitive arc has Z'' < 0)");
            }
        }
        return rows;
    }

    /// <summary>"3–7, 40" for line numbers 3, 4, 5, 6, 7, 40.</summary>
    static string Lines(List<int> lines)
    {
        var runs = new List<string>();
        for (int a = 0; a < lines.Count;)
        {
            int b = a;
            while (b + 1 < lines.Count && lines[b + 1] == lines[b] + 1) b++;
            runs.Add(a == b ? $"{lines[a]}" : $"{lines[a]}–{lines[b]}");
            a = b + 1;
        }
        return string.Join(", ", runs);
    }

    static (char sep, bool decimalComma) DetectDelimiter(List<string> sample)
    {
        int Count(char c) => sample.Sum(l => l.Count(ch => ch == c));
        if (Count('\t') >= sample.Count) return ('\t', sample.Any(l => l.Contains(',')) && !sample.Any(l => l.Contains('.')));
        if (Count(';') >= sample.Count) return (';', sample.Any(l => l.Contains(',')));
        if (Count(',') >= sample.Count) return (',', false);
        return (' ', false);
    }

    static int Find(string[] header, Func<string, bool> match)
    {
        for (int i = 0; i < header.Length; i++) if (match(Normalize(header[i]))) return i;
        return -1;
    }

    /// <summary>Lower case, no quotes or spaces, unit suffix ("/Ohm", "(Hz)", "[Ω]") removed.</summary>
    static string Normalize(string name)
    {
        var n = name.Trim().Trim('"').Replace(" ", "").ToLowerInvariant();
        n = n.Replace('’', '\'').Replace('′', '\'').Replace("″", "''").Replace("\"", "''").Replace('−', '-');
        foreach (var unit in new[] { "/ohms", "(ohms)", "[ohms]", "_ohms", "/ohm", "(ohm)", "[ohm]", "/ω", "(ω)", "[ω]", "/hz", "(hz)", "[hz]", "_ohm", "_hz" })
            if (n.EndsWith(unit, StringComparison.Ordinal)) n = n[..^unit.Length];
        return n;
    }

    static bool IsFrequency(string n) => n is "f" or "freq" or "frequency" or "hz" or "f/hz" or "freq(hz)" || n.StartsWith("freq", StringComparison.Ordinal);

    static bool IsReal(string n) => n is "z'" or "zreal" or "z_real" or "zre" or "z_re" or "re" or "real" or "re(z)" or "rez" or "zr" or "z'(a)" or "z1";

    static bool IsImag(string n, out bool negated)
    {
        negated = n.StartsWith('-');
        var m = negated ? n[1..] : n;
        return m is "z''" or "zimag" or "z_imag" or "zim" or "z_im" or "im" or "imag" or "im(z)" or "imz" or "zi" or "z''(b)" or "z2";
    }

    /// <summary>Whether a header name commits to a sign: '-' or an explicit Im/Zimag (not the ambiguous Z'').</summary>
    static bool StatesSign(string name)
    {
        var n = Normalize(name);
        return n.StartsWith('-') || n.Contains("im");
    }

    static bool IsSigma(string n) => n is "sigma" or "σ" or "std" or "stdev" or "sd" or "err" or "error" or "stderr" || n.StartsWith("sigma", StringComparison.Ordinal);

    static string Show(string[] header) => string.Join(", ", header.Select(h => $"'{h}'"));
}
