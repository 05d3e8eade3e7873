using System.Numerics;
using Interphase.Data.Eis;

namespace Interphase.Impedance;

/// <summary>
/// One fitted parameter in SI units: value, standard error, 95 % confidence interval (value ± t₀.₉₇₅,ν · SE,
/// clipped to the parameter's bounds),
/// whether it was fixed, sits on a bound, or is not identifiable from the data.
/// </summary>
public sealed record FittedParameter(
    string Name,
    string Element,
    string Symbol,
    string Unit,
    double Value,
    double StandardError,
    double ConfidenceLower,
    double ConfidenceUpper,
    bool Fixed,
    bool AtBound,
    bool Identifiable)
{
    /// <summary>Standard error relative to the value (NaN for a fixed parameter).</summary>
    public double RelativeError => Fixed ? double.NaN : StandardError / Math.Abs(Value);
}

/// <summary>
/// Everything a caller needs from a fit (in the spirit of Math.NET's NonlinearMinimizationResult):
/// parameters with errors, correlation of the free parameters, χ² (see <see cref="EisWeighting"/>),
/// reduced χ², AIC, model and residuals, and whether and why the optimiser stopped.
/// </summary>
public sealed record FitResult
{
    public required Circuit Circuit { get; init; }
    public required ImpedanceSpectrum Spectrum { get; init; }
    public required EisWeighting Weighting { get; init; }
    public required IReadOnlyList<FittedParameter> Parameters { get; init; }
    /// <summary>Names of the free parameters, in the order of <see cref="Correlation"/>'s rows.</summary>
    public required IReadOnlyList<string> FreeParameters { get; init; }
    /// <summary>
    /// Correlation of the free parameters, Cov_ab / √(Cov_aa Cov_bb); null where it cannot be computed:
    /// a parameter the data carry no information about has no variance in the pseudo-inverse.
    /// </summary>
    public required double?[,] Correlation { get; init; }
    /// <summary>χ² = Σ (ΔZ'/σ')² + (ΔZ''/σ'')² with σ from the weighting (dimensionless for modulus weighting).</summary>
    public required double ChiSquare { get; init; }
    /// <summary>χ² / ν with ν = 2N − (free parameters).</summary>
    public required double ReducedChiSquare { get; init; }
    public required int DegreesOfFreedom { get; init; }
    /// <summary>Akaike information criterion: 2N·ln(χ²/2N) + 2k, or χ² + 2k for absolute σ (Sigma weighting).</summary>
    public required double Aic { get; init; }
    public required Complex[] Model { get; init; }
    /// <summary>(Z' − Ẑ')/|Z| at each frequency.</summary>
    public required double[] ResidualReal { get; init; }
    /// <summary>(Z'' − Ẑ'')/|Z| at each frequency.</summary>
    public required double[] ResidualImag { get; init; }
    public required bool Converged { get; init; }
    public required FitExit Exit { get; init; }
    public required int Iterations { get; init; }
    public required int Evaluations { get; init; }
    /// <summary>How many starting points were run (1 + global starts + automatic variants).</summary>
    public required int Starts { get; init; }
    /// <summary>
    /// Whether the fit started from the previous spectrum's fit in a series (<see cref="EisSeriesFitter"/>) instead of the
    /// automatic guess and its variants; a warm fit is kept only if its χ² passes the series' check, otherwise the spectrum is
    /// fitted from the automatic guess as well and the better of the two is kept.
    /// </summary>
    public bool WarmStart { get; init; }
    /// <summary>The starting parameter vector of the best run (all parameters, SI).</summary>
    public required double[] InitialGuess { get; init; }
    /// <summary>
    /// Pairs of free parameters correlated beyond <see cref="EisFitOptions.SeparabilityLimit"/>: each value of a pair is one
    /// split of many that fit equally well; only their combination is determined (decision 0084).
    /// </summary>
    public IReadOnlyList<InseparablePair> Inseparable { get; init; } = [];
    /// <summary>Plain-language problems: not converged, parameters on bounds or not identifiable.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The fitted values in circuit parameter order.</summary>
    public double[] Values => Parameters.Select(p => p.Value).ToArray();

    /// <summary>A parameter by name ("R1", "CPE1_0").</summary>
    public FittedParameter this[string name] => Parameters[Circuit.IndexOf(name)];

    /// <summary>The fitted circuit with its values attached, ready to evaluate.</summary>
    public Circuit FittedCircuit => Circuit.WithValues(Values);
}
