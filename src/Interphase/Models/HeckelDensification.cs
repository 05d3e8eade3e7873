namespace Interphase.Models;

/// <summary>
/// Densification of a pressed powder or grown layer (Heckel, Trans. Metall. Soc. AIME 221, 671 and
/// 1001 (1961)): ln(1/(1 − D)) = p/P_y + A, with D = 1 − ε the relative density and P_y the Heckel
/// mean yield pressure (1/K). At p = 0 the layer keeps its as-made density, A = ln(1/ε0), so
/// <code>
/// ε(p) = ε0 · exp(−p/P_y)
/// </code>
/// which falls continuously with the assembly pressure and reaches a dense layer only as p → ∞.
/// </summary>
public sealed record HeckelDensification(double AsMadePorosity, double YieldPressure)
{
    /// <summary>Porosity after pressing at p (Pa).</summary>
    public double Porosity(double pressurePa) =>
        pressurePa <= 0 ? AsMadePorosity : AsMadePorosity * Math.Exp(-pressurePa / YieldPressure);

    /// <summary>Relative density D = 1 − ε after pressing at p.</summary>
    public double RelativeDensity(double pressurePa) => 1 - Porosity(pressurePa);
}
