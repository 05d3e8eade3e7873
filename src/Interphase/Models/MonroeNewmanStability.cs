namespace Interphase.Models;

/// <summary>
/// Mechanical suppression of interfacial roughening by the electrolyte (Monroe &amp; Newman,
/// J. Electrochem. Soc. 152, A396 (2005)): a protrusion on a metal electrode is flattened by the
/// elastic stress of the electrolyte in contact when the electrolyte's shear modulus is larger than
/// about 1.8 times the metal's (their result for Li with Poisson ratios ν ≈ 0.33 for both phases;
/// the criterion is commonly rounded to "twice the metal's"). The ν dependence of the threshold is
/// not modelled: the library carries no Poisson ratios. A liquid (no shear modulus) fails it.
/// </summary>
public sealed record MonroeNewmanStability(double ElectrolyteShearModulus, double MetalShearModulus)
{
    /// <summary>G_el/G_metal above which roughening is suppressed (Monroe &amp; Newman 2005, ν ≈ 0.33).</summary>
    public const double CriticalRatio = 1.8;

    public double Ratio => MetalShearModulus > 0 ? ElectrolyteShearModulus / MetalShearModulus : double.PositiveInfinity;

    /// <summary>True when the electrolyte is stiff enough to flatten protrusions of the metal.</summary>
    public bool SuppressesRoughening => Ratio >= CriticalRatio;
}
