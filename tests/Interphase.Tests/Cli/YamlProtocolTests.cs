using Interphase.Cli;

namespace Interphase.Tests.Cli;

/// <summary>
/// A protocol step with ": " in a cell file's YAML list (<c>- Repeat 10 times: Plate …</c>) is read by
/// YAML as a mapping; the error names its line and column and says how to quote it.
/// </summary>
public class YamlProtocolTests
{
    const string Stack = "name: x\narea: 1 cm2\ntemperature: 25 degC\nstack_pressure: 5 MPa\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\n";
    const string Repeat = "Repeat 10 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h";

    static (int code, string stdout, string stderr, string outDir) Simulate(string yaml)
    {
        var dir = TestPaths.TempDir();
        var cell = Path.Combine(dir, "x.yaml");
        File.WriteAllText(cell, yaml);
        var outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = CliHarness.Run("simulate", cell, "--quiet", "--out", outDir, "--library", TestPaths.Library);
        return (code, stdout, stderr, outDir);
    }

    public static TheoryData<string, string, string> Unquoted => new()
    {
        // { protocol in the cell file, where, the hint }
        { $"protocol:\n  - Rest for 1 h\n  - {Repeat}\n", "x.yaml:11:5: ", $"(a step containing ': ' must be quoted in YAML: - \"{Repeat}\")" },
        { $"protocol: [Rest for 1 h, {Repeat}]\n", "x.yaml:9:26: ", $"(a step containing ': ' must be quoted in YAML: - \"{Repeat}\")" },
        // a second ": " makes the line malformed YAML
        { "protocol:\n  - Repeat 2 times: Plate: at 0.1 mA/cm2 for 1 h\n", "x.yaml:10:", "(a list item containing ': ' must be quoted in YAML: - \"Repeat 2 times: Plate: at 0.1 mA/cm2 for 1 h\")" },
    };

    [Theory]
    [MemberData(nameof(Unquoted))]
    public void AnUnquotedStepWithAColonSaysToQuoteIt(string protocol, string where, string hint)
    {
        var (code, stdout, stderr, outDir) = Simulate(Stack + protocol);
        var line = (code, stdout, stderr).OneLineError(ExitCodes.InputError);
        Assert.Contains(where, line);
        Assert.EndsWith(hint, line);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void TheQuotedStepRuns()
    {
        var (code, stdout, stderr, _) = Simulate(Stack + $"protocol:\n  - Rest for 1 h\n  - \"Repeat 2 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h\"\n");
        Assert.True(code == 0, stderr);
        Assert.Contains("2 cycles", stdout);
    }
}
