using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Data.Analysis;

/// <summary>
/// The cation transference number of a binary electrolyte by the Bruce–Vincent method (Evans, Vincent &amp;
/// Bruce, Polymer 28, 2324 (1987); Bruce &amp; Vincent, J. Electroanal. Chem. 225, 1 (1987)): a symmetric
/// metal | electrolyte | metal cell is held at a small voltage ΔV; the current falls from I_0 to the steady
/// state I_ss, where only the cations carry it. Impedance spectra before and after the hold give the
/// interfacial resistances R_0 and R_ss, whose drops are taken off ΔV:
/// <code>
/// t+ = I_ss·(ΔV − I_0·R_0) / (I_0·(ΔV − I_ss·R_ss))
/// </code>
/// The method assumes a dilute binary salt and a ΔV small enough for the response to be linear (≈10 mV).
/// <para>I_0 is by default the current the spectrum before gives, ΔV/(R_b + R_0) (the calculated initial
/// current of Bruce, Evans &amp; Vincent, Solid State Ionics 28–30, 918 (1988)): the first recorded point of a
/// hold is already partly polarised at any instrument's time resolution, and t+ is very sensitive to
/// I_0 when the interfaces carry most of the drop (with R_0 = 4 R_b a 3 % error in I_0 moves t+ by 18 %).
/// The first point is reported beside it and can be chosen instead.</para>
/// <para>R_0 and R_ss are the resistances of the chosen circuit fitted to the spectra, all R elements but
/// the bulk R0 (diffusion elements excluded): with the domain circuit R1 + R2.</para>
/// </summary>
public sealed record BruceVincent(
    double DeltaV,
    double InitialCurrent,
    double FirstPointCurrent,
    double BulkResistance,
    string InitialCurrentSource,
    string Circuit,
    double SteadyCurrent,
    double InitialInterfaceResistance,
    double SteadyInterfaceResistance,
    double? TransferenceNumber,
    string? NotComputedReason,
    double HoldStartS,
    double HoldEndS,
    double FirstPointAfterS,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The last fraction of the hold's duration over which I_ss is averaged.</summary>
    public const double SteadyWindow = 0.05;

    /// <summary>Relative change of the current over the last 10 % of the hold above which it is not called steady.</summary>
    public const double SteadyTolerance = 0.02;

    /// <summary>Above this set voltage the linear response the method assumes is questionable (V).</summary>
    public const double LinearLimit = 0.02;

    /// <summary>
    /// Above this sensitivity (the % that t+ moves per 1 % error in R_0 or R_ss) the hold does not determine t+:
    /// the interfaces take nearly all of ΔV and t+ rests on the small remainder.
    /// </summary>
    public const double ConditioningLimit = 10;

    /// <summary>
    /// The sensitivity of t+ to the fitted interface resistances: max(I_0R_0/(ΔV − I_0R_0), I_ssR_ss/(ΔV − I_ssR_ss)),
    /// the relative change of t+ per relative change of R_0 or R_ss (∂ln t+/∂ln R of the formula). With R_0 = 4 R_b it
    /// is 4; when the interfaces take 99 % of ΔV it is 99.
    /// </summary>
    public static double Sensitivity(double deltaV, double i0, double iss, double r0, double rss)
    {
        deltaV = Math.Abs(deltaV); i0 = Math.Abs(i0); iss = Math.Abs(iss);
        return Math.Max(i0 * r0 / (deltaV - i0 * r0), iss * rss / (deltaV - iss * rss));
    }

    /// <summary>
    /// t+ from ΔV, I_0, I_ss, R_0 and R_ss (absolute values; A, V, Ω), or null with the reason when a
    /// corrected drop is not positive (the interfacial drop would exceed the set voltage: the spectra
    /// and the hold do not belong to the same cell or state).
    /// </summary>
    public static (double? tPlus, string? reason) Formula(double deltaV, double i0, double iss, double r0, double rss)
    {
        deltaV = Math.Abs(deltaV); i0 = Math.Abs(i0); iss = Math.Abs(iss);
        if (i0 <= 0) return (null, "no initial current");
        double num = deltaV - i0 * r0, den = deltaV - iss * rss;
        if (num <= 0) return (null, $"I_0·R_0 = {i0 * r0 * 1e3:G3} mV is not below ΔV = {deltaV * 1e3:G3} mV: the spectrum before does not describe the cell at the start of the hold");
        if (den <= 0) return (null, $"I_ss·R_ss = {iss * rss * 1e3:G3} mV is not below ΔV = {deltaV * 1e3:G3} mV: the spectrum after does not describe the cell at the end of the hold");
        return (iss * num / (i0 * den), null);
    }

    /// <summary>
    /// Finds the potentiostatic hold in <paramref name="polarisation"/> (the longest run of points with
    /// current at a constant voltage), reads I_0 (its first point), I_ss (the mean over its last
    /// <see cref="SteadyWindow"/>) and ΔV, and R_0, R_ss as R1 + R2 of the domain circuit fitted to the first
    /// sweep of <paramref name="before"/> and the last sweep of <paramref name="after"/>.
    /// </summary>
    public static BruceVincent Of(CyclingDataset polarisation, IReadOnlyList<ImpedanceSpectrum> before, IReadOnlyList<ImpedanceSpectrum> after, string source,
        string circuit = EisAnalysis.DomainCircuit, bool initialFromFirstPoint = false)
    {
        var (start, end) = FindHold(polarisation) ?? throw new InputException(
            "no potentiostatic hold found: expected a run of at least 5 points with current at a constant voltage (within 0.5 mV or 2 %)", source);
        var t = polarisation.TimeS; var v = polarisation.Voltage; var c = polarisation.Current;
        double deltaV = Median(v, start, end);
        double iFirst = Math.Abs(c[start]);
        double t0 = t[start] - (start > 0 ? t[start - 1] : t[start]);
        double duration = t[end] - t[start];
        double windowStart = t[end] - SteadyWindow * duration;
        double sum = 0; int n = 0;
        for (int k = end; k >= start && t[k] >= windowStart; k--) { sum += Math.Abs(c[k]); n++; }
        double iss = sum / n;
        var warnings = new List<string>();
        double tailStart = t[end] - 0.1 * duration;
        int kt = start;
        while (kt < end && t[kt] < tailStart) kt++;
        double drift = Math.Abs(Math.Abs(c[end]) - Math.Abs(c[kt])) / Math.Max(iss, 1e-300);
        if (drift > SteadyTolerance)
            warnings.Add($"the current still changes by {drift:P1} over the last 10 % of the hold: I_ss may not be the steady state");
        if (Math.Abs(deltaV) > LinearLimit)
            warnings.Add($"ΔV = {deltaV * 1e3:G3} mV: the method assumes a linear response (about 10 mV)");
        if (iss > iFirst) warnings.Add("the current rose during the hold: not a Bruce–Vincent polarisation");
        var c0 = Impedance.Circuit.Parse(circuit);
        var (rb, r0) = Resistances(before, first: true, c0, source);
        var (_, rss) = Resistances(after, first: false, c0, source);
        double iCalc = Math.Abs(deltaV) / (rb + r0);
        double i0 = initialFromFirstPoint ? iFirst : iCalc;
        if (Math.Abs(iFirst - iCalc) > 0.1 * iCalc)
            warnings.Add($"the first point's current ({iFirst * 1e6:G3} µA) and ΔV/(R_b + R_0) ({iCalc * 1e6:G3} µA) differ by {Math.Abs(iFirst - iCalc) / iCalc:P0}");
        var (tp, why) = Formula(deltaV, i0, iss, r0, rss);
        if (tp is { } x && (x < 0 || x > 1)) warnings.Add($"t+ = {x:G3} lies outside 0–1");
        if (tp is not null && Sensitivity(deltaV, i0, iss, r0, rss) is var gain && gain > ConditioningLimit)
            warnings.Add($"the interfaces take {Math.Max(i0 * r0, iss * rss) / Math.Abs(deltaV):P1} of ΔV: a 1 % error in R_0 or R_ss moves t+ by {gain:G2} %, " +
                         "so this hold does not determine t+ (interfaces far more resistive than the bulk, or a single-ion conductor)");
        return new BruceVincent(deltaV, i0, iFirst, rb, initialFromFirstPoint ? "first point of the hold" : "ΔV/(R_b + R_0)", circuit,
            iss, r0, rss, tp, why, t[start], t[end], t0, warnings);
    }

    /// <summary>
    /// The bulk resistance (the circuit's R0) and the interface resistance (every other R element) of the
    /// circuit fitted to the first (before) or last (after) sweep (Ω).
    /// </summary>
    static (double bulk, double interfaces) Resistances(IReadOnlyList<ImpedanceSpectrum> spectra, bool first, Impedance.Circuit circuit, string source)
    {
        if (spectra.Count == 0) throw new InputException("the impedance file holds no spectrum", source);
        if (!circuit.Parameters.Any(p => p.ElementName == "R0" && p.Element.Symbol == "R"))
            throw new InputException($"circuit {circuit.Text} has no resistor R0: the bulk resistance must be the resistor named R0", source);
        var fit = Impedance.EisFitter.Fit(first ? spectra[0] : spectra[^1], circuit);
        double bulk = fit["R0"].Value, sum = 0;
        foreach (var p in circuit.Parameters)
            if (p.Element.Symbol == "R" && p.ElementName != "R0") sum += fit[p.Name].Value;
        return (bulk, sum);
    }

    /// <summary>The longest run (by duration) of points with current at a constant voltage, or null.</summary>
    static (int start, int end)? FindHold(CyclingDataset d)
    {
        (int, int)? best = null; double bestDur = 0;
        int k = 0, n = d.Count;
        while (k < n)
        {
            if (d.Current[k] == 0) { k++; continue; }
            double v0 = d.Voltage[k], tol = Math.Max(5e-4, 0.02 * Math.Abs(v0));
            int e = k;
            while (e + 1 < n && d.Current[e + 1] != 0 && Math.Abs(d.Voltage[e + 1] - v0) <= tol
                   && Math.Sign(d.Current[e + 1]) == Math.Sign(d.Current[k])) e++;
            if (e - k + 1 >= 5 && d.TimeS[e] - d.TimeS[k] > bestDur) { best = (k, e); bestDur = d.TimeS[e] - d.TimeS[k]; }
            k = e + 1;
        }
        return best;
    }

    static double Median(double[] x, int start, int end)
    {
        var s = x[start..(end + 1)];
        Array.Sort(s);
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
