using System.Globalization;
using System.Text;

namespace Interphase.Data.Eis;

/// <summary>
/// IviumSoft's data files: <c>.idf</c> (one measurement) and <c>.ids</c> (a session of several). A few binary
/// bytes, then the method's settings as <c>key=value</c> lines (<c>Peaks=</c>, <c>Corrosion=</c>, <c>Levels=</c>,
/// <c>ECN=</c>, <c>Solarcell=</c> open every measurement; <c>Method=Impedance</c>, <c>Title=</c> …), then a
/// <c>Data Objects</c> block in which <c>primary_data</c> is followed by the column count (3), the point count N
/// and N lines <c>Z' Z'' f</c> (Ω, Ω, Hz; Z'' negative for a capacitive arc). Every measurement of the file is
/// read, in order; a method other than impedance is refused. Errors name the byte where the line starts.
/// </summary>
internal static class IviumReader
{
    /// <summary>The settings lines that open an Ivium measurement, within the first kilobytes.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head)
    {
        var h = head[..Math.Min(head.Length, 512)];
        return h.IndexOf("Peaks="u8) >= 0 && h.IndexOf("Corrosion="u8) >= 0 && h.IndexOf("Solarcell="u8) >= 0;
    }

    public static bool SniffFile(string path)
    {
        if (!File.Exists(path)) return false;
        using var s = DataFile.OpenRead(path);
        var head = new byte[(int)Math.Min(s.Length, 512)];
        return Sniff(head.AsSpan(0, s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)));
    }

    public static EisRows Read(string path)
    {
        byte[] b;
        try { b = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot read the file: {e.Message}", path); }
        // lines with the byte offset of their start (the file mixes CRLF and binary bytes; Latin-1 keeps one char per byte)
        var lines = new List<(long At, string Text)>();
        int start = 0;
        for (int i = 0; i <= b.Length; i++)
        {
            if (i < b.Length && b[i] != (byte)'\n') continue;
            lines.Add((start, Encoding.Latin1.GetString(b, start, i - start).TrimEnd('\r')));
            start = i + 1;
        }
        var rows = new EisRows("Ivium .idf/.ids");
        InputException Error(long at, string message) => new($"at byte {at}: {message}", path);
        string? title = null, method = null;
        int measurements = 0;
        for (int k = 0; k < lines.Count; k++)
        {
            var text = lines[k].Text;
            if (text.StartsWith("Title=", StringComparison.Ordinal) && title is null) title = text[6..].Trim();
            if (text.StartsWith("Method=", StringComparison.Ordinal)) method = text[7..].Trim();
            if (text.TrimEnd() != "primary_data") continue;
            if (method is not null && !method.Equals("Impedance", StringComparison.OrdinalIgnoreCase))
                throw Error(lines[k].At, $"the measurement's method is '{method}': only impedance measurements (Method=Impedance) are read from Ivium files");
            int Count(int at, string what)
            {
                if (at >= lines.Count) throw Error(b.Length, $"the file ends before {what} of 'primary_data' (truncated file?)");
                if (!int.TryParse(lines[at].Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 0)
                    throw Error(lines[at].At, $"'{Short(lines[at].Text)}': expected {what} of 'primary_data' (a whole number)");
                return v;
            }
            int columns = Count(k + 1, "the column count");
            if (columns != 3) throw Error(lines[k + 1].At, $"'primary_data' has {columns} columns: expected 3 (Z', Z'', frequency)");
            int n = Count(k + 2, "the point count");
            if (n == 0) throw Error(lines[k + 2].At, "'primary_data' holds no points");
            for (int j = 0; j < n; j++)
            {
                int li = k + 3 + j;
                if (li >= lines.Count) throw Error(b.Length, $"the file ends after {j} of the {n} points of 'primary_data' (truncated file?)");
                var f = lines[li].Text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (f.Length != 3
                    || !double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var re)
                    || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var im)
                    || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var hz))
                    throw Error(lines[li].At, $"point {j + 1} of {n}: '{Short(lines[li].Text)}': expected three numbers (Z' Z'' frequency)");
                if (!double.IsFinite(re) || !double.IsFinite(im) || !(hz > 0) || !double.IsFinite(hz))
                    throw Error(lines[li].At, $"point {j + 1} of {n}: Z' {re}, Z'' {im}, frequency {hz}: expected finite impedances and a positive frequency");
                rows.Add(li + 1, hz, re, im);
            }
            measurements++;
            k += 2 + n;
            method = null;
        }
        if (measurements == 0) throw Error(b.Length, "no 'primary_data' block found: expected an Ivium impedance measurement");
        if (title is { Length: > 0 }) rows.Notes.Add($"title '{title}'");
        if (measurements > 1) rows.Notes.Add($"{measurements} measurements in the session file");
        return rows;
    }

    static string Short(string s)
    {
        var t = new string(s.Where(c => c >= ' ').ToArray()).Trim();
        return t.Length > 40 ? t[..40] + "…" : t;
    }
}
