namespace Interphase.Sweeps;

/// <summary>
/// Sobol' low-discrepancy points in [0, 1)^d (Bratley and Fox's Gray-code construction), with the
/// primitive polynomials and initial direction numbers of Joe and Kuo's published table
/// (new-joe-kuo-6.21201, "Constructing Sobol sequences with better two-dimensional projections",
/// SIAM J. Sci. Comput. 30, 2008) for dimensions 2 to 21; dimension 1 is van der Corput's. Point 0 is
/// the origin; the first 2^k points of every dimension fall one in each of 2^k equal intervals.
/// Hand-written (decision 0011): no maintained .NET package offers it.
/// </summary>
public sealed class SobolSequence
{
    const int Bits = 32;

    /// <summary>(degree s, coefficients a, initial m_1..m_s) of dimensions 2, 3, … (Joe and Kuo's table).</summary>
    static readonly (int S, int A, int[] M)[] Table =
    [
        (1, 0, [1]), (2, 1, [1, 3]), (3, 1, [1, 3, 1]), (3, 2, [1, 1, 1]), (4, 1, [1, 1, 3, 3]), (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]), (5, 4, [1, 1, 5, 5, 5]), (5, 7, [1, 1, 7, 11, 19]), (5, 11, [1, 1, 5, 1, 1]),
        (5, 13, [1, 1, 1, 3, 11]), (5, 14, [1, 3, 5, 5, 31]), (6, 1, [1, 3, 3, 9, 7, 49]), (6, 13, [1, 1, 1, 15, 21, 21]),
        (6, 16, [1, 3, 1, 13, 27, 49]), (6, 19, [1, 1, 1, 15, 7, 5]), (6, 22, [1, 3, 1, 15, 13, 25]), (6, 25, [1, 1, 5, 5, 19, 61]),
        (7, 1, [1, 3, 7, 11, 23, 15, 103]), (7, 4, [1, 3, 7, 13, 13, 15, 69]),
    ];

    /// <summary>The largest number of dimensions this table gives.</summary>
    public const int MaxDimensions = 21;

    readonly uint[][] _v;   // direction numbers, scaled to 32 bits

    public SobolSequence(int dimensions)
    {
        if (dimensions < 1 || dimensions > MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"Sobol' points are available for 1 to {MaxDimensions} dimensions");
        _v = new uint[dimensions][];
        _v[0] = Enumerable.Range(0, Bits).Select(k => 1u << (Bits - 1 - k)).ToArray();
        for (int j = 1; j < dimensions; j++)
        {
            var (s, a, m) = Table[j - 1];
            var v = new uint[Bits];
            for (int k = 0; k < Bits; k++)
            {
                if (k < s) { v[k] = (uint)m[k] << (Bits - 1 - k); continue; }
                uint x = v[k - s] ^ (v[k - s] >> s);
                for (int b = 1; b < s; b++)
                    if (((a >> (s - 1 - b)) & 1) != 0) x ^= v[k - b];
                v[k] = x;
            }
            _v[j] = v;
        }
    }

    /// <summary>The first <paramref name="count"/> points, from point 0 (the origin).</summary>
    public double[][] Points(int count)
    {
        int d = _v.Length;
        var x = new uint[d];
        var points = new double[count][];
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                // Gray code: point i differs from point i − 1 by the direction number of i − 1's lowest zero bit
                int c = System.Numerics.BitOperations.TrailingZeroCount(~(uint)(i - 1));
                for (int j = 0; j < d; j++) x[j] ^= _v[j][c];
            }
            points[i] = x.Select(u => u / 4294967296.0).ToArray();
        }
        return points;
    }
}
