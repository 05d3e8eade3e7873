using System.Numerics;
using Interphase.Data.Eis;

namespace Interphase.Impedance;

/// <summary>What the automatic initial guess reads from a spectrum before it looks at the circuit.</summary>
/// <param name="OmegaMin">Lowest angular frequency (rad/s).</param>
/// <param name="OmegaMax">Highest angular frequency (rad/s).</param>
/// <param name="HighFrequencyResistance">High-frequency intercept R∞ (Ω), extrapolated by a non-negative RC distribution.</param>
/// <param name="Inductance">Series inductance (H) seen at high frequency (0 if none).</param>
/// <param name="Peaks">Peaks of a coarse relaxation-time distribution as (R in Ω, τ in s), fastest first; the slowest may be a diffusion or blocking tail.</param>
/// <param name="LowFrequencyImpedance">Z at the lowest frequency (Ω).</param>
/// <param name="Scale">Median |Z| (Ω): the scale of the spectrum.</param>
/// <param name="TailExponent">α of a capacitive tail read from the lowest decade, −Z'' ∝ ω^−α (see <see cref="InitialGuess.TailExponent"/>), or null.</param>
internal sealed record SpectrumFeatures(
    double OmegaMin,
    double OmegaMax,
    double HighFrequencyResistance,
    double Inductance,
    IReadOnlyList<(double R, double Tau)> Peaks,
    Complex LowFrequencyImpedance,
    double Scale,
    double? TailExponent);

/// <summary>
/// Automatic starting values, so that a fit needs no guesses from the user. The spectrum is first
/// described by a coarse non-negative distribution of RC time constants (NNLS with a smoothness
/// penalty): its constant term is the high-frequency intercept, its peaks are the arcs (resistance =
/// area, τ at the maximum). The circuit is then read as slots: series resistors share R∞; each
/// parallel connection or relaxation element (K, Zarc, G, …) is an arc and takes one of the peaks,
/// fastest first, in the order they are written; capacitive elements in an arc get C = τ/R or
/// Q = τ^α/R; diffusion elements and series capacitors share the low-frequency impedance left over
/// after R∞ and the arcs and match it at ω_min (a series CPE starts from the exponent of the
/// low-frequency slope, <see cref="TailExponent"/>); inductors take the high-frequency inductance.
/// Each element turns its slot into parameters with its own <see cref="ElementType.Guess"/>. The
/// elements in series at the top level then share the spectrum by linear least squares on their
/// amplitudes (<see cref="SeriesAmplitudes"/>), which also covers circuits without any arc
/// (R0-CPE1, R0-C1, R0-W1, L0-R0-CPE1, R0-R1, …). Which peaks become arcs is decided by trying the
/// choices and keeping the one closest to the data.
/// </summary>
public static class InitialGuess
{
    /// <summary>The exponent CPE-like elements start from unless told otherwise.</summary>
    public const double DefaultExponent = 0.85;

    /// <summary>The best starting vector for the circuit (SI units): the candidate closest to the data.</summary>
    public static double[] For(Circuit circuit, ImpedanceSpectrum spectrum)
    {
        var features = Features(spectrum);
        return WithExponent(circuit, spectrum, features, RankedArcs(circuit, spectrum, features, DefaultExponent)[0], DefaultExponent);
    }

    /// <summary>The spectrum's intercepts, arcs and tail.</summary>
    internal static SpectrumFeatures Features(ImpedanceSpectrum spectrum)
    {
        var f = spectrum.FrequenciesHz;
        double wMin = 2 * Math.PI * f.Min(), wMax = 2 * Math.PI * f.Max();
        int perDecade = 5;
        var grid = Drt.Grid(f, perDecade);
        var problem = DrtProblem.Build(spectrum, grid, (w, y) =>
        {
            double wt = w * Math.Exp(y), d = 1 + wt * wt;
            return (1 / d, -wt / d);
        }, inductance: true);
        int m = grid.Length;
        // Penalty on second differences of the discrete distribution.
        var pen = new double[m * m];
        for (int i = 1; i + 1 < m; i++)
        {
            int[] idx = [i - 1, i, i + 1];
            double[] c = [1, -2, 1];
            for (int a = 0; a < 3; a++)
                for (int b = 0; b < 3; b++) pen[idx[a] * m + idx[b]] += c[a] * c[b];
        }
        var x = problem.SolveNonNegative(pen, 1e-3);
        double scale = problem.Scale;
        double dy = grid[1] - grid[0];
        var density = Enumerable.Range(0, m).Select(j => x[problem.Offset + j] * scale / dy).ToArray();
        var peaks = Drt.Peaks(grid, density, 0.02);
        int lo = Array.IndexOf(f, f.Min());
        return new SpectrumFeatures(wMin, wMax, x[0] * scale, x[1] * scale,
            peaks.Where(p => p.Resistance > 0).Select(p => (p.Resistance, p.TimeConstant)).ToArray(),
            spectrum.Impedance[lo], scale, TailExponent(spectrum));
    }

    /// <summary>
    /// The exponent of a capacitive low-frequency tail: a CPE in series gives −Z'' = sin(απ/2) / (Q ω^α),
    /// so α = −d ln(−Z'') / d ln ω, here the least-squares slope over the points of the lowest decade
    /// (at least three, all with Z'' &lt; 0). Series resistances do not enter Z''. Null when there is no
    /// such tail (too few points, Z'' ≥ 0, or −Z'' not growing towards low frequency); a slope beyond
    /// (0.3, 1) is brought to the nearer end, since it only starts the fit.
    /// </summary>
    internal static double? TailExponent(ImpedanceSpectrum spectrum) =>
        TailSlope(spectrum) is double a ? Math.Clamp(a, 0.3, 1.0) : null;

    /// <summary>−d ln(−Z'') / d ln ω over the lowest decade as measured (not brought into a range), or null (see <see cref="TailExponent"/>).</summary>
    internal static double? TailSlope(ImpedanceSpectrum spectrum)
    {
        var f = spectrum.FrequenciesHz;
        double fMin = f.Min();
        var tail = Enumerable.Range(0, f.Length).Where(i => f[i] <= 10 * fMin).ToArray();
        if (tail.Length < 3 || tail.Any(i => !(spectrum.Impedance[i].Imaginary < 0))) return null;
        var (_, slope) = MathNet.Numerics.Fit.Line(
            tail.Select(i => Math.Log(f[i])).ToArray(),
            tail.Select(i => Math.Log(-spectrum.Impedance[i].Imaginary)).ToArray());
        if (!double.IsFinite(slope) || slope >= 0) return null;
        return -slope;
    }

    enum Slot { Ohmic, Inductive, Blocking, Diffusion }

    /// <summary>The circuit read as arc units (parallel connections, relaxation elements) and series slots.</summary>
    sealed class Layout
    {
        public List<List<(ElementType Type, int Start)>> Units { get; } = new();
        public List<(Slot Kind, ElementType Type, int Start)> Slots { get; } = new();
        /// <summary>The elements in series at the top level (outside every parallel connection), arcs excepted.</summary>
        public List<(ElementType Type, int Start)> Series { get; } = new();
        public bool HasTail => Slots.Any(x => x.Kind is Slot.Diffusion or Slot.Blocking);

        public static Layout Read(Circuit circuit)
        {
            var layout = new Layout();
            int next = 0;
            Walk(circuit.Root, null);
            return layout;

            void Walk(CircuitNode node, List<(ElementType, int)>? arc)
            {
                switch (node)
                {
                    case ElementNode e:
                    {
                        var t = Elements.Find(Circuit.SymbolOf(e.Name))!;
                        int start = next;
                        next += t.ParameterCount;
                        if (arc is null && t.Role != ElementRole.Relaxation) layout.Series.Add((t, start));
                        switch (t.Role)
                        {
                            case ElementRole.Relaxation: layout.Units.Add([(t, start)]); break;
                            case ElementRole.Resistor when arc is null: layout.Slots.Add((Slot.Ohmic, t, start)); break;
                            case ElementRole.Capacitive when arc is null: layout.Slots.Add((Slot.Blocking, t, start)); break;
                            case ElementRole.Inductive: layout.Slots.Add((Slot.Inductive, t, start)); break;
                            case ElementRole.Diffusion: layout.Slots.Add((Slot.Diffusion, t, start)); break;
                            default: arc!.Add((t, start)); break;
                        }
                        break;
                    }
                    case SeriesNode sn:
                        foreach (var part in sn.Parts) Walk(part, arc);
                        break;
                    case ParallelNode pn:
                        var unit = new List<(ElementType, int)>();
                        layout.Units.Add(unit);
                        foreach (var b in pn.Branches) Walk(b, unit);
                        break;
                }
            }
        }
    }

    /// <summary>The best-ranked arc assignment filled in with another starting exponent.</summary>
    internal static double[] WithExponent(Circuit circuit, ImpedanceSpectrum spectrum, SpectrumFeatures s, List<(double R, double Tau)> arcs, double exponent) =>
        Fill(circuit, spectrum, Layout.Read(circuit), s, arcs, exponent);

    /// <summary>
    /// The candidate assignments of distribution peaks to the circuit's arc slots, best first by the
    /// modulus-weighted misfit of the starting vector they give: every choice of as many peaks as
    /// there are arc slots among the six largest, each as picked and with the unpicked peaks'
    /// resistance merged into the nearest picked one (peaks slower than all picked ones are left to a
    /// tail element if the circuit has one).
    /// </summary>
    internal static List<List<(double R, double Tau)>> RankedArcs(Circuit circuit, ImpedanceSpectrum spectrum, SpectrumFeatures s, double exponent)
    {
        var layout = Layout.Read(circuit);
        var choices = ArcChoices(s, layout.Units.Count, layout.HasTail).ToList();
        if (choices.Count == 1) return choices;
        var f = spectrum.FrequenciesHz;
        var z = new Complex[f.Length];
        var scored = choices.Select(arcs =>
        {
            var p = Fill(circuit, spectrum, layout, s, arcs, exponent);
            circuit.Evaluate(f, p, z, Span<Complex>.Empty);
            double sse = 0;
            for (int i = 0; i < f.Length; i++)
            {
                var d = (z[i] - spectrum.Impedance[i]).Magnitude / spectrum.Impedance[i].Magnitude;
                sse += d * d;
            }
            return (arcs, sse: double.IsFinite(sse) ? sse : double.PositiveInfinity);
        });
        return scored.OrderBy(c => c.sse).Select(c => c.arcs).ToList();
    }

    static IEnumerable<List<(double R, double Tau)>> ArcChoices(SpectrumFeatures s, int want, bool hasTail)
    {
        var peaks = s.Peaks.OrderByDescending(p => p.R).Take(6).OrderBy(p => p.Tau).ToList();
        if (want == 0)
        {
            yield return [];
            yield break;
        }
        if (peaks.Count <= want)
        {
            yield return Split(peaks, want, s);
            yield break;
        }
        foreach (var pick in Combinations(peaks.Count, want))
        {
            var chosen = pick.Select(i => peaks[i]).ToList();
            yield return chosen;
            var merged = chosen.ToList();
            for (int i = 0; i < peaks.Count; i++)
            {
                if (pick.Contains(i)) continue;
                if (hasTail && peaks[i].Tau > chosen[^1].Tau) continue;
                int near = 0;
                for (int k = 1; k < chosen.Count; k++)
                    if (Math.Abs(Math.Log(chosen[k].Tau / peaks[i].Tau)) < Math.Abs(Math.Log(chosen[near].Tau / peaks[i].Tau))) near = k;
                merged[near] = (merged[near].R + peaks[i].R, merged[near].Tau);
            }
            yield return merged;
        }
    }

    static IEnumerable<int[]> Combinations(int n, int k)
    {
        if (k == 0) { yield return []; yield break; }
        var idx = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])idx.Clone();
            int i = k - 1;
            while (i >= 0 && idx[i] == n - k + i) i--;
            if (i < 0) yield break;
            idx[i]++;
            for (int j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
        }
    }

    /// <summary>Too few peaks: split the largest into two a decade apart until every arc slot has one.</summary>
    static List<(double R, double Tau)> Split(List<(double R, double Tau)> arcs, int want, SpectrumFeatures s)
    {
        arcs = arcs.ToList();
        if (arcs.Count == 0 && want > 0)
            arcs.Add((Math.Max(0.5 * s.Scale, 1e-12), 1 / Math.Sqrt(s.OmegaMin * s.OmegaMax)));
        while (arcs.Count < want)
        {
            int k = 0;
            for (int i = 1; i < arcs.Count; i++) if (arcs[i].R > arcs[k].R) k = i;
            var (r, t) = arcs[k];
            arcs[k] = (r / 2, t * Math.Sqrt(10));
            arcs.Insert(k, (r / 2, t / Math.Sqrt(10)));
        }
        return arcs;
    }

    /// <summary>The parameter vector for one assignment of arcs (fastest first) to the arc slots.</summary>
    static double[] Fill(Circuit circuit, ImpedanceSpectrum spectrum, Layout layout, SpectrumFeatures s, List<(double R, double Tau)> arcs, double exponent)
    {
        var p = new double[circuit.ParameterCount];
        double rSeries = Math.Max(s.HighFrequencyResistance, 1e-3 * s.Scale);
        int ohmic = layout.Slots.Count(x => x.Kind == Slot.Ohmic);
        // What the tail elements share: the low-frequency impedance left after R∞ and the arcs.
        int tails = Math.Max(1, layout.Slots.Count(x => x.Kind is Slot.Diffusion or Slot.Blocking));
        var tail = (s.LowFrequencyImpedance - s.HighFrequencyResistance - arcs.Take(layout.Units.Count).Sum(a => a.R)) / tails;
        if (tail.Magnitude < 1e-2 * s.Scale) tail = new Complex(0, -1e-2 * s.Scale);
        foreach (var (kind, type, start) in layout.Slots)
        {
            double[] v = kind switch
            {
                Slot.Ohmic => type.Guess(new GuessContext(rSeries / ohmic, 1 / s.OmegaMax, exponent, rSeries / ohmic, s.OmegaMax)),
                Slot.Inductive => type.Guess(new GuessContext(Math.Max(s.Inductance * s.OmegaMax, 1e-3 * rSeries), 1 / s.OmegaMax, exponent, 0, s.OmegaMax)),
                Slot.Blocking => type.Guess(new GuessContext(tail.Magnitude, 1 / s.OmegaMin, s.TailExponent ?? exponent, tail, s.OmegaMin)),
                _ => type.Guess(new GuessContext(tail.Magnitude, 1 / s.OmegaMin, exponent, tail, s.OmegaMin)),
            };
            v.CopyTo(p, start);
        }
        for (int u = 0; u < layout.Units.Count; u++)
        {
            var (r, tau) = arcs[u];
            foreach (var (type, start) in layout.Units[u])
                type.Guess(new GuessContext(r, tau, exponent, r, 1 / tau)).CopyTo(p, start);
        }
        SeriesAmplitudes.Refine(circuit, spectrum, layout.Series, p);
        return p;
    }
}
