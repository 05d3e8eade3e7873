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
}
