using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Interphase.Tests.Cli;

namespace Interphase.Tests.Cases;

/// <summary>
/// Every shipped case (data/cases/*.yaml), run by <c>interphase simulate</c> with all mechanisms on, writes the same
/// bytes as before the mechanisms became switchable components and the simulators' stepping was shared (issue 9,
/// docs/decisions/0027): the SHA-256 of each file it writes is in Fixtures/shipped-case-hashes.tsv. report.html is
/// left out (it carries the time it was made); summary.json is compared without its "mechanisms" entry (new with
/// the switches) and with the repository's own path taken out of the paths it quotes.
/// A deliberate change of a model changes these hashes: record them again with
/// <c>INTERPHASE_RECORD_CASE_HASHES=1 dotnet test --filter ShippedCaseOutputTests</c> and say why in the commit.
/// (<c>INTERPHASE_CASE_OUTPUTS=DIR</c> hashes the folders DIR/&lt;case&gt; that another build wrote instead of running.)
/// </summary>
public class ShippedCaseOutputTests
{
    static string HashFile => Path.Combine(TestPaths.Fixtures, "shipped-case-hashes.tsv");

    [Fact]
    public void EveryShippedCaseWritesTheSameOutputsAsBefore()
    {
        var cases = Directory.GetFiles(TestPaths.Cases, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();
        var given = Environment.GetEnvironmentVariable("INTERPHASE_CASE_OUTPUTS");
        var actual = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in cases)
        {
            string dir;
            if (!string.IsNullOrEmpty(given)) dir = Path.Combine(given, name);
            else
            {
                dir = Path.Combine(TestPaths.TempDir(), name);
                var run = CliHarness.Run("simulate", Path.Combine(TestPaths.Cases, name + ".yaml"), "--out", dir, "-q");
                Assert.True(run.code == 0, $"{name}: exit {run.code}: {run.stderr}");
            }
            foreach (var (file, hash) in HashFolder(dir)) actual[$"{name}/{file}"] = hash;
        }
        var text = string.Concat(actual.Select(kv => $"{kv.Key}\t{kv.Value}\n"));
        if (Environment.GetEnvironmentVariable("INTERPHASE_RECORD_CASE_HASHES") == "1")
        {
            File.WriteAllText(HashFile, text);
            return;
        }
        var expected = File.ReadAllLines(HashFile).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var changed = expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(k => !expected.TryGetValue(k, out var e) || !actual.TryGetValue(k, out var a) || e != a).ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} output file(s) differ from the recorded ones (missing, new or changed): {string.Join(", ", changed.Take(20))}");
    }

    /// <summary>SHA-256 (hex) of each file a run wrote, normalised as the class says.</summary>
    internal static IEnumerable<(string file, string hash)> HashFolder(string dir)
    {
        var root = TestPaths.RepoRoot.TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        foreach (var path in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file == "report.html") continue;
            byte[] bytes = File.ReadAllBytes(path);
            if (file == "summary.json")
            {
                var json = JsonNode.Parse(File.ReadAllText(path).Replace(root, ""))!.AsObject();
                json.Remove("mechanisms");
                bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
            }
            yield return (file, Convert.ToHexString(SHA256.HashData(bytes)));
        }
    }
}
