namespace Interphase.Models;

/// <summary>
/// What current density a layer tolerates at a plating spot before metal filaments grow into it, and
/// how fast they grow once they do.
/// </summary>
public abstract record PenetrationCriterion(string Material)
{
    /// <summary>Local plating current density (A/m², positive) tolerated at a spot with these kinetics.</summary>
    public abstract double TolerableCurrent(ButlerVolmer kinetics, double temperatureK);

    /// <summary>
    /// Speed (m/s) of a filament that has grown <paramref name="grown"/> (m) into this layer while its
    /// electrode plates at <paramref name="plateCurrent"/> (A/m², the electrode's mean) and its spots at
    /// <paramref name="localCurrent"/>: by default the excess of the local current over the tolerable
    /// one, deposited into a front as wide as the spot.
    /// </summary>
    public virtual double GrowthVelocity(double localCurrent, double plateCurrent, double tolerable, ButlerVolmer kinetics, double thicknessPerCharge, double grown) =>
        FilamentGrowth.Velocity(localCurrent, tolerable, thicknessPerCharge);

    /// <summary>This criterion for one realisation (a brittle layer draws its largest flaw); itself when nothing is random or no generator is given.</summary>
    public virtual PenetrationCriterion Realise(Random? rng) => this;
}
