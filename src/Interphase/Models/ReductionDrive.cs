using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// The driving force of an electrolyte's reduction at an electrode (docs/models.md §7.1). The electrolyte
/// is reduced where the local electrode potential E (vs the metal's own couple) lies below its reduction
/// potential U_red (the library's <c>validity.reduction_potential</c>, e.g. Zhu, He &amp; Mo 2015):
/// <code>
/// ΔU = U_red − E                                                  (> 0: reduction; ≤ 0: none)
/// transport (Wagner) factor   f_w = ΔU / U_red                      for ΔU > 0, else 0
/// reaction (Butler–Volmer)    f_r = BV(−ΔU) / BV(−U_red),  BV(η) = e^(−αzFη/RT) − e^((1−α)zFη/RT)   for ΔU > 0, else 0
/// </code>
/// Both are 1 on the bare metal at rest (E = 0), where the library's growth constants are given. f_w is
/// Wagner's: the flux of charged defects through a mixed-conducting scale is proportional to the
/// electrochemical-potential difference across it (C. Wagner, Z. Phys. Chem. B 21, 25 (1933); used for
/// Li|Li6PS5X interphases by Wenzel et al., Solid State Ionics 318, 102 (2018)). f_r is the Butler–Volmer
/// rate of the reduction at the electrode|interphase boundary with the overpotential E − U_red (Tafel-type
/// SEI reaction kinetics, Pinson &amp; Bazant, J. Electrochem. Soc. 160, A243 (2013); the local electrode
/// potential moved by the current, Kolzenberg, Latz &amp; Horstmann, ChemSusChem 13, 3901 (2020)).
/// The reverse branch of BV would oxidise the products above U_red; the products are taken as not
/// re-oxidised (they are irreversible), so above U_red both factors are zero: growth stops.
/// </summary>
public readonly record struct ReductionDrive(double TransportFactor, double ReactionFactor)
{
    /// <summary>Transfer coefficient of the reduction (symmetric, as the library's charge-transfer kinetics).</summary>
    public const double Alpha = 0.5;

    /// <summary>No potential dependence (the electrolyte states no reduction potential): the growth law as given.</summary>
    public static readonly ReductionDrive Unscaled = new(1, 1);

    /// <summary>Drive at local electrode potential e (V vs the metal) against reduction potential uRed (V), z electrons per ion.</summary>
    public static ReductionDrive At(double? uRed, double e, int z, double temperatureK)
    {
        if (uRed is not { } u) return Unscaled;
        double du = u - e;
        if (du <= 0 || u <= 0) return new(0, 0);
        double f = z * Si.Faraday / (Si.GasConstant * temperatureK);
        return new(du / u, Ratio(du, u, f));
    }

    /// <summary>Ratio BV(−Δu)/BV(−u) without overflow: e^(αf(Δu − u))·(1 − e^(−fΔu))/(1 − e^(−fu)).</summary>
    static double Ratio(double du, double u, double f) => Math.Exp(Alpha * f * (du - u)) * double.ExpM1(-f * du) / double.ExpM1(-f * u);
}
