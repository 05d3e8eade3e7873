using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Soft electrolytes (polymers, liquids) with a binary salt. Whether the electrolyte is stiff enough
/// to suppress roughening is judged by <see cref="MonroeNewmanStability"/> from the shear moduli; if it
/// is, no filament grows. If not, fibres start where the salt at the plating face of a nucleation
/// spot runs out (<see cref="SandOnset"/>, from the simulated salt profile) and advance at the anion
/// drift velocity (<see cref="AnionDriftGrowth"/>); stripping dissolves part of each advance
/// (<see cref="FilamentRedissolution"/>). Where no salt profile is simulated, a spot counts as depleted
/// while its local current exceeds the steady limiting current of the binary salt,
/// i_lim = 2·z·F·c0·D/((1 − t+)·L) (Chazalviel, Phys. Rev. A 42, 7355, 1990; Brissot et al.,
/// J. Power Sources 81–82, 925, 1999), the long-time limit of the same depletion.
/// </summary>
public sealed record DiffusionLimitCriterion(string Material, double SaltConcentration, Func<double, double> SaltDiffusivity, double TransferenceNumber, double Thickness, int ChargeNumber,
    MonroeNewmanStability Stability, double RetainedFibreFraction)
    : PenetrationCriterion(Material)
{
    public double LimitingCurrent(double temperatureK) =>
        2 * ChargeNumber * Si.Faraday * SaltConcentration * SaltDiffusivity(temperatureK) / ((1 - TransferenceNumber) * Thickness);

    /// <summary>The steady limiting current, or ∞ where the electrolyte suppresses roughening mechanically.</summary>
    public override double TolerableCurrent(ButlerVolmer kinetics, double temperatureK) =>
        Stability.SuppressesRoughening ? double.PositiveInfinity : LimitingCurrent(temperatureK);

    /// <summary>Fibre speed (m/s) at the cell's plating current density while the spot is depleted.</summary>
    public double DriftVelocity(double plateCurrent) => AnionDriftGrowth.Velocity(plateCurrent, TransferenceNumber, ChargeNumber, SaltConcentration);
}
