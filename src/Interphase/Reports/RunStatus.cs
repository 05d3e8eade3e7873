using Interphase.Simulation;

namespace Interphase.Reports;

/// <summary>
/// The banners at the top of a simulation's report: why the run stopped when it did not complete its
/// protocol (summary.json's stop_reason and end_reason), and where its inputs leave the materials'
/// validity domain (summary.json's warnings). A run that completed without warnings gets none.
/// </summary>
public static class RunStatus
{
    public const string Completed = "protocol_completed";

    /// <summary>What a stop_reason means, as the end of the sentence "The run stopped before the end of its protocol: …".</summary>
    public static string Describe(string stopReason) => stopReason switch
    {
        "compliance" => "the cell voltage reached the instrument's compliance limit",
        "short_circuit" => "the cell short-circuited",
        "metal_exhausted" => "the metal electrode is used up",
        "stop_condition" => "a 'Stop if' condition of the protocol was met",
        _ => stopReason.Replace('_', ' '),
    };

    /// <summary>Adds the stop banner (unless the protocol completed) and the warnings banner (unless there are none).</summary>
    /// <param name="interrupted">The cycles the run stopped inside (at most one).</param>
    /// <param name="interruptedMeans">What the report does with such a cycle, e.g. "left out of the mean overpotential".</param>
    public static void AddBanners(HtmlReport rep, string stopReason, string endReason, IReadOnlyList<string> warnings,
        IReadOnlyList<int> interrupted, string interruptedMeans)
    {
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(stopReason);
        ArgumentNullException.ThrowIfNull(endReason);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(interrupted);
        if (stopReason != Completed)
        {
            var lines = new List<string> { Sentence(endReason) };
            if (interrupted.Count > 0)
                lines.Add($"{Capitalized(IncompleteCycles.Name(interrupted))} was cut short: it is drawn with hollow markers and {interruptedMeans}.");
            lines.Add($"summary.json: stop_reason = {stopReason}.");
            rep.AddBanner(new Banner(BannerKind.Stop, $"The run stopped before the end of its protocol: {Describe(stopReason)}.", lines));
        }
        if (warnings.Count > 0)
            rep.AddBanner(new Banner(BannerKind.Warning, WarningsHeading(warnings), warnings, "summary.json, warnings"));
    }

    /// <summary>
    /// The warnings banner's heading, saying what they are about: the inputs beyond the materials' data and the model, a
    /// fitted circuit's values its spectra do not determine (SpectrumFit.Warnings), or both.
    /// </summary>
    internal static string WarningsHeading(IReadOnlyList<string> warnings) =>
        $"{Count(warnings.Count, "warning")}: {WarningsAbout(warnings)}; read the results with care.";

    /// <summary>What the warnings are about (the heading's clause; the ensemble report's banner says it too).</summary>
    internal static string WarningsAbout(IReadOnlyList<string> warnings)
    {
        int fit = warnings.Count(SpectrumFit.IsFitWarning);
        return fit == 0 ? "the inputs go beyond what the materials' data and the model cover"
            : fit == warnings.Count ? "the impedance fits write values their spectra do not determine"
            : "the inputs go beyond what the materials' data and the model cover, and the impedance fits write values their spectra do not determine";
    }

    /// <summary>
    /// Adds the "Mechanisms off" banner when the run left any mechanism out (summary.json's mechanisms.off), naming
    /// each and what leaving it out means; nothing when all are on, so a full-physics report carries no such box.
    /// </summary>
    public static void AddMechanismsBanner(HtmlReport rep, Mechanisms mechanisms)
    {
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(mechanisms);
        if (mechanisms.AllOn) return;
        var off = Mechanisms.Catalogue.Where(e => !mechanisms.IsOn(e.Id)).ToList();
        rep.AddBanner(new Banner(BannerKind.MechanismsOff,
            $"Mechanisms switched off: {string.Join(", ", off.Select(e => e.Name))} — results leave these out.",
            [.. off.Select(e => $"{e.Name}: {e.WhenOff}."), "summary.json: mechanisms.off; docs/models.md, \"Mechanisms and how to switch them off\"."]));
    }

    /// <summary>"Mechanisms off: contact-loss, dendrites" for a run that left mechanisms out, null when all are on (the static figures' subtitle).</summary>
    public static string? MechanismsNote(Mechanisms mechanisms) =>
        mechanisms.AllOn ? null : $"Mechanisms off: {string.Join(", ", mechanisms.NamesOff)}";

    /// <summary>"3 warnings", "1 warning".</summary>
    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>The text with a capital first letter and a full stop.</summary>
    internal static string Sentence(string text)
    {
        text = Capitalized(text.Trim());
        return text.Length == 0 || text.EndsWith('.') ? text : text + ".";
    }

    static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
