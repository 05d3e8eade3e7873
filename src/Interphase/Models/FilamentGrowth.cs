using Interphase.Units;

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

/// <summary>
/// Brittle solid electrolytes and interlayers: Porz et al., Adv. Energy Mater. 7, 1701003 (2017).
/// Metal deposited in a surface flaw of depth c is pressurised to P = F·|η|/V_m; the flaw grows when
/// 1.12·P·√(πc) ≥ K_Ic, i.e. above η_crit = K_Ic·V_m/(1.12·z·F·√(πc)). The tolerable local current
/// is the Butler–Volmer current at η_crit (the overpotential at the flaw is the local deposition
/// overpotential).
/// </summary>
public sealed record FractureCriterion(string Material, double FractureToughness, double FlawSize, double MolarVolume, int ChargeNumber, double FilamentAreaFraction)
    : PenetrationCriterion(Material)
{
    /// <summary>Metal fills a crack far narrower than the spot that feeds it (Porz 2017: µm-wide filaments).</summary>
    public override double Amplification => 1 / FilamentAreaFraction;

    public double CriticalOverpotential =>
        FractureToughness * MolarVolume / (1.12 * ChargeNumber * Si.Faraday * Math.Sqrt(Math.PI * FlawSize));

    public override double TolerableCurrent(ButlerVolmer kinetics, double temperatureK) =>
        -kinetics.Current(-CriticalOverpotential);
}

/// <summary>
/// Soft polymer electrolytes (shear modulus far below twice the metal's, so Monroe &amp; Newman,
/// J. Electrochem. Soc. 152, A396 (2005), predict no mechanical suppression): ramified growth
/// starts where the local current exceeds the diffusion-limited current of the binary salt,
/// i_lim = 2·z·F·c0·D/((1 − t+)·L) (Chazalviel, Phys. Rev. A 42, 7355, 1990; Brissot et al.,
/// J. Power Sources 81–82, 925, 1999).
/// </summary>
public sealed record DiffusionLimitCriterion(string Material, double SaltConcentration, Func<double, double> SaltDiffusivity, double TransferenceNumber, double Thickness, int ChargeNumber)
    : PenetrationCriterion(Material)
{
    public double LimitingCurrent(double temperatureK) =>
        2 * ChargeNumber * Si.Faraday * SaltConcentration * SaltDiffusivity(temperatureK) / ((1 - TransferenceNumber) * Thickness);

    public override double TolerableCurrent(ButlerVolmer kinetics, double temperatureK) => LimitingCurrent(temperatureK);
}

/// <summary>
/// Filament growth once the local current at the plating spots exceeds what the layer at the
/// filament tip tolerates. The local current is i/(φ·θ), with φ the contact fraction and θ the
/// fraction of the surface where deposition nucleates (current focusing on contact spots and
/// nucleation sites). The excess current deposits metal at the tip:
/// v = (V_m/(zF))·max(0, i_loc − i_tol). Filaments do not retract on stripping (the metal in a
/// crack or a dead fibre stays); a filament that spans the separator shorts the cell. In a brittle
/// layer the metal fills a crack much narrower than the spot that feeds it, which multiplies the
/// velocity by the spot-to-filament area ratio; in a soft polymer the fibrous front grows as wide
/// as the spot.
/// </summary>
public static class FilamentGrowth
{
    public static double LocalCurrent(double plateCurrent, double contact, double nucleationSiteFraction) =>
        plateCurrent / Math.Max(contact * nucleationSiteFraction, ContactModel.MinimumContact);

    public static double Velocity(double localCurrent, double tolerable, double thicknessPerCharge, double amplification = 1) =>
        Math.Max(0, localCurrent - tolerable) * thicknessPerCharge * amplification;
}
