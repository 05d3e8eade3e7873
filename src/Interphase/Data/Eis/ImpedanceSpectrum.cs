using System.Numerics;

namespace Interphase.Data.Eis;

/// <summary>
/// One impedance spectrum: frequencies in Hz and complex impedance Z = Z' + jZ'' in Ω (SI; Z'' &lt; 0
/// for a capacitive arc), optional standard deviations σ (Ω, the same for Z' and Z'') for user
/// weighting, where it came from and what the reader had to decide (<see cref="Notes"/>).
/// Measured files and simulated spectra are the same type, so both go through the same fit.
/// </summary>
public sealed record ImpedanceSpectrum
{
    public double[] FrequenciesHz { get; }
    public Complex[] Impedance { get; }
    /// <summary>Standard deviation of Z' and of Z'' at each point (Ω), or null.</summary>
    public double[]? Sigma { get; init; }
    /// <summary>The file it was read from, or null for a spectrum built in code.</summary>
    public string? Source { get; init; }
    /// <summary>"BioLogic .mpt", "Gamry .DTA", "CSV", … or "memory".</summary>
    public string Format { get; init; } = "memory";
    /// <summary>What the reader decided and the user should know (sign convention, skipped rows, sweeps).</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
    /// <summary>What the reader left out of the file and the user must know (rows at 0 Hz skipped, …).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public ImpedanceSpectrum(IReadOnlyList<double> frequenciesHz, IReadOnlyList<Complex> impedance, IReadOnlyList<double>? sigma = null)
    {
        if (frequenciesHz.Count != impedance.Count)
            throw new InputException($"spectrum has {frequenciesHz.Count} frequencies but {impedance.Count} impedances");
        if (frequenciesHz.Count == 0) throw new InputException("spectrum has no points");
        for (int i = 0; i < frequenciesHz.Count; i++)
        {
            if (!(frequenciesHz[i] > 0) || !double.IsFinite(frequenciesHz[i]))
                throw new InputException($"spectrum point {i + 1}: frequency must be a positive finite number, got {frequenciesHz[i]}");
            if (!double.IsFinite(impedance[i].Real) || !double.IsFinite(impedance[i].Imaginary))
                throw new InputException($"spectrum point {i + 1}: impedance is not finite ({impedance[i]})");
        }
        if (sigma is not null)
        {
            if (sigma.Count != frequenciesHz.Count) throw new InputException($"spectrum has {frequenciesHz.Count} points but {sigma.Count} σ values");
            for (int i = 0; i < sigma.Count; i++)
                if (!(sigma[i] > 0) || !double.IsFinite(sigma[i]))
                    throw new InputException($"spectrum point {i + 1}: σ must be a positive finite number, got {sigma[i]}");
            Sigma = sigma.ToArray();
        }
        FrequenciesHz = frequenciesHz.ToArray();
        Impedance = impedance.ToArray();
    }

    public int Count => FrequenciesHz.Length;

    /// <summary>The points whose frequency lies in [minHz, maxHz] (inclusive).</summary>
    public ImpedanceSpectrum InRange(double minHz, double maxHz) =>
        Where((f, _) => f >= minHz && f <= maxHz, $"kept {minHz:G4}–{maxHz:G4} Hz");

    /// <summary>Without the inductive points (Z'' &gt; 0), as impedance.py's <c>ignoreBelowX</c> does.</summary>
    public ImpedanceSpectrum WithoutInductivePoints() =>
        Where((_, z) => z.Imaginary <= 0, "dropped inductive points (Z'' > 0)");

    ImpedanceSpectrum Where(Func<double, Complex, bool> keep, string note)
    {
        var idx = Enumerable.Range(0, Count).Where(i => keep(FrequenciesHz[i], Impedance[i])).ToArray();
        if (idx.Length == Count) return this;
        if (idx.Length == 0) throw new InputException($"{Source ?? "spectrum"}: no points left after filtering ({note})");
        return new ImpedanceSpectrum(idx.Select(i => FrequenciesHz[i]).ToArray(), idx.Select(i => Impedance[i]).ToArray(), Sigma is null ? null : idx.Select(i => Sigma[i]).ToArray())
        {
            Source = Source,
            Format = Format,
            Notes = Notes.Append($"{note}: {Count - idx.Length} of {Count} points removed").ToArray(),
        };
    }
}
