namespace Interphase.Tests.Cli;

/// <summary>`interphase simulate A-bare-Li-LPSCl`: a shipped case by its name, from any folder (the installed tool carries the cases).</summary>
public class ShippedCaseByNameTests
{
    [Fact]
    public void AShippedCaseRunsByItsNameAndAnUnknownNameListsTheCases()
    {
        var dir = TestPaths.TempDir();
        var run = CliHarness.Run("simulate", "A-bare-Li-LPSCl", "--library", TestPaths.Library, "-s", "Plate at 0.1 mA/cm2 for 1 h", "--out", Path.Combine(dir, "a"), "-q");
        Assert.True(run.code == 0, run.stderr);
        Assert.Contains("A-bare-Li-LPSCl: 1 cycles", run.stdout);
        // the same with the extension
        Assert.Equal(0, CliHarness.Run("simulate", "B-bare-Li-PEO.yaml", "--library", TestPaths.Library, "-s", "Plate at 0.1 mA/cm2 for 1 h", "--out", Path.Combine(dir, "b"), "-q").code);
        var line = CliHarness.Run("simulate", "A-bare-Li-LPSC", "--library", TestPaths.Library, "--out", Path.Combine(dir, "c")).OneLineError(1);
        Assert.Contains("no shipped case has that name", line);
        Assert.Contains("A-bare-Li-LPSCl", line);
        Assert.False(Directory.Exists(Path.Combine(dir, "c")));
    }
}
