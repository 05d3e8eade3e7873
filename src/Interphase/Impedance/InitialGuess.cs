using Interphase.Data.Eis;

namespace Interphase.Impedance;

/// <summary>What the automatic initial guess reads from a spectrum before it looks at the circuit.</summary>
/// <param name="OmegaMin">Lowest angular frequency (rad/s).</param>
/// <param name="OmegaMax">Highest angular frequency (rad/s).</param>
/// <param name="HighFrequencyResistance">High-frequency intercept R∞ (Ω), extrapolated by a non-negative RC distribution.</param>
/// <param name="Inductance">Series inductance (H) seen at high frequency (0 if none).</param>
/// <param name="Peaks">Peaks of a coarse relaxation-time distribution as (R in Ω, τ in s), fastest first; the slowest may be a diffusion or blocking tail.</param>
/// <param name="LowFrequencyReactance">|Z''| at the lowest frequency (Ω).</param>
/// <param name="Scale">Median |Z| (Ω): the scale of the spectrum.</param>
public sealed record SpectrumFeatures(
    double OmegaMin,
    double OmegaMax,
    double HighFrequencyResistance,
    double Inductance,
    IReadOnlyList<(double R, double Tau)> Peaks,
    double LowFrequencyReactance,
    double Scale);

/// <summary>
/// Automatic starting values, so that a fit needs no guesses from the user. The spectrum is first
/// described by a coarse non-negative distribution of RC time constants (NNLS with a smoothness
/// penalty): its constant term is the high-frequency intercept, its peaks are the arcs (resistance =
/// area, τ at the maximum); when the circuit has a diffusion element or a series capacitor, peaks
/// slower than 0.3/ω_min are its low-frequency tail. The circuit is then read as
/// slots: series resistors share R∞; each parallel connection or relaxation element (K, Zarc, G, …)
/// is an arc and takes the peaks fastest-first in the order they are written; capacitive elements in
/// an arc get C = τ/R or Q = τ^α/R; diffusion elements and series capacitors take the tail;
/// inductors take the high-frequency inductance. Each element turns its (R, τ) into parameters with
/// its own <see cref="ElementType.Guess"/>.
/// </summary>
public static class InitialGuess
{
    /// <summary>A full parameter vector for the circuit (SI units).</summary>
    public static double[] For(Circuit circuit, ImpedanceSpectrum spectrum) => For(circuit, Features(spectrum));

    /// <summary>The exponent CPE-like elements start from unless told otherwise.</summary>
    public const double DefaultExponent = 0.85;

    /// <summary>The spectrum's intercepts, arcs and tail.</summary>
    public static SpectrumFeatures Features(ImpedanceSpectrum spectrum)
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
        var peaks = Drt.Peaks(grid, density, 0.02, grid[0], grid[^1]);
        int lo = Array.IndexOf(f, f.Min());
        return new SpectrumFeatures(wMin, wMax, x[0] * scale, x[1] * scale,
            peaks.Where(p => p.Resistance > 0).Select(p => (p.Resistance, p.TimeConstant)).ToArray(),
            Math.Abs(spectrum.Impedance[lo].Imaginary), scale);
    }

    enum Slot { Ohmic, Inductive, Blocking, Diffusion }

    sealed class ArcUnit
    {
        public List<(ElementType Type, int Start)> Members { get; } = new();
    }

    /// <summary>A full parameter vector for the circuit from precomputed features.</summary>
    public static double[] For(Circuit circuit, SpectrumFeatures s, double exponent = DefaultExponent)
    {
        var units = new List<ArcUnit>();
        var slots = new List<(Slot Kind, ElementType Type, int Start)>();
        int next = 0;
        Walk(circuit.Root, null);

        void Walk(CircuitNode node, ArcUnit? arc)
        {
            switch (node)
            {
                case ElementNode e:
                {
                    var t = Elements.Find(Circuit.SymbolOf(e.Name))!;
                    int start = next;
                    next += t.ParameterCount;
                    switch (t.Role)
                    {
                        case ElementRole.Relaxation:
                            var own = new ArcUnit();
                            own.Members.Add((t, start));
                            units.Add(own);
                            break;
                        case ElementRole.Resistor when arc is null:
                            slots.Add((Slot.Ohmic, t, start)); break;
                        case ElementRole.Capacitive when arc is null:
                            slots.Add((Slot.Blocking, t, start)); break;
                        case ElementRole.Inductive:
                            slots.Add((Slot.Inductive, t, start)); break;
                        case ElementRole.Diffusion:
                            slots.Add((Slot.Diffusion, t, start)); break;
                        default:
                            arc!.Members.Add((t, start)); break;
                    }
                    break;
                }
                case SeriesNode sn:
                    foreach (var part in sn.Parts) Walk(part, arc);
                    break;
                case ParallelNode pn:
                    var unit = new ArcUnit();
                    units.Add(unit);
                    foreach (var b in pn.Branches) Walk(b, unit);
                    break;
            }
        }

        var p = new double[circuit.ParameterCount];
        bool hasTailSlot = slots.Any(x => x.Kind is Slot.Diffusion or Slot.Blocking);
        // With a diffusion element or a series capacitor in the circuit, distribution mass in the
        // lowest measured decade (τ > 0.3/ω_min) is its tail rather than an arc.
        var arcs = new List<(double R, double Tau)>();
        double tail = 0;
        foreach (var pk in s.Peaks)
        {
            if (hasTailSlot && pk.Tau > 0.3 / s.OmegaMin) tail += pk.R;
            else arcs.Add(pk);
        }
        arcs = Reconcile(arcs, units.Count, s);

        double rSeries = Math.Max(s.HighFrequencyResistance, 1e-3 * s.Scale);
        int ohmic = slots.Count(x => x.Kind == Slot.Ohmic);
        foreach (var (kind, type, start) in slots)
        {
            double[] v = kind switch
            {
                Slot.Ohmic => type.Guess(rSeries / ohmic, 1 / s.OmegaMax, exponent),
                Slot.Inductive => type.Guess(Math.Max(s.Inductance * s.OmegaMax, 1e-3 * rSeries), 1 / s.OmegaMax, exponent),
                Slot.Blocking => type.Guess(Math.Max(s.LowFrequencyReactance, 1e-2 * s.Scale), 1 / s.OmegaMin, exponent),
                _ => type.Guess(Math.Max(Math.Max(tail, s.LowFrequencyReactance), 1e-2 * s.Scale), 1 / s.OmegaMin, exponent),
            };
            v.CopyTo(p, start);
        }
        for (int u = 0; u < units.Count; u++)
        {
            var (r, tau) = arcs[u];
            foreach (var (type, start) in units[u].Members)
                type.Guess(r, tau, exponent).CopyTo(p, start);
        }
        return p;
    }

    /// <summary>Merge the smallest arcs or split the largest until there is one arc per arc slot.</summary>
    static List<(double R, double Tau)> Reconcile(List<(double R, double Tau)> arcs, int want, SpectrumFeatures s)
    {
        arcs = arcs.OrderBy(a => a.Tau).ToList();
        if (arcs.Count == 0 && want > 0)
            arcs.Add((Math.Max(0.5 * s.Scale, 1e-12), 1 / Math.Sqrt(s.OmegaMin * s.OmegaMax)));
        while (arcs.Count > want && arcs.Count > 1)
        {
            int k = 0;
            for (int i = 1; i < arcs.Count; i++) if (arcs[i].R < arcs[k].R) k = i;
            int nb = k == 0 ? 1 : k == arcs.Count - 1 ? k - 1
                : Math.Abs(Math.Log(arcs[k - 1].Tau / arcs[k].Tau)) < Math.Abs(Math.Log(arcs[k + 1].Tau / arcs[k].Tau)) ? k - 1 : k + 1;
            var (ra, ta) = arcs[k];
            var (rb, tb) = arcs[nb];
            double rr = ra + rb;
            arcs[nb] = (rr, Math.Exp((ra * Math.Log(ta) + rb * Math.Log(tb)) / rr));
            arcs.RemoveAt(k);
        }
        if (want == 0) return arcs;
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
}
