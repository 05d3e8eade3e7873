using System.Globalization;
using System.Text.RegularExpressions;
using Interphase.Cells;
using Interphase.Data.Analysis;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Interphase.Calibration;

/// <summary>What the simulation must reproduce.</summary>
public enum CalibrationTarget
{
    /// <summary>The mean |V| of each cycle before any short circuit.</summary>
    Overpotential,
    /// <summary>V(t), the simulation read at the measurement's times (at most <see cref="CalibrationOptions.MaxPoints"/> of them).</summary>
    Voltage,
}

public sealed record CalibrationOptions
{
    /// <summary>Parameter paths, e.g. <c>Li|Li6PS5Cl.exchange_current_density</c>.</summary>
    public required IReadOnlyList<string> Parameters { get; init; }
    /// <summary>Null: per-cycle overpotential when the record has at least 3 cycles, else V(t).</summary>
    public CalibrationTarget? Target { get; init; }
    /// <summary>Null: the protocol read off the measurement (<see cref="MeasuredProtocol"/>).</summary>
    public Protocol? Protocol { get; init; }
    public int MaxEvaluations { get; init; } = 400;
    /// <summary>Each parameter stays within its starting value ×/÷ this factor.</summary>
    public double MaxFactor { get; init; } = 1000;
    public int MaxPoints { get; init; } = 2000;
}

/// <summary>A fitted parameter: starting and fitted value in the unit the library (or the cell) writes it in, and the
/// standard error of the fitted value from the Jacobian at the optimum.</summary>
public sealed record FittedParameter(string Path, string Unit, double Initial, double Value, double StandardError, bool AtBound)
{
    /// <summary>The override as a cell file writes it ("1.53 mA/cm2").</summary>
    public string Text => $"{Value.ToString("G6", CultureInfo.InvariantCulture)} {Unit}".Trim();
    public double RelativeError => StandardError / Math.Abs(Value);
}

/// <summary>Everything a calibration found, including the simulation at the fitted values and what it was compared with.</summary>
public sealed record CalibrationResult(
    CellSpec Cell,
    CalibrationTarget Target,
    IReadOnlyList<FittedParameter> Parameters,
    double[] MeasuredX,          // cycle numbers or times (s)
    double[] Measured,           // V
    double[] Fitted,             // V
    double[] Initial,            // V, the simulation before fitting
    double RmsResidualV,
    double InitialRmsResidualV,
    int Evaluations,
    bool Converged,
    string ExitReason,
    double[,] Correlation,
    SimulationResult FittedRun,
    Protocol Protocol);

/// <summary>
/// Fits chosen parameters of a symmetric cell's model to a measurement. Parameters are varied as
/// logarithms of their ratio to the starting value (so that they stay positive and a factor of 2
/// up weighs like a factor of 2 down), with MathNet's Nelder–Mead simplex on the mean squared
/// residual, relative to the measured level. Standard errors come from the Jacobian at the optimum
/// (central differences of ±1 % per parameter): cov = s² (JᵀJ)⁻¹ with s² the residual variance.
/// Each evaluation runs the simulator without recording its time series unless V(t) is the target.
/// </summary>
public static partial class Calibrator
{
    [GeneratedRegex(@"^\s*(?<num>[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>.*?)\s*$")]
    private static partial Regex NumberThenUnit();

    sealed record Param(string Path, double Start, string Unit);

    public static CalibrationResult Fit(CellSpec spec, MaterialLibrary library, SymmetricAnalysis measured, CalibrationOptions o, IProgress<double>? progress = null)
    {
        if (o.Parameters.Count == 0) throw new InputException("--fit: name at least one parameter, e.g. --fit \"Li|Li6PS5Cl.exchange_current_density\"");
        if (spec.Kind != "symmetric") throw new InputException($"cell kind '{spec.Kind}': calibration covers symmetric cells", spec.File, 1);
        var fitted = FindParameters(spec, library, o.Parameters);
        // the cell's own overrides, with canonical paths, minus those being fitted
        var kept = new Parameters(library, spec.Overrides).Overrides
            .Where(x => !fitted.Any(f => string.Equals(f.Path, x.Path, StringComparison.OrdinalIgnoreCase))).ToList();
        var protocol = o.Protocol ?? MeasuredProtocol.From(measured, spec.AreaM2, $"{Path.GetFileName(measured.Data.Info.Source)} (currents)");
        var target = o.Target ?? (measured.CyclesBeforeShort.Count >= 3 ? CalibrationTarget.Overpotential : CalibrationTarget.Voltage);
        var (x, y) = Observations(measured, target, o.MaxPoints);
        if (x.Length <= fitted.Count)
            throw new InputException($"the measurement gives {x.Length} {(target == CalibrationTarget.Overpotential ? "cycles" : "points")} before any short circuit: too few to fit {fitted.Count} parameter(s)", measured.Data.Info.Source);
        double scale = Math.Sqrt(y.Average(v => v * v));
        if (!(scale > 0)) throw new InputException("the measured voltage is zero throughout: nothing to fit", measured.Data.Info.Source);

        int evaluations = 0;
        double bound = Math.Log(o.MaxFactor);
        double[] Simulate(Vector<double> logFactors, out SimulationResult run)
        {
            evaluations++;
            var cell = spec with { Overrides = Overrides(kept, fitted, logFactors) };
            run = new SymmetricSimulator(SymmetricCell.Build(cell, library), new SimulationOptions { RecordSeries = target == CalibrationTarget.Voltage }).Run(protocol);
            return Predict(run, target, x);
        }
        double best = double.PositiveInfinity;
        Vector<double> bestX = Vector<double>.Build.Dense(fitted.Count);
        double Objective(Vector<double> p)
        {
            double penalty = p.Sum(v => Math.Max(0, Math.Abs(v) - bound));
            var q = p.Map(v => Math.Clamp(v, -bound, bound));
            double[] f;
            try { f = Simulate(q, out _); }
            catch (InputException) { return 1e6 + penalty; }
            double ss = 0;
            for (int i = 0; i < f.Length; i++) { double r = (f[i] - y[i]) / scale; ss += r * r; }
            double value = ss / f.Length + 1e3 * penalty * penalty;
            if (value < best) { best = value; bestX = q.Clone(); }
            progress?.Report(Math.Min(0.95, evaluations / (double)o.MaxEvaluations));
            return value;
        }

        var start = Vector<double>.Build.Dense(fitted.Count);
        var initial = Simulate(start, out _);
        bool converged;
        string reason;
        try
        {
            var solver = new NelderMeadSimplex(1e-6, o.MaxEvaluations);
            var result = solver.FindMinimum(ObjectiveFunction.Value(v => Objective(v) + 1e-6), start, Vector<double>.Build.Dense(fitted.Count, 0.7));
            converged = true;
            reason = $"converged after {result.Iterations} iterations";
        }
        catch (MaximumIterationsException)
        {
            converged = false;
            reason = $"stopped after {o.MaxEvaluations} iterations without converging: the best point found is reported";
        }

        var yFit = Simulate(bestX, out _);
        var residual = yFit.Zip(y, (a, b) => a - b).ToArray();
        int m = residual.Length, n = fitted.Count;
        double ssr = residual.Sum(r => r * r);

        // Jacobian at the optimum, by central differences in log space
        var J = Matrix<double>.Build.Dense(m, n);
        const double h = 0.01;
        for (int j = 0; j < n; j++)
        {
            var up = bestX.Clone(); up[j] += h;
            var down = bestX.Clone(); down[j] -= h;
            var fu = Simulate(up, out _);
            var fd = Simulate(down, out _);
            for (int i = 0; i < m; i++) J[i, j] = (fu[i] - fd[i]) / (2 * h);
        }
        double s2 = m > n ? ssr / (m - n) : double.NaN;
        var cov = Matrix<double>.Build.Dense(n, n, double.NaN);
        var jtj = J.TransposeThisAndMultiply(J);
        if (jtj.Determinant() is double det && Math.Abs(det) > 1e-300 && double.IsFinite(det)) cov = jtj.Inverse() * s2;
        var corr = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                corr[a, b] = cov[a, b] / Math.Sqrt(cov[a, a] * cov[b, b]);

        var parameters = fitted.Select((p, j) =>
        {
            double value = p.Start * Math.Exp(bestX[j]);
            double se = value * Math.Sqrt(Math.Max(cov[j, j], 0));
            return new FittedParameter(p.Path, p.Unit, p.Start, value, double.IsFinite(se) ? se : double.NaN, Math.Abs(bestX[j]) >= bound * 0.999);
        }).ToList();
        // the fitted cell once more, with its time series, for the outputs and the report
        var calibrated = spec with { Overrides = Overrides(kept, fitted, bestX) };
        var run = new SymmetricSimulator(SymmetricCell.Build(calibrated, library)).Run(protocol);
        progress?.Report(1);
        return new CalibrationResult(calibrated, target, parameters, x, y, yFit, initial,
            Math.Sqrt(ssr / m), Math.Sqrt(initial.Zip(y, (a, b) => (a - b) * (a - b)).Sum() / m), evaluations, converged, reason, corr, run, protocol);
    }

    /// <summary>Checks the parameter paths against the cell and the library before any work is done.</summary>
    public static void Check(CellSpec spec, MaterialLibrary library, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new InputException("--fit: name at least one parameter, e.g. --fit \"Li|Li6PS5Cl.exchange_current_density\"");
        FindParameters(spec, library, paths);
    }

    static List<Param> FindParameters(CellSpec spec, MaterialLibrary library, IReadOnlyList<string> paths)
    {
        var p = new Parameters(library, spec.Overrides);
        var list = new List<Param>();
        foreach (var path in paths)
        {
            var where = new SourceLocation("--fit");
            var (canonical, text) = p.ValueText(path, where);
            var m = NumberThenUnit().Match(text);
            if (!m.Success || !double.TryParse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new InputException($"parameter '{path}' is '{text}', not a number with a unit: it cannot be fitted", where);
            if (!(v > 0)) throw new InputException($"parameter '{path}' is {v}: only positive parameters can be fitted (they are varied by factors)", where);
            if (list.Any(x => string.Equals(x.Path, canonical, StringComparison.OrdinalIgnoreCase)))
                throw new InputException($"parameter '{path}' is named twice", where);
            list.Add(new Param(canonical, v, m.Groups["unit"].Value));
        }
        return list;
    }

    static IReadOnlyList<ParameterOverride> Overrides(List<ParameterOverride> kept, List<Param> fitted, Vector<double> logFactors)
    {
        var list = new List<ParameterOverride>(kept);
        for (int j = 0; j < fitted.Count; j++)
        {
            var value = fitted[j].Start * Math.Exp(logFactors[j]);
            list.Add(new ParameterOverride(fitted[j].Path, $"{value.ToString("R", CultureInfo.InvariantCulture)} {fitted[j].Unit}".Trim(), new SourceLocation("calibration")));
        }
        return list;
    }

    static (double[] x, double[] y) Observations(SymmetricAnalysis a, CalibrationTarget target, int maxPoints)
    {
        if (target == CalibrationTarget.Overpotential)
        {
            var c = a.CyclesBeforeShort.Where(x => double.IsFinite(x.MeanAbsVoltage)).ToList();
            return (c.Select(x => (double)x.Cycle).ToArray(), c.Select(x => x.MeanAbsVoltage).ToArray());
        }
        var d = a.Data;
        double end = a.Short?.TimeS ?? double.PositiveInfinity;
        var rows = a.Segmentation.HalfCycles.Where(h => h.EndS <= end + 1e-9)
            .SelectMany(h => ShortCircuitDetector.CurrentRows(d, a.Segmentation, h)).ToList();
        int stride = Math.Max(1, (int)Math.Ceiling(rows.Count / (double)maxPoints));
        var pick = rows.Where((_, k) => k % stride == 0).ToList();
        return (pick.Select(i => d.TimeS[i]).ToArray(), pick.Select(i => d.Voltage[i]).ToArray());
    }

    static double[] Predict(SimulationResult run, CalibrationTarget target, double[] x)
    {
        var f = new double[x.Length];
        if (target == CalibrationTarget.Overpotential)
        {
            for (int i = 0; i < x.Length; i++)
            {
                int c = (int)x[i];
                f[i] = c >= 1 && c <= run.Cycles.Count ? run.Cycles[c - 1].MeanAbsVoltage : 0;
            }
            return f;
        }
        var s = run.Series;
        int k = 0;
        for (int i = 0; i < x.Length; i++)
        {
            while (k + 1 < s.Count && s[k + 1].TimeS < x[i]) k++;
            if (k + 1 >= s.Count) { f[i] = s.Count > 0 ? s[^1].Voltage : 0; continue; }
            var (a, b) = (s[k], s[k + 1]);
            // the measured point belongs to the step that carried its current: do not interpolate across a reversal
            if (Math.Sign(a.CurrentDensity) != Math.Sign(b.CurrentDensity)) { f[i] = b.TimeS - x[i] < x[i] - a.TimeS ? b.Voltage : a.Voltage; continue; }
            double w = b.TimeS > a.TimeS ? (x[i] - a.TimeS) / (b.TimeS - a.TimeS) : 0;
            f[i] = a.Voltage + w * (b.Voltage - a.Voltage);
        }
        return f;
    }
}
