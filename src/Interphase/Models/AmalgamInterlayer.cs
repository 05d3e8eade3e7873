using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// A Li–Hg amalgam interlayer between the metal and the electrolyte (domain.md system E; Fan et al.,
/// Adv. Mater. 32, 2004798, 2020): a reduced moving-boundary model of its liquid part.
/// <para>The layer (thickness h) is solid (LiHg3 and Li-richer phases, Li mole fraction x_rest) except
/// for a liquid film of thickness s at the electrolyte side, saturated with Li (x_l = 1.33 mol %,
/// Cogley &amp; Butler, J. Phys. Chem. 72, 1017, 1968). Li reaches the electrolyte side by diffusion
/// through the solid part, J = D_sol·c·(x_rest − x_l)/(h − s) (quasi-steady), and the liquid
/// film grows when stripping draws more Li than that (the solid dissolves) and shrinks when plating
/// adds Li (LiHg3 precipitates):</para>
/// <code>
/// ds/dt = j/(F·c·Δx) − D_sol/(h − s),   Δx = x_rest − x_l,  c = 1/V_Hg,  j the anodic current density
/// </code>
/// (solved implicitly in u = h − s, unconditionally stable).
/// <para>Self-healing. Voids open in the amalgam's contact as in any metal's (<see cref="ContactModel"/>);
/// only the liquid part of the amalgam refills them. The material that can flow into a void of the
/// asperity size h_a is the amalgam within h_a of the electrolyte; its mean composition is
/// x̄ = x_l·σ + x_rest·(1 − σ), σ = min(s, δ)/δ, δ = min(h_a, h). The Li–Hg phase diagram at 25 °C
/// (Cogley &amp; Butler 1968; Predel, Landolt-Börnstein IV/5, 1997) gives its liquid fraction by the
/// lever rule, f_L = 1 for x̄ ≤ x_l, (x_s − x̄)/(x_s − x_l) in the liquid + LiHg3 field, 0 for
/// x̄ ≥ x_s = 0.25. The paste (solid fraction 1 − f_L) flows into the voids by capillarity
/// (<see cref="CapillaryInfiltration"/>: Washburn rate with the Krieger–Dougherty viscosity), wetting
/// them to Young's fraction φ_wet = (1 + cos θ)/2 (work of adhesion γ(1 + cos θ) relative to
/// complete wetting, 2γ). The contact angle of the liquid falls with its Li content by
/// Szyszkowski-type adsorption, cos θ(x) = cos θ0 + (1 − cos θ0)·min(1, ln(1 + K·x)/ln(1 + K·x_w)),
/// complete at x_w (domain.md E). The amalgam is applied as a drop of nearly pure Hg (θ0 ≈ 140°),
/// so it starts at φ = (1 + cos θ0)/2. <c>model.amalgam_wetting: off</c> switches the infiltration
/// off.</para>
/// <para>The Li activity of the surface sets its
/// potential vs Li, E = ΔE° − (RT/F)·ln(γ·x), ln γ = s_γ·x (Cogley &amp; Butler 1968), constant over the
/// liquid + LiHg3 field and falling linearly to 0 at the Li-rich limit (Li3Hg, in equilibrium with
/// Li); it scales the reduction of the electrolyte (see <see cref="InterphaseGrowth"/>). The
/// electrode's own potential is pinned by the Li metal behind the layer and does not enter the
/// cell voltage.</para>
/// </summary>
public sealed record AmalgamInterlayer(
    string Name,
    double LiquidLimit,
    double SolidLimit,
    double LithiumRichLimit,
    double RestComposition,
    double PotentialShift,
    double ActivityCoefficientSlope,
    double SolidDiffusivity,
    double ContactAnglePure,
    double CompleteWettingFraction,
    double AdsorptionConstant,
    double HostViscosity,
    double HostMolarVolume,
    double SurfaceTension,
    double MaxPackingFraction)
{
    /// <summary>Whether the liquid part spreads into voids (model.yaml <c>amalgam_wetting</c>, on unless switched off).</summary>
    public bool Wetting { get; init; } = true;

    /// <summary>Li mole fraction at the electrolyte side: saturated liquid while a film exists, else the solid's.</summary>
    public double SurfaceComposition(double liquidThickness) => liquidThickness > 0 ? LiquidLimit : RestComposition;

    public double CosContactAngle(double x)
    {
        var c0 = Math.Cos(ContactAnglePure);
        var s = Math.Min(1, Math.Log(1 + AdsorptionConstant * Math.Max(0, x)) / Math.Log(1 + AdsorptionConstant * CompleteWettingFraction));
        return c0 + (1 - c0) * s;
    }

    /// <summary>Contact fraction a liquid amalgam of composition x spreads to.</summary>
    public double WettedContact(double x) => Math.Clamp((1 + CosContactAngle(x)) / 2, ContactModel.MinimumContact, 1);

    /// <summary>Liquid fraction at Li mole fraction x by the lever rule across the liquid + solid field (1 below x_l, 0 above x_s).</summary>
    public double LiquidFraction(double x) =>
        x <= LiquidLimit ? 1 : x >= SolidLimit ? 0 : (SolidLimit - x) / (SolidLimit - LiquidLimit);

    /// <summary>Mean Li fraction x̄ of the amalgam within <paramref name="depth"/> of the electrolyte: the film (x_l) over s, the solid (x_rest) below.</summary>
    public double LocalComposition(double liquidThickness, double depth)
    {
        double sigma = Math.Min(Math.Max(liquidThickness, 0), depth) / depth;
        return LiquidLimit * sigma + RestComposition * (1 - sigma);
    }

    /// <summary>
    /// Rate (1/s) at which the amalgam within one asperity height of the electrolyte flows into voids,
    /// and the contact fraction it wets them to: Washburn with the paste's Krieger–Dougherty viscosity
    /// at the lever-rule liquid fraction of x̄; (0, 0) when switched off or when the paste does not flow.
    /// </summary>
    public (double rate, double wetted) Infiltration(double liquidThickness, double layerThickness, double asperityHeight)
    {
        if (Flow(liquidThickness, layerThickness, asperityHeight) is not { } f) return (0, 0);
        double rate = CapillaryInfiltration.FillRate(SurfaceTension, f.cosTheta, f.viscosity, asperityHeight);
        return rate > 0 ? (rate, WettedContact(f.liquid)) : (0, 0);
    }

    /// <summary>
    /// The amalgam within one asperity height of the electrolyte as a flowing paste: the cosine of its liquid's contact
    /// angle, its Krieger–Dougherty viscosity at the lever-rule liquid fraction of x̄, and its liquid's composition;
    /// null when switched off, jammed (φ_s ≥ φ_m) or non-wetting (cos θ ≤ 0).
    /// </summary>
    public (double cosTheta, double viscosity, double liquid)? Flow(double liquidThickness, double layerThickness, double asperityHeight)
    {
        if (!Wetting) return null;
        double x = LocalComposition(liquidThickness, Math.Min(asperityHeight, layerThickness));
        double solid = 1 - LiquidFraction(x);
        double xLiquid = Math.Min(x, LiquidLimit);   // the liquid of a liquid + LiHg3 paste is saturated
        double mu = CapillaryInfiltration.PasteViscosity(HostViscosity, solid, MaxPackingFraction);
        double cos = CosContactAngle(xLiquid);
        if (cos <= 0 || double.IsPositiveInfinity(mu)) return null;
        return (cos, mu, xLiquid);
    }

    /// <summary>
    /// Metal fraction x₉₀ of the liquid at which its contact angle reaches 90° (cos θ(x₉₀) = 0): below it the liquid
    /// no longer wets; 0 when even the pure host wets (θ0 ≤ 90°).
    /// </summary>
    public double NonWettingComposition
    {
        get
        {
            double c0 = Math.Cos(ContactAnglePure);
            if (c0 >= 0) return 0;
            // cos θ0 + (1 − cos θ0)·ln(1 + K x)/ln(1 + K x_w) = 0
            double l = -c0 / (1 - c0) * Math.Log(1 + AdsorptionConstant * CompleteWettingFraction);
            return double.ExpM1(l) / AdsorptionConstant;
        }
    }

    /// <summary>Charge of the dissolved metal's ion (1 for Li, 2 for Zn).</summary>
    public int ChargeNumber { get; init; } = 1;

    /// <summary>Potential of the amalgam surface vs its metal (V) from the metal's activity, E = ΔE° − (RT/zF)·ln(γx).</summary>
    public double SurfacePotential(double x, double temperatureK)
    {
        var xl = Math.Min(Math.Max(x, 1e-12), LiquidLimit);   // liquid + LiHg3: activity of the saturated liquid
        var eLiquid = PotentialShift - Si.GasConstant * temperatureK / (ChargeNumber * Si.Faraday) * (ActivityCoefficientSlope * xl + Math.Log(xl));
        if (x <= SolidLimit) return Math.Max(0, eLiquid);
        var f = Math.Clamp((x - SolidLimit) / Math.Max(1e-12, LithiumRichLimit - SolidLimit), 0, 1);
        return Math.Max(0, eLiquid * (1 - f));
    }

    /// <summary>Liquid-film thickness after dt at anodic current density j (A/m²) in a layer of thickness h.</summary>
    public double AdvanceLiquid(double s, double j, double thickness, double dt)
    {
        if (dt <= 0) return s;
        double c = 1 / HostMolarVolume;
        double a = j / (Si.Faraday * c * (RestComposition - LiquidLimit));   // m/s
        double u = thickness - s;
        // implicit Euler in u: u' = u + dt·(D/u' − a)  →  u'² − (u − a·dt)·u' − D·dt = 0
        double b = u - a * dt;
        double un = 0.5 * (b + Math.Sqrt(b * b + 4 * SolidDiffusivity * dt));
        un = Math.Min(un, thickness);
        return Math.Max(0, thickness - un);
    }

    public static AmalgamInterlayer Read(Parameters p, Material m) => new(
        m.Name,
        p.Get(m, "liquid_limit", QuantityKind.Dimensionless),
        p.Get(m, "solid_limit", QuantityKind.Dimensionless),
        p.Get(m, "lithium_rich_limit", QuantityKind.Dimensionless),
        p.Get(m, "rest_composition", QuantityKind.Dimensionless),
        p.Get(m, "potential_shift", QuantityKind.Voltage),
        p.Get(m, "activity_coefficient_slope", QuantityKind.Dimensionless),
        p.Get(m, "solid_lithium_diffusivity", QuantityKind.Diffusivity),
        p.Get(m, "contact_angle_pure", QuantityKind.Dimensionless),
        p.Get(m, "complete_wetting_fraction", QuantityKind.Dimensionless),
        p.Get(m, "adsorption_constant", QuantityKind.Dimensionless),
        p.Get(m, "host_viscosity", new QuantityKind("viscosity", Dimension.Of(kg: 1, m: -1, s: -1), "1.53 mPa s")),
        p.Get(m, "host_molar_volume", QuantityKind.MolarVolume),
        p.Get(m, "host_surface_tension", QuantityKind.SurfaceEnergy),
        p.Get(m, "max_packing_fraction", QuantityKind.Dimensionless))
    {
        ChargeNumber = (int)Math.Round(p.Optional(m, "charge_number", QuantityKind.Dimensionless) ?? 1),
        Wetting = p.ModelSwitch(WettingSwitch),
    };

    /// <summary>model.yaml's switch of the wetting (Parameters.ModelSwitch).</summary>
    public const string WettingSwitch = "amalgam_wetting";
}
