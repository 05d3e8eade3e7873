using System.Numerics;
using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// The zone of a solid electrolyte that an amalgam has infiltrated: the electrolyte's surface-connected pores and
/// grain-boundary channels filled with amalgam to a depth Z from the layer (domain.md E: the amalgam interface
/// against the electrolyte grows from ≈7 to ≈24 µm in cycling; docs/models.md §8.1, decision 0035).
/// <para>Growth. While the amalgam at the electrolyte flows (the lever-rule liquid fraction and Krieger–Dougherty
/// paste viscosity of <see cref="AmalgamInterlayer.Flow"/>), it advances into channels of radius r by capillarity
/// (Washburn, Phys. Rev. 17, 273, 1921) along a path wound by the Bruggeman tortuosity τ = ε^(−1/2) (as
/// <see cref="PoreIntrusion"/>):</para>
/// <code>
/// d(Z²)/dt = ε·γ·r·cos θ/(2·μ_eff)                 (Z·τ)² = γ r cos θ t/(2μ), τ² = 1/ε
/// </code>
/// <para>It advances only while the electrode strips. Plating deposits the metal first where the ionic path is
/// shortest, at the zone's front: the few nanolitres of liquid there turn into LiHg3 paste and jam (the front
/// freezes). While it strips, the current leaves the amalgam within the penetration depth λ of the front (de Levie),
/// so the front's liquid loses the metal that the liquid in the channels brings to it by diffusion, Fick through
/// the channels (effective diffusivity ε^1.5·D_L, Bruggeman). The front wets (and the capillary drive pulls it on)
/// only while its metal fraction stays above x₉₀, where the liquid's contact angle reaches 90°
/// (<see cref="AmalgamInterlayer.NonWettingComposition"/>). The depth at which the channels can carry the stripping
/// current j with the front at x₉₀ and the film at x_l is the furthest the front can go:</para>
/// <code>
/// Z_max(j) = z·F·ε^1.5·D_L·c·(x_l − x₉₀)/j                      c = 1/V_Hg
/// </code>
/// <para>Volume. The amalgam that enters fills ε of the zone: it comes out of the liquid film and the layer thins by
/// ε·dZ (the layer thickness evolves as it infiltrates). The voids at the face, within one asperity height h_a of
/// the liquid, fill first (by Washburn a gap h_a deep fills long before channels Z deep): the zone takes only the
/// film beyond h_a, ε·dZ ≤ s − min(h_a, h).</para>
/// <para>Contact. The channel walls add amalgam|electrolyte area. With the metal an equipotential and the
/// electrolyte's matrix (resistivity ρ) carrying the ions, the zone is a porous electrode of specific wall area
/// a_s = 2ε/r (cylinders) and the charge transfer uses the walls within λ of the front (de Levie, Electrochim.
/// Acta 8, 751, 1963): the charge-transfer area grows by the factor</para>
/// <code>
/// m = 1 + a_s·λ·tanh(Z/λ),   λ = √(R_ct/(φ·a_s·ρ))           (the walls wetted to the same contact φ as the face)
/// </code>
/// <para>Path. The metal in the channels reaches Z into the pellet: the ions cross the bulk only up to the front,
/// ρ·(L − Z), and then the zone's matrix as a transmission line whose far end is the face (de Levie 1963; the
/// input impedance of a finite line with a load, e.g. Lasia, Electrochemical Impedance Spectroscopy and its
/// Applications, Springer 2014, ch. 9). With the face's ASR z/φ as the load, Z_in = Z₀(r + t)/(1 + r·t),
/// Z₀ = ρ_m·λ, r = a_s·λ, t = tanh(Z/λ), which is exactly the charge transfer on the area m plus the matrix's
/// ionic resistance:</para>
/// <code>
/// Z_in = (z/φ)/m + ρ_m·λ·tanh(Z/λ)/m                           ρ_m = ρ/(1 − ε)^1.5,  z = R_ct (DC) or R_ct ∥ C_dl (AC)
/// </code>
/// </summary>
public sealed record AmalgamZone(double Porosity, double ChannelRadius, double InitialThickness, double LiquidDiffusivity, string ChannelSource)
{
    /// <summary>
    /// Whether the metal in the channels shortens the ionic path (model.yaml <c>amalgam_zone_path</c>, on unless
    /// switched off): the bulk is crossed up to the zone's front only and the zone is a transmission line. Off: the
    /// bulk is the whole pellet and the zone only enlarges the charge-transfer area (decision 0035's model).
    /// </summary>
    public bool ShortensPath { get; init; } = true;

    /// <summary>Wall area of the channels per volume of the zone (1/m), cylinders of radius r: a_s = 2ε/r.</summary>
    public double SpecificArea => Porosity > 0 ? 2 * Porosity / ChannelRadius : 0;

    /// <summary>Deepest front (m) the channels' liquid keeps wetting while the electrode strips at j (A/m², &gt; 0); ∞ for j ≤ 0.</summary>
    public double MaxDepth(AmalgamInterlayer am, double j)
    {
        if (j <= 0) return double.PositiveInfinity;
        if (Porosity <= 0) return 0;
        double dx = am.LiquidLimit - am.NonWettingComposition;
        if (dx <= 0) return 0;
        return am.ChargeNumber * Si.Faraday * Math.Pow(Porosity, 1.5) * LiquidDiffusivity / am.HostMolarVolume * dx / j;
    }

    /// <summary>
    /// The zone after dt at anodic current density j (A/m²): (new depth, amalgam volume per area moved in, m).
    /// It grows only while the electrode strips and its amalgam flows, up to Z_max(j) and by no more than the film
    /// can fill.
    /// </summary>
    public (double depth, double taken) Advance(AmalgamInterlayer am, double zone, double film, double layer, double asperity, double j, double dt)
    {
        if (dt <= 0 || j <= 0 || Porosity <= 0 || film <= 0) return (zone, 0);
        if (am.Flow(film, layer, asperity) is not { } flow) return (zone, 0);
        double cap = MaxDepth(am, j);
        if (zone >= cap) return (zone, 0);
        double next = Math.Sqrt(zone * zone + Porosity * am.SurfaceTension * ChannelRadius * flow.cosTheta / (2 * flow.viscosity) * dt);
        // the voids at the face, within one asperity height of the liquid, fill first (Washburn: a gap of size h_a
        // fills in 2μh_a/(γ cos θ), far sooner than channels Z deep); the zone takes only the liquid beyond them
        double spare = Math.Max(0, film - Math.Min(asperity, layer));
        next = Math.Min(Math.Min(next, cap), zone + spare / Porosity);
        if (next <= zone) return (zone, 0);
        return (next, Porosity * (next - zone));
    }

    /// <summary>Washburn speed of the front (m/s) at depth zone, for the time step control; 0 when it does not grow.</summary>
    public double Speed(AmalgamInterlayer am, double zone, double film, double layer, double asperity, double j)
    {
        if (j <= 0 || Porosity <= 0 || film <= Math.Min(asperity, layer) || zone >= MaxDepth(am, j)) return 0;
        if (am.Flow(film, layer, asperity) is not { } flow) return 0;
        return Porosity * am.SurfaceTension * ChannelRadius * flow.cosTheta / (4 * flow.viscosity * Math.Max(zone, ChannelRadius));
    }

    /// <summary>
    /// Factor m ≥ 1 by which the zone's channel walls enlarge the charge-transfer area of a face in contact φ:
    /// m = 1 + a_s·λ·tanh(Z/λ), λ = √(R_ct/(φ a_s ρ)) (de Levie 1963). rct: charge-transfer ASR per contact area
    /// (Ω m²); rho: the electrolyte's resistivity (Ω m).
    /// </summary>
    public double AreaFactor(double zone, double contact, double rct, double rho)
    {
        double a = SpecificArea;
        if (a <= 0 || zone <= 0 || !(rct > 0) || !(rho > 0)) return 1;
        double lambda = PenetrationDepth(contact, rct, rho);
        return 1 + a * lambda * Math.Tanh(zone / lambda);
    }

    /// <summary>
    /// De Levie's penetration depth (m) of the charge transfer into the zone: λ = √(R_ct/(φ a_s ρ_m)), the walls wetted
    /// to the contact φ, the ions in the matrix (<see cref="MatrixResistivity"/>). rct: charge-transfer ASR per contact
    /// area (Ω m²); rho: the electrolyte's resistivity (Ω m). The one λ of <see cref="AreaFactor"/> and <see cref="IonicResistance"/>.
    /// </summary>
    public double PenetrationDepth(double contact, double rct, double rho) => DepthInMatrix(contact, rct, MatrixResistivity(rho));

    // the same from the matrix's resistivity ρ_m, for a caller that has it
    double DepthInMatrix(double contact, double rct, double matrix) =>
        Math.Sqrt(rct / (Math.Max(contact, ContactModel.MinimumContact) * SpecificArea * matrix));

    /// <summary>Resistivity of the matrix between the channels (Ω m), where the ions cross the zone: ρ/(1 − ε)^1.5 (Bruggeman).</summary>
    public double MatrixResistivity(double rho) => rho / Math.Pow(1 - Porosity, 1.5);

    /// <summary>
    /// Depth (m) by which the zone shortens the electrolyte's bulk path: Z where channels hold metal and the path is
    /// counted through the zone (<see cref="ShortensPath"/>), else 0.
    /// </summary>
    public double PathDepth(double zone) => ShortensPath && SpecificArea > 0 ? Math.Max(zone, 0) : 0;

    /// <summary>
    /// Ionic resistance (Ω m²) of the zone's matrix that the current crosses from the front on, in series with the
    /// charge transfer on the area m: ρ_m·λ·tanh(Z/λ)/m (the DC limit of <see cref="InputImpedance"/> less its
    /// charge-transfer part). 0 where the zone does not shorten the path. rct: charge-transfer ASR per contact area
    /// (Ω m²); rho: the electrolyte's resistivity (Ω m).
    /// </summary>
    public double IonicResistance(double zone, double contact, double rct, double rho)
    {
        if (PathDepth(zone) <= 0 || !(rct > 0) || !(rho > 0)) return 0;
        double matrix = MatrixResistivity(rho);
        double lambda = DepthInMatrix(contact, rct, matrix), t = Math.Tanh(zone / lambda);
        // ρ_m·λ·t over m = 1 + a_s·λ·t (AreaFactor's, with the λ and tanh computed here once)
        return matrix * lambda * t / (1 + SpecificArea * lambda * t);
    }

    /// <summary>
    /// Impedance (Ω m², complex) from the zone's front to the metal: the finite transmission line of the zone's matrix
    /// (de Levie 1963) whose walls and far-end face carry the interface impedance zWet per wetted area, wetted to
    /// the contact φ: Z_in = (z/φ + ρ_m·λ·t)/(1 + a_s·λ·t), λ = √(z/(φ a_s ρ_m)), t = tanh(Z/λ). Without a zone
    /// that shortens the path, the face alone: z/φ.
    /// </summary>
    public Complex InputImpedance(double zone, double contact, Complex zWet, double rho)
    {
        double phi = Math.Max(contact, ContactModel.MinimumContact);
        double a = SpecificArea;
        if (PathDepth(zone) <= 0 || !(rho > 0)) return zWet / phi;
        double matrix = MatrixResistivity(rho);
        var lambda = Complex.Sqrt(zWet / (phi * a * matrix));
        var t = Complex.Tanh(zone / lambda);
        return (zWet / phi + matrix * lambda * t) / (1 + a * lambda * t);
    }

    /// <summary>
    /// The zone of an amalgam on a solid electrolyte: its channels are the electrolyte's <c>surface_channels</c>
    /// (residual pores and grain boundaries of a sintered pellet open to its surface) or, for a pressed pellet, its
    /// <c>open_pores</c>; a layer with neither has none (ε = 0: the zone keeps its as-made depth).
    /// </summary>
    public static AmalgamZone Read(Parameters p, Material amalgam, Material electrolyte)
    {
        string? block = p.Optional(electrolyte, "surface_channels.porosity", QuantityKind.Dimensionless) is not null ? "surface_channels"
            : p.Optional(electrolyte, "open_pores.porosity", QuantityKind.Dimensionless) is not null ? "open_pores" : null;
        double porosity = 0, radius = 1e-6;
        if (block is not null)
        {
            porosity = p.Get(electrolyte, $"{block}.porosity", QuantityKind.Dimensionless);
            radius = p.Get(electrolyte, $"{block}.radius", QuantityKind.Length);
            if (!(porosity >= 0 && porosity < 1))
                throw new InputException($"{electrolyte.Name}: {block}.porosity must be between 0 and 1, got {porosity}", electrolyte.Properties.Location);
            if (!(radius > 0))
                throw new InputException($"{electrolyte.Name}: {block}.radius must be positive", electrolyte.Properties.Location);
        }
        double initial = p.Optional(amalgam, "initial_zone_thickness", QuantityKind.Length) ?? 0;
        double d = porosity > 0 ? p.Get(amalgam, "lithium_diffusivity", QuantityKind.Diffusivity) : 0;
        return new AmalgamZone(porosity, radius, initial, d, block is null ? $"{electrolyte.Name} has no surface_channels or open_pores: no channels" : $"{electrolyte.Name}.{block}")
        {
            ShortensPath = p.ModelSwitch(PathSwitch),
        };
    }

    /// <summary>model.yaml's switch of <see cref="ShortensPath"/> (Parameters.ModelSwitch).</summary>
    public const string PathSwitch = "amalgam_zone_path";
}
