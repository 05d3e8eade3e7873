namespace Interphase.Validation;

/// <summary>How a model value is held to its target (data/validation/validation.yaml, header).</summary>
public sealed record Tolerance(string Kind, double? Value, double? Low, double? High, string Reason)
{
    public static readonly string[] Kinds = ["factor", "ratio-factor", "exponent-abs", "lower-bound", "upper-bound", "range", "trend", "qualitative", "none"];

    /// <summary>"factor 2", "≥ target/2", "inside 25–514", … for tables.</summary>
    public string Describe() => Kind switch
    {
        "factor" => $"factor {Value:G3}",
        "ratio-factor" => $"ratio within factor {Value:G3}",
        "exponent-abs" => $"± {Value:G3}",
        "lower-bound" => Value is 1 ? "≥ target" : $"≥ target/{Value:G3}",
        "upper-bound" => Value is 1 ? "≤ target" : $"≤ target×{Value:G3}",
        "range" => $"inside {Low:G4}–{High:G4}",
        "none" => "— (calibration)",
        _ => Kind,
    };
}

/// <summary>
/// How to build the cell of an entry and read the quantity from its run (the entry's <c>simulate:</c>
/// block). The cell is a shipped case with the entry's conditions applied; every knob that the entry
/// does not fix is the base case's and is listed as an assumption in the output.
/// </summary>
public sealed record SimulateSpec(
    string Case,
    string? Electrolyte,
    string Measure,
    string? Reference,
    double? RampFromMilliampPerCm2,
    double? RampToMilliampPerCm2,
    double RampFactor,
    double StepHours,
    double? DurationHours,
    double? HeatTemperatureC,
    double? HeatHours,
    SourceLocation Where)
{
    public static readonly string[] Measures =
        ["critical_stripping_current", "critical_stripping_current_vs_pressure", "onset_ccd", "onset_ccd_vs_interface_asr", "onset_time", "onset_time_trend", "interface_asr", "interface_asr_after_heat", "time_to_contact_loss", "time_to_short"];

    /// <summary>The current densities (mA/cm²) of a series (onset_time_trend), in rising order.</summary>
    public IReadOnlyList<double> CurrentsMilliampPerCm2 { get; init; } = [];

    /// <summary>The stack pressures (MPa) of a series (critical_stripping_current_vs_pressure), in rising order.</summary>
    public IReadOnlyList<double> PressuresMPa { get; init; } = [];

    /// <summary>The interface ASRs (Ω cm², each at the entry's temperature) of a series (onset_ccd_vs_interface_asr), in rising order.</summary>
    public IReadOnlyList<double> InterfaceAsrsOhmCm2 { get; init; } = [];
}

/// <summary>One literature measurement of the validation set.</summary>
public sealed record ValidationEntry(
    string Id,
    string Set,
    string Mechanism,
    string Electrolyte,
    double? ElectrolyteThicknessUm,
    double? TemperatureC,
    double? StackPressureMPa,
    double? CurrentDensityMilliampPerCm2,
    string Quantity,
    double? Value,
    string? Unit,
    Tolerance Tolerance,
    string Source,
    string Where,
    string Reliability,
    SimulateSpec? Simulate,
    string? NoModel,
    string? NotRunnable,
    SourceLocation Location)
{
    public bool IsCalibration => Set == "calibration";

    /// <summary>The pressure the source pressed its metal foils on with (MPa; conditions.metal_pressing_pressure_MPa), null if not stated.</summary>
    public double? MetalPressingPressureMPa { get; init; }

    /// <summary>The diameter of the source's metal electrodes (mm; conditions.electrode_diameter_mm), null if not stated:
    /// the cell's electrode area is then the case's (the largest surface flaw depends on it, docs/models.md §9).</summary>
    public double? ElectrodeDiameterMm { get; init; }

    /// <summary>The surface state of the source's metal|electrolyte interfaces (conditions.surface, the cell key <c>surface:</c>,
    /// docs/models.md §6.2), null if the source does not state it.</summary>
    public Interphase.IO.YNode? Surface { get; init; }
}
