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
    public static double[] R(double[] a, int rows, int cols)
    {
        if (rows < cols) throw new ArgumentException("a thin QR needs at least as many rows as columns", nameof(rows));
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
            double akk = a[k * cols + k];
            double alpha = akk > 0 ? -norm : norm;
            // v = a[k:, k] − α e₁ stored in place; H = I − v vᵀ / (α (α − a_kk)) since vᵀv = 2 α (α − a_kk)
            double v0 = akk - alpha;
            a[k * cols + k] = v0;
            double beta = alpha * v0; // = −vᵀv / 2
            for (int j = k + 1; j < cols; j++)
            {
                double s = 0;
                for (int i = k; i < rows; i++) s += a[i * cols + k] * a[i * cols + j];
                double f = s / beta;
                for (int i = k; i < rows; i++) a[i * cols + j] += f * a[i * cols + k];
            }
            a[k * cols + k] = alpha;
        }
        var r = new double[cols * cols];
        for (int i = 0; i < cols; i++)
            for (int j = i; j < cols; j++) r[i * cols + j] = a[i * cols + j];
        return r;
    }
}
