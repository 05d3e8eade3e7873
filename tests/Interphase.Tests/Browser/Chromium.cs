using System.Diagnostics;
using System.Text;

namespace Interphase.Tests.Browser;

/// <summary>
/// Runs a headless Chromium on a local HTML file: the DOM after scripts have run
/// (<see cref="DumpDom"/>) for tests, a screenshot (<see cref="Screenshot"/>) for developers.
/// Each run gets a fresh profile folder, no network services and a hard timeout.
/// </summary>
public static class Chromium
{
    public const string PathVariable = "CHROMIUM_PATH";
    public const string RequireVariable = "INTERPHASE_REQUIRE_BROWSER";
    public const string NotFoundReason = "Chromium not found: apt-get install chromium";

    /// <summary>Virtual time the page gets to settle: timers and animation frames run without waiting in real time.</summary>
    public const int VirtualTimeBudgetMs = 15000;

    static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>True when <c>INTERPHASE_REQUIRE_BROWSER=1</c>: a missing browser fails the browser tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>
    /// <c>CHROMIUM_PATH</c> when set (and then only it, so that pointing it at nothing disables the
    /// browser), else /usr/bin/chromium, else chromium, chromium-browser or google-chrome on PATH.
    /// </summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
        if (File.Exists("/usr/bin/chromium")) return "/usr/bin/chromium";
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
            foreach (var dir in dirs)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <summary>The browser, or an exception that says how to get one.</summary>
    public static string Require() =>
        Find() ?? throw new InvalidOperationException(
            $"{NotFoundReason} (or set {PathVariable}); browser tests are mandatory because {RequireVariable}=1");

    /// <summary>The serialized DOM of <paramref name="htmlFile"/> once its scripts have run in a
    /// window of the given size (a desktop screen by default; headless Chromium's own is 800×600).</summary>
    public static string DumpDom(string htmlFile, int width = 1400, int height = 2000, TimeSpan? timeout = null) =>
        Run(["--dump-dom", $"--window-size={width},{height}"], htmlFile, timeout ?? DefaultTimeout);

    /// <summary>A PNG of the page as a 1400 px wide window shows it (first <paramref name="height"/> px).</summary>
    public static void Screenshot(string htmlFile, string pngFile, int width = 1400, int height = 2000, TimeSpan? timeout = null)
    {
        var png = Path.GetFullPath(pngFile);
        File.Delete(png);
        Run([$"--screenshot={png}", $"--window-size={width},{height}", "--hide-scrollbars"], htmlFile, timeout ?? DefaultTimeout);
        if (!File.Exists(png)) throw new InvalidOperationException($"Chromium wrote no screenshot to {png}");
    }

    static string Run(IEnumerable<string> action, string htmlFile, TimeSpan timeout)
    {
        var browser = Require();
        var page = new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri;
        var profile = Directory.CreateTempSubdirectory("interphase-chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // WebGL (plotly's scattergl) in software: Chromium no longer falls back to it by itself.
                "--enable-unsafe-swiftshader",
                $"--user-data-dir={profile}", $"--virtual-time-budget={VirtualTimeBudgetMs}",
            })
                psi.ArgumentList.Add(arg);
            foreach (var arg in action) psi.ArgumentList.Add(arg);
            psi.ArgumentList.Add(page);

            using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {browser}");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit(10_000);
                throw new TimeoutException($"Chromium did not finish {page} within {timeout.TotalSeconds:0} s and was killed");
            }
            if (!Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30)))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new TimeoutException("Chromium exited but kept its output open");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} on {page}:\n{Tail(stderr.Result, 2000)}");
            return stdout.Result;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static string Tail(string text, int chars) => text.Length <= chars ? text : text[^chars..];
}
