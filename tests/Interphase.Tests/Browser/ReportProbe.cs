namespace Interphase.Tests.Browser;

/// <summary>Scripts put into a report before Chromium renders it, which leave what they read in body data attributes.</summary>
internal static class ReportProbe
{
    /// <summary>The report with <paramref name="script"/> run at the end of its body.</summary>
    public static string Inject(string html, string script)
    {
        var end = html.LastIndexOf("</body>", StringComparison.Ordinal);
        return html[..end] + "<script>\n" + script + "\n</script>\n" + html[end..];
    }

    /// <summary>
    /// A script that runs <paramref name="body"/> (JavaScript with <c>body</c> = document.body in scope)
    /// once every plot of the report is drawn.
    /// </summary>
    public static string AfterPlotsRendered(string body) => $$"""
        (function () {
          var body = document.body;
          function probe() {
            if (!body.dataset.plotsExpected || body.dataset.plotsRendered !== body.dataset.plotsExpected) {
              setTimeout(probe, 50);
              return;
            }
        {{body}}
          }
          probe();
        })();
        """;
}
