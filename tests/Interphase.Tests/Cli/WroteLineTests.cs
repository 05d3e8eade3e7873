using Interphase.Cli;

namespace Interphase.Tests.Cli;

/// <summary>The "wrote …" line: files by name, a subfolder's files counted, bare names taken as files in DIR.</summary>
public class WroteLineTests
{
    [Fact]
    public void FilesAreNamedAndASubfoldersFilesCounted()
    {
        var dir = TestPaths.TempDir();
        var o = new StringWriter();
        CliRunner.Wrote(o, [Path.Combine(dir, "a.csv"), Path.Combine(dir, "figures", "01.png"), Path.Combine(dir, "figures", "02.png")], dir);
        Assert.Equal($"  wrote a.csv, figures/ (2 files) to {dir}", o.ToString().TrimEnd());
        // a sweep names its store by its bare file name beside a full path (it said "out/sweep-A/ (1 files)")
        o = new StringWriter();
        CliRunner.Wrote(o, ["results.sqlite", Path.Combine(dir, "report.html")], dir);
        Assert.Equal($"  wrote results.sqlite, report.html to {dir}", o.ToString().TrimEnd());
    }
}
