using System.Globalization;

namespace Interphase.Tests.Cli;

/// <summary>
/// `interphase analyze FILE FILE… | FOLDER | 'PATTERN'` (issue 11, item 3): every file analysed as it would be alone,
/// on all cores, one combined table and one overlay report; a bad file is reported on one line and skipped.
/// </summary>
public class AnalyzeBatchCliTests
{
    static (int code, string stdout, string stderr) Run(params string[] args) => CliHarness.Run(args);

    static string Input(params string[] shared)
    {
        var dir = TestPaths.TempDir();
        foreach (var s in shared) File.Copy(Path.Combine(TestPaths.SharedData, s), Path.Combine(dir, Path.GetFileName(s)));
        return dir;
    }

    static List<string[]> Rows(string csv) => File.ReadAllLines(csv).Skip(1).Select(l => Split(l)).ToList();

    // batch.csv quotes a reason that holds commas
    static string[] Split(string line)
    {
        var cells = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool q = false;
        foreach (var ch in line)
        {
            if (ch == '"') q = !q;
            else if (ch == ',' && !q) { cells.Add(cur.ToString()); cur.Clear(); }
            else cur.Append(ch);
        }
        cells.Add(cur.ToString());
        return [.. cells];
    }

    [SharedDataFact]
    public void AFolderIsAnalysedFileByFileIntoOneTableAndABadFileIsSkipped()
    {
        var input = Input("biologic/gcpl.issue_149.mpr", "arbin/arbin_example.csv", "eis/exampleDataGamry.DTA");
        File.WriteAllText(Path.Combine(input, "broken.csv"), "nothing here\n");
        var outDir = TestPaths.TempDir();
        var (code, stdout, stderr) = Run("analyze", input, "--out", outDir, "--overwrite", "-q");
        // the bad file: one line naming it and what was expected; the others complete; exit 1 for the failure
        Assert.Equal(1, code);
        var error = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", error);
        Assert.Contains("broken.csv:1:", error);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains("3 of 4 files analysed; 1 failed", stdout);

        var rows = Rows(Path.Combine(outDir, "batch.csv"));
        Assert.Equal("failed", Assert.Single(rows, r => r[0] == "broken.csv")[1]);
        Assert.Contains(rows, r => r[0] == "exampleDataGamry.DTA" && r[3] == "eis" && r[5] == "1");
        // each good file has its own folder, the same outputs as analysing it alone, and its rows are that folder's cycles.csv
        var gcpl = rows.Where(r => r[0] == "gcpl.issue_149.mpr").ToList();
        Assert.NotEmpty(gcpl);
        var alone = TestPaths.TempDir();
        Assert.Equal(0, Run("analyze", Path.Combine(input, "gcpl.issue_149.mpr"), "--out", alone, "--overwrite").code);
        var cycles = File.ReadAllLines(Path.Combine(alone, "cycles.csv"));
        var header = cycles[0].Split(',');
        int dis = Array.IndexOf(header, "discharge_mAh");
        Assert.True(dis >= 0, cycles[0]);
        for (int k = 0; k < gcpl.Count; k++)
        {
            var expected = cycles[k + 1].Split(',')[dis];
            if (expected.Length == 0) Assert.Equal("", gcpl[k][9]);
            else Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), double.Parse(gcpl[k][9], CultureInfo.InvariantCulture), 5);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "gcpl.issue_149", "summary.json")));
        Assert.False(Directory.Exists(Path.Combine(outDir, "broken")));
        var report = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("arbin_example.csv", report);
        Assert.Contains("1 of 4 files could not be analysed", report);
    }

    [SharedDataFact]
    public void APatternAndSeveralFilesAreBatchesAndFilesWithOneNameGetTheirOwnFolders()
    {
        var a = Input("biologic/bcd.issue_241.mpt", "biologic/gcpl.issue_149.mpt");
        var b = Input("biologic/gcpl.issue_149.mpt");
        var outDir = TestPaths.TempDir();
        var run = Run("analyze", Path.Combine(a, "*.mpt"), Path.Combine(b, "gcpl.issue_149.mpt"), "--out", outDir, "--overwrite", "-q");
        Assert.True(run.code == 0, run.stderr);
        Assert.Contains("3 of 3 files analysed", run.stdout);
        Assert.True(Directory.Exists(Path.Combine(outDir, "gcpl.issue_149")));
        Assert.True(Directory.Exists(Path.Combine(outDir, "gcpl.issue_149-2")));
        Assert.Equal(3, Rows(Path.Combine(outDir, "batch.csv")).Select(r => r[^1]).Distinct().Count());
    }

    [Fact]
    public void APatternWithoutMatchesIsOneLineAndABatchBruceVincentIsAUsageError()
    {
        var dir = TestPaths.TempDir();
        var line = Run("analyze", Path.Combine(dir, "*.mpr"), "--out", Path.Combine(dir, "out")).OneLineError(1);
        Assert.Contains("no file matches this pattern", line);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
        var (code, _, stderr) = Run("analyze", "a.csv", "b.csv", "--technique", "bruce-vincent", "--eis-before", "x", "--eis-after", "y");
        Assert.Equal(2, code);
        Assert.Contains("analyses one file", stderr);
    }

    [Fact]
    public void ImpedanceAndRestOnlyRecordsTakeTheirRowsInABatch()
    {
        // Modulo Bat impedance sweeps (a row per spectrum) and an OCV record (one open-circuit row, no cycles)
        var outDir = TestPaths.TempDir();
        var run = Run("analyze", Path.Combine(TestPaths.Fixtures, "measured", "biologic"), "--out", outDir, "--overwrite", "-q");
        Assert.True(run.code == 0, run.stderr);
        var rows = Rows(Path.Combine(outDir, "batch.csv"));
        Assert.Equal(4, rows.Count(r => r[0] == "mb.issue_223.mpr" && r[3] == "eis"));
        var ocv = Assert.Single(rows, r => r[0] == "ocv.issue_149.mpr");
        Assert.Equal(("done", "open_circuit", ""), (ocv[1], ocv[3], ocv[4]));
        Assert.Contains("open-circuit trace", File.ReadAllText(Path.Combine(outDir, "report.html")));
        // a file that mixes cycling and impedance sweeps (yadg's mb.mpr): its cycles, then a row per sweep
        var mixed = rows.Where(r => r[0] == "mb.mpr").ToList();
        Assert.Equal(8, mixed.Count(r => r[3] == "eis"));
        Assert.Equal(Enumerable.Range(1, 8).Select(k => k.ToString(CultureInfo.InvariantCulture)), mixed.Where(r => r[3] == "eis").Select(r => r[5]));
        Assert.Contains(mixed, r => r[3] is "symmetric" or "full" && r[4].Length > 0);
        Assert.True(mixed.FindLastIndex(r => r[3] != "eis") < mixed.FindIndex(r => r[3] == "eis"));
    }

    [Fact]
    public void EveryFileGetsAFolderOfItsOwnEvenWhenAGeneratedNameIsTaken()
    {
        // a.mpr and a.csv share the stem a; a-2.mpr's own stem is the name the second one was given
        var names = Interphase.Cli.AnalyzeBatch.FolderNames(["x/a.mpr", "x/a.csv", "x/a-2.mpr", "x/A.txt"]);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(["a", "a-2", "a-2-2", "A-3"], names);
    }
}
