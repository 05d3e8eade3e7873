using System.CommandLine;
using System.Globalization;
using System.Text;
using Interphase.Data.Eis;
using Interphase.Impedance;
using Interphase.IO;
using Interphase.Reports;
using Interphase.Units;
using static Interphase.Cli.ConsoleNumber;

namespace Interphase.Cli;

/// <summary>
/// <c>interphase eis arrhenius FILE FILE… --temperatures 25,40,60 degC -c CIRCUIT --thickness L --area A</c>: a
/// temperature series of spectra straight to Arrhenius/VTF. Each file's spectrum (--sweep, the first by default) is
/// fitted on all cores; σ = L/(R_bulk·A) at the file's temperature. A file that cannot be read is reported on one line
/// and left out of the fit (exit 1); a fit that did not converge, or whose bulk resistance the spectrum does not determine
/// (not identifiable: relative standard error above <see cref="EisFitOptions.IdentifiabilityLimit"/>), is written but
/// left out of the Arrhenius fit.
/// </summary>
public static class EisArrheniusSpectra
{
    /// <summary>One file of the series: its temperature, its fit, and the conductivity from its bulk resistance.</summary>
    public sealed record Point(string File, double TemperatureK, FitResult Fit, double BulkOhm, double BulkError, double SigmaSm, bool BulkIdentifiable = true)
    {
        /// <summary>Whether the point enters the Arrhenius fit: a converged fit with a determined, positive bulk resistance.</summary>
        public bool Usable => Fit.Converged && BulkIdentifiable && double.IsFinite(SigmaSm);

        /// <summary>Why the point is left out of the Arrhenius fit (<paramref name="bulk"/> names the bulk resistance), or null when it is used.</summary>
        public string? LeftOutBecause(string bulk) =>
            !Fit.Converged ? "the fit did not converge" : !BulkIdentifiable ? $"{bulk} not identifiable from this spectrum" : !double.IsFinite(SigmaSm) ? $"{bulk} not positive" : null;

        /// <summary>"file at T °C: why", the point as the console and the report list it when it is left out.</summary>
        public string LeftOutLine(string bulk) => $"{Path.GetFileName(File)} at {Show(TemperatureK - Si.ZeroCelsius, "G4", "°C")}: {LeftOutBecause(bulk)}";
    }

    /// <summary>"25,40,60 degC", "298.15, 313.15 K" or "25,40,60" (°C): a list of numbers and one unit after the last.</summary>
    public static double[] ParseTemperatures(string text)
    {
        var where = new SourceLocation("--temperatures");
        var t = text.Trim();
        int cut = t.LastIndexOfAny(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.']) + 1;
        var unitText = t[cut..].Trim();
        var unit = UnitParser.Parse(unitText.Length == 0 ? "degC" : unitText);
        if (unit.Dimension != QuantityKind.Temperature.Dimension)
            throw new InputException($"'{unitText}' is not a temperature unit: expected e.g. '25,40,60 degC' or '298,313 K'", where);
        var values = t[..cut].Split(',', StringSplitOptions.TrimEntries).Select(v =>
            double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? unit.ToSi(x)
                : throw new InputException($"'{v}' is not a number: expected e.g. '25,40,60 degC'", where)).ToArray();
        if (values.Any(k => k <= 0)) throw new InputException("a temperature is below absolute zero", where);
        return values;
    }

    /// <summary>
    /// The files' points in the order given, or why each failed; <paramref name="bulk"/> names the bulk resistance in
    /// <paramref name="circuit"/>. The files are read on all cores; the spectra are then fitted in the order of their
    /// temperatures as one warm-started series (<see cref="EisSeriesFitter.FitAll"/>: the coldest spectrum from the
    /// automatic guess, each next one from its neighbour's fit with its resistances scaled by one factor to the new
    /// spectrum, with the series' acceptance rule; docs/decisions/0030), or,
    /// with <paramref name="warm"/> false, each from the automatic guess as alone (<c>--no-warm-start</c>).
    /// </summary>
    public static (Point? Result, string? Error)[] Fit(IReadOnlyList<string> files, IReadOnlyList<double> temperaturesK, Circuit circuit, string bulk,
        EisFitOptions options, Func<ImpedanceSpectrum, ImpedanceSpectrum> select, int sweep, double thicknessM, double areaM2, TextWriter stderr, bool quiet,
        bool warm = true)
    {
        var read = BatchFiles.Run(files, k => select(EisFile.Read(files[k], sweep - 1)), stderr, quiet);
        var order = Enumerable.Range(0, files.Count).Where(k => read[k].Result is not null).OrderBy(k => temperaturesK[k]).ToList();
        var spectra = order.Select(k => read[k].Result!).ToList();
        var fits = warm ? EisSeriesFitter.FitAll(spectra, circuit, options, scaleResistances: true) : ColdFits(spectra, circuit, options);
        var done = new (Point? Result, string? Error)[files.Count];
        for (int k = 0; k < files.Count; k++) done[k] = (null, read[k].Error);
        for (int i = 0; i < order.Count; i++)
        {
            int k = order[i];
            if (fits[i].Fit is not { } fit)
            {
                var why = BatchFiles.Reason(files[k], fits[i].Error!);
                stderr.WriteLine($"error: {why} (skipped)");
                done[k] = (null, why);
                continue;
            }
            var r = fit[bulk];
            double sigma = r.Value > 0 ? Conductivity.FromResistance(r.Value, thicknessM, areaM2) : double.NaN;
            done[k] = (new Point(files[k], temperaturesK[k], fit, r.Value, r.Fixed ? double.NaN : r.StandardError, sigma, r.Identifiable), null);
        }
        return done;
    }

    /// <summary>Every spectrum from the automatic guess, on all cores (<c>--no-warm-start</c>).</summary>
    static (FitResult? Fit, Exception? Error)[] ColdFits(IReadOnlyList<ImpedanceSpectrum> spectra, Circuit circuit, EisFitOptions options)
    {
        var fits = new (FitResult?, Exception?)[spectra.Count];
        Parallel.For(0, spectra.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, k =>
        {
            try { fits[k] = (EisFitter.Fit(spectra[k], circuit, options), null); }
            catch (Exception e) when (e is not OperationCanceledException) { fits[k] = (null, e); }
        });
        return fits;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, ParseResult parse, OutputOptions output, IReadOnlyList<string> paths, string temperatures,
        Circuit circuit, string? bulk, EisFitOptions options, Func<ImpedanceSpectrum, ImpedanceSpectrum> select, int sweep, double thicknessM, double areaM2, bool vtf, ArrheniusForm form, bool quiet,
        bool warm = true)
    {
        var files = BatchFiles.Expand(paths);
        double[] t;
        if (File.Exists(temperatures))
        {
            var map = TemperatureMap.Read(temperatures);
            t = [.. files.Select(f => map.TryGetValue(Path.GetFileName(f), out var k) ? k
                : throw new InputException($"{Path.GetFileName(f)} is not in the temperature table", new SourceLocation(temperatures)))];
        }
        else
        {
            t = ParseTemperatures(temperatures);
            if (!temperatures.Any(char.IsLetter)) stdout.WriteLine("note: --temperatures (no unit) read as °C");
        }
        if (t.Length != files.Count)
            throw new InputException($"{t.Length} temperatures for {files.Count} files: give one temperature per file, in the order of the files ({string.Join(", ", files.Select(Path.GetFileName))})", new SourceLocation("--temperatures"));
        bulk ??= BulkResistor(circuit) ?? throw new InputException($"circuit {circuit.Text} has no resistor in series at its top level: name the bulk resistance with --bulk");
        if (circuit.Parameters[circuit.IndexOf(bulk)].Unit != "Ohm") throw new InputException($"--bulk {bulk} is not a resistance");
        if (sweep < 1) throw new InputException($"--sweep counts from 1, got {sweep}");
        using var folder = output.Open(parse, null, [.. paths]);
        var done = Fit(files, t, circuit, bulk, options, select, sweep, thicknessM, areaM2, stderr, quiet, warm);
        var points = done.Where(d => d.Result is not null).Select(d => d.Result!).ToList();
        var used = points.Where(p => p.Usable).OrderBy(p => p.TemperatureK).ToList();

        stdout.WriteLine($"{circuit.Text} fitted to {points.Count} of {files.Count} files; σ = L/({bulk}·A), L = {Show(thicknessM * 1e6, "G4", "µm")}, A = {Show(areaM2 * 1e4, "G4", "cm²")}");
        stdout.WriteLine($"  {"T (°C)",8} {bulk + " (Ω)",12} {"std error",10} {"σ (S/cm)",11}  file");
        foreach (var p in points.OrderBy(p => p.TemperatureK))
            stdout.WriteLine($"  {Show(p.TemperatureK - Si.ZeroCelsius, "G4"),8} {Show(p.BulkOhm, "G5"),12} {Show(p.BulkError, "G3"),10} {Show(p.SigmaSm / Si.SiemensPerCm, "G4"),11}  {Path.GetFileName(p.File)}" +
                             (p.LeftOutBecause(bulk) is { } why ? $"  ({why}: left out)" : ""));
        var leftOut = points.Where(p => !p.Usable).OrderBy(p => p.TemperatureK).ToList();
        var (arr, v) = EisCommand.PrintArrhenius(stdout, [.. used.Select(p => p.TemperatureK)], [.. used.Select(p => p.SigmaSm)], form, vtf,
            [.. leftOut.Select(p => p.LeftOutLine(bulk))]);

        if (folder is not null)
        {
            IReadOnlyList<string> written;
            using (var staging = new OutputStaging(folder.WriteTo))
            {
                staging.WriteText("conductivity.csv", Csv(points, bulk));
                staging.WriteText("arrhenius.json", EisOutput.ArrheniusJson(null, [.. used.Select(p => p.TemperatureK)], [.. used.Select(p => p.SigmaSm)], arr, v));
                var items = done.Select((d, k) => new EisBatchItem(files[k], d.Result is { } p ? [p.Fit] : null, d.Error)).ToList();
                staging.WriteText("fits.csv", EisBatchReport.Csv(items, circuit));
                var report = EisBatchReport.Build(items, circuit);
                report.AddFigure(ArrheniusFigure.Build([.. used.Select(p => p.TemperatureK)], [.. used.Select(p => p.SigmaSm)], arr));
                if (leftOut.Count > 0)
                    report.AddParagraph("Left out of the Arrhenius fit (not drawn): " + string.Join("; ", leftOut.Select(p => p.LeftOutLine(bulk))) + ".");
                report.Write(staging);
                written = staging.Commit();
            }
            folder.Commit();
            CliRunner.Wrote(stdout, written, folder.Directory, indent: "");
        }
        return done.Any(d => d.Error is not null) ? ExitCodes.InputError : ExitCodes.Ok;
    }

    /// <summary>The first resistor in series at the top level of the circuit (R0 in R0-p(R1,CPE1)-CPE2), or null.</summary>
    public static string? BulkResistor(Circuit c)
    {
        var top = c.Root is SeriesNode s ? s.Parts : [c.Root];
        return top.OfType<ElementNode>().FirstOrDefault(e => Circuit.SymbolOf(e.Name) == "R")?.Name;
    }

    /// <summary>
    /// conductivity.csv: a table <c>eis arrhenius conductivity.csv</c> reads back (T and σ first, then the fit's R_bulk,
    /// then whether the point entered the fit and, when not, why: the read-back leaves the same points out).
    /// </summary>
    internal static string Csv(IReadOnlyList<Point> points, string bulk)
    {
        var sb = new StringBuilder($"T (K),sigma (S/cm),file,R_bulk (Ohm),R_bulk_se (Ohm),converged,{ConductivitySeries.UsedColumn},{ConductivitySeries.ReasonColumn}\n");
        foreach (var p in points.OrderBy(p => p.TemperatureK))
            sb.Append(CultureInfo.InvariantCulture, $"{p.TemperatureK:R},{(double.IsFinite(p.SigmaSm) ? (p.SigmaSm / Si.SiemensPerCm).ToString("R", CultureInfo.InvariantCulture) : "")},{CsvText.Escape(Path.GetFileName(p.File))},{p.BulkOhm:R},{(double.IsFinite(p.BulkError) ? p.BulkError.ToString("R", CultureInfo.InvariantCulture) : "")},{(p.Fit.Converged ? "true" : "false")},{(p.Usable ? "true" : "false")},{CsvText.Escape(p.LeftOutBecause(bulk) ?? "")}\n");
        return sb.ToString();
    }
}
