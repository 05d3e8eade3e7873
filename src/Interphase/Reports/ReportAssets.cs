using System.Reflection;

namespace Interphase.Reports;

/// <summary>
/// The files a report inlines, embedded in Interphase.Core at build time: plotly.js (from npm,
/// see docs/decisions/0004-reports.md), the report's style sheet and its page script.
/// </summary>
internal static class ReportAssets
{
    internal const string PlotlyResource = "Interphase.Reports.plotly.min.js";
    internal const string StyleResource = "Interphase.Reports.report.css";
    internal const string ScriptResource = "Interphase.Reports.report.js";

    static readonly Lazy<string> _plotly = new(() => LoadScript(PlotlyResource));
    static readonly Lazy<string> _style = new(() => Load(StyleResource));
    static readonly Lazy<string> _script = new(() => LoadScript(ScriptResource));

    /// <summary>plotly.min.js, about 4.8 MB of text.</summary>
    public static string Plotly => _plotly.Value;

    static readonly Lazy<byte[]> _plotlyUtf8 = new(() => LoadScriptUtf8(PlotlyResource) ?? System.Text.Encoding.UTF8.GetBytes(Plotly));

    /// <summary>
    /// plotly.min.js as UTF-8, read once from the resource's own bytes when they are valid UTF-8 (the same bytes as
    /// encoding the text again; no 10 MB string of it is made for a report, issue 11), else encoded from the text.
    /// </summary>
    public static ReadOnlySpan<byte> PlotlyUtf8 => _plotlyUtf8.Value;
    public static string Style => _style.Value;
    public static string Script => _script.Value;

    static string Load(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing from {typeof(ReportAssets).Assembly.GetName().Name}: rebuild Interphase.Core");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The resource's bytes without a byte-order mark when they are valid UTF-8 and safe to inline (as
    /// <see cref="LoadScript"/> checks), else null (the text path decides and explains).
    /// </summary>
    static byte[]? LoadScriptUtf8(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (bytes.AsSpan().StartsWith(bom)) bytes = bytes[3..];
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) return null;
        var rest = bytes.AsSpan();
        for (int k; (k = rest.IndexOf("</"u8)) >= 0; rest = rest[(k + 2)..])
            if (rest.Length >= k + 8 && System.Text.Ascii.EqualsIgnoreCase(rest.Slice(k + 2, 6), "script"u8)) return null;
        return bytes;
    }

    /// <summary>A script that is safe to inline: "&lt;/script" inside it would end the element early.</summary>
    static string LoadScript(string name)
    {
        var text = Load(name);
        if (text.Contains("</script", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"resource {name} contains \"</script\" and cannot be inlined into a report");
        return text;
    }

    /// <summary>The product version of Interphase.Core, without the source-revision suffix.</summary>
    public static string Version { get; } = ReadVersion();

    static string ReadVersion()
    {
        var v = typeof(ReportAssets).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = v.IndexOf('+');
        return plus >= 0 ? v[..plus] : v;
    }
}
