namespace Interphase.Data.Analysis;

/// <summary>What a measured file is analysed as.</summary>
public enum CellKind { Symmetric, Full, Eis, OpenCircuit }

public sealed record AnalysisOptions
{
    /// <summary>Null: decided from the file (impedance files are EIS; a voltage that follows the current's sign is a symmetric cell).</summary>
    public CellKind? Kind { get; init; }
    /// <summary>Cathode active mass (kg) for specific capacities.</summary>
    public double? ActiveMassKg { get; init; }
    /// <summary>Electrode area (m²) for current densities and areal capacities.</summary>
    public double? AreaM2 { get; init; }
    public SegmentationOptions Segmentation { get; init; } = new();
    public ShortDetectionOptions ShortCircuit { get; init; } = new();
    public ReadOptions Read { get; init; } = new();
    /// <summary>
    /// Called with a cycling record's dataset as soon as it is read, before it is analysed (interphase analyze lets go of
    /// the temperature, which no analysis reads, and collects what reading left behind: decision 0051).
    /// </summary>
    public Action<CyclingDataset>? AfterRead { get; init; }
}

/// <summary>A measured file, read and analysed as one kind of cell (or as impedance spectra).</summary>
public sealed record Measurement(
    DetectedFile File,
    CellKind Kind,
    string KindReason,
    CyclingDataset? Data,
    SymmetricAnalysis? Symmetric,
    FullCellAnalysis? Full,
    EisAnalysis? Eis = null,
    OpenCircuitAnalysis? OpenCircuit = null,
    InterleavedSpectra? Interleaved = null)
{
    /// <summary>Why a cycling technique's file (a Modulo Bat of rests and impedance sweeps) is analysed as spectra.</summary>
    public const string SweepsBetweenRests = "no current flows outside its impedance sweeps: the file is analysed as impedance spectra";

    /// <summary>Reads <paramref name="path"/> and analyses it. Every problem is an <see cref="InputException"/>.</summary>
    public static Measurement Analyze(string path, AnalysisOptions? options = null)
    {
        var o = options ?? new AnalysisOptions();
        if (o.ActiveMassKg is <= 0) throw new InputException("the active mass must be positive (e.g. --mass 1.4 mg)");
        if (o.AreaM2 is <= 0) throw new InputException("the electrode area must be positive (e.g. --area 0.785 cm2)");
        var file = DataFile.Detect(path);
        if (o.Kind == CellKind.Eis && file.Kind == DataKind.Cycling)
            return SpectraWithin(file) is { } within
                ? new Measurement(file with { Kind = DataKind.Impedance }, CellKind.Eis, "--kind", null, null, null, EisAnalysis.Of(within, o.AreaM2))
                : throw new InputException($"--kind eis: this is a cycling record ({file.Description}) without impedance records, not an impedance spectrum", path);
        if (file.Kind == DataKind.Impedance)
        {
            if (o.Kind is CellKind.Symmetric or CellKind.Full)
                throw new InputException($"--kind {o.Kind.ToString()!.ToLowerInvariant()}: this is an impedance file ({file.Description}), not a cycling record", path);
            return new Measurement(file, CellKind.Eis, o.Kind is null ? "the file holds impedance spectra" : "--kind", null, null, null,
                EisAnalysis.Of(DataFile.ReadSpectra(file), o.AreaM2));
        }

        var read = o.Read.AreaM2 is null && o.AreaM2 is not null ? o.Read with { AreaM2 = o.AreaM2 } : o.Read;
        var data = DataFile.ReadCycling(file, read);
        o.AfterRead?.Invoke(data);
        // Interphase's own results state their area and mass; an instrument's header values are only reported
        if (file.Format == DataFormat.InterphaseTimeseries)
            o = o with { AreaM2 = o.AreaM2 ?? data.Info.FileAreaM2, ActiveMassKg = o.ActiveMassKg ?? data.Info.FileActiveMassKg };
        var seg = Segmentation.Of(data, o.Segmentation);
        if (seg.HalfCycles.Count == 0)
        {
            if (o.Kind is CellKind.Symmetric or CellKind.Full)
                throw new InputException($"--kind {o.Kind.ToString()!.ToLowerInvariant()}: no current flows in this record (largest |I| {data.Current.Select(Math.Abs).DefaultIfEmpty(0).Max():G3} A): nothing to analyse as a cycling test", path);
            // a Modulo Bat of rests and impedance sweeps is its spectra; a record of rests only, its open-circuit voltage
            if (SpectraWithin(file) is { } spectra)
                return new Measurement(file with { Kind = DataKind.Impedance }, CellKind.Eis, SweepsBetweenRests, null, null, null, EisAnalysis.Of(spectra, o.AreaM2));
            return new Measurement(file, CellKind.OpenCircuit, "no current flows in this record: it is analysed as an open-circuit trace",
                data, null, null, null, OpenCircuitAnalysis.Of(data));
        }
        CellKind kind;
        string reason;
        if (o.Kind is CellKind.OpenCircuit)
            throw new InputException("open circuit is what a record without current is analysed as, not a kind to choose for one with current: choose symmetric, full or eis", path);
        if (o.Kind is { } k) { kind = k; reason = "--kind"; }
        else if (SymmetricAnalysis.LooksSymmetric(data, seg)) { kind = CellKind.Symmetric; reason = "the voltage follows the sign of the current and stays below 1 V"; }
        else { kind = CellKind.Full; reason = "the voltage keeps its sign when the current reverses"; }
        if (kind == CellKind.Symmetric)
            return new Measurement(file, kind, reason, data, SymmetricAnalysis.Of(data, seg, o.AreaM2, o.ShortCircuit), null,
                Interleaved: InterleavedSpectra.Of(file, data, seg, o.AreaM2));
        // a full cell's cycle is a charge and the discharge after it, unless the user chose otherwise
        if (o.Segmentation.CycleStart == CycleStart.Auto && seg.StartSign < 0) seg = Segmentation.Of(data, o.Segmentation with { CycleStart = CycleStart.Charge });
        return new Measurement(file, kind, reason, data, null, FullCellAnalysis.Of(data, seg, o.ActiveMassKg, o.AreaM2),
            Interleaved: InterleavedSpectra.Of(file, data, seg, o.AreaM2));
    }

    /// <summary>The impedance sweeps of a BioLogic record filed under a cycling technique (Modulo Bat), or null when it has none.</summary>
    internal static IReadOnlyList<Interphase.Data.Eis.ImpedanceSpectrum>? SpectraWithin(DetectedFile file)
    {
        if (file.Format is not (DataFormat.BioLogicMpt or DataFormat.BioLogicMpr)) return null;
        // no freq/Hz column, or no record at a positive frequency: not a file of spectra
        try { return Interphase.Data.Eis.EisFile.ReadAll(file.Path); }
        catch (InputException) { return null; }
    }
}

/// <summary>
/// The impedance sweeps of a file that also holds cycling (a BioLogic Modulo Bat alternating PEIS steps
/// with galvanostatic charges and discharges): the file is split, its current-carrying records go to the
/// cycling analysis and its impedance records to <see cref="EisAnalysis"/>, fitted as an impedance file's
/// spectra are. Each sweep is placed in the record: the time of its first impedance record and the
/// number of half cycles that began before it (null when the file's runs of impedance records and its
/// sweeps cannot be matched one to one, or for a voltammogram, which has no half cycles).
/// </summary>
public sealed record InterleavedSpectra(EisAnalysis Analysis, IReadOnlyList<double?> TimeS, IReadOnlyList<int?> HalfCyclesBefore)
{
    public const string Reason = "the file also holds impedance sweeps between its other steps: they are split off and fitted as spectra";

    /// <summary>The sweeps of <paramref name="file"/>, or null when its records hold no impedance record.</summary>
    public static InterleavedSpectra? Of(DetectedFile file, CyclingDataset data, Segmentation? seg, double? areaM2)
    {
        if (Array.IndexOf(data.Step, StepType.Other) < 0) return null;
        if (Measurement.SpectraWithin(file) is not { Count: > 0 } spectra) return null;
        var analysis = EisAnalysis.Of(spectra, areaM2);
        // the runs of consecutive impedance records, in time order
        var runs = new List<int>();
        for (int i = 0; i < data.Count; i++)
            if (data.Step[i] == StepType.Other && (i == 0 || data.Step[i - 1] != StepType.Other)) runs.Add(i);
        bool matched = runs.Count == spectra.Count
            && runs.Select((start, k) => RunLength(data, start) == spectra[k].Count).All(x => x);
        var times = analysis.Sweeps.Select(w => matched ? data.TimeS[runs[w.Index - 1]] : (double?)null).ToList();
        var before = analysis.Sweeps.Select(w => matched && seg is not null ? seg.HalfCycles.Count(h => h.FirstRow < runs[w.Index - 1]) : (int?)null).ToList();
        return new InterleavedSpectra(analysis, times, before);
    }

    static int RunLength(CyclingDataset d, int start)
    {
        int n = 0;
        while (start + n < d.Count && d.Step[start + n] == StepType.Other) n++;
        return n;
    }
}
