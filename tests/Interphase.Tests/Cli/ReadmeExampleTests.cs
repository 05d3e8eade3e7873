using System.Text;
using System.Text.RegularExpressions;

namespace Interphase.Tests.Cli;

/// <summary>
/// Every <c>interphase …</c> command in the README's code blocks runs as written (issue 13: "an installed
/// interphase that runs every README example"), in the README's order, with exit code 0 and no error line.
/// Paths are the README's, taken from the repository root (data/, docs/, ../shared/); out/ goes to a
/// temporary folder. A command with a placeholder runs with the README's own meaning filled in (FILE is a
/// spectrum, my-cell.yaml the shipped cell with the README's distributions block), or is listed in
/// <see cref="NotRunnable"/> with the reason; a new README command that is neither fails the test.
/// </summary>
public partial class ReadmeExampleTests
{
    /// <summary>README commands that need a file the reader brings and the repository has no stand-in for.</summary>
    static readonly Dictionary<string, string> NotRunnable = new()
    {
        ["interphase eis arrhenius SERIES.csv [--vtf]"] = "a conductivity series of the reader's (the arrhenius command is run on real series by EisCliTests and EisBatchCliTests)",
        ["interphase eis arrhenius T25.mpt T40.mpt T60.mpt --temperatures \"25,40,60 degC\" --circuit \"R0-p(R1,CPE1)-CPE2\" --thickness \"500 um\" --area \"0.785 cm2\" [--vtf] --out out/arrhenius"] =
            "three spectra of the reader's at 25, 40 and 60 degC",
        ["interphase calibrate data/cases/A-bare-Li-LPSCl.yaml my-cell.mpr --fit \"Li|Li6PS5Cl.exchange_current_density\" --fit \"Li|Li6PS5Cl.interphase.rate_constant\" --out out/fit"] =
            "a measured symmetric-cell file of the reader's (calibrate is run by CalibrationTests)",
        ["interphase compare out/fit out/my-cell --out out/compare"] = "the calibration above and an analysed measurement of the reader's",
    };

    /// <summary>The spectrum that stands for a README "FILE" of impedance data.</summary>
    const string SpectrumFile = "../shared/data/eis/exampleData.csv";

    [Fact]
    public void TheReadmeListsNoCommandThatIsNeitherRunNorExplained()
    {
        var commands = ReadmeCommands();
        Assert.True(commands.Count >= 20, $"found only {commands.Count} commands in README.md");
        foreach (var listed in NotRunnable.Keys)
            Assert.True(commands.Contains(listed), $"listed as not runnable but no longer in the README: {listed}");
        var unexplained = commands.Where(c => !NotRunnable.ContainsKey(c) && HasPlaceholder(c) && !CanFill(c)).ToList();
        Assert.True(unexplained.Count == 0, "README commands with a placeholder the test cannot fill: " + string.Join(" | ", unexplained));
    }

    [Fact]
    public void EveryReadmeCommandWithoutTheSharedDataRuns() => RunAll(c => !NeedsShared(c));

    [SharedDataFact]
    public void EveryReadmeCommandOnTheSharedDataRuns() => RunAll(NeedsShared);

    static void RunAll(Func<string, bool> which)
    {
        var work = TestPaths.TempDir();
        var ran = 0;
        foreach (var command in ReadmeCommands().Where(c => !NotRunnable.ContainsKey(c) && which(c)))
        {
            var args = Arguments(WithOutput(Fill(command, work)), work);
            var run = CliHarness.Run(args);
            Assert.True(run.code == 0, $"`{command}` exited with {run.code}: {run.stderr}");
            // an error is a line of its own starting "error:"; a warning may say "no standard error: …" about a fitted value
            Assert.DoesNotContain(run.stderr.Split('\n'), l => l.TrimStart().StartsWith("error:", StringComparison.Ordinal));
            Assert.DoesNotContain("   at ", run.stderr);
            ran++;
        }
        Assert.True(ran > 0, "no README command ran");
    }

    /// <summary>
    /// A command that writes results but names no --out writes to a folder under the working directory
    /// (docs/cli.md); here that would be the test runner's, so the folder is named under the work folder.
    /// </summary>
    static string WithOutput(string command) =>
        Regex.IsMatch(command, @"^interphase (simulate|analyze|sweep (?!show)|eis |validate|calibrate|compare)") && !command.Contains("--out")
            ? command + " --out out/default-" + Regex.Match(command, @"^interphase (\w+)").Groups[1].Value
            : command;

    static bool NeedsShared(string command) => command.Contains("../shared/") || Regex.IsMatch(command, @"\bFILE\b");

    static bool HasPlaceholder(string command) =>
        Regex.IsMatch(command, @"\b(FILE|DIR|SERIES\.csv)\b|my-cell\.|\[--");

    static bool CanFill(string command) =>
        !Regex.IsMatch(command, @"SERIES\.csv|my-cell\.mpr|out/my-cell|\[--") && !command.Contains("T25.mpt");

    /// <summary>The README's meaning of each placeholder.</summary>
    static string Fill(string command, string work)
    {
        var verb = Regex.Match(command, @"^interphase (\w+(?: \w+)?)").Groups[1].Value.Replace(' ', '-');
        command = Regex.Replace(command, @"\bFILE\b", SpectrumFile);
        command = Regex.Replace(command, @"\bDIR\b", "out/" + verb);
        if (command.Contains("my-cell.yaml")) command = command.Replace("my-cell.yaml", MyCell(work));
        return command;
    }

    /// <summary>
    /// The README's my-cell.yaml: the shipped bare-Li | Li6PS5Cl | Li cell with the README's
    /// <c>distributions:</c> block appended, written to the work folder.
    /// </summary>
    static string MyCell(string work)
    {
        var block = ReadmeBlocks().Single(b => b.TrimStart().StartsWith("distributions:"));
        var cell = File.ReadAllText(Path.Combine(TestPaths.Cases, "A-bare-Li-LPSCl.yaml"))
            .Replace("protocol_file: A-symmetric.protocol", "protocol_file: " + Path.Combine(TestPaths.Cases, "A-symmetric.protocol"));
        var path = Path.Combine(work, "my-cell.yaml");
        File.WriteAllText(path, cell + "\n" + block);
        return path;
    }

    /// <summary>The command's words as a shell would split them (double quotes, a trailing # comment), with the README's relative paths resolved.</summary>
    static string[] Arguments(string command, string work)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool quoted = false, any = false;
        foreach (var ch in command)
        {
            if (ch == '"') { quoted = !quoted; any = true; continue; }
            if (!quoted && ch == '#' && word.Length == 0) break;
            if (!quoted && char.IsWhiteSpace(ch))
            {
                if (any) words.Add(word.ToString());
                word.Clear(); any = false;
                continue;
            }
            word.Append(ch); any = true;
        }
        if (any) words.Add(word.ToString());
        Assert.Equal("interphase", words[0]);
        return words.Skip(1).Select(w => Resolve(w, work)).ToArray();
    }

    static string Resolve(string word, string work) =>
        word.StartsWith("out/") ? Path.Combine(work, word["out/".Length..])
        : word.StartsWith("data/") || word.StartsWith("docs/") || word.StartsWith("../shared/") ? Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, word))
        : word;

    /// <summary>The README's fenced code blocks, in order.</summary>
    static List<string> ReadmeBlocks()
    {
        var blocks = new List<string>();
        StringBuilder? block = null;
        foreach (var line in File.ReadLines(Path.Combine(TestPaths.RepoRoot, "README.md")))
        {
            if (line.StartsWith("```"))
            {
                if (block is null) block = new StringBuilder();
                else { blocks.Add(block.ToString()); block = null; }
                continue;
            }
            block?.AppendLine(line);
        }
        return blocks;
    }

    /// <summary>Every line of a code block that starts with <c>interphase </c>, with its backslash continuations joined.</summary>
    static List<string> ReadmeCommands()
    {
        var commands = new List<string>();
        foreach (var block in ReadmeBlocks())
        {
            string? pending = null;
            foreach (var raw in block.Split('\n'))
            {
                var line = raw.TrimEnd('\r').TrimEnd();
                if (pending is null && !line.StartsWith("interphase ")) continue;
                var continued = line.EndsWith('\\');
                var text = Comment().Replace(continued ? line[..^1] : line, "").Trim();
                pending = pending is null ? text : pending + " " + text;
                if (continued) continue;
                commands.Add(pending);
                pending = null;
            }
        }
        return commands;
    }

    /// <summary>A trailing shell comment, "   # …", as the README writes them after a command.</summary>
    [GeneratedRegex(@"\s+#\s.*$")]
    private static partial Regex Comment();
}
