using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Contact between the metal and its neighbour (docs/models.md §6). The contact fraction φ follows
/// the balance of the metal stripped at the contact spots against the metal supplied to them by
/// vacancy diffusion and by creep under the stack pressure concentrated on the spots
/// (<see cref="LithiumSupply"/>; Kasemchainan et al., Nat. Mater. 18, 1105 (2019)):
/// <code>
/// dφ/dt = (V_m/(zF h_a))·φ·(i_c(p)·φ^(1−n) − max(0, max(0, j) − i_D)) + r_soft·(1 − φ) + r_flow·(φ_wet − φ),   φ ≤ 1
/// </code>
/// Plating adds nothing: the metal deposits on the contact spots, where ions and electrons meet, and
/// pushes the electrode back instead of filling the voids (Kasemchainan 2019: voids formed on
/// stripping persist and accumulate over cycles). Vacancy diffusion carries away the vacancies that
/// stripping injects (up to i_D) but drives no metal into an existing gap: only creep under the stack
/// pressure closes voids, at rest as while plating (Krauskopf 2019; Shishvan et al. 2020).
/// The initial contact of a pressed metal is Tabor's plastic contact p/H at low load, approaching full
/// contact only asymptotically: φ0 = 1 − exp(−p/H).
/// </summary>
public sealed record ContactModel(LithiumSupply Supply, ConstrictionResistance Constriction, double ThicknessPerCharge)
{
    /// <summary>Smallest contact fraction kept, so that local currents stay finite.</summary>
    public const double MinimumContact = 1e-4;

    public double AsperityHeight => Supply.AsperityHeight;

    /// <summary>Pressed contact φ0 = 1 − exp(−p/H): p/H (Tabor) at low load, full contact only as p → ∞.</summary>
    public static double InitialContact(double pressurePa, double hardnessPa) =>
        Math.Max(1 - Math.Exp(-Math.Max(pressurePa, 0) / hardnessPa), MinimumContact);

    public static ContactModel Read(Parameters p, Material metal, MetalProperties props) => new(
        LithiumSupply.Read(p, metal, props),
        ConstrictionResistance.Read(p, metal),
        props.ThicknessPerCharge);

    internal static double Positive(double v, Material m, string what) =>
        v > 0 ? v : throw new InputException($"{m.Name}: {what} must be positive", m.Properties.Location);
}

/// <summary>
/// Coefficients of the contact law over one time step (constant during it):
/// d(ln φ)/dt = s·(i_c·φ^(1−n) − max(0, j⁺ − i_D)) + r_soft·(1 − φ)/φ + r_flow·(φ_wet − φ)/φ,   s = V_m/(zF h_a).
/// The first term is the Greenwood–Williamson contact of asperities with an exponential height
/// distribution, φ = exp(−d/h_a) (Proc. R. Soc. A 295, 300 (1966)), whose mean-plane gap d the net
/// metal flux (V_m/zF)(j⁺ − i_sup) opens or closes. When <see cref="SupplyCloses"/> is false (an
/// amalgam, whose gaps the metal behind it cannot reach) the supply only slows the loss:
/// s·min(0, i_c φ^(1−n) − max(0, j⁺ − i_D)).
/// </summary>
public readonly record struct ContactDrive(double Scale, double Diffusion, double Creep, double Exponent, double Strip,
    double Soft, double Flow, double Wet, bool SupplyCloses = true)
{
    /// <summary>
    /// Net supply minus stripping (A/m²) at contact φ: creep under the concentrated stress closes gaps, vacancy
    /// diffusion only carries away the vacancies stripping injects, up to i_D. Nothing but the pressure drives metal
    /// into a gap, so at rest or while plating without pressure the contact stays (docs/models.md §6; decision 0028).
    /// </summary>
    public double Balance(double phi) =>
        (Creep > 0 ? Creep * Math.Pow(phi, 1 - Exponent) : 0) - Math.Max(0, Strip - Diffusion);

    /// <summary>d(ln φ)/dt (1/s); it falls as φ rises.</summary>
    public double LogRate(double phi)
    {
        double b = Balance(phi);
        if (!SupplyCloses) b = Math.Min(b, 0);
        return Scale * b + Soft * (1 - phi) / phi + Flow * (Wet - phi) / phi;
    }

    /// <summary>dφ/dt (1/s).</summary>
    public double Rate(double phi) => phi * LogRate(phi);

    /// <summary>
    /// Implicit (backward) Euler step of ln φ over dt, within [φ_min, 1]. The log-rate falls as φ rises,
    /// so u1 − u0 − dt·rate(u1) rises with u1 = ln φ1 and has one root (Brent, MathNet.Numerics). A
    /// constant log-rate (no creep, no refill) makes the step exact: φ0·exp(rate·dt).
    /// </summary>
    public double Step(double phi, double dt)
    {
        if (dt <= 0) return phi;
        double u0 = Math.Log(Math.Max(phi, ContactModel.MinimumContact));
        if (-u0 - dt * LogRate(1) <= 0) return 1;
        double lo = Math.Log(ContactModel.MinimumContact);
        if (lo - u0 - dt * LogRate(ContactModel.MinimumContact) >= 0) return ContactModel.MinimumContact;
        return Math.Exp(ImplicitRoot(u0, dt, lo));
    }

    // kept apart so that the closure is allocated only when the root is needed, not at every time step
    // (a lambda capturing u0 and dt in Step made its closure object on entry, before the early returns)
    double ImplicitRoot(double u0, double dt, double lo)
    {
        var self = this;
        return MathNet.Numerics.RootFinding.Brent.FindRoot(x => x - u0 - dt * self.LogRate(Math.Exp(x)), lo, 0, 1e-13, 200);
    }
}
