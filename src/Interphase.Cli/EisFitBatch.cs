using System.CommandLine;
using System.Runtime.ExceptionServices;
using Interphase.Data.Eis;
using Interphase.Impedance;
using Interphase.IO;

namespace Interphase.Cli;

/// <summary>
/// <c>interphase eis fit FILE FILE… | FOLDER | 'PATTERN' -c CIRCUIT --out DIR</c> (issue 11, item 3): every spectrum of
/// every file fitted with the same circuit and options, the files on all cores; DIR/fits.csv (one row per file and
/// spectrum) and DIR/report.html overlaying the spectra and their fits. A file that cannot be read is reported on one
/// line and skipped; the others complete, and the exit code is then 1.
/// </summary>
public static class EisFitBatch
{
    /// <summary>
    /// The fits of a file's spectra: all of them, or only sweep <paramref name="sweep"/> (1-based) when given. A file of
    /// several spectra (a series of sweeps in one .mpr or .DTA) fits them on all cores, so one long file is not left to one
    /// core while the batch's other files are done; the fits are in the file's order.
    /// </summary>
    public static List<FitResult> FitFile(string path, Circuit circuit, EisFitOptions options, Func<ImpedanceSpectrum, ImpedanceSpectrum> select, int? sweep = null)
    {
        var spectra = sweep is int n ? [EisFile.Read(path, n - 1)] : EisFile.ReadAll(path);
        if (spectra.Count == 1) return [EisFitter.Fit(select(spectra[0]), circuit, options)];
        var fits = new FitResult?[spectra.Count];
        var failed = new Exception?[spectra.Count];
        Parallel.For(0, spectra.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            try { fits[k] = EisFitter.Fit(select(spectra[k]), circuit, options); }
            catch (Exception e) { failed[k] = e; }
        });
        // the first spectrum in the file's order that failed is the file's reason, as when they were fitted one by one
        if (failed.FirstOrDefault(e => e is not null) is { } first) ExceptionDispatchInfo.Throw(first);
        return [.. fits.Select(f => f!)];
    }

    /// <summary>
    /// Every spectrum of every file: the files are read on all cores (one that cannot be read is reported on stderr and
    /// skipped), then all their spectra, in the order of the files, are fitted as warm-started series
    /// (<see cref="EisSeriesFitter.FitAll"/>; with <paramref name="warm"/> false, each from the automatic guess as alone). The
    /// first spectrum of a file whose fit fails, in the file's order, gives the file's reason, as when the files were fitted
    /// one by one.
    /// </summary>
    public static List<EisBatchItem> Fit(IReadOnlyList<string> files, Circuit circuit, EisFitOptions options, Func<ImpedanceSpectrum, ImpedanceSpectrum> select,
        TextWriter stderr, bool quiet, bool warm) => Fit(files, circuit, options, select, stderr, quiet, warm, PhaseTimes.Start(stderr));

    static List<EisBatchItem> Fit(IReadOnlyList<string> files, Circuit circuit, EisFitOptions options, Func<ImpedanceSpectrum, ImpedanceSpectrum> select,
        TextWriter stderr, bool quiet, bool warm, PhaseTimes phases)
    {
        var read = BatchFiles.Run(files, k => EisFile.ReadAll(files[k]).Select(select).ToList(), stderr, quiet: true);
        phases.Mark("read");
        var spectra = new List<ImpedanceSpectrum>();
        var owner = new List<int>();
        for (int k = 0; k < files.Count; k++)
            foreach (var sp in read[k].Result ?? []) { spectra.Add(sp); owner.Add(k); }
        var left = files.Select((_, k) => read[k].Result?.Count ?? 0).ToArray();
        int finished = 0;
        var progress = new object();
        void Fitted(int s)
        {
            if (quiet) return;
            lock (progress)
                if (--left[owner[s]] == 0) stderr.WriteLine($"  [{++finished}/{files.Count}] {Path.GetFileName(files[owner[s]])}");
        }
        var fits = warm
            ? EisSeriesFitter.FitAll(spectra, circuit, options, onFitted: Fitted)
            : ColdFits(spectra, circuit, options, Fitted);
        phases.Mark(warm ? "fits (warm series)" : "fits (cold)");
        var items = new List<EisBatchItem>(files.Count);
        for (int k = 0, s = 0; k < files.Count; k++)
        {
            if (read[k].Result is not { } mine)
            {
                items.Add(new EisBatchItem(files[k], null, read[k].Error));
                continue;
            }
            var ofFile = fits.Skip(s).Take(mine.Count).ToList();
            s += mine.Count;
            if (ofFile.FirstOrDefault(f => f.Error is not null).Error is { } e)
            {
                var why = BatchFiles.Reason(files[k], e);
                stderr.WriteLine($"error: {why} (skipped)");
                items.Add(new EisBatchItem(files[k], null, why));
            }
            else items.Add(new EisBatchItem(files[k], [.. ofFile.Select(f => f.Fit!)], null));
        }
        return items;
    }

    /// <summary>Every spectrum from the automatic guess, on all cores (<c>--no-warm-start</c>).</summary>
    static (FitResult? Fit, Exception? Error)[] ColdFits(IReadOnlyList<ImpedanceSpectrum> spectra, Circuit circuit, EisFitOptions options, Action<int> fitted)
    {
        var fits = new (FitResult?, Exception?)[spectra.Count];
        Parallel.For(0, spectra.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            try { fits[k] = (EisFitter.Fit(spectra[k], circuit, options), null); }
            catch (Exception e) when (e is not OperationCanceledException) { fits[k] = (null, e); }
            fitted(k);
        });
        return fits;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, ParseResult parse, OutputOptions output, IReadOnlyList<string> paths,
        Circuit circuit, EisFitOptions options, Func<ImpedanceSpectrum, ImpedanceSpectrum> select, bool quiet, bool warm = true)
    {
        var phases = PhaseTimes.Start(stderr);
        var files = BatchFiles.Expand(paths);
        using var folder = output.Open(parse, Path.Combine("out", "eis-batch"), [.. paths])!;
        phases.Mark("files listed, folder opened");
        var items = Fit(files, circuit, options, select, stderr, quiet, warm, phases);
        using (var staging = new OutputStaging(folder.WriteTo))
        {
            // fits.csv's text is formatted on a second core while the report is built (both only read the fits; about
            // 0.1 s each for 10 000 spectra, decision 0044); the files are written one after the other as before
            var csv = Task.Run(() => EisBatchReport.Csv(items, circuit));
            var report = EisBatchReport.Build(items, circuit);
            staging.WriteText("fits.csv", csv.GetAwaiter().GetResult());
            phases.Mark("fits.csv and report built");
            report.Write(staging);
            phases.Mark("report written");
            staging.Commit();
        }
        folder.Commit();
        phases.Mark("committed");
        int failed = items.Count(i => !i.Done);
        int spectra = items.Where(i => i.Done).Sum(i => i.Fits!.Count);
        int notConverged = items.Where(i => i.Done).Sum(i => i.Fits!.Count(f => !f.Converged));
        stdout.WriteLine($"{spectra} spectra fitted in {files.Count - failed} of {files.Count} files" +
                         (notConverged > 0 ? $"; {notConverged} fits NOT converged" : "") + (failed > 0 ? $"; {failed} files failed (see fits.csv)" : ""));
        stdout.WriteLine($"  wrote fits.csv and report.html to {folder.Directory}");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.InputError;
    }
}
