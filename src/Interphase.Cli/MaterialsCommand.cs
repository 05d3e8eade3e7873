using System.CommandLine;
namespace Interphase.Cli;
public static class MaterialsCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr) => new("materials", "List and show the materials library.");
}
