namespace Interphase.Data;

/// <summary>What the instrument was doing at a record, as the file states it or as its current says.</summary>
public enum StepType : byte
{
    /// <summary>No current (open circuit, rest, pause).</summary>
    Rest = 0,
    /// <summary>Positive current: oxidation at the working electrode (charge of a cathode, stripping of electrode 1).</summary>
    Charge = 1,
    /// <summary>Negative current: reduction at the working electrode (discharge of a cathode, plating on electrode 1).</summary>
    Discharge = 2,
    /// <summary>Anything else the file records (impedance points, unknown states).</summary>
    Other = 3,
}

/// <summary>What a reader learnt from a file's header besides the data.</summary>
public sealed record DatasetInfo
{
    /// <summary>"BioLogic .mpt", "BioLogic .mpr", "Arbin CSV", "Maccor text", "Neware .nda", "Gamry .DTA", "CSV".</summary>
    public required string Format { get; init; }
    /// <summary>The file it was read from.</summary>
    public required string Source { get; init; }
    /// <summary>The technique or test name the file states (GCPL, BCD, Modulo Bat, …), if any.</summary>
    public string? Technique { get; init; }
    /// <summary>The instrument or software the file names, if any.</summary>
    public string? Instrument { get; init; }
    /// <summary>When the test started, if the file says.</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>Active mass stated in the file (kg), if any. It is reported, never used without the user's --mass.</summary>
    public double? FileActiveMassKg { get; init; }
    /// <summary>Electrode area stated in the file (m²), if any. Reported only, as above.</summary>
    public double? FileAreaM2 { get; init; }
    /// <summary>Other header values worth showing (name → text).</summary>
    public IReadOnlyDictionary<string, string> Header { get; init; } = new Dictionary<string, string>();
    /// <summary>What the reader decided and the user should know (decimal commas, derived columns, skipped rows).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// The unified form of a cycling measurement, whatever instrument wrote it: one entry per record,
/// in SI, columnar. Time in s from the file's first record, voltage in V, current in A with
/// <b>positive = charge</b> (oxidation at the working electrode; for a symmetric cell, electrode 1 =
/// working electrode strips), the instrument's step type, cycle and step counters, and its
/// capacity and energy counters in C and J. The counters are kept as the instrument writes them:
/// each instrument resets them at different moments (per step, per half cycle or per cycle), and
/// they are NaN when the file has none. The analysis never trusts them blindly (see
/// <see cref="Analysis.Segmentation"/>).
/// </summary>
/// <remarks>The arrays are owned by the dataset; callers must not modify them.</remarks>
public sealed class CyclingDataset
{
    public CyclingDataset(DatasetInfo info, double[] timeS, double[] voltage, double[] current, StepType[] step,
        int[] cycle, int[] stepIndex, double[] chargeCapacity, double[] dischargeCapacity,
        double[] chargeEnergy, double[] dischargeEnergy, double[]? temperatureC = null)
    {
        int n = timeS.Length;
        if (voltage.Length != n || current.Length != n || step.Length != n || cycle.Length != n || stepIndex.Length != n ||
            chargeCapacity.Length != n || dischargeCapacity.Length != n || chargeEnergy.Length != n || dischargeEnergy.Length != n ||
            (temperatureC is not null && temperatureC.Length != n))
            throw new ArgumentException("every column of a dataset must have the same length");
        Info = info;
        TimeS = timeS;
        Voltage = voltage;
        Current = current;
        Step = step;
        Cycle = cycle;
        StepIndex = stepIndex;
        ChargeCapacity = chargeCapacity;
        DischargeCapacity = dischargeCapacity;
        _chargeEnergy = chargeEnergy;
        _dischargeEnergy = dischargeEnergy;
        _temperatureC = temperatureC;
    }

    double[]? _chargeEnergy, _dischargeEnergy, _temperatureC;
    DatasetColumns _released;

    public DatasetInfo Info { get; }
    public int Count => TimeS.Length;

    /// <summary>s since the first record.</summary>
    public double[] TimeS { get; }
    /// <summary>V: the cell (or working-electrode) voltage.</summary>
    public double[] Voltage { get; }
    /// <summary>A, positive = charge (oxidation at the working electrode).</summary>
    public double[] Current { get; }
    public StepType[] Step { get; }
    /// <summary>The instrument's cycle counter (as it counts), or -1 where the file has none.</summary>
    public int[] Cycle { get; }
    /// <summary>The instrument's step (sequence) number, or -1.</summary>
    public int[] StepIndex { get; }
    /// <summary>The instrument's charge-capacity counter (C), reset as the instrument resets it; NaN if absent.</summary>
    public double[] ChargeCapacity { get; }
    /// <summary>The instrument's discharge-capacity counter (C, positive); NaN if absent.</summary>
    public double[] DischargeCapacity { get; }
    /// <summary>The instrument's charge-energy counter (J); NaN if absent.</summary>
    /// <exception cref="InvalidOperationException">The column was let go of (<see cref="Release"/>).</exception>
    public double[] ChargeEnergy => _chargeEnergy ?? throw Released(DatasetColumns.EnergyCounters);
    /// <summary>The instrument's discharge-energy counter (J, positive); NaN if absent.</summary>
    /// <exception cref="InvalidOperationException">The column was let go of (<see cref="Release"/>).</exception>
    public double[] DischargeEnergy => _dischargeEnergy ?? throw Released(DatasetColumns.EnergyCounters);
    /// <summary>Cell temperature (°C) when the file records one.</summary>
    /// <exception cref="InvalidOperationException">The column was let go of (<see cref="Release"/>).</exception>
    public double[]? TemperatureC => _released.HasFlag(DatasetColumns.Temperature) ? throw Released(DatasetColumns.Temperature) : _temperatureC;

    /// <summary>
    /// Lets go of <paramref name="columns"/>, for a caller that has finished with them while it still holds the dataset
    /// (interphase analyze: the analysis reads the energy counters, no output reads them or the temperature; a file of
    /// millions of records holds 8 bytes per record in each). Reading a released column afterwards throws, so that a
    /// reader of it cannot take it for an absent one; the other columns are untouched.
    /// </summary>
    public void Release(DatasetColumns columns)
    {
        if (columns.HasFlag(DatasetColumns.EnergyCounters)) _chargeEnergy = _dischargeEnergy = null;
        if (columns.HasFlag(DatasetColumns.Temperature)) _temperatureC = null;
        _released |= columns;
    }

    /// <summary>The columns let go of by <see cref="Release"/>.</summary>
    public DatasetColumns ReleasedColumns => _released;

    static InvalidOperationException Released(DatasetColumns column) =>
        new($"the dataset's {(column == DatasetColumns.Temperature ? "temperature column was" : "energy counters were")} let go of (CyclingDataset.Release) and cannot be read");

    /// <summary>The same records with other header information.</summary>
    public CyclingDataset WithInfo(DatasetInfo info) =>
        new(info, TimeS, Voltage, Current, Step, Cycle, StepIndex, ChargeCapacity, DischargeCapacity, ChargeEnergy, DischargeEnergy, TemperatureC);

    /// <summary>The same records with another voltage column (V).</summary>
    public CyclingDataset WithVoltage(double[] voltage) =>
        new(Info, TimeS, voltage, Current, Step, Cycle, StepIndex, ChargeCapacity, DischargeCapacity, ChargeEnergy, DischargeEnergy, TemperatureC);

    public bool HasCapacityCounters => Count > 0 && (!double.IsNaN(ChargeCapacity[0]) || !double.IsNaN(DischargeCapacity[0]));
    public bool HasEnergyCounters => Count > 0 && (!double.IsNaN(ChargeEnergy[0]) || !double.IsNaN(DischargeEnergy[0]));
    public bool HasInstrumentCycles => Count > 0 && Cycle[0] >= 0;
}

/// <summary>One record on its way into a <see cref="CyclingDatasetBuilder"/>.</summary>
public struct CyclingRow
{
    public double TimeS, Voltage, Current;
    public StepType Step;
    public int Cycle, StepIndex;
    public double ChargeCapacity, DischargeCapacity, ChargeEnergy, DischargeEnergy, TemperatureC;

    /// <summary>A row with every optional field absent.</summary>
    public static CyclingRow Empty => new()
    {
        Cycle = -1, StepIndex = -1,
        ChargeCapacity = double.NaN, DischargeCapacity = double.NaN,
        ChargeEnergy = double.NaN, DischargeEnergy = double.NaN, TemperatureC = double.NaN,
    };

    /// <summary>
    /// Why the record cannot be analysed (its time, voltage or current is NaN or infinite: a gap or an
    /// instrument error), or null when it can. The optional counters may be absent (NaN).
    /// </summary>
    public readonly string? Invalid() =>
        !double.IsFinite(TimeS) ? NotFinite("time", TimeS)
        : !double.IsFinite(Voltage) ? NotFinite("voltage", Voltage)
        : !double.IsFinite(Current) ? NotFinite("current", Current)
        : null;

    static string NotFinite(string what, double value) =>
        $"the {what} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: expected a finite number";
}

/// <summary>The instrument's counter columns, as flags (which ones a file lacks).</summary>
[Flags]
public enum Counters
{
    None = 0,
    ChargeCapacity = 1, DischargeCapacity = 2, ChargeEnergy = 4, DischargeEnergy = 8,
}

/// <summary>
/// Collects rows in growing columns; <see cref="Build"/> trims them into a <see cref="CyclingDataset"/>. Give the
/// expected number of rows when it is known (a binary file's record count) or can be estimated (a text file's size
/// over its line length): columns that never grow and need no trimming are handed over as they are. The temperature
/// column is made only when a row has one, and a counter column that no row fills (NaN throughout) becomes one
/// column of NaN shared by every such counter: a file of millions of records is held in about the memory its
/// columns need (issue 11).
/// </summary>
public sealed class CyclingDatasetBuilder
{
    double[] _t, _v, _i;
    double[]? _qc, _qd, _ec, _ed, _temp;
    StepType[] _s;
    int[] _c, _k;
    int _n;

    /// <param name="capacity">The rows to make room for.</param>
    /// <param name="absent">Counter columns the file does not have (<see cref="Counters"/>): they are not made, and the
    /// rows' values for them (NaN) are not kept.</param>
    public CyclingDatasetBuilder(int capacity = 4096, Counters absent = Counters.None)
    {
        capacity = Math.Max(capacity, 16);
        _t = new double[capacity]; _v = new double[capacity]; _i = new double[capacity];
        if (!absent.HasFlag(Counters.ChargeCapacity)) _qc = new double[capacity];
        if (!absent.HasFlag(Counters.DischargeCapacity)) _qd = new double[capacity];
        if (!absent.HasFlag(Counters.ChargeEnergy)) _ec = new double[capacity];
        if (!absent.HasFlag(Counters.DischargeEnergy)) _ed = new double[capacity];
        _s = new StepType[capacity]; _c = new int[capacity]; _k = new int[capacity];
    }

    public int Count => _n;

    public void Add(in CyclingRow r)
    {
        if (_n == _t.Length) Grow();
        _t[_n] = r.TimeS; _v[_n] = r.Voltage; _i[_n] = r.Current; _s[_n] = r.Step;
        _c[_n] = r.Cycle; _k[_n] = r.StepIndex;
        if (_qc is not null) _qc[_n] = r.ChargeCapacity;
        if (_qd is not null) _qd[_n] = r.DischargeCapacity;
        if (_ec is not null) _ec[_n] = r.ChargeEnergy;
        if (_ed is not null) _ed[_n] = r.DischargeEnergy;
        if (_temp is not null) _temp[_n] = r.TemperatureC;
        else if (!double.IsNaN(r.TemperatureC)) StartTemperature(_n)[_n] = r.TemperatureC;
        _n++;
    }

    /// <summary>
    /// The columns of rows <see cref="Count"/> to <see cref="Count"/> + rows − 1, made room for, for a reader that writes
    /// a chunk of rows straight into them (no row structure, no call per row) and then counts them in with
    /// <see cref="Commit"/>. A counter column the builder was told is absent is null; so is the temperature until a
    /// row has one (<see cref="StartTemperature"/>). The arrays are valid until the next call of <see cref="Reserve"/>.
    /// </summary>
    internal Chunk Reserve(int rows)
    {
        while (_t.Length - _n < rows) Grow();
        return new Chunk(_n, _t, _v, _i, _s, _c, _k, _qc, _qd, _ec, _ed, _temp);
    }

    /// <summary>Counts in the rows written after <see cref="Reserve"/>.</summary>
    internal void Commit(int rows) => _n += rows;

    /// <summary>The temperature column, made at the first row that has one (<paramref name="row"/>): the rows before it had none.</summary>
    internal double[] StartTemperature(int row)
    {
        _temp = new double[_t.Length];
        Array.Fill(_temp, double.NaN, 0, row);
        return _temp;
    }

    /// <summary>The builder's columns, from row <see cref="First"/> on, for <see cref="Reserve"/>.</summary>
    internal readonly record struct Chunk(int First, double[] TimeS, double[] Voltage, double[] Current, StepType[] Step, int[] Cycle,
        int[] StepIndex, double[]? ChargeCapacity, double[]? DischargeCapacity, double[]? ChargeEnergy, double[]? DischargeEnergy,
        double[]? TemperatureC);

    void Grow()
    {
        int m = Math.Max(16, _t.Length * 2);
        Array.Resize(ref _t, m); Array.Resize(ref _v, m); Array.Resize(ref _i, m);
        if (_qc is not null) Array.Resize(ref _qc, m);
        if (_qd is not null) Array.Resize(ref _qd, m);
        if (_ec is not null) Array.Resize(ref _ec, m);
        if (_ed is not null) Array.Resize(ref _ed, m);
        if (_temp is not null) Array.Resize(ref _temp, m);
        Array.Resize(ref _s, m); Array.Resize(ref _c, m); Array.Resize(ref _k, m);
    }

    /// <summary>The dataset; the builder is empty afterwards (its columns now belong to the dataset).</summary>
    public CyclingDataset Build(DatasetInfo info)
    {
        int n = _n;
        // each column trimmed in turn and let go of, so that at most one column is held twice
        var d = Assemble(info, Take(ref _t, n), Take(ref _v, n), Take(ref _i, n), Take(ref _s, n), Take(ref _c, n), Take(ref _k, n),
            _qc is null ? null : Take(ref _qc!, n), _qd is null ? null : Take(ref _qd!, n),
            _ec is null ? null : Take(ref _ec!, n), _ed is null ? null : Take(ref _ed!, n), _temp is null ? null : Take(ref _temp!, n));
        _qc = _qd = _ec = _ed = _temp = null;
        _n = 0;
        return d;
    }

    /// <summary>
    /// A dataset of columns at their final length: a counter column that is absent (null) or NaN throughout becomes one
    /// column of NaN shared by every such counter.
    /// </summary>
    static CyclingDataset Assemble(DatasetInfo info, double[] timeS, double[] voltage, double[] current, StepType[] step,
        int[] cycle, int[] stepIndex, double[]? chargeCapacity, double[]? dischargeCapacity, double[]? chargeEnergy,
        double[]? dischargeEnergy, double[]? temperatureC)
    {
        int n = timeS.Length;
        double[]? nan = null;
        double[] Counter(double[]? column) => column is null || IsAllNaN(column, n) ? nan ??= Filled(n) : column;
        return new CyclingDataset(info, timeS, voltage, current, step, cycle, stepIndex,
            Counter(chargeCapacity), Counter(dischargeCapacity), Counter(chargeEnergy), Counter(dischargeEnergy), temperatureC);
    }

    static T[] Take<T>(ref T[] column, int n)
    {
        var a = column;
        column = [];
        return a.Length == n ? a : a[..n];
    }

    static bool IsAllNaN(double[] a, int n)
    {
        for (int i = 0; i < n; i++)
            if (!double.IsNaN(a[i])) return false;
        return true;
    }

    static double[] Filled(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }
}
