using System.Globalization;
using System.Text.RegularExpressions;
using Interphase.Units;
using MathNet.Numerics.Distributions;

namespace Interphase.Ensembles;

/// <summary>The shape of a <see cref="Distribution"/>.</summary>
public enum DistributionKind { Normal, LogNormal, Uniform }

/// <summary>
/// A distribution of one quantity, in the user's unit: <c>normal(5 MPa, 0.5 MPa)</c> (mean, standard
/// deviation), <c>lognormal(1.1 mA/cm2, 0.3)</c> (median, standard deviation of the natural logarithm,
/// no unit), <c>uniform(20 degC, 30 degC)</c> (lower and upper bound). Samples are numbers in
/// <see cref="Unit"/>; they become quantities through the same parser as the value they replace.
/// </summary>
public sealed partial record Distribution(DistributionKind Kind, double A, double B, string Unit, string Text, SourceLocation Where)
{
    [GeneratedRegex(@"^\s*(?<name>[A-Za-z_-]+)\s*\((?<args>[^()]*)\)\s*$")]
    private static partial Regex Call();

    [GeneratedRegex(@"^\s*(?<num>[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)\s*(?<unit>.*?)\s*$")]
    private static partial Regex NumberThenUnit();

    public const string Syntax = "normal(MEAN, SD), lognormal(MEDIAN, SIGMA) or uniform(LOW, HIGH), e.g. 'normal(5 MPa, 0.5 MPa)'";

    /// <summary>A sample in <see cref="Unit"/> from <paramref name="rng"/>.</summary>
    public double Sample(System.Random rng) => Kind switch
    {
        DistributionKind.Normal => B == 0 ? A : Normal.Sample(rng, A, B),
        DistributionKind.LogNormal => B == 0 ? A : A * Math.Exp(Normal.Sample(rng, 0, B)),
        DistributionKind.Uniform => A == B ? A : ContinuousUniform.Sample(rng, A, B),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown distribution"),
    };

    /// <summary>The value below which a fraction <paramref name="u"/> (in (0, 1)) of the distribution lies, in <see cref="Unit"/>: stratified and quasi-random designs map their points through it.</summary>
    public double Quantile(double u) => Kind switch
    {
        DistributionKind.Normal => B == 0 ? A : Normal.InvCDF(A, B, u),
        DistributionKind.LogNormal => B == 0 ? A : A * Math.Exp(B * Normal.InvCDF(0, 1, u)),
        DistributionKind.Uniform => A + (B - A) * u,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown distribution"),
    };

    /// <summary>The centre: mean, median or the middle of the interval (in <see cref="Unit"/>).</summary>
    public double Centre => Kind == DistributionKind.Uniform ? (A + B) / 2 : A;

    /// <summary>The value as a quantity text the parsers read ("5.31 MPa").</summary>
    public string Quantity(double value) => $"{value.ToString("R", CultureInfo.InvariantCulture)} {Unit}".Trim();

    public string Name => Kind switch { DistributionKind.Normal => "normal", DistributionKind.LogNormal => "lognormal", _ => "uniform" };

    /// <summary>
    /// Reads <paramref name="text"/>; every mistake is an <see cref="InputException"/> at <paramref name="where"/>:
    /// an unknown name, a wrong number of arguments, a negative spread, bounds in the wrong order, a unit
    /// that does not match the first argument's.
    /// </summary>
    public static Distribution Parse(string text, SourceLocation where)
    {
        var m = Call().Match(text);
        if (!m.Success) throw new InputException($"'{text.Trim()}' is not a distribution: expected {Syntax}", where);
        var name = m.Groups["name"].Value.ToLowerInvariant();
        DistributionKind kind = name switch
        {
            "normal" or "gaussian" => DistributionKind.Normal,
            "lognormal" or "log-normal" or "log_normal" => DistributionKind.LogNormal,
            "uniform" => DistributionKind.Uniform,
            _ => throw new InputException($"unknown distribution '{m.Groups["name"].Value}': expected normal, lognormal or uniform ({Syntax})", where),
        };
        var args = m.Groups["args"].Value.Split(',');
        if (args.Length != 2)
            throw new InputException($"{name}(…) takes two values, got {args.Length}: expected {Syntax}", where);
        var (a, unitA) = Number(args[0], where);
        var (b, unitB) = Number(args[1], where);
        var ua = UnitOf(unitA, where);
        switch (kind)
        {
            case DistributionKind.Normal:
                b = InUnitOf(b, unitB, ua, unitA, where, "standard deviation");
                if (b < 0) throw new InputException($"the standard deviation of '{text.Trim()}' is negative: it must be 0 or more", where);
                break;
            case DistributionKind.LogNormal:
                if (unitB.Length > 0)
                    throw new InputException($"the second value of '{text.Trim()}' is the standard deviation of ln(x): a number without a unit, such as 0.3", where);
                if (b < 0) throw new InputException($"the standard deviation of ln(x) in '{text.Trim()}' is negative: it must be 0 or more", where);
                if (!(a > 0)) throw new InputException($"the median of '{text.Trim()}' must be positive: a lognormal quantity cannot be 0 or negative", where);
                break;
            case DistributionKind.Uniform:
                if (unitB.Length > 0 && !string.Equals(unitA, unitB, StringComparison.Ordinal) || unitB.Length == 0 && unitA.Length > 0)
                    throw new InputException($"the bounds of '{text.Trim()}' must be written in one unit ('{unitA}')", where);
                if (b < a) throw new InputException($"the upper bound of '{text.Trim()}' is below the lower one", where);
                break;
        }
        return new Distribution(kind, a, b, unitA, text.Trim(), where);
    }

    static (double value, string unit) Number(string arg, SourceLocation where)
    {
        var m = NumberThenUnit().Match(arg);
        if (!m.Success || !double.TryParse(m.Groups["num"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new InputException($"'{arg.Trim()}' is not a number with a unit (such as '0.5 MPa'): expected {Syntax}", where);
        return (v, m.Groups["unit"].Value);
    }

    static Units.Unit UnitOf(string unit, SourceLocation where)
    {
        try { return UnitParser.Parse(unit); }
        catch (InputException e) { throw new InputException(e.Message, where); }
    }

    /// <summary>A spread written in another unit of the same dimension (0.5 K for a mean in degC) in the mean's unit; no unit: the mean's.</summary>
    static double InUnitOf(double value, string unit, Units.Unit target, string targetText, SourceLocation where, string what)
    {
        if (unit.Length == 0 || string.Equals(unit, targetText, StringComparison.Ordinal)) return value;
        Units.Unit u;
        try { u = UnitParser.Parse(unit); }
        catch (InputException e) { throw new InputException(e.Message, where); }
        if (u.Dimension != target.Dimension)
            throw new InputException($"the {what} '{value.ToString(CultureInfo.InvariantCulture)} {unit}' is not in a unit of the same kind as '{targetText}'", where);
        return value * u.Factor / target.Factor;   // a difference: offsets (degC against K) cancel
    }
}
