using System.Numerics;
using Interphase.Data.Eis;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Interphase.Impedance;

/// <summary>
/// Complex non-linear least-squares fit of an equivalent circuit to a spectrum (measured or simulated).
/// Parameters are fitted as unbounded variables through <see cref="ParameterTransform"/>s (log for
/// positive ones, a bounded transform for exponents); the Jacobian is analytic. Starting values come
/// from <see cref="InitialGuess"/> unless given; a few automatic variants of them are always tried and
/// an optional multi-start global search adds random starts. Errors come from the covariance
/// s²(JᵀJ)⁻¹ at the optimum (s² = χ²/ν unless σ is absolute).
/// </summary>
public static partial class EisFitter
{
    /// <summary>Fit <paramref name="circuit"/> to <paramref name="spectrum"/>. User mistakes raise <see cref="InputException"/>.</summary>
    public static FitResult Fit(ImpedanceSpectrum spectrum, Circuit circuit, EisFitOptions? options = null)
    {
        var o = options ?? new EisFitOptions();
        var setup = Setup.Create(spectrum, circuit, o);
        var starts = StartingPoints(setup, o);
        var lm = new LevenbergMarquardt { MaxIterations = o.MaxIterations };

        LmOutcome best = default;
        double[] bestStart = starts[0];
        int totalIter = 0, totalEval = 0;
        bool haveBest = false;
        var problem = new EisProblem(setup);
        if (o.GlobalStarts > 0)
        {
            // Short runs from every start, then the three best are polished.
            var quick = new LevenbergMarquardt { MaxIterations = Math.Min(40, o.MaxIterations) };
            var runs = new List<(LmOutcome outcome, double[] start)>();
            foreach (var s in starts)
            {
                var r = quick.Minimize(problem, setup.ToVariables(s));
                totalIter += r.Iterations; totalEval += r.Evaluations;
                if (double.IsFinite(r.Cost)) runs.Add((r, s));
            }
            foreach (var (run, s) in runs.OrderBy(r => r.outcome.Cost).Take(3))
            {
                var r = lm.Minimize(problem, run.X);
                totalIter += r.Iterations; totalEval += r.Evaluations;
                if (Better(r, best, haveBest)) { best = r; bestStart = s; haveBest = true; }
            }
        }
        else
        {
            // The automatic guess runs to convergence; each variant gets a short run and is
            // continued only if it is already below the best χ² found.
            var quick = new LevenbergMarquardt { MaxIterations = Math.Min(15, o.MaxIterations) };
            for (int k = 0; k < starts.Count; k++)
            {
                var r = (k == 0 ? lm : quick).Minimize(problem, setup.ToVariables(starts[k]));
                totalIter += r.Iterations; totalEval += r.Evaluations;
                if (k > 0 && !r.Converged && haveBest && r.Cost < best.Cost)
                {
                    var more = lm.Minimize(problem, r.X);
                    totalIter += more.Iterations; totalEval += more.Evaluations;
                    r = more with { Iterations = r.Iterations + more.Iterations };
                }
                if (Better(r, best, haveBest)) { best = r; bestStart = starts[k]; haveBest = true; }
            }
        }
        if (!haveBest || !double.IsFinite(best.Cost))
            throw new InputException($"circuit {circuit.Text} cannot be evaluated on {spectrum.Source ?? "this spectrum"} from any starting point (the impedance is not finite): check the circuit and the initial values");
        return Statistics.Build(setup, best, problem.Parameters(best.X), bestStart, starts.Count, totalIter, totalEval, o, problem);
    }

    /// <summary>
    /// A fit from <paramref name="start"/> (every parameter, SI; the fixed ones are taken from the options) without the
    /// automatic guess or its variants: the warm start of <see cref="EisSeriesFitter"/>. <c>SeedChiSquare</c> is χ² of the
    /// start itself on this spectrum. The fit is null when the model is not finite at the start or when its χ² there is above
    /// <paramref name="maxSeedChiSquare"/> (no step is taken then); <paramref name="maxIterations"/> caps the iterations
    /// below the options' limit (a fit that reaches it has not converged).
    /// <para>
    /// A free parameter that sits on a bound at the start (a CPE exponent of 1) is first held there, since its transform is
    /// flat at the bound (p = lo + (hi − lo)(1 + sin x)/2 has dp/dx = 0 there): a fit from there either refuses its first
    /// steps until the damping is so large that it stops at once, or, started just inside, crawls back to the bound over a
    /// hundred iterations. The others are fitted; then the bound is kept only if the data push against it (the
    /// Karush–Kuhn–Tucker condition: ∂χ²/∂p points out of the range, or is negligible), which makes the result the
    /// minimum with that parameter in its range. A parameter the model hardly feels at the start (<see cref="InsensitiveLimit"/>)
    /// is held likewise and kept if ∂χ²/∂p is negligible at the end. Otherwise every held parameter is released (a bounded
    /// one a little inside its range, <see cref="WarmMargin"/>) and the fit goes on with all free parameters.
    /// </para>
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static (FitResult? Fit, double SeedChiSquare) FitFrom(ImpedanceSpectrum spectrum, Circuit circuit, EisFitOptions o, ReadOnlySpan<double> start,
        double maxSeedChiSquare = double.PositiveInfinity, int maxIterations = int.MaxValue, FitWorkspace? workspace = null)
    {
        var ws = workspace ?? new FitWorkspace();
        var lm = new LevenbergMarquardt { MaxIterations = Math.Min(o.MaxIterations, maxIterations) };
        var setup = Setup.Create(spectrum, circuit, o);
        int m = circuit.ParameterCount;
        var p = start.ToArray();
        foreach (var (name, v) in o.Fixed) p[circuit.IndexOf(name)] = v;
        var held = new bool[m];
        bool anyHeld = false;
        for (int k = 0; k < m; k++)
        {
            if (setup.IsFixed[k]) continue;
            var t = setup.Transforms[k];
            if (t.AtBound(p[k]) && double.IsFinite(p[k])) held[k] = anyHeld = true;
            else p[k] = t.ToParameter(t.ToVariable(p[k]));
        }
        var problem = new EisProblem(setup, ws);
        // one sweep with derivatives at the start gives χ² of the seed (the sum ChiSquareAt takes, the same bits), the
        // sensitivities below and the solver's first evaluation (decision 0082)
        var (r0, j0) = problem.AtParameters(p);
        double seedChi2 = 0;
        for (int i = 0; i + 1 < r0.Length; i += 2) seedChi2 += r0[i] * r0[i] + r0[i + 1] * r0[i + 1];
        if (!double.IsFinite(seedChi2) || seedChi2 > maxSeedChiSquare) return (null, seedChi2);
        // a parameter the model does not feel at the start (a resistor in parallel driven to 10⁹ Ω or beyond) is held too:
        // its column of the Jacobian is so small against the others that the damping needed to keep its step finite
        // would freeze every other parameter
        {
            int nf = setup.Free.Length;
            var norm = new double[nf];
            double largest = 0;
            for (int b = 0; b < nf; b++)
            {
                double ss = 0, sc = Math.Abs(p[setup.Free[b]]) > 0 ? Math.Abs(p[setup.Free[b]]) : 1;
                for (int i = 0; i < problem.ResidualCount; i++) ss += j0[i * nf + b] * j0[i * nf + b];
                norm[b] = Math.Sqrt(ss) * sc;
                if (double.IsFinite(norm[b])) largest = Math.Max(largest, norm[b]);
            }
            for (int b = 0; b < nf; b++)
                if (!held[setup.Free[b]] && norm[b] <= InsensitiveLimit * largest) held[setup.Free[b]] = anyHeld = true;
        }
        int iterations = 0, evaluations = 1;
        if (anyHeld && held.Count(h => h) < setup.Free.Length)
        {
            var inner = setup.Holding(held, p);
            var innerProblem = new EisProblem(inner, ws);
            var x0 = inner.ToVariables(p);
            var r = lm.Minimize(innerProblem, x0, ws.Lm, primed: innerProblem.Prime(r0, j0, setup.Free, x0, ws.Lm));
            iterations += r.Iterations; evaluations += r.Evaluations;
            if (!double.IsFinite(r.Cost)) return (null, seedChi2);
            p = innerProblem.Parameters(r.X);
            var at = problem.AtParameters(p);
            if (!r.Converged || HeldBoundsHold(setup, at, p, held))
                return (Statistics.Build(setup, r with { X = [] }, p, p, 1, iterations, evaluations, o, problem, at) with { WarmStart = true }, seedChi2);
        }
        bool atStart = !anyHeld;
        if (anyHeld)
            for (int k = 0; k < m; k++)
            {
                if (!held[k]) continue;
                var t = setup.Transforms[k];
                if (double.IsFinite(t.Lower) && double.IsFinite(t.Upper))
                    p[k] = Math.Clamp(p[k], t.Lower + WarmMargin * (t.Upper - t.Lower), t.Upper - WarmMargin * (t.Upper - t.Lower));
                p[k] = t.ToParameter(t.ToVariable(p[k]));
            }
        var xs = setup.ToVariables(p);
        var full = lm.Minimize(problem, xs, ws.Lm, primed: atStart && problem.Prime(r0, j0, setup.Free, xs, ws.Lm));
        iterations += full.Iterations; evaluations += full.Evaluations;
        if (!double.IsFinite(full.Cost)) return (null, seedChi2);
        return (Statistics.Build(setup, full, problem.Parameters(full.X), p, 1, iterations, evaluations, o, problem, problem.AtOutcome(full)) with { WarmStart = true }, seedChi2);
    }

    /// <summary>
    /// <paramref name="seed"/> with every free resistance (a parameter in Ω) multiplied by the one factor that brings the
    /// seed's χ² on <paramref name="spectrum"/> lowest, the other parameters as they are: the start a temperature series
    /// needs (every resistance of a solid electrolyte or interface falls by tens of per cent from one temperature to the
    /// next, while capacitances and exponents hardly change), found by a scan of quarter decades over ±3 decades and a
    /// golden-section search in the best bracket (about 45 evaluations of the circuit). The seed itself when no factor
    /// lowers χ² or the circuit has no free resistance.
    /// </summary>
    internal static double[] ScaleResistances(ImpedanceSpectrum spectrum, Circuit circuit, EisFitOptions o, double[] seed, FitWorkspace? workspace = null)
    {
        var setup = Setup.Create(spectrum, circuit, o);
        var scaled = setup.Free.Where(k => circuit.Parameters[k].Unit == "Ohm").ToArray();
        if (scaled.Length == 0) return seed;
        var problem = new EisProblem(setup, workspace ?? new FitWorkspace());
        var p = (double[])seed.Clone();
        foreach (var (name, v) in o.Fixed) p[circuit.IndexOf(name)] = v;
        double ChiSquare(double lnS)
        {
            double f = Math.Exp(lnS);
            foreach (var k in scaled) p[k] = seed[k] * f;
            var c = problem.ChiSquareAt(p);
            return double.IsFinite(c) ? c : double.PositiveInfinity;
        }
        double step = 0.25 * Math.Log(10);
        int best = 0;
        double bestChi = ChiSquare(0);
        double at0 = bestChi;
        for (int i = -12; i <= 12; i++)
        {
            if (i == 0) continue;
            double c = ChiSquare(i * step);
            if (c < bestChi) { bestChi = c; best = i; }
        }
        double lo = (best - 1) * step, hi = (best + 1) * step, g = (Math.Sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo), f1 = ChiSquare(x1), f2 = ChiSquare(x2);
        for (int i = 0; i < 20; i++)
        {
            if (f1 < f2) { hi = x2; x2 = x1; f2 = f1; x1 = hi - g * (hi - lo); f1 = ChiSquare(x1); }
            else { lo = x1; x1 = x2; f1 = f2; x2 = lo + g * (hi - lo); f2 = ChiSquare(x2); }
        }
        double lnBest = best * step;
        if (Math.Min(f1, f2) < bestChi) { lnBest = f1 < f2 ? x1 : x2; bestChi = Math.Min(f1, f2); }
        if (!(bestChi < at0)) return seed;
        var result = (double[])seed.Clone();
        foreach (var k in scaled) result[k] = seed[k] * Math.Exp(lnBest);
        return result;
    }

    /// <summary>Relative sensitivity (‖∂r/∂ln p‖ against the largest) at or below which a warm start holds a parameter.</summary>
    internal const double InsensitiveLimit = 1e-6;

    /// <summary>
    /// Whether every held parameter may stay where it is at <paramref name="p"/>: one on a bound if the data push against
    /// it (at an upper bound ∂χ²/∂p ≤ 0, at a lower bound ∂χ²/∂p ≥ 0), any held one if the gain from moving it across its
    /// whole range (or by its own size, when the range is not finite) at that slope is below 10⁻⁹ of χ².
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    static bool HeldBoundsHold(Setup s, (double[] r, double[] j) at, double[] p, bool[] held)
    {
        var (r, j) = at;
        int nf = s.Free.Length;
        double chi2 = 0;
        foreach (var v in r) chi2 += v * v;
        for (int b = 0; b < nf; b++)
        {
            int k = s.Free[b];
            if (!held[k]) continue;
            double g = 0;
            for (int i = 0; i < r.Length; i++) g += 2 * r[i] * j[i * nf + b];
            var t = s.Transforms[k];
            bool upper = double.IsFinite(t.Upper) && (!double.IsFinite(t.Lower) || t.Upper - p[k] < p[k] - t.Lower);
            bool pushes = t.AtBound(p[k]) && (upper ? g <= 0 : g >= 0);
            double room = double.IsFinite(t.Lower) && double.IsFinite(t.Upper) ? t.Upper - t.Lower : Math.Max(Math.Abs(p[k]), double.Epsilon);
            if (!pushes && Math.Abs(g) * room > 1e-9 * chi2) return false;
        }
        return true;
    }

    /// <summary>How far inside its range (a fraction of it) a bounded parameter's warm start is moved from a bound.</summary>
    internal const double WarmMargin = 1e-3;

    static bool Better(LmOutcome r, LmOutcome best, bool haveBest) =>
        double.IsFinite(r.Cost) && (!haveBest || r.Cost < best.Cost * (1 - 1e-9) || (r.Converged && !best.Converged && r.Cost <= best.Cost * (1 + 1e-9)));

    /// <summary>The automatic guess (with the user's values on top), its variants, and the global search's random starts.</summary>
    static List<double[]> StartingPoints(Setup s, EisFitOptions o)
    {
        var features = InitialGuess.Features(s.Spectrum);
        // The two best-ranked automatic candidates, and the best with a depressed-arc exponent.
        var arcs = InitialGuess.RankedArcs(s.Circuit, s.Spectrum, features, InitialGuess.DefaultExponent);
        double[] Start(int rank, double exponent) => InitialGuess.WithExponent(s.Circuit, s.Spectrum, features, arcs[rank], exponent);
        var raw = new List<double[]> { Start(0, InitialGuess.DefaultExponent) };
        if (o.InitialGuess.Count == 0)
        {
            if (arcs.Count > 1) raw.Add(Start(1, InitialGuess.DefaultExponent));
            if (s.Circuit.Parameters.Any(p => p.Kind == ParameterKind.Exponent)) raw.Add(Start(0, 0.7));
        }
        double[] Prepare(double[] guess, bool withUserValues)
        {
            guess = (double[])guess.Clone();
            if (withUserValues)
                foreach (var (name, v) in o.InitialGuess) guess[s.Circuit.IndexOf(name)] = v;
            foreach (var (name, v) in o.Fixed) guess[s.Circuit.IndexOf(name)] = v;
            for (int k = 0; k < guess.Length; k++)
                if (!s.IsFixed[k]) guess[k] = s.Transforms[k].ToParameter(s.Transforms[k].ToVariable(guess[k]));
            return guess;
        }
        var starts = raw.Select(g => Prepare(g, true)).ToList();
        // The global search samples around the automatic guess, so a poor user guess cannot trap it.
        var centre = Prepare(raw[0], false);
        if (o.GlobalStarts > 0 && o.InitialGuess.Count > 0) starts.Add(centre);
        if (o.GlobalStarts > 0)
        {
            var rng = new Random(o.Seed);
            double spread = o.GlobalSpreadDecades * Math.Log(10);
            for (int n = 0; n < o.GlobalStarts; n++)
            {
                var v = (double[])centre.Clone();
                for (int k = 0; k < v.Length; k++)
                {
                    if (s.IsFixed[k]) continue;
                    var t = s.Transforms[k];
                    if (double.IsFinite(t.Lower) && double.IsFinite(t.Upper))
                        v[k] = s.Circuit.Parameters[k].Kind == ParameterKind.Exponent && t.Lower == 0 && t.Upper == 1
                            ? 0.4 + 0.6 * rng.NextDouble()
                            : t.Lower + (t.Upper - t.Lower) * rng.NextDouble();
                    else
                        v[k] = t.ToParameter(t.ToVariable(v[k]) + spread * (2 * rng.NextDouble() - 1));
                }
                starts.Add(v);
            }
        }
        return starts;
    }

    /// <summary>Everything fixed for one fit: data, weights, transforms, free/fixed split.</summary>
    internal sealed class Setup
    {
        public required ImpedanceSpectrum Spectrum { get; init; }
        public required Circuit Circuit { get; init; }
        public required double[] Omega { get; init; }
        public required double[] LnOmega { get; init; }
        public required double[] InvSigmaRe { get; init; }
        public required double[] InvSigmaIm { get; init; }
        public required ParameterTransform[] Transforms { get; init; }
        public required bool[] IsFixed { get; init; }
        public required int[] Free { get; init; }
        public required double[] FixedValues { get; init; }
        public required EisWeighting Weighting { get; init; }

        public double[] ToVariables(double[] p) => Free.Select(k => Transforms[k].ToVariable(p[k])).ToArray();

        /// <summary>The same fit with the parameters marked in <paramref name="held"/> fixed at their values in <paramref name="p"/>.</summary>
        public Setup Holding(bool[] held, double[] p)
        {
            var isFixed = (bool[])IsFixed.Clone();
            var values = (double[])FixedValues.Clone();
            for (int k = 0; k < held.Length; k++)
                if (held[k]) { isFixed[k] = true; values[k] = p[k]; }
            return new Setup
            {
                Spectrum = Spectrum, Circuit = Circuit, Omega = Omega, LnOmega = LnOmega, InvSigmaRe = InvSigmaRe, InvSigmaIm = InvSigmaIm,
                Transforms = Transforms, IsFixed = isFixed, Free = [.. Enumerable.Range(0, isFixed.Length).Where(k => !isFixed[k])],
                FixedValues = values, Weighting = Weighting,
            };
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static Setup Create(ImpedanceSpectrum s, Circuit c, EisFitOptions o)
        {
            int m = c.ParameterCount, n = s.Count;
            var transforms = c.Parameters.Select(p => ParameterTransform.For(p.Kind)).ToArray();
            foreach (var (name, (lo, hi)) in o.Bounds)
            {
                int k = c.IndexOf(name);
                if (double.IsNaN(lo) || double.IsNaN(hi) || !(lo < hi))
                    throw new InputException($"bounds of {name} must satisfy lower < upper, got [{lo}, {hi}]");
                transforms[k] = new ParameterTransform(lo, hi);
            }
            var isFixed = new bool[m];
            var fixedValues = new double[m];
            foreach (var (name, v) in o.Fixed)
            {
                int k = c.IndexOf(name);
                if (!double.IsFinite(v)) throw new InputException($"fixed value of {name} must be a finite number, got {v}");
                if (!transforms[k].Contains(v) || (c.Parameters[k].Kind == ParameterKind.Positive && v <= 0 && !o.Bounds.ContainsKey(name)))
                    throw new InputException($"fixed value {v:G6} of {name} is outside its range {Range(transforms[k], c.Parameters[k])}");
                isFixed[k] = true;
                fixedValues[k] = v;
            }
            foreach (var (name, v) in o.InitialGuess)
            {
                int k = c.IndexOf(name);
                if (!double.IsFinite(v) || !transforms[k].Contains(v) || (c.Parameters[k].Kind == ParameterKind.Positive && v <= 0 && !o.Bounds.ContainsKey(name)))
                    throw new InputException($"initial value {v:G6} of {name} is outside its range {Range(transforms[k], c.Parameters[k])}");
            }
            var free = Enumerable.Range(0, m).Where(k => !isFixed[k]).ToArray();
            if (free.Length == 0) throw new InputException($"every parameter of {c.Text} is fixed: nothing to fit");
            if (2 * n <= free.Length)
                throw new InputException($"{s.Source ?? "spectrum"} has {n} points ({2 * n} values) for {free.Length} free parameters of {c.Text}: need more than {free.Length} values");
            if (o.MaxIterations < 1) throw new InputException($"the iteration limit must be at least 1, got {o.MaxIterations}");
            if (o.GlobalStarts < 0) throw new InputException($"the number of global starts cannot be negative, got {o.GlobalStarts}");

            var sre = new double[n];
            var sim = new double[n];
            for (int i = 0; i < n; i++)
            {
                var z = s.Impedance[i];
                double mag = z.Magnitude;
                (double a, double b) = o.Weighting switch
                {
                    EisWeighting.Unit => (1.0, 1.0),
                    EisWeighting.Modulus => (mag, mag),
                    EisWeighting.Proportional => (Math.Max(Math.Abs(z.Real), 0.01 * mag), Math.Max(Math.Abs(z.Imaginary), 0.01 * mag)),
                    EisWeighting.Sigma => s.Sigma is { } sg ? (sg[i], sg[i])
                        : throw new InputException($"{s.Source ?? "spectrum"} has no σ column: sigma weighting needs one (a column named sigma, std or err)"),
                    _ => (1.0, 1.0),
                };
                if (!(a > 0) || !(b > 0))
                    throw new InputException($"{s.Source ?? "spectrum"}: point {i + 1} has |Z| = 0, which {o.Weighting} weighting cannot use");
                sre[i] = 1 / a;
                sim[i] = 1 / b;
            }
            var omega = s.FrequenciesHz.Select(f => 2 * Math.PI * f).ToArray();
            return new Setup
            {
                Spectrum = s, Circuit = c, Omega = omega, LnOmega = omega.Select(w => Math.Log(w)).ToArray(),
                InvSigmaRe = sre, InvSigmaIm = sim, Transforms = transforms, IsFixed = isFixed, Free = free,
                FixedValues = fixedValues, Weighting = o.Weighting,
            };
        }

        static string Range(ParameterTransform t, CircuitParameter p) =>
            p.Kind == ParameterKind.Exponent && t.Lower == 0 && t.Upper == 1 ? "(0, 1]" : $"({t.Lower:G4}, {t.Upper:G4})";
    }

    /// <summary>The buffers a series of fits on one thread reuses (<see cref="EisSeriesFitter"/>): the circuit's sweep, the residuals and Jacobian at the optimum, and the solver's.</summary>
    internal sealed class FitWorkspace
    {
        public Complex[] Z = [], Dz = [], Scratch = [], Kept = [];
        public double[] R = [], J = [];
        /// <summary>The statistics' scaled Jacobian (overwritten by its QR), column scales and R⁻¹.</summary>
        public double[] ScaledJ = [], Scales = [], Inverse = [];
        public LmWorkspace Lm { get; } = new();
    }

    /// <summary>Standard errors, confidence intervals, correlation, identifiability and the warnings.</summary>
    internal static class Statistics
    {
        /// <summary>How far beyond ±1 the rounding of a sound covariance can take a correlation (a few hundred ulps).</summary>
        const double CorrelationRounding = 1e-12;

        /// <summary>
        /// The statistics at the parameters <paramref name="p"/> (all of them, SI); <paramref name="best"/> says how the fit
        /// ended. <paramref name="problem"/> (of the same setup) is reused when given; <paramref name="at"/> are its residuals
        /// and Jacobian at <paramref name="p"/> when its last evaluation was <see cref="EisProblem.AtParameters"/> there.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static FitResult Build(Setup s, LmOutcome best, double[] p, double[] start, int starts, int iterations, int evaluations, EisFitOptions o,
            EisProblem? problem = null, (double[] r, double[] j)? at = null)
        {
            problem ??= new EisProblem(s);
            var (r, j) = at ?? problem.AtParameters(p);
            int rows = r.Length, nf = s.Free.Length, dof = rows - nf;
            double chi2 = 0;
            foreach (var v in r) chi2 += v * v;
            double s2 = s.Weighting == EisWeighting.Sigma ? 1 : chi2 / dof;

            // the unscaled covariance of the relative sensitivities ∂r/∂ln p: R⁻¹R⁻ᵀ from the thin QR when the Jacobian is
            // safely of full rank (TriangularCovariance), otherwise the pseudo-inverse from the SVD of R, which also finds the
            // directions the data cannot see (decision 0050)
            var covArray = new double[nf * nf];
            double[]? nullWeight = null;
            List<string>? poorly = null;
            if (!FullRankCovariance(s, p, j, rows, nf, problem.Workspace, covArray, out var qr))
            {
                var (sv, v, finite) = ScaledJacobianSvd(j, rows, nf, b => Scale(p[s.Free[b]]), qr);
                double smax = sv.Count > 0 ? sv.Maximum() : 0;
                double cut = smax * 1e-9;
                // Σ_t v_t v_tᵀ / s_t² over the singular values above the cut, entry by entry in the order MathNet's
                // cov += v.Column(t).OuterProduct(v.Column(t)) / (s_t s_t) took (its division multiplies by 1/(s_t s_t)),
                // so the same numbers without a matrix allocated per term
                for (int t = 0; t < sv.Count; t++)
                {
                    if (!(sv[t] > cut)) continue;
                    double inv = 1.0 / (sv[t] * sv[t]);
                    for (int a = 0; a < nf; a++)
                    {
                        double va = v[a, t];
                        for (int b = 0; b < nf; b++) covArray[a * nf + b] += va * v[b, t] * inv;
                    }
                }
                (nullWeight, poorly) = Undetermined(sv, v, cut, finite, b => s.Circuit.Parameters[s.Free[b]].Name);
            }
            // The correlation does not depend on s², so it is taken before scaling (a perfect fit has s² = 0).
            var corr = new double?[nf, nf];
            for (int a = 0; a < nf; a++)
                for (int b = 0; b < nf; b++)
                {
                    double c = covArray[a * nf + b] / (Math.Sqrt(covArray[a * nf + a]) * Math.Sqrt(covArray[b * nf + b]));
                    // |c| > 1 cannot be a correlation: its covariance lost its precision (subnormal parameters or
                    // derivatives); such a value is not computable (null), not clipped to ±1
                    if (double.IsFinite(c) && Math.Abs(c) <= 1 + CorrelationRounding) corr[a, b] = c;
                }
            double tq = dof > 0 ? TQuantile(dof) : double.NaN;

            var warnings = new List<string>();
            if (!best.Converged)
                warnings.Add(best.Exit switch
                {
                    FitExit.MaxIterations => $"the fit did not converge within {o.MaxIterations} iterations; the values are the best found: try the global search (more starts) or initial values",
                    FitExit.Stalled => "the fit stalled (no step lowered χ²) before meeting a convergence criterion; the values are the best found: try the global search or initial values",
                    _ => "the model was not finite at the starting point",
                });

            var fitted = new List<FittedParameter>();
            var freeIndex = new int[s.Circuit.ParameterCount];
            Array.Fill(freeIndex, -1);
            for (int b = 0; b < nf; b++) freeIndex[s.Free[b]] = b;
            var onBound = new List<string>();
            for (int k = 0; k < s.Circuit.ParameterCount; k++)
            {
                var cp = s.Circuit.Parameters[k];
                int b = freeIndex[k];
                if (b < 0)
                {
                    fitted.Add(new FittedParameter(cp.Name, cp.ElementName, cp.Spec.Symbol, cp.Unit, p[k], 0, p[k], p[k], true, false, true));
                    continue;
                }
                double sc = Scale(p[k]);
                bool inNull = nullWeight is not null && nullWeight[b] > NullWeightLimit;
                // s² × the variance as MathNet's scalar product of the matrix gave it (a product of 0 clears the entry)
                double variance = s2 == 0 ? 0 : covArray[b * nf + b] * s2;
                double se = inNull ? double.PositiveInfinity : Math.Sqrt(Math.Max(variance, 0)) * sc;
                bool atBound = s.Transforms[k].AtBound(p[k]);
                bool identifiable = !inNull && se <= o.IdentifiabilityLimit * Math.Abs(p[k]);
                if (!identifiable && !inNull)
                    (poorly ??= []).Add(p[k] != 0 ? $"{cp.Name} (±{se / Math.Abs(p[k]):P0})" : $"{cp.Name} (0 ± {se:G3} {cp.Unit})");
                if (atBound) onBound.Add($"{cp.Name} = {p[k]:G4}");
                var tr = s.Transforms[k];
                double lo = Math.Max(p[k] - tq * se, tr.Lower), hi = Math.Min(p[k] + tq * se, tr.Upper);
                fitted.Add(new FittedParameter(cp.Name, cp.ElementName, cp.Spec.Symbol, cp.Unit, p[k], se, lo, hi, false, atBound, identifiable));
            }
            if (poorly is { Count: > 0 })
                warnings.Add($"not identifiable from these data: {string.Join(", ", poorly)}; {StrongestCorrelation(corr, s)}simplify the circuit, fix a parameter or measure a wider frequency range");
            var freeNames = s.Free.Select(k => s.Circuit.Parameters[k].Name).ToArray();
            var inseparable = InseparablePair.Find(fitted, freeNames, corr, o.SeparabilityLimit);
            if (inseparable.Count > 0)
                warnings.Add($"not separately determined by these data: {string.Join("; ", inseparable.Select(x => x.Describe()))}; "
                    + "each value is one split of many that fit equally well: simplify the circuit, fix a parameter or measure a wider frequency range");
            if (onBound.Count > 0)
                warnings.Add($"on a bound: {string.Join(", ", onBound)} (the element has degenerated, e.g. a CPE with α = 1 is an ideal capacitor)");

            var model = problem.LastModel();
            var rr = new double[s.Spectrum.Count];
            var ri = new double[s.Spectrum.Count];
            for (int i = 0; i < model.Length; i++)
            {
                var d = ComplexMath.Divide(s.Spectrum.Impedance[i] - model[i], s.Spectrum.Impedance[i].Magnitude);
                rr[i] = d.Real; ri[i] = d.Imaginary;
            }
            double aic = s.Weighting == EisWeighting.Sigma ? chi2 + 2 * nf : rows * Math.Log(Math.Max(chi2, 1e-300) / rows) + 2 * nf;
            return new FitResult
            {
                Circuit = s.Circuit, Spectrum = s.Spectrum, Weighting = s.Weighting, Parameters = fitted,
                FreeParameters = freeNames, Correlation = corr, Inseparable = inseparable,
                ChiSquare = chi2, ReducedChiSquare = chi2 / dof, DegreesOfFreedom = dof, Aic = aic, Model = model,
                ResidualReal = rr, ResidualImag = ri, Converged = best.Converged, Exit = best.Exit,
                Iterations = iterations, Evaluations = evaluations, Starts = starts, InitialGuess = start, Warnings = warnings,
            };
        }

        static readonly System.Collections.Concurrent.ConcurrentDictionary<int, double> TQuantiles = new();

        /// <summary>t₀.₉₇₅,ν, computed once per ν (MathNet's inverse CDF solves for it, a few µs each time).</summary>
        static double TQuantile(int dof) => TQuantiles.GetOrAdd(dof, d => StudentT.InvCDF(0, 1, d, 0.975));

        /// <summary>Weight in a singular direction above which a parameter counts as undetermined.</summary>
        const double NullWeightLimit = 0.1;

        /// <summary>
        /// The unscaled covariance of the relative sensitivities into <paramref name="cov"/> from the thin QR of the Jacobian
        /// scaled by the parameter values (the R <see cref="ScaledJacobianSvd"/> takes its SVD of, bit for bit) when every
        /// column is finite and R is safely of full rank (<see cref="TriangularCovariance"/>); false otherwise. The scaled
        /// Jacobian and the inverse are formed in the workspace's buffers. <paramref name="r"/>: that R when every column is
        /// finite (for the SVD, which then need not factor the Jacobian again), null otherwise.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        static bool FullRankCovariance(Setup s, double[] p, double[] j, int rows, int nf, FitWorkspace ws, double[] cov, out double[]? r)
        {
            r = null;
            var scales = LmWorkspace.Exact(ref ws.Scales, nf);
            for (int b = 0; b < nf; b++) scales[b] = Scale(p[s.Free[b]]);
            var js = LmWorkspace.Exact(ref ws.ScaledJ, rows * nf);
            for (int a = 0; a < rows; a++)
                for (int c = 0; c < nf; c++)
                {
                    double x = j[a * nf + c] * scales[c];
                    if (!double.IsFinite(x)) return false;
                    js[a * nf + c] = x;
                }
            r = ThinQr.R(js, rows, nf);
            return TriangularCovariance.TryInverse(r, nf, LmWorkspace.Exact(ref ws.Inverse, nf * nf), cov);
        }

        /// <summary>
        /// SVD of the Jacobian scaled by the parameter values (relative sensitivities ∂Z/∂ln p), through
        /// a thin QR (<see cref="ThinQr"/>): the singular values and right vectors of R are those of the Jacobian. A column that
        /// is not finite (an element driven to an extreme, e.g. L = 1e-312, whose derivative overflows)
        /// is left out; its rows of V are zero and <c>Finite</c> is false for it. <paramref name="qr"/>: the R of this same
        /// scaled Jacobian already factored with every column finite (<see cref="FullRankCovariance"/>), used as it is.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        internal static (MathNet.Numerics.LinearAlgebra.Vector<double> S, Matrix<double> V, bool[] Finite) ScaledJacobianSvd(double[] j, int rows, int nf, Func<int, double> scale, double[]? qr = null)
        {
            var scales = new double[nf];
            for (int b = 0; b < nf; b++) scales[b] = scale(b);
            var finite = new bool[nf];
            for (int b = 0; b < nf; b++)
            {
                finite[b] = true;
                for (int a = 0; a < rows && finite[b]; a++) finite[b] = double.IsFinite(j[a * nf + b] * scales[b]);
            }
            var used = Enumerable.Range(0, nf).Where(b => finite[b]).ToArray();
            var v = Matrix<double>.Build.Dense(nf, used.Length);
            if (used.Length == 0) return (MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(0), v, finite);
            int nu = used.Length;
            var r = qr is not null && nu == nf ? qr : ScaledR(j, rows, nf, used, scales);
            var svd = Matrix<double>.Build.Dense(nu, nu, (a, c) => r[a * nu + c]).Svd(true);
            var vt = svd.VT;
            for (int c = 0; c < used.Length; c++)
                for (int t = 0; t < used.Length; t++) v[used[c], t] = vt[t, c];
            return (svd.S, v, finite);
        }

        /// <summary>The thin QR's R of the Jacobian's columns <paramref name="used"/>, each scaled by its parameter's value.</summary>
        static double[] ScaledR(double[] j, int rows, int nf, int[] used, double[] scales)
        {
            int nu = used.Length;
            var js = new double[rows * nu];
            for (int a = 0; a < rows; a++)
                for (int c = 0; c < nu; c++) js[a * nu + c] = j[a * nf + used[c]] * scales[used[c]];
            return ThinQr.R(js, rows, nu);
        }

        /// <summary>
        /// The directions of parameter space the data cannot see (singular values at or below
        /// <paramref name="cut"/>): each parameter's largest weight in one of them, and a description of
        /// the undetermined parameters. Parameters linked through such a direction are named together,
        /// since the data fix only their combination (two resistors in series: only the sum). A
        /// parameter whose derivatives are not finite is undetermined by itself.
        /// </summary>
        static (double[] Weight, List<string> Described) Undetermined(MathNet.Numerics.LinearAlgebra.Vector<double> sv, Matrix<double> v, double cut, bool[] finite, Func<int, string> name)
        {
            int nf = v.RowCount;
            var weight = finite.Select(ok => ok ? 0.0 : 1.0).ToArray();
            var group = Enumerable.Range(0, nf).ToArray();
            int Root(int b) => group[b] == b ? b : group[b] = Root(group[b]);
            for (int t = 0; t < sv.Count; t++)
            {
                if (sv[t] > cut) continue;
                var inDirection = Enumerable.Range(0, nf).Where(b => Math.Abs(v[b, t]) > NullWeightLimit).ToArray();
                for (int b = 0; b < nf; b++) weight[b] = Math.Max(weight[b], Math.Abs(v[b, t]));
                foreach (var b in inDirection.Skip(1)) group[Root(b)] = Root(inDirection[0]);
            }
            var described = Enumerable.Range(0, nf).Where(b => weight[b] > NullWeightLimit).GroupBy(Root)
                .Select(g => !finite[g.Key] ? $"{name(g.Key)} (its derivative is not finite at the optimum: the element has degenerated)"
                    : g.Count() == 1 ? $"{name(g.First())} (no information in the data)"
                    : $"{string.Join(" and ", g.Select(name))} (only their combination is determined: the values are one split of many that fit equally well)")
                .ToList();
            return (weight, described);
        }

        static double Scale(double p) => Math.Abs(p) > 0 ? Math.Abs(p) : 1;

        static string StrongestCorrelation(double?[,] corr, Setup s)
        {
            int nf = s.Free.Length, ba = -1, bb = -1;
            double best = 0;
            for (int a = 0; a < nf; a++)
                for (int b = a + 1; b < nf; b++)
                    if (corr[a, b] is double c && double.IsFinite(c) && Math.Abs(c) > best) { best = Math.Abs(c); ba = a; bb = b; }
            if (ba < 0 || best < 0.95) return "";
            var names = s.Free.Select(k => s.Circuit.Parameters[k].Name).ToArray();
            return $"{names[ba]} and {names[bb]} are correlated ({corr[ba, bb]!.Value:+0.000;-0.000}); ";
        }
    }
}
