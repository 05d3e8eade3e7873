using System.Numerics;

namespace Interphase.Impedance;

// EisFitter's least-squares problem in a file of its own: the residuals and Jacobian the solver sees, and the buffers a
// warm fit reuses between the seed's sweep, the solver and the statistics (decision 0082)
public static partial class EisFitter
{
    /// <summary>Weighted residuals r = (Ẑ − Z)/σ for Re and Im, and their Jacobian in the fitting variables.</summary>
    internal sealed class EisProblem : ILeastSquaresProblem
    {
        readonly Setup _s;
        readonly double[] _p;
        readonly double[] _dpdx;
        readonly Complex[] _z;
        readonly Complex[] _dz;
        readonly Complex[] _scratch;
        readonly Complex[] _kept;

        /// <summary>
        /// The problem of <paramref name="s"/>; with <paramref name="workspace"/>, the model and derivative buffers are taken
        /// from it (a series reuses them from spectrum to spectrum, and the problems of one fit share them: they are used one
        /// after another, and every buffer is written before it is read).
        /// </summary>
        public EisProblem(Setup s, FitWorkspace? workspace = null)
        {
            _s = s;
            _p = (double[])s.FixedValues.Clone();
            _dpdx = new double[s.Free.Length];
            int n = s.Omega.Length;
            _ws = workspace ?? new FitWorkspace();
            _z = LmWorkspace.Exact(ref _ws.Z, n);
            _dz = LmWorkspace.Exact(ref _ws.Dz, n * s.Circuit.ParameterCount);
            _scratch = LmWorkspace.Exact(ref _ws.Scratch, s.Circuit.SweepScratch(n));
            _kept = LmWorkspace.Exact(ref _ws.Kept, n);
        }

        readonly FitWorkspace _ws;

        /// <summary>The workspace whose buffers this problem uses (its own when none was given).</summary>
        public FitWorkspace Workspace => _ws;

        public int ResidualCount => 2 * _s.Omega.Length;
        public int VariableCount => _s.Free.Length;

        public double[] Parameters(ReadOnlySpan<double> x)
        {
            var p = (double[])_s.FixedValues.Clone();
            for (int k = 0; k < _s.Free.Length; k++) p[_s.Free[k]] = _s.Transforms[_s.Free[k]].ToParameter(x[k]);
            return p;
        }

        /// <summary>The model at every frequency for parameters <paramref name="p"/>, with ∂Z/∂p in <c>_dz</c> when asked (one sweep, no allocation).</summary>
        Complex[] Model(ReadOnlySpan<double> p, bool withJ)
        {
            _s.Circuit.Sweep(_s.Omega, _s.LnOmega, p, _z, withJ ? _dz : Span<Complex>.Empty, _scratch);
            return _z;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public bool Evaluate(ReadOnlySpan<double> x, Span<double> r, Span<double> jac)
        {
            var free = _s.Free;
            int n = free.Length, m = _s.Circuit.ParameterCount;
            for (int k = 0; k < n; k++)
            {
                var t = _s.Transforms[free[k]];
                _p[free[k]] = t.ToParameter(x[k]);
                _dpdx[k] = t.Derivative(x[k]);
            }
            bool withJ = !jac.IsEmpty;
            var data = _s.Spectrum.Impedance;
            var model = Model(_p, withJ);
            for (int i = 0; i < _s.Omega.Length; i++)
            {
                var z = model[i];
                double wr = _s.InvSigmaRe[i], wi = _s.InvSigmaIm[i];
                double rr = (z.Real - data[i].Real) * wr, ri = (z.Imaginary - data[i].Imaginary) * wi;
                if (!double.IsFinite(rr) || !double.IsFinite(ri)) return false;
                r[2 * i] = rr;
                r[2 * i + 1] = ri;
                if (withJ)
                {
                    int o1 = 2 * i * n, o2 = o1 + n, od = i * m;
                    for (int k = 0; k < n; k++)
                    {
                        var d = _dz[od + free[k]];
                        jac[o1 + k] = d.Real * _dpdx[k] * wr;
                        jac[o2 + k] = d.Imaginary * _dpdx[k] * wi;
                    }
                }
            }
            if (withJ)
                foreach (var v in jac) if (!double.IsFinite(v)) return false;
            return true;
        }

        /// <summary>The model of the last evaluation is the solver's current point: kept for <see cref="LastModel"/>.</summary>
        public void Accepted() => _z.AsSpan().CopyTo(_kept);

        /// <summary>
        /// Writes r and J in this problem's variables at <paramref name="x"/> into the solver's buffers from r and ∂r/∂p
        /// (<paramref name="r"/>, <paramref name="jp"/>, columns the parameters <paramref name="columns"/>) that
        /// <see cref="AtParameters"/> gave at the parameters of <paramref name="x"/>: column k is ∂r/∂p times dp/dx. The model of
        /// that call is still the last one swept. False (nothing to reuse) when a value is not finite, as a first evaluation
        /// that fails; the solver then evaluates itself.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public bool Prime(double[] r, double[] jp, int[] columns, double[] x, LmWorkspace lm)
        {
            var free = _s.Free;
            int n = free.Length, nc = columns.Length, rows = ResidualCount;
            if (r.Length != rows || jp.Length != rows * nc) return false;
            var column = new int[n];
            for (int k = 0; k < n; k++)
            {
                column[k] = Array.IndexOf(columns, free[k]);
                if (column[k] < 0) return false;
                _dpdx[k] = _s.Transforms[free[k]].Derivative(x[k]);
            }
            var rl = LmWorkspace.Exact(ref lm.R, rows);
            var jl = LmWorkspace.Exact(ref lm.J, rows * n);
            for (int i = 0; i < rows; i++)
            {
                if (!double.IsFinite(r[i])) return false;
                rl[i] = r[i];
                for (int k = 0; k < n; k++)
                {
                    double v = jp[i * nc + column[k]] * _dpdx[k];
                    if (!double.IsFinite(v)) return false;
                    jl[i * n + k] = v;
                }
            }
            return true;
        }

        /// <summary>
        /// r and ∂r/∂p at the solver's final point from the residuals and Jacobian it left in <paramref name="outcome"/> (∂r/∂x
        /// divided by dp/dx), in the workspace's buffers as <see cref="AtParameters"/> gives them, so the statistics need no
        /// further sweep; <see cref="LastModel"/> is then that point's model. Null when the outcome has none or a column cannot
        /// be recovered (dp/dx zero or not finite: a bounded parameter on its bound).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public (double[] r, double[] j)? AtOutcome(LmOutcome outcome)
        {
            if (outcome.Residuals is not { } rx || outcome.Jacobian is not { } jx) return null;
            var free = _s.Free;
            int n = free.Length, rows = ResidualCount;
            if (rx.Length != rows || jx.Length != rows * n) return null;
            Span<double> inv = stackalloc double[n];
            for (int k = 0; k < n; k++)
            {
                double d = _s.Transforms[free[k]].Derivative(outcome.X[k]);
                if (!(d != 0) || !double.IsFinite(d)) return null;
                inv[k] = d;
            }
            var r = LmWorkspace.Exact(ref _ws.R, rows);
            var j = LmWorkspace.Exact(ref _ws.J, rows * n);
            for (int i = 0; i < rows; i++)
            {
                r[i] = rx[i];
                for (int k = 0; k < n; k++)
                {
                    double v = jx[i * n + k] / inv[k];
                    if (!double.IsFinite(v)) return null;
                    j[i * n + k] = v;
                }
            }
            return (r, j);
        }

        /// <summary>χ² at the parameters <paramref name="p"/> (all of them, SI); not finite where the model is not.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public double ChiSquareAt(double[] p)
        {
            var data = _s.Spectrum.Impedance;
            var model = Model(p, false);
            double chi2 = 0;
            for (int i = 0; i < _s.Omega.Length; i++)
            {
                double rr = (model[i].Real - data[i].Real) * _s.InvSigmaRe[i], ri = (model[i].Imaginary - data[i].Imaginary) * _s.InvSigmaIm[i];
                chi2 += rr * rr + ri * ri;
            }
            return chi2;
        }

        /// <summary>
        /// Residuals and the Jacobian with respect to the free parameters themselves (not the variables), in the workspace's
        /// buffers: the next call overwrites them.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public (double[] r, double[] j) AtParameters(double[] p)
        {
            var free = _s.Free;
            int n = free.Length, rows = ResidualCount, m = _s.Circuit.ParameterCount;
            var r = LmWorkspace.Exact(ref _ws.R, rows);
            var j = LmWorkspace.Exact(ref _ws.J, rows * n);
            var data = _s.Spectrum.Impedance;
            var model = Model(p, true);
            for (int i = 0; i < _s.Omega.Length; i++)
            {
                var z = model[i];
                double wr = _s.InvSigmaRe[i], wi = _s.InvSigmaIm[i];
                r[2 * i] = (z.Real - data[i].Real) * wr;
                r[2 * i + 1] = (z.Imaginary - data[i].Imaginary) * wi;
                for (int k = 0; k < n; k++)
                {
                    j[2 * i * n + k] = _dz[i * m + free[k]].Real * wr;
                    j[(2 * i + 1) * n + k] = _dz[i * m + free[k]].Imaginary * wi;
                }
            }
            Accepted();
            return (r, j);
        }

        /// <summary>
        /// A copy of the model at the last point kept: that of <see cref="AtParameters"/> or of the solver's current point
        /// (<see cref="Accepted"/>), whichever came last. The sweep with derivatives gives Z bit for bit as the one without
        /// (FitSpeedPathTests), so it need not be evaluated again.
        /// </summary>
        public Complex[] LastModel() => (Complex[])_kept.Clone();

        /// <summary>The model impedance at every frequency (a new array).</summary>
        public Complex[] ModelAt(double[] p) => (Complex[])Model(p, false).Clone();
    }
}
