using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Simulation;

/// <summary>One relaxation the full-cell impedance model generated: what it is, its resistance (Ω) and the frequency of its peak of −Z'' (Hz).</summary>
internal sealed record GeneratedArc(string Quantity, double ROhm, double PeakHz);

/// <summary>The particles' generated diffusion Z_s = R_s tanh s/(s − tanh s), s = √(jωτ_s): R_s (Ω) and τ_s = R²/D (s).</summary>
internal sealed record GeneratedSphere(double ROhm, double TauS)
{
    /// <summary>The Warburg coefficient its Warburg region has, Z_s → R_s/√(jωτ_s) = A_W(1 − j)/√ω for ωτ_s ≫ 1: A_W = R_s/√(2τ_s) (Ω s^-1/2).</summary>
    public double WarburgCoefficient => ROhm / Math.Sqrt(2 * TauS);

    /// <summary>The capacitance of its low-frequency limit Z_s → R_s/5 + 3R_s/(jωτ_s) for ωτ_s ≪ 1: C_s = τ_s/(3R_s) (F).</summary>
    public double Capacitance => TauS / (3 * ROhm);
}

/// <summary>The fit of a full cell's simulated spectrum: the circuit fitted, its values (summary.json "fitted") and what each element estimates.</summary>
internal sealed record FullCellFit(string Circuit, IReadOnlyDictionary<string, double> Fitted, IReadOnlyDictionary<string, string> Estimates);

/// <summary>
/// Fits a full cell's simulated spectrum with a circuit built from what the model generated (decision 0062), instead of the
/// symmetric cell's two arcs: R0 for the composite cathode's ionic resistance and every relaxation peaking far above the
/// window (the separator's bulk arc R_b ∥ C_geo of a ceramic), one R‖CPE per other generated relaxation (anode
/// constriction, layers/interphase and charge transfer, cathode interface, cathode charge transfer) in order of frequency,
/// and, for intercalation particles, W1 in series with the cathode's charge transfer inside its arc, as the model puts Z_s
/// behind the double layer (Z_s at ωτ_s ≫ 1: A_W = R_s/√(2τ_s)). Each fitted element is mapped back to the generated
/// quantities it estimates and written beside their generated value.
/// <para>
/// Arcs too close in frequency to be told apart are never written as separate numbers: relaxations less than a factor
/// <see cref="Apart"/> apart are one arc from the start; a fit is accepted when it converges, R0 and every arc's R are
/// identifiable (the covariance's relative standard error at most <see cref="EisFitOptions.IdentifiabilityLimit"/>, decision
/// 0059's test) and every arc peaks where its generated relaxations do (<see cref="WhereGenerated"/>). Otherwise an arc
/// above the window joins R0, or else the two arcs closest in frequency are fitted as one that estimates their sum
/// ("anode_charge_transfer+cathode_interface"), down to one arc.
/// </para>
/// </summary>
internal static class FullCellSpectrumFit
{
    public const string W1Key = "W1_ohm_per_sqrt_s";

    /// <summary>The names under which Wsph's R_s and τ_s are written ("Wsph1_R_s_ohm", "Wsph1_tau_s_s").</summary>
    public const string SphereR = "Wsph1_R_s", SphereTau = "Wsph1_tau_s";

    /// <summary>
    /// A relaxation peaking more than this factor above the window's highest frequency is fitted as part of R0: only its tail
    /// Z ≈ R − jωR²C is seen, which fixes R²C and R0 + R but not R (decision 0059; NASICON's bulk at 80 MHz). Closer, its
    /// curvature still determines it (the A cases' Li2Se layers at 2 MHz in a 1 MHz window, decision 0059), and fitting it
    /// into R0 leaves its tail to an arc's CPE (C-FeS2-LPS-solid's bulk at 11 MHz, decision 0062). Between the two measured
    /// cases (2 and 80 times f_max): chosen, not derived (decision 0062).
    /// </summary>
    const double AboveWindow = 30;

    /// <param name="series">generated resistances with no relaxation of their own (Ω; the composite's ionic path)</param>
    /// <param name="arcs">the generated relaxations (bulk included); those peaking above the window join R0</param>
    /// <param name="sphere">the generated particle diffusion; null without it (a conversion cathode)</param>
    public static FullCellFit Fit(double[] f, Complex[] z, (string Quantity, double ROhm) series, IReadOnlyList<GeneratedArc> arcs, GeneratedSphere? sphere)
    {
        double fMax = f.Max();
        string? diffusion = sphere is null ? null : Finite(sphere, f.Min()) ? SphereElement : "W1";
        var r0 = arcs.Where(a => a.PeakHz > AboveWindow * fMax && a.ROhm > 0).ToList();
        var groups = arcs.Where(a => a.PeakHz <= AboveWindow * fMax && a.ROhm > 0).OrderByDescending(a => a.PeakHz)
            .Select(a => new List<GeneratedArc> { a }).ToList();
        // arcs within a factor Apart of each other in frequency are one arc to any fit (A-LCO's cathode interface and charge
        // transfer, 35 and 11 Hz with the diffusion behind the latter, were never split right)
        while (groups.Count > 1 && Enumerable.Range(0, groups.Count - 1).Any(k => Gap(groups, k) < Math.Log(Apart))) groups = Merged(groups);
        var spectrum = new ImpedanceSpectrum(f, z);
        var options = SpectrumFit.Options;
        FitResult fit;
        while (true)
        {
            string text = CircuitText(groups.Count, diffusion is null ? 0 : Diffusing(groups), diffusion);
            fit = EisFitter.Fit(spectrum, Circuit.Parse(text), options);
            bool resolved = fit.Converged && fit["R0"].Identifiable && Enumerable.Range(1, groups.Count).All(k => fit["R" + k].Identifiable)
                && WhereGenerated(fit, groups) && !TradesWithR0(fit, groups, fMax);
            if (resolved || groups.Count <= 1) break;
            // an arc peaking above the window whose curvature the fit could not use joins R0 (its tail fixes R0 + R);
            // otherwise the two arcs closest in frequency are fitted as one
            if (groups[0].All(a => a.PeakHz > fMax)) { r0.AddRange(groups[0]); groups.RemoveAt(0); }
            else groups = Merged(groups);
        }
        string r0Quantity = string.Join("+", r0.Select(a => a.Quantity).Concat(series.ROhm > 0 ? [series.Quantity] : []));
        double r0Generated = r0.Sum(a => a.ROhm) + Math.Max(series.ROhm, 0);
        // the first fit that resolves all its arcs; otherwise the one-arc fit, its R flagged by its own statistics
        return Result(fit, groups, r0Quantity, r0Generated, sphere, diffusion);
    }

    /// <summary>
    /// Arcs whose peak frequencies are less than this factor apart are fitted as one from the start. Chosen, not derived
    /// (decision 0062: A-LCO's cathode arcs a factor 3.2 apart were never split right).
    /// </summary>
    const double Apart = 3;

    /// <summary>
    /// Whether the fastest arc, generated above the window, has an R the fit fixes only together with R0: only its tail is
    /// seen, and R0 + R is what the spectrum determines even when each has a standard error below 100 %
    /// (C-FeS2-microsphere-solid's first spectrum: R0 19.5× ± 29 % and the bulk 0.61× ± 20 % of generated, correlation
    /// −0.99999; decision 0070). Such an arc then joins R0 like one whose R is not identifiable.
    /// </summary>
    static bool TradesWithR0(FitResult fit, List<List<GeneratedArc>> groups, double fMax)
    {
        if (groups.Count == 0 || !groups[0].All(a => a.PeakHz > fMax)) return false;
        return Math.Abs(SpectrumFit.Correlation(fit, "R0", "R" + TauOrder(fit, groups.Count)[0])) > Separable;
    }

    static double Gap(List<List<GeneratedArc>> groups, int k) => Math.Log(Peak(groups[k]) / Peak(groups[k + 1]));

    /// <summary>
    /// R0 − one R‖CPE per arc; the arc <paramref name="diffusing"/> (1-based; 0: none) has W1 in series with its R inside the
    /// parallel, as the model puts the particles' diffusion in series with the charge transfer behind the double layer.
    /// </summary>
    public static string CircuitText(int arcs, int diffusing, string? element = "W1") =>
        string.Join("-", new[] { "R0" }.Concat(Enumerable.Range(1, arcs).Select(k => k == diffusing ? $"p(R{k}-{element},CPE{k})" : $"p(R{k},CPE{k})")));

    public const string SphereElement = "Wsph1";

    /// <summary>
    /// Whether the window's lowest angular frequency reaches the sphere's finite-length region, ω_min·τ_s below
    /// <see cref="FiniteBelow"/>: there Z_s is no longer the Warburg line W1 follows.
    /// </summary>
    internal static bool Finite(GeneratedSphere sphere, double fMin) => 2 * Math.PI * fMin * sphere.TauS < FiniteBelow;

    /// <summary>
    /// Chosen (decision 0070): at ωτ_s = 25 the sphere's phase is 54° against the Warburg's 45° and |Z_s| is 23 % off the
    /// Warburg line. W1 recovered A_W where ω_min·τ_s was 44–67 (A-LCO, D-NCM523) and failed where it was 6–14 (D-LFP).
    /// </summary>
    const double FiniteBelow = 25;

    /// <summary>The 1-based arc that holds the cathode's charge transfer (the diffusion is behind it); 0 when none does.</summary>
    static int Diffusing(List<List<GeneratedArc>> groups) =>
        groups.FindIndex(g => g.Any(a => a.Quantity == "cathode_charge_transfer")) + 1;

    /// <summary>
    /// The groups with the neighbouring pair whose peak frequencies are closest fitted as one arc. Chosen from the generated
    /// frequencies, not from the failed fit: an unresolved fit's arcs do not stand for the groups in order (a fit of two arcs
    /// a factor 1.5 apart put their sum in one arc and a ghost in another, and merging the ghost's partner reported the sum
    /// as one quantity; FullCellSpectrumFitTests).
    /// </summary>
    static List<List<GeneratedArc>> Merged(List<List<GeneratedArc>> groups)
    {
        int at = Enumerable.Range(0, groups.Count - 1).MinBy(k => Gap(groups, k));
        var merged = new List<List<GeneratedArc>>(groups);
        merged[at] = [.. groups[at], .. groups[at + 1]];
        merged.RemoveAt(at + 1);
        return merged;
    }

    /// <summary>
    /// Whether each fitted arc, in order of τ, peaks within a decade of the generated arcs it stands for (1/(2πτ) between a
    /// tenth of the lowest and ten times the highest of their peak frequencies): a fit that converges with every R identifiable
    /// can still have split one generated arc in two and left a small one unseen, and the order would then map its values to
    /// the wrong quantities (D-NCM523-PT-formation's spectrum 4 gave its 35 Ω cathode interface 980 Ω ± 1.6 %, decision 0062).
    /// </summary>
    static bool WhereGenerated(FitResult fit, List<List<GeneratedArc>> groups)
    {
        var order = TauOrder(fit, groups.Count);
        for (int i = 0; i < order.Length; i++)
        {
            int k = order[i];
            double peak = 1 / (2 * Math.PI * SpectrumFit.Tau(fit["R" + k].Value, fit[$"CPE{k}_0"].Value, fit[$"CPE{k}_1"].Value));
            if (!(peak >= groups[i].Min(a => a.PeakHz) / Decade && peak <= groups[i].Max(a => a.PeakHz) * Decade)) return false;
        }
        return true;
    }

    /// <summary>How far (a factor) a fitted arc's peak may lie from the generated arcs it stands for. Chosen, not derived (decision 0062).</summary>
    const double Decade = 10;

    /// <summary>The fitted arcs' numbers (1-based) in order of their time constant τ = (R·Q)^(1/α), fastest first.</summary>
    static int[] TauOrder(FitResult fit, int arcs) => Enumerable.Range(1, arcs)
        .OrderBy(k => SpectrumFit.Tau(fit["R" + k].Value, fit[$"CPE{k}_0"].Value, fit[$"CPE{k}_1"].Value)).ToArray();

    /// <summary>The peak frequency of a group of arcs: the R-weighted geometric mean of its arcs' (ordering only).</summary>
    static double Peak(List<GeneratedArc> g) => Math.Exp(g.Sum(a => a.ROhm * Math.Log(a.PeakHz)) / g.Sum(a => a.ROhm));

    static FullCellFit Result(FitResult fit, List<List<GeneratedArc>> groups, string r0Quantity, double r0Generated, GeneratedSphere? sphere, string? diffusion)
    {
        var fitted = new Dictionary<string, double>();
        var estimates = new Dictionary<string, string>();
        void Add(string name, string key, FittedParameter p, string quantity, double generated)
        {
            fitted[key] = p.Value;
            fitted[key.Replace(name, name + "_generated")] = generated;
            fitted[name + "_rel_std_err"] = p.StandardError / Math.Abs(p.Value);
            fitted[name + "_max_correlation"] = SpectrumFit.MaxCorrelation(fit, p.Name);
            estimates[name] = quantity;
        }
        Add("R0", "R0_ohm", fit["R0"], r0Quantity, r0Generated);
        // the fitted arcs in order of their time constant τ = (R·Q)^(1/α), fastest first, as the generated groups are ordered
        var order = TauOrder(fit, groups.Count);
        for (int i = 0; i < order.Length; i++)
            Add($"R{i + 1}", $"R{i + 1}_ohm", fit["R" + order[i]], string.Join("+", groups[i].Select(a => a.Quantity)), groups[i].Sum(a => a.ROhm));
        if (sphere is { } sp && diffusion == "W1") Add("W1", W1Key, fit["W1"], "diffusion", sp.WarburgCoefficient);
        if (sphere is { } sq && diffusion == SphereElement)
        {
            FittedParameter rs = fit[SphereElement + "_0"], tau = fit[SphereElement + "_1"];
            Add(SphereR, ValueKey(SphereR), rs, "diffusion_resistance", sq.ROhm);
            Add(SphereTau, ValueKey(SphereTau), tau, "diffusion_time", sq.TauS);
            SphereCombination(fit, rs, tau, sq, fitted, estimates);
        }
        fitted["chi_square"] = fit.ChiSquare;
        fitted["converged"] = fit.Converged ? 1 : 0;
        // the circuit as fitted, its arcs numbered in order of their time constant as written
        int diffusing = diffusion is null ? 0 : Array.IndexOf(order, Diffusing(groups)) + 1;
        return new FullCellFit(CircuitText(groups.Count, diffusing, diffusion), fitted, estimates);
    }

    /// <summary>
    /// R_s and τ_s are separately determined only where the window holds the sphere's turn from its Warburg line to its
    /// capacitive limit; above it (ωτ_s ≫ 1) the spectrum fixes A_W = R_s/√(2τ_s), below it (ωτ_s ≪ 1) the capacitance
    /// C_s = τ_s/(3R_s). When the fitted ln R_s and ln τ_s are correlated beyond <see cref="Separable"/>, both are written
    /// with "_separable" 0 (listed in not_determined) and the combination of the two with the smaller relative standard
    /// error (from the covariance: e² = e_R² + k²e_τ² − 2kρe_Re_τ, k = ½ for A_W, 1 for C_s) is written beside its
    /// generated value; the fit's own statistics choose it, not the generated values.
    /// </summary>
    static void SphereCombination(FitResult fit, FittedParameter rs, FittedParameter tau, GeneratedSphere sphere,
        Dictionary<string, double> fitted, Dictionary<string, string> estimates)
    {
        double rho = SpectrumFit.Correlation(fit, rs.Name, tau.Name);
        fitted[SphereCorrelation] = rho;
        bool separable = Math.Abs(rho) <= Separable;
        fitted[SphereR + "_separable"] = separable ? 1 : 0;
        fitted[SphereTau + "_separable"] = separable ? 1 : 0;
        if (separable) return;
        double eR = rs.RelativeError, eT = tau.RelativeError;
        double Err(double k) => Math.Sqrt(Math.Max(eR * eR + k * k * eT * eT - 2 * k * rho * eR * eT, 0));
        double eAw = Err(0.5), eCs = Err(1);
        if (!double.IsFinite(Math.Min(eCs, eAw))) return;   // no finite standard error: neither combination is determined
        bool capacitive = eCs < eAw;
        string name = capacitive ? SphereC : SphereA, key = ValueKey(name);
        var fittedSphere = new GeneratedSphere(rs.Value, tau.Value);   // the same combinations, of the fitted R_s and τ_s
        fitted[key] = capacitive ? fittedSphere.Capacitance : fittedSphere.WarburgCoefficient;
        fitted[key.Replace(name, name + "_generated")] = capacitive ? sphere.Capacitance : sphere.WarburgCoefficient;
        fitted[name + "_rel_std_err"] = capacitive ? eCs : eAw;
        estimates[name] = capacitive ? "diffusion_capacitance" : "diffusion";
    }

    /// <summary>
    /// |ρ| above which two fitted values are read as one combination: Wsph's R_s and τ_s, R0 and an above-window arc's R.
    /// Chosen, not derived (decision 0070): the shipped D-LFP spectra whose fits put R_s and τ_s at 0.02–0.2 of their
    /// generated values with C_s right to 6 % had |ρ| = 0.9990–0.99998; C-FeS2-microsphere-solid's R0 and bulk −0.99999.
    /// </summary>
    const double Separable = 0.99;

    public const string SphereA = "Wsph1_A_W", SphereC = "Wsph1_C_s", SphereCorrelation = "Wsph1_R_s_tau_s_correlation";

    /// <summary>The key of a fitted element's value in summary.json, with its unit: "R1_ohm" (symmetric and full-cell fits), "W1_ohm_per_sqrt_s", "Wsph1_tau_s_s".</summary>
    internal static string ValueKey(string element) => element switch
    {
        "W1" => W1Key,
        SphereA => element + "_ohm_per_sqrt_s",
        SphereC => element + "_F",
        SphereTau => element + "_s",
        _ => element + "_ohm",
    };
}
