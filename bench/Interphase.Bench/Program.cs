using BenchmarkDotNet.Running;

namespace Interphase.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Interphase.Bench -- --filter '*'</c> runs every
/// benchmark; <c>--list flat</c> names them. <c>make-data DIR</c> writes the large BioLogic files
/// of <see cref="DataReaderBenchmarks"/> to DIR, to time other readers on the same files;
/// <c>quick-readers</c> prints best-of-7 reader timings in MiB/s without BenchmarkDotNet.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "make-data")
        {
            DataReaderBenchmarks.MakeFiles(args[1]);
            return;
        }
        if (args.Length == 1 && args[0] == "quick-readers")
        {
            DataReaderBenchmarks.Quick();
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
