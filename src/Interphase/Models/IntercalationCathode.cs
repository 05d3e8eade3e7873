using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// High-voltage loss of active material: above an onset potential the cathode loses active mass
/// (LiCoO2 beyond ~4.2 V: O3 → H1-3 and oxygen loss; NCM beyond ~4.3 V), at a rate that grows
/// exponentially with the potential: dε/dt = −k·exp((U − U_on − 0.1 V)/b)·ε (an empirical
/// Tafel-like form, e.g. the potential-driven loss of active material in PyBaMM's
/// "loss of active material" submodels, Reniers et al., J. Electrochem. Soc. 166, A3189, 2019).
/// </summary>
public sealed record CathodeFade(double OnsetPotential, double RatePerSecond, double PotentialSlope)
{
    public double Rate(double potential) => RatePerSecond * Math.Exp((potential - OnsetPotential - 0.1) / PotentialSlope);
}

/// <summary>An intercalation cathode material: open-circuit potential, solid diffusion and kinetics.</summary>
public sealed record IntercalationCathode(
    string Name,
    string OcvName,
    Func<double, double> Ocv,
    double MaxConcentration,
    double ParticleRadius,
    double DiffusivityRef,
    double DiffusivityActivationEnergy,
    double RateConstantRef,
    double RateActivationEnergy,
    double ReferenceTemperatureK,
    double StoichiometryDischarged,
    double StoichiometryCharged,
    double OcvValidMin,
    double OcvValidMax,
    double Density,
    double MolarMass,
    int ChargeNumber,
    double VolumeChange,
    CathodeFade? Fade)
{
    /// <summary>Stoichiometry of the material as made: discharged for LiCoO2, LiFePO4, NCM; empty (charged) for V2O5 vs Zn.</summary>
    public double StoichiometryInitial { get; init; } = double.NaN;
    public double Initial => double.IsNaN(StoichiometryInitial) ? StoichiometryDischarged : StoichiometryInitial;

    public double Diffusivity(double T) => DiffusivityRef * Arrhenius.Factor(DiffusivityActivationEnergy, T, ReferenceTemperatureK);

    /// <summary>
    /// Concentration of Li⁺ (or Zn²⁺) in the electrolyte next to the particles: the salt concentration of a
    /// polymer or liquid; for single-ion solids the reference 1000 mol/m³ that PyBaMM's rate constants
    /// assume (physics-notes §4: fold c_e^0.5 into m with c_e,ref = 1000 mol/m³).
    /// </summary>
    public double ElectrolyteConcentration { get; init; } = 1000;

    /// <summary>
    /// Exchange current density on the particle surface (A/m²),
    /// i0 = m·c_e^0.5·c_s^0.5·(c_max − c_s)^0.5 (PyBaMM's Butler–Volmer form, e.g. Marquis et al. 2019).
    /// </summary>
    public double ExchangeCurrentDensity(double surfaceConcentration, double T)
    {
        double cs = Math.Clamp(surfaceConcentration, 1e-6 * MaxConcentration, (1 - 1e-6) * MaxConcentration);
        return RateConstantRef * Arrhenius.Factor(RateActivationEnergy, T, ReferenceTemperatureK)
            * Math.Sqrt(ElectrolyteConcentration) * Math.Sqrt(cs * (MaxConcentration - cs));
    }

    /// <summary>
    /// Within this fraction of an empty or a full lattice the open-circuit potential is the fit's value at
    /// the margin plus the ideal-solution (lattice-gas) term (docs/models.md, "Open-circuit potential at
    /// the ends of lithiation").
    /// </summary>
    public const double IdealSolutionMargin = 1e-3;

    /// <summary>The emptiest and fullest stoichiometry the potential is evaluated at (an as-made lattice at x = 0 or 1 sits here).</summary>
    public const double LatticeFloor = 1e-9;

    /// <summary>
    /// Open-circuit potential at stoichiometry <paramref name="x"/> and temperature <paramref name="T"/>:
    /// the fit inside its valid range (and at least <see cref="IdealSolutionMargin"/> away from an empty or
    /// full lattice); beyond, the fit's value at that edge x̃ plus the ideal-solution term
    /// (RT/zF)·[ln((1 − x)/x) − ln((1 − x̃)/x̃)], which is continuous at x̃ and rises without bound as the
    /// lattice empties (falls as it fills), so that a cut-off is always reached by the potential itself.
    /// </summary>
    public double OpenCircuit(double x, double T)
    {
        double edge = Math.Clamp(x, Math.Max(OcvValidMin, IdealSolutionMargin), Math.Min(OcvValidMax, 1 - IdealSolutionMargin));
        double u = Ocv(edge);
        if (x == edge) return u;
        double xe = Math.Clamp(x, LatticeFloor, 1 - LatticeFloor);
        return u + Si.GasConstant * T / (ChargeNumber * Si.Faraday) * (Logit(xe) - Logit(edge));
    }

    static double Logit(double x) => Math.Log((1 - x) / x);

    /// <summary>Theoretical specific capacity of one electron per formula unit, zF/M·(1/z)… = F/M (C/kg) for z = 1 hosts.</summary>
    public double TheoreticalCapacity => MaxConcentration * ChargeNumber * Si.Faraday / Density;

    public static IntercalationCathode Read(Parameters p, Material m)
    {
        var ocvName = p.Text(m, "ocv");
        // a curve of sloping plateaus along the lithiation (x rising, potential falling) spread over the
        // material's valid stoichiometry range, or a published fit
        var vMin = p.Get(m, "ocv_valid_min", QuantityKind.Dimensionless);
        var vMax = p.Get(m, "ocv_valid_max", QuantityKind.Dimensionless);
        Func<double, double> ocv;
        if (p.Has(m, "ocv_plateaus"))
        {
            var curve = new PlateauCurve(PlateauCurve.Read(m, "ocv_plateaus"), rising: false);
            ocv = x => curve.At((x - vMin) / (vMax - vMin));
        }
        else ocv = OpenCircuitPotential.Get(ocvName, m.Properties.Location);
        CathodeFade? fade = null;
        if (p.Has(m, "fade"))
            fade = new CathodeFade(p.Get(m, "fade.onset_potential", QuantityKind.Voltage),
                p.Get(m, "fade.rate", QuantityKind.InverseTime), p.Get(m, "fade.potential_slope", QuantityKind.Voltage));
        var z = p.Optional(m, "charge_number", QuantityKind.Dimensionless) ?? 1;
        return new IntercalationCathode(m.Name, ocvName, ocv,
            p.Get(m, "max_concentration", QuantityKind.Concentration),
            p.Get(m, "particle_radius", QuantityKind.Length),
            p.Get(m, "diffusivity", QuantityKind.Diffusivity),
            p.Get(m, "diffusivity_activation_energy", QuantityKind.MolarEnergy),
            p.Get(m, "reaction_rate_constant", new QuantityKind("reaction rate constant", Dimension.Of(a: 1, m: -2) * Dimension.Of(m: 3, mol: -1).Pow(1.5), "6e-7 A/m2 (m3/mol)^1.5")),
            p.Get(m, "reaction_activation_energy", QuantityKind.MolarEnergy),
            p.Get(m, "reference_temperature", QuantityKind.Temperature),
            p.Get(m, "stoichiometry_discharged", QuantityKind.Dimensionless),
            p.Get(m, "stoichiometry_charged", QuantityKind.Dimensionless),
            p.Get(m, "ocv_valid_min", QuantityKind.Dimensionless),
            p.Get(m, "ocv_valid_max", QuantityKind.Dimensionless),
            p.Get(m, "density", QuantityKind.Density),
            p.Get(m, "molar_mass", QuantityKind.MolarMass),
            (int)Math.Round(z),
            p.Optional(m, "volume_change", QuantityKind.Dimensionless) ?? 0,
            fade)
        {
            StoichiometryInitial = p.Optional(m, "stoichiometry_initial", QuantityKind.Dimensionless) ?? double.NaN,
        };
    }
}
