using Interphase.Data.Eis;

namespace Interphase.Impedance;

/// <summary>Ionic conductivity of a layer from a resistance: σ = L / (R · A).</summary>
public static class Conductivity
{
    /// <summary>σ in S/m from R in Ω, thickness L in m and area A in m².</summary>
    public static double FromResistance(double resistanceOhm, double thicknessM, double areaM2)
    {
        if (!(resistanceOhm > 0) || !double.IsFinite(resistanceOhm)) throw new InputException($"conductivity needs a positive resistance, got {resistanceOhm:G4} Ω");
        if (!(thicknessM > 0) || !double.IsFinite(thicknessM)) throw new InputException($"conductivity needs a positive thickness, got {thicknessM:G4} m");
        if (!(areaM2 > 0) || !double.IsFinite(areaM2)) throw new InputException($"conductivity needs a positive area, got {areaM2:G4} m²");
        return thicknessM / (resistanceOhm * areaM2);
    }

    /// <summary>
    /// The real-axis intercept that separates the bulk response from what follows it, scanning from the
    /// highest frequency down: where Z'' crosses from inductive (&gt; 0) to capacitive (&lt; 0) the crossing
    /// is interpolated linearly; otherwise the first local minimum of −Z'' (the valley between the bulk
    /// arc and the next arc or the electrode spike); if −Z'' only rises, Z' at the highest frequency.
    /// </summary>
    public static double RealAxisIntercept(ImpedanceSpectrum spectrum)
    {
        var order = Enumerable.Range(0, spectrum.Count).OrderByDescending(i => spectrum.FrequenciesHz[i]).ToArray();
        var z = order.Select(i => spectrum.Impedance[i]).ToArray();
        for (int k = 1; k < z.Length; k++)
        {
            if (z[k - 1].Imaginary > 0 && z[k].Imaginary <= 0)
            {
                double t = z[k - 1].Imaginary / (z[k - 1].Imaginary - z[k].Imaginary);
                return z[k - 1].Real + t * (z[k].Real - z[k - 1].Real);
            }
        }
        for (int k = 1; k + 1 < z.Length; k++)
            if (-z[k].Imaginary < -z[k - 1].Imaginary && -z[k].Imaginary <= -z[k + 1].Imaginary)
                return z[k].Real;
        return z[0].Real;
    }
}
