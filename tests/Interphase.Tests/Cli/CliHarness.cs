using Interphase.Cli;

namespace Interphase.Tests.Cli;

/// <summary>Runs one command line in-process, as `interphase …` would, and returns its exit code and output.</summary>
public static class CliHarness
{
    public static (int code, string stdout, string stderr) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>
    /// Asserts the contract for a mistake: exit <paramref name="code"/>, nothing on stdout, one line on
    /// stderr starting "error: ", no stack trace. Returns that line.
    /// </summary>
    public static string OneLineError(this (int code, string stdout, string stderr) run, int code)
    {
        Assert.True(run.code == code, $"exit {run.code}, expected {code}: {run.stderr}");
        Assert.Equal("", run.stdout);
        var line = Assert.Single(run.stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", run.stderr);
        return line;
    }
}
