using System.Diagnostics;

namespace Interphase.Tests.Python;

/// <summary>
/// A Python 3 with matplotlib, for the Python example in docs/python. A user's machine may have none, so the
/// test is skipped with the reason printed; CI installs Debian's python3-matplotlib and sets
/// <c>INTERPHASE_REQUIRE_PYTHON=1</c> (in .ci/run), where a missing one makes the test run and fail.
/// </summary>
internal static class PythonWithMatplotlib
{
    public const string RequireVariable = "INTERPHASE_REQUIRE_PYTHON";

    /// <summary>The first of python3 on the PATH and the system's /usr/bin/python3 that imports matplotlib; null if none does.</summary>
    public static readonly string? Path = new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(Imports);

    static bool Imports(string python)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(python, ["-c", "import matplotlib"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (p is null) return false;
            p.WaitForExit(60_000);
            return p.HasExited && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    public static string? SkipReason() =>
        Path is not null || Environment.GetEnvironmentVariable(RequireVariable) == "1" ? null
            : $"needs python3 with matplotlib (Debian: apt-get install python3-matplotlib); set {RequireVariable}=1 to make this a failure";
}

public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute() { Skip = PythonWithMatplotlib.SkipReason(); }
}

/// <summary>docs/python/run_and_plot.py (issue 13, item 5) runs as the README says and plots what Interphase computed.</summary>
public class PythonExampleTests
{
    [PythonFact]
    public void TheExampleSimulatesReadsTheTablesAndWritesAPlot()
    {
        Assert.True(PythonWithMatplotlib.Path is not null, "no python3 with matplotlib");
        var out_ = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "interphase-python-" + Guid.NewGuid().ToString("N"));
        try
        {
            // the CLI this test run built, started as `dotnet interphase.dll`
            var cli = System.IO.Path.Combine(AppContext.BaseDirectory, "interphase.dll");
            Assert.True(File.Exists(cli), cli);
            var script = System.IO.Path.Combine(TestPaths.RepoRoot, "docs", "python", "run_and_plot.py");
            var psi = new ProcessStartInfo(PythonWithMatplotlib.Path!, [script, "--interphase", $"dotnet \"{cli}\"", "--out", out_])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(300_000), "the example did not finish in 5 min");
            Assert.True(p.ExitCode == 0, stderr.Result);
            // the script's per-cycle numbers are the ones in cycles.csv, which it read
            var cycles = File.ReadAllLines(System.IO.Path.Combine(out_, "cycles.csv"));
            int col = Array.IndexOf(cycles[0].Split(','), "mean_abs_overpotential_mV");
            var first = double.Parse(cycles[1].Split(',')[col], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"cycle 1: mean |overpotential| {first:F2} mV", stdout.Result);
            Assert.Equal(6, cycles.Length); // header and five cycles
            var png = File.ReadAllBytes(System.IO.Path.Combine(out_, "voltage.png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
        finally
        {
            if (Directory.Exists(out_)) Directory.Delete(out_, true);
        }
    }
}
