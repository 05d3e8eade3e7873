namespace Interphase.Validation;

/// <summary>The result of one entry: pass, fail, calibration (never counted) or not scored.</summary>
public enum ValidationStatus { Pass, Fail, Calibration, NotScored }

/// <summary>
/// One row of the validation table. <see cref="Model"/> is null when the model value could not be
/// computed; <see cref="Reason"/> then says why (and, for a not-scored entry, why it is not scored).
/// </summary>
public sealed record ValidationOutcome(
    ValidationEntry Entry,
    double? Model,
    ValidationStatus Status,
    string Reason,
    string Cell,
    IReadOnlyList<string> Assumptions,
    IReadOnlyList<string> Warnings)
{
    public string StatusText => Status switch
    {
        ValidationStatus.Pass => "pass",
        ValidationStatus.Fail => "fail",
        ValidationStatus.Calibration => "calibration",
        _ => "not scored",
    };

    /// <summary>Counted as a validation result (pass or fail); calibration entries never are.</summary>
    public bool Scored => Status is ValidationStatus.Pass or ValidationStatus.Fail;
}
