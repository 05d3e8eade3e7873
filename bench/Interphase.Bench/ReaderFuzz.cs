using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Interphase.Data.Analysis;

namespace Interphase.Bench;

/// <summary>
/// Mutation fuzzing of every reader and the analysis behind it (issue 11, item 5):
/// <c>dotnet run -c Release --project bench/Interphase.Bench -- fuzz [SECONDS] [CRASH-DIR] [NAME-PART]</c>
/// (NAME-PART keeps the seeds whose file name contains it; gzip-compressed seeds are fuzzed unpacked).
/// Each real file (tests/…/Fixtures/measured, Fixtures/neware and ../shared/data) is damaged at random — cut,
/// bytes changed, a span deleted or repeated, lines dropped or repeated, a number replaced by NaN, ±1e308, an
/// empty cell, a decimal comma — and run through `interphase analyze`'s path (Measurement.Analyze) on every core.
/// A refusal must be an InputException whose one line names the file; anything else is a crash: the input is
/// saved to CRASH-DIR (default out/fuzz-crashes) once per exception type and throwing method, to be turned into a test.
/// Why not SharpFuzz: its coverage-guided mode needs AFL or libFuzzer outside .NET, which CI does not install;
/// the damage here is aimed at the structure the readers parse (headers, records, numbers), which random
/// coverage-guided bytes reach slowly.
/// </summary>
internal static class ReaderFuzz
{
    static readonly string[] BadNumbers = ["NaN", "1e308", "-1e308", "0", "-0", "", "Infinity", "99999999999999999999", "1,5", "--1", "1e-320", "0x1F"];

    public static int Run(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 60;
        var crashDir = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine("out", "fuzz-crashes"));
        var seeds = SeedFiles();
        // a third argument keeps the seeds whose name contains it (e.g. ".res" to fuzz the Arbin reader alone)
        if (args.Length > 2) seeds = seeds.Where(f => Path.GetFileName(f).Contains(args[2], StringComparison.OrdinalIgnoreCase)).ToList();
        if (seeds.Count == 0) throw new InvalidOperationException($"no seed file's name contains '{args[2]}'");
        Console.WriteLine($"fuzzing {seeds.Count} files for {seconds:G3} s on {Environment.ProcessorCount} cores; crashes to {crashDir}");
        var crashes = new ConcurrentDictionary<string, string>();
        var badMessages = new ConcurrentDictionary<string, string>();
        long runs = 0, refused = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, worker =>
        {
            var rng = new Random(worker * 7919 + Environment.TickCount);
            var tmp = Directory.CreateTempSubdirectory("interphase-fuzz-").FullName;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var seed = seeds[rng.Next(seeds.Count)];
                var bytes = Mutate(SeedBytes(seed), rng, out var how);
                var path = Path.Combine(tmp, SeedName(seed));
                File.WriteAllBytes(path, bytes);
                Interlocked.Increment(ref runs);
                try
                {
                    Measurement.Analyze(path);
                }
                catch (InputException e)
                {
                    Interlocked.Increment(ref refused);
                    if (!e.OneLine.Contains(SeedName(seed)) || e.OneLine.Contains('\n'))
                        badMessages.TryAdd(e.Message, Save(crashDir, "message", seed, bytes, how, e));
                }
                catch (Exception e)
                {
                    var frame = new StackTrace(e).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Interphase") == true);
                    var key = $"{e.GetType().Name} in {frame?.GetMethod()?.DeclaringType?.Name}.{frame?.GetMethod()?.Name}";
                    if (!crashes.ContainsKey(key)) crashes.TryAdd(key, Save(crashDir, "crash", seed, bytes, how, e));
                }
            }
            Directory.Delete(tmp, true);
        });
        Console.WriteLine($"{runs} damaged files in {clock.Elapsed.TotalSeconds:F0} s ({runs / clock.Elapsed.TotalSeconds:F0}/s), {refused} refused on one line, {crashes.Count} distinct crashes, {badMessages.Count} refusals without the file's name");
        foreach (var (k, v) in crashes) Console.WriteLine($"  crash: {k}: {v}");
        foreach (var (k, v) in badMessages) Console.WriteLine($"  message: {k}: {v}");
        return crashes.IsEmpty && badMessages.IsEmpty ? 0 : 1;
    }

    static List<string> SeedFiles()
    {
        var fixtures = Path.Combine(RepoRoot(), "tests", "Interphase.Tests", "Fixtures");
        var dirs = new[] { Path.Combine(fixtures, "measured"), Path.Combine(fixtures, "neware"), Path.GetDirectoryName(BenchData.File("x"))! };
        var files = dirs.Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && new FileInfo(f).Length < 4_000_000).ToList();
        if (files.Count == 0) throw new InvalidOperationException($"no seed files under {string.Join(", ", dirs)}");
        return files;
    }

    static readonly ConcurrentDictionary<string, byte[]> Unpacked = new();

    /// <summary>A seed's bytes; a gzip-compressed fixture (the Arbin .res files) is fuzzed as the file it holds.</summary>
    static byte[] SeedBytes(string seed) => !seed.EndsWith(".gz", StringComparison.Ordinal) ? File.ReadAllBytes(seed)
        : Unpacked.GetOrAdd(seed, s =>
        {
            using var gz = new System.IO.Compression.GZipStream(File.OpenRead(s), System.IO.Compression.CompressionMode.Decompress);
            using var m = new MemoryStream();
            gz.CopyTo(m);
            return m.ToArray();
        });

    static string SeedName(string seed) => Path.GetFileName(seed.EndsWith(".gz", StringComparison.Ordinal) ? seed[..^3] : seed);

    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Interphase.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    static byte[] Mutate(byte[] b, Random rng, out string how)
    {
        if (b.Length == 0) { how = "empty"; return b; }
        // a zip (.ndax, .xlsx): damage one of its entries half the time and pack it again, so that the damage reaches
        // the reader of the entry rather than stopping at the zip's checksums
        if (b.AsSpan().StartsWith("PK\u0003\u0004"u8) && rng.Next(2) == 0 && MutateEntry(b, rng, out how) is { } z) return z;
        switch (rng.Next(7))
        {
            case 0:
            {
                int at = rng.Next(b.Length);
                how = $"cut at byte {at}";
                return b[..at];
            }
            case 1:
            {
                var c = (byte[])b.Clone();
                int n = 1 + rng.Next(16);
                for (int k = 0; k < n; k++) c[rng.Next(2) == 0 ? rng.Next(Math.Min(c.Length, 4096)) : rng.Next(c.Length)] = (byte)rng.Next(256);
                how = $"{n} bytes changed";
                return c;
            }
            case 2:
            {
                int at = rng.Next(b.Length), len = Math.Min(b.Length - at, 1 + rng.Next(512));
                how = $"{len} bytes deleted at {at}";
                return [.. b[..at], .. b[(at + len)..]];
            }
            case 3:
            {
                int at = rng.Next(b.Length), len = Math.Min(b.Length - at, 1 + rng.Next(512));
                how = $"{len} bytes at {at} repeated";
                return [.. b[..(at + len)], .. b[at..(at + len)], .. b[(at + len)..]];
            }
            default:
                return MutateText(b, rng, out how);
        }
    }

    /// <summary>The archive with one entry (data.ndc half the time when there is one) damaged by <see cref="Mutate"/>; null if it is no readable zip.</summary>
    static byte[]? MutateEntry(byte[] zip, Random rng, out string how)
    {
        how = "";
        try
        {
            using var src = new System.IO.Compression.ZipArchive(new MemoryStream(zip), System.IO.Compression.ZipArchiveMode.Read);
            var entries = src.Entries.ToList();
            if (entries.Count == 0) return null;
            var target = entries.FirstOrDefault(e => e.FullName == "data.ndc") is { } d && rng.Next(2) == 0 ? d : entries[rng.Next(entries.Count)];
            using var m = new MemoryStream();
            using (var dst = new System.IO.Compression.ZipArchive(m, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
                foreach (var e in entries)
                {
                    using var i = new MemoryStream();
                    using (var s = e.Open()) s.CopyTo(i);
                    var bytes = i.ToArray();
                    if (e == target)
                    {
                        bytes = Mutate(bytes, rng, out var inner);
                        how = $"entry {e.FullName}: {inner}";
                    }
                    using var w = dst.CreateEntry(e.FullName, System.IO.Compression.CompressionLevel.Fastest).Open();
                    w.Write(bytes);
                }
            return m.ToArray();
        }
        catch (InvalidDataException) { return null; }
    }

    /// <summary>Line and number damage, for text files (binary ones get a byte change instead).</summary>
    static byte[] MutateText(byte[] b, Random rng, out string how)
    {
        if (b.Take(512).Any(x => x == 0))
        {
            var c = (byte[])b.Clone();
            c[rng.Next(c.Length)] ^= (byte)(1 << rng.Next(8));
            how = "one bit flipped";
            return c;
        }
        var text = Encoding.Latin1.GetString(b);
        var lines = text.Split('\n').ToList();
        int li = rng.Next(lines.Count);
        switch (rng.Next(3))
        {
            case 0:
                how = $"line {li + 1} deleted";
                lines.RemoveAt(li);
                break;
            case 1:
                how = $"line {li + 1} repeated";
                lines.Insert(li, lines[li]);
                break;
            default:
            {
                // a number on a line replaced by a bad one
                var line = lines[li];
                var fields = line.Split(line.Contains('\t') ? '\t' : line.Contains(';') ? ';' : ',');
                int fi = rng.Next(fields.Length);
                var bad = BadNumbers[rng.Next(BadNumbers.Length)];
                how = $"line {li + 1} field {fi + 1} '{fields[fi]}' -> '{bad}'";
                fields[fi] = bad;
                lines[li] = string.Join(line.Contains('\t') ? '\t' : line.Contains(';') ? ';' : ',', fields);
                break;
            }
        }
        return Encoding.Latin1.GetBytes(string.Join('\n', lines));
    }

    static string Save(string dir, string kind, string seed, byte[] bytes, string how, Exception e)
    {
        Directory.CreateDirectory(dir);
        var name = $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 9)] + Path.GetExtension(SeedName(seed));
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        File.WriteAllText(path + ".txt", $"seed: {seed}\ndamage: {how}\n{e.GetType().FullName}: {e.Message}\n{e.StackTrace}\n");
        return $"{path} (from {Path.GetFileName(seed)}, {how})";
    }
}
