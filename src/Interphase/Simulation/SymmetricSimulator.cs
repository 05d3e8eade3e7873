using Interphase.Models;
using Interphase.Protocols;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>Numerical settings of a run.</summary>
public sealed record SimulationOptions
{
    /// <summary>Time-series points per protocol step at least (more where the state changes fast).</summary>
    public int PointsPerStep { get; init; } = 12;
    /// <summary>Keep every time point (false for sweeps and benchmarks: cycles and summary only).</summary>
    public bool RecordSeries { get; init; } = true;
    /// <summary>Largest change of contact fraction per time step.</summary>
    public double MaxContactChange { get; init; } = 0.02;
    /// <summary>Largest voltage change per time step before the step is halved (V), symmetric cells (or 5 % of |V| if larger).</summary>
    public double MaxVoltageChange { get; init; } = 0.005;
    /// <summary>
    /// The same for full cells, whose voltage sweeps hundreds of mV along the open-circuit curve: the
    /// states are advanced exactly or implicitly, so this bounds only the explicit coupling through the
    /// voltage (parasitic current, active-material loss); cut-offs are located by bisection.
    /// </summary>
    public double MaxFullCellVoltageChange { get; init; } = 0.05;
    /// <summary>
    /// The instrument's voltage compliance (V): a step whose |V| would exceed it ends there, located to
    /// <see cref="StepControl.CutOffVoltageTolerance"/>, and the run stops with stop_reason "compliance". A cell
    /// file's <c>compliance:</c> overrides it.
    /// </summary>
    public double ComplianceVolts { get; init; } = 10;
    /// <summary>
    /// Seed of the run's random properties (the largest surface flaw of each brittle layer on each
    /// electrode, drawn from its Weibull distribution), set per realisation by an ensemble
    /// (<see cref="Interphase.Ensembles.Ensemble.RealisationSeed"/>). Null: every random property takes its
    /// median, so a single run is reproducible without one.
    /// </summary>
    public int? Seed { get; init; }
    /// <summary>
    /// Multiplies every tolerance of the stepping engine's step limits (the voltage change, a hold's current change, and
    /// the shortest step they halve to; docs/decisions/0034), the location of a crossing in time (0042) and the step
    /// proposal, every component's and its floor (StepProposal.Shortest, 0061): 0.5 halves them all, to check that a
    /// result has converged in the time step. 1 is the shipped setting.
    /// </summary>
    public double ToleranceScale { get; init; } = 1;
    /// <summary>
    /// For convergence checks only (the bench's <c>step-tolerance</c>, tests): the step-proposal components held at their
    /// shipped proposal whatever <see cref="ToleranceScale"/>, by mechanism ("nucleation", "contact", "salt transient"; see
    /// <see cref="UnscaledProposal"/>), to find which component's step a result depends on (decision 0061). Empty: none.
    /// </summary>
    internal IReadOnlySet<string> UnscaledProposals { get; init; } = NoneUnscaled;
    /// <summary>Shared by every options record, so that two with the same settings stay equal.</summary>
    static readonly IReadOnlySet<string> NoneUnscaled = new HashSet<string>();
}

/// <summary>
/// Runs a protocol on a <see cref="SymmetricCell"/>. Each protocol step is galvanostatic, potentiostatic (<see cref="PotentiostaticHold"/>) or open
/// circuit; within it the interface states advance with exact or semi-analytic updates (contact,
/// interphase, filament, metal, amalgam composition, salt profile) and the voltage is the algebraic
/// sum of the side overpotentials, the electrolyte's ohmic drop and the concentration overpotential.
/// Time steps adapt to how fast the state changes; events (short circuit, stop conditions) are
/// located inside a step. See docs/models.md for every equation.
/// </summary>
public sealed class SymmetricSimulator : IStepModel
{
    readonly SymmetricCell _cell;
    readonly SimulationOptions _opt;

    public SymmetricSimulator(SymmetricCell cell, SimulationOptions? options = null)
    {
        _cell = cell;
        _opt = options ?? new SimulationOptions();
    }

    /// <summary>
    /// Called with each point of the time series as it is recorded, on the solver's thread (a writer that formats the
    /// series while the run goes on, Reports' StreamTimeSeries); null: none. Not called without RecordSeries.
    /// </summary>
    public Action<TimePoint>? Recorded { get; init; }

    /// <summary>Everything that is fixed during one protocol step (temperature-dependent values).</summary>
    sealed class StepConstants
    {
        public double T = double.NaN, REl, DSalt;
        public readonly SideConditions L = new(), R = new();
    }

    SideState _l, _r;
    // the state at the start of the time step under way (IStepModel.RestoreStep); the salt profile's is _cSave
    SideState _saveL, _saveR;
    bool _saveShort;
    StepConstants _k = null!;
    double[]? _c, _cSave;
    bool _shorted;
    double _t;
    // during a potentiostatic hold the galvanostatic nucleation transient is not applied (PotentiostaticHold)
    bool _holding;
    double _holdVolts = double.NaN; // the set voltage of the hold under way
    // soft shorts: the filament bridges standing in parallel with the cell (side 0: electrode 1, side 1: electrode 2)
    SoftShortBridges _bridges = null!;
    SoftShortBridges.State _bridgesSave;
    int _contactSide; // the electrode whose filament made the last contact (0: electrode 1)
    bool Bridged => _bridges.Any;

    /// <summary>The standing bridges' ASR at temperature T (MetalBridge, in parallel); ∞ without one.</summary>
    double BridgeAsrAt(double T) => _bridges.Asr(T);

    // ------------------------------------------------------------------ voltage

    double ConcentrationVoltage(double i, double dSalt, double T)
    {
        if (_c is null) return 0;
        var cp = _cell.Concentration!;
        var (cl, cr) = cp.FaceConcentrations(_c, i, dSalt);
        return cp.Overpotential(cl, cr, T);
    }

    /// <summary>Cell voltage φ1 − φ2 when current density i flows (positive: electrode 1 strips).</summary>
    double IntactVoltage(double i, StepConstants k, bool nucleation = true, bool salt = true) =>
        ElectrodeSideDynamics.Drop(_cell.Left, _l, k.L, i, nucleation && !_holding) - ElectrodeSideDynamics.Drop(_cell.Right, _r, k.R, -i, nucleation && !_holding)
        + i * ElectrolyteAsr(k) + (salt ? ConcentrationVoltage(i, k.DSalt, k.T) : 0);

    /// <summary>
    /// The cell's small-signal DC resistance dV/di (Ω m²) in its present state, frozen: the central difference of the
    /// voltage (<see cref="Voltage(double, StepConstants)"/>'s circuit: leak, bridges, short) at ±di. Without the nucleation overpotential (a
    /// step at i = 0, no slope) and without the salt profile's polarisation: that is the profile changing, which the
    /// impedance's diffusion element Z_diff carries and a frozen state by definition does not (decision 0071).
    /// </summary>
    internal double SmallSignalAsr(double di)
    {
        var k = _k;
        double Ionic(double x) => IntactVoltage(x, k, nucleation: false, salt: false);
        double V(double x) => Voltage(x, k, Ionic, Ionic).v;
        return (V(di) - V(-di)) / (2 * di);
    }

    /// <summary>
    /// The cell's impedance (Ω m²) in its present state at the frequencies f, at the temperature of the step under way
    /// (<see cref="SymmetricImpedance.AreaSpecific"/>; saltDiffusion false leaves out Z_diff), for comparing with
    /// <see cref="SmallSignalAsr"/>.
    /// </summary>
    internal System.Numerics.Complex[] AreaSpecificImpedance(double[] f, bool saltDiffusion) =>
        SymmetricImpedance.AreaSpecific(_cell, SnapshotForImpedance(), _k.T, f, _shorted, BridgeAsrAt(_k.T), saltDiffusion);

    /// <summary>Called before each step of the flattened protocol with its 1-based index, the state frozen (for tests).</summary>
    internal Action<int>? BeforeStep { get; init; }

    /// <summary>
    /// The electrolyte's ASR, lowered by filaments that have not yet spanned it (FilamentConduction): the bulk beyond
    /// the amalgam zones' fronts and the zones' matrix (AmalgamZone, de Levie), the electrolyte's whole ohmic path.
    /// </summary>
    double ElectrolyteAsr(StepConstants k) => ElectrolyteAsr(BulkAsr(k.REl))
        + ElectrodeSideDynamics.ZoneMatrixAsr(_cell.Left, _l, k.L) + ElectrodeSideDynamics.ZoneMatrixAsr(_cell.Right, _r, k.R);

    /// <summary>The bulk ASR rEl of the whole pellet less what the amalgam zones cut off.</summary>
    double BulkAsr(double rEl) => ElectrodeSideDynamics.BulkBeyondZones(rEl, _cell.ElectrolyteThickness,
        ElectrodeSideDynamics.ZonePathDepth(_cell.Left, _l.Zone), ElectrodeSideDynamics.ZonePathDepth(_cell.Right, _r.Zone));

    double ElectrolyteAsr(double rBulk) =>
        _l.Filament <= 0 && _r.Filament <= 0 ? rBulk
        : FilamentConduction.ElectrolyteAsr(rBulk, _cell.SeparatorThickness, ElectrodeSideDynamics.FilamentArea(_cell.Left, _l), _l.Filament,
            ElectrodeSideDynamics.FilamentArea(_cell.Right, _r), _r.Filament);

    /// <summary>
    /// Voltage and the current through the cell's ionic path (<see cref="CellCircuit"/>): the electronic
    /// leakage R_e (a mixed-conducting interphase, the electrolyte's own electronic conductivity;
    /// ElectronicLeakage) takes V/R_e of the current in parallel; after a short the metallic path R_sh joins it.
    /// </summary>
    (double v, double iCell) Voltage(double i, StepConstants k) => Voltage(i, k, _ionic!, _ionicAfterShort!);

    /// <summary>The same with the ionic path's voltage given (before and after a short; SmallSignalAsr's without the nucleation and the salt).</summary>
    (double v, double iCell) Voltage(double i, StepConstants k, Func<double, double> ionic, Func<double, double> ionicAfterShort) =>
        !_shorted && !_cell.MayLeak && !Bridged ? (ionic(i), i)
        : CellCircuit.Solve(i, _shorted, ElectronicAsr(k.T), _cell.ShortCircuitAsr, ionic, ionicAfterShort);

    // the ionic path's voltage at its own current, made once per run (not at every evaluation)
    Func<double, double>? _ionic, _ionicAfterShort;

    double LeakageAsr() => !_cell.MayLeak ? double.PositiveInfinity : _cell.LeakageAsr(ElectrodeSideDynamics.ContactArea(_cell.Left, _l), _l.L0, _l.L1,
        ElectrodeSideDynamics.ContactArea(_cell.Right, _r), _r.L0, _r.L1);

    /// <summary>Every electronic path in parallel with the ionic cell: the leak and a soft short's bridge (Ω m²).</summary>
    double ElectronicAsr(double T)
    {
        double rE = LeakageAsr();
        return Bridged ? _bridges.InParallelWith(rE, T) : rE;
    }

    /// <summary>The current through the ionic path at external current i (all of it unless a leak, a bridge or a short takes a share).</summary>
    double IonicCurrent(double i, StepConstants k) => _shorted || !double.IsPositiveInfinity(ElectronicAsr(k.T)) ? Voltage(i, k).iCell : i;

    // ------------------------------------------------------------------ run

    public SimulationResult Run(Protocol protocol, IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        var cell = _cell;
        var warnings = cell.WarningsFor(protocol); // refuses a step temperature outside the materials' domain
        _l = ElectrodeSideDynamics.Initial(cell.Left);
        _r = ElectrodeSideDynamics.Initial(cell.Right);
        _c = cell.Concentration?.NewProfile();
        _cSave = _c is null ? null : new double[_c.Length];
        _shorted = false;
        _t = 0;
        _bridges = new SoftShortBridges(cell.Bridge, cell.SeparatorThickness, cell.Area, cell.Spec.Mechanisms.SoftShorts);
        _bridgesSave = _bridges.Save();

        var steps = protocol.Flatten().ToList();
        var log = new RunLog<TimePoint>(_opt.RecordSeries, steps.Sum(s => PlannedDuration(s.step, s.rampCurrent)), progress, Recorded);
        var recording = log.Recording;
        var cycles = new List<CycleStats>();
        var events = log.Events;
        var spectra = new List<SimulatedSpectrum>();
        double? shortTime = null, ccd = null;
        DendriteOnset? onset = null;
        int? shortCycle = null;
        double complianceVolts = cell.Spec.ComplianceVolts ?? _opt.ComplianceVolts;
        var stops = StepControl.WithCompliance(protocol, complianceVolts);
        // a step that moves the voltage by more than 5 mV or 5 % is halved, down to StepEngine.MinStep; a hold's by its
        // current (backward Euler, PotentiostaticHold)
        double ts = _opt.ToleranceScale;
        StepLimit[] limits = [new VoltageStepLimit(ts * _opt.MaxVoltageChange, ts * 0.05, ts * StepEngine.MinStep)];
        var holdCurrentLimit = new HoldCurrentLimit(ts * PotentiostaticHold.MaxRelativeCurrentChange, ts * PotentiostaticHold.CurrentFloor, ts * PotentiostaticHold.MinStep);

        CurrentKind? firstKind = null, prevKind = null;
        int cycle = 0;
        CycleAccumulator? acc = null;
        bool contactWarned = false;
        int stepIndex = 0;
        double vLast = 0;

        var k = _k = new StepConstants();
        _proposals = Proposals(k);
        _ionic = x => IntactVoltage(x, k);
        _ionicAfterShort = x => IntactVoltage(x, k, nucleation: false);
        var rng = _opt.Seed is { } seed ? new Random(seed) : null;
        k.L.Realise(cell.Left, rng);
        k.R.Realise(cell.Right, rng);
        SetConstants(k, cell.TemperatureK);
        if (log.RecordsSeries) log.Recording.Write(Snapshot(0, 0, 0, 0));

        foreach (var (step, rampCurrent, _) in steps)
        {
            if (log.Stopped) break;
            stepIndex++;
            cancel.ThrowIfCancellationRequested();
            BeforeStep?.Invoke(stepIndex);
            switch (step)
            {
                case MeasureEisStep eis:
                {
                    int after = Math.Max(0, cycle - (acc is { HasBoth: true } ? 0 : 1));
                    // the half cycle in progress: the last current step's kind ("rest" before any current)
                    string half = prevKind switch { CurrentKind.Plate => "plate", CurrentKind.Strip => "strip", _ => "rest" };
                    if (eis.TemperaturesK.Count == 0)
                        spectra.Add(SymmetricImpedance.Spectrum(cell, SnapshotForImpedance(), k.T, eis, spectra.Count + 1, after, _t, _shorted, BridgeAsrAt(k.T))
                            with { Cycle = cycle, HalfCycle = half });
                    else
                        // a temperature series: the cell's present state, brought to each temperature (no time passes)
                        foreach (var T in eis.TemperaturesK)
                            spectra.Add(SymmetricImpedance.Spectrum(cell, SnapshotForImpedance(), T, eis, spectra.Count + 1, after, _t, _shorted, BridgeAsrAt(T))
                                with { TemperatureK = T, Cycle = cycle, HalfCycle = half });
                    continue;
                }
            }

            double i = 0, duration, capacity = double.PositiveInfinity;
            // a plating/stripping profile (drive cycle): the current at time τ into the step is profileScale·profile(τ)
            CurrentProfile? profile = null;
            double profileScale = 0;
            Condition? until = null;
            double? stepT = null, hold = null;
            double holdLimit = 0;
            switch (step)
            {
                case HoldStep h:
                    // potentiostatic: the current that keeps φ1 − φ2 at the set voltage, found at every time step
                    hold = h.Volts;
                    duration = h.DurationS ?? 1000 * 3600;
                    until = h.Until;
                    if (until is CurrentBelowCondition cb)
                        holdLimit = cb.Limit.Unit switch
                        {
                            CurrentUnit.Density => cb.Limit.Value,
                            CurrentUnit.Absolute => cb.Limit.Value / cell.Area,
                            _ => throw new InputException($"'{h.Text}': a symmetric cell's hold ends at a current density (mA/cm2) or a current (mA), not a C-rate", h.Where),
                        };
                    else if (until is not null and not VoltageCondition)
                        throw new InputException($"'{h.Text}': a hold ends after a time or when the current falls below a limit ('until 0.01 mA/cm2')", h.Where);
                    else if (until is VoltageCondition)
                        throw new InputException($"'{h.Text}': a hold keeps the voltage fixed, so it cannot end at a voltage; use 'for <time>' or 'until <current>'", h.Where);
                    stepT = h.TemperatureK;
                    break;
                case RestStep rest:
                    duration = rest.DurationS;
                    stepT = rest.TemperatureK;
                    break;
                case CurrentStep cs:
                {
                    if (cs.Kind is CurrentKind.Charge or CurrentKind.Discharge)
                        throw new InputException($"'{cs.Text}': Charge/Discharge are full-cell steps; a symmetric cell uses Plate and Strip", cs.Where);
                    double mag;
                    if (cs.Profile is { } prof)
                    {
                        (profileScale, mag) = ProfileStep(cs, prof);
                        profile = prof;
                        i = profileScale * prof.At(0);
                    }
                    else
                    {
                        var spec = cs.Current ?? rampCurrent ?? throw new InputException($"'{cs.Text}' has no current: add 'at 0.2 mA/cm2' or put it inside a Ramp", cs.Where);
                        mag = spec.Unit switch
                        {
                            CurrentUnit.Density => spec.Value,
                            CurrentUnit.Absolute => spec.Value / cell.Area,
                            _ => throw new InputException($"'{cs.Text}': a symmetric cell takes a current density (mA/cm2) or a current (mA), not a C-rate or mA/g", cs.Where),
                        };
                        i = cs.Kind == CurrentKind.Plate ? -mag : mag;
                    }
                    duration = cs.DurationS ?? double.PositiveInfinity;
                    if (cs.Capacity is { } cap)
                        capacity = cap.Unit switch
                        {
                            CurrentUnit.Density => cap.Value,
                            CurrentUnit.Absolute => cap.Value / cell.Area,
                            _ => throw new InputException($"'{cs.Text}': give the capacity in mAh/cm2 or mAh for a symmetric cell", cs.Where),
                        };
                    until = cs.Until;
                    if (until is CapacityCondition cc)
                    {
                        capacity = Math.Min(capacity, cc.Unit == CurrentUnit.Absolute ? cc.Value / cell.Area : cc.Value);
                        until = null;
                    }
                    if (double.IsPositiveInfinity(duration) && double.IsPositiveInfinity(capacity) && until is null)
                        throw new InputException($"'{cs.Text}' never ends", cs.Where);
                    if (double.IsPositiveInfinity(duration) && !double.IsPositiveInfinity(capacity)) duration = capacity / mag;
                    else if (!double.IsPositiveInfinity(capacity)) duration = Math.Min(duration, capacity / mag);
                    if (double.IsPositiveInfinity(duration)) duration = 1000 * 3600; // an 'until' step: give up after 1000 h
                    stepT = cs.TemperatureK;

                    // cycle bookkeeping
                    firstKind ??= cs.Kind;
                    if (cs.Kind == firstKind && prevKind != firstKind)
                    {
                        if (acc is not null) cycles.Add(acc.Finish(_t));
                        cycle++;
                        acc = new CycleAccumulator(cycle, mag, _t);
                    }
                    prevKind = cs.Kind;
                    break;
                }
                case SweepStep or CyclicSweepStep:
                    throw new InputException($"'{step.Text}': voltage sweeps run on a cell with a blocking working electrode (kind: blocking; metal | electrolyte | SS)", step.Where);
                default:
                    throw new InvalidOperationException($"unexpected step {step.GetType().Name}");
            }
            SetConstants(k, stepT ?? cell.TemperatureK);
            _holding = hold is not null;
            _holdVolts = hold ?? double.NaN;
            if (hold is { } vSet) i = HoldCurrent(vSet, k);
            // what halves a time step: the voltage, and in a hold its current (backward Euler, PotentiostaticHold)
            var plan = new StepPlan(limits, hold is null ? HoldControl.None : HoldControl.Implicit, hold is null ? null : holdCurrentLimit, profile, profileScale);

            // ---- integrate this step
            double tStart = _t, tEnd = _t + duration;
            double dtOut = step.PeriodS ?? Math.Max(1.0, duration / _opt.PointsPerStep);
            recording.BeginStep(_t, step.PeriodS);
            var (v0, ic0) = Voltage(i, k);
            vLast = v0;
            // the interfacial (IR-free) voltage of the last point, with the electrolyte ASR of that moment
            // (filaments lower it as they advance)
            double irFreeLast = Math.Abs(v0 - ic0 * ElectrolyteAsr(k));
            bool first = true;
            while (_t < tEnd - 1e-9)
            {
                log.TimeSteps++;
                double t0 = _t;
                double elapsed = _t - tStart;
                double dt = recording.Limit(_t, Math.Min(tEnd - _t, dtOut));
                // a profile: no interval spans a row or a change of sign, and its current is the profile's mean over the
                // interval (exact for piecewise-linear), so that the charge plated and stripped are the profile's integrals
                if (profile is not null)
                {
                    dt = Math.Min(dt, Math.Max(profile.NextBreak(elapsed) - elapsed, 1e-6));
                    i = profileScale * profile.MeanOver(elapsed, elapsed + dt);
                }
                // the electrodes see only the ionic share of the current (the rest flows in a short, a bridge or the leak)
                double iIon = IonicCurrent(i, k);
                dt = Math.Min(dt, SuggestDt(iIon, elapsed));
                // a stripping electrode cannot give more metal than it has
                double exhaust = TimeToExhaustion(iIon);
                bool exhausts = exhaust <= dt;
                if (exhausts) dt = Math.Max(exhaust, 1e-6);
                if (first) { dt = Math.Min(dt, Math.Max(1.0, duration / 200)); first = false; }
                if (profile is not null) i = profileScale * profile.MeanOver(elapsed, elapsed + dt);

                var saveL = _saveL = _l; var saveR = _saveR = _r; var saveShort = _saveShort = _shorted;
                _bridgesSave = _bridges.Save();
                if (_c is not null) Array.Copy(_c, _cSave!, _c.Length);

                // the attempt loop (halve on a too-large change; a filament's contact; the standing bridges): StepEngine.TakeStep
                double iBefore = i;
                var a = StepEngine.TakeStep(this, plan, dt, i, vLast, _t, cycle, elapsed);
                dt = a.Dt; i = a.I;
                double v = a.V, iCell = a.ICell;
                bool shortNow = a.ShortNow;
                SoftShort? contact = a.Contact, standing = a.Ended;
                double? vBeforeEvent = a.VBeforeEvent;
                int standingBefore = a.StandingBefore;
                double vBridged = a.VBridged;

                // stop conditions (step 'until' and global 'Stop if')
                // a condition that the state just before this step's event did not meet was met by the event (a
                // short's voltage collapse, a fused bridge's jump): the step ends with the event, at its end-of-step
                // state, which is written even beyond the compliance (the value computed). A condition met before the
                // event is located as any other, and the event, which comes after that moment, is undone.
                var stop = StepEngine.Check(until, stops, v, shortNow, i, holdLimit, vBeforeEvent);
                var hit = stop.Hit;
                bool metByEvent = stop.MetByEvent;
                bool eventUndone = hit is not null && !metByEvent && vBeforeEvent is not null && hit is not ShortCircuitCondition && hit is not CurrentBelowCondition;
                if (eventUndone)
                {
                    shortNow = false;
                    contact = null;
                    standing = null;
                    _bridges.Restore(_bridgesSave);
                }
                // a step halved for the voltage no longer reaches the exhaustion of the metal
                if (exhausts && dt < exhaust - 1e-12) exhausts = false;
                // a cut-off or the compliance met on the way to the exhaustion comes first: it is located below
                // (the voltage diverges as the last metal goes, so the compliance is usually met just before)
                if (exhausts && hit is not null && !metByEvent) exhausts = false;
                if (exhausts && !_shorted && !eventUndone)
                {
                    if (hold is null) acc?.Add(Math.Abs(vLast), Math.Abs(v), dt, i, irFreeLast, Math.Abs(v - iCell * ElectrolyteAsr(k)));
                    _t += dt;
                    if (log.RecordsSeries) recording.Add(_t, Snapshot(i, v, cycle, stepIndex));
                    StepEngine.NoteSoftShorts(events, _bridges, contact, standingBefore, standing, vBridged, _t, cycle);
                    var side = i > 0 ? cell.Left : cell.Right;
                    log.Stop(_t, cycle, $"stopped: the metal of {side.Label} is used up at {_t / 3600:G5} h; the cell cannot carry the current", "metal_exhausted");
                    break;
                }

                // a hold's current limit is located as a cut-off is (decision 0049), unless an event of the step (a filament's
                // contact, a bridge) came with it: then the step ends at its end, the first point below the limit
                bool heldCrossing = hit is CurrentBelowCondition && vBeforeEvent is null && !shortNow;
                bool located = hit is not null && !metByEvent && hit is not ShortCircuitCondition && (hit is not CurrentBelowCondition || heldCrossing);
                if (located)
                {
                    // locate the crossing (StepControl.Locate: a cut-off to 1 mV and 10⁻⁴ of the step's time, a hold's current limit
                    // to 10⁻⁴ of the step's time, the compliance to 1 ms) and end the step there; the voltage written is the one computed at that moment
                    (hit, dt) = StepEngine.EndAtCrossing(this, hit!, dt, v, Probe(i, iCell, k, hold, until, stops, holdLimit), stops, complianceVolts, i, iCell,
                        hold is null && profile is null ? vLast : double.NaN, StepEngine.CrossingTimeTolerance(elapsed, dt, ts),
                        iStart: iBefore, iEnd: i, currentLimit: holdLimit);
                    stop = stop with { Hit = hit };
                    if (hold is { } vHeld)
                    {
                        // a hold cut at the crossing: the current that holds the voltage over the step's new length (backward Euler)
                        Restore(saveL, saveR, saveShort);
                        i = ImplicitHoldCurrent(vHeld, k, dt, saveL, saveR, saveShort);
                        iCell = IonicCurrent(i, k);
                        Advance(i, iCell, k, dt, out _);
                    }
                    if (profile is not null)
                    {
                        // a profile: the step cut at the crossing carries the profile's mean over its new length
                        Restore(saveL, saveR, saveShort);
                        i = profileScale * profile.MeanOver(elapsed, elapsed + dt);
                        iCell = IonicCurrent(i, k);
                        Advance(i, iCell, k, dt, out _);
                    }
                    (v, _) = Voltage(i, k);
                }

                // a hold: the current at the step's end (the one that holds the voltage after a bridge fused or dissolved)
                if (hold is not null && !eventUndone && !located) i = a.IEnd;
                // a current the cell cannot take even at its start (|V| beyond compliance at once) leaves no point
                if (StepEngine.Records(dt, stop, v))
                {
                    double irFree = Math.Abs(v - iCell * ElectrolyteAsr(k));
                    if (hold is null) acc?.Add(Math.Abs(vLast), Math.Abs(v), dt, i, irFreeLast, irFree);
                    irFreeLast = irFree;
                    _t += dt;
                    vLast = v;
                    if (log.RecordsSeries) recording.Add(_t, Snapshot(i, v, cycle, stepIndex));
                }
                StepEngine.NoteSoftShorts(events, _bridges, contact, standingBefore, standing, vBridged, _t, cycle);

                if (onset is null && (_l.Filament > saveL.Filament || _r.Filament > saveR.Filament))
                {
                    // the first time step in which a filament grew: plating met a layer's penetration criterion
                    var grower = _l.Filament > saveL.Filament ? cell.Left : cell.Right;
                    double? ramp = rampCurrent is { } rc0 ? (rc0.Unit == CurrentUnit.Absolute ? rc0.Value / cell.Area : rc0.Value) : null;
                    // located within the step (decision 0073): the longest advance from its start over which none grows, to 1 ms
                    double delay = OnsetLocation.Delay(tau => GrowsWithin(iCell, k, tau), dt);
                    onset = DendriteOnset.Record(t0 + delay, cycle, i, ramp, grower.Label, events);
                }
                if (shortNow)
                {
                    shortTime = _t; shortCycle = Math.Max(cycle, 1);
                    // the electrode whose filament made the contact (the other one's bridge may have been standing)
                    var side = _contactSide == 1 || _l.Filament < cell.SeparatorThickness ? cell.Right : cell.Left;
                    bool crept = ElectrodeSideDynamics.Intruded(cell.Left, _l) || ElectrodeSideDynamics.Intruded(cell.Right, _r);
                    events.Add(new SimulationEvent(_t, shortCycle.Value, "short_circuit", crept
                        ? $"short circuit: metal crept through the open pores of the {cell.SeparatorThickness * 1e6:G4} µm electrolyte under the stack pressure"
                        : $"short circuit: a metal filament from {side.Label} spans the {cell.SeparatorThickness * 1e6:G4} µm separator"));
                    if (rampCurrent is { } rc)
                        ccd = rc.Unit == CurrentUnit.Absolute ? rc.Value / cell.Area : rc.Value;
                }
                if (!contactWarned)
                {
                    // voids: a contact that started at ≥ 50 % fell below it
                    var lost = cell.Left.InitialContact >= 0.5 && _l.Phi < 0.5 ? cell.Left
                        : cell.Right.InitialContact >= 0.5 && _r.Phi < 0.5 ? cell.Right : null;
                    if (lost is not null)
                    {
                        contactWarned = true;
                        events.Add(new SimulationEvent(_t, cycle, "contact_loss", $"voids: the contact fraction of {lost.Label} fell below 50 %"));
                    }
                }
                ElectrodeSideDynamics.CheckDepletion(ref _l, cell.Left, events, _t, cycle);
                ElectrodeSideDynamics.CheckDepletion(ref _r, cell.Right, events, _t, cycle);

                if (hit is not null)
                {
                    if (hit == until) break; // ends this step only
                    if (hit is ShortCircuitCondition) log.Stop(_t, cycle, "stopped at the short circuit", StepControl.StopKind(hit));
                    else log.Stop(_t, cycle, hit, step);
                    break;
                }
                log.Progress(_t);
            }
            recording.EndStep();
        }
        BeforeStep?.Invoke(steps.Count + 1); // and the state the run ends in
        if (acc is not null) cycles.Add(acc.Finish(_t) with { Interrupted = log.Stopped });
        progress?.Report(1);

        return new SimulationResult(cell.Spec.Name, cell.Area, cell.TemperatureK, log.Series,
            cycles, events, shortTime.HasValue, shortTime, shortCycle, ccd, log.EndReason, spectra,
            SymmetricCellReport.Derived(cell), cell.Left.Amalgam is not null || cell.Right.Amalgam is not null,
            _c is not null, log.TimeSteps)
        {
            Warnings = [.. warnings, .. SpectrumFit.Warnings(spectra)], StopReason = log.StopReason, Onset = onset, Mechanisms = cell.Spec.Mechanisms,
            InterphaseCharge = (_l.QInterphase, _r.QInterphase),
            LeakageAsr = LeakageAsr() is var re && double.IsFinite(re) ? re : null,
            ElectrolyteThicknessM = cell.ElectrolyteThickness,
            SoftShorts = _bridges.Records,
            HasAmalgamZone = cell.Left.Zone is not null || cell.Right.Zone is not null,
        };
    }

    /// <summary>
    /// The probe StepControl.Locate bisects with (StepEngine.EndAtCrossing): from the saved state at the step's start,
    /// advanced by τ. In a hold (<paramref name="hold"/>, the set voltage) at the current that holds the voltage over τ
    /// (backward Euler, as its time steps), whose magnitude the hold's limit <paramref name="holdLimit"/> (A/m²) meets.
    /// A method of its own so that its closure is made only when a condition is met, not at every time step.
    /// </summary>
    Func<double, (bool Met, double V, double I)> Probe(double i, double iCell, StepConstants k, double? hold, Condition? until, IReadOnlyList<StopStep> stops,
        double holdLimit) => tau =>
    {
        Restore(_saveL, _saveR, _saveShort);
        if (hold is { } vHeld)
        {
            i = ImplicitHoldCurrent(vHeld, k, tau, _saveL, _saveR, _saveShort);
            iCell = IonicCurrent(i, k);
        }
        Advance(i, iCell, k, tau, out _);
        var (vm, _) = Voltage(i, k);
        return (StepControl.FirstMet(until, stops, vm, false, i, holdLimit) is not null, vm, i);
    };

    void IStepModel.RestoreStep() => Restore(_saveL, _saveR, _saveShort);

    bool IStepModel.Advance(double i, double iCell, double dt, out double dtShort) => Advance(i, iCell, _k, dt, out dtShort);

    double IStepModel.VoltageAt(double i) => Voltage(i, _k).v;

    double IStepModel.IonicCurrentAt(double i) => IonicCurrent(i, _k);

    bool IStepModel.MakesNewContact() => Crept() || NewContactSide() >= 0;

    SoftShort? IStepModel.Touch(double i, double t, int cycle, out int standingBefore)
    {
        standingBefore = _bridges.Bridges.Count;
        return Contact(i, _k, cycle, t);
    }

    bool IStepModel.IsShorted => _shorted;

    bool IStepModel.HasStandingBridges => Bridged;

    SoftShortBridges.Change IStepModel.StepBridges(double i, double v, double t, out SoftShort? ended)
    {
        (ended, var what) = _bridges.Step(i, _k.T, v, t, _filament ??= side => side == 0 ? _l.Filament : _r.Filament, _cut ??= Cut);
        if (what == SoftShortBridges.Change.HardShort) _shorted = true;
        return what;
    }

    // made once per run, not at every call
    Func<int, double>? _filament;
    Action<int, double>? _cut;

    double IStepModel.ImplicitHoldCurrent(double dt) => ImplicitHoldCurrent(_holdVolts, _k, dt, _saveL, _saveR, _saveShort);

    double IStepModel.HoldCurrentAt(double guess) => HoldCurrent(_holdVolts, _k);

    /// <summary>The current density (A/m²) at which the cell's voltage is <paramref name="volts"/> in its present state.</summary>
    double HoldCurrent(double volts, StepConstants k) => PotentiostaticHold.Current(volts, i => Voltage(i, k).v);

    /// <summary>
    /// The current density that gives <paramref name="volts"/> after advancing the saved state by dt at it
    /// (backward Euler of the hold: the salt gradient and the current are solved together, which an
    /// explicit current would make oscillate once dt exceeds the diffusion time). Leaves the saved state.
    /// </summary>
    double ImplicitHoldCurrent(double volts, StepConstants k, double dt, SideState l, SideState r, bool shorted)
    {
        double iHold = PotentiostaticHold.Current(volts, x =>
        {
            Restore(l, r, shorted);
            double ic = IonicCurrent(x, k);
            Advance(x, ic, k, dt, out _);
            return Voltage(x, k).v;
        });
        Restore(l, r, shorted);
        return iHold;
    }

    void Restore(SideState l, SideState r, bool shorted)
    {
        _l = l; _r = r; _shorted = shorted;
        _bridges.Restore(_bridgesSave);
        if (_c is not null) Array.Copy(_cSave!, _c, _c.Length);
    }

    void SetConstants(StepConstants k, double T)
    {
        var cell = _cell;
        if (k.T == T) return;
        k.T = T;
        k.REl = cell.ElectrolyteAsr(T);
        k.DSalt = cell.SaltDiffusivity?.Invoke(T) ?? 0;
        k.L.Set(cell.Left, T, cell.StackPressure);
        k.R.Set(cell.Right, T, cell.StackPressure);
    }

    // ------------------------------------------------------------------ state advance

    /// <summary>Seconds until the stripping electrode has no metal left (∞ when none strips or the cell is shorted).</summary>
    double TimeToExhaustion(double i)
    {
        if (i == 0 || _shorted) return double.PositiveInfinity;
        var (side, st) = i > 0 ? (_cell.Left, _l) : (_cell.Right, _r);
        return Math.Max(0, st.Metal) / (Math.Abs(i) * side.MetalProps.ThicknessPerCharge);
    }

    /// <summary>The salt profile after a change of current: the step at most a quarter of the time since it, τ/40 or 2 s, for 3 τ (decision 0042).</summary>
    static readonly DiffusionTransientStep SaltTransient = new(0.25, 1.0 / 40, 2, 3);

    /// <summary>The step proposal's components, registered for the run under way (<see cref="Proposals"/>).</summary>
    StepProposal[] _proposals = [];

    /// <summary>The step proposal's components of this run (for tests); empty before a run.</summary>
    internal IReadOnlyList<StepProposal> StepProposals => _proposals;

    /// <summary>
    /// The step proposal's components (decision 0054): each electrode's (IElectrodeStepProposal.Register: contact,
    /// nucleation, filament across the separator, amalgam film; electrode 1 strips at the ionic current i, electrode 2
    /// plates it) and the salt profile's transient when concentration polarisation is on.
    /// </summary>
    StepProposal[] Proposals(StepConstants k)
    {
        var cell = _cell;
        var list = new List<StepProposal>();
        IElectrodeStepProposal.Register(list, cell.Left, k.L, false, 1, "electrode 1", cell.SeparatorThickness, _opt.MaxContactChange);
        IElectrodeStepProposal.Register(list, cell.Right, k.R, true, -1, "electrode 2", cell.SeparatorThickness, _opt.MaxContactChange);
        // resolve the diffusion transient after every change of current
        if (_c is not null)
            list.Add(new CellProposal(SaltTransient, "salt transient", (_, elapsed) => SaltTransient.MaxStep(elapsed, cell.Concentration!.TimeConstant(k.DSalt))));
        return UnscaledProposal.Hold(list, _opt);
    }

    /// <summary>Time step suggested by how fast the state changes at the ionic current i (IonicCurrent): the shortest of the run's components.</summary>
    double SuggestDt(double i, double elapsed) => Suggest(_proposals, new StepView(in _l, in _r, i, elapsed));

    /// <summary>The proposal of the components <paramref name="proposals"/> in <paramref name="v"/> at this run's tolerance scale (SuggestDt's; tests pass one component).</summary>
    internal double Suggest(ReadOnlySpan<StepProposal> proposals, in StepView v) => StepProposal.Shortest(proposals, v, _opt.ToleranceScale);

    /// <summary>Advance both sides and the electrolyte by dt; returns true if a filament spans the separator (dtShort: when).</summary>
    bool Advance(double i, double iCell, StepConstants k, double dt, out double dtShort)
    {
        dtShort = dt;
        return AdvanceSides(ref _l, ref _r, _c, _shorted, iCell, k, dt, ref dtShort);
    }

    /// <summary>Advance the two electrodes l, r and the salt profile c (null: none simulated) by dt at ionic current iCell, in a cell shorted or not.</summary>
    bool AdvanceSides(ref SideState l, ref SideState r, double[]? c, bool shorted, double iCell, StepConstants k, double dt, ref double dtShort)
    {
        // the salt at the two faces before and after the step: where a nucleation spot runs out of salt (SandOnset)
        double l0 = double.NaN, r0 = double.NaN, l1 = double.NaN, r1 = double.NaN;
        if (c is not null) ((l0, r0), (l1, r1)) = _cell.Concentration!.AdvanceWithFaces(c, iCell, k.DSalt, dt);
        double room = ElectrodeSideDynamics.InterphaseRoom(_cell.Left, _cell.ElectrolyteThickness, ElectrodeSideDynamics.ElectrolyteConsumed(_cell.Right, r.L0));
        bool s1 = ElectrodeSideDynamics.Advance(_cell.Left, ref l, iCell, k.L, dt, _cell.SeparatorThickness, shorted, ref dtShort, l0, l1, room);
        room = ElectrodeSideDynamics.InterphaseRoom(_cell.Right, _cell.ElectrolyteThickness, ElectrodeSideDynamics.ElectrolyteConsumed(_cell.Left, l.L0));
        bool s2 = ElectrodeSideDynamics.Advance(_cell.Right, ref r, -iCell, k.R, dt, _cell.SeparatorThickness, shorted, ref dtShort, r0, r1, room);
        return !shorted && (s1 || s2);
    }

    /// <summary>
    /// Whether a filament grows over an advance of tau from the saved start of the time step at ionic current iCell (OnsetLocation):
    /// the saved electrodes and a copy of the saved salt profile advanced, the model's own state left as it is.
    /// </summary>
    bool GrowsWithin(double iCell, StepConstants k, double tau)
    {
        var l = _saveL; var r = _saveR;
        double[]? c = null;
        if (_cSave is not null) { c = _cProbe ??= new double[_cSave.Length]; Array.Copy(_cSave, c, c.Length); }
        double dtShort = tau;
        AdvanceSides(ref l, ref r, c, _saveShort, iCell, k, tau, ref dtShort);
        return l.Filament > _saveL.Filament || r.Filament > _saveR.Filament;
    }

    // the salt profile GrowsWithin advances (made once per run)
    double[]? _cProbe;

    // ------------------------------------------------------------------ soft shorts

    bool Crept() => ElectrodeSideDynamics.Intruded(_cell.Left, _l) || ElectrodeSideDynamics.Intruded(_cell.Right, _r);

    /// <summary>
    /// The electrode whose filament has just reached the counter electrode without a bridge of its own standing
    /// there (0: electrode 1, 1: electrode 2), or −1 when every filament at the counter electrode already bridges it.
    /// </summary>
    int NewContactSide()
    {
        double sep = _cell.SeparatorThickness;
        if (_l.Filament >= sep && !_bridges.StandsOn(0)) return 0;
        if (_r.Filament >= sep && !_bridges.StandsOn(1)) return 1;
        return -1;
    }

    /// <summary>
    /// A filament has just touched the counter electrode (docs/models.md §9, "Soft shorts"; SoftShortBridges.Contact):
    /// its bridge fuses at once, stands in parallel with the cell (with any standing already), or is the hard short
    /// (then _shorted is set and null returned). t is the moment of contact.
    /// </summary>
    SoftShort? Contact(double i, StepConstants k, int cycle, double t)
    {
        int side = _contactSide = Math.Max(0, NewContactSide());
        // across the bridge: the cell's voltage with it in parallel, or in a hold the voltage the instrument holds
        var soft = _bridges.Contact(side, (side == 0 ? _cell.Left : _cell.Right).Label, i, k.T, cycle, t, Crept(), () => _holding ? _holdVolts : Voltage(i, k).v, Cut, out bool hard);
        if (hard) _shorted = true;
        return soft;
    }

    /// <summary>A fused bridge leaves its filament at <paramref name="length"/> (the separator less the molten gap).</summary>
    void Cut(int side, double length)
    {
        ref var st = ref side == 0 ? ref _l : ref _r;
        st.Filament = length;
        st.FibreOwed = Math.Min(st.FibreOwed, st.Filament);
    }

    // ------------------------------------------------------------------ bookkeeping

    TimePoint Snapshot(double i, double v, int cycle, int stepIndex)
    {
        double ratioL = double.NaN, ratioR = double.NaN;
        if (_c is not null)
        {
            var cp = _cell.Concentration!;
            ratioL = cp.CellAt(_c, 0) / cp.InitialConcentration;
            ratioR = cp.CellAt(_c, ConcentrationPolarisation.Cells - 1) / cp.InitialConcentration;
        }
        return new TimePoint(_t, i, v, cycle, stepIndex, _shorted, ElectrodeSideDynamics.Snap(_cell.Left, _l), ElectrodeSideDynamics.Snap(_cell.Right, _r), ratioL, ratioR)
            { Bridged = Bridged };
    }

    /// <summary>
    /// A Plate/Strip step that follows a current profile (a drive cycle, <c>Plate with profile pulses.csv</c>): A/m² per
    /// profile unit, signed by the verb (a positive value plates electrode 1 in a Plate step and strips it in a Strip
    /// step; a negative one the other way), and the cycle's current density, the profile's time-mean |i| over the step.
    /// A symmetric cell takes a profile in mA/cm2 (A/m2) or mA (A); a step ends with its profile, a 'for' or a voltage.
    /// </summary>
    (double Scale, double MeanAbs) ProfileStep(CurrentStep cs, CurrentProfile prof)
    {
        double perUnit = prof.Unit switch
        {
            CurrentUnit.Density => 1,
            CurrentUnit.Absolute => 1 / _cell.Area,
            _ => throw new InputException($"'{cs.Text}': a symmetric cell's profile gives a current density ([mA/cm2], [A/m2]) or a current ([mA], [A]), not a C-rate or mA/g ({prof.File})", cs.Where),
        };
        if (cs.Until is CapacityCondition)
            throw new InputException($"'{cs.Text}': a profile step ends with its profile, 'for <time>' or a voltage, not a capacity (the profile may both plate and strip)", cs.Where);
        double duration = cs.DurationS ?? prof.DurationS;
        return ((cs.Kind == CurrentKind.Plate ? -1 : 1) * perUnit, perUnit * prof.AbsIntegral(duration) / duration);
    }

    double PlannedDuration(Step s, CurrentSpec? ramp) => s switch
    {
        RestStep r => r.DurationS,
        HoldStep h => h.DurationS ?? 3600,
        CurrentStep c => c.DurationS ?? (c.Capacity is { } cap && (c.Current ?? ramp) is { } cur && cur.Unit is CurrentUnit.Density or CurrentUnit.Absolute
            ? (cap.Unit == CurrentUnit.Absolute ? cap.Value / _cell.Area : cap.Value) / (cur.Unit == CurrentUnit.Absolute ? cur.Value / _cell.Area : cur.Value)
            : 3600),
        _ => 0,
    };

    sealed class CycleAccumulator(int cycle, double current, double start)
    {
        double _integral, _integralIr, _time, _max, _plated, _stripped;
        public bool HasBoth => _plated > 0 && _stripped > 0;

        public void Add(double vPrevAbs, double vAbs, double dt, double i, double irFreePrev, double irFree)
        {
            if (i == 0) return;
            _integral += 0.5 * (vPrevAbs + vAbs) * dt;
            _integralIr += 0.5 * (irFreePrev + irFree) * dt;
            _time += dt;
            // the step's start counts too: a protocol step's first point, at its new current (the nucleation spike at the
            // onset of plating), is the curve's maximum the step's end would only approach as the step shrinks (decision 0061)
            if (vAbs > _max) _max = vAbs;
            if (vPrevAbs > _max) _max = vPrevAbs;
            if (i < 0) _plated += -i * dt; else _stripped += i * dt;
        }

        public CycleStats Finish(double end) =>
            new(cycle, current, _time > 0 ? _integral / _time : double.NaN, _time > 0 ? _max : double.NaN, _time > 0 ? _integralIr / _time : double.NaN, start, end, _plated, _stripped);
    }

    internal SideSnapshotForImpedance SnapshotForImpedance() => new(_l.Phi, _l.L0, _l.L1, _l.Metal, _r.Phi, _r.L0, _r.L1, _r.Metal, _c?.ToArray())
    {
        FilamentL = _l.Filament, FilamentR = _r.Filament,
        FilamentAreaL = ElectrodeSideDynamics.FilamentArea(_cell.Left, _l), FilamentAreaR = ElectrodeSideDynamics.FilamentArea(_cell.Right, _r),
        ZoneL = _l.Zone, ZoneR = _r.Zone,
    };
}

internal readonly record struct SideSnapshotForImpedance(double PhiL, double L0L, double L1L, double MetalL, double PhiR, double L0R, double L1R, double MetalR, double[]? Conc)
{
    /// <summary>Filament lengths (m) and the area fractions their fronts cover, for FilamentConduction.</summary>
    public double FilamentL { get; init; }
    public double FilamentR { get; init; }
    public double FilamentAreaL { get; init; }
    public double FilamentAreaR { get; init; }
    /// <summary>Depths of the amalgams' infiltrated zones (m, AmalgamZone); 0 without one.</summary>
    public double ZoneL { get; init; }
    public double ZoneR { get; init; }
}
