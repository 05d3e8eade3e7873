namespace Interphase.Impedance;

/// <summary>
/// Maps a bounded parameter p to an unbounded fitting variable x, so the optimiser never leaves the
/// bounds: (0, ∞) → p = e^x (the fit works on orders of magnitude); (lo, ∞) → p = lo + e^x;
/// (−∞, hi) → p = hi − e^x; [lo, hi] → p = lo + (hi − lo)(1 + sin x)/2 (the MINUIT transform, which
/// reaches both bounds, so a CPE exponent can become exactly 1); (−∞, ∞) → p = x.
/// </summary>
internal readonly record struct ParameterTransform(double Lower, double Upper)
{
    public static ParameterTransform For(ParameterKind kind) => kind switch
    {
        ParameterKind.Exponent => new(0, 1),
        _ => new(0, double.PositiveInfinity),
    };

    bool LowerFinite => double.IsFinite(Lower);
    bool UpperFinite => double.IsFinite(Upper);

    public double ToParameter(double x)
    {
        if (LowerFinite && UpperFinite) return Lower + (Upper - Lower) * (1 + Math.Sin(x)) / 2;
        if (LowerFinite) return Lower == 0 ? Math.Exp(x) : Lower + Math.Exp(x);
        if (UpperFinite) return Upper - Math.Exp(x);
        return x;
    }

    /// <summary>dp/dx at x.</summary>
    public double Derivative(double x)
    {
        if (LowerFinite && UpperFinite) return (Upper - Lower) * Math.Cos(x) / 2;
        if (LowerFinite) return Math.Exp(x);
        if (UpperFinite) return -Math.Exp(x);
        return 1;
    }

    /// <summary>The variable for p, with p moved strictly inside the bounds first.</summary>
    public double ToVariable(double p)
    {
        if (LowerFinite && UpperFinite)
        {
            double t = Math.Clamp(2 * (p - Lower) / (Upper - Lower) - 1, -1 + 1e-9, 1 - 1e-9);
            return Math.Asin(t);
        }
        if (LowerFinite) return Math.Log(Math.Max(p - Lower, 1e-300 + Math.Abs(Lower) * 1e-12));
        if (UpperFinite) return Math.Log(Math.Max(Upper - p, 1e-300 + Math.Abs(Upper) * 1e-12));
        return p;
    }

    /// <summary>Whether p sits on (or numerically at) a bound.</summary>
    public bool AtBound(double p)
    {
        double tol = 1e-6;
        if (LowerFinite && UpperFinite) return p - Lower <= tol * (Upper - Lower) || Upper - p <= tol * (Upper - Lower);
        if (LowerFinite) return Lower == 0 ? p < 1e-250 : p - Lower <= tol * Math.Max(1, Math.Abs(Lower));
        if (UpperFinite) return Upper - p <= tol * Math.Max(1, Math.Abs(Upper));
        return false;
    }

    public bool Contains(double p) => p >= Lower && p <= Upper;
}
