using System.Text;

namespace Interphase.Reports;

/// <summary>HTML text escaping for everything a user or a data file can put into a report.</summary>
public static class Html
{
    /// <summary>
    /// Escapes <c>&amp; &lt; &gt; " '</c> so that <paramref name="text"/> is shown literally both as
    /// element content and inside a quoted attribute value. Other characters, non-ASCII included,
    /// pass through unchanged (reports are written as UTF-8).
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
