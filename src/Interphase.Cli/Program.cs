using System.CommandLine;

namespace Interphase.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Entry point used by the tests too: runs one command line, returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Interphase: simulate and analyse solid-state batteries with engineered interfaces.");
        root.Subcommands.Add(SimulateCommand.Build(stdout, stderr));
        root.Subcommands.Add(MaterialsCommand.Build(stdout, stderr));
        root.Subcommands.Add(EisCommand.Build(stdout, stderr));
        root.Subcommands.Add(AnalyzeCommand.Build(stdout, stderr));
        root.Subcommands.Add(CalibrateCommand.Build(stdout, stderr));
        root.Subcommands.Add(CompareCommand.Build(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Build(stdout, stderr));
        root.Subcommands.Add(SweepCommand.Build(stdout, stderr));
        var parse = root.Parse(QuantityArguments.Join(args));
        if (UsageErrors.Of(parse) is { } usage) return UsageErrors.Report(stderr, parse, usage);
        return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
