namespace Interphase.Impedance;

/// <summary>
/// Non-negative least squares, min ‖Ax − b‖² subject to x ≥ 0, by the Lawson–Hanson active-set
/// method in the "fast" form of Bro &amp; de Jong (J. Chemometrics 11 (1997) 393) that works on the
/// normal equations AᵀA x = Aᵀb. MathNet.Numerics has no bound-constrained linear solver, hence
/// this one (docs/decisions/0005-eis-fitting.md). The DRT and the automatic initial guess use it.
/// </summary>
internal static class Nnls
{
    /// <summary>
    /// Solve with <paramref name="ata"/> = AᵀA (n×n, row-major) and <paramref name="atb"/> = Aᵀb.
    /// Returns x ≥ 0. Tolerance is relative to the largest |Aᵀb|.
    /// </summary>
    /// <remarks>
    /// <paramref name="start"/>, when given, is a solution of a neighbouring problem (another λ of the DRT, a bootstrap
    /// replicate of the same one): its positive entries are the first passive set (Bro &amp; de Jong's FNNLS starts from any
    /// passive set). The problem is strictly convex, so the solution is the same; only the path to it is shorter. The
    /// solution is the passive system solved on the final passive set, so a warm start that ends on the same set gives the
    /// same numbers bit for bit (NnlsWarmStartTests).
    /// </remarks>
    public static double[] Solve(double[] ata, double[] atb, int n, int maxIterations = 0, bool robust = false, double[]? start = null) =>
        robust ? SolveRobust(ata, atb, n, maxIterations, start) : SolveScaled(ata, atb, n, maxIterations, giveUp: true, start);

    /// <summary>Passive-set solves (Cholesky factorisations) made on this thread so far: what a warm start saves (a difference of two readings).</summary>
    [ThreadStatic] internal static long Factorisations;

    /// <summary>
    /// As <see cref="Solve"/>, for ill-conditioned problems such as the DRT at small λ: the columns are first scaled
    /// to unit norm, and a column whose entry makes the passive system singular is skipped for the next best one
    /// instead of ending the iteration there (which left the DRT misfit 4–40 times the noise at λ = 10⁻⁶ … 10⁻⁴).
    /// The automatic initial guess keeps <see cref="Solve"/>, whose starting points the fitter's tests were tuned on.
    /// </summary>
    public static double[] SolveRobust(double[] ata, double[] atb, int n, int maxIterations = 0, double[]? start = null)
    {
        // x = D z with D = diag(AᵀA)^-1/2 keeps x ≥ 0 ⇔ z ≥ 0 and gives every column unit norm, so the pivot test
        // of the Cholesky factorisation means the same for R∞, L and the distribution's coefficients.
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = ata[i * n + i] > 0 ? 1 / Math.Sqrt(ata[i * n + i]) : 1;
        var h = new double[n * n];
        var g = new double[n];
        for (int i = 0; i < n; i++)
        {
            g[i] = d[i] * atb[i];
            for (int j = 0; j < n; j++) h[i * n + j] = d[i] * ata[i * n + j] * d[j];
        }
        var z = SolveScaled(h, g, n, maxIterations, giveUp: false, start);
        for (int i = 0; i < n; i++) z[i] *= d[i];
        return z;
    }

    static double[] SolveScaled(double[] ata, double[] atb, int n, int maxIterations, bool giveUp, double[]? start = null)
    {
        if (maxIterations <= 0) maxIterations = 3 * n + 30;
        var x = new double[n];
        var passive = new bool[n];
        var w = new double[n];
        var s = new double[n];
        double tol = 1e-12 * Math.Max(1e-300, atb.Max(Math.Abs)) * n;
        var idx = new List<int>(n);
        var factor = new PassiveFactor(n);
        if (start is not null && start.Length == n)
        {
            // the warm start: the unconstrained solution on the start's passive set, with the variables it makes non-positive
            // dropped until it is feasible (x > 0 on the passive set, the state the iteration below keeps); a singular set
            // falls back to the cold start
            for (int i = 0; i < n; i++) passive[i] = start[i] > 0;
            while (true)
            {
                idx.Clear();
                for (int i = 0; i < n; i++) if (passive[i]) idx.Add(i);
                if (idx.Count == 0) break;
                Array.Clear(s);
                if (!SolvePassive(ata, atb, n, idx, s, factor)) { Array.Clear(passive); break; }
                bool feasible = true;
                foreach (var i in idx) if (s[i] <= 0) { passive[i] = false; feasible = false; }
                if (feasible) { Array.Copy(s, x, n); break; }
            }
        }
        // columns whose addition made the passive system singular, skipped until the solution next changes
        var blocked = new bool[n];

        for (int outer = 0; outer < maxIterations; outer++)
        {
            // w = Aᵀb − AᵀA x (negative gradient)
            for (int i = 0; i < n; i++)
            {
                double acc = atb[i];
                for (int j = 0; j < n; j++) acc -= ata[i * n + j] * x[j];
                w[i] = acc;
            }
            int best = -1; double bestW = tol;
            for (int i = 0; i < n; i++)
                if (!passive[i] && !blocked[i] && w[i] > bestW) { bestW = w[i]; best = i; }
            if (best < 0) break;
            passive[best] = true;

            for (int inner = 0; inner < maxIterations; inner++)
            {
                idx.Clear();
                for (int i = 0; i < n; i++) if (passive[i]) idx.Add(i);
                Array.Clear(s);
                if (!SolvePassive(ata, atb, n, idx, s, factor))
                {
                    // Singular sub-problem: the column just added depends on the passive ones; try the next one
                    // (or, in the original form, stop growing the set).
                    passive[best] = false;
                    if (giveUp) return x;
                    blocked[best] = true;
                    break;
                }
                Array.Clear(blocked);
                bool allPositive = true;
                foreach (var i in idx) if (s[i] <= 0) { allPositive = false; break; }
                if (allPositive)
                {
                    Array.Copy(s, x, n);
                    break;
                }
                double alpha = double.PositiveInfinity;
                foreach (var i in idx)
                    if (s[i] <= 0)
                    {
                        var a = x[i] / (x[i] - s[i]);
                        if (a < alpha) alpha = a;
                    }
                for (int i = 0; i < n; i++) x[i] += alpha * (s[i] - x[i]);
                foreach (var i in idx)
                    if (x[i] <= 1e-15 * Math.Abs(s[i]) + double.Epsilon)
                    {
                        x[i] = 0;
                        passive[i] = false;
                    }
            }
        }
        return x;
    }

    /// <summary>
    /// The Cholesky factor of the last passive system of one solve, row by row (stride n), with the passive indices it was
    /// made for. Row a of the factor depends only on the first a + 1 passive indices (in rising order), so a new passive set
    /// that shares its first p indices with the last one reuses the first p rows as they are: the same numbers as
    /// refactorising, in less time (the DRT's sets change by one or two indices per step).
    /// </summary>
    sealed class PassiveFactor(int n)
    {
        public readonly double[] L = new double[n * n];
        public readonly int[] Rows = new int[n];
        /// <summary>Rows of <see cref="L"/> that are valid for <see cref="Rows"/>[0 … Valid − 1].</summary>
        public int Valid;
    }

    /// <summary>Solve the normal equations restricted to the passive set by Cholesky; false if not positive definite.</summary>
    static bool SolvePassive(double[] ata, double[] atb, int n, List<int> idx, double[] s, PassiveFactor f)
    {
        Factorisations++;
        int k = idx.Count;
        var l = f.L;
        int same = 0;
        while (same < Math.Min(k, f.Valid) && f.Rows[same] == idx[same]) same++;
        f.Valid = same;
        for (int a = same; a < k; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double sum = ata[idx[a] * n + idx[b]];
                for (int c = 0; c < b; c++) sum -= l[a * n + c] * l[b * n + c];
                if (a == b)
                {
                    if (sum <= 1e-14 * Math.Abs(ata[idx[a] * n + idx[a]]) || sum <= 0) return false;
                    l[a * n + a] = Math.Sqrt(sum);
                }
                else l[a * n + b] = sum / l[b * n + b];
            }
            f.Rows[a] = idx[a];
            f.Valid = a + 1;
        }
        var y = new double[k];
        for (int a = 0; a < k; a++)
        {
            double sum = atb[idx[a]];
            for (int c = 0; c < a; c++) sum -= l[a * n + c] * y[c];
            y[a] = sum / l[a * n + a];
        }
        for (int a = k - 1; a >= 0; a--)
        {
            double sum = y[a];
            for (int c = a + 1; c < k; c++) sum -= l[c * n + a] * s[idx[c]];
            s[idx[a]] = sum / l[a * n + a];
        }
        return true;
    }
}
