namespace Interphase.Impedance;

/// <summary>
/// Weights of the complex non-linear least squares: each residual is divided by a σ.
/// χ² = Σᵢ [(Z'ᵢ − Ẑ'ᵢ)² / σ'ᵢ² + (Z''ᵢ − Ẑ''ᵢ)² / σ''ᵢ²].
/// </summary>
public enum EisWeighting
{
    /// <summary>σ' = σ'' = |Zᵢ| (Boukamp's modulus weighting; default: every decade counts).</summary>
    Modulus,
    /// <summary>σ' = σ'' = 1 Ω (impedance.py's default; large impedances dominate).</summary>
    Unit,
    /// <summary>σ' = |Z'ᵢ|, σ'' = |Z''ᵢ| (data-proportional), each at least 1 % of |Zᵢ| so a zero crossing of Z'' does not get an infinite weight.</summary>
    Proportional,
    /// <summary>σ' = σ'' = the spectrum's own <c>Sigma</c> (e.g. a σ column in the file); χ² is then absolute.</summary>
    Sigma,
}

/// <summary>Options of <see cref="EisFitter.Fit"/>; every member has a working default.</summary>
public sealed record EisFitOptions
{
    public EisWeighting Weighting { get; init; } = EisWeighting.Modulus;

    /// <summary>Starting values by parameter name ("R0", "CPE1_1"); the others come from the automatic guess.</summary>
    public IReadOnlyDictionary<string, double> InitialGuess { get; init; } = new Dictionary<string, double>();

    /// <summary>Parameters held at a value during the fit, by name.</summary>
    public IReadOnlyDictionary<string, double> Fixed { get; init; } = new Dictionary<string, double>();

    /// <summary>Bounds by name, replacing the default (0, ∞) or (0, 1] of the parameter's kind.</summary>
    public IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds { get; init; } = new Dictionary<string, (double, double)>();

    /// <summary>
    /// Number of extra random starts of the global search (multi-start Levenberg–Marquardt from points
    /// spread over ±<see cref="GlobalSpreadDecades"/> around the automatic guess). 0 = local fit only.
    /// </summary>
    public int GlobalStarts { get; init; }

    /// <summary>Half-width, in decades, of the region the global search samples for positive parameters.</summary>
    public double GlobalSpreadDecades { get; init; } = 1.5;

    /// <summary>Seed of the global search's random starts (results are reproducible).</summary>
    public int Seed { get; init; } = 1;

    public int MaxIterations { get; init; } = 1000;

    /// <summary>Relative standard error above which a parameter is reported as not identifiable.</summary>
    public double IdentifiabilityLimit { get; init; } = 1.0;

    /// <summary>
    /// Correlation magnitude above which two fitted parameters are not separately determined, whatever their standard
    /// errors: the spectrum fixes only a combination of them (<see cref="FitResult.Inseparable"/>, decision 0084).
    /// </summary>
    public double SeparabilityLimit { get; init; } = 0.99999;
}
