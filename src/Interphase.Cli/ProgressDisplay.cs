using Spectre.Console;

namespace Interphase.Cli;

/// <summary>A progress bar on the terminal for long runs (stderr, so stdout stays clean for pipes).</summary>
public static class ProgressDisplay
{
    public static T Run<T>(TextWriter stderr, bool quiet, string label, Func<IProgress<double>?, T> work)
    {
        bool interactive = !quiet && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        if (!interactive)
        {
            if (quiet || !ReferenceEquals(stderr, Console.Error)) return work(null);
            // redirected: a line every 10 %
            int last = -1;
            return work(new Progress(f =>
            {
                int decile = (int)(f * 10);
                if (decile > last) { last = decile; stderr.WriteLine($"{label}: {decile * 10} %"); }
            }));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1.0);
                result = work(new Progress(f => task.Value = f));
                task.Value = 1;
            });
        return result;
    }

    sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
