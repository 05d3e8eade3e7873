using Interphase.Data.Eis;

namespace Interphase.Impedance;

/// <summary>
/// Fits a series of spectra with one circuit (a batch of files, the sweeps of one file, a temperature or state-of-charge
/// series), each spectrum starting from the previous one's fit (a warm start) instead of the automatic guess and its
/// variants, which cost about four fifths of a cold fit (docs/decisions/0024-eis-warm-starts.md).
/// <para>
/// A warm fit is kept only when its start is near this spectrum (reduced χ² of the start at most <see cref="SeedTolerance"/>
/// times the reference), it converged, and its reduced χ² is at most <see cref="Tolerance"/> times the reference: the
/// median reduced χ² of the last fits kept (<see cref="ReferenceWindow"/>). Otherwise the spectrum is also fitted from the
/// automatic guess (<see cref="EisFitter.Fit"/>, the cold path) and the better of the two fits by χ² is kept. The first
/// spectrum of a series is always cold. A warm start cannot find a worse
/// minimum without its χ² showing it unless the worse minimum lies within the tolerance of the reference; the tests hold
/// the warm path's χ² against the cold path's on every spectrum of varied synthetic and real series
/// (<c>SeriesFitTests</c>).
/// </para>
/// Not thread-safe: one series is one chain; <see cref="FitAll"/> runs blocks of a batch on all cores.
/// </summary>
public sealed class EisSeriesFitter
{
    /// <summary>Default of <see cref="Tolerance"/>.</summary>
    public const double DefaultTolerance = 1.5;

    /// <summary>
    /// Spectra per series in <see cref="FitAll"/> of <paramref name="count"/> spectra: a sixteenth of the batch, between 16
    /// and 256, so that a batch has sixteen series or more to share among the cores (when it has 256 spectra or more) and
    /// a long batch spends little on the anchors' cold fits. It depends on the batch alone, not on the number of cores, so
    /// neither do the results.
    /// </summary>
    public static int SeriesLength(int count) => Math.Clamp((count + 15) / 16, 16, 256);

    readonly Circuit _circuit;
    readonly EisFitOptions _options;
    double[]? _seed;
    double _reference = double.NaN;
    readonly EisFitter.FitWorkspace _workspace = new();

    public EisSeriesFitter(Circuit circuit, EisFitOptions? options = null, double tolerance = DefaultTolerance, bool scaleResistances = false)
    {
        if (!(tolerance >= 1)) throw new ArgumentOutOfRangeException(nameof(tolerance), "the warm-start tolerance is a factor on χ², at least 1");
        _circuit = circuit;
        _options = options ?? new EisFitOptions();
        Tolerance = tolerance;
        ScalesResistances = scaleResistances;
    }

    /// <summary>
    /// Whether each warm start first scales the previous fit's resistances by one common factor to the new spectrum
    /// (<see cref="EisFitter.ScaleResistances"/>): a temperature series, whose resistances change by tens of per cent from
    /// one spectrum to the next, so that the unscaled previous fit is too far for <see cref="SeedTolerance"/>
    /// (docs/decisions/0030). The acceptance rule is the same.
    /// </summary>
    public bool ScalesResistances { get; }

    /// <summary>
    /// Largest ratio of the reduced χ² of the warm start itself (the previous fit on this spectrum, before any step) to the
    /// reference's: a spectrum further than this from the previous one is fitted cold, since a start far from the data may
    /// lead to another minimum than the automatic guess would.
    /// </summary>
    public const double SeedTolerance = 20;

    /// <summary>
    /// Iterations a warm fit may take: one that needs more is not continuing a series (noisy copies of a spectrum take about
    /// five, a drifting series about nine) and the spectrum is fitted cold as well.
    /// </summary>
    public const int MaxWarmIterations = 100;

    /// <summary>Largest ratio of a warm fit's reduced χ² to the reference's that is kept without a cold fit.</summary>
    public double Tolerance { get; }

    /// <summary>Whether warm starts are used at all: not with a global search (which asks for many starts on every spectrum).</summary>
    public bool Warm => _options.GlobalStarts == 0;

    /// <summary>Fits kept from a warm start.</summary>
    public int WarmFits { get; private set; }

    /// <summary>Fits from the automatic guess: the first of the series and every fallback.</summary>
    public int ColdFits { get; private set; }

    /// <summary>Warm fits that failed the check and were fitted cold as well.</summary>
    public int Fallbacks { get; private set; }

    /// <summary>The next spectrum of the series. User mistakes raise <see cref="InputException"/>, as <see cref="EisFitter.Fit"/>; the series then goes on from the last fit.</summary>
    public FitResult Fit(ImpedanceSpectrum spectrum)
    {
        FitResult? warm = null;
        if (Warm && _seed is { } seed)
        {
            int dof = 2 * spectrum.Count - (_circuit.ParameterCount - _options.Fixed.Count);
            if (ScalesResistances) seed = EisFitter.ScaleResistances(spectrum, _circuit, _options, seed, _workspace);
            (warm, _) = EisFitter.FitFrom(spectrum, _circuit, _options, seed, SeedTolerance * _reference * dof, MaxWarmIterations, _workspace);
            if (warm is { Converged: true } && warm.ReducedChiSquare <= Tolerance * _reference)
            {
                WarmFits++;
                _seed = warm.Values;
                Remember(warm);
                return warm;
            }
            Fallbacks++;
        }
        var cold = EisFitter.Fit(spectrum, _circuit, _options);
        ColdFits++;
        var kept = warm is not null && Better(warm, cold) ? warm : cold;
        _seed = kept.Values;
        Remember(kept);
        return kept;
    }

    /// <summary>
    /// The reduced χ² of the last <see cref="ReferenceWindow"/> fits kept; the reference is their median, so that one cold
    /// fit that lands in a poor minimum does not let the warm fits after it follow it there, while a level of χ² that
    /// changes along the series (the noise, or how well the circuit fits) is followed.
    /// </summary>
    readonly List<double> _recent = [];

    /// <summary>Fits whose reduced χ² make the reference.</summary>
    public const int ReferenceWindow = 9;

    void Remember(FitResult kept)
    {
        if (!double.IsFinite(kept.ReducedChiSquare)) return;
        _recent.Add(kept.ReducedChiSquare);
        if (_recent.Count > ReferenceWindow) _recent.RemoveAt(0);
        var sorted = _recent.Order().ToList();
        _reference = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : 0.5 * (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]);
    }

    /// <summary>A warm fit that failed the check is still kept if it is below the cold fit (the cold path is not always the global minimum).</summary>
    static bool Better(FitResult warm, FitResult cold) =>
        warm.ChiSquare < cold.ChiSquare && (warm.Converged || !cold.Converged);

    /// <summary>Continue the series from <paramref name="fit"/> (cold or from another series' seed) as if it had been fitted cold here.</summary>
    void Begin(FitResult fit)
    {
        _seed = fit.Values;
        Remember(fit);
    }

    /// <summary>
    /// Fits <paramref name="spectra"/> on up to <paramref name="maxParallel"/> cores (default: all) as warm-started series of
    /// consecutive spectra (<see cref="SeriesLength"/> each). Each series starts at an anchor: its first spectrum fitted cold, and fitted again from the cold
    /// fits of the anchors of up to <see cref="AnchorNeighbours"/> series on either side, keeping the lowest χ². The
    /// automatic guess itself lands in a worse minimum now and then (on noisy copies of one real spectrum, a few in a
    /// hundred), and a series started there would stay in it. The results do not depend on the number of cores. A
    /// spectrum whose fit fails has its exception in <c>Error</c> and no fit; the others complete. Results are in the
    /// order of the spectra; <paramref name="onFitted"/>, when given, is called with each spectrum's index when its fit is
    /// final (on the worker's thread). <paramref name="scaleResistances"/>: see <see cref="ScalesResistances"/>.
    /// </summary>
    public static (FitResult? Fit, Exception? Error)[] FitAll(IReadOnlyList<ImpedanceSpectrum> spectra, Circuit circuit, EisFitOptions? options = null,
        int? maxParallel = null, double tolerance = DefaultTolerance, Action<int>? onFitted = null, bool scaleResistances = false)
    {
        var o = options ?? new EisFitOptions();
        var results = new (FitResult? Fit, Exception? Error)[spectra.Count];
        int size = SeriesLength(spectra.Count);
        int blocks = (spectra.Count + size - 1) / size;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxParallel ?? Environment.ProcessorCount };
        Parallel.For(0, blocks, parallel, b => results[b * size] = Try(() => EisFitter.Fit(spectra[b * size], circuit, o)));
        // the cold anchors as they are before any series starts: a series reads its neighbours' from here, not from
        // results, where a neighbour that ran first has already put its improved anchor (the order would change the fits)
        var cold = Enumerable.Range(0, blocks).Select(b => results[b * size].Fit).ToArray();
        Parallel.For(0, blocks, parallel, b =>
        {
            var series = new EisSeriesFitter(circuit, o, tolerance, scaleResistances);
            int first = b * size;
            if (results[first].Fit is { } anchor)
            {
                if (series.Warm)
                    for (int a = Math.Max(0, b - AnchorNeighbours); a <= Math.Min(blocks - 1, b + AnchorNeighbours); a++)
                    {
                        if (a == b || cold[a] is not { } other) continue;
                        var fromOther = Try(() => EisFitter.FitFrom(spectra[first], circuit, o, other.Values, workspace: series._workspace).Fit).Item1;
                        if (fromOther is { Converged: true } && fromOther.ChiSquare < anchor.ChiSquare) anchor = fromOther;
                    }
                series.Begin(anchor);
                results[first] = (anchor, null);
            }
            onFitted?.Invoke(first);
            for (int k = first + 1; k < Math.Min(spectra.Count, first + size); k++)
            {
                results[k] = Try(() => series.Fit(spectra[k]));
                onFitted?.Invoke(k);
            }
        });
        return results;
    }

    /// <summary>Series on either side whose anchors also start a series' first spectrum.</summary>
    public const int AnchorNeighbours = 2;

    static (FitResult?, Exception?) Try(Func<FitResult?> fit)
    {
        try { return (fit(), null); }
        catch (Exception e) when (e is not OperationCanceledException) { return (null, e); }
    }
}
