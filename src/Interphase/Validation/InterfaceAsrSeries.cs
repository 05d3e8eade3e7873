using System.Globalization;
using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Simulation;
using MathNet.Numerics;

namespace Interphase.Validation;

/// <summary>
/// The measure onset_ccd_vs_interface_asr (decision 0046): the onset_ccd ramp of <see cref="ValidationMeasurement"/> on the
/// entry's cell at each of its interface ASRs, the cell's surface given as that ASR at the cell's temperature
/// (<c>surface: {interface_asr: …}</c>, docs/models.md §6.2: the film-free fraction that gives it), and the check of the
/// shape of the onset CCD against the ASR that Flatscher et al. (J. Mater. Chem. A 8, 15782, 2020; abstract) report:
/// an exponential decrease, not a power law (<see cref="Exponential"/>).
/// </summary>
public static class InterfaceAsrSeries
{
    /// <summary>What the shape check found: whether y falls at every step, the coefficient of determination of the
    /// least-squares line of ln y against x (semi-log, an exponential) and against ln x (log-log, a power law), the slope
    /// of that log-log line, and the verdict: exponential when y falls at every step and the semi-log line fits better.</summary>
    public readonly record struct Shape(bool Falls, double RSquaredSemiLog, double RSquaredLogLog, double LogLogSlope)
    {
        public bool IsExponential => Falls && RSquaredSemiLog > RSquaredLogLog;

        public string Describe() =>
            $"{(Falls ? "falling at every step" : "not falling at every step")}; R^2 of ln CCD against ASR {RSquaredSemiLog:G3} (exponential), "
            + $"against ln ASR {RSquaredLogLog:G3} (power law, slope {LogLogSlope:G3}): {(IsExponential ? "exponential" : "not exponential")}";
    }

    /// <summary>
    /// Whether y (positive) falls exponentially with x (positive, rising) rather than as a power law: y falls at every step,
    /// and ln y lies closer to a straight line in x than in ln x (R² of each least-squares line, MathNet.Numerics). Needs at
    /// least three points, all positive.
    /// </summary>
    public static Shape Exponential(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 3 || x.Count != y.Count) throw new ArgumentException("a shape check needs at least three points, one y per x");
        if (x.Any(v => !(v > 0)) || y.Any(v => !(v > 0))) throw new ArgumentException("a shape check on logarithms needs positive x and y");
        bool falls = true;
        for (int k = 1; k < y.Count; k++) falls &= y[k] < y[k - 1];
        var xs = x.ToArray();
        var lnx = x.Select(v => Math.Log(v)).ToArray();
        var lny = y.Select(v => Math.Log(v)).ToArray();
        return new Shape(falls, RSquared(xs, lny), RSquared(lnx, lny), Fit.Line(lnx, lny).B);
    }

    static double RSquared(double[] x, double[] y)
    {
        var (a, b) = Fit.Line(x, y);
        return GoodnessOfFit.RSquared(x.Select(v => a + b * v), y);
    }

    /// <summary>The onset CCD at each of the entry's interface ASRs and the verdict on its shape. An ASR at which the ramp
    /// found no onset, or found it at its first level (the CCD then lies at or below the ramp's bottom, which bounds it from
    /// above only), leaves the shape undecided (null), with the reason.</summary>
    public static ValidationMeasurement.Measured Measure(ValidationEntry e, CellSpec spec, MaterialLibrary lib)
    {
        var single = e with { Simulate = e.Simulate! with { Measure = "onset_ccd" } };
        double first = ValidationMeasurement.Ramp(e.Simulate.RampFromMilliampPerCm2!.Value, e.Simulate.RampToMilliampPerCm2!.Value, e.Simulate.RampFactor)[0];
        var (values, parts, warnings) = ValidationMeasurement.RunSeries(single, spec, e.Simulate.InterfaceAsrsOhmCm2,
            asr =>
            {
                var surface = YNode.LoadText($"{{interface_asr: \"{N(asr)} ohm cm2\"}}", $"{e.Id} (simulate.interface_asrs_ohm_cm2)");
                try { return SymmetricCell.Build(spec with { Surface = surface }, lib); }
                catch (InputException x) { throw new InputException($"'{e.Id}', interface ASR {N(asr)} ohm cm2: {x.Message}", e.Simulate.Where); }
            },
            (asr, cell, v, _) => $"{N(asr)} ohm cm2 (film-free fraction {cell.Left.FilmFreeFraction:G3}): {(v is { } y ? y.ToString("G3", CultureInfo.InvariantCulture) : "none")}");
        bool censored = values.Any(v => v is { } c && c <= first);
        var series = "onset CCD in mA/cm2 at " + string.Join(", ", parts);
        if (values.Any(v => v is null))
            return new ValidationMeasurement.Measured(null, $"{series}; the shape is undecided where the ramp found no onset", warnings);
        if (censored)
            return new ValidationMeasurement.Measured(null, $"{series}; the shape is undecided: an onset at the ramp's first level ({N(first)} mA/cm2) bounds the CCD from above only", warnings);
        var shape = Exponential(e.Simulate.InterfaceAsrsOhmCm2, values.Select(v => v!.Value).ToList());
        return new ValidationMeasurement.Measured(null, $"{series}; {shape.Describe()}", warnings, shape.IsExponential);
    }

    static string N(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
