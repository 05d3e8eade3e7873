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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Refine(Circuit circuit, ImpedanceSpectrum spectrum, IReadOnlyList<(ElementType Type, int Start)> series, double[] p)
    {
        // Groups in order of first appearance (as GroupBy gives them), without building keys.
        var groups = new List<List<(ElementType Type, int Start)>>();
        foreach (var e in series)
        {
            if (e.Type.Amplitude is null) continue;
            List<(ElementType Type, int Start)>? group = null;
            foreach (var g in groups)
                if (SameShape(g[0].Type, g[0].Start, e.Type, e.Start, p)) { group = g; break; }
            if (group is null) groups.Add(group = []);
            group.Add(e);
        }
        int m = groups.Count;
        if (m == 0) return;
        var f = spectrum.FrequenciesHz;
        int n = f.Length;
        var total = circuit.Evaluate(f, p);
        // Columns: each group's impedance, relative to |Z| of the data (modulus weighting); basis[g * n + i].
        var basis = new Complex[m * n];
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
                basis[g * n + i] = z / mag;
            }
            target[i] = (spectrum.Impedance[i] - rest) / mag;
        }
        var ata = new double[m * m];
        var atb = new double[m];
        for (int a = 0; a < m; a++)
        {
            for (int i = 0; i < n; i++)
            {
                var ba = basis[a * n + i];
                atb[a] += ba.Real * target[i].Real + ba.Imaginary * target[i].Imaginary;
                for (int b = 0; b < m; b++)
                    ata[a * m + b] += ba.Real * basis[b * n + i].Real + ba.Imaginary * basis[b * n + i].Imaginary;
            }
        }
        foreach (var v in ata) if (!double.IsFinite(v)) return;
        foreach (var v in atb) if (!double.IsFinite(v)) return;
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

    /// <summary>
    /// Same symbol and the same values of every parameter other than the amplitude: the key the groups
    /// were first formed by (the symbol and the round-trip texts of those values), compared directly.
    /// </summary>
    static bool SameShape(ElementType a, int startA, ElementType b, int startB, double[] p)
    {
        if (!string.Equals(a.Symbol, b.Symbol, StringComparison.Ordinal)) return false;
        int amplitude = a.Amplitude!.Value.Index;
        for (int k = 0; k < a.ParameterCount; k++)
        {
            if (k == amplitude) continue;
            double x = p[startA + k], y = p[startB + k];
            // round-trip texts are equal exactly when the bits are (every NaN prints "NaN")
            if (BitConverter.DoubleToInt64Bits(x) != BitConverter.DoubleToInt64Bits(y) && !(double.IsNaN(x) && double.IsNaN(y))) return false;
        }
        return true;
    }
}
