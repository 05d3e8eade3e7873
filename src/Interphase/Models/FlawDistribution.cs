namespace Interphase.Models;

/// <summary>
/// Surface flaws of a brittle layer, Weibull-distributed (weakest link: Weibull, J. Appl. Mech. 18,
/// 293 (1951)). A flaw of depth c fails at the stress K_Ic/(Y·√(πc)), so the Weibull strength law
/// P_f(σ) = 1 − exp(−(A/A0)·(σ/σ0)^m) is a law of the largest flaw on an area A
/// (Jayatilaka &amp; Trustrum, J. Mater. Sci. 12, 1426 (1977)):
/// <code>
/// P(c_max ≤ c) = exp(−(A/A0)·(c/c0)^(−m/2))
/// c_max(q)     = c0·((A/A0)/(−ln q))^(2/m)           (the largest flaw at quantile q)
/// </code>
/// c0 is the characteristic flaw size on the reference area A0 (the largest flaw is larger than c0 on
/// A0 with probability 1 − 1/e), m the Weibull modulus of the strength. A larger electrode meets a
/// larger largest flaw: c_max ∝ A^(2/m).
/// </summary>
public sealed record FlawDistribution(double CharacteristicSize, double WeibullModulus, double ReferenceArea)
{
    /// <summary>The largest flaw (m) on an area (m²) at quantile q of its distribution (0 &lt; q &lt; 1).</summary>
    public double LargestFlaw(double area, double q)
    {
        if (!(q > 0 && q < 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile is in (0, 1)");
        return CharacteristicSize * Math.Pow(area / ReferenceArea / -Math.Log(q), 2 / WeibullModulus);
    }

    /// <summary>The median of the largest flaw on an area (m²): what a run without a seed uses.</summary>
    public double MedianLargestFlaw(double area) => LargestFlaw(area, 0.5);

    /// <summary>One draw of the largest flaw on an area (m²), by inverting its distribution at a uniform quantile.</summary>
    public double SampleLargestFlaw(double area, Random rng)
    {
        double q;
        do q = rng.NextDouble(); while (q <= 0);
        return LargestFlaw(area, q);
    }
}
