using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// In-situ electropolymerisation of a conducting-polymer layer (polythiophene from 2,2'-bithiophene in
/// PEO-LiTFSI, domain.md system D) on an electrode, docs/models.md §16.1.
/// <code>
/// i_p  = n·F·k0·c_s·[exp(α·f·η) − exp(−(1−α)·f·η)]   for η = E − E_on &gt; 0, else 0        (Butler–Volmer, net anodic only)
/// n    = 2 + δ                                          electrons per monomer: 2 for the coupling, δ for the doping (Heinze et al., Chem. Rev. 110, 4724, 2010)
/// m    = Q·M_u/(n·F),  L = m/ρ                          Faraday's law: polymer mass and mean thickness per area
/// θ    = 1 − exp(−L/h_c)                                 coverage: islands of height h_c spreading (Kolmogorov–Avrami extended area L/h_c)
/// 1/R  = θ/(R_PT + (L/θ)/σ_PT) + (1 − θ)/R_0            interface resistance: covered fraction (its interface with the electrolyte
///                                                       and the film's own ionic resistance at its local thickness L/θ) and bare fraction in parallel
/// ∂c/∂t = D ∂²c/∂x²,  D ∂c/∂x|_WE = i_p/(nF),  ∂c/∂x|_counter = 0   monomer supply across the electrolyte
/// </code>
/// The monomer is consumed only by the polymerisation (the counter electrode does not react with it).
/// The doping charge δ is counted as spent with the coupling charge; the later reversible de-doping and
/// re-doping of the film in each cycle is not modelled.
/// </summary>
public sealed record Electropolymerisation(
    string Polymer,
    string Monomer,
    // Monomer concentration in the electrolyte as made (mol/m³).
    double MonomerConcentration,
    // Electrons per monomer for the coupling (2 for an oxidative coupling).
    double CouplingElectrons,
    // Doping level δ: further electrons per monomer unit left in the film as its positive charge.
    double DopingLevel,
    // Molar mass of the repeat unit the monomer adds to the chain (kg/mol).
    double RepeatUnitMolarMass,
    // Density of the polymer film (kg/m³).
    double Density,
    // Island height h_c of the coverage law (m).
    double ClosureThickness,
    // Onset (formal) potential of the monomer oxidation vs the metal (V).
    double OnsetPotential,
    // Heterogeneous rate constant k0 at the reference temperature (m/s).
    double RateConstantRef,
    double TransferCoefficient,
    double RateActivationEnergy,
    // Monomer diffusivity in the electrolyte at the reference temperature (m²/s).
    double MonomerDiffusivityRef,
    double DiffusionActivationEnergy,
    double ReferenceTemperatureK,
    // Interface ASR of the bare (pristine) electrode at its reference temperature (Ω m²).
    double PristineAsrRef,
    double PristineAsrReferenceK,
    double PristineAsrActivationEnergy,
    // Interface ASR of a fully covered electrode (Ω m²).
    double CoveredAsrRef,
    double CoveredAsrReferenceK,
    double CoveredAsrActivationEnergy,
    // Ionic conductivity of the grown film (S/m), through which the covered fraction carries its current.
    IonicConductivity FilmConductivity)
{
    /// <summary>Electrons per monomer, n = 2 + δ.</summary>
    public double ElectronsPerMonomer => CouplingElectrons + DopingLevel;

    /// <summary>Polymer mass per area (kg/m²) for a polymerisation charge per area Q (C/m²): Faraday's law.</summary>
    public double MassPerArea(double chargeCPerM2) => chargeCPerM2 * RepeatUnitMolarMass / (ElectronsPerMonomer * Si.Faraday);

    /// <summary>Mean film thickness (m) for a polymerisation charge per area (C/m²).</summary>
    public double Thickness(double chargeCPerM2) => MassPerArea(chargeCPerM2) / Density;

    /// <summary>Covered fraction of the electrode for a mean thickness L (m).</summary>
    public double Coverage(double thicknessM) => thicknessM <= 0 ? 0 : -double.ExpM1(-thicknessM / ClosureThickness);

    public double PristineAsr(double temperatureK) => PristineAsrRef / Arrhenius.Factor(PristineAsrActivationEnergy, temperatureK, PristineAsrReferenceK);

    /// <summary>
    /// Interface ASR (Ω m²) of the film against the substrate it grew on, in series with the film's interface with
    /// the electrolyte on the covered fraction: 0 on a blocking electrode (nothing crosses into the steel); on a
    /// cathode's particles the Li⁺ transfer from the film into the active material (§16.2).
    /// </summary>
    public double SubstrateAsrRef { get; init; }
    public double SubstrateAsrReferenceK { get; init; } = 298.15;
    public double SubstrateAsrActivationEnergy { get; init; }

    /// <summary>ASR (Ω m²) of the covered fraction's interfaces: the film's with the electrolyte and, on a cathode, the substrate's with the film.</summary>
    public double CoveredAsr(double temperatureK) => CoveredAsrRef / Arrhenius.Factor(CoveredAsrActivationEnergy, temperatureK, CoveredAsrReferenceK)
        + (SubstrateAsrRef > 0 ? SubstrateAsrRef / Arrhenius.Factor(SubstrateAsrActivationEnergy, temperatureK, SubstrateAsrReferenceK) : 0);

    /// <summary>
    /// Interface ASR (Ω m²) at mean thickness L (m): the covered fraction θ(L), through its interface and
    /// the film at the islands' local thickness L/θ (h_c as L → 0), in parallel with the bare fraction.
    /// </summary>
    public double InterfaceAsr(double thicknessM, double temperatureK)
    {
        double theta = Coverage(thicknessM), r0 = PristineAsr(temperatureK);
        if (theta <= 0) return r0;
        double local = thicknessM / theta;
        double r1 = CoveredAsr(temperatureK) + local / FilmConductivity.At(temperatureK);
        return 1.0 / (theta / r1 + (1 - theta) / r0);
    }

    /// <summary>
    /// Onset (V vs the metal) of the electrolyte's oxidation on the film's own surface, from the pair
    /// <c>polymer|electrolyte.oxidation_onset</c>; null when the library gives none (the covered fraction then
    /// oxidises the electrolyte as the bare surface does: no shielding).
    /// </summary>
    public double? FilmOxidationOnset { get; init; }

    /// <summary>
    /// The electrolyte's oxidation current on a partly covered electrode relative to the bare electrode's at the same
    /// potential (docs/models.md §16.3): the bare fraction 1 − θ oxidises it from its own onset E_ox, the covered
    /// fraction θ only from the film's E_film, with the same Tafel slope b,
    /// <code>S(θ) = (1 − θ) + θ·exp(−(E_film − E_ox)/b)</code>
    /// the current on an electrode whose inactive (blocked) domains are small against the reaction layer: kinetic control,
    /// current ∝ active fraction (Amatore, Savéant &amp; Tessier, J. Electroanal. Chem. 147, 39 (1983); recalled, not re-checked). 1 without a film onset.
    /// </summary>
    public double ShieldingFactor(double coverage, double bareOnset, double tafelSlope) =>
        FilmOxidationOnset is { } film && coverage > 0
            ? (1 - coverage) + coverage * Math.Exp(-(film - bareOnset) / tafelSlope)
            : 1;

    public double MonomerDiffusivity(double temperatureK) => MonomerDiffusivityRef * Arrhenius.Factor(DiffusionActivationEnergy, temperatureK, ReferenceTemperatureK);

    /// <summary>
    /// Polymerisation rate per surface concentration, i_p/c_s (A m/mol), at electrode potential E (V) vs
    /// the metal: zero at and below the onset, Butler–Volmer above it.
    /// </summary>
    public double CurrentPerConcentration(double e, double temperatureK) => Rate(e, temperatureK, slope: false);

    /// <summary>
    /// d(i_p/c_s)/dE (A m/(mol V)) at potential E: n·F·k0·f·[α·e^{αfη} + (1 − α)·e^{−(1−α)fη}] above the onset, 0 at and
    /// below it and where the exponent is bounded (the small-signal branch, <see cref="PolymerisationBranch"/>).
    /// </summary>
    public double CurrentPerConcentrationSlope(double e, double temperatureK) => Rate(e, temperatureK, slope: true);

    /// <summary>i_p/c_s at E, or (slope) its derivative with E.</summary>
    double Rate(double e, double temperatureK, bool slope)
    {
        double eta = e - OnsetPotential;
        if (eta <= 0) return 0;
        double f = Si.Faraday / (Si.GasConstant * temperatureK);
        double k0 = RateConstantRef * Arrhenius.Factor(RateActivationEnergy, temperatureK, ReferenceTemperatureK);
        double x = TransferCoefficient * f * eta, nFk = ElectronsPerMonomer * Si.Faraday * k0;
        double backward = Math.Exp(-(1 - TransferCoefficient) * f * eta);
        // the exponent is bounded: above ~50 e-folds the rate is supply-limited anyway (and flat in E there)
        return slope ? nFk * f * ((x < 200 ? TransferCoefficient * Math.Exp(x) : 0) + (1 - TransferCoefficient) * backward)
            : nFk * (Math.Exp(Math.Min(x, 200)) - backward);
    }

    /// <summary>Reads the growth of <paramref name="polymer"/> from <paramref name="electrolyte"/> on <paramref name="substrate"/>.</summary>
    public static Electropolymerisation Read(Parameters p, MaterialLibrary lib, Material polymer, Material electrolyte, Material substrate,
        double monomerConcentration, SourceLocation where)
    {
        if (!(monomerConcentration > 0)) throw new InputException("monomer_concentration must be positive, e.g. '50 mM'", where);
        var grown = lib.RequirePair(polymer, electrolyte, $"the electropolymerisation of {polymer.Name} from {electrolyte.Name}", where);
        var bare = lib.RequirePair(substrate, electrolyte, $"the pristine interface resistance of {substrate.Name}", where);
        double Pos(double v, string key, string owner) => v > 0 ? v : throw new InputException($"{owner}.{key} must be positive", where);
        double M(string key, QuantityKind kind) => Pos(p.Get(polymer, "electropolymerisation." + key, kind), "electropolymerisation." + key, polymer.Name);
        double G(string key, QuantityKind kind) => Pos(p.Get(grown, "electropolymerisation." + key, kind), "electropolymerisation." + key, grown.Key);
        double delta = p.Get(polymer, "electropolymerisation.doping_level", QuantityKind.Dimensionless);
        if (delta < 0 || delta > 2) throw new InputException($"{polymer.Name}.electropolymerisation.doping_level must be between 0 and 2 per monomer, got {delta}", where);
        double alpha = p.Get(grown, "electropolymerisation.transfer_coefficient", QuantityKind.Dimensionless);
        if (alpha <= 0 || alpha >= 1) throw new InputException($"{grown.Key}.electropolymerisation.transfer_coefficient must be in (0, 1), got {alpha}", where);
        return new Electropolymerisation(
            polymer.Name, p.Text(polymer, "electropolymerisation.monomer"), monomerConcentration,
            M("coupling_electrons", QuantityKind.Dimensionless), delta,
            M("repeat_unit_molar_mass", QuantityKind.MolarMass),
            Pos(p.Get(polymer, "density", QuantityKind.Density), "density", polymer.Name),
            M("closure_thickness", QuantityKind.Length),
            p.Get(grown, "electropolymerisation.onset_potential", QuantityKind.Voltage),
            G("rate_constant", QuantityKind.Velocity), alpha,
            p.Get(grown, "electropolymerisation.activation_energy", QuantityKind.MolarEnergy),
            G("monomer_diffusivity", QuantityKind.Diffusivity),
            p.Get(grown, "electropolymerisation.diffusion_activation_energy", QuantityKind.MolarEnergy),
            p.Get(grown, "electropolymerisation.reference_temperature", QuantityKind.Temperature),
            Pos(p.Get(bare, "interfacial_asr", QuantityKind.AreaSpecificResistance), "interfacial_asr", bare.Key),
            p.Get(bare, "reference_temperature", QuantityKind.Temperature),
            p.Get(bare, "activation_energy", QuantityKind.MolarEnergy),
            Pos(p.Get(grown, "interfacial_asr", QuantityKind.AreaSpecificResistance), "interfacial_asr", grown.Key),
            p.Get(grown, "reference_temperature", QuantityKind.Temperature),
            p.Get(grown, "activation_energy", QuantityKind.MolarEnergy),
            IonicConductivity.Read(p, polymer))
        {
            FilmOxidationOnset = p.Optional(grown, "oxidation_onset", QuantityKind.Voltage),
        };
    }
}

/// <summary>
/// The monomer's concentration across the electrolyte (finite volumes from the growing electrode to the
/// counter electrode), stepped by backward Euler with the polymerisation as a first-order sink at the
/// growing electrode and no flux at the counter. The sum of the monomer left and consumed is conserved
/// to rounding.
/// </summary>
public sealed class MonomerProfile
{
    readonly double[] _c, _a, _b, _cc, _d;
    readonly double _h;
    public MonomerProfile(double concentration, double thicknessM, int cells = 40)
    {
        _c = Enumerable.Repeat(concentration, cells).ToArray();
        _a = new double[cells]; _b = new double[cells]; _cc = new double[cells]; _d = new double[cells];
        _h = thicknessM / cells;
        Initial = concentration * thicknessM;
    }

    /// <summary>Monomer per area at the start (mol/m²).</summary>
    public double Initial { get; }
    /// <summary>Monomer per area left in the electrolyte (mol/m²).</summary>
    public double Left => _c.Sum() * _h;
    public double Surface => _c[0];

    /// <summary>Copies the profile into <paramref name="into"/> (length <see cref="Cells"/>), to be put back by <see cref="Restore"/>.</summary>
    public void Save(double[] into) => Array.Copy(_c, into, _c.Length);
    public void Restore(double[] from) => Array.Copy(from, _c, _c.Length);
    public int Cells => _c.Length;

    /// <summary>
    /// The surface concentration after a step dt with sink rate k (m/s: flux = k·c_s), without
    /// committing it; <paramref name="commit"/> keeps the new profile.
    /// </summary>
    public double Step(double k, double diffusivity, double dt, bool commit)
    {
        int n = _c.Length;
        double r = diffusivity * dt / (_h * _h);
        for (int j = 0; j < n; j++)
        {
            _a[j] = j > 0 ? -r : 0;
            _cc[j] = j < n - 1 ? -r : 0;
            _b[j] = 1 + (j > 0 ? r : 0) + (j < n - 1 ? r : 0) + (j == 0 ? k * dt / _h : 0);
            _d[j] = _c[j];
        }
        // Thomas algorithm
        var cp = new double[n];
        var dp = new double[n];
        cp[0] = _cc[0] / _b[0]; dp[0] = _d[0] / _b[0];
        for (int j = 1; j < n; j++)
        {
            double m = _b[j] - _a[j] * cp[j - 1];
            cp[j] = _cc[j] / m;
            dp[j] = (_d[j] - _a[j] * dp[j - 1]) / m;
        }
        var x = new double[n];
        x[n - 1] = dp[n - 1];
        for (int j = n - 2; j >= 0; j--) x[j] = dp[j] - cp[j] * x[j + 1];
        if (commit) Array.Copy(x, _c, n);
        return x[0];
    }
}
