using System.CommandLine;
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
    /// <summary>The fits of a file's spectra: all of them, or only sweep <paramref name="sweep"/> (1-based) when given.</summary>
    public static List<FitResult> FitFile(string path, Circuit circuit, EisFitOptions options, Func<ImpedanceSpectrum, ImpedanceSpectrum> select, int? sweep = null)
    {
        var spectra = sweep is int n ? [EisFile.Read(path, n - 1)] : EisFile.ReadAll(path);
        return [.. spectra.Select(s => EisFitter.Fit(select(s), circuit, options))];
    }

    public static int Run(TextWriter stdout, TextWriter stderr, ParseResult parse, OutputOptions output, IReadOnlyList<string> paths,
        Circuit circuit, EisFitOptions options, Func<ImpedanceSpectrum, ImpedanceSpectrum> select, bool quiet)
    {
        var files = BatchFiles.Expand(paths);
        using var folder = output.Open(parse, Path.Combine("out", "eis-batch"), [.. paths])!;
        var done = BatchFiles.Run(files, k => new EisBatchItem(files[k], FitFile(files[k], circuit, options, select), null), stderr, quiet);
        var items = done.Select((d, k) => d.Result ?? new EisBatchItem(files[k], null, d.Error)).ToList();
        using (var staging = new OutputStaging(folder.WriteTo))
        {
            staging.WriteText("fits.csv", EisBatchReport.Csv(items, circuit));
            EisBatchReport.Build(items, circuit).Write(staging);
            staging.Commit();
        }
        folder.Commit();
        int failed = items.Count(i => !i.Done);
        int spectra = items.Where(i => i.Done).Sum(i => i.Fits!.Count);
        int notConverged = items.Where(i => i.Done).Sum(i => i.Fits!.Count(f => !f.Converged));
        stdout.WriteLine($"{spectra} spectra fitted in {files.Count - failed} of {files.Count} files" +
                         (notConverged > 0 ? $"; {notConverged} fits NOT converged" : "") + (failed > 0 ? $"; {failed} files failed (see fits.csv)" : ""));
        stdout.WriteLine($"  wrote fits.csv and report.html to {folder.Directory}");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.InputError;
    }
}
