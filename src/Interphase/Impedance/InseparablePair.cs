namespace Interphase.Impedance;

/// <summary>
/// Two free parameters of a fit whose correlation exceeds <see cref="EisFitOptions.SeparabilityLimit"/> in magnitude: the
/// spectrum fixes one combination of them, not either apart, however small their standard errors (decision 0084). Two
/// resistances correlated negatively trade against each other along their sum (R0 and an arc above the window: R0 + R1),
/// which is then the value the data determine, with its standard error from the covariance,
/// SE² = SE_A² + SE_B² + 2ρ·SE_A·SE_B.
/// </summary>
public sealed record InseparablePair(string A, string B, double Correlation, double? Sum, double? SumStandardError)
{
    /// <summary>Whether <paramref name="name"/> is one of the two.</summary>
    public bool Involves(string name) => A == name || B == name;

    /// <summary>The other of the two, for <paramref name="name"/> one of them.</summary>
    public string Other(string name) => A == name ? B : A;

    /// <summary>"R0 and R1 (correlation −1.000000: only R0 + R1 = 10.33 ± 0.01 Ohm is determined)".</summary>
    public string Describe() =>
        $"{A} and {B} (correlation {Correlation:+0.000000;-0.000000}: only "
        + (Sum is double s ? $"{A} + {B} = {s:G4} ± {SumStandardError:G2} Ohm" : "a combination of the two")
        + " is determined)";

    /// <summary>
    /// The pairs of free parameters whose correlation magnitude exceeds <paramref name="limit"/>; a pair of resistances
    /// correlated negatively carries its sum.
    /// </summary>
    internal static IReadOnlyList<InseparablePair> Find(IReadOnlyList<FittedParameter> parameters, IReadOnlyList<string> free, double?[,] corr, double limit)
    {
        var pairs = new List<InseparablePair>();
        for (int a = 0; a < free.Count; a++)
            for (int b = a + 1; b < free.Count; b++)
            {
                if (corr[a, b] is not double c || !(Math.Abs(c) > limit)) continue;
                var pa = parameters.First(p => p.Name == free[a]);
                var pb = parameters.First(p => p.Name == free[b]);
                bool series = c < 0 && pa.Unit == "Ohm" && pb.Unit == "Ohm";
                double se = Math.Sqrt(Math.Max(0, pa.StandardError * pa.StandardError + pb.StandardError * pb.StandardError
                    + 2 * c * pa.StandardError * pb.StandardError));
                pairs.Add(new InseparablePair(pa.Name, pb.Name, c, series ? pa.Value + pb.Value : null, series && double.IsFinite(se) ? se : null));
            }
        return pairs;
    }
}
