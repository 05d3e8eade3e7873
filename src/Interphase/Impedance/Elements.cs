using System.Numerics;
using static Interphase.Impedance.ComplexMath;

namespace Interphase.Impedance;

/// <summary>The range a parameter lives in; the fitter maps each kind to an unbounded variable.</summary>
public enum ParameterKind
{
    /// <summary>0 &lt; p &lt; ∞ (resistances, capacitances, time constants): fitted as ln p.</summary>
    Positive,
    /// <summary>0 &lt; p ≤ 1 (CPE and dispersion exponents): fitted through a bounded transform.</summary>
    Exponent,
}

/// <summary>What an element does in a spectrum; the automatic initial guess uses it to give the element a scale.</summary>
public enum ElementRole
{
    /// <summary>A frequency-independent resistance.</summary>
    Resistor,
    /// <summary>A capacitor-like element (C, CPE): its value follows from an arc's R and τ.</summary>
    Capacitive,
    /// <summary>An inductor-like element (L, La): scaled from the high-frequency imaginary part.</summary>
    Inductive,
    /// <summary>An element that is an arc by itself (K, Zarc, G, Gs, HN, TLMQ, T): has its own R and τ.</summary>
    Relaxation,
    /// <summary>A diffusion element (W, Wo, Ws, Wsph): scaled from the low-frequency tail.</summary>
    Diffusion,
}

/// <summary>
/// What the automatic initial guess tells an element about its place in the spectrum: a resistance
/// and a time constant (an arc's R and τ, or for a series element the magnitude and 1/ω where it
/// matters), a starting exponent, and for low-frequency tail elements the complex impedance
/// <see cref="Target"/> they should produce at angular frequency <see cref="Omega"/>.
/// </summary>
public readonly record struct GuessContext(double R, double Tau, double Exponent, Complex Target, double Omega);

/// <summary>One parameter of an element: symbol (Q, alpha, …), SI unit, range and meaning.</summary>
public sealed record ElementParameter(string Symbol, string Unit, ParameterKind Kind, string Meaning);

/// <summary>
/// Impedance of an element at angular frequency ω (ln ω given too, to save a logarithm), and,
/// when <paramref name="dZ"/> is not empty, its derivatives ∂Z/∂p for each parameter.
/// </summary>
public delegate Complex ElementFunction(ReadOnlySpan<double> p, double omega, double lnOmega, Span<Complex> dZ);

/// <summary>
/// An element over a whole spectrum: Z(ωᵢ) into <paramref name="z"/> and, when <paramref name="dZ"/> is not empty,
/// ∂Z(ωᵢ)/∂p_k into <c>dZ[i * stride + k]</c>. It must do the same arithmetic as the element's
/// <see cref="ElementFunction"/> at each point (the fitter's results may not depend on which one ran); what it
/// saves is the per-point call and whatever does not depend on ω.
/// </summary>
internal delegate void ElementSweep(ReadOnlySpan<double> p, ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, Span<Complex> z, Span<Complex> dZ, int stride);

/// <summary>
/// A circuit element: symbol as written in circuit strings, parameters, formula, literature source,
/// impedance with analytic derivatives, and a first guess of its parameters from the place the
/// automatic initial guess assigns to it (<see cref="GuessContext"/>).
/// </summary>
public sealed record ElementType(
    string Symbol,
    string Title,
    string Formula,
    string Source,
    ElementRole Role,
    IReadOnlyList<ElementParameter> Parameters,
    ElementFunction Impedance,
    Func<GuessContext, double[]> Guess)
{
    public int ParameterCount => Parameters.Count;

    /// <summary>
    /// The parameter that sets the element's size without changing its shape: multiplying it by s^Power
    /// multiplies Z(ω) by s at every frequency (R, L, A_W, Z0: power 1; C, Q: power −1). Null when no
    /// single parameter does. The automatic guess uses it to share the spectrum among series elements.
    /// </summary>
    public ElementAmplitude? Amplitude { get; init; }

    /// <summary>The element over a whole spectrum at once (<see cref="ElementSweep"/>), for the common elements; null: point by point.</summary>
    internal ElementSweep? Sweep { get; init; }
}

/// <summary>Z(ω) scales by s when parameter <paramref name="Index"/> is multiplied by s^<paramref name="Power"/>.</summary>
public readonly record struct ElementAmplitude(int Index, int Power);

/// <summary>
/// The element registry. Each element is one entry below: its formula, its source and its code.
/// Symbols, parameter order and formulas follow impedance.py (ECSHackWeek), so that a circuit string
/// written for impedance.py gives the same impedance here; see docs/impedance.md.
/// Adding an element means adding one entry to <see cref="All"/>.
/// </summary>
public static class Elements
{
    static readonly ElementParameter Ohm = new("R", "Ohm", ParameterKind.Positive, "resistance");
    static readonly ElementParameter Tau = new("tau", "s", ParameterKind.Positive, "time constant");

    /// <summary>Every element, in the order docs/impedance.md lists them.</summary>
    public static readonly IReadOnlyList<ElementType> All =
    [
        new("R", "resistor", "Z = R", "Ohm's law", ElementRole.Resistor, [Ohm],
            (p, w, lw, d) =>
            {
                if (!d.IsEmpty) d[0] = 1;
                return p[0];
            },
            g => [g.R]) { Amplitude = new(0, 1), Sweep = ResistorSweep },

        new("C", "capacitor", "Z = 1 / (jωC)", "ideal capacitor", ElementRole.Capacitive,
            [new("C", "F", ParameterKind.Positive, "capacitance")],
            (p, w, lw, d) =>
            {
                var z = new Complex(0, -1 / (w * p[0]));
                if (!d.IsEmpty) d[0] = -z / p[0];
                return z;
            },
            g => [g.Tau / g.R]) { Amplitude = new(0, -1), Sweep = CapacitorSweep },

        new("L", "inductor", "Z = jωL", "ideal inductor", ElementRole.Inductive,
            [new("L", "H", ParameterKind.Positive, "inductance")],
            (p, w, lw, d) =>
            {
                if (!d.IsEmpty) d[0] = new Complex(0, w);
                return new Complex(0, w * p[0]);
            },
            g => [g.R * g.Tau]) { Amplitude = new(0, 1), Sweep = InductorSweep },

        new("CPE", "constant phase element", "Z = 1 / (Q (jω)^α)",
            "Brug et al., J. Electroanal. Chem. 176 (1984) 275; impedance.py CPE", ElementRole.Capacitive,
            [new("Q", "F s^(alpha-1)", ParameterKind.Positive, "CPE coefficient"), new("alpha", "1", ParameterKind.Exponent, "CPE exponent")],
            (p, w, lw, d) =>
            {
                // 1/(Q (jω)^α) = ω^−α / Q · (cos πα/2 − j sin πα/2)
                double mag = Math.Exp(-p[1] * lw) / p[0];
                var (sn, cs) = Math.SinCos(0.5 * Math.PI * p[1]);
                var z = new Complex(mag * cs, -mag * sn);
                if (!d.IsEmpty)
                {
                    d[0] = -z / p[0];
                    d[1] = -z * LnJOmega(lw);
                }
                return z;
            },
            g => [Math.Pow(g.Tau, g.Exponent) / g.R, g.Exponent]) { Amplitude = new(0, -1), Sweep = CpeSweep },

        new("W", "semi-infinite Warburg element", "Z = A_W (1 − j) / √ω",
            "Warburg, Ann. Phys. 303 (1899) 493; impedance.py W", ElementRole.Diffusion,
            [new("A_W", "Ohm s^-1/2", ParameterKind.Positive, "Warburg coefficient")],
            (p, w, lw, d) =>
            {
                var g = new Complex(1, -1) / Math.Sqrt(w);
                if (!d.IsEmpty) d[0] = g;
                return p[0] * g;
            },
            g => [Math.Abs(g.Target.Imaginary) * Math.Sqrt(g.Omega)]) { Amplitude = new(0, 1), Sweep = WarburgSweep },

        new("Wo", "finite-space (open, reflective) Warburg element", "Z = Z0 coth(√(jωτ)) / √(jωτ)",
            "Lasia, Electrochemical Impedance Spectroscopy and its Applications (Springer 2014) §4.4; impedance.py Wo", ElementRole.Diffusion,
            [new("Z0", "Ohm", ParameterKind.Positive, "diffusion resistance"), new("tau", "s", ParameterKind.Positive, "diffusion time L²/D")],
            (p, w, lw, d) =>
            {
                var u = Complex.Sqrt(new Complex(0, w * p[1]));
                var (coth, csch2) = CothCsch2(u);
                var f = coth / u;
                if (!d.IsEmpty)
                {
                    d[0] = f;
                    d[1] = p[0] / (2 * p[1]) * (-csch2 - f);
                }
                return p[0] * f;
            },
            g => OpenWarburgGuess(g)) { Amplitude = new(0, 1) },

        new("Ws", "finite-length (short, transmissive) Warburg element", "Z = Z0 tanh(√(jωτ)) / √(jωτ)",
            "Lasia 2014 §4.4; impedance.py Ws", ElementRole.Diffusion,
            [new("Z0", "Ohm", ParameterKind.Positive, "diffusion resistance"), new("tau", "s", ParameterKind.Positive, "diffusion time L²/D")],
            (p, w, lw, d) =>
            {
                var u = Complex.Sqrt(new Complex(0, w * p[1]));
                var (tanh, sech2) = TanhSech2(u);
                var f = u.Magnitude < 1e-3 ? 1 - u * u / 3 + 2 * u * u * u * u / 15 : tanh / u;
                if (!d.IsEmpty)
                {
                    d[0] = f;
                    var g = u.Magnitude < 1e-3 ? -2 * u * u / 3 + 8 * u * u * u * u / 15 : sech2 - f;
                    d[1] = p[0] / (2 * p[1]) * g;
                }
                return p[0] * f;
            },
            g => ShortWarburgGuess(g)) { Amplitude = new(0, 1) },

        new("Wsph", "finite-space (reflective) diffusion into a sphere", "Z = R_s tanh(s) / (s − tanh(s)), s = √(jωτ)",
            "Jacobsen & West, Electrochim. Acta 40 (1995) 255 (citation not re-checked); as the full-cell model's Z_s (docs/models.md §14.6)", ElementRole.Diffusion,
            [new("R_s", "Ohm", ParameterKind.Positive, "diffusion resistance"), new("tau", "s", ParameterKind.Positive, "diffusion time R²/D")],
            (p, w, lw, d) =>
            {
                var (g, h) = SphereDiffusion(new Complex(0, w * p[1]));
                var f = 1 / g;
                if (!d.IsEmpty)
                {
                    d[0] = f;
                    d[1] = -p[0] * h * f * f / p[1];
                }
                return p[0] * f;
            },
            g => SphereGuess(g)) { Amplitude = new(0, 1) },

        new("G", "Gerischer element", "Z = R_G / √(1 + jωt_G)",
            "Lu, Kreller, Adler, J. Electrochem. Soc. 156 (2009) B513; impedance.py G", ElementRole.Relaxation,
            [new("R_G", "Ohm", ParameterKind.Positive, "Gerischer resistance"), new("t_G", "s", ParameterKind.Positive, "Gerischer time constant")],
            (p, w, lw, d) =>
            {
                var a = new Complex(1, w * p[1]);
                var s = Complex.Sqrt(a);
                var z = p[0] / s;
                if (!d.IsEmpty)
                {
                    d[0] = 1 / s;
                    d[1] = -z * new Complex(0, w) / (2 * a);
                }
                return z;
            },
            g => [g.R, g.Tau]) { Amplitude = new(0, 1) },

        new("Gs", "finite-length Gerischer element", "Z = R_G / (√(1 + jωt_G) tanh(φ √(1 + jωt_G)))",
            "Green, Liu, Adler, Solid State Ionics 179 (2008) 647; impedance.py Gs", ElementRole.Relaxation,
            [new("R_G", "Ohm", ParameterKind.Positive, "Gerischer resistance"), new("t_G", "s", ParameterKind.Positive, "Gerischer time constant"),
             new("phi", "1", ParameterKind.Positive, "finite-length factor")],
            (p, w, lw, d) =>
            {
                var v = Complex.Sqrt(new Complex(1, w * p[1]));
                var (coth, csch2) = CothCsch2(p[2] * v);
                var z = p[0] * coth / v;
                if (!d.IsEmpty)
                {
                    d[0] = coth / v;
                    d[2] = -p[0] * csch2;
                    var dZdv = p[0] * (-csch2 * p[2] / v - coth / (v * v));
                    d[1] = dZdv * new Complex(0, w) / (2 * v);
                }
                return z;
            },
            g => [g.R, g.Tau, 1.0]) { Amplitude = new(0, 1) },

        new("La", "modified inductance (as written in impedance.py)", "Z = (L jω)^α",
            "BioLogic EC-Lab Application Note 42 (2019); impedance.py La raises the product L·jω to α", ElementRole.Inductive,
            [new("L", "H s^(alpha-1)", ParameterKind.Positive, "inductance"), new("alpha", "1", ParameterKind.Exponent, "exponent")],
            (p, w, lw, d) =>
            {
                var z = JOmegaPow(lw + Math.Log(p[0]), p[1]);
                if (!d.IsEmpty)
                {
                    d[0] = p[1] * z / p[0];
                    d[1] = z * LnJOmega(lw + Math.Log(p[0]));
                }
                return z;
            },
            g => [Math.Pow(g.R, 1 / g.Exponent) * g.Tau, g.Exponent]),

        new("K", "RC element with resistance and time constant (Lin-KK)", "Z = R / (1 + jωτ)",
            "Schönleber et al., Electrochim. Acta 131 (2014) 20; impedance.py K", ElementRole.Relaxation,
            [Ohm, Tau],
            (p, w, lw, d) =>
            {
                var den = new Complex(1, w * p[1]);
                var z = p[0] / den;
                if (!d.IsEmpty)
                {
                    d[0] = 1 / den;
                    d[1] = -z * new Complex(0, w) / den;
                }
                return z;
            },
            g => [g.R, g.Tau]) { Amplitude = new(0, 1), Sweep = RcSweep },

        new("Zarc", "ZARC (R‖CPE written with R and τ; Cole–Cole)", "Z = R / (1 + (jωτ)^γ)",
            "Cole & Cole, J. Chem. Phys. 9 (1941) 341; impedance.py Zarc", ElementRole.Relaxation,
            [Ohm, Tau, new("gamma", "1", ParameterKind.Exponent, "dispersion exponent")],
            (p, w, lw, d) =>
            {
                var lwt = lw + Math.Log(p[1]);
                var q = JOmegaPow(lwt, p[2]);
                var den = 1 + q;
                var z = p[0] / den;
                if (!d.IsEmpty)
                {
                    d[0] = 1 / den;
                    var g = -z * q / den;
                    d[1] = g * p[2] / p[1];
                    d[2] = g * LnJOmega(lwt);
                }
                return z;
            },
            g => [g.R, g.Tau, g.Exponent]) { Amplitude = new(0, 1), Sweep = ZarcSweep },

        new("HN", "Havriliak–Negami relaxation", "Z = R / (1 + (jωτ)^α)^β",
            "Havriliak & Negami, Polymer 8 (1967) 161", ElementRole.Relaxation,
            [Ohm, Tau, new("alpha", "1", ParameterKind.Exponent, "width exponent"), new("beta", "1", ParameterKind.Exponent, "asymmetry exponent")],
            (p, w, lw, d) =>
            {
                var lwt = lw + Math.Log(p[1]);
                var q = JOmegaPow(lwt, p[2]);
                var onePlusQ = 1 + q;
                var lnDen = p[3] * Complex.Log(onePlusQ);
                var z = p[0] * Complex.Exp(-lnDen);
                if (!d.IsEmpty)
                {
                    d[0] = z / p[0];
                    var g = -z * p[3] * q / onePlusQ;
                    d[1] = g * p[2] / p[1];
                    d[2] = g * LnJOmega(lwt);
                    d[3] = -z * Complex.Log(onePlusQ);
                }
                return z;
            },
            g => [g.R, g.Tau, g.Exponent, 0.9]) { Amplitude = new(0, 1) },

        new("TLMQ", "simplified transmission line with CPE interface", "Z = √(R_ion Z_s) coth(√(R_ion / Z_s)), Z_s = 1 / (Q_s (jω)^γ)",
            "Landesfeind et al., J. Electrochem. Soc. 163 (2016) A1373, eq. 11; impedance.py TLMQ", ElementRole.Relaxation,
            [new("R_ion", "Ohm", ParameterKind.Positive, "ionic resistance of the pore"), new("Q_s", "F s^(gamma-1)", ParameterKind.Positive, "interface CPE coefficient"),
             new("gamma", "1", ParameterKind.Exponent, "interface CPE exponent")],
            (p, w, lw, d) =>
            {
                // b = √(R_ion Q_s (jω)^γ); Z = R_ion coth(b) / b
                var b = Math.Sqrt(p[0] * p[1]) * JOmegaPow(lw, 0.5 * p[2]);
                var (coth, csch2) = CothCsch2(b);
                var f = coth / b;
                var z = p[0] * f;
                if (!d.IsEmpty)
                {
                    var half = 0.5 * p[0] * (-csch2 - f); // R_ion · F'(b) · b / 2
                    d[0] = f + half / p[0];
                    d[1] = half / p[1];
                    d[2] = half * LnJOmega(lw);
                }
                return z;
            },
            g => [3 * g.R, Math.Pow(g.Tau, g.Exponent) / (3 * g.R), g.Exponent]),

        new("T", "macrohomogeneous porous electrode (Paasch)", "Z = A coth(β)/β + B / (β sinh β), β = √(a + jωb)",
            "Paasch, Micka, Gersdorf, Electrochim. Acta 38 (1993) 2653; impedance.py T", ElementRole.Relaxation,
            [new("A", "Ohm", ParameterKind.Positive, "d(ρ1²+ρ2²)/(ρ1+ρ2)"), new("B", "Ohm", ParameterKind.Positive, "2dρ1ρ2/(ρ1+ρ2)"),
             new("a", "1", ParameterKind.Positive, "kd²/K"), new("b", "s", ParameterKind.Positive, "d²/K")],
            (p, w, lw, d) =>
            {
                var beta = Complex.Sqrt(new Complex(p[2], w * p[3]));
                var (coth, csch2) = CothCsch2(beta);
                var csch = Csch(beta);
                var z = p[0] * coth / beta + p[1] * csch / beta;
                if (!d.IsEmpty)
                {
                    d[0] = coth / beta;
                    d[1] = csch / beta;
                    var dZdBeta = p[0] * (-csch2 / beta - coth / (beta * beta)) + p[1] * (-csch * coth / beta - csch / (beta * beta));
                    d[2] = dZdBeta / (2 * beta);
                    d[3] = dZdBeta * new Complex(0, w) / (2 * beta);
                }
                return z;
            },
            g => [g.R, g.R, 1.0, g.Tau]),
    ];

    // Sweeps of the common elements: each line is the arithmetic of the element's point function above, with what
    // does not depend on ω taken out of the loop (ElementSweep).

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static void ResistorSweep(ReadOnlySpan<double> p, ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, Span<Complex> z, Span<Complex> dZ, int stride)
    {
        for (int i = 0; i < omega.Length; i++)
        {
            if (!dZ.IsEmpty) dZ[i * stride] = 1;
            z[i] = p[0];
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static void CapacitorSweep(ReadOnlySpan<double> p, ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, Span<Complex> z, Span<Complex> dZ, int stride)
    {
        for (int i = 0; i < omega.Length; i++)
        {
            var zi = new Complex(0, -1 / (omega[i] * p[0]));
            if (!dZ.IsEmpty) dZ[i * stride] = ComplexMath.Divide(-zi, p[0]);
            z[i] = zi;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static void InductorSweep(ReadOnlySpan<double> p, ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, Span<Complex> z, Span<Complex> dZ, int stride)
    {
        for (int i = 0; i < omega.Length; i++)
        {
            if (!dZ.IsEmpty) dZ[i * stride] = new Complex(0, omega[i]);
            z[i] = new Complex(0, omega[i] * p[0]);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static void CpeSweep(ReadOnlySpan<double> p, ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, Span<Complex> z, Span<Complex> dZ, int stride)
    {
        var (sn, cs) = Math.SinCos(0.5 * Math.PI * p[1]);
        for (int i = 0; i < omega.Length; i++)
        {
            double mag = Math.Exp(-p[1] * lnOmega[i]) / p[0];
            var zi = new Complex(mag * cs, -mag * sn);
            if (!dZ.IsEmpty)
            {
                dZ[i * stride] = ComplexMath.Divide(-zi, p[0]);
                dZ[i * stride + 1] = -zi * LnJOmega(lnOmega[i]);
            }
            z[i] = zi;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static void WarburgSweep(ReadOnlySpan<double> p, ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, Span<Complex> z, Span<Complex> dZ, int stride)
    {
        for (int i = 0; i < omega.Length; i++)
        {
            var g = ComplexMath.Divide(new Complex(1, -1), Math.Sqrt(omega[i]));
            if (!dZ.IsEmpty) dZ[i * stride] = g;
            z[i] = p[0] * g;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static void RcSweep(ReadOnlySpan<double> p, ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, Span<Complex> z, Span<Complex> dZ, int stride)
    {
        for (int i = 0; i < omega.Length; i++)
        {
            double w = omega[i];
            var den = new Complex(1, w * p[1]);
            var zi = p[0] / den;
            if (!dZ.IsEmpty)
            {
                dZ[i * stride] = 1 / den;
                dZ[i * stride + 1] = -zi * new Complex(0, w) / den;
            }
            z[i] = zi;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static void ZarcSweep(ReadOnlySpan<double> p, ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, Span<Complex> z, Span<Complex> dZ, int stride)
    {
        double lnTau = Math.Log(p[1]);
        var (s, c) = Math.SinCos(0.5 * Math.PI * p[2]);
        for (int i = 0; i < omega.Length; i++)
        {
            var lwt = lnOmega[i] + lnTau;
            // JOmegaPow(lwt, γ) with its sine and cosine taken once
            var mq = Math.Exp(p[2] * lwt);
            var q = new Complex(mq * c, mq * s);
            var den = 1 + q;
            var zi = p[0] / den;
            if (!dZ.IsEmpty)
            {
                dZ[i * stride] = 1 / den;
                var g = -zi * q / den;
                dZ[i * stride + 1] = g * p[2] / p[1];
                dZ[i * stride + 2] = g * LnJOmega(lwt);
            }
            z[i] = zi;
        }
    }

    /// <summary>
    /// Wo: a nearly vertical tail (|Z''| &gt; 2Z') is its capacitive limit Z0/3 − jZ0/(ωτ); a 45° tail is its
    /// Warburg region, placed a decade below the lowest frequency.
    /// </summary>
    static double[] OpenWarburgGuess(GuessContext g)
    {
        double im = Math.Max(Math.Abs(g.Target.Imaginary), 1e-300), re = g.Target.Real;
        if (im > 2 * re)
        {
            double z0 = 3 * Math.Max(re, 0.01 * im);
            return [z0, z0 / (g.Omega * im)];
        }
        return [im * Math.Sqrt(20), 10 / g.Omega];
    }

    /// <summary>Ws: its low-frequency limit Z0 − jZ0ωτ/3, with τ kept within two decades of 1/ω.</summary>
    static double[] ShortWarburgGuess(GuessContext g)
    {
        double re = Math.Max(g.Target.Real, 0.1 * g.Target.Magnitude), im = Math.Abs(g.Target.Imaginary);
        return [re, Math.Clamp(3 * im / (re * g.Omega), 0.01 / g.Omega, 100 / g.Omega)];
    }

    /// <summary>|jωτ| below which <see cref="SphereDiffusion"/> uses its series (|s| &lt; 0.2).</summary>
    internal const double SphereSeriesBelow = 0.04;

    /// <summary>
    /// Wsph's g = s coth s − 1 = 1/(tanh s/(s − tanh s)) and h = u dg/du, u = s² = jωτ. The closed form loses digits as
    /// s → 0 (g ≈ u/3 is a difference of two numbers near 1: relative error ≈ ε/|s|³); below |u| = 0.04 the series of
    /// s coth s (Bernoulli numbers: 1 + u/3 − u²/45 + 2u³/945 − u⁴/4725 + 2u⁵/93555 − 1382u⁶/638512875 + …) is used,
    /// whose first omitted term is below 10⁻¹⁴ of g there.
    /// </summary>
    internal static (Complex g, Complex h) SphereDiffusion(Complex u)
    {
        if (u.Magnitude < SphereSeriesBelow)
        {
            Complex g = 0, h = 0, un = 1;
            for (int n = 0; n < SphereSeries.Length; n++)
            {
                un *= u;
                g += SphereSeries[n] * un;
                h += (n + 1) * SphereSeries[n] * un;
            }
            return (g, h);
        }
        var s = Complex.Sqrt(u);
        var (coth, csch2) = CothCsch2(s);
        var sCoth = s * coth;
        return (sCoth - 1, 0.5 * (sCoth - u * csch2));
    }

    static readonly double[] SphereSeries = [1.0 / 3, -1.0 / 45, 2.0 / 945, -1.0 / 4725, 2.0 / 93555, -1382.0 / 638512875];

    /// <summary>
    /// Wsph: a nearly vertical tail (|Z''| &gt; 2Z') is its capacitive limit R_s/5 − j3R_s/(ωτ); a 45° tail is its Warburg
    /// region R_s/√(jωτ), placed with ωτ = 100 at the lowest frequency (the sphere leaves that region near ωτ ≈ 10).
    /// </summary>
    static double[] SphereGuess(GuessContext g)
    {
        double im = Math.Max(Math.Abs(g.Target.Imaginary), 1e-300), re = g.Target.Real;
        if (im > 2 * re)
        {
            double rs = 5 * Math.Max(re, 0.01 * im);
            return [rs, 3 * rs / (g.Omega * im)];
        }
        return [im * Math.Sqrt(200), 100 / g.Omega];
    }

    static readonly Dictionary<string, ElementType> BySymbol = All.ToDictionary(e => e.Symbol, StringComparer.Ordinal);

    /// <summary>The element with this symbol (case-sensitive, as in impedance.py), or null.</summary>
    public static ElementType? Find(string symbol) => BySymbol.GetValueOrDefault(symbol);

    /// <summary>The symbols users may write, for error messages.</summary>
    public static string SymbolList => string.Join(", ", All.Select(e => e.Symbol));
}
