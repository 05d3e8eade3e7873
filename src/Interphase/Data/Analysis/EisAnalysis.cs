using Interphase.Data.Eis;
using Interphase.Impedance;

namespace Interphase.Data.Analysis;

/// <summary>One sweep of an impedance file with the EIS engine's fit of domain.md's circuit, its Lin-KK test and its DRT.</summary>
public sealed record EisSweep(int Index, ImpedanceSpectrum Spectrum, FitResult Fit, LinKkResult Kk, DrtResult Drt);

/// <summary>
/// An impedance file analysed the way the domain's papers do: every sweep fitted with
/// <see cref="Circuit"/> <c>R0-p(R1,CPE1)-p(R2,CPE2)-W1</c> (bulk electrolyte, interphase or
/// protective layer, charge transfer, diffusion) from the EIS engine's automatic initial guess,
/// tested for Kramers–Kronig consistency and turned into a distribution of relaxation times.
/// </summary>
public sealed record EisAnalysis(IReadOnlyList<EisSweep> Sweeps, CellGeometry? Geometry, int SweepsInFile)
{
    public const string DomainCircuit = "R0-p(R1,CPE1)-p(R2,CPE2)-W1";
    /// <summary>Files with more sweeps than this are analysed for their first ones only (a note says so).</summary>
    public const int MaxSweeps = 50;

    public static EisAnalysis Of(IReadOnlyList<ImpedanceSpectrum> spectra, double? areaM2)
    {
        var circuit = Circuit.Parse(DomainCircuit);
        var geometry = areaM2 is { } a ? new CellGeometry(null, a, "R0") : null;
        var list = spectra.Take(MaxSweeps).ToList();
        foreach (var (s, k) in list.Select((s, k) => (s, k)))
            if (s.Count < circuit.ParameterCount + 1)
                throw new InputException($"sweep {k + 1} has {s.Count} points: too few to fit the {circuit.ParameterCount} parameters of {DomainCircuit} (use 'interphase eis fit' with a smaller circuit)", s.Source);
        // the sweeps are independent: analysed on all cores (a file of 32 PEIS sweeps takes seconds per sweep for the fit
        // and the DRT's choice of λ); a refusal is raised for the first sweep that has one, as the sequential loop did
        var sweeps = new EisSweep[list.Count];
        var errors = new System.Runtime.ExceptionServices.ExceptionDispatchInfo?[list.Count];
        Parallel.For(0, list.Count, k =>
        {
            try
            {
                var s = list[k];
                // one Lin-KK test: its verdict, and the noise the DRT's discrepancy principle needs
                var kk = LinKK.Test(s);
                sweeps[k] = new EisSweep(k + 1, s, EisFitter.Fit(s, circuit), kk, Drt.Compute(s, new DrtOptions { Noise = Drt.NoiseFrom(kk, s.Count) }));
            }
            catch (Exception e) { errors[k] = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e); }
        });
        errors.FirstOrDefault(e => e is not null)?.Throw();
        return new EisAnalysis(sweeps, geometry, spectra.Count);
    }
}
