using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Interphase.Cli;

/// <summary>A progress bar on the terminal for long runs (stderr, so stdout stays clean for pipes).</summary>
public static class ProgressDisplay
{
    public static T Run<T>(TextWriter stderr, bool quiet, string label, Func<IProgress<double>?, T> work) =>
        Show(stderr, quiet, label, report => work(report is null ? null : new Progress(f => report(f, ""))));

    /// <summary>Progress of <paramref name="total"/> items with the rate and the time left ("12 of 40, 3.1 runs/s, 9 s left").</summary>
    public static T RunCounted<T>(TextWriter stderr, bool quiet, string label, int total, string items, Func<IProgress<int>?, T> work)
    {
        var clock = Stopwatch.StartNew();
        return Show(stderr, quiet, label, report => work(report is null ? null : new Counter(n =>
        {
            double rate = n / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            var left = TimeSpan.FromSeconds(Math.Round((total - n) / rate));
            report(total == 0 ? 1 : (double)n / total, string.Create(CultureInfo.InvariantCulture, $" ({n} of {total}, {rate:G3} {items}/s, {left:g} left)"));
        })));
    }

    static T Show<T>(TextWriter stderr, bool quiet, string label, Func<Action<double, string>?, T> work)
    {
        bool interactive = !quiet && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            if (quiet || !ReferenceEquals(stderr, Console.Error)) return work(null);
            // redirected: a line every 10 %
            int last = -1;
            var gate = new object();
            return work((f, detail) =>
            {
                lock (gate)
                {
                    int decile = (int)(f * 10);
                    if (decile > last) { last = decile; stderr.WriteLine($"{label}: {decile * 10} %{detail}"); }
                }
            });
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1.0);
                result = work((f, detail) => { task.Value = f; if (detail.Length > 0) task.Description = Markup.Escape(label + detail); });
                task.Value = 1;
            });
        return result;
    }

    sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    sealed class Counter(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
