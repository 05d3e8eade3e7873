namespace Interphase.Data.Neware;

/// <summary>
/// Neware's step-type codes, the same in .nda records and in the step files of .ndax: their names as
/// BTSDA shows them (CC_Chg, CC_DChg, Rest, …) and what Interphase makes of them.
/// </summary>
public static class NewareStatus
{
    static readonly Dictionary<int, string> Names = new()
    {
        [1] = "CC_Chg", [2] = "CC_DChg", [3] = "CV_Chg", [4] = "Rest", [5] = "Cycle", [7] = "CCCV_Chg", [8] = "CP_DChg",
        [9] = "CP_Chg", [10] = "CR_DChg", [13] = "Pause", [16] = "Pulse", [17] = "SIM", [18] = "PCCCV_Chg", [19] = "CV_DChg",
        [20] = "CCCV_DChg", [21] = "Control", [22] = "OCV", [25] = "Ramp", [26] = "CPCV_DChg", [27] = "CPCV_Chg",
    };

    /// <summary>Name of a status code (e.g. "CC_Chg"), or "status N" for a code not known.</summary>
    public static string Name(int code) => Names.TryGetValue(code, out var s) ? s : $"status {code}";

    /// <summary>
    /// The step type of a record: the named direction of a charge or discharge step, a rest for Rest,
    /// Pause and OCV, else the sign of the record's current.
    /// </summary>
    public static StepType Classify(string name, double current) => Named(name) ?? BySign(current);

    /// <summary>The step type a status name states (its direction, or a rest), or null when the current's sign must decide.</summary>
    public static StepType? Named(string name) =>
        name.EndsWith("DChg", StringComparison.Ordinal) ? StepType.Discharge
        : name.EndsWith("_Chg", StringComparison.Ordinal) ? StepType.Charge
        : name is "Rest" or "Pause" or "OCV" ? StepType.Rest
        : null;

    /// <summary>The step type of a record whose status names no direction: the sign of its current.</summary>
    public static StepType BySign(double current) => current > 0 ? StepType.Charge : current < 0 ? StepType.Discharge : StepType.Other;
}
