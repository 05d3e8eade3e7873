using Interphase.Cli;

namespace Interphase.Tests.Cli;

/// <summary>
/// The exit-code contract of every command (docs/cli.md): 0 success, 1 bad input or a failed
/// computation, 2 a command line of the wrong shape. Usage errors are found before anything runs,
/// so none of these command lines needs its files to exist: a usage error that were only found later
/// would show up here as exit 1, "file not found".
/// </summary>
public class ExitCodeTests
{
    public static TheoryData<string[], string, string> UsageErrors => new()
    {
        // { command line, what the error line says, the command whose help the hint names }
        { [], "no command given: expected one of simulate", "interphase" },
        { ["bogus"], "unknown command 'bogus'", "interphase" },
        { ["--bogus"], "unknown option '--bogus'", "interphase" },
        { ["simulate"], "Required argument 'cell' missing", "interphase simulate" },
        { ["simulate", "--bogus"], "unknown option '--bogus'", "interphase simulate" },
        { ["simulate", "--bogus", "cell.yaml"], "unknown option '--bogus'", "interphase simulate" },
        { ["simulate", "cell.yaml", "--bogus"], "unknown option '--bogus'", "interphase simulate" },
        { ["simulate", "cell.yaml", "other.yaml"], "unexpected argument 'other.yaml'", "interphase simulate" },
        { ["simulate", "cell.yaml", "--out"], "--out", "interphase simulate" },
        { ["simulate", "cell.yaml", "--step"], "--step", "interphase simulate" },
        { ["analyze"], "Required argument 'files' missing", "interphase analyze" },
        { ["analyze", "f.csv", "--kind", "half"], "--kind 'half': expected symmetric, full or eis", "interphase analyze" },
        { ["analyze", "f.csv", "--cycle-start", "rest"], "--cycle-start 'rest': expected auto, charge or discharge", "interphase analyze" },
        { ["analyze", "f.csv", "--bogus"], "unknown option '--bogus'", "interphase analyze" },
        { ["calibrate", "cell.yaml", "data.csv"], "'--fit' is required", "interphase calibrate" },
        { ["calibrate", "cell.yaml", "data.csv", "--fit", "x", "--target", "current"], "--target 'current': expected overpotential or voltage", "interphase calibrate" },
        { ["calibrate", "cell.yaml", "data.csv", "--fit", "x", "--max-evaluations", "many"], "many", "interphase calibrate" },
        { ["compare", "a"], "Required argument 'b' missing", "interphase compare" },
        { ["compare", "a", "b", "--kind", "eis"], "--kind 'eis': expected symmetric or full", "interphase compare" },
        { ["eis"], "no command given: expected one of fit, kk, drt, arrhenius", "interphase eis" },
        { ["eis", "fitt"], "unknown command 'fitt'", "interphase eis" },
        { ["eis", "fit", "z.csv"], "'--circuit' is required", "interphase eis fit" },
        { ["eis", "fit", "z.csv", "--circuit"], "--circuit", "interphase eis fit" },
        { ["eis", "fit", "z.csv", "--circuit", "R0", "--weighting", "square"], "--weighting 'square': expected modulus, unit, proportional or sigma", "interphase eis fit" },
        { ["eis", "fit", "z.csv", "--circuit", "R0", "--thickness", "1 mm"], "--thickness needs --area too", "interphase eis fit" },
        { ["eis", "fit", "z.csv", "--circuit", "R0", "--global", "x"], "'x'", "interphase eis fit" },
        { ["eis", "kk", "z.csv", "--max-elements", "many"], "'many'", "interphase eis kk" },
        { ["eis", "drt", "z.csv", "--lambda", "big"], "--lambda 'big': expected discrepancy, lcurve, gcv or a number", "interphase eis drt" },
        { ["eis", "drt", "z.csv", "--order", "abc"], "'abc' for option '--order'", "interphase eis drt" },
        { ["eis", "arrhenius"], "Required argument 'files' missing", "interphase eis arrhenius" },
        { ["eis", "arrhenius", "a.mpt", "b.mpt"], "give their temperatures with --temperatures", "interphase eis arrhenius" },
        { ["eis", "arrhenius", "a.mpt", "-T", "25 degC", "-c", "R0"], "need --circuit, --thickness and --area", "interphase eis arrhenius" },
        { ["eis", "arrhenius", "s.csv", "-c", "R0"], "--circuit, --bulk and the fitting options fit spectra: they need --temperatures", "interphase eis arrhenius" },
        { ["eis", "arrhenius", "s.csv", "--form", "sigmaX"], "--form 'sigmaX': expected sigma or sigmaT", "interphase eis arrhenius" },
        { ["materials"], "no command given: expected one of list, show", "interphase materials" },
        { ["materials", "lst"], "unknown command 'lst'", "interphase materials" },
        { ["materials", "list", "--bogus"], "unknown option '--bogus'", "interphase materials list" },
        { ["materials", "show"], "Required argument 'name' missing", "interphase materials show" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public void UsageErrorsExitTwoWithOneLineAndAHint(string[] args, string expected, string command)
    {
        var (code, stdout, stderr) = CliHarness.Run(args);
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal("", stdout); // no help text dumped
        var lines = stderr.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.Equal($"see '{command} --help'", lines[1].TrimEnd());
        Assert.DoesNotContain("   at ", stderr);
    }

    public static TheoryData<string[], string> InputErrors => new()
    {
        { ["simulate", "nope.yaml", "--quiet"], "file not found" },
        { ["analyze", "nope.csv"], "nope.csv" },
        { ["analyze", "nope.csv", "--mass", "1.4 mA"], "--mass: '1.4 mA' is a current, but a mass was expected" },
        { ["calibrate", Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"), "nope.csv", "--fit", "Li|Li6PS5Cl.exchange_current_density", "--library", TestPaths.Library], "nope.csv" },
        { ["compare", "nope-a", "nope-b"], "nope-a" },
        { ["eis", "fit", "nope.csv", "--circuit", "R0-p(R1,C1)"], "file not found" },
        { ["eis", "kk", "nope.csv"], "file not found" },
        { ["eis", "drt", "nope.csv"], "file not found" },
        { ["eis", "arrhenius", "nope.csv"], "nope.csv" },
        { ["materials", "show", "Unobtainium", "--library", TestPaths.Library], "Unobtainium" },
    };

    [Theory]
    [MemberData(nameof(InputErrors))]
    public void InputErrorsExitOneWithOneLine(string[] args, string expected)
    {
        Assert.Contains(expected, CliHarness.Run(args).OneLineError(ExitCodes.InputError));
    }

    [Fact]
    public void HelpIsNotAnError()
    {
        foreach (var args in new[] { ["--help"], ["simulate", "--help"], ["eis", "fit", "--help"], new[] { "analyze", "--kind", "half", "--help" } })
        {
            var (code, stdout, stderr) = CliHarness.Run(args);
            Assert.Equal(ExitCodes.Ok, code);
            Assert.Contains("Usage:", stdout);
            Assert.Equal("", stderr);
        }
    }
}
