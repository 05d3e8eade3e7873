using System.CommandLine;
namespace Interphase.Cli;
public static class SimulateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr) => new("simulate", "Simulate a cell under a protocol.");
}
