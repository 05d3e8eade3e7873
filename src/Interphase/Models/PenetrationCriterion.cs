namespace Interphase.Models;

/// <summary>
/// What current density a layer tolerates at a plating spot before metal filaments grow into it.
/// </summary>
public abstract record PenetrationCriterion(string Material)
{
    /// <summary>
    /// Ratio of the plating spot area to the filament's cross-section: the excess current of a spot
    /// is deposited into a filament this much narrower (1 for a growth front as wide as the spot).
    /// </summary>
    public virtual double Amplification => 1;

    /// <summary>Local plating current density (A/m², positive) tolerated at a spot with these kinetics.</summary>
    public abstract double TolerableCurrent(ButlerVolmer kinetics, double temperatureK);
}
