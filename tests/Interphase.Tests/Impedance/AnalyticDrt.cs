using System.Numerics;

namespace Interphase.Tests.Impedance;

/// <summary>
/// Relaxations whose distribution of relaxation times is known in closed form, normalised so that
/// Z(ω) = R ∫ g(ln τ) / (1 + jωτ) d ln τ and ∫ g d ln τ = 1.
/// </summary>
internal sealed record AnalyticDrt(double R, double Tau0, double Alpha, double Beta = 1)
{
    /// <summary>
    /// Havriliak–Negami Z = R / (1 + (jωτ0)^α)^β; β = 1 is the ZARC (Cole–Cole, R ‖ CPE with τ0 = (R Q)^(1/α)).
    /// </summary>
    public Complex Impedance(double fHz) =>
        R / Complex.Pow(1 + Complex.Pow(new Complex(0, 2 * Math.PI * fHz * Tau0), Alpha), Beta);

    /// <summary>
    /// R g(ln τ). ZARC: g = sin(απ) / (2π (cosh(α ln(τ/τ0)) + cos(απ))) — the form of Fuoss and Kirkwood (J. Am.
    /// Chem. Soc. 63 (1941) 385) for the Cole–Cole function, written with the CPE exponent α; with α = 1 − a it is
    /// sin((1−a)π) / (2π (cosh((1−a) s) − cos(aπ))). Havriliak–Negami: g = y^(αβ) sin(βθ) / (π (1 + 2 y^α cos(απ) +
    /// y^(2α))^(β/2)), y = τ/τ0, θ = atan2(sin(απ), y^α + cos(απ)) (Havriliak, Negami, Polymer 8 (1967) 161; Zorn,
    /// J. Polym. Sci. B 37 (1999) 1043). The test <c>AnalyticDistributionsReproduceTheirImpedance</c> checks both
    /// against <see cref="Impedance"/>.
    /// </summary>
    public double Gamma(double lnTau)
    {
        double s = lnTau - Math.Log(Tau0);
        if (Beta == 1) return R * Math.Sin(Alpha * Math.PI) / (2 * Math.PI * (Math.Cosh(Alpha * s) + Math.Cos(Alpha * Math.PI)));
        double ya = Math.Exp(Alpha * s);
        double theta = Math.Atan2(Math.Sin(Alpha * Math.PI), ya + Math.Cos(Alpha * Math.PI));
        return R * Math.Pow(ya, Beta) * Math.Sin(Beta * theta) / (Math.PI * Math.Pow(1 + 2 * ya * Math.Cos(Alpha * Math.PI) + ya * ya, Beta / 2));
    }

    /// <summary>∫ R g d ln τ between two time constants (Simpson's rule on 4000 intervals).</summary>
    public double Area(double tauLow, double tauHigh) => Integrate(Gamma, Math.Log(tauLow), Math.Log(tauHigh));

    public static double Integrate(Func<double, double> f, double a, double b, int n = 4000)
    {
        double h = (b - a) / n, sum = f(a) + f(b);
        for (int i = 1; i < n; i++) sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
