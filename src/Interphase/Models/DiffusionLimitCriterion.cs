using Interphase.Units;

namespace Interphase.Models;

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
