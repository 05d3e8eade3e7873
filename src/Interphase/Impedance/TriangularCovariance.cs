namespace Interphase.Impedance;

/// <summary>
/// The unscaled covariance (JᵀJ)⁻¹ = R⁻¹R⁻ᵀ of a fit from the triangular factor R of its Jacobian's thin QR
/// (<see cref="ThinQr"/>), for a Jacobian that is safely of full rank: the fit's statistics then need neither an SVD nor
/// its pseudo-inverse (docs/decisions/0050-eis-fit-statistics-without-svd.md).
/// <para>
/// Full rank is decided from an upper bound of the condition number: σ_max ≤ ‖R‖_F and 1/σ_min = ‖R⁻¹‖₂ ≤ ‖R⁻¹‖_F, so
/// κ₂(R) ≤ ‖R‖_F‖R⁻¹‖_F (Golub &amp; Van Loan, Matrix Computations, 4th ed., §2.3.2 and §2.6.2). When that bound is at
/// most <see cref="ConditionLimit"/>, every singular value is above the cut of 10⁻⁹ σ_max the SVD path discards
/// directions below, by a factor of 10 at least, so the pseudo-inverse is the inverse and no direction is undetermined.
/// R⁻¹ is formed column by column by back substitution (Golub &amp; Van Loan §3.1.1; the rounding of a triangular inverse
/// is bounded in Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §8.2–8.3).
/// </para>
/// </summary>
internal static class TriangularCovariance
{
    /// <summary>
    /// Largest ‖R‖_F‖R⁻¹‖_F for which the inverse is used: 10⁸, a decade below the 10⁹ the SVD path's cut corresponds to,
    /// so that the rounding of R⁻¹ and of the SVD's singular values cannot move a direction across the cut.
    /// </summary>
    public const double ConditionLimit = 1e8;

    /// <summary>
    /// (RᵀR)⁻¹ (n × n, row-major, into <paramref name="cov"/>) from the upper-triangular row-major <paramref name="r"/>; false
    /// (and <paramref name="cov"/> unspecified) when R has a zero or non-finite diagonal entry or its condition bound is
    /// above <see cref="ConditionLimit"/> or not finite: the caller then takes the SVD. <paramref name="inverse"/> is
    /// scratch of n × n.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryInverse(ReadOnlySpan<double> r, int n, Span<double> inverse, Span<double> cov)
    {
        double rNorm = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(r[i * n + i] != 0) || !double.IsFinite(r[i * n + i])) return false;
            for (int j = i; j < n; j++) rNorm += r[i * n + j] * r[i * n + j];
        }
        // R⁻¹ is upper triangular: column c solves R x = e_c, x_i = 0 below c
        inverse[..(n * n)].Clear();
        double invNorm = 0;
        for (int c = 0; c < n; c++)
        {
            for (int i = c; i >= 0; i--)
            {
                double s = i == c ? 1 : 0;
                for (int k = i + 1; k <= c; k++) s -= r[i * n + k] * inverse[k * n + c];
                double x = s / r[i * n + i];
                inverse[i * n + c] = x;
                invNorm += x * x;
            }
        }
        double bound = Math.Sqrt(rNorm) * Math.Sqrt(invNorm);
        if (!(bound <= ConditionLimit)) return false;
        // (RᵀR)⁻¹ = R⁻¹R⁻ᵀ: entry (a, b) is the dot product of rows a and b of R⁻¹, over the columns k ≥ max(a, b)
        for (int a = 0; a < n; a++)
            for (int b = a; b < n; b++)
            {
                double s = 0;
                for (int k = b; k < n; k++) s += inverse[a * n + k] * inverse[b * n + k];
                cov[a * n + b] = s;
                cov[b * n + a] = s;
            }
        return true;
    }
}
