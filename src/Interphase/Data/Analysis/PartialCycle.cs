namespace Interphase.Data.Analysis;

/// <summary>Why a cycle is partial: a short code for cycles.csv and summary.json, and a sentence for people.</summary>
public sealed record PartialReason(string Code, string Description);

/// <summary>
/// Decides whether a cycle is complete: it has a half cycle of each direction, the record holds both
/// whole (it neither begins inside the first nor ends inside the last), and neither passed a
/// negligible charge (<see cref="SegmentationOptions.NegligibleFraction"/>). Only complete cycles have
/// a coulombic efficiency and a retention, and only they enter means; a partial cycle's capacities
/// are still written, as what the record holds of it, with its reasons.
/// </summary>
public static class PartialCycle
{
    /// <summary>Full-cell names of the directions: +1 charge, −1 discharge.</summary>
    public static string FullCellDirection(int sign) => sign > 0 ? "charge" : "discharge";

    /// <summary>Symmetric-cell names of the directions, for electrode 1: −1 plating, +1 stripping.</summary>
    public static string SymmetricDirection(int sign) => sign < 0 ? "plating" : "stripping";

    /// <summary>The reasons cycle <paramref name="halves"/> is partial (none: it is complete).</summary>
    /// <param name="halves">The half cycles of the cycle, in time order.</param>
    /// <param name="startSign">The direction that opens a cycle.</param>
    /// <param name="name">The name of a direction (<see cref="FullCellDirection"/>, <see cref="SymmetricDirection"/>).</param>
    public static IReadOnlyList<PartialReason> Reasons(IReadOnlyList<HalfCycle> halves, int startSign, Func<int, string> name)
    {
        var r = new List<PartialReason>();
        if (halves.Count == 0) return r;
        if (halves[0].StartsBeforeRecord)
            r.Add(new("begins_before_record", $"the record begins inside its {name(halves[0].Sign)}"));
        foreach (var sign in new[] { startSign, -startSign })
            if (!halves.Any(h => h.Sign == sign))
                r.Add(new($"no_{name(sign)}", sign == startSign
                    ? $"it has no {name(sign)}: the record begins with the {name(-sign)}"
                    : $"it has no {name(sign)}: the record ends before it"));
        if (halves[^1].EndsAfterRecord)
            r.Add(new("ends_after_record", $"the record ends inside its {name(halves[^1].Sign)}"));
        foreach (var h in halves.Where(h => h.Negligible))
            r.Add(new($"negligible_{name(h.Sign)}", $"its {name(h.Sign)} passed a negligible charge"));
        return r;
    }

    /// <summary>The codes joined for one CSV cell ("" for a complete cycle).</summary>
    public static string Codes(IReadOnlyList<PartialReason> reasons) => string.Join(';', reasons.Select(x => x.Code));

    /// <summary>The descriptions joined into one clause.</summary>
    public static string Describe(IReadOnlyList<PartialReason> reasons) => string.Join("; ", reasons.Select(x => x.Description));
}
