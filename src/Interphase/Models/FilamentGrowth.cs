namespace Interphase.Models;

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
