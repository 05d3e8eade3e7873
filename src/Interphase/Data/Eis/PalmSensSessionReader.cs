using System.Text;
using System.Text.Json;

namespace Interphase.Data.Eis;

/// <summary>
/// PalmSens PSTrace's session file (<c>.pssession</c>): UTF-16 (little-endian, with a byte-order mark) JSON
/// <c>{"Type":"PalmSens.DataFiles.SessionFile", …, "Measurements":[…]}</c>, followed by a stray byte-order mark.
/// Each measurement has a <c>DataSet</c> of typed arrays; an impedance measurement's data set has the type
/// <c>PalmSens.Data.DataSetEIS</c> and arrays whose units are <c>PalmSens.Units.Hertz</c> (frequency),
/// <c>…ZRe</c> (Z', Ω) and <c>…ZIm</c> (−Z'', Ω, as PSTrace plots it), each value in <c>DataValues[].V</c>.
/// The JSON is parsed with System.Text.Json; every impedance measurement of the session is read, in order, and
/// measurements of other techniques are left out with a note.
/// </summary>
internal static class PalmSensSessionReader
{
    /// <summary>UTF-16 LE with a byte-order mark, opening with the session file's type.</summary>
    public static bool Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length < 64 || head[0] != 0xFF || head[1] != 0xFE) return false;
        var text = Encoding.Unicode.GetString(head[2..Math.Min(head.Length, 400)]);
        return text.Contains("PalmSens.DataFiles.SessionFile", StringComparison.Ordinal);
    }

    public static bool SniffFile(string path)
    {
        if (!File.Exists(path)) return false;
        using var s = DataFile.OpenRead(path);
        var head = new byte[(int)Math.Min(s.Length, 400)];
        return Sniff(head.AsSpan(0, s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)));
    }

    public static EisRows Read(string path)
    {
        byte[] b;
        try { b = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot read the file: {e.Message}", path); }
        if (b.Length % 2 != 0) throw new InputException($"at byte {b.Length - 1}: a UTF-16 file has an even number of bytes (truncated file?)", path);
        var text = Encoding.Unicode.GetString(b, 2, b.Length - 2);
        int end = text.LastIndexOf('}');
        if (end < 0) throw new InputException($"at byte {b.Length}: the session's JSON never closes (truncated file?)", path);
        // the file's byte for a character index: the text is UTF-16, two bytes a character after the 2-byte mark
        long Byte(long charIndex) => 2 + 2 * charIndex;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text.AsMemory(0, end + 1), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new InputException($"the session's JSON is malformed at its line {e.LineNumber + 1}, byte {e.BytePositionInLine} of that line (damaged file?): {e.Message.Split('.')[0]}", path);
        }
        using var _ = doc;
        var rows = new EisRows("PalmSens .pssession");
        InputException Bad(string what) => new($"at byte {Byte(end)}: {what}", path);
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Measurements", out var measurements) || measurements.ValueKind != JsonValueKind.Array)
            throw Bad("the session has no 'Measurements' list");
        int index = 0, eis = 0;
        var others = new List<string>();
        int line = 0;
        foreach (var m in measurements.EnumerateArray())
        {
            index++;
            var title = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("Title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("DataSet", out var set) || set.ValueKind != JsonValueKind.Object
                || !set.TryGetProperty("Type", out var type) || type.ValueKind != JsonValueKind.String)
                throw Bad($"measurement {index} has no typed 'DataSet'");
            if (!(type.GetString() ?? "").Contains("EIS", StringComparison.Ordinal)) { others.Add(title ?? $"measurement {index}"); continue; }
            if (!set.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Array)
                throw Bad($"measurement {index} ('{title}'): its data set has no 'Values'");
            double[]? f = null, re = null, mim = null;
            foreach (var v in values.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("Unit", out var unit) || unit.ValueKind != JsonValueKind.Object
                    || !unit.TryGetProperty("Type", out var ut) || ut.ValueKind != JsonValueKind.String) continue;
                var u = ut.GetString() ?? "";
                ref double[]? target = ref f;
                if (u.EndsWith(".Hertz", StringComparison.Ordinal)) target = ref f;
                else if (u.EndsWith(".ZRe", StringComparison.Ordinal)) target = ref re;
                else if (u.EndsWith(".ZIm", StringComparison.Ordinal)) target = ref mim;
                else continue;
                if (target is not null) throw Bad($"measurement {index} ('{title}'): two arrays of unit {u}");
                target = Numbers(v, index, u, Bad);
            }
            if (f is null || re is null || mim is null)
                throw Bad($"measurement {index} ('{title}'): expected arrays of frequency (Hertz), ZRe and ZIm in its impedance data set");
            if (f.Length != re.Length || f.Length != mim.Length || f.Length == 0)
                throw Bad($"measurement {index} ('{title}'): {f.Length} frequencies, {re.Length} ZRe and {mim.Length} ZIm values: expected as many of each");
            for (int i = 0; i < f.Length; i++)
            {
                if (!(f[i] > 0) || !double.IsFinite(f[i]) || !double.IsFinite(re[i]) || !double.IsFinite(mim[i]))
                    throw Bad($"measurement {index} ('{title}'), point {i + 1}: frequency {f[i]}, ZRe {re[i]}, ZIm {mim[i]}: expected finite impedances and a positive frequency");
                rows.Add(++line, f[i], re[i], -mim[i]);
            }
            eis++;
        }
        if (eis == 0) throw Bad($"the session holds no impedance measurement ({(others.Count == 0 ? "no measurements" : "only " + string.Join(", ", others.Take(5).Select(o => $"'{o}'")))})");
        if (others.Count > 0) rows.Notes.Add($"{others.Count} measurement(s) of other techniques left out: {string.Join(", ", others.Take(5))}");
        if (eis > 1) rows.Notes.Add($"{eis} impedance measurements in the session");
        return rows;
    }

    static double[] Numbers(JsonElement array, int index, string unit, Func<string, InputException> bad)
    {
        if (!array.TryGetProperty("DataValues", out var dv) || dv.ValueKind != JsonValueKind.Array)
            throw bad($"measurement {index}: the {unit} array has no 'DataValues'");
        var list = new double[dv.GetArrayLength()];
        int i = 0;
        foreach (var e in dv.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("V", out var x) || x.ValueKind != JsonValueKind.Number || !x.TryGetDouble(out var d))
                throw bad($"measurement {index}: value {i + 1} of the {unit} array is not a number");
            list[i++] = d;
        }
        return list;
    }
}
