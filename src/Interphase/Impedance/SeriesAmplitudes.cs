using System.Numerics;
using Interphase.Data.Eis;

namespace Interphase.Impedance;

/// <summary>
/// The last step of the automatic initial guess: how the spectrum is shared among the elements in
/// series at the top level of the circuit (resistors, capacitors, CPEs, inductors, diffusion elements
/// outside any parallel connection). With every element's shape held (exponents, time constants) and
/// everything else in the circuit held, the impedance is linear in each such element's amplitude
/// (<see cref="ElementType.Amplitude"/>):
/// <code>
/// Ẑ(ω) = Z_rest(ω) + Σ_g s_g Z_g(ω),  s_g ≥ 0,
/// </code>
/// and the factors minimise the modulus-weighted misfit Σᵢ |Zᵢ − Ẑ(ωᵢ)|² / |Zᵢ|², a non-negative
/// linear least-squares problem (<see cref="Nnls"/>) with one unknown per group. A group is the
/// elements of one type with the same shape (two series resistors, two ideal capacitors): their
/// impedances are proportional, so they share one factor and keep the split the slots gave them.
/// The unrefined guess is the point s = 1, so the refined one is never further from the data —
/// except for a group the data give no share (s = 0), which starts at <see cref="EmptyShare"/> of
/// its slot guess, since a fitted amplitude cannot start at 0 on a log scale.
/// </summary>
internal static class SeriesAmplitudes
{
    /// <summary>Factor given to a group whose least-squares share is zero.</summary>
    public const double EmptyShare = 1e-2;

    /// <summary>Rescale the amplitudes of <paramref name="series"/> (element type, index of its first parameter) in <paramref name="p"/>.</summary>
    public static void Refine(Circuit circuit, ImpedanceSpectrum spectrum, IReadOnlyList<(ElementType Type, int Start)> series, double[] p)
    {
        var groups = series.Where(e => e.Type.Amplitude is not null)
            .GroupBy(e => ShapeKey(e.Type, e.Start, p))
            .Select(g => g.ToList()).ToList();
        int m = groups.Count;
        if (m == 0) return;
        var f = spectrum.FrequenciesHz;
        int n = f.Length;
        var total = circuit.Evaluate(f, p);
        // Columns: each group's impedance, relative to |Z| of the data (modulus weighting).
        var basis = new Complex[m, n];
        var target = new Complex[n];
        for (int i = 0; i < n; i++)
        {
            double w = 2 * Math.PI * f[i], lw = Math.Log(w), mag = spectrum.Impedance[i].Magnitude;
            var rest = total[i];
            for (int g = 0; g < m; g++)
            {
                var z = Complex.Zero;
                foreach (var (type, start) in groups[g])
                    z += type.Impedance(p.AsSpan(start, type.ParameterCount), w, lw, Span<Complex>.Empty);
                rest -= z;
                basis[g, i] = z / mag;
            }
            target[i] = (spectrum.Impedance[i] - rest) / mag;
        }
        var ata = new double[m * m];
        var atb = new double[m];
        for (int a = 0; a < m; a++)
        {
            for (int i = 0; i < n; i++)
            {
                atb[a] += basis[a, i].Real * target[i].Real + basis[a, i].Imaginary * target[i].Imaginary;
                for (int b = 0; b < m; b++)
                    ata[a * m + b] += basis[a, i].Real * basis[b, i].Real + basis[a, i].Imaginary * basis[b, i].Imaginary;
            }
        }
        if (!ata.All(double.IsFinite) || !atb.All(double.IsFinite)) return;
        var s = Nnls.Solve(ata, atb, m);
        for (int g = 0; g < m; g++)
        {
            double factor = s[g] > 0 && double.IsFinite(s[g]) ? s[g] : EmptyShare;
            foreach (var (type, start) in groups[g])
            {
                var (index, power) = type.Amplitude!.Value;
                p[start + index] *= Math.Pow(factor, power);
            }
        }
    }

    /// <summary>The element's symbol and the values of its parameters other than the amplitude.</summary>
    static string ShapeKey(ElementType type, int start, double[] p)
    {
        int amplitude = type.Amplitude!.Value.Index;
        var shape = Enumerable.Range(0, type.ParameterCount).Where(k => k != amplitude).Select(k => p[start + k].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return type.Symbol + "|" + string.Join("|", shape);
    }
}
