namespace Interphase.Models;

/// <summary>
/// Open-circuit potentials of intercalation cathodes as functions of the stoichiometry x (fraction of
/// Li sites filled; 1 = discharged). Each is a published fit; the library names which one a material
/// uses (<c>ocv:</c>). Potentials are vs Li/Li⁺. A material may instead give its curve as sloping
/// plateaus (<c>ocv_plateaus:</c>, see <see cref="PlateauCurve"/>), as V2O5 vs Zn/Zn²⁺ does.
/// </summary>
public static class OpenCircuitPotential
{
    public static readonly IReadOnlyDictionary<string, Func<double, double>> Functions = new Dictionary<string, Func<double, double>>
    {
        ["lco_marquis2019"] = LcoMarquis2019,
        ["lfp_prada2013"] = LfpPrada2013,
        ["nmc532_mohtat2020"] = Nmc532Mohtat2020,
    };

    /// <summary>
    /// LiCoO2, the Dualfoil fit used by Marquis et al. (J. Electrochem. Soc. 166, A3693, 2019) as
    /// provided in PyBaMM's Marquis2019 set: with s = 1.062·x,
    /// U = 2.16216 + 0.07645 tanh(30.834 − 54.4806 s) + 2.1581 tanh(52.294 − 50.294 s)
    ///   − 0.14169 tanh(11.0923 − 19.8543 s) + 0.2051 tanh(1.4684 − 5.4888 s)
    ///   + 0.2531 tanh((0.56478 − s)/0.1316) − 0.02167 tanh((s − 0.525)/0.006).
    /// Valid for 0.43 ≤ x ≤ 0.99.
    /// </summary>
    public static double LcoMarquis2019(double x)
    {
        double s = 1.062 * x;
        return 2.16216 + 0.07645 * Math.Tanh(30.834 - 54.4806 * s) + 2.1581 * Math.Tanh(52.294 - 50.294 * s)
            - 0.14169 * Math.Tanh(11.0923 - 19.8543 * s) + 0.2051 * Math.Tanh(1.4684 - 5.4888 * s)
            + 0.2531 * Math.Tanh((0.56478 - s) / 0.1316) - 0.02167 * Math.Tanh((s - 0.525) / 0.006);
    }

    /// <summary>
    /// LiFePO4, Afshar et al. (Sci. Rep. 7, 2017) as used by Prada et al. (J. Electrochem. Soc. 160,
    /// A616, 2013) in PyBaMM's Prada2013 set: U = 3.4077 − 0.020269 x + 0.5 e^(−150 x) − 0.9 e^(−30 (1 − x)).
    /// Flat at 3.40 V over most of the window.
    /// </summary>
    public static double LfpPrada2013(double x) =>
        3.4077 - 0.020269 * x + 0.5 * Math.Exp(-150 * x) - 0.9 * Math.Exp(-30 * (1 - x));

    /// <summary>
    /// LiNi0.5Mn0.3Co0.2O2, Mohtat et al. (J. Electrochem. Soc. 167, 110561, 2020), PyBaMM's Mohtat2020:
    /// U = 4.3452 − 1.6518 x + 1.6225 x² − 2.0843 x³ + 3.5146 x⁴ − 2.2166 x⁵ − 5.623e-5·e^(109.451 x − 100.006).
    /// </summary>
    public static double Nmc532Mohtat2020(double x) =>
        4.3452 - 1.6518 * x + 1.6225 * x * x - 2.0843 * x * x * x + 3.5146 * Math.Pow(x, 4) - 2.2166 * Math.Pow(x, 5)
        - 5.623e-5 * Math.Exp(109.451 * x - 100.006);

    public static Func<double, double> Get(string name, SourceLocation where) =>
        Functions.TryGetValue(name.Trim(), out var f) ? f
            : throw new InputException($"unknown OCV function '{name}': expected one of {string.Join(", ", Functions.Keys)}", where);
}
