using System.CommandLine;
using System.Globalization;
using Interphase.Data.Eis;
using Interphase.Impedance;
using Interphase.IO;
using Interphase.Units;
using static Interphase.Cli.ConsoleNumber;

namespace Interphase.Cli;

/// <summary>
/// <c>interphase eis fit|kk|drt|arrhenius</c>: impedance spectra from instrument files (BioLogic .mpt,
/// Gamry .DTA, ZPlot .z, Autolab/ZView text, CSV) — equivalent-circuit fits, the Lin-KK test, the
/// distribution of relaxation times and Arrhenius/VTF fits of a temperature series.
/// </summary>
public static class EisCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var eis = new Command("eis", "Impedance spectra: fit an equivalent circuit, Kramers-Kronig test, DRT, Arrhenius/VTF.");
        eis.Subcommands.Add(Fit(stdout, stderr));
        eis.Subcommands.Add(Kk(stdout, stderr));
        eis.Subcommands.Add(DrtCommand(stdout, stderr));
        eis.Subcommands.Add(ArrheniusCommand(stdout, stderr));
        return eis;
    }

    static Argument<string> FileArgument() => new("file") { Description = "impedance file: BioLogic .mpt, Gamry .DTA, ZPlot .z, Autolab/ZView .txt or CSV (f, Z', Z'' or -Z'')" };
    static Option<int> SweepOption() => new("--sweep") { Description = "which sweep of a file holding several (1 = first)", DefaultValueFactory = _ => 1 };
    static OutputOptions Output(string files) => new($"output directory for {files}");

    /// <summary>With --out: stage the files <paramref name="write"/> writes, move them into the folder, say so.</summary>
    static void WriteOutputs(TextWriter o, OutputFolder? folder, Action<OutputStaging> write)
    {
        if (folder is null) return;
        IReadOnlyList<string> files;
        using (var staging = new OutputStaging(folder.WriteTo))
        {
            write(staging);
            files = staging.Commit();
        }
        folder.Commit();
        CliRunner.Wrote(o, files, folder.Directory, indent: "");
    }

    static Argument<string[]> FilesArgument(string batch) => new("files")
    {
        Description = "impedance file: BioLogic .mpt/.mpr, Gamry .DTA, ZPlot .z, Autolab/ZView .txt or CSV (f, Z', Z'' or -Z''); " + batch,
        Arity = ArgumentArity.OneOrMore,
    };

    static Command Fit(TextWriter stdout, TextWriter stderr)
    {
        var file = FilesArgument("several files, a folder or a pattern ('*.mpt') fit every spectrum of each as a batch (fits.csv, report.html)");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "a batch: no progress line per file" };
        var noWarm = new Option<bool>("--no-warm-start") { Description = "a batch: fit every spectrum from the automatic guess, as alone (by default each starts from the previous spectrum's fit and is fitted from the guess too when its χ² is worse than the series allows)" };
        var circuit = new Option<string>("--circuit", "-c") { Description = "circuit in impedance.py notation, e.g. \"R0-p(R1,CPE1)-p(R2,CPE2)-W1\"", Required = true };
        var fitting = new EisFitOptionSet();
        var thickness = new Option<string?>("--thickness") { Description = "electrolyte thickness for σ = L/(R·A), e.g. \"500 um\"" };
        var area = new Option<string?>("--area") { Description = "electrode area, e.g. \"0.785 cm2\" (also gives Ω cm² values)" };
        var bulk = new Option<string?>("--bulk") { Description = "the resistance that is the bulk electrolyte (default: the first series resistor)" };
        var sweep = SweepOption();
        var output = Output("fit.json, fit.csv and report.html");
        var cmd = new Command("fit", "Fit an equivalent circuit by complex non-linear least squares, without initial guesses.") { file, circuit };
        foreach (var o in fitting.All) cmd.Options.Add(o);
        foreach (var o in new Option[] { thickness, area, bulk, sweep, quiet, noWarm, output.Out, output.Overwrite }) cmd.Options.Add(o);
        cmd.Validators.Add(r =>
        {
            if (r.GetResult(thickness) is not null && r.GetResult(area) is null) r.AddError("--thickness needs --area too: σ = L/(R·A)");
        });
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var paths = parse.GetValue(file)!;
            var c = Circuit.Parse(parse.GetValue(circuit)!);
            var options = fitting.Options(parse, c);
            var select = fitting.Selection(parse);
            if (BatchFiles.IsBatch(paths))
            {
                if (parse.GetResult(sweep) is { Implicit: false } || parse.GetValue(thickness) is not null || parse.GetValue(area) is not null || parse.GetValue(bulk) is not null)
                    throw new InputException("a batch fits every spectrum of every file: --sweep, --thickness, --area and --bulk belong to one file (a temperature series goes to 'eis arrhenius FILES --temperatures …')", paths[0]);
                return EisFitBatch.Run(stdout, stderr, parse, output, paths, c, options, select, parse.GetValue(quiet), warm: !parse.GetValue(noWarm));
            }
            using var folder = output.Open(parse, null, paths[0]);
            var spectrum = select(Load(paths[0], parse.GetValue(sweep)));
            var geometry = Geometry(c, parse.GetValue(thickness), parse.GetValue(area), parse.GetValue(bulk));
            var result = EisFitter.Fit(spectrum, c, options);
            PrintFit(stdout, result, geometry);
            WriteOutputs(stdout, folder, staging =>
            {
                staging.WriteText("fit.json", EisOutput.FitJson(result, geometry));
                staging.WriteText("fit.csv", EisOutput.FitCsv(result));
                var kk = LinKK.Test(spectrum);
                EisReport.Build(result, kk, Drt.Compute(spectrum, new DrtOptions { Noise = Drt.NoiseFrom(kk, spectrum.Count) }), geometry).Write(staging);
            });
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    static Command Kk(TextWriter stdout, TextWriter stderr)
    {
        var file = FileArgument();
        var cutoff = new Option<double>("--cutoff") { Description = "μ cut-off that marks over-fitting when choosing the number of RC elements (Schönleber et al. 2014)", DefaultValueFactory = _ => 0.85 };
        var maxM = new Option<int>("--max-elements") { Description = "largest number of RC elements (never more than the number of frequencies)", DefaultValueFactory = _ => 50 };
        var limit = new Option<string>("--limit") { Description = "relative residuals within this pass outright, e.g. \"1 %\"; larger ones pass only if they scatter randomly (no trend, no outliers)", DefaultValueFactory = _ => "1 %" };
        var noCap = new Option<bool>("--no-capacitance") { Description = "leave the series capacitance out of the KK model" };
        var sweep = SweepOption();
        var output = Output("kk.json, kk.csv and report.html");
        var cmd = new Command("kk", "Lin-KK test of Kramers-Kronig consistency, residuals per frequency.") { file, cutoff, maxM, limit, noCap, sweep, output.Out, output.Overwrite };
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            using var folder = output.Open(parse, null, parse.GetValue(file));
            var s = Load(parse.GetValue(file)!, parse.GetValue(sweep));
            var k = LinKK.Test(s, new LinKkOptions
            {
                MuCutoff = parse.GetValue(cutoff),
                MaxElements = parse.GetValue(maxM),
                ResidualLimit = Measure.Parse(parse.GetValue(limit)!, QuantityKind.Dimensionless),
                AddCapacitance = !parse.GetValue(noCap),
            });
            Notes(stdout, s);
            stdout.WriteLine($"Lin-KK {k.Verdict}");
            stdout.WriteLine($"  {"f (Hz)",12} {"ΔZ'/|Z|",9} {"ΔZ''/|Z|",9}");
            for (int i = 0; i < s.Count; i++)
                stdout.WriteLine($"  {Show(s.FrequenciesHz[i], "G5"),12} {Show(k.ResidualReal[i], "P2"),9} {Show(k.ResidualImag[i], "P2"),9}{(Math.Max(Math.Abs(k.ResidualReal[i]), Math.Abs(k.ResidualImag[i])) > k.ResidualLimit ? "  <" : "")}");
            WriteOutputs(stdout, folder, staging =>
            {
                staging.WriteText("kk.json", EisOutput.KkJson(s, k));
                staging.WriteText("kk.csv", EisOutput.KkCsv(s, k));
                KkReport.Build(s, k).Write(staging);
            });
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    static Command DrtCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = FileArgument();
        var lambda = new Option<string>("--lambda") { Description = "discrepancy (default: the smoothest distribution that fits within the noise), lcurve, gcv, or a fixed value such as 1e-3", DefaultValueFactory = _ => "discrepancy" }
            .Check(l => l.ToLowerInvariant() is "discrepancy" or "lcurve" or "l-curve" or "gcv" || double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v), "expected discrepancy, lcurve, gcv or a number");
        var noise = new Option<string?>("--noise") { Description = "relative noise of Z' and Z'' for the discrepancy principle, e.g. \"0.5 %\" (default: estimated from the Lin-KK residuals)" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "bootstrap replicates for the 95 % band and the peaks' intervals (0 = none, else at least 20)", DefaultValueFactory = _ => 100 };
        var order = new Option<int>("--order") { Description = "derivative penalised by the regularisation (1 or 2)", DefaultValueFactory = _ => 2 };
        var ppd = new Option<int>("--points-per-decade") { Description = "basis functions per decade of τ", DefaultValueFactory = _ => 10 };
        var sweep = SweepOption();
        var output = Output("drt.json, drt.csv and report.html");
        var cmd = new Command("drt", "Distribution of relaxation times (Tikhonov, Gaussian RBF, non-negative) with its peaks and their 95 % intervals.")
        {
            file, lambda, noise, bootstrap, order, ppd, sweep, output.Out, output.Overwrite,
        };
        cmd.Validators.Add(r =>
        {
            if (r.GetResult(bootstrap) is not null && r.GetValue(bootstrap) is < 0 or (> 0 and < 20)) r.AddError("--bootstrap must be 0 or at least 20");
            if (r.GetResult(noise) is not null && r.GetResult(lambda) is { Implicit: false } && r.GetValue(lambda)?.Trim().ToLowerInvariant() is not "discrepancy")
                r.AddError("--noise sets the discrepancy principle's budget: it needs --lambda discrepancy");
        });
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            using var folder = output.Open(parse, null, parse.GetValue(file));
            var s = Load(parse.GetValue(file)!, parse.GetValue(sweep));
            var l = parse.GetValue(lambda)!.Trim().ToLowerInvariant();
            var options = new DrtOptions
            {
                DerivativeOrder = parse.GetValue(order),
                PointsPerDecade = parse.GetValue(ppd),
                BootstrapSamples = parse.GetValue(bootstrap),
                Noise = parse.GetValue(noise) is { } n ? Measure.Parse(n, QuantityKind.Dimensionless) : null,
            };
            options = l switch
            {
                "discrepancy" => options with { Selection = DrtLambdaSelection.Discrepancy },
                "gcv" => options with { Selection = DrtLambdaSelection.Gcv },
                "lcurve" or "l-curve" => options with { Selection = DrtLambdaSelection.LCurve },
                _ when double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => options with { Selection = DrtLambdaSelection.Fixed, Lambda = v },
                _ => throw new InvalidOperationException($"--lambda '{l}' passed its check"),
            };
            var d = Drt.Compute(s, options);
            Notes(stdout, s);
            PrintDrt(stdout, d);
            WriteOutputs(stdout, folder, staging =>
            {
                staging.WriteText("drt.json", EisOutput.DrtJson(s, d));
                staging.WriteText("drt.csv", EisOutput.DrtCsv(d));
                DrtReport.Build(s, d).Write(staging);
            });
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    static void PrintDrt(TextWriter o, DrtResult d)
    {
        string noise = d.Noise is double n ? $", noise {Show(100 * n, "G2", "%")}" : "";
        o.WriteLine($"DRT: λ = {Show(d.Lambda, "G3")} ({d.SelectedBy}{noise}), R∞ = {Show(d.RInfinity, "G5", "Ω")}, L = {Show(d.Inductance, "G3", "H")}, polarisation resistance {Show(d.PolarizationResistance, "G5", "Ω")}");
        if (d.Capacitance is double c) o.WriteLine($"  series C = {Show(c, "G3", "F")} (what is slower than the τ range)");
        static string Range(DrtInterval? i) => i is null ? "" : $"{Show(i.Low, "G3")}–{Show(i.High, "G3")}";
        o.WriteLine($"  {"τ (s)",11} {"95 %",19} {"f (Hz)",11} {"R (Ω)",11} {"95 %",19}");
        foreach (var p in d.Peaks)
            o.WriteLine($"  {Show(p.TimeConstant, "G4"),11} {Range(p.TimeConstantInterval),19} {Show(p.FrequencyHz, "G4"),11} {Show(p.Resistance, "G4"),11} {Range(p.ResistanceInterval),19}{(p.AtEdge ? "  at the fast edge of the τ range" : "")}");
        foreach (var (p, what, estimate, i, unit) in d.Peaks.SelectMany(p => new[] { (p, "τ", p.TimeConstant, p.TimeConstantInterval, "s"), (p, "R", p.Resistance, p.ResistanceInterval, "Ω") }))
            if (i is { ExcludesEstimate: true })
                o.WriteLine($"  warning: peak at τ = {Show(p.TimeConstant, "G4", "s")}: the 95 % interval of {what} excludes its estimate {Show(estimate, "G4", unit)}: " +
                    $"the bootstrap refits put it at median {Show(i.Median, "G4", unit)} ({Show(100 * (i.Median / estimate - 1), "+0.0;-0.0", "%")}), a shift of the refit at the same λ; the interval shows their spread, not bounds around the estimate");
        if (d.Tail is { } t)
            o.WriteLine($"  low-frequency tail from τ = {Show(t.FromTimeConstant, "G3", "s")}: {Show(t.Resistance, "G4", "Ω")} within the window, −Z'' ∝ ω^-{Show(t.LowFrequencySlope, "F2")}{(t.LowFrequencySlope is > 0.35 and < 0.65 ? " (a 45° diffusion branch)" : "")}");
    }

    static Command ArrheniusCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string[]>("files")
        {
            Description = "a temperature series: a CSV with 'T (degC)' and 'sigma (S/cm)' or 'R (Ohm)' columns; or, with --temperatures, one impedance file per temperature (several files, a folder or a pattern)",
            Arity = ArgumentArity.OneOrMore,
        };
        var form = new Option<string>("--form") { Description = "sigma (σ = σ0 exp(−Ea/RT), default) or sigmaT (σT = A exp(−Ea/RT))", DefaultValueFactory = _ => "sigma" }
            .OneOf("sigma", "sigmaT");
        var vtf = new Option<bool>("--vtf") { Description = "also fit Vogel-Tammann-Fulcher σ = A T^-1/2 exp(−B/(T−T0)) (polymers)" };
        var thickness = new Option<string?>("--thickness") { Description = "thickness when the file gives resistances or spectra, e.g. \"500 um\"" };
        var area = new Option<string?>("--area") { Description = "area when the file gives resistances or spectra, e.g. \"0.785 cm2\"" };
        var temperatures = new Option<string?>("--temperatures", "-T") { Description = "the files are spectra measured at these temperatures, one per file in their order: e.g. \"25,40,60 degC\" or \"298,313,333 K\"; or a table FILE.csv with columns 'file' and 'T (degC)'" };
        var circuit = new Option<string?>("--circuit", "-c") { Description = "spectra: the circuit fitted to each, e.g. \"R0-p(R1,CPE1)-CPE2\"" };
        var bulk = new Option<string?>("--bulk") { Description = "spectra: the resistance that is the bulk electrolyte (default: the first series resistor)" };
        var sweep = SweepOption();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "spectra: no progress line per file" };
        var noWarm = new Option<bool>("--no-warm-start") { Description = "spectra: fit every spectrum from the automatic guess, as alone (by default they are fitted in the order of their temperatures, each starting from its neighbour's fit and fitted from the guess too when its χ² is worse than the series allows)" };
        var output = Output("arrhenius.json (and, from spectra, conductivity.csv, fits.csv and report.html)");
        var fitting = new EisFitOptionSet();
        var cmd = new Command("arrhenius", "Arrhenius (Ea in eV and kJ/mol, σ at 25 °C) or VTF fit of a conductivity series, or of spectra measured at several temperatures.")
        {
            file, form, vtf, thickness, area, temperatures, circuit, bulk, sweep, quiet, noWarm, output.Out, output.Overwrite,
        };
        foreach (var o in fitting.All) cmd.Options.Add(o);
        cmd.Validators.Add(r =>
        {
            if (r.GetValue(temperatures) is null)
            {
                if (r.GetValue(file) is { Length: > 1 }) r.AddError("several files are spectra: give their temperatures with --temperatures (and --circuit, --thickness, --area)");
                if (r.GetValue(circuit) is not null || r.GetValue(bulk) is not null || r.GetValue(noWarm) || fitting.All.Any(o => r.GetResult(o) is { Implicit: false }))
                    r.AddError("--circuit, --bulk and the fitting options fit spectra: they need --temperatures");
            }
            else if (r.GetValue(circuit) is null || r.GetValue(thickness) is null || r.GetValue(area) is null)
                r.AddError("spectra at --temperatures need --circuit, --thickness and --area: σ = L/(R_bulk·A)");
        });
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            double? l = parse.GetValue(thickness) is { } lt ? Measure.Parse(lt, QuantityKind.Length, new SourceLocation("--thickness")) : null;
            double? a = parse.GetValue(area) is { } at ? Measure.Parse(at, QuantityKind.Area, new SourceLocation("--area")) : null;
            var f = string.Equals(parse.GetValue(form), "sigmaT", StringComparison.OrdinalIgnoreCase) ? ArrheniusForm.SigmaT : ArrheniusForm.Sigma;
            if (parse.GetValue(temperatures) is { } temps)
            {
                var c = Circuit.Parse(parse.GetValue(circuit)!);
                return EisArrheniusSpectra.Run(stdout, stderr, parse, output, parse.GetValue(file)!, temps, c, parse.GetValue(bulk), fitting.Options(parse, c), fitting.Selection(parse),
                    parse.GetValue(sweep), l!.Value, a!.Value, parse.GetValue(vtf), f, parse.GetValue(quiet), warm: !parse.GetValue(noWarm));
            }
            var path = parse.GetValue(file)![0];
            using var folder = output.Open(parse, null, path);
            var series = ConductivitySeries.Read(path, l, a);
            foreach (var n in series.Notes) stdout.WriteLine($"note: {n}");
            var (arr, v) = PrintArrhenius(stdout, series.TemperaturesK, series.ConductivitiesSm, f, parse.GetValue(vtf), series.LeftOut);
            WriteOutputs(stdout, folder, staging =>
                staging.WriteText("arrhenius.json", EisOutput.ArrheniusJson(path, series.TemperaturesK, series.ConductivitiesSm, arr, v)));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>Fits and prints Arrhenius (and VTF with <paramref name="vtf"/>) for temperatures in K and conductivities in S/m.</summary>
    internal static (ArrheniusResult Arrhenius, VtfResult? Vtf) PrintArrhenius(TextWriter stdout, double[] temperaturesK, double[] sigmaSm, ArrheniusForm form, bool vtf,
        IReadOnlyList<string>? leftOut = null)
    {
        // too few points because some were left out: say which and why, not only how many remain
        if (leftOut is { Count: > 0 } && (temperaturesK.Length < ConductivityFits.ArrheniusMinimumPoints || vtf && temperaturesK.Length < ConductivityFits.VtfMinimumPoints))
        {
            var (what, min) = temperaturesK.Length < ConductivityFits.ArrheniusMinimumPoints
                ? ("an Arrhenius fit", ConductivityFits.ArrheniusMinimumPoints) : ("a VTF fit (three parameters)", ConductivityFits.VtfMinimumPoints);
            throw new InputException($"{what} needs at least {min} temperatures, got {temperaturesK.Length}: {leftOut.Count} point{(leftOut.Count > 1 ? "s were" : " was")} left out ({string.Join("; ", leftOut)})");
        }
        var arr = ConductivityFits.Arrhenius(temperaturesK, sigmaSm, form);
        stdout.WriteLine($"Arrhenius ({(arr.Form == ArrheniusForm.Sigma ? "σ" : "σT")} = A exp(−Ea/RT), {arr.Points} points, R² = {Show(arr.RSquared, "F4")}):");
        stdout.WriteLine($"  Ea = {Show(arr.ActivationEnergyKJPerMol, "G4")} ± {Show(arr.ActivationEnergyKJPerMolError, "G2", "kJ/mol")} = {Show(arr.ActivationEnergyEv, "G4")} ± {Show(arr.ActivationEnergyEvError, "G2", "eV")}");
        stdout.WriteLine($"  σ(25 °C) = {Show(arr.ConductivityAt25CSPerCm, "G4")} ± {Show(arr.ConductivityAt25CSPerCmError, "G2", "S/cm")} (95 %: {Show(arr.ConductivityAt25CLower / Si.SiemensPerCm, "G3")}–{Show(arr.ConductivityAt25CUpper / Si.SiemensPerCm, "G3")})");
        if (arr.Warning is { } warning) stdout.WriteLine($"  warning: {warning}");
        if (!vtf) return (arr, null);
        var v = ConductivityFits.Vtf(temperaturesK, sigmaSm);
        stdout.WriteLine($"VTF (σ = A T^-1/2 exp(−B/(T−T0)), R² = {Show(v.RSquared, "F4")}{(v.Converged ? "" : ", NOT converged")}):");
        stdout.WriteLine($"  A = {Show(v.Prefactor / Si.SiemensPerCm, "G4")} ± {Show(v.PrefactorError / Si.SiemensPerCm, "G2", "S/cm K^0.5")}, B = {Show(v.B, "G4")} ± {Show(v.BError, "G2", "K")}, T0 = {Show(v.T0, "G4")} ± {Show(v.T0Error, "G2", "K")}");
        stdout.WriteLine($"  pseudo-Ea = R·B = {Show(v.PseudoActivationEnergy / 1000, "G4", "kJ/mol")} = {Show(v.PseudoActivationEnergyEv, "G4", "eV")}; σ(25 °C) = {Show(v.ConductivityAt25C / Si.SiemensPerCm, "G4", "S/cm")}");
        return (arr, v);
    }

    static ImpedanceSpectrum Load(string path, int sweep)
    {
        if (sweep < 1) throw new InputException($"--sweep counts from 1, got {sweep}");
        return EisFile.Read(path, sweep - 1);
    }

    /// <summary>"R0=10,CPE1_1=0.9" by name, or "10,60,1e-6,0.9" as the whole vector in circuit order.</summary>
    internal static IReadOnlyDictionary<string, double> Initial(Circuit c, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new Dictionary<string, double>();
        if (text.Contains('=')) return Pairs(c, text, "--initial");
        var values = text.Split(',', StringSplitOptions.TrimEntries).Select(v => Number(v, "--initial")).ToArray();
        c.WithValues(values);
        return c.Parameters.Select((p, k) => (p.Name, values[k])).ToDictionary(x => x.Name, x => x.Item2);
    }

    internal static Dictionary<string, double> Pairs(Circuit c, string? text, string option)
    {
        var d = new Dictionary<string, double>();
        if (string.IsNullOrWhiteSpace(text)) return d;
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2) throw new InputException($"{option}: expected NAME=VALUE, got '{item}'");
            c.IndexOf(kv[0]);
            d[kv[0]] = Number(kv[1], option);
        }
        return d;
    }

    internal static Dictionary<string, (double, double)> BoundPairs(Circuit c, string? text)
    {
        var d = new Dictionary<string, (double, double)>();
        foreach (var (name, range) in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                     .Select(item => item.Split('=', 2, StringSplitOptions.TrimEntries))
                     .Select(kv => kv.Length == 2 ? (kv[0], kv[1]) : throw new InputException($"--bounds: expected NAME=LOWER:UPPER, got '{string.Join('=', kv)}'")))
        {
            var lu = range.Split(':', StringSplitOptions.TrimEntries);
            if (lu.Length != 2) throw new InputException($"--bounds: expected NAME=LOWER:UPPER, got '{name}={range}'");
            c.IndexOf(name);
            d[name] = (Number(lu[0], "--bounds"), Number(lu[1], "--bounds"));
        }
        return d;
    }

    static double Number(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new InputException($"{option}: '{text}' is not a number (values are in SI units: Ω, F, s, H)");

    static CellGeometry? Geometry(Circuit c, string? thickness, string? area, string? bulk)
    {
        if (thickness is null && area is null) return null;
        double? l = thickness is null ? null : Measure.Parse(thickness, QuantityKind.Length, new SourceLocation("--thickness"));
        double? a = area is null ? null : Measure.Parse(area, QuantityKind.Area, new SourceLocation("--area"));
        if (bulk is not null)
        {
            if (c.Parameters[c.IndexOf(bulk)].Unit != "Ohm") throw new InputException($"--bulk {bulk} is not a resistance");
        }
        else
        {
            bulk = EisArrheniusSpectra.BulkResistor(c);
        }
        return new CellGeometry(l, a, l is null ? null : bulk);
    }

    static void Notes(TextWriter o, ImpedanceSpectrum s)
    {
        o.WriteLine($"{s.Source}: {s.Format}, {s.Count} points, {Show(s.FrequenciesHz.Min(), "G4")}–{Show(s.FrequenciesHz.Max(), "G4", "Hz")}");
        foreach (var n in s.Notes) o.WriteLine($"note: {n}");
        foreach (var w in s.Warnings) o.WriteLine($"warning: {w}");
    }

    static void PrintFit(TextWriter o, FitResult r, CellGeometry? g)
    {
        Notes(o, r.Spectrum);
        o.WriteLine($"circuit {r.Circuit.Text}, {r.Weighting.ToString().ToLowerInvariant()} weighting: " +
            (r.Converged ? $"converged ({r.Exit}) in {r.Iterations} iterations from {r.Starts} starts" : $"NOT converged ({r.Exit}) after {r.Iterations} iterations"));
        o.WriteLine($"  {"parameter",-10} {"value",12} {"std error",10} {"95 % interval",25} {"unit",-14}");
        foreach (var p in r.Parameters)
        {
            var flags = p.Fixed ? "fixed" : string.Join(", ", new[] { p.AtBound ? "at bound" : "", p.Identifiable ? "" : "not identifiable",
                string.Join(", ", r.Inseparable.Where(x => x.Involves(p.Name)).Select(x => $"not separable from {x.Other(p.Name)}")) }.Where(x => x.Length > 0));
            var ci = p.Fixed ? "" : $"[{Show(p.ConfidenceLower, "G4")}, {Show(p.ConfidenceUpper, "G4")}]";
            var se = p.Fixed ? "" : Show(p.StandardError, "G3");
            var asr = g?.AreaM2 is double a && p.Unit == "Ohm" ? $"  = {Show(p.Value * a / Si.OhmCm2, "G4", "Ω cm²")}" : "";
            o.WriteLine($"  {p.Name,-10} {Show(p.Value, "G5"),12} {se,10} {ci,25} {p.Unit,-14}{asr}{(flags.Length > 0 ? "  (" + flags + ")" : "")}");
        }
        o.WriteLine($"  χ² = {Show(r.ChiSquare, "G5")}, χ²/ν = {Show(r.ReducedChiSquare, "G4")} (ν = {r.DegreesOfFreedom}), AIC = {Show(r.Aic, "G5")}");
        if (g is { ThicknessM: double l, AreaM2: double area, BulkParameter: { } bulk })
        {
            var rb = r[bulk];
            double sigma = Conductivity.FromResistance(rb.Value, l, area) / Si.SiemensPerCm;
            o.WriteLine($"  σ = L/({bulk}·A) = {Show(sigma, "G4")} ± {Show(sigma * rb.StandardError / rb.Value, "G2", "S/cm")}");
        }
        foreach (var w in r.Warnings) o.WriteLine($"warning: {w}");
    }
}
