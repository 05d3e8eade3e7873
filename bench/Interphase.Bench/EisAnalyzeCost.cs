using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Bench;

/// <summary>
/// <c>-- eis-analyze FILE [sweeps]</c>: where <c>analyze</c>'s time goes on an impedance file, per sweep and by the thread's
/// CPU time (so waiting for a core on a loaded machine does not count): the Lin-KK test, the cold fit of the default
/// circuit, the DRT's choice of λ, and the DRT at that λ with its bootstrap.
/// </summary>
internal static class EisAnalyzeCost
{
    public static int Run(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine("eis-analyze FILE [sweeps]"); return 2; }
        var spectra = EisFile.ReadAll(args[0]);
        int count = args.Length > 1 ? Math.Min(int.Parse(args[1]), spectra.Count) : spectra.Count;
        var circuit = Circuit.Parse(Interphase.Data.Analysis.EisAnalysis.DomainCircuit);
        Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}, {spectra.Count} sweeps, {spectra[0].Count} points in the first");
        double tk = 0, tf = 0, tl = 0, td = 0;
        for (int k = 0; k < count; k++)
        {
            var s = spectra[k];
            long t0 = ThreadCpu.Ticks();
            var kk = LinKK.Test(s);
            long t1 = ThreadCpu.Ticks();
            var fit = EisFitter.Fit(s, circuit);
            long t2 = ThreadCpu.Ticks();
            var noise = Drt.NoiseFrom(kk, s.Count);
            var lambdaOnly = Drt.Compute(s, new DrtOptions { Noise = noise, BootstrapSamples = 0 });
            long t3 = ThreadCpu.Ticks();
            var drt = Drt.Compute(s, new DrtOptions { Selection = DrtLambdaSelection.Fixed, Lambda = lambdaOnly.Lambda, Noise = noise });
            long t4 = ThreadCpu.Ticks();
            long t5 = ThreadCpu.Ticks();
            long f0 = Nnls.Factorisations;
            Drt.Compute(s, new DrtOptions { Selection = DrtLambdaSelection.Fixed, Lambda = lambdaOnly.Lambda, Noise = noise, BootstrapSamples = 0 });
            long f1 = Nnls.Factorisations;
            Drt.Compute(s, new DrtOptions { Selection = DrtLambdaSelection.Fixed, Lambda = lambdaOnly.Lambda, Noise = noise });
            long f2 = Nnls.Factorisations;
            Drt.Compute(s, new DrtOptions { Noise = noise, BootstrapSamples = 0 });
            long f3 = Nnls.Factorisations;
            if (k < 3) Console.WriteLine($"  factorisations: one solve {f1 - f0}, bootstrap {f2 - f1 - (f1 - f0)}, λ search {f3 - f2}");
            Drt.Compute(s, new DrtOptions { Selection = DrtLambdaSelection.Fixed, Lambda = lambdaOnly.Lambda, Noise = noise, BootstrapSamples = 0 });
            long t6 = ThreadCpu.Ticks();
            if (k < 3) Console.WriteLine($"  drt at λ without bootstrap (build + one solve + peaks) {(t6 - t5) / 1e6:F1} ms");
            tk += (t1 - t0) / 1e6; tf += (t2 - t1) / 1e6; tl += (t3 - t2) / 1e6; td += (t4 - t3) / 1e6;
            var unident = fit.Parameters.Count(p => !p.Identifiable && !p.Fixed);
            Console.WriteLine($"sweep {k + 1,2}: {s.Count} pts  kk {(t1 - t0) / 1e6,7:F1} ms  fit {(t2 - t1) / 1e6,7:F1} ms ({fit.Iterations} it, {fit.Evaluations} ev, conv {fit.Converged}, χ²ν {fit.ReducedChiSquare:G4}, {unident} not identifiable)  " +
                $"drt λ {(t3 - t2) / 1e6,7:F1} ms (λ {lambdaOnly.Lambda:G4}, {lambdaOnly.Peaks.Count} peaks)  drt+bootstrap {(t4 - t3) / 1e6,7:F1} ms");
        }
        Console.WriteLine($"mean per sweep (thread CPU): kk {tk / count:F1} ms, fit {tf / count:F1} ms, drt λ {tl / count:F1} ms, drt at λ + bootstrap {td / count:F1} ms");
        return 0;
    }
}

/// <summary>
/// <c>-- eis-analyze-dump FILE…</c>: every number of the analysis <c>analyze</c> makes of each sweep (the fit of the default
/// circuit, the Lin-KK test, the DRT with its λ search and bootstrap), printed round-trip, one line per quantity, so that
/// two builds can be compared line by line (diff) or by a hash.
/// </summary>
internal static class EisAnalyzeDump
{
    public static int Run(string[] args)
    {
        foreach (var path in args)
        {
            var spectra = EisFile.ReadAll(path);
            var analysis = Interphase.Data.Analysis.EisAnalysis.Of(spectra, null);
            foreach (var s in analysis.Sweeps)
            {
                string head = $"{Path.GetFileName(path)} #{s.Index}";
                var f = s.Fit;
                Console.WriteLine($"{head} fit chi2 {f.ChiSquare:R} red {f.ReducedChiSquare:R} conv {f.Converged} it {f.Iterations} warm {f.WarmStart}");
                foreach (var p in f.Parameters)
                    Console.WriteLine($"{head} fit {p.Name} {p.Value:R} se {p.StandardError:R} ident {p.Identifiable} bound {p.AtBound}");
                foreach (var w in f.Warnings) Console.WriteLine($"{head} fit warning {w}");
                Console.WriteLine($"{head} kk M {s.Kk.ElementCount} chi2 {s.Kk.PseudoChiSquare:R}");
                var d = s.Drt;
                Console.WriteLine($"{head} drt lambda {d.Lambda:R} noise {d.Noise:R} rinf {d.RInfinity:R} L {d.Inductance:R} C {d.Capacitance:R} rpol {d.PolarizationResistance:R}");
                Console.WriteLine($"{head} drt scores {string.Join(" ", d.LambdaScore.Select(v => v.ToString("R")))}");
                Console.WriteLine($"{head} drt gamma {string.Join(" ", d.Gamma.Select(v => v.ToString("R")))}");
                Console.WriteLine($"{head} drt low {string.Join(" ", (d.GammaLow ?? []).Select(v => v.ToString("R")))}");
                Console.WriteLine($"{head} drt high {string.Join(" ", (d.GammaHigh ?? []).Select(v => v.ToString("R")))}");
                foreach (var p in d.Peaks)
                    Console.WriteLine($"{head} drt peak {p.TimeConstant:R} {p.Resistance:R} {p.TimeConstantInterval} {p.ResistanceInterval}");
                Console.WriteLine($"{head} drt tail {d.Tail}");
            }
        }
        return 0;
    }
}
