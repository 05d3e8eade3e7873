using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Crack-based initiation in brittle solid electrolytes and interlayers (Porz et al., Adv. Energy
/// Mater. 7, 1701003 (2017)). Metal deposited into a surface flaw of depth c is pressurised until its
/// chemical potential matches the driving force of the plating spot: a metal at pressure P sits V_m·P
/// above the metal of the electrode, which is itself at the stack pressure p_s (the pressure term of
/// the electrochemical potential, Monroe &amp; Newman, J. Electrochem. Soc. 152, A396 (2005)), so
/// <code>
/// P(η)   = p_s + z·F·|η_loc|/V_m                  η_loc: the local deposition overpotential at the spot
/// K_I    = Y·P·√(πc),   Y = 1.12 (edge crack)      flaw opens when K_I ≥ K_Ic
/// η_crit = max(0, K_Ic/(Y√(πc)) − p_s)·V_m/(zF)
/// i_tol  = |i_BV(−η_crit)|                        the current whose local overpotential reaches η_crit
/// </code>
/// The flaw is the largest on the electrode (<see cref="FlawDistribution"/>): the median for a run
/// without a seed, a draw with one. The onset depends on the flaw, the kinetics, the contact and the
/// stack pressure, not on how thick the layer is. A stack pressure above K_Ic/(Y√(πc)) opens the flaw
/// at any plating current. Once open, the crack grows as fast as metal reaches it
/// (<see cref="CrackGrowth"/>) while the plating spot can still pressurise it at its depth c + ℓ.
/// </summary>
public sealed record FractureCriterion(string Material, double FractureToughness, double FlawSize, double MolarVolume, int ChargeNumber,
    double StackPressure, double PlaneStrainModulus, FlawDistribution? Flaws = null, double ElectrodeArea = 0)
    : PenetrationCriterion(Material)
{
    /// <summary>Shape factor of a shallow edge crack (Tada, Paris &amp; Irwin).</summary>
    public const double ShapeFactor = 1.12;

    /// <summary>Metal pressure (Pa) that opens a crack of depth ℓ (m).</summary>
    public double CriticalPressure(double depth) => FractureToughness / (ShapeFactor * Math.Sqrt(Math.PI * depth));

    /// <summary>Metal pressure (Pa) plating at local overpotential η builds in the flaw.</summary>
    public double FlawPressure(double eta) => StackPressure + ChargeNumber * Si.Faraday * Math.Abs(eta) / MolarVolume;

    /// <summary>Local overpotential (V) at which plating opens a crack of depth ℓ (0 when the stack pressure alone does).</summary>
    public double CriticalOverpotentialAt(double depth) =>
        Math.Max(0, CriticalPressure(depth) - StackPressure) * MolarVolume / (ChargeNumber * Si.Faraday);

    /// <summary>η_crit of the initial flaw.</summary>
    public double CriticalOverpotential => CriticalOverpotentialAt(FlawSize);

    public override double TolerableCurrent(ButlerVolmer kinetics, double temperatureK) => -kinetics.Current(-CriticalOverpotential);

    /// <summary>
    /// The crack grows while the plating spot can still pressurise it at its depth c + ℓ (a crack already
    /// open needs less pressure the deeper it is), fed by the field of the electrolyte beyond the contact
    /// spots, where the current density is the electrode's mean plating current.
    /// </summary>
    public override double GrowthVelocity(double localCurrent, double plateCurrent, double tolerable, ButlerVolmer kinetics, double thicknessPerCharge, double grown)
    {
        double depth = FlawSize + grown;
        double tol = grown > 0 ? -kinetics.Current(-CriticalOverpotentialAt(depth)) : tolerable;
        return localCurrent > tol ? CrackGrowth.Velocity(plateCurrent, depth, thicknessPerCharge, PlaneStrainModulus, FractureToughness) : 0;
    }

    /// <summary>Whether a realisation with a seed draws its largest flaw from <see cref="Flaws"/> (a Weibull law is given).</summary>
    public bool DrawsFlaw => Flaws is not null;

    public override PenetrationCriterion Realise(Random? rng) =>
        !DrawsFlaw || rng is null ? this : this with { FlawSize = Flaws!.SampleLargestFlaw(ElectrodeArea, rng) };
}
