using System.Numerics;

namespace Interphase.Impedance;

/// <summary>
/// Hyperbolic functions of a complex argument written so that they neither overflow for a large
/// real part (exp(2u) overflows above Re u ≈ 355) nor lose digits for |u| → 0. The finite-length
/// diffusion and transmission-line elements need them over the whole measured range.
/// </summary>
internal static class ComplexMath
{
    const double SeriesBelow = 1e-3;

    /// <summary>coth u and csch² u.</summary>
    public static (Complex coth, Complex csch2) CothCsch2(Complex u)
    {
        if (u.Real < 0)
        {
            var (c, s) = CothCsch2(-u);
            return (-c, s);
        }
        if (u.Magnitude < SeriesBelow)
        {
            var u2 = u * u;
            var coth = 1 / u + u / 3 - u * u2 / 45 + 2 * u * u2 * u2 / 945;
            var csch2 = 1 / u2 - 1.0 / 3 + u2 / 15 - 2 * u2 * u2 / 189;
            return (coth, csch2);
        }
        var e = Complex.Exp(-2 * u);
        var d = 1 - e;
        return ((1 + e) / d, 4 * e / (d * d));
    }

    /// <summary>tanh u and sech² u.</summary>
    public static (Complex tanh, Complex sech2) TanhSech2(Complex u)
    {
        if (u.Real < 0)
        {
            var (t, s) = TanhSech2(-u);
            return (-t, s);
        }
        if (u.Magnitude < SeriesBelow)
        {
            var u2 = u * u;
            var tanh = u - u * u2 / 3 + 2 * u * u2 * u2 / 15;
            var sech2 = 1 - u2 + 2 * u2 * u2 / 3;
            return (tanh, sech2);
        }
        var e = Complex.Exp(-2 * u);
        var d = 1 + e;
        return ((1 - e) / d, 4 * e / (d * d));
    }

    /// <summary>csch u = 1 / sinh u (Re u ≥ 0 expected; odd function otherwise).</summary>
    public static Complex Csch(Complex u)
    {
        if (u.Real < 0) return -Csch(-u);
        if (u.Magnitude < SeriesBelow)
        {
            var u2 = u * u;
            return 1 / u - u / 6 + 7 * u * u2 / 360;
        }
        return 2 * Complex.Exp(-u) / (1 - Complex.Exp(-2 * u));
    }

    /// <summary>(jω)^α = ω^α (cos πα/2 + j sin πα/2), from ln ω to avoid a complex logarithm.</summary>
    public static Complex JOmegaPow(double lnOmega, double alpha)
    {
        var m = Math.Exp(alpha * lnOmega);
        var (s, c) = Math.SinCos(0.5 * Math.PI * alpha);
        return new Complex(m * c, m * s);
    }

    /// <summary>1/z as conj(z)/|z|² (one real division; z is never 0 or huge in a circuit evaluation).</summary>
    /// <remarks>Inlined by request: the JIT left it a call inside <see cref="Circuit.Sweep"/>'s loops (its inlining budget
    /// for that long method ran out), 3 % of an <c>eis fit</c> batch's samples (decision 0044). The same arithmetic.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static Complex Reciprocal(Complex z)
    {
        double d = z.Real * z.Real + z.Imaginary * z.Imaginary;
        return new Complex(z.Real / d, -z.Imaginary / d);
    }

    /// <summary>
    /// z / d, exactly as <see cref="Complex.op_Division(Complex, double)"/> computes it (the same branches: NaN parts for
    /// d = 0 or a part that is not finite, otherwise each part divided by d), but inlined: the runtime's operator is not
    /// inlined into the element sweeps (2.6 % of an <c>eis fit</c> batch's samples in calls to it, decision 0050).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static Complex Divide(Complex z, double d)
    {
        if (d == 0) return new Complex(double.NaN, double.NaN);
        if (!double.IsFinite(z.Real))
            return double.IsFinite(z.Imaginary) ? new Complex(z.Real / d, double.NaN) : new Complex(double.NaN, double.NaN);
        if (!double.IsFinite(z.Imaginary)) return new Complex(double.NaN, z.Imaginary / d);
        return new Complex(z.Real / d, z.Imaginary / d);
    }

    /// <summary>ln(jω) = ln ω + jπ/2.</summary>
    public static Complex LnJOmega(double lnOmega) => new(lnOmega, 0.5 * Math.PI);
}
