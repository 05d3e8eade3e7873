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

    static readonly Lazy<byte[]> _plotlyUtf8 = new(() => System.Text.Encoding.UTF8.GetBytes(Plotly));

    /// <summary>plotly.min.js as UTF-8, encoded once: a report writes it to its file without re-encoding it each time.</summary>
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
