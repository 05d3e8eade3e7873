using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Speed of ramified (fibrous) growth in a depleted binary salt electrolyte: the tips advance with the
/// anions as they retreat, v = μ_a·E (Chazalviel, Phys. Rev. A 42, 7355 (1990); measured in
/// Li|PEO-LiTFSI by Brissot et al., J. Power Sources 81–82, 925 (1999)). The tips are thin and sit in
/// the bulk, whose field is set by the cell's current density i: E = i/σ, and for a dilute binary salt
/// μ_a = (1 − t+)·σ/(z·F·c0), so
/// <code>v = (1 − t+)·i/(z·F·c0)</code>
/// Faradaic deposition of i·V_m/(zF) per unit area at that speed fills a fibre zone whose metal volume
/// fraction is c0·V_m/(1 − t+) (about 2 % for Li in 1.3 M PEO-LiTFSI).
/// </summary>
public static class AnionDriftGrowth
{
    public static double Velocity(double currentDensity, double transferenceNumber, int chargeNumber, double saltConcentration) =>
        (1 - transferenceNumber) * Math.Abs(currentDensity) / (chargeNumber * Si.Faraday * saltConcentration);
}
