using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Butler–Volmer charge-transfer kinetics at a metal interface:
/// i = i0·[exp(α_a·F·η/RT) − exp(−α_c·F·η/RT)]  (Bard &amp; Faulkner, Electrochemical Methods, 2nd ed., eq. 3.4.11).
/// Positive i is anodic (metal dissolves, stripping); η has the sign of i.
/// Limits: linear, η ≈ i·RT/(F·i0·(α_a+α_c)) for |i| ≪ i0; Tafel, η ≈ (RT/(α_a F))·ln(i/i0) for i ≫ i0.
/// With α_a = α_c = α the inverse is closed form: η = (RT/(αF))·asinh(i/(2 i0)).
/// </summary>
public readonly record struct ButlerVolmer(double ExchangeCurrentDensity, double AlphaAnodic, double AlphaCathodic, double TemperatureK)
{
    double F_RT => Si.Faraday / (Si.GasConstant * TemperatureK);

    /// <summary>Current density (A/m²) at overpotential η (V).</summary>
    public double Current(double eta) =>
        ExchangeCurrentDensity * (Math.Exp(AlphaAnodic * F_RT * eta) - Math.Exp(-AlphaCathodic * F_RT * eta));

    /// <summary>dI/dη at η.</summary>
    public double Conductance(double eta) =>
        ExchangeCurrentDensity * F_RT * (AlphaAnodic * Math.Exp(AlphaAnodic * F_RT * eta) + AlphaCathodic * Math.Exp(-AlphaCathodic * F_RT * eta));

    /// <summary>Charge-transfer resistance at equilibrium, R_ct = RT/(F·i0·(α_a+α_c)) in Ω m².</summary>
    public double LinearResistance => 1.0 / (ExchangeCurrentDensity * F_RT * (AlphaAnodic + AlphaCathodic));

    /// <summary>Overpotential (V) that drives current density i (A/m²).</summary>
    public double Overpotential(double i)
    {
        if (i == 0) return 0;
        var f = F_RT;
        if (AlphaAnodic == AlphaCathodic)
            return Math.Asinh(i / (2 * ExchangeCurrentDensity)) / (AlphaAnodic * f);
        // Newton from the symmetric estimate; the function is monotonic and convex on each side.
        double am = 0.5 * (AlphaAnodic + AlphaCathodic);
        double eta = Math.Asinh(i / (2 * ExchangeCurrentDensity)) / (am * f);
        for (int k = 0; k < 50; k++)
        {
            double r = Current(eta) - i;
            double step = r / Conductance(eta);
            eta -= step;
            if (Math.Abs(step) < 1e-12 + 1e-10 * Math.Abs(eta)) break;
        }
        return eta;
    }
}
