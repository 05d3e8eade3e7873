using System.Runtime.Intrinsics;

namespace Interphase.Impedance;

/// <summary>
/// The triangular factor R of a thin Householder QR of a tall matrix (rows ≥ columns), for the fit's
/// covariance: the singular values and right vectors of R are those of the matrix. Written out because
/// MathNet's QR parallelises the update of each column internally (CommonParallel.For); on a 132 × 8
/// Jacobian inside a batch that already keeps every core busy, its threads spun waiting for each other
/// and took about two thirds of the batch's CPU time (docs/decisions/0019-eis-batch-speed.md).
/// Householder reflections as in Golub &amp; Van Loan, Matrix Computations (4th ed.) §5.2.2.
/// </summary>
internal static class ThinQr
{
    /// <summary>R (cols × cols, row-major, zero below the diagonal) of the row-major rows × cols matrix <paramref name="a"/>, which is overwritten.</summary>
    public static double[] R(double[] a, int rows, int cols) => Factor(a, rows, cols, null);

    /// <summary>
    /// The least-squares solution of min ‖a x − b‖ for a tall row-major <paramref name="a"/> of full column rank (both
    /// overwritten): Qᵀb by the same reflections, then R x = (Qᵀb)[0..cols) by back substitution. Used by the Lin-KK
    /// test, which solves one such problem per number of RC elements.
    /// </summary>
    public static double[] Solve(double[] a, double[] b, int rows, int cols)
    {
        var r = Factor(a, rows, cols, b);
        var x = new double[cols];
        for (int i = cols - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int j = i + 1; j < cols; j++) s -= r[i * cols + j] * x[j];
            x[i] = s / r[i * cols + i];
        }
        return x;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static double[] Factor(double[] a, int rows, int cols, double[]? b)
    {
        if (rows < cols) throw new ArgumentException("a thin QR needs at least as many rows as columns", nameof(rows));
        if (a.Length < rows * cols) throw new ArgumentException("the matrix holds fewer than rows × cols numbers", nameof(a));
        for (int k = 0; k < cols; k++)
        {
            // ‖a[k:, k]‖ with the column scaled by its largest entry, so that squares neither overflow nor underflow
            double scale = 0;
            for (int i = k; i < rows; i++) scale = Math.Max(scale, Math.Abs(a[i * cols + k]));
            if (scale == 0) continue;
            double ss = 0;
            for (int i = k; i < rows; i++)
            {
                double t = a[i * cols + k] / scale;
                ss += t * t;
            }
            double norm = scale * Math.Sqrt(ss);
            // LAPACK's dlarfg form: H = I − τ v vᵀ with v₀ = 1 and v_i = a_ik / (a_kk − β), so that no product of two
            // small numbers is divided by (subnormal parameters give columns of 1e-300 and less)
            double akk = a[k * cols + k];
            double beta = akk > 0 ? -norm : norm;
            double denom = akk - beta;
            for (int i = k + 1; i < rows; i++) a[i * cols + k] /= denom;
            double tau = -denom / beta;
            // the columns right of k, four at a time in Vector256 lanes (Reflect4), then one at a time: each column's sum
            // and update as before, so the same numbers bit for bit (decision 0060)
            int j = k + 1;
            if (Vector256.IsHardwareAccelerated)
                for (; j + 4 <= cols; j += 4) Reflect4(a, rows, cols, k, j, tau);
            for (; j < cols; j++)
            {
                double s = a[k * cols + j];
                for (int i = k + 1; i < rows; i++) s += a[i * cols + k] * a[i * cols + j];
                s *= tau;
                a[k * cols + j] -= s;
                for (int i = k + 1; i < rows; i++) a[i * cols + j] -= s * a[i * cols + k];
            }
            if (b is not null)
            {
                double s = b[k];
                for (int i = k + 1; i < rows; i++) s += a[i * cols + k] * b[i];
                s *= tau;
                b[k] -= s;
                for (int i = k + 1; i < rows; i++) b[i] -= s * a[i * cols + k];
            }
            a[k * cols + k] = beta;
        }
        var r = new double[cols * cols];
        for (int i = 0; i < cols; i++)
            for (int j = i; j < cols; j++) r[i * cols + j] = a[i * cols + j];
        return r;
    }

    /// <summary>
    /// The reflection of step <paramref name="k"/> (v below the diagonal of column k, v_k = 1) applied to columns j0…j0+3:
    /// s_j = τ (a_kj + Σ_{i&gt;k} v_i a_ij), each sum over i in order; a_kj −= s_j; a_ij −= s_j v_i. The loop of one
    /// column at a time in four lanes: the same operations on each column in the same order.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    static void Reflect4(double[] a, int rows, int cols, int k, int j0, double tau)
    {
        ref double a0 = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(a);
        var s = Vector256.LoadUnsafe(ref a0, (nuint)(k * cols + j0));
        for (int i = k + 1, o = (k + 1) * cols; i < rows; i++, o += cols)
            s += Vector256.Create(System.Runtime.CompilerServices.Unsafe.Add(ref a0, o + k)) * Vector256.LoadUnsafe(ref a0, (nuint)(o + j0));
        s *= Vector256.Create(tau);
        (Vector256.LoadUnsafe(ref a0, (nuint)(k * cols + j0)) - s).StoreUnsafe(ref a0, (nuint)(k * cols + j0));
        for (int i = k + 1, o = (k + 1) * cols; i < rows; i++, o += cols)
            (Vector256.LoadUnsafe(ref a0, (nuint)(o + j0)) - s * Vector256.Create(System.Runtime.CompilerServices.Unsafe.Add(ref a0, o + k)))
                .StoreUnsafe(ref a0, (nuint)(o + j0));
    }
}
