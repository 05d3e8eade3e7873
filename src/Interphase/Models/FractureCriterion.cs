using Interphase.Units;

namespace Interphase.Models;

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
