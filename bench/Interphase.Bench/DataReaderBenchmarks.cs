using BenchmarkDotNet.Attributes;
using Interphase.Data;
using Interphase.Data.BioLogic;

namespace Interphase.Bench;

/// <summary>
/// Reading throughput of the BioLogic readers on ~100 MB files made from the shared test files
/// (<see cref="LargeFiles"/>): the .mpt text export (English with CRLF, and German with decimal
/// commas) and the binary .mpr, each into the unified dataset on one thread, plus the .mpt with
/// every column parsed. MB/s = file size ÷ mean time (the sizes are printed at set-up).
/// </summary>
[MemoryDiagnoser]
public class DataReaderBenchmarks
{
    public const long TargetBytes = 100L << 20;
    string _dir = "";
    string _mptEn = "", _mptDe = "", _mpr = "";

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "interphase-bench-data");
        Directory.CreateDirectory(_dir);
        var bio = Path.Combine(LargeFiles.SharedData, "biologic");
        _mptEn = Make(Path.Combine(_dir, "bcd-100MB.mpt"), p => LargeFiles.Mpt(Path.Combine(bio, "bcd.issue_241.mpt"), p, TargetBytes));
        _mptDe = Make(Path.Combine(_dir, "gcpl-de-100MB.mpt"), p => LargeFiles.Mpt(Path.Combine(bio, "gcpl.issue_149.mpt"), p, TargetBytes));
        _mpr = Make(Path.Combine(_dir, "bcd-100MB.mpr"), p => LargeFiles.Mpr(Path.Combine(bio, "bcd.issue_241.mpr"), p, TargetBytes));
        foreach (var f in new[] { _mptEn, _mptDe, _mpr })
            Console.WriteLine($"// {Path.GetFileName(f)}: {new FileInfo(f).Length} bytes ({new FileInfo(f).Length / 1048576.0:F1} MiB)");
    }

    static string Make(string path, Func<string, string> make) => File.Exists(path) ? path : make(path);

    [Benchmark(Description = ".mpt, English, CRLF → dataset")]
    public int MptEnglish() => BioLogicReader.ReadMpt(_mptEn).Count;

    [Benchmark(Description = ".mpt, German decimal commas → dataset")]
    public int MptGerman() => BioLogicReader.ReadMpt(_mptDe).Count;

    [Benchmark(Description = ".mpt, English, every column parsed")]
    public long MptEveryColumn()
    {
        using var f = MptFile.Open(_mptEn);
        double sum = 0;
        var all = Enumerable.Range(0, f.Columns.Length).ToArray();
        f.ReadChunks(all, (chunk, rows, _) => { for (int r = 0; r < rows; r++) sum += chunk[0][r]; });
        return (long)sum;
    }

    [Benchmark(Description = ".mpr → dataset")]
    public int Mpr() => BioLogicReader.ReadMpr(_mpr).Count;

    [Benchmark(Description = ".mpr, every column to arrays")]
    public int MprTable() => MprFile.ReadTable(_mpr).RowCount;

    /// <summary>Best of seven runs of each reader, in MiB/s (a quick check; the recorded figures come from BenchmarkDotNet).</summary>
    public static void Quick()
    {
        var b = new DataReaderBenchmarks();
        b.Setup();
        foreach (var (name, file, run) in new (string, string, Func<long>)[]
        {
            (".mpt English → dataset", b._mptEn, () => b.MptEnglish()),
            (".mpt German → dataset", b._mptDe, () => b.MptGerman()),
            (".mpt every column", b._mptEn, () => b.MptEveryColumn()),
            (".mpr → dataset", b._mpr, () => b.Mpr()),
            (".mpr every column", b._mpr, () => b.MprTable()),
        })
        {
            double best = double.MaxValue;
            for (int k = 0; k < 7; k++)
            {
                GC.Collect();
                var sw = System.Diagnostics.Stopwatch.StartNew();
                run();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            double mib = new FileInfo(file).Length / 1048576.0;
            Console.WriteLine($"{name,-26} {best * 1e3,8:F1} ms  {mib / best,7:F0} MiB/s");
        }
    }

    /// <summary>Writes the large files to <paramref name="dir"/> (for comparisons with other readers) and prints their paths.</summary>
    public static void MakeFiles(string dir)
    {
        Directory.CreateDirectory(dir);
        var bio = Path.Combine(LargeFiles.SharedData, "biologic");
        Console.WriteLine(LargeFiles.Mpt(Path.Combine(bio, "bcd.issue_241.mpt"), Path.Combine(dir, "bcd-100MB.mpt"), TargetBytes));
        Console.WriteLine(LargeFiles.Mpr(Path.Combine(bio, "bcd.issue_241.mpr"), Path.Combine(dir, "bcd-100MB.mpr"), TargetBytes));
        Console.WriteLine(LargeFiles.Mpr(Path.Combine(bio, "gcpl.issue_149.mpr"), Path.Combine(dir, "gcpl-100MB.mpr"), TargetBytes));
        Console.WriteLine(DataFile.Detect(Path.Combine(dir, "bcd-100MB.mpr")).Description);
    }
}
