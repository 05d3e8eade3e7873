namespace Interphase.Models;

/// <summary>
/// Converted fraction against depth from the particle surface in a shrinking-core particle whose unconverted core
/// is a spheroid with semi-axis a along the fast axis and b along the two slow ones (a ≤ b ≤ R;
/// <see cref="ConversionCathode"/>), for comparison with the phase maps of X-ray tomography:
/// <list type="bullet">
/// <item>along the fast (slow) axis the material at depth d is converted where d &lt; R − a (R − b): a step at the
/// front;</item>
/// <item>averaged over the spherical shell at depth d (radius r = R − d, the depth a distance transform of a
/// segmented particle gives): the point at polar angle θ from the fast axis lies outside the core where
/// r²(cos²θ/a² + sin²θ/b²) ≥ 1, so the converted share of the shell is 1 − μ*, with
/// μ* = √((1/r² − 1/b²)/(1/a² − 1/b²)) for a &lt; r &lt; b, 0 inside r ≤ a and 1 outside r ≥ b (area on the sphere is
/// uniform in μ = cos θ).</item>
/// </list>
/// The shell average integrated over the particle's volume, ∫ f(r) 4πr² dr / (4/3 π R³), is X = 1 − a b²/R³.
/// </summary>
public static class ConversionProfile
{
    /// <summary>Semi-axes of the core (a along the fast axis, b along the slow ones) from the front depths as fractions of R.</summary>
    public static (double a, double b) Core(double radius, double fastFrontDepth, double slowFrontDepth) =>
        (radius * Math.Clamp(1 - fastFrontDepth, 0, 1), radius * Math.Clamp(1 - slowFrontDepth, 0, 1));

    /// <summary>Converted (1) or not (0) at depth d along an axis whose core semi-axis is <paramref name="semiAxis"/>.</summary>
    public static double AlongAxis(double radius, double semiAxis, double depth) => depth < radius - semiAxis ? 1 : 0;

    /// <summary>Converted share of the spherical shell at depth d from the surface (0 ≤ d ≤ R).</summary>
    public static double ShellAverage(double radius, double a, double b, double depth)
    {
        double r = radius - depth;
        if (r >= b) return 1;
        if (r <= a) return 0;
        // a < r < b, so a < b and a may be 0 (a flat core: only the equator is unconverted)
        double inv = 1 / (r * r) - 1 / (b * b);
        double mu2 = a <= 0 ? 0 : inv / (1 / (a * a) - 1 / (b * b));
        return 1 - Math.Sqrt(Math.Clamp(mu2, 0, 1));
    }
}
