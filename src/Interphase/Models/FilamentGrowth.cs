namespace Interphase.Models;

/// <summary>
/// Filament growth once the local current at the plating spots exceeds what the layer at the
/// filament tip tolerates. The local current is i/(φ·θ), with φ the contact fraction and θ the
/// fraction of the surface where deposition nucleates (current focusing on contact spots and
/// nucleation sites). The excess current deposits metal at the tip:
/// v = (V_m/(zF))·max(0, i_loc − i_tol), the default of <see cref="PenetrationCriterion.GrowthVelocity"/>;
/// a brittle layer grows a crack instead (<see cref="CrackGrowth"/>) and a polymer fibres at the anion
/// drift velocity (<see cref="AnionDriftGrowth"/>). A filament that spans the separator shorts the cell.
/// </summary>
public static class FilamentGrowth
{
    public static double LocalCurrent(double plateCurrent, double contact, double nucleationSiteFraction) =>
        plateCurrent / Math.Max(contact * nucleationSiteFraction, ContactModel.MinimumContact);

    public static double Velocity(double localCurrent, double tolerable, double thicknessPerCharge) =>
        Math.Max(0, localCurrent - tolerable) * thicknessPerCharge;
}
