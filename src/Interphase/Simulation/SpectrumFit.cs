using System.Globalization;
using System.Numerics;
using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Simulation;

/// <summary>
/// Fits a simulated spectrum with domain.md's equivalent circuit, exactly as a measured one is
/// fitted (<see cref="EisFitter"/>, automatic initial guess), so that simulation and measurement are
/// compared the same way. The two arcs are ordered by their characteristic frequency: the faster is
/// R1 (layers and interphase), the slower R2 (charge transfer). A diffusion tail (polymer or liquid
/// electrolytes, intercalation particles) adds a Warburg element.
/// <para>
/// A spectrum that resolves one arc only does not determine the second arc of the circuit, and the fit then either creeps
/// along a valley until its iteration limit or stops with an arc's R not identifiable (decision 0059). Two cases were
/// found: the bulk arc of 1 mm of NASICON or beta-alumina, R_b ∥ C_geo, peaks at 10-500 MHz, above the window, which holds
/// only its tail Z ≈ R − jωR²Q (R²Q and R0 + R fixed, neither R nor Q); and with no interphase (a bare metal on a
/// ceramic) the second arc splits the charge-transfer arc in two of the same τ. The spectrum is then fitted with one arc
/// fewer: R0 is the high-frequency intercept, the arc is R2, and R1 is not determined (null): the spectrum does not
/// separate an interphase arc from the charge transfer. A third case has every R identifiable yet an R trading against
/// another value beyond <see cref="EisFitOptions.SeparabilityLimit"/> (R0 = 5.7 and R1 = 4.6 Ω of a 10.33 Ω bulk correlated
/// −0.99999999: only their sum is fixed); it is fitted with one arc too (decision 0084).
/// </para>
/// </summary>
internal static class SpectrumFit
{
    public const string Circuit2 = "R0-p(R1,CPE1)-p(R2,CPE2)";
    public const string Circuit2W = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";
    public const string Circuit1 = "R0-p(R1,CPE1)";
    public const string Circuit1W = "R0-p(R1,CPE1)-W1";

    /// <summary>The fits' options: four global starts; its identifiability limit is also what <see cref="NotDetermined"/> applies.</summary>
    internal static readonly EisFitOptions Options = new() { GlobalStarts = 4 };

    public static IReadOnlyDictionary<string, double> Fit(double[] f, Complex[] z, bool diffusion)
    {
        var spectrum = new ImpedanceSpectrum(f, z);
        var result = EisFitter.Fit(spectrum, Circuit.Parse(diffusion ? Circuit2W : Circuit2), Options);
        double r0 = result["R0"].Value, r1 = result["R1"].Value, r2 = result["R2"].Value;
        double t1 = Tau(r1, result["CPE1_0"].Value, result["CPE1_1"].Value);
        double t2 = Tau(r2, result["CPE2_0"].Value, result["CPE2_1"].Value);
        double e0 = RelErr(result["R0"]), e1 = RelErr(result["R1"]), e2 = RelErr(result["R2"]);
        double c0 = MaxCorrelation(result, "R0"), c1 = MaxCorrelation(result, "R1"), c2 = MaxCorrelation(result, "R2");
        bool swapped = t1 > t2;
        if (swapped) { (r1, r2) = (r2, r1); (e1, e2) = (e2, e1); (c1, c2) = (c2, c1); }
        // one arc unresolved: the fit crept without converging, an arc's R has no variance, or an R trades against another
        // value beyond the separability limit (R0 against an arc above the window: decision 0084); an arc above 1 MHz whose
        // curvature still fixes R (the Li2Se layers of the A cases, 2 MHz) is resolved and kept
        if (!result.Converged || !result["R1"].Identifiable || !result["R2"].Identifiable || Inseparable(result).Any())
        {
            var one = EisFitter.Fit(spectrum, Circuit.Parse(diffusion ? Circuit1W : Circuit1), Options);
            if (one.Converged || !result.Converged)
                return Mark(Entry(one["R0"].Value, double.NaN, one["R1"].Value, RelErr(one["R0"]), double.NaN, RelErr(one["R1"]),
                    MaxCorrelation(one, "R0"), double.NaN, MaxCorrelation(one, "R1"), one.ChiSquare, one.Converged), one, n => n == "R1" ? "R2" : n);
        }
        return Mark(Entry(r0, r1, r2, e0, e1, e2, c0, c1, c2, result.ChiSquare, result.Converged), result,
            n => !swapped ? n : n == "R1" ? "R2" : n == "R2" ? "R1" : n);
    }

    static readonly string[] Resistances = ["R0", "R1", "R2"];

    /// <summary>The pairs of <paramref name="fit"/> beyond <see cref="EisFitOptions.SeparabilityLimit"/> that hold an R summary.json writes.</summary>
    static IEnumerable<InseparablePair> Inseparable(FitResult fit) => fit.Inseparable.Where(p => Resistances.Any(p.Involves));

    /// <summary>
    /// Writes into <paramref name="fitted"/> what <paramref name="fit"/>'s inseparable pairs leave undetermined: each R of a pair
    /// with "_separable" 0 (listed in not_determined) and, for two R in series, their sum and its standard error
    /// ("R0_plus_R1_ohm", "R0_plus_R1_std_err_ohm"), which the spectrum does determine. <paramref name="reported"/>: the name
    /// summary.json gives a parameter of the fit (R1 and R2 ordered by τ, the one-arc fit's arc is R2).
    /// </summary>
    static Dictionary<string, double> Mark(Dictionary<string, double> fitted, FitResult fit, Func<string, string> reported)
    {
        foreach (var pair in Inseparable(fit))
        {
            foreach (var r in new[] { pair.A, pair.B }.Where(Resistances.Contains)) fitted[reported(r) + "_separable"] = 0;
            if (pair.Sum is not double sum) continue;
            var names = new[] { reported(pair.A), reported(pair.B) }.Order(StringComparer.Ordinal).ToArray();
            fitted[$"{names[0]}{SumInfix}{names[1]}_ohm"] = sum;
            fitted[$"{names[0]}{SumInfix}{names[1]}_std_err_ohm"] = pair.SumStandardError ?? double.NaN;
        }
        return fitted;
    }

    const string SumInfix = "_plus_";

    /// <summary>
    /// The R of a fit (R0, R1, R2) that its spectrum does not determine: no relative standard error (the parameter lies in
    /// a direction the data cannot see, its value is one split of many that fit equally well, or it is not fitted: R1 of
    /// the one-arc fit) or one above <see cref="EisFitOptions.IdentifiabilityLimit"/>, the test <see cref="EisFitter"/>
    /// reports as "not identifiable" and the one-arc refit uses (decision 0059); or one the spectrum fixes only in combination
    /// with another (a full cell's Wsph R_s and τ_s, written with "_separable" 0: FullCellSpectrumFit, decision 0070).
    /// </summary>
    public static IReadOnlyList<string> NotDetermined(IReadOnlyDictionary<string, double> fitted) =>
        fitted.Keys.Where(k => k.EndsWith("_rel_std_err", StringComparison.Ordinal)).Select(k => k[..^"_rel_std_err".Length])
            .Where(r => !(fitted[r + "_rel_std_err"] <= Options.IdentifiabilityLimit) || fitted.GetValueOrDefault(r + "_separable", 1) == 0).ToArray();

    static string Unit(string element) => element switch
    {
        "W1" or FullCellSpectrumFit.SphereA => "ohm s^-1/2",
        FullCellSpectrumFit.SphereTau => "s",
        FullCellSpectrumFit.SphereC => "F",
        _ => "ohm",
    };

    /// <summary>
    /// One warning for each set of R that the fits write as numbers their spectra do not determine, naming every spectrum
    /// it holds for (a discharge measured at ten depths gave ten copies of one sentence). R1 of the one-arc fit, written
    /// null, is listed in not_determined but needs no warning: there is no number to mistake for a result.
    /// </summary>
    public static IEnumerable<string> Warnings(IEnumerable<SimulatedSpectrum> spectra)
    {
        var groups = spectra
            .Select(s => (s, shown: NotDetermined(s.Fitted).Where(r => double.IsFinite(s.Fitted[FullCellSpectrumFit.ValueKey(r)])).ToArray()))
            .Where(x => x.shown.Length > 0)
            .GroupBy(x => string.Join(",", x.shown) + "|" + x.s.FitCircuit);
        foreach (var g in groups)
        {
            var shown = g.First().shown;
            var fits = g.Select(x => x.s.Fitted).ToArray();
            var what = shown.Select(r => $"{r} = {Span(fits.Select(f => f[FullCellSpectrumFit.ValueKey(r)]), "G3")} {Unit(r)} ({Information(fits, r)})");
            string circuit = g.First().s.FitCircuit is { } c ? c : $"{Circuit2} (W1 for a diffusion tail)";
            bool one = g.Count() == 1;
            string which = one ? $"impedance spectrum {g.First().s.Index} (eis_{g.First().s.Index}.csv)"
                : $"impedance spectra {string.Join(", ", g.Select(x => x.s.Index))}";
            yield return $"{which}: the fitted {string.Join(", ", what)} {(shown.Length == 1 && one ? "is" : "are")} not determined by the spectr{(one ? "um" : "a")}: "
                + $"the circuit {circuit} has more freedom than the spectrum resolves; read {(shown.Length == 1 && one ? "this value" : "these values")} as one of many that fit equally well"
                + Determined(g.Select(x => (x.s.Index, x.s.Fitted)).ToArray(), shown)
                + " " + WarningPointer;
        }
    }

    /// <summary>How every warning of <see cref="Warnings"/> ends: where summary.json lists the values (and how a report tells these warnings from the others).</summary>
    internal const string WarningPointer = "(summary.json impedance[].fitted.not_determined)";

    /// <summary>Whether <paramref name="warning"/> is one of <see cref="Warnings"/>: about a fit's determinacy, not about the inputs.</summary>
    internal static bool IsFitWarning(string warning) => warning.EndsWith(WarningPointer, StringComparison.Ordinal);

    /// <summary>
    /// What the spectra do determine of a full cell's Wsph R_s and τ_s when they do not fix them apart: the combination
    /// FullCellSpectrumFit wrote (C_s = τ_s/(3R_s) or A_W = R_s/√(2τ_s), decision 0070), its fitted value, relative standard
    /// error and generated value, naming the spectra when only some of the group have it; "" when none has one (or it is
    /// itself among the values not determined).
    /// </summary>
    static string Determined(IReadOnlyList<(int Index, IReadOnlyDictionary<string, double> Fitted)> fits, IReadOnlyCollection<string> shown)
    {
        var parts = new List<string>();
        foreach (var (name, formula) in new[] { (FullCellSpectrumFit.SphereC, "tau_s/(3 R_s)"), (FullCellSpectrumFit.SphereA, "R_s/sqrt(2 tau_s)") })
        {
            if (shown.Contains(name)) continue;   // itself not determined: listed above, not offered as what the spectrum fixes
            string key = FullCellSpectrumFit.ValueKey(name), generatedKey = key.Replace(name, name + "_generated");
            var with = fits.Where(f => f.Fitted.TryGetValue(key, out var v) && double.IsFinite(v)).ToArray();
            if (with.Length == 0) continue;
            string where = with.Length == fits.Count ? "" : $" in spectr{(with.Length == 1 ? "um" : "a")} {string.Join(", ", with.Select(f => f.Index))}";
            var generated = with.Select(f => f.Fitted.GetValueOrDefault(generatedKey, double.NaN)).Where(double.IsFinite).ToArray();   // a measured spectrum has none
            parts.Add($"{name} = {formula} = {Span(with.Select(f => f.Fitted[key]), "G3")} {Unit(name)}{where} "
                + $"(relative standard error {Span(with.Select(f => f.Fitted[name + "_rel_std_err"]), "P1")}"
                + (generated.Length == with.Length ? $"; generated {Span(generated, "G3")} {Unit(name)}, fitted/generated {Span(with.Select(f => f.Fitted[key] / f.Fitted[generatedKey]), "F2")}" : "") + ")");
        }
        foreach (var key in fits.SelectMany(f => f.Fitted.Keys).Where(k => k.Contains(SumInfix, StringComparison.Ordinal) && !k.EndsWith("_std_err_ohm", StringComparison.Ordinal)).Distinct())
        {
            var with = fits.Where(f => f.Fitted.ContainsKey(key)).ToArray();
            string where = with.Length == fits.Count ? "" : $" in spectr{(with.Length == 1 ? "um" : "a")} {string.Join(", ", with.Select(f => f.Index))}";
            string errorKey = key[..^"_ohm".Length] + "_std_err_ohm";
            parts.Add($"{key[..^"_ohm".Length].Replace(SumInfix, " + ", StringComparison.Ordinal)} = {Span(with.Select(f => f.Fitted[key]), "G4")} ohm{where} "
                + $"(standard error {Span(with.Select(f => f.Fitted[errorKey]), "G2")} ohm)");
        }
        return parts.Count == 0 ? "" : $"; the spectr{(fits.Count == 1 ? "um determines" : "a determine")} their combination {string.Join(" and ", parts)}";
    }

    /// <summary>"a" for one value or equal values, else "a to b" (smallest to largest).</summary>
    static string Span(IEnumerable<double> values, string format)
    {
        var v = values.ToArray();
        string lo = v.Min().ToString(format, CultureInfo.InvariantCulture), hi = v.Max().ToString(format, CultureInfo.InvariantCulture);
        return lo == hi ? lo : $"{lo} to {hi}";
    }

    /// <summary>What the fits say about <paramref name="r"/>: its relative standard error, or that it has none and with what it is confounded.</summary>
    static string Information(IReadOnlyList<IReadOnlyDictionary<string, double>> fits, string r)
    {
        var errors = fits.Select(f => f[r + "_rel_std_err"]).Where(double.IsFinite).ToArray();
        var correlations = fits.Select(f => f.TryGetValue(r + "_max_correlation", out var c) ? c : double.NaN).Where(double.IsFinite).ToArray();
        string text = errors.Length == fits.Count ? $"relative standard error {Span(errors, "P0")}"
            : "no standard error: the spectrum holds no information on it apart from its combination with another parameter"
              + (errors.Length > 0 ? $" (in {fits.Count - errors.Length} of {fits.Count}; elsewhere {Span(errors, "P0")})" : "");
        return correlations.Length > 0 ? $"{text}, correlation {Span(correlations, "+0.000;-0.000")}" : text;
    }

    /// <summary>Standard error of a fitted value relative to it; infinite when the data carry no information on it (JSON null).</summary>
    static double RelErr(FittedParameter p) => p.StandardError / Math.Abs(p.Value);

    /// <summary>
    /// The correlation of largest magnitude between the fitted <paramref name="name"/> and any other free parameter of the
    /// fit (its sign kept); NaN (JSON null) where the covariance gives none.
    /// </summary>
    internal static double MaxCorrelation(FitResult fit, string name)
    {
        int a = IndexOf(fit, name);
        double best = double.NaN;
        if (a < 0) return best;
        for (int b = 0; b < fit.FreeParameters.Count; b++)
            if (b != a && fit.Correlation[a, b] is double c && !(Math.Abs(c) <= Math.Abs(best))) best = c;
        return best;
    }

    /// <summary>The correlation of the fitted <paramref name="a"/> and <paramref name="b"/>; NaN where either is not free or the covariance gives none.</summary>
    internal static double Correlation(FitResult fit, string a, string b)
    {
        int i = IndexOf(fit, a), j = IndexOf(fit, b);
        return i >= 0 && j >= 0 && fit.Correlation[i, j] is double c ? c : double.NaN;
    }

    /// <summary>The row of <paramref name="name"/> in the fit's correlation matrix; −1 when it is not a free parameter.</summary>
    internal static int IndexOf(FitResult fit, string name)
    {
        for (int k = 0; k < fit.FreeParameters.Count; k++) if (fit.FreeParameters[k] == name) return k;
        return -1;
    }

    static Dictionary<string, double> Entry(double r0, double r1, double r2, double e0, double e1, double e2, double c0, double c1, double c2, double chi2, bool converged) => new()
    {
        ["R0_ohm"] = r0,
        ["R1_ohm"] = r1,
        ["R2_ohm"] = r2,
        ["R0_rel_std_err"] = e0,
        ["R1_rel_std_err"] = e1,
        ["R2_rel_std_err"] = e2,
        ["R0_max_correlation"] = c0,
        ["R1_max_correlation"] = c1,
        ["R2_max_correlation"] = c2,
        ["chi_square"] = chi2,
        ["converged"] = converged ? 1 : 0,
    };

    /// <summary>τ = (R·Q)^(1/α) of an R‖CPE element.</summary>
    internal static double Tau(double r, double q, double alpha) => Math.Pow(r * q, 1 / alpha);
}
