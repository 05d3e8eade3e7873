using System.Globalization;
using Interphase.Ensembles;

namespace Interphase.Reports;

/// <summary>
/// The HTML report of an ensemble: the metrics' medians and 10–90 % bands, the per-cycle figure as a
/// median with a shaded band, the fraction of realisations shorted against time, and the distributions.
/// </summary>
public static class EnsembleReport
{
    const string BandColor = "rgba(0, 114, 178, 0.22)";
    const string MedianColor = "#0072B2";

    static string F(double? v, string unit = "") => ReportNumber.Show(v, "G4", unit);

    public static string Html(EnsembleResult r) => Build(r).Render();

    public static HtmlReport Build(EnsembleResult r)
    {
        var rep = new HtmlReport($"{r.CellName} — ensemble of {r.Count} realisations");
        var refused = r.Realisations.Where(x => x.Refused is not null).ToList();
        if (refused.Count > 0)
            rep.AddBanner(new Banner(BannerKind.Warning,
                $"{RunStatus.Count(refused.Count, "realisation")} of {r.Count} drew values the cell or its models refuse; they are left out of every band.",
                refused.Select(x => $"realisation {x.Index + 1}: {x.Refused}").ToList(), "ensemble.csv, column refused"));
        if (r.Warnings.Count > 0)
            rep.AddBanner(new Banner(BannerKind.Warning,
                $"{RunStatus.Count(r.Warnings.Count, "warning")} in the realisations: {RunStatus.WarningsAbout(r.Warnings)}; read the results with care.",
                r.Warnings, "summary.json, warnings"));

        rep.AddKeyValueTable(
        [
            ("realisations", $"{r.Count} (seed {r.Seed.ToString(CultureInfo.InvariantCulture)})"),
            ("ran", $"{r.Count - r.Refused} of {r.Count}" + (r.Refused > 0 ? $" ({r.Refused} refused)" : "")),
            ("short circuits", $"{r.Shorted} of {r.Count - r.Refused}"),
            ("quantities drawn", r.Quantities.Count == 0 ? "none" : string.Join("; ", r.Quantities.Select(q => $"{q.Key} ~ {q.Distribution.Text}"))),
        ]);

        rep.AddHeading("Metrics: median and 10–90 % band");
        rep.AddTable(["metric", "median", "10 %", "90 %", "defined in"],
            r.Metrics.Select((m, k) =>
            {
                var b = r.BandOf(k);
                return (IReadOnlyList<string>)[$"{m.Label} ({m.Name})", F(b.Median, m.Unit), F(b.P10, m.Unit), F(b.P90, m.Unit),
                    $"{b.Defined} of {b.Defined + b.Undefined}"];
            }));
        rep.AddParagraph("Quantiles: " + Band.QuantileDefinition + ". A time to short is that of the realisations that shorted; " +
            "the others ran to the end of the protocol without one (counted under 'defined in').");

        var bands = r.PerCycleBands();
        if (bands.Any(b => b.Defined > 0))
        {
            rep.AddFigure(BandFigure(bands, $"{Capital(r.PerCycleName)} per cycle: median and 10–90 % band", $"{r.PerCycleName} / {r.PerCycleUnit}", "realisations"));
            rep.AddParagraph(r.Kind == "full"
                ? "A cycle's band is over the realisations that completed that cycle (hover: how many)."
                : "A cycle's band is over the realisations that completed that cycle before any short circuit (hover: how many); late cycles may rest on few realisations.");
        }

        var shortTimes = r.Realisations.Where(x => x.Refused is null && x.Metrics[0] is not null).Select(x => x.Metrics[0]!.Value).Order().ToArray();
        int ran = r.Count - r.Refused;
        if (shortTimes.Length > 0 && r.Metrics[0].Name == "time_to_short_h")
        {
            var x = new List<double> { 0 };
            var y = new List<double> { 0 };
            for (int k = 0; k < shortTimes.Length; k++)
            {
                x.Add(shortTimes[k]); y.Add(100.0 * k / ran);
                x.Add(shortTimes[k]); y.Add(100.0 * (k + 1) / ran);
            }
            rep.AddFigure(new Figure("Realisations shorted by time t", "time / h", "shorted / % of the realisations that ran")
            {
                Height = 360,
                Traces = [new Trace("shorted", x, y) { Color = "#D55E00" }],
            });
        }

        rep.AddHeading("Distributions");
        if (r.Quantities.Count == 0)
            // not an empty table: say what still differs between the realisations
            rep.AddParagraph("No quantity carries a distribution: the realisations differ only in the simulator's own draw, each electrode's " +
                "largest surface flaw where its electrolyte has a Weibull flaw law (docs/models.md §9), and are otherwise the same cell.");
        else
            rep.AddTable(["quantity", "distribution", "where"],
                r.Quantities.Select(q => (IReadOnlyList<string>)[q.Key, q.Distribution.Text, q.Distribution.Where.ToString()]));
        rep.AddParagraph("Every realisation's drawn values and metrics: ensemble.csv. normal(mean, sd); lognormal(median, sd of ln x); uniform(low, high). " +
            "Realisation i draws from a generator seeded with a hash of the ensemble's seed and i, so the ensemble is repeated exactly by its seed, on any number of cores.");
        return rep;
    }

    /// <summary>A per-cycle figure of median and 10–90 % band (index 0 = cycle 1); the hover says over how many <paramref name="items"/>.</summary>
    public static Figure BandFigure(IReadOnlyList<Band> bands, string title, string yTitle, string items)
    {
        var cycle = Enumerable.Range(1, bands.Count).Select(c => (double)c).ToArray();
        double[] Of(Func<Band, double?> f) => bands.Select(b => f(b) ?? double.NaN).ToArray();
        return new Figure(title, "cycle", yTitle)
        {
            Traces =
            [
                new Trace("10 %", cycle, Of(b => b.P10)) { Color = BandColor, LineWidth = 0.5, LegendGroup = "band", ShowInLegend = false },
                new Trace("10–90 % band", cycle, Of(b => b.P90)) { Color = BandColor, LineWidth = 0.5, LegendGroup = "band", FillToPrevious = true },
                new Trace("median", cycle, Of(b => b.Median))
                {
                    Color = MedianColor, Mode = TraceMode.LinesAndMarkers, MarkerSize = 4,
                    HoverText = bands.Select(b => $"{b.Defined} of {b.Defined + b.Undefined} {items}").ToList(),
                },
            ],
        };
    }

    static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
