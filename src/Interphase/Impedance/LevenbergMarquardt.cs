using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Interphase.Impedance;

/// <summary>A least-squares problem: residuals r(x) and their Jacobian J = ∂r/∂x (row-major, rows × n).</summary>
internal interface ILeastSquaresProblem
{
    int ResidualCount { get; }
    int VariableCount { get; }
    /// <summary>Fill r and, if <paramref name="jacobian"/> is not empty, J. Returns false if the model is not finite there.</summary>
    bool Evaluate(ReadOnlySpan<double> x, Span<double> residuals, Span<double> jacobian);
    /// <summary>The last evaluation is the solver's current point (the start, or a step it took): a problem that keeps what it computed there (the model) keeps it now.</summary>
    void Accepted();
}

/// <summary>Why the solver stopped.</summary>
public enum FitExit
{
    /// <summary>The gradient is zero to working precision (MINPACK gtol).</summary>
    Gradient,
    /// <summary>Steps became negligible relative to the variables (xtol).</summary>
    Step,
    /// <summary>Actual and predicted relative reductions of χ² both negligible (ftol).</summary>
    Reduction,
    /// <summary>The iteration limit was reached first: not converged.</summary>
    MaxIterations,
    /// <summary>No step reduced χ² even with a very large damping: stalled, not converged.</summary>
    Stalled,
    /// <summary>The model is not finite at the starting point: not converged.</summary>
    NonFinite,
}

/// <summary>
/// How a minimisation ended. <c>Residuals</c> and <c>Jacobian</c> are r and J at <c>X</c> when the solver evaluated them there
/// (null otherwise): the solver's buffers, valid until the next call with the same <see cref="LmWorkspace"/>.
/// </summary>
internal readonly record struct LmOutcome(double[] X, double Cost, int Iterations, int Evaluations, FitExit Exit, double[]? Residuals = null, double[]? Jacobian = null)
{
    public bool Converged => Exit is FitExit.Gradient or FitExit.Step or FitExit.Reduction;
}

/// <summary>
/// Levenberg–Marquardt with Marquardt's diagonal scaling (running maximum of diag JᵀJ, Moré 1978)
/// and Nielsen's damping update (Madsen, Nielsen, Tingleff, "Methods for non-linear least squares
/// problems", 2004, §3.2). Hand-written for speed: analytic Jacobian, no allocation inside the
/// loop, a dense Cholesky of the n×n damped normal matrix (n ≤ ~20). The numbers that justify it
/// over MathNet's LevenbergMarquardtMinimizer are in docs/decisions/0005-eis-fitting.md.
/// </summary>
internal sealed class LevenbergMarquardt
{
    public int MaxIterations { get; init; } = 400;
    public double GradientTolerance { get; init; } = 1e-10;
    public double StepTolerance { get; init; } = 1e-10;
    public double ReductionTolerance { get; init; } = 1e-9;

    /// <summary>
    /// Minimise ½‖r(x)‖² from <paramref name="x0"/>. With <paramref name="workspace"/>, the residual, Jacobian and normal-matrix
    /// buffers are taken from it (and left in it for the next call) instead of allocated: a series of fits reuses them. With
    /// <paramref name="primed"/>, the workspace's <c>R</c> and <c>J</c> already hold finite r and J at <paramref name="x0"/> (the caller
    /// evaluated them there, decision 0082) and the first evaluation is not repeated; it still counts as one.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public LmOutcome Minimize(ILeastSquaresProblem problem, ReadOnlySpan<double> x0, LmWorkspace? workspace = null, bool primed = false)
    {
        int n = problem.VariableCount, m = problem.ResidualCount;
        var x = x0.ToArray();
        var xt = new double[n];
        var ws = workspace ?? new LmWorkspace();
        var r = LmWorkspace.Exact(ref ws.R, m);
        var rt = LmWorkspace.Exact(ref ws.Rt, m);
        var j = LmWorkspace.Exact(ref ws.J, m * n);
        var jt = LmWorkspace.Exact(ref ws.Jt, m * n);
        var a = LmWorkspace.Exact(ref ws.A, n * n);
        var g = LmWorkspace.Exact(ref ws.G, n);
        var d = LmWorkspace.Exact(ref ws.D, n);
        var h = LmWorkspace.Exact(ref ws.H, n);
        var l = LmWorkspace.Exact(ref ws.L, n * n);
        int evals = 1;
        if (primed && (workspace is null || r.Length != m || j.Length != m * n)) throw new ArgumentException("a primed start needs the workspace's residuals and Jacobian of this problem's size");
        if (!primed && !problem.Evaluate(x, r, j)) return new LmOutcome(x, double.NaN, 0, evals, FitExit.NonFinite);
        problem.Accepted();
        double cost = 0.5 * Dot(r, r);
        Normal(j, r, m, n, a, g);
        for (int k = 0; k < n; k++) d[k] = Math.Max(a[k * n + k], 1e-300);
        double mu = 1e-3 * Max(a, n), nu = 2;
        if (!(mu > 0)) mu = 1e-3;

        for (int iter = 1; iter <= MaxIterations; iter++)
        {
            // Gradient test: largest cosine between r and a column of J.
            double rn = Math.Sqrt(2 * cost), gmax = 0;
            for (int k = 0; k < n; k++)
                if (a[k * n + k] > 0) gmax = Math.Max(gmax, Math.Abs(g[k]) / (Math.Sqrt(a[k * n + k]) * Math.Max(rn, 1e-300)));
            if (gmax <= GradientTolerance || cost == 0) return new LmOutcome(x, cost, iter - 1, evals, FitExit.Gradient, r, j);

            for (int k = 0; k < n * n; k++) l[k] = a[k];
            for (int k = 0; k < n; k++) l[k * n + k] += mu * d[k];
            if (!CholeskySolve(l, g, h, n))
            {
                mu *= nu; nu *= 2;
                if (mu > 1e300) return new LmOutcome(x, cost, iter, evals, FitExit.Stalled, r, j);
                continue;
            }
            double hn = 0, xn = 0;
            for (int k = 0; k < n; k++) { hn += h[k] * h[k]; xn += x[k] * x[k]; }
            if (Math.Sqrt(hn) <= StepTolerance * (Math.Sqrt(xn) + StepTolerance))
                return new LmOutcome(x, cost, iter, evals, FitExit.Step, r, j);

            for (int k = 0; k < n; k++) xt[k] = x[k] + h[k];
            evals++;
            bool ok = problem.Evaluate(xt, rt, jt);
            double costT = ok ? 0.5 * Dot(rt, rt) : double.PositiveInfinity;
            // predicted reduction ½ hᵀ(μ D h − g), with g here the negative gradient −Jᵀr
            double pred = 0;
            for (int k = 0; k < n; k++) pred += h[k] * (mu * d[k] * h[k] + g[k]);
            pred *= 0.5;
            double rho = double.IsFinite(costT) && pred > 0 ? (cost - costT) / pred : -1;
            if (rho > 0)
            {
                double actualRel = (cost - costT) / Math.Max(cost, 1e-300), predRel = pred / Math.Max(cost, 1e-300);
                (x, xt) = (xt, x);
                (r, rt) = (rt, r);
                (j, jt) = (jt, j);
                cost = costT;
                problem.Accepted();
                Normal(j, r, m, n, a, g);
                for (int k = 0; k < n; k++) d[k] = Math.Max(d[k], a[k * n + k]);
                double t = 2 * rho - 1;
                mu *= Math.Max(1.0 / 3, 1 - t * t * t);
                nu = 2;
                if (actualRel <= ReductionTolerance && predRel <= ReductionTolerance)
                    return new LmOutcome(x, cost, iter, evals, FitExit.Reduction, r, j);
            }
            else
            {
                mu *= nu; nu *= 2;
                if (mu > 1e300 || nu > 1e300) return new LmOutcome(x, cost, iter, evals, FitExit.Stalled, r, j);
            }
        }
        return new LmOutcome(x, cost, MaxIterations, evals, FitExit.MaxIterations, r, j);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    static double Max(double[] a, int n)
    {
        double mx = 0;
        for (int k = 0; k < n; k++) mx = Math.Max(mx, a[k * n + k]);
        return mx;
    }

    /// <summary>
    /// A = JᵀJ, g = −Jᵀr, each entry a sum over the rows of J in their order, a product then a sum per row (as one entry
    /// at a time from zero: the same numbers as before, bit for bit; decision 0060). The upper triangle is built in blocks
    /// of 4 rows × 8 (or 4) columns of A held in Vector256 accumulators for a whole pass over the rows of J (no load and
    /// store of A per row, as the row-by-row update did, and eight independent sums in flight), g with the first block of
    /// its rows; rows and columns beyond the last whole four, one entry at a time; the part below the diagonal is then
    /// copied from above it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void Normal(double[] j, double[] r, int m, int n, double[] a, double[] g)
    {
        if (j.Length < m * n || r.Length < m || a.Length < n * n || g.Length < n) throw new ArgumentException("buffers shorter than m × n");
        int whole = Vector256.IsHardwareAccelerated ? n & ~3 : 0;
        for (int p0 = 0; p0 < whole; p0 += 4)
        {
            Block(j, r, m, n, a, g, p0, p0, p0 + 8 <= whole, withG: true);
            for (int q0 = p0 + 8; q0 < whole; q0 += 8) Block(j, r, m, n, a, g, p0, q0, q0 + 8 <= whole, withG: false);
        }
        for (int p = whole; p < n; p++)
        {
            double s = 0;
            for (int i = 0, o = p; i < m; i++, o += n) s -= j[o] * r[i];
            g[p] = s;
        }
        for (int q = whole; q < n; q++)
            for (int p = 0; p <= q; p++)
            {
                double s = 0;
                for (int i = 0, o = 0; i < m; i++, o += n) s += j[o + p] * j[o + q];
                a[p * n + q] = s;
            }
        for (int p = 0; p < n; p++) for (int q = 0; q < p; q++) a[p * n + q] = a[q * n + p];
    }

    /// <summary>
    /// A's rows p0…p0+3 at columns q0…q0+3 (and q0+4…q0+7 when <paramref name="eight"/>) over every row of J, and, with
    /// <paramref name="withG"/> (then q0 = p0), g at p0…p0+3. The caller has checked the buffers' lengths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Block(double[] j, double[] r, int m, int n, double[] a, double[] g, int p0, int q0, bool eight, bool withG)
    {
        ref double j0 = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(j);
        ref double r0 = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(r);
        var a0 = Vector256<double>.Zero;
        Vector256<double> a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0, gs = a0;
        for (int i = 0, o = 0; i < m; i++, o += n)
        {
            var row = Vector256.LoadUnsafe(ref j0, (nuint)(o + q0));
            var j0p = Vector256.Create(Unsafe.Add(ref j0, o + p0));
            var j1p = Vector256.Create(Unsafe.Add(ref j0, o + p0 + 1));
            var j2p = Vector256.Create(Unsafe.Add(ref j0, o + p0 + 2));
            var j3p = Vector256.Create(Unsafe.Add(ref j0, o + p0 + 3));
            a0 += j0p * row;
            a1 += j1p * row;
            a2 += j2p * row;
            a3 += j3p * row;
            if (withG) gs -= row * Vector256.Create(Unsafe.Add(ref r0, i));
            if (eight)
            {
                var next = Vector256.LoadUnsafe(ref j0, (nuint)(o + q0 + 4));
                b0 += j0p * next;
                b1 += j1p * next;
                b2 += j2p * next;
                b3 += j3p * next;
            }
        }
        a0.CopyTo(a.AsSpan(p0 * n + q0));
        a1.CopyTo(a.AsSpan((p0 + 1) * n + q0));
        a2.CopyTo(a.AsSpan((p0 + 2) * n + q0));
        a3.CopyTo(a.AsSpan((p0 + 3) * n + q0));
        if (eight)
        {
            b0.CopyTo(a.AsSpan(p0 * n + q0 + 4));
            b1.CopyTo(a.AsSpan((p0 + 1) * n + q0 + 4));
            b2.CopyTo(a.AsSpan((p0 + 2) * n + q0 + 4));
            b3.CopyTo(a.AsSpan((p0 + 3) * n + q0 + 4));
        }
        if (withG) gs.CopyTo(g.AsSpan(p0));
    }

    /// <summary>Solve L Lᵀ h = g in place of the symmetric matrix <paramref name="l"/>; false if not positive definite.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static bool CholeskySolve(double[] l, double[] g, double[] h, int n)
    {
        for (int c = 0; c < n; c++)
        {
            double s = l[c * n + c];
            for (int k = 0; k < c; k++) s -= l[c * n + k] * l[c * n + k];
            if (!(s > 0)) return false;
            double dc = Math.Sqrt(s);
            l[c * n + c] = dc;
            for (int r = c + 1; r < n; r++)
            {
                double t = l[r * n + c];
                for (int k = 0; k < c; k++) t -= l[r * n + k] * l[c * n + k];
                l[r * n + c] = t / dc;
            }
        }
        for (int i = 0; i < n; i++)
        {
            double s = g[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * h[k];
            h[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = h[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * h[k];
            h[i] = s / l[i * n + i];
        }
        return true;
    }
}

/// <summary>
/// The buffers of <see cref="LevenbergMarquardt.Minimize"/> (residuals, Jacobian, normal matrix and its factor), kept from one
/// call to the next by a caller that fits many problems of one size on one thread. Every buffer is overwritten before it is
/// read, so what a previous call left in it does not matter.
/// </summary>
internal sealed class LmWorkspace
{
    public double[] R = [], Rt = [], J = [], Jt = [], A = [], G = [], D = [], H = [], L = [];

    /// <summary><paramref name="buffer"/> if it has exactly <paramref name="length"/> elements, else a new array of that length kept in it.</summary>
    public static T[] Exact<T>(ref T[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new T[length];
        return buffer;
    }
}
