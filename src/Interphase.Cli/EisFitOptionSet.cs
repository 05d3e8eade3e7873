using System.CommandLine;
using System.Globalization;
using Interphase.Data.Eis;
using Interphase.Impedance;
using Interphase.Units;

namespace Interphase.Cli;

/// <summary>
/// The options that say how a circuit is fitted (weighting, starting values, fixed values, bounds, global starts) and
/// which points of a spectrum are fitted (--fmin, --fmax, --drop-inductive): shared by <c>eis fit</c> and
/// <c>eis arrhenius</c> on spectra.
/// </summary>
public sealed class EisFitOptionSet
{
    public Option<string?> Initial { get; } = new("--initial") { Description = "starting values (SI): NAME=VALUE,… or all values in order; the rest are guessed from the data" };
    public Option<string?> Fixed { get; } = new("--fixed") { Description = "parameters held constant (SI): NAME=VALUE,…" };
    public Option<string?> Bounds { get; } = new("--bounds") { Description = "bounds (SI): NAME=LOWER:UPPER,… (default: positive; CPE exponents in (0,1])" };
    public Option<string> Weighting { get; } = new Option<string>("--weighting", "-w") { Description = "modulus (default), unit, proportional or sigma (a σ column in the file)", DefaultValueFactory = _ => "modulus" }
        .OneOf("modulus", "unit", "proportional", "sigma");
    public Option<int> Global { get; } = new("--global") { Description = "extra random starts of the global search (0 = local fit from the automatic guess)", DefaultValueFactory = _ => 0 };
    public Option<string?> Fmin { get; } = new("--fmin") { Description = "lowest frequency to fit, e.g. \"10 mHz\" (a bare number is Hz)" };
    public Option<string?> Fmax { get; } = new("--fmax") { Description = "highest frequency to fit, e.g. \"1 MHz\"" };
    public Option<bool> DropInductive { get; } = new("--drop-inductive") { Description = "leave out points with Z'' > 0 (high-frequency cable inductance)" };

    public IEnumerable<Option> All => [Initial, Fixed, Bounds, Weighting, Global, Fmin, Fmax, DropInductive];

    public EisFitOptions Options(ParseResult parse, Circuit c) => new()
    {
        Weighting = Enum.Parse<EisWeighting>(parse.GetValue(Weighting)!, ignoreCase: true),
        InitialGuess = EisCommand.Initial(c, parse.GetValue(Initial)),
        Fixed = EisCommand.Pairs(c, parse.GetValue(Fixed), "--fixed"),
        Bounds = EisCommand.BoundPairs(c, parse.GetValue(Bounds)),
        GlobalStarts = parse.GetValue(Global),
    };

    /// <summary>The points of a spectrum to fit. The frequencies are parsed here, once, so that a mistake in them is one line, not a failure of every file of a batch.</summary>
    public Func<ImpedanceSpectrum, ImpedanceSpectrum> Selection(ParseResult parse)
    {
        double? lo = parse.GetValue(Fmin) is { } a ? Frequency(a, "--fmin") : null, hi = parse.GetValue(Fmax) is { } b ? Frequency(b, "--fmax") : null;
        bool drop = parse.GetValue(DropInductive);
        return s =>
        {
            if (lo is not null || hi is not null) s = s.InRange(lo ?? 0, hi ?? double.PositiveInfinity);
            return drop ? s.WithoutInductivePoints() : s;
        };
    }

    static double Frequency(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var hz) ? hz
            : Measure.Parse(text, QuantityKind.Frequency, new SourceLocation(option));
}
