using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// A Li–Hg amalgam interlayer between the metal and the electrolyte (domain.md system E; Fan et al.,
/// Adv. Mater. 32, 2004798, 2020). Its Li mole fraction x changes as stripping draws Li out faster
/// than the metal behind resupplies it, and plating puts Li back:
/// <code>
/// dn_Li/dt = −j/F + D_eff·c_Hg·(x_b − x)/h,   x = n_Li/(n_Li + n_Hg),  D_eff = f_L·D_liq + (1 − f_L)·D_sol
/// </code>
/// (j the anodic current density, x_b the Li-rich composition in equilibrium with the metal).
/// Phase state at room temperature by the lever rule between the liquid limit x_l (1.33 mol %, Cogley &amp;
/// Butler, J. Phys. Chem. 72, 4568, 1968) and the solid limit x_s (LiHg3): f_L = (x_s − x)/(x_s − x_l).
/// Wetting of the electrolyte: Szyszkowski-type adsorption of Li lowers the contact angle,
/// cos θ(x) = cos θ0 + (1 − cos θ0)·min(1, ln(1 + K·x)/ln(1 + K·x_w)), complete at x_w (domain.md E).
/// The contact a flowing amalgam reaches is φ_wet = (1 + cos θ)/2 (the fraction of the gap the
/// liquid spreads over, from Young's work of adhesion W = γ(1 + cos θ) relative to complete wetting);
/// it flows at a rate γ(1 + cos θ)/(μ_eff·h_a) with the Krieger–Dougherty paste viscosity
/// μ_eff = μ_Hg·(1 − φ_s/φ_m)^(−2.5 φ_m) (Krieger &amp; Dougherty, Trans. Soc. Rheol. 3, 137, 1959), and not
/// at all once the solid fraction φ_s reaches φ_m. Li activity at the surface sets the potential
/// E(x) = ΔE° − (RT/F)·ln(γ·x), ln γ = s·x (Cogley &amp; Butler 1968), used to scale electrolyte
/// reduction (see <see cref="InterphaseGrowth"/>); the electrode potential itself is pinned by the Li
/// metal behind the layer, so E(x) does not enter the cell voltage.
/// </summary>
public sealed record AmalgamInterlayer(
    string Name,
    double LiquidLimit,
    double SolidLimit,
    double LithiumRichLimit,
    double PotentialShift,
    double ActivityCoefficientSlope,
    double LiquidDiffusivity,
    double SolidDiffusivity,
    double ContactAnglePure,
    double CompleteWettingFraction,
    double AdsorptionConstant,
    double MaxPackingFraction,
    double HostViscosity,
    double HostMolarVolume,
    double SurfaceTension)
{
    public double LiquidFraction(double x) =>
        x <= LiquidLimit ? 1 : x >= SolidLimit ? 0 : (SolidLimit - x) / (SolidLimit - LiquidLimit);

    public double CosContactAngle(double x)
    {
        var c0 = Math.Cos(ContactAnglePure);
        var s = Math.Min(1, Math.Log(1 + AdsorptionConstant * Math.Max(0, x)) / Math.Log(1 + AdsorptionConstant * CompleteWettingFraction));
        return c0 + (1 - c0) * s;
    }

    /// <summary>Contact fraction a flowing amalgam of composition x spreads to.</summary>
    public double WettedContact(double x) => Math.Clamp((1 + CosContactAngle(x)) / 2, ContactModel.MinimumContact, 1);

    /// <summary>Rate (1/s) at which the amalgam flows into gaps of height h_a; 0 when it cannot flow.</summary>
    public double FlowRate(double x, double asperityHeight)
    {
        var solid = 1 - LiquidFraction(x);
        if (solid >= MaxPackingFraction) return 0;
        var mu = HostViscosity * Math.Pow(1 - solid / MaxPackingFraction, -2.5 * MaxPackingFraction);
        return SurfaceTension * (1 + CosContactAngle(x)) / (mu * asperityHeight);
    }

    /// <summary>Potential of the amalgam surface vs Li/Li+ (V) from its Li activity.</summary>
    public double SurfacePotential(double x, double temperatureK)
    {
        var xl = Math.Min(Math.Max(x, 1e-12), LiquidLimit);   // two-phase region: activity of the saturated liquid
        var eLiquid = PotentialShift - Si.GasConstant * temperatureK / Si.Faraday * (ActivityCoefficientSlope * xl + Math.Log(xl));
        if (x <= SolidLimit) return Math.Max(0, eLiquid);
        // Li-richer than LiHg3: the potential falls towards the metal's as x → x_b
        var f = Math.Clamp((x - SolidLimit) / Math.Max(1e-12, LithiumRichLimit - SolidLimit), 0, 1);
        return Math.Max(0, eLiquid * (1 - f));
    }

    /// <summary>Mole fraction after dt with anodic current density j (A/m²) through a layer of thickness h.</summary>
    public double Advance(double x, double j, double thickness, double dt)
    {
        if (dt <= 0) return x;
        var nHg = thickness / HostMolarVolume;          // mol Hg per m²
        var cHg = 1 / HostMolarVolume;                  // mol/m³
        // integrate in a few sub-steps: the exchange term relaxes x towards x_b
        int n = 8;
        double h = dt / n;
        for (int k = 0; k < n; k++)
        {
            var fl = LiquidFraction(x);
            var d = fl * LiquidDiffusivity + (1 - fl) * SolidDiffusivity;
            var g = d * cHg / thickness;                 // mol/(m² s) per unit Δx
            var dndt = -j / Si.Faraday;
            // dx/dt = (1 − x)²/n_Hg · (dndt + g (x_b − x)); linearised exact step in x
            var a = (1 - x) * (1 - x) / nHg;
            var rate = a * g;
            var xEq = LithiumRichLimit + dndt / g;
            x = xEq + (x - xEq) * Math.Exp(-rate * h);
            x = Math.Clamp(x, 0, 0.999);
        }
        return x;
    }

    public static AmalgamInterlayer Read(Parameters p, Material m) => new(
        m.Name,
        p.Get(m, "liquid_limit", QuantityKind.Dimensionless),
        p.Get(m, "solid_limit", QuantityKind.Dimensionless),
        p.Get(m, "lithium_rich_limit", QuantityKind.Dimensionless),
        p.Get(m, "potential_shift", QuantityKind.Voltage),
        p.Get(m, "activity_coefficient_slope", QuantityKind.Dimensionless),
        p.Get(m, "lithium_diffusivity", QuantityKind.Diffusivity),
        p.Get(m, "solid_lithium_diffusivity", QuantityKind.Diffusivity),
        p.Get(m, "contact_angle_pure", QuantityKind.Dimensionless),
        p.Get(m, "complete_wetting_fraction", QuantityKind.Dimensionless),
        p.Get(m, "adsorption_constant", QuantityKind.Dimensionless),
        p.Get(m, "max_packing_fraction", QuantityKind.Dimensionless),
        p.Get(m, "host_viscosity", new QuantityKind("viscosity", Dimension.Of(kg: 1, m: -1, s: -1), "1.53 mPa s")),
        p.Get(m, "host_molar_volume", QuantityKind.MolarVolume),
        p.Get(m, "surface_tension", QuantityKind.SurfaceEnergy));
}
