using System.Diagnostics;

namespace Interphase.Tests.Cli;

/// <summary>
/// A test that submits jobs to a running Slurm (sinfo answers with a partition that is up). Skipped with
/// the reason where there is none, unless <c>INTERPHASE_REQUIRE_SLURM=1</c>, where it runs and fails.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public const string RequireVariable = "INTERPHASE_REQUIRE_SLURM";

    static readonly Lazy<string?> Missing = new(Probe);

    public SlurmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) != "1" && Missing.Value is { } reason) Skip = reason;
    }

    /// <summary>Null when sinfo lists a partition that is up; else why the Slurm tests skip.</summary>
    static string? Probe()
    {
        const string hint = "Slurm is not running here (Debian's slurm-wlm with slurmctld and slurmd on one node); set INTERPHASE_REQUIRE_SLURM=1 to make the test mandatory";
        try
        {
            var psi = new ProcessStartInfo("sinfo") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "-h", "-o", "%a" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(10_000)) { p.Kill(); return $"sinfo did not answer in 10 s: {hint}"; }
            return p.ExitCode == 0 && output.GetAwaiter().GetResult().Contains("up") ? null : $"sinfo lists no partition that is up: {hint}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"sinfo not found: {hint}";
        }
    }
}
