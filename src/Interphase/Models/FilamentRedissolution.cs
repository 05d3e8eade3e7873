namespace Interphase.Models;

/// <summary>
/// Stripping dissolves the fibres grown in the previous plating first: they are the freshest, most
/// exposed metal (the mechanism behind dead lithium, Chen et al., J. Mater. Chem. A 5, 11671 (2017);
/// fuse-like dissolution of Li fibres in PEO, Rosso et al., Electrochim. Acta 51, 5334 (2006)).
/// A fraction f of each advance survives as a disconnected, porous skeleton the next fibres grow on;
/// the rest (1 − f) dissolves while the electrode strips, the fibre zone retreating at the anion drift
/// velocity of the stripping current (the same fibre density, <see cref="AnionDriftGrowth"/>).
/// f is a property of the metal's fibres in the electrolyte (retained_fibre_fraction in the library;
/// 1, no dissolution, where none is given).
/// </summary>
public static class FilamentRedissolution
{
    /// <summary>Length still to dissolve after a growth of grown (m) with retained fraction f.</summary>
    public static double Owed(double grown, double retainedFraction) => (1 - retainedFraction) * grown;

    /// <summary>Retreat (m) over dt while stripping at drift speed v, limited to what is owed.</summary>
    public static double Retreat(double owed, double velocity, double dt) => Math.Min(owed, velocity * dt);
}
