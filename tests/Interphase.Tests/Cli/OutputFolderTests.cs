using System.Globalization;
using Interphase.Cli;

namespace Interphase.Tests.Cli;

/// <summary>
/// <c>--out DIR</c> of every command that writes files: an existing folder that holds anything is refused
/// unless <c>--overwrite</c>, which replaces it whole (no file of the earlier run stays) and only once the
/// new outputs were all written; a run that fails leaves the old folder as it was.
/// </summary>
public class OutputFolderTests
{
    /// <summary>A command that writes files: its arguments for a run that succeeds and for one that fails after the output folder was checked.</summary>
    sealed record Writer(string[] Outputs, Func<string, string[]> Succeeds, Func<string, string[]> Fails);

    const string I0 = "Li|Li6PS5Cl.exchange_current_density";
    static string Cell => Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml");
    static readonly string[] Simulation = ["timeseries.csv", "cycles.csv", "summary.json", "report.html"];

    static readonly Dictionary<string, Writer> Writers = new()
    {
        ["simulate"] = new(Simulation,
            work => ["simulate", Cell, "--step", "Rest for 1 h", "--quiet", "--library", TestPaths.Library],
            work => ["simulate", UnusedOverrideCell(work), "--step", "Rest for 1 h", "--quiet", "--library", TestPaths.Library]),
        ["analyze"] = new(Simulation,
            work => ["analyze", Path.Combine(Simulated(work, "Plate at 0.1 mA/cm2 for 1 h"), "timeseries.csv")],
            work => ["analyze", Garbage(work)]),
        ["calibrate"] = new(["A-bare-Li-LPSCl.calibrated.yaml", "fit.csv", "summary.json", "timeseries.csv", "cycles.csv", "report.html"],
            work => ["calibrate", Cell, Path.Combine(Simulated(work, "Repeat 3 times: Plate at 0.1 mA/cm2 for 1 h; Strip at 0.1 mA/cm2 for 1 h"), "timeseries.csv"),
                     "--fit", I0, "--max-evaluations", "10", "--quiet", "--library", TestPaths.Library],
            work => ["calibrate", Cell, Garbage(work), "--fit", I0, "--quiet", "--library", TestPaths.Library]),
        ["compare"] = new(["report.html", "comparison.csv", "summary.json"],
            work => ["compare", Simulated(work, "Plate at 0.1 mA/cm2 for 1 h"), Simulated(work, "Plate at 0.2 mA/cm2 for 1 h")],
            work => ["compare", Simulated(work, "Plate at 0.1 mA/cm2 for 1 h"), Directory.CreateDirectory(Path.Combine(work, "empty")).FullName]),
        ["eis fit"] = new(["fit.json", "fit.csv", "report.html"],
            work => ["eis", "fit", Spectrum(work), "--circuit", "R0-p(R1,C1)"],
            work => ["eis", "fit", Garbage(work), "--circuit", "R0-p(R1,C1)"]),
        ["eis kk"] = new(["kk.json", "kk.csv", "report.html"], work => ["eis", "kk", Spectrum(work)], work => ["eis", "kk", Garbage(work)]),
        ["eis drt"] = new(["drt.json", "drt.csv", "report.html"], work => ["eis", "drt", Spectrum(work)], work => ["eis", "drt", Garbage(work)]),
        ["eis arrhenius"] = new(["arrhenius.json"], work => ["eis", "arrhenius", Series(work)], work => ["eis", "arrhenius", Garbage(work)]),
    };

    public static TheoryData<string> Commands => new(Writers.Keys);

    [Theory]
    [MemberData(nameof(Commands))]
    public void AFolderOfAnEarlierRunIsRefusedAndLeftAsItWas(string command)
    {
        var (work, dir) = EarlierRun();
        var line = CliHarness.Run([.. Writers[command].Succeeds(work), "--out", dir]).OneLineError(ExitCodes.InputError);
        Assert.Contains($"output folder '{dir}' is not empty", line);
        Assert.Contains("--overwrite", line);
        AssertEarlierRunIntact(dir);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void OverwriteReplacesTheFolderWhole(string command)
    {
        var (work, dir) = EarlierRun();
        var w = Writers[command];
        var (code, stdout, stderr) = CliHarness.Run([.. w.Succeeds(work), "--out", dir, "--overwrite"]);
        Assert.True(code == 0, stderr);
        Assert.Equal(w.Outputs.Order(), Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order());
        Assert.Contains($"to {dir}", stdout);
        AssertNoHiddenFolders(dir);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void AFailedRunWithOverwriteLeavesTheOldFolder(string command)
    {
        var (work, dir) = EarlierRun();
        var (code, _, stderr) = CliHarness.Run([.. Writers[command].Fails(work), "--out", dir, "--overwrite"]);
        Assert.True(code == ExitCodes.InputError, stderr);
        AssertEarlierRunIntact(dir);
        AssertNoHiddenFolders(dir);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void AnEmptyFolderNeedsNoOverwrite(string command)
    {
        var work = TestPaths.TempDir();
        var dir = Directory.CreateDirectory(Path.Combine(work, "out")).FullName;
        var (code, _, stderr) = CliHarness.Run([.. Writers[command].Succeeds(work), "--out", dir]);
        Assert.True(code == 0, stderr);
        Assert.Equal(Writers[command].Outputs.Order(), Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void OverwriteRefusesToDeleteTheCommandsOwnInput()
    {
        var work = TestPaths.TempDir();
        var sim = Simulated(work, "Plate at 0.1 mA/cm2 for 1 h");
        var before = Snapshot(sim);
        var input = Path.Combine(sim, "timeseries.csv");
        var (code, _, stderr) = CliHarness.Run("analyze", input, "--out", sim, "--overwrite");
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains($"--overwrite would delete '{input}'", stderr);
        Assert.Equal(before, Snapshot(sim));
    }

    [Fact]
    public void OverwriteRefusesTheCurrentFolderAndItsParents()
    {
        var cwd = Environment.CurrentDirectory;
        foreach (var dir in new[] { cwd, Path.GetDirectoryName(cwd)! })
        {
            var e = Assert.Throws<InputException>(() => OutputFolder.Open(dir, overwrite: true, []));
            Assert.Contains("holds the current folder", e.Message);
        }
    }

    [Fact]
    public void TheOldFolderIsReplacedOnlyOnCommit()
    {
        // the mechanism itself: outputs go to a fresh folder beside the old one, swapped in by Commit
        var (_, dir) = EarlierRun();
        using (var folder = OutputFolder.Open(dir, overwrite: true, []))
        {
            Assert.NotEqual(Path.GetFullPath(dir), Path.GetFullPath(folder.WriteTo));
            Directory.CreateDirectory(folder.WriteTo);
            File.WriteAllText(Path.Combine(folder.WriteTo, "summary.json"), "{}");
            AssertEarlierRunIntact(dir); // written, not committed: the old folder is still whole
        } // disposed without Commit: a failed run
        AssertEarlierRunIntact(dir);
        AssertNoHiddenFolders(dir);

        using (var folder = OutputFolder.Open(dir, overwrite: true, []))
        {
            Directory.CreateDirectory(folder.WriteTo);
            File.WriteAllText(Path.Combine(folder.WriteTo, "summary.json"), "{}");
            folder.Commit();
        }
        Assert.Equal(["summary.json"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName));
        AssertNoHiddenFolders(dir);
    }

    // ---- an earlier run's folder: files a new run would not write, and a sub-folder ----

    static (string work, string dir) EarlierRun()
    {
        var work = TestPaths.TempDir();
        var dir = Path.Combine(work, "out");
        Directory.CreateDirectory(Path.Combine(dir, "plots"));
        File.WriteAllText(Path.Combine(dir, "eis_1.csv"), "stale");
        File.WriteAllText(Path.Combine(dir, "summary.json"), "old summary");
        File.WriteAllText(Path.Combine(dir, "plots", "old.png"), "old");
        return (work, dir);
    }

    static void AssertEarlierRunIntact(string dir) => Assert.Equal(
        ["eis_1.csv=stale", "plots/old.png=old", "summary.json=old summary"], Snapshot(dir));

    static List<string> Snapshot(string dir) => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
        .Select(f => $"{Path.GetRelativePath(dir, f).Replace('\\', '/')}={File.ReadAllText(f)}").Order(StringComparer.Ordinal).ToList();

    static void AssertNoHiddenFolders(string dir) =>
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(Path.GetFullPath(dir))!), e => Path.GetFileName(e).Contains(".interphase-"));

    // ---- inputs ----

    static string Simulated(string work, string step)
    {
        var dir = Path.Combine(work, $"sim-{Guid.NewGuid():N}");
        var (code, _, stderr) = CliHarness.Run("simulate", Cell, "--step", step, "--out", dir, "--quiet", "--library", TestPaths.Library);
        Assert.True(code == 0, stderr);
        return dir;
    }

    static string UnusedOverrideCell(string work)
    {
        var path = Path.Combine(work, "unused-override.yaml");
        File.WriteAllText(path, "name: x\narea: 1 cm2\ntemperature: 25 degC\nlayers:\n  - {material: Li, thickness: 100 um}\n  - {material: Li6PS5Cl, thickness: 300 um}\n  - {material: Li, thickness: 100 um}\noverrides:\n  Na.density: 0.97 g/cm3\n");
        return path;
    }

    static string Garbage(string work)
    {
        var path = Path.Combine(work, "garbage.csv");
        File.WriteAllText(path, "this is not a measurement\n");
        return path;
    }

    /// <summary>R0-p(R1,C1) with R0 = 10 Ω, R1 = 100 Ω, C1 = 1 µF, 1 MHz to 0.1 Hz: frequency, Z', Z''.</summary>
    static string Spectrum(string work)
    {
        var lines = Enumerable.Range(0, 41).Select(k =>
        {
            double f = 1e6 * Math.Pow(10, -k * 7.0 / 40), w = 2 * Math.PI * f;
            var z = 10 + 1 / new System.Numerics.Complex(1 / 100.0, w * 1e-6);
            return string.Create(CultureInfo.InvariantCulture, $"{f:R},{z.Real:R},{z.Imaginary:R}");
        });
        var path = Path.Combine(work, "rc.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>σ(T) from Ea = 30 kJ/mol, σ(25 °C) = 1e-4 S/cm.</summary>
    static string Series(string work)
    {
        var lines = new List<string> { "T (degC),sigma (S/cm)" };
        foreach (var c in new[] { 20, 40, 60, 80 })
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{c},{1e-4 * Math.Exp(-30000 / 8.314462618 * (1 / (c + 273.15) - 1 / 298.15)):R}"));
        var path = Path.Combine(work, "series.csv");
        File.WriteAllLines(path, lines);
        return path;
    }
}
