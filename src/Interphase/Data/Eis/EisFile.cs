using System.Globalization;
using System.Numerics;
using System.Text;
using Interphase.Data.Text;

namespace Interphase.Data.Eis;

/// <summary>
/// Reads impedance spectra from instrument exports, choosing the reader from the file's content
/// (not its extension): BioLogic EC-Lab .mpt (PEIS/GEIS, English or German decimal commas) and
/// binary .mpr, Gamry
/// .DTA (ZCURVE table), Scribner ZPlot/ZView .z (also Solartron's, which ZPlot records) and
/// ZView/Autolab "Z60W" text, VersaStudio .par, and delimited text (CSV, semicolon or tab) with or
/// without a header: CH Instruments, Autolab .P00, PowerSuite, Parstat/VersaStudio exports, tables
/// of |Z| and phase, Ivium .idf/.ids and PalmSens .pssession. Every mistake in a file is an
/// <see cref="InputException"/> naming the file, line and what was expected.
/// </summary>
public static class EisFile
{
    /// <summary>Every sweep in the file (a new sweep starts where the frequency jumps back).</summary>
    public static IReadOnlyList<ImpedanceSpectrum> ReadAll(string path)
    {
        // the binary and session formats are recognised from one read of the file's head (each sniffer opening the file with
        // a 64 kB buffer cost about 200 µs a file: most of the CPU time of 'eis fit' on 10 000 small files, decision 0030)
        byte[]? whole = null;
        if (Head(path) is var (head, length))
        {
            // a file of up to 64 kB (a spectrum or a few) is all in its head: not opened and read a second time
            if (head.Length == length) whole = head;
            if (Interphase.Data.BioLogic.MprFile.Sniff(head.AsSpan(0, Math.Min(head.Length, 32)))) return MprSpectrumReader.Read(path).ToSpectra(path);
            if (ZahnerIsmReader.Sniff(head, length)) return ZahnerIsmReader.Read(path).ToSpectra(path);
            if (IviumReader.Sniff(head.AsSpan(0, Math.Min(head.Length, 512)))) return IviumReader.Read(path).ToSpectra(path);
            if (PalmSensSessionReader.Sniff(head.AsSpan(0, Math.Min(head.Length, 400)))) return PalmSensSessionReader.Read(path).ToSpectra(path);
        }
        var text = EisText.Load(path, whole);
        var first = text.FirstNonEmpty();
        EisRows rows;
        if (first.StartsWith("EC-Lab ASCII FILE", StringComparison.Ordinal) || first.StartsWith("BT-Lab ASCII FILE", StringComparison.Ordinal))
            rows = BioLogicMptReader.Read(text);
        else if (first.StartsWith("EXPLAIN", StringComparison.Ordinal) || text.AnyLineStartsWith("ZCURVE"))
            rows = GamryDtaReader.Read(text);
        else if (VersaStudioParReader.Sniff(text))
            rows = VersaStudioParReader.Read(text);
        else if (first.StartsWith("ZPLOT", StringComparison.Ordinal) || first.Contains("Z60W", StringComparison.Ordinal) || ZPlotReader.FindHeader(text) >= 0)
            rows = ZPlotReader.Read(text);
        else
            rows = DelimitedSpectrumReader.Read(text, IsChInstruments(text) ? "CH Instruments text" : null);
        return rows.ToSpectra(text.Path);
    }

    /// <summary>CH Instruments' text export of an A.C. Impedance run: its technique line and the column line <c>Freq/Hz, Z'/ohm, Z"/ohm</c>.</summary>
    internal static bool IsChInstruments(IReadOnlyList<string> lines) => IsChInstruments(lines.Count, i => lines[i]);

    /// <summary><see cref="IsChInstruments(IReadOnlyList{string})"/> on the text's lines, without a string per line.</summary>
    internal static bool IsChInstruments(EisText text) => IsChInstruments(text.LineCount, text.Line);

    /// <summary>The one test both overloads make, on <paramref name="count"/> lines read through <paramref name="line"/>: the technique line within the first 40.</summary>
    static bool IsChInstruments(int count, Func<int, ReadOnlySpan<char>> line)
    {
        bool technique = false;
        for (int i = 0; i < Math.Min(40, count) && !technique; i++) technique = line(i).Trim().SequenceEqual("A.C. Impedance");
        if (!technique) return false;
        for (int i = 0; i < count; i++)
            if (line(i).StartsWith("Freq/Hz, Z'/ohm", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// The file's first 64 kB (all of it when shorter; what the Zahner sniffer, the longest look, reads) and its length, from
    /// one unbuffered open; null when it is not a readable file (<see cref="EisText.Load"/> then says why, as before).
    /// </summary>
    static (byte[] Head, long Length)? Head(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            var head = new byte[(int)Math.Min(s.Length, 1 << 16)];
            int got = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return (got == head.Length ? head : head[..got], s.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>One sweep of the file (0-based index); the first one by default.</summary>
    public static ImpedanceSpectrum Read(string path, int sweep = 0)
    {
        var all = ReadAll(path);
        if (sweep < 0 || sweep >= all.Count)
            throw new InputException($"{path}: the file holds {all.Count} sweep{(all.Count == 1 ? "" : "s")}; sweep {sweep + 1} does not exist");
        var s = all[sweep];
        return all.Count == 1 ? s : s with { Notes = s.Notes.Append($"sweep {sweep + 1} of {all.Count} in the file").ToArray() };
    }
}

/// <summary>
/// A text file as lines (1-based line numbers in errors), decoded as UTF-8 or, failing that, Latin-1. A line ends at
/// "\r\n", "\r" or "\n". The text is kept as one string and its lines as ranges of it (<see cref="Line"/>); the array of
/// <see cref="Lines"/>, a string per line, is made the first time a reader asks for it (decision 0060: the delimited reader
/// and the format checks read the ranges, so one file of 10 000 sweeps is not held as 660 000 strings).
/// </summary>
internal sealed class EisText
{
    readonly string _text;
    readonly int[] _start, _length;
    string[]? _lines;

    public string Path { get; }

    /// <summary>Every line as a string (made once, on first use).</summary>
    public string[] Lines => _lines ??= MakeLines();

    public int LineCount => _start.Length;

    /// <summary>Line <paramref name="i"/> (0-based) without its end of line.</summary>
    public ReadOnlySpan<char> Line(int i) => _text.AsSpan(_start[i], _length[i]);

    EisText(string path, string text)
    {
        Path = path;
        _text = text;
        (_start, _length) = Split(text);
    }

    /// <summary>The lines' starts and lengths: as <c>text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')</c> cuts it.</summary>
    internal static (int[] Start, int[] Length) Split(string text)
    {
        var start = new List<int>();
        var length = new List<int>();
        var s = text.AsSpan();
        int a = 0;
        while (true)
        {
            int k = s[a..].IndexOfAny('\r', '\n');
            if (k < 0) break;
            start.Add(a);
            length.Add(k);
            int end = a + k;
            a = end + (s[end] == '\r' && end + 1 < s.Length && s[end + 1] == '\n' ? 2 : 1);
        }
        start.Add(a);
        length.Add(s.Length - a);
        return (start.ToArray(), length.ToArray());
    }

    string[] MakeLines()
    {
        var lines = new string[_start.Length];
        for (int i = 0; i < lines.Length; i++) lines[i] = _text.Substring(_start[i], _length[i]);
        return lines;
    }

    /// <summary>Whether a line starts with <paramref name="prefix"/> (ordinal).</summary>
    public bool AnyLineStartsWith(string prefix)
    {
        for (int i = 0; i < _start.Length; i++) if (Line(i).StartsWith(prefix, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The file's text; <paramref name="whole"/>, when given, is all of the file's bytes, already read.</summary>
    public static EisText Load(string path, byte[]? whole = null)
    {
        byte[] bytes;
        if (whole is not null) bytes = whole;
        else
        {
            if (!File.Exists(path))
                throw new InputException(Directory.Exists(path) ? "this is a directory: expected an impedance file" : "file not found: expected an impedance file (.mpt, .DTA, .z, .txt, .csv)", path);
            try { bytes = File.ReadAllBytes(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"cannot read impedance file: {e.Message}", path);
            }
        }
        if (bytes.Length == 0) throw new InputException("the file is empty: expected an impedance spectrum", path);
        int probe = Math.Min(bytes.Length, 4096);
        if (Array.IndexOf(bytes, (byte)0, 0, probe) >= 0)
            throw new InputException("this is a binary file; export the spectrum as text (BioLogic: .mpt, Gamry: .DTA, or CSV)", path);
        string s;
        try { s = new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { s = Encoding.Latin1.GetString(bytes); }
        if (s.Length > 0 && s[0] == '\uFEFF') s = s[1..];
        return new EisText(path, s);
    }

    public string FirstNonEmpty()
    {
        for (int i = 0; i < _start.Length; i++)
            if (Line(i).Trim() is { Length: > 0 } t) return t.ToString();
        return "";
    }

    public InputException Error(int line, string message, int column = 0) => new(message, Path, line, column);

    /// <summary>Parse a number written with '.' or ',' as decimal separator.</summary>
    public static bool TryNumber(string field, bool decimalComma, out double value) => TryNumber(field.AsSpan(), decimalComma, out value);

    /// <summary>
    /// Parse a number written with '.' or ',' as decimal separator (surrounding white space and quotes allowed). A plain
    /// decimal number (<see cref="Numbers.IsPlainNumber(ReadOnlySpan{char}, char)"/>) is parsed by csFastFloat, which rounds
    /// correctly and so gives the double the BCL gives (decision 0023); anything else, a field it does not take whole and a
    /// value out of range go to <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider?, out double)"/>
    /// on the field with its decimal commas made points, as before.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryNumber(ReadOnlySpan<char> field, bool decimalComma, out double value)
    {
        var f = field.Trim().Trim('"');
        char separator = decimalComma ? ',' : '.';
        // Clinger's fast path first (the same double: both round correctly), then csFastFloat
        if (Numbers.TryShortDecimal(f, separator, out value)) return true;
        if (Numbers.IsPlainNumber(f, separator) &&
            csFastFloat.FastDoubleParser.TryParseDouble(f, out int consumed, out value, decimal_separator: separator) &&
            consumed == f.Length && double.IsFinite(value))
            return true;
        return TryNumberGeneral(f, decimalComma, out value);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static bool TryNumberGeneral(ReadOnlySpan<char> f, bool decimalComma, out double value) =>
        decimalComma
            ? double.TryParse(f.ToString().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            : double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}

/// <summary>Rows read from a file before they become spectra: f, Z', Z'', σ and the line each came from.</summary>
internal sealed class EisRows(string format)
{
    readonly List<double> _f = new(), _re = new(), _im = new(), _sigma = new();
    readonly List<int> _line = new();
    public List<string> Notes { get; } = new();
    public List<string> Warnings { get; } = new();
    public string Format { get; } = format;
    public bool HasSigma { get; set; }
    public int Count => _f.Count;

    public void Add(int line, double f, double re, double im, double sigma = double.NaN)
    {
        _line.Add(line); _f.Add(f); _re.Add(re); _im.Add(im); _sigma.Add(sigma);
    }

    public double Imag(int i) => _im[i];

    /// <summary>Flip the sign of every imaginary value (the file holds −Z'').</summary>
    public void NegateImaginary()
    {
        for (int i = 0; i < _im.Count; i++) _im[i] = -_im[i];
    }

    /// <summary>
    /// Rows from which a file is read on all cores (decision 0044): its data rows parsed in blocks
    /// (<c>DelimitedSpectrumReader</c>) and its spectra built in parallel (<see cref="ToSpectra"/>), with the same results and
    /// the same first error as one core gives. A file of one spectrum or a few, the usual case, stays on one core: a batch
    /// of such files is already read a file per core. Settable by tests.
    /// </summary>
    internal static int ParallelRows = 50_000;

    public IReadOnlyList<ImpedanceSpectrum> ToSpectra(string path)
    {
        if (Count == 0) throw new InputException($"no data rows found ({Format}): expected rows of frequency, Z', Z''", path);
        // A new sweep starts where the frequency jumps back against the sweep direction by more than 2×.
        var starts = new List<int> { 0 };
        for (int i = 1; i < Count; i++)
        {
            int s = starts[^1];
            bool down = i - s >= 2 ? _f[s + 1] < _f[s] : true;
            bool jumpBack = down ? _f[i] > 2 * _f[i - 1] : _f[i] < 0.5 * _f[i - 1];
            if (i - s >= 2 && jumpBack) starts.Add(i);
        }
        starts.Add(Count);
        var result = new ImpedanceSpectrum[starts.Count - 1];
        ImpedanceSpectrum Spectrum(int k)
        {
            int a = starts[k], n = starts[k + 1] - a;
            var z = new Complex[n];
            for (int i = 0; i < n; i++) z[i] = new Complex(_re[a + i], _im[a + i]);
            return new ImpedanceSpectrum(_f.GetRange(a, n), z, HasSigma ? _sigma.GetRange(a, n) : null)
            {
                Source = path,
                Format = Format,
                Notes = Notes.ToArray(),
                Warnings = Warnings.ToArray(),
            };
        }
        if (Count >= ParallelRows && result.Length > 1)
        {
            var failed = new Exception?[result.Length];
            Parallel.For(0, result.Length, k =>
            {
                try { result[k] = Spectrum(k); }
                catch (Exception e) { failed[k] = e; }
            });
            // the first spectrum in the file's order that fails is the file's error, as on one core
            if (Array.Find(failed, e => e is not null) is { } first) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        else
            for (int k = 0; k < result.Length; k++) result[k] = Spectrum(k);
        return new List<ImpedanceSpectrum>(result);
    }

    /// <summary>Check a data row's values; NaN or non-positive frequency is the user's file error.</summary>
    public static void CheckValues(EisText text, int line, double f, double re, double im)
    {
        if (!double.IsFinite(f) || !double.IsFinite(re) || !double.IsFinite(im))
            throw text.Error(line, $"row holds a non-finite value (frequency {f}, Z' {re}, Z'' {im}): expected numbers");
        if (f <= 0) throw text.Error(line, $"frequency must be positive, found {f}");
    }
}
