using Interphase.Data.Text;

namespace Interphase.Data.Eis;

/// <summary>
/// Plain delimited text: comma, semicolon (with decimal commas), tab or spaces. Lines starting with
/// '#' or '%' are comments. A header is recognised when the first line is not all numbers; its
/// names choose the columns (frequency: freq/f/Hz; real: Z', Re, Zreal; imaginary: Z'', Im, Zimag,
/// with a leading '-' meaning the column holds −Z''; optional σ: sigma/std/err). Without a header
/// the columns are frequency, Z', Z''. When the imaginary column's sign is not stated, a column
/// that is mostly positive is read as −Z'' (capacitive arcs have Z'' &lt; 0) and a note says so.
/// Rows at frequency 0 before the first impedance row (a hold before the sweep, as VersaStudio
/// records it) are skipped with a warning naming their lines. A table of |Z| and phase without Z' and
/// Z'' columns (Zahner's and other analysers' text exports) is converted, Z = |Z|(cos φ + j sin φ); a
/// line holding only the number of rows that follow (Autolab's .P00) is skipped; metadata lines before
/// the header (CH Instruments) are passed over, the separator being decided from the last lines.
/// </summary>
internal static class DelimitedSpectrumReader
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static EisRows Read(EisText text, string? format = null)
    {
        // the lines as ranges of the text, not a string each (decision 0060): a string only for the lines split into fields
        var content = new List<int>();
        for (int i = 0; i < text.LineCount; i++)
            if (text.Line(i).Trim() is { Length: > 0 } t && t[0] != '#' && t[0] != '%') content.Add(i);
        string Text(int i) => text.Line(i).ToString();
        if (content.Count == 0) throw text.Error(1, "no data: expected rows of frequency, Z', Z''");

        // the data rows decide the separator (the metadata lines above a header may hold any punctuation)
        var (sep, decimalComma) = DetectDelimiter(content.Skip(Math.Max(0, content.Count - 10)).Select(Text).ToList());
        // trailing separators (VersaStudio ends every line with a tab) add no field
        string[] Split(string l) => sep == ' '
            ? l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            : l.TrimEnd().TrimEnd(sep).Split(sep).Select(s => s.Trim()).ToArray();

        // Header: the lines before the first all-numeric line; the last of them names the columns.
        // (empty fields allowed: a hold's rows may leave the impedance blank)
        int firstData = content.FindIndex(i => Split(Text(i)).Where(f => f.Length > 0).All(f => EisText.TryNumber(f, decimalComma, out _)));
        if (firstData < 0) throw text.Error(content[0] + 1, "no numeric rows found: expected rows of frequency, Z', Z''");
        // a line holding one whole number before rows of three or more fields counts the rows (Autolab .P00)
        int? announced = null, countLine = null;
        if (firstData + 1 < content.Count && Split(Text(content[firstData])) is [var only]
            && int.TryParse(only, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && Split(Text(content[firstData + 1])).Length >= 3)
        {
            announced = n;
            countLine = content[firstData] + 1;
            firstData++;
        }
        // rows just above the first all-numeric one that are data rows with a bad field (as many fields, a number among them,
        // or below a line naming the columns) are rows of the table: read as rows, so the error names the bad row, not a header
        if (countLine is null) firstData = FirstTableRow(firstData, k => Split(Text(content[k])));
        int headerIndex = countLine is null ? firstData - 1 : firstData - 2;
        string[]? header = headerIndex >= 0 ? Split(Text(content[headerIndex])) : null;
        int headerLine = headerIndex >= 0 ? content[headerIndex] + 1 : 0;
        // a count line after lines that name no columns: the lines above are metadata, the table has no header
        if (countLine is not null && header is not null && Find(header, IsFrequency) < 0) header = null;

        int cf = 0, cr = 1, ci = 2, cs = -1, cm = -1, cp = -1;
        bool? imagIsNegated = null;
        bool phaseNegated = false;
        if (header is not null)
        {
            cf = Find(header, IsFrequency);
            cr = Find(header, IsReal);
            ci = Find(header, n => IsImag(n, out _));
            cs = Find(header, IsSigma);
            if (cf < 0) throw text.Error(headerLine, $"no frequency column in the header ({Show(header)}): expected a column named freq, f or Hz");
            if (cr < 0 || ci < 0)
            {
                cm = Find(header, IsModulus);
                cp = Find(header, n => IsPhase(n, out _));
                if (Find(header, IsPermittivity) >= 0 && (cm < 0 || cp < 0))
                    throw text.Error(headerLine, $"the header ({Show(header)}) has permittivity columns but no Z', Z'' (or |Z| and phase): export the impedance (Z', Z'') from the analyser's software; converting ε to Z needs the sample's geometry, which the file does not state");
                if (cm < 0 || cp < 0)
                    throw text.Error(headerLine, cr < 0
                        ? $"no real-part column in the header ({Show(header)}): expected Z', Re(Z) or Zreal (or |Z| and a phase column)"
                        : $"no imaginary-part column in the header ({Show(header)}): expected Z'', -Z'', Im(Z), -Im(Z) or Zimag (or |Z| and a phase column)");
                IsPhase(Normalize(header[cp]), out phaseNegated);
                (cr, ci) = (cm, cp);
            }
            else
            {
                IsImag(header[ci], out var negated);
                imagIsNegated = negated;
            }
        }
        bool polar = cm >= 0;
        var firstRow = Split(Text(content[firstData]));
        int need = new[] { cf, cr, ci, cs }.Max() + 1;
        // the table's width: the header's, or without one the first row's, which every row then has; a row wider than it
        // (a decimal comma splits a number in a comma-separated file) is refused, as is a row too short to hold the columns
        var width = new RowWidth(header?.Length ?? firstRow.Length, Exact: header is null);
        if (firstRow.Length < 3 && header is null)
            throw text.Error(content[firstData] + 1, $"expected at least 3 columns (frequency, Z', Z''), found {firstRow.Length}");

        var rows = new EisRows(format ?? sep switch { ',' => "CSV", ';' => "CSV (semicolon)", '\t' => "tab-separated text", _ => "whitespace-separated text" })
        { HasSigma = cs >= 0 };
        bool phaseInRadians = polar && header![cp].Contains("rad", StringComparison.OrdinalIgnoreCase);
        if (decimalComma) rows.Notes.Add("decimal commas");
        var zeroHz = new List<int>();
        var parsed = ParseRows(text, content, firstData, sep, decimalComma, cf, cr, ci, cs, need, width);
        for (int k = firstData; k < content.Count; k++)
        {
            int lineNo = content[k] + 1;
            // a row after the first whose fields are all there and numbers is read without strings; any other row (the
            // first, which may be a hold at 0 Hz, and every row that is refused) goes through the strings as before
            double f, re, im, sigma;
            bool plain;
            if (parsed is not null)
            {
                ref readonly var row = ref parsed[k - firstData];
                (plain, f, re, im, sigma) = (row.Plain, row.F, row.Re, row.Im, row.Sigma);
            }
            else plain = TryRow(text.Line(content[k]), sep, decimalComma, cf, cr, ci, cs, need, width, out f, out re, out im, out sigma);
            if (rows.Count == 0 || !plain)
            {
                var fields = Split(Text(content[k]));
                if (rows.Count == 0 && cf < fields.Length && EisText.TryNumber(fields[cf], decimalComma, out var hz) && hz == 0)
                {
                    // a hold or a rest that the instrument records in the same table before the sweep
                    // (later in the file a zero frequency is an error, as any non-positive one)
                    zeroHz.Add(lineNo);
                    continue;
                }
                if (!width.Fits(fields.Length))
                    throw text.Error(lineNo, FieldCount.Mismatch(fields.Length, width.Fields, header is null ? "the rows above have" : "the header has", sep));
                if (fields.Length < need)
                    throw text.Error(lineNo, $"row has {fields.Length} field{(fields.Length == 1 ? "" : "s")}, expected {Math.Max(need, firstRow.Length)} like the rows above (truncated file?)");
                double Num(int c, string what)
                {
                    if (!EisText.TryNumber(fields[c], decimalComma, out var v))
                        throw text.Error(lineNo, $"'{fields[c]}' is not a number (expected {what} in field {c + 1})");
                    return v;
                }
                f = Num(cf, "the frequency"); re = Num(cr, polar ? "|Z|" : "Z'"); im = Num(ci, polar ? "the phase" : "Z''");
                if (polar)
                {
                    double phi = (phaseNegated ? -im : im) * (phaseInRadians ? 1 : Math.PI / 180);
                    (re, im) = (re * Math.Cos(phi), re * Math.Sin(phi));
                }
                EisRows.CheckValues(text, lineNo, f, re, im);
                sigma = double.NaN;
                if (cs >= 0)
                {
                    sigma = Num(cs, "σ");
                    if (!(sigma > 0) || !double.IsFinite(sigma)) throw text.Error(lineNo, $"σ must be positive, found {fields[cs]}");
                }
            }
            else
            {
                if (polar)
                {
                    double phi = (phaseNegated ? -im : im) * (phaseInRadians ? 1 : Math.PI / 180);
                    (re, im) = (re * Math.Cos(phi), re * Math.Sin(phi));
                }
                EisRows.CheckValues(text, lineNo, f, re, im);
            }
            rows.Add(lineNo, f, re, im, sigma);
        }

        if (polar) rows.Notes.Add($"Z' and Z'' from '{header![cm]}' and '{header[cp]}' (|Z| cos φ, |Z| sin φ; φ in {(phaseInRadians ? "rad" : "degrees")}{(phaseNegated ? ", the column holding −φ" : "")})");
        if (announced is { } a && a != rows.Count + zeroHz.Count)
            rows.Warnings.Add($"line {countLine} announces {a} rows but {rows.Count + zeroHz.Count} follow");
        if (zeroHz.Count > 0)
            rows.Warnings.Add($"skipped {zeroHz.Count} row(s) at frequency 0 (lines {Lines(zeroHz)}): a hold or rest recorded before the sweep, not impedance");
        if (imagIsNegated == true)
        {
            rows.NegateImaginary();
            rows.Notes.Add("imaginary column is −Z'' (from its header)");
        }
        else if (polar)
        {
            // a phase column without a stated sign: a capacitive spectrum has φ < 0; mostly positive means −φ
            int positive = Enumerable.Range(0, rows.Count).Count(i => rows.Imag(i) > 0);
            if (!phaseNegated && !StatesSign(header![cp]) && positive * 2 > rows.Count)
            {
                rows.NegateImaginary();
                rows.Notes.Add($"phase column is mostly positive ({positive} of {rows.Count}): read as −φ (a capacitive arc has φ < 0)");
            }
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

    /// <summary>One data row as <see cref="TryRow"/> read it: <see cref="Plain"/> false when it must go through the strings.</summary>
    internal readonly record struct ParsedRow(bool Plain, double F, double Re, double Im, double Sigma);

    /// <summary>
    /// For a file of at least <see cref="EisRows.ParallelRows"/> data rows (one file of thousands of sweeps), every row from
    /// <paramref name="firstData"/> on parsed by <see cref="TryRow"/> on all cores, in blocks, so that reading such a file
    /// is not left to one core (decision 0044); null for smaller files, whose rows are parsed as they are read. The caller
    /// takes the rows in the file's order and reads any that is not plain, and the first row, through the strings, as
    /// without it: the same numbers and the same first error.
    /// </summary>
    static ParsedRow[]? ParseRows(EisText text, List<int> content, int firstData, char sep, bool decimalComma, int cf, int cr, int ci, int cs, int need, RowWidth width)
    {
        int count = content.Count - firstData;
        if (count < EisRows.ParallelRows) return null;
        var parsed = new ParsedRow[count];
        const int Block = 8192;
        Parallel.For(0, (count + Block - 1) / Block, b =>
        {
            for (int k = b * Block; k < Math.Min(count, (b + 1) * Block); k++)
            {
                bool plain = TryRow(text.Line(content[firstData + k]), sep, decimalComma, cf, cr, ci, cs, need, width, out double f, out double re, out double im, out double sigma);
                parsed[k] = new ParsedRow(plain, f, re, im, sigma);
            }
        });
        return parsed;
    }

    /// <summary>
    /// A data row's frequency, Z' (or |Z|), Z'' (or phase) and σ (NaN without a σ column) from the same fields
    /// <c>Split</c> makes (a trailing separator adds none; with spaces, runs of white space separate), each parsed as
    /// <see cref="EisText.TryNumber(ReadOnlySpan{char}, bool, out double)"/> parses it, without a string per field (about
    /// two thirds of the time of reading a small spectrum file went into those strings: decision 0038). False when the
    /// row has fewer than <paramref name="need"/> fields or a number of fields that does not fit <paramref name="width"/>,
    /// a field that is not a number, or a σ that is not a positive finite number: the caller then reads the row through
    /// the strings, which say what is wrong.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static bool TryRow(ReadOnlySpan<char> line, char sep, bool decimalComma, int cf, int cr, int ci, int cs, int need, RowWidth width,
        out double f, out double re, out double im, out double sigma)
    {
        f = re = im = sigma = double.NaN;
        if (need > 64) return false;
        Span<Range> at = stackalloc Range[need];
        int count = 0;
        ReadOnlySpan<char> s = line;
        if (sep == ' ')
        {
            for (int i = 0; ;)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
                if (i == s.Length) break;
                int a = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
                if (count < need) at[count] = a..i;
                count++;
            }
        }
        else
        {
            s = s.TrimEnd().TrimEnd(sep);
            for (int a = 0; ;)
            {
                int j = s[a..].IndexOf(sep);
                int end = j < 0 ? s.Length : a + j;
                if (count < need) at[count] = a..end;
                count++;
                if (j < 0) break;
                a = end + 1;
            }
        }
        if (count < need || !width.Fits(count)) return false;
        if (!EisText.TryNumber(s[at[cf]], decimalComma, out f) || !EisText.TryNumber(s[at[cr]], decimalComma, out re)
            || !EisText.TryNumber(s[at[ci]], decimalComma, out im))
            return false;
        if (cs >= 0 && (!EisText.TryNumber(s[at[cs]], decimalComma, out sigma) || !(sigma > 0) || !double.IsFinite(sigma)))
            return false;
        return true;
    }

    /// <summary>
    /// The first row of the table, given <paramref name="firstNumeric"/>, the first content line whose fields are all numbers
    /// (<paramref name="fields"/> splits content line k). The lines just above it that have as many fields are data rows with
    /// a field that is not a number when a line naming the impedance columns is above them, or, without such a line, when
    /// each of them holds a number: they belong to the table (and its reader names the bad field), not to the header.
    /// </summary>
    internal static int FirstTableRow(int firstNumeric, Func<int, string[]> fields)
    {
        int width = fields(firstNumeric).Length, top = firstNumeric;
        while (top > 0 && fields(top - 1) is var f && f.Length == width && !NamesColumns(f)) top--;
        if (top == firstNumeric) return firstNumeric;
        if (top > 0 && NamesColumns(fields(top - 1))) return top;
        int first = firstNumeric;
        while (first > top && fields(first - 1).Any(f => EisText.TryNumber(f, false, out _) || EisText.TryNumber(f, true, out _))) first--;
        return first;
    }

    /// <summary>Whether fields name a frequency column and Z', Z'' (or |Z| and a phase).</summary>
    static bool NamesColumns(string[] names) =>
        Find(names, IsFrequency) >= 0
        && (Find(names, IsReal) >= 0 && Find(names, n => IsImag(n, out _)) >= 0 || Find(names, IsModulus) >= 0 && Find(names, n => IsPhase(n, out _)) >= 0);

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
        int Count(char c) => sample.Sum(l => l.AsSpan().Count(c));
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

    /// <summary>
    /// Whether a line names the columns of an impedance table: a frequency column and Z' or Z'' (or |Z|
    /// and a phase), separated by tabs, commas, semicolons or runs of spaces. Used to recognise a file
    /// by its content when the header is not its first line.
    /// </summary>
    public static bool IsImpedanceHeader(string line)
    {
        var names = line.Trim().Trim('"').Split(['\t', ',', ';'], StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
        return names.Length >= 3 && NamesColumns(names);
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
        return m is "z''" or "zimag" or "z_imag" or "zim" or "zimg" or "z_im" or "im" or "imag" or "im(z)" or "imz" or "zi" or "z''(b)" or "z2";
    }

    /// <summary>|Z|: "|Z|", "Z", "Mod(Z)", "Zmod", "Impedance" (units already removed).</summary>
    static bool IsModulus(string n) => n is "|z|" or "z" or "mod(z)" or "zmod" or "modz" or "impedance" or "|impedance|" or "magnitude" or "|z|(ω)";

    /// <summary>The phase of Z: "Phase", "Phase(Z)", "Zphz", "Phase of Z", "-Phase" (units in /deg, (°), (degrees) or rad).</summary>
    static bool IsPhase(string n, out bool negated)
    {
        negated = n.StartsWith('-');
        var m = negated ? n[1..] : n;
        foreach (var unit in new[] { "/deg", "(deg)", "[deg]", "(°)", "[°]", "/°", "(degrees)", "[degrees]", "/rad", "(rad)", "[rad]" })
            if (m.EndsWith(unit, StringComparison.Ordinal)) m = m[..^unit.Length];
        return m is "phase" or "phase(z)" or "phaseofz" or "zphz" or "zphase" or "phi" or "φ" or "theta" or "θ";
    }

    /// <summary>A dielectric analyser's permittivity columns (ε', ε'', Eps', Eps'').</summary>
    static bool IsPermittivity(string n) => n.StartsWith("eps", StringComparison.Ordinal) || n.StartsWith("ε", StringComparison.Ordinal) || n.StartsWith("permittivity", StringComparison.Ordinal);

    /// <summary>Whether a header name commits to a sign: '-' or an explicit Im/Zimag (not the ambiguous Z'').</summary>
    static bool StatesSign(string name)
    {
        var n = Normalize(name);
        return n.StartsWith('-') || n.Contains("im");
    }

    static bool IsSigma(string n) => n is "sigma" or "σ" or "std" or "stdev" or "sd" or "err" or "error" or "stderr" || n.StartsWith("sigma", StringComparison.Ordinal);

    static string Show(string[] header) => string.Join(", ", header.Select(h => $"'{h}'"));
}
