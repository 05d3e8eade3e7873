using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Contact between the metal and its neighbour: voids open when stripping outpaces the supply of
/// metal to the interface, and close by creep under stack pressure, by plating, by a soft
/// electrolyte flowing back, or by a liquid interlayer wetting the gap.
/// <para>Kasemchainan et al., Nat. Mater. 18, 1105 (2019): voids form when the stripping current
/// exceeds what Li creep and diffusion resupply (≈0.2 mA/cm² at 3 MPa for Li|Li6PS5Cl); Krauskopf et
/// al., ACS AMI 11, 14463 (2019): pores above ≈0.1 mA/cm² without pressure (vacancy diffusion).</para>
/// Contact fraction φ evolves as (physics-notes §1.4)
/// <code>
/// dφ/dt = −(V_m/(z F h_a))·max(0, i_strip − i_res)·φ + (r_creep + r_plate + r_soft)·(1 − φ)
/// i_res(T, p) = i_v·exp(−Q_D/R(1/T − 1/T0)) + k_p·p·exp(−Q_c/R(1/T − 1/T0))
/// r_creep = (1/τ_ref)·(p/p_ref)^n·exp(−Q_c/R(1/T − 1/T0))        (power-law creep, n ≈ 6.6, Masias 2019)
/// r_plate = (V_m/(z F h_a))·i_plate                               (plated metal fills the voids)
/// </code>
/// For constant coefficients over a step the solution is exact: φ → φ_eq + (φ − φ_eq)·e^(−(A+B)t).
/// The initial contact of a solid metal pressed on a rigid electrolyte is Tabor's plastic-contact
/// fraction φ0 = min(1, p/H).
/// </summary>
public sealed record ContactModel(
    double ResupplyCurrentRef,
    double ResupplyActivationEnergy,
    double PressureCoefficient,
    double AsperityHeight,
    double RecoveryTimeRef,
    double RecoveryReferencePressure,
    double CreepExponent,
    double CreepActivationEnergy,
    double ThicknessPerCharge)
{
    public const double ReferenceTemperatureK = 298.15;
    /// <summary>Smallest contact fraction kept, so that local currents stay finite.</summary>
    public const double MinimumContact = 1e-4;

    /// <summary>Stripping current density (A/m²) the metal can resupply to the interface.</summary>
    public double ResupplyCurrent(double temperatureK, double pressurePa) =>
        ResupplyCurrentRef * Arrhenius.Factor(ResupplyActivationEnergy, temperatureK, ReferenceTemperatureK)
        + PressureCoefficient * pressurePa * Arrhenius.Factor(CreepActivationEnergy, temperatureK, ReferenceTemperatureK);

    /// <summary>Void-closure rate by creep at rest (1/s).</summary>
    public double CreepRecoveryRate(double temperatureK, double pressurePa) =>
        pressurePa <= 0 ? 0 :
        Math.Pow(pressurePa / RecoveryReferencePressure, CreepExponent) / RecoveryTimeRef
        * Arrhenius.Factor(CreepActivationEnergy, temperatureK, ReferenceTemperatureK);

    /// <summary>Loss coefficient A (1/s) for a stripping current density above resupply.</summary>
    public double LossRate(double stripCurrent, double resupply) =>
        Math.Max(0, stripCurrent - resupply) * ThicknessPerCharge / AsperityHeight;

    /// <summary>Refill rate by plating (1/s).</summary>
    public double PlatingRefillRate(double plateCurrent) => Math.Max(0, plateCurrent) * ThicknessPerCharge / AsperityHeight;

    /// <summary>Exact update of dφ/dt = −A·φ + B·(1 − φ) over dt.</summary>
    public static double Advance(double phi, double lossRate, double recoveryRate, double dt)
    {
        var k = lossRate + recoveryRate;
        if (k <= 0 || dt <= 0) return phi;
        var eq = recoveryRate / k;
        return Math.Clamp(eq + (phi - eq) * Math.Exp(-k * dt), MinimumContact, 1.0);
    }

    /// <summary>Tabor plastic contact: φ0 = clamp(p/H).</summary>
    public static double InitialContact(double pressurePa, double hardnessPa) =>
        Math.Clamp(pressurePa / hardnessPa, MinimumContact, 1.0);

    public static ContactModel Read(Parameters p, Material metal, MetalProperties props) => new(
        p.Get(metal, "contact.resupply_current_density", QuantityKind.CurrentDensity),
        p.Get(metal, "self_diffusion_activation_energy", QuantityKind.MolarEnergy),
        p.Get(metal, "contact.pressure_coefficient", QuantityKind.CurrentDensityPerPressure),
        Positive(p.Get(metal, "contact.asperity_height", QuantityKind.Length), metal, "contact.asperity_height"),
        Positive(p.Get(metal, "contact.recovery_time", QuantityKind.Time), metal, "contact.recovery_time"),
        Positive(p.Get(metal, "contact.recovery_reference_pressure", QuantityKind.Pressure), metal, "contact.recovery_reference_pressure"),
        p.Get(metal, "creep.stress_exponent", QuantityKind.Dimensionless),
        p.Get(metal, "creep.activation_energy", QuantityKind.MolarEnergy),
        props.ThicknessPerCharge);

    static double Positive(double v, Material m, string what) =>
        v > 0 ? v : throw new InputException($"{m.Name}: {what} must be positive", m.Properties.Location);
}
