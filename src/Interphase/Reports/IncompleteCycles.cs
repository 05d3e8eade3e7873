using Interphase.Simulation;

namespace Interphase.Reports;

/// <summary>
/// The cycles of a simulated run that are not complete (<see cref="CycleStats.Complete"/>,
/// <see cref="FullCycleStats.Complete"/>) and why: the run stopped inside one, or one of its halves
/// never ran. The reports draw them apart from the complete cycles, with hollow markers, and list
/// them in a note, as the analyze report lists a record's partial cycles.
/// </summary>
public static class IncompleteCycles
{
    /// <summary>Notes with more lines than this end with "… and N more cycles" and where the rest are.</summary>
    public const int MaxListed = 50;

    public const string Interrupted = "the run stopped inside it";

    /// <summary>The incomplete cycles of a symmetric cell, in order.</summary>
    public static IReadOnlyList<(int Cycle, string Why)> Of(IReadOnlyList<CycleStats> cycles) =>
        cycles.Where(c => !c.Complete).Select(c => (c.Cycle, Why(c.Interrupted, c.ChargePlated > 0, c.ChargeStripped > 0, "plating", "stripping"))).ToList();

    /// <summary>The incomplete cycles of a full cell, in order.</summary>
    public static IReadOnlyList<(int Cycle, string Why)> Of(IReadOnlyList<FullCycleStats> cycles) =>
        cycles.Where(c => !c.Complete).Select(c => (c.Cycle, Why(c.Interrupted, c.ChargeCapacity > 0, c.DischargeCapacity > 0, "charge", "discharge"))).ToList();

    /// <summary>Complete cycles of a full cell whose coulombic efficiency is not a number because a half
    /// passed no more than a trace of charge (<see cref="FullCycleStats.NegligibleCharge"/>).</summary>
    public static IReadOnlyList<(int Cycle, string Why)> WithoutEfficiency(IReadOnlyList<FullCycleStats> cycles) =>
        cycles.Where(c => c.Complete && !double.IsFinite(c.CoulombicEfficiency))
            .Select(c => (c.Cycle, $"its {(c.ChargeCapacity <= c.NegligibleCharge ? "charge" : "discharge")} passed only a trace of charge (no more than 1 % of the nominal capacity)"))
            .ToList();

    static string Why(bool interrupted, bool first, bool second, string firstName, string secondName)
    {
        var missing = (first, second) switch
        {
            (false, false) => $"no {firstName} and no {secondName} half",
            (false, true) => $"no {firstName} half",
            (true, false) => $"no {secondName} half",
            _ => "",
        };
        return interrupted ? missing.Length > 0 ? $"{Interrupted} ({missing})" : Interrupted : missing;
    }

    /// <summary>A paragraph "intro:" followed by one "• cycle N: why" line per run of consecutive cycles
    /// with the same reason ("• cycles 10–62: why"); nothing for an empty list.</summary>
    public static void AddNote(HtmlReport rep, string intro, IReadOnlyList<(int Cycle, string Why)> cycles, string moreAt)
    {
        if (cycles.Count == 0) return;
        var runs = new List<(int First, int Last, string Why)>();
        foreach (var (c, why) in cycles)
            if (runs.Count > 0 && runs[^1].Last == c - 1 && runs[^1].Why == why) runs[^1] = (runs[^1].First, c, why);
            else runs.Add((c, c, why));
        rep.AddParagraph(intro + ":\n" + string.Join("\n", runs.Take(MaxListed).Select(r => $"• {(r.First == r.Last ? $"cycle {r.First}" : $"cycles {r.First}–{r.Last}")}: {r.Why}"))
            + (runs.Count > MaxListed ? $"\n• … and {runs.Skip(MaxListed).Sum(r => r.Last - r.First + 1)} more cycles ({moreAt})" : ""));
    }

    /// <summary>The cycle numbers as text: "cycle 3", "cycles 3 and 4", "cycles 3, 4 and 7".</summary>
    public static string Name(IReadOnlyList<int> cycles) => cycles.Count switch
    {
        0 => "no cycle",
        1 => $"cycle {cycles[0]}",
        _ => $"cycles {string.Join(", ", cycles.Take(cycles.Count - 1))} and {cycles[^1]}",
    };
}
