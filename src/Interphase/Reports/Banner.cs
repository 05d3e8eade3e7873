using System.Globalization;
using System.Text;

namespace Interphase.Reports;

/// <summary>How serious a <see cref="Banner"/> is; it sets its colour and its label.</summary>
public enum BannerKind
{
    /// <summary>Amber, labelled "Warning": results to read with care (extrapolated inputs, an analysis caveat).</summary>
    Warning,
    /// <summary>Red, labelled "Stopped early": the run ended before its protocol did.</summary>
    Stop,
    /// <summary>Blue, labelled "Mechanisms off": the run left some of the model's mechanisms out (cell file <c>mechanisms:</c>, <c>simulate --without</c>).</summary>
    MechanismsOff,
}

/// <summary>
/// A box across the top of a report, above the summary, for what the reader must see before
/// trusting any number below it: why a run stopped early, where it extrapolated. A title and up to
/// <see cref="MaxLines"/> lines (the rest are counted, with where to find them).
/// </summary>
public sealed record Banner
{
    /// <summary>Lines shown; a longer list ends with "… and N more".</summary>
    public const int MaxLines = 20;

    public Banner(BannerKind kind, string title, IReadOnlyList<string>? lines = null, string? moreAt = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (lines is not null && lines.Any(l => l is null)) throw new ArgumentException("a banner line is null", nameof(lines));
        Kind = kind;
        Title = title;
        Lines = lines ?? [];
        MoreAt = moreAt;
    }

    public BannerKind Kind { get; }
    public string Title { get; }
    public IReadOnlyList<string> Lines { get; }

    /// <summary>Where the lines beyond <see cref="MaxLines"/> can be read (e.g. "summary.json, warnings").</summary>
    public string? MoreAt { get; }

    public string Label => Kind switch
    {
        BannerKind.Warning => "Warning",
        BannerKind.Stop => "Stopped early",
        BannerKind.MechanismsOff => "Mechanisms off",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown banner kind"),
    };

    /// <summary>The banner's HTML, every text escaped.</summary>
    public string ToHtml()
    {
        var css = Kind switch
        {
            BannerKind.Stop => "banner banner-stop",
            BannerKind.MechanismsOff => "banner banner-mechanisms",
            _ => "banner banner-warning",
        };
        var sb = new StringBuilder($"<div class=\"{css}\" role=\"note\">");
        sb.Append("<p class=\"banner-title\"><span class=\"banner-label\">").Append(Html.Escape(Label)).Append("</span> ")
          .Append(Html.Escape(Title)).Append("</p>");
        if (Lines.Count > 0)
        {
            sb.Append("<ul>");
            foreach (var line in Lines.Take(MaxLines)) sb.Append("<li>").Append(Html.Escape(line)).Append("</li>");
            if (Lines.Count > MaxLines)
                sb.Append("<li>… and ").Append((Lines.Count - MaxLines).ToString(CultureInfo.InvariantCulture)).Append(" more")
                  .Append(MoreAt is null ? "" : $" ({Html.Escape(MoreAt)})").Append("</li>");
            sb.Append("</ul>");
        }
        sb.Append("</div>");
        return sb.ToString();
    }
}
