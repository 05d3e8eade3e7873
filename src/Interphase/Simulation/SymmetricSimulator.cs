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
    /// <summary>Largest voltage change per time step before the step is halved (V).</summary>
    public double MaxVoltageChange { get; init; } = 0.005;
}

/// <summary>
/// Runs a protocol on a <see cref="SymmetricCell"/>. Each protocol step is galvanostatic (or open
/// circuit); within it the interface states advance with exact or semi-analytic updates (contact,
/// interphase, filament, metal, amalgam composition, salt profile) and the voltage is the algebraic
/// sum of the side overpotentials, the electrolyte's ohmic drop and the concentration overpotential.
/// Time steps adapt to how fast the state changes; events (short circuit, stop conditions) are
/// located inside a step. See docs/models.md for every equation.
/// </summary>
public sealed class SymmetricSimulator
{
    readonly SymmetricCell _cell;
    readonly SimulationOptions _opt;

    public SymmetricSimulator(SymmetricCell cell, SimulationOptions? options = null)
    {
        _cell = cell;
        _opt = options ?? new SimulationOptions();
    }

    /// <summary>Mutable interface state of one electrode.</summary>
    struct SideState
    {
        public double Phi, L0, L1, Filament, Metal, QPlated;
        /// <summary>Thickness of the liquid amalgam film at the electrolyte side (m).</summary>
        public double X;
        public bool Depleted;
    }

    /// <summary>Everything that is fixed during one protocol step (temperature-dependent values).</summary>
    sealed class StepConstants
    {
        public double T, REl, Resupply, Creep, DSalt;
        public ButlerVolmer[] BvL = [], BvR = [];
        public double[][] TolL = [], TolR = [];
    }

    SideState _l, _r;
    double[]? _c, _cSave;
    bool _shorted;
    double _t;

    // ------------------------------------------------------------------ voltage

    static double Psi(double metal, double asperity) => 1 - Math.Exp(-Math.Max(metal, 0) / asperity);

    double SideDrop(ElectrodeSide s, in SideState st, ButlerVolmer[] bv, double j, bool nucleation = true)
    {
        double a = Math.Max(st.Phi * Psi(st.Metal, s.Contact.AsperityHeight), ContactModel.MinimumContact);
        double drop;
        var paths = s.Paths;
        if (paths.Count == 1)
        {
            var p = paths[0];
            double rInt = p.Growth is null ? 0 : st.L0 / p.Growth.Conductivity;
            drop = bv[0].Overpotential(j / a) + j * (p.OhmicAsr + rInt / a);
        }
        else
        {
            drop = ParallelDrop(paths, bv, st, a, j);
        }
        if (j < 0 && nucleation)
        {
            var k = paths[0].Kinetics;
            drop -= NucleationOverpotential.At(k.NucleationOverpotentialV, st.QPlated, k.NucleationChargeCPerM2);
        }
        return drop;
    }

    /// <summary>Common drop η over parallel paths with Σ f_p·j_p(η) = j (Newton; each j_p(η) by inner Newton).</summary>
    static double ParallelDrop(IReadOnlyList<CurrentPath> paths, ButlerVolmer[] bv, in SideState st, double a, double j)
    {
        if (j == 0) return 0;
        double gsum = 0;
        for (int p = 0; p < paths.Count; p++)
            gsum += paths[p].AreaFraction / (bv[p].LinearResistance / a + PathSeries(paths[p], st, p, a));
        double eta = j / gsum;
        for (int it = 0; it < 30; it++)
        {
            double f = -j, df = 0;
            for (int p = 0; p < paths.Count; p++)
            {
                var (jp, dj) = PathCurrent(paths[p], bv[p], PathSeries(paths[p], st, p, a), a, eta);
                f += paths[p].AreaFraction * jp;
                df += paths[p].AreaFraction * dj;
            }
            double step = f / df;
            eta -= step;
            if (Math.Abs(step) < 1e-10 + 1e-9 * Math.Abs(eta)) break;
        }
        return eta;
    }

    static double PathSeries(CurrentPath p, in SideState st, int index, double a)
    {
        double l = index == 0 ? st.L0 : st.L1;
        return p.OhmicAsr + (p.Growth is null ? 0 : l / p.Growth.Conductivity / a);
    }

    /// <summary>Current density through a path at drop η: solves η = η_BV(x/a) + x·R.</summary>
    static (double j, double dj) PathCurrent(CurrentPath p, ButlerVolmer bv, double r, double a, double eta)
    {
        double x = eta / (bv.LinearResistance / a + r);
        for (int it = 0; it < 40; it++)
        {
            double etaCt = bv.Overpotential(x / a);
            double g = etaCt + x * r - eta;
            double dg = 1 / (a * bv.Conductance(etaCt)) + r;
            double step = g / dg;
            x -= step;
            if (Math.Abs(step) < 1e-12 + 1e-10 * Math.Abs(x)) break;
        }
        double dEta = bv.Overpotential(x / a);
        return (x, 1 / (1 / (a * bv.Conductance(dEta)) + r));
    }

    double ConcentrationVoltage(double i, double dSalt, double T)
    {
        if (_c is null) return 0;
        var cp = _cell.Concentration!;
        var (cl, cr) = cp.FaceConcentrations(_c, i, dSalt);
        return cp.Overpotential(cl, cr, T);
    }

    /// <summary>Cell voltage φ1 − φ2 when current density i flows (positive: electrode 1 strips).</summary>
    double IntactVoltage(double i, StepConstants k, bool nucleation = true) =>
        SideDrop(_cell.Left, _l, k.BvL, i, nucleation) - SideDrop(_cell.Right, _r, k.BvR, -i, nucleation) + i * k.REl + ConcentrationVoltage(i, k.DSalt, k.T);

    /// <summary>
    /// Voltage and the current through the cell's ionic path (all of i unless shorted). After a short
    /// the metallic path R_sh carries the current in parallel with the cell's small-signal
    /// resistance: the few-mV voltage across R_sh is far below any nucleation barrier, so the ionic
    /// share is i·R_sh/(R_sh + R_cell).
    /// </summary>
    (double v, double iCell) Voltage(double i, StepConstants k)
    {
        if (!_shorted) return (IntactVoltage(i, k), i);
        double rsh = _cell.ShortCircuitAsr;
        const double h = 1e-3; // A/m²
        double v0 = IntactVoltage(0, k, nucleation: false);
        double rCell = Math.Max((IntactVoltage(h, k, false) - IntactVoltage(-h, k, false)) / (2 * h), 1e-12);
        double ic = (i * rsh - v0) / (rsh + rCell);
        return ((i - ic) * rsh, ic);
    }

    // ------------------------------------------------------------------ run

    public SimulationResult Run(Protocol protocol, IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        var cell = _cell;
        _l = Initial(cell.Left);
        _r = Initial(cell.Right);
        _c = cell.Concentration?.NewProfile();
        _cSave = _c is null ? null : new double[_c.Length];
        _shorted = false;
        _t = 0;

        var series = new List<TimePoint>(_opt.RecordSeries ? 4096 : 0);
        var cycles = new List<CycleStats>();
        var events = new List<SimulationEvent>();
        var spectra = new List<SimulatedSpectrum>();
        double? shortTime = null, ccd = null;
        int? shortCycle = null;
        string endReason = "protocol completed";
        int totalSteps = 0;

        var steps = protocol.Flatten().ToList();
        double planned = steps.Sum(s => PlannedDuration(s.step, s.rampCurrent));
        double lastProgress = -1;

        CurrentKind? firstKind = null, prevKind = null;
        int cycle = 0;
        CycleAccumulator? acc = null;
        bool contactWarned = false;
        bool stopRun = false;
        int stepIndex = 0;
        double vLast = 0;

        var k = new StepConstants();
        SetConstants(k, cell.TemperatureK);
        if (_opt.RecordSeries) series.Add(Snapshot(0, 0, 0, 0));

        foreach (var (step, rampCurrent, _) in steps)
        {
            if (stopRun) break;
            stepIndex++;
            cancel.ThrowIfCancellationRequested();
            switch (step)
            {
                case MeasureEisStep eis:
                    spectra.Add(SymmetricImpedance.Spectrum(cell, SnapshotForImpedance(), k.T, eis, spectra.Count + 1, Math.Max(0, cycle - (acc is { HasBoth: true } ? 0 : 1)), _t, _shorted));
                    continue;
                case HoldStep h:
                    throw new InputException($"'{h.Text}' holds a voltage, which a symmetric cell cannot do; use Plate/Strip steps", h.Where);
            }

            double i = 0, duration, capacity = double.PositiveInfinity;
            Condition? until = null;
            double? stepT = null;
            switch (step)
            {
                case RestStep rest:
                    duration = rest.DurationS;
                    stepT = rest.TemperatureK;
                    break;
                case CurrentStep cs:
                {
                    if (cs.Kind is CurrentKind.Charge or CurrentKind.Discharge)
                        throw new InputException($"'{cs.Text}': Charge/Discharge are full-cell steps; a symmetric cell uses Plate and Strip", cs.Where);
                    var spec = cs.Current ?? rampCurrent ?? throw new InputException($"'{cs.Text}' has no current: add 'at 0.2 mA/cm2' or put it inside a Ramp", cs.Where);
                    double mag = spec.Unit switch
                    {
                        CurrentUnit.Density => spec.Value,
                        CurrentUnit.Absolute => spec.Value / cell.Area,
                        _ => throw new InputException($"'{cs.Text}': a symmetric cell takes a current density (mA/cm2) or a current (mA), not a C-rate or mA/g", cs.Where),
                    };
                    i = cs.Kind == CurrentKind.Plate ? -mag : mag;
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
                default:
                    throw new InvalidOperationException($"unexpected step {step.GetType().Name}");
            }
            SetConstants(k, stepT ?? cell.TemperatureK);

            // ---- integrate this step
            double tStart = _t, tEnd = _t + duration;
            double dtOut = Math.Max(1.0, duration / _opt.PointsPerStep);
            var (v0, ic0) = Voltage(i, k);
            vLast = v0;
            double iCellLast = ic0;
            bool first = true;
            while (_t < tEnd - 1e-9)
            {
                totalSteps++;
                double elapsed = _t - tStart;
                double dt = Math.Min(tEnd - _t, dtOut);
                dt = Math.Min(dt, SuggestDt(i, k, elapsed));
                // a stripping electrode cannot give more metal than it has
                double exhaust = TimeToExhaustion(i);
                bool exhausts = exhaust <= dt;
                if (exhausts) dt = Math.Max(exhaust, 1e-6);
                if (first) { dt = Math.Min(dt, Math.Max(1.0, duration / 200)); first = false; }

                var saveL = _l; var saveR = _r; var saveShort = _shorted;
                if (_c is not null) Array.Copy(_c, _cSave!, _c.Length);

                double v = 0, iCell = i;
                bool shortNow = false;
                for (int attempt = 0; attempt < 30; attempt++)
                {
                    (_, iCell) = Voltage(i, k);
                    shortNow = Advance(i, iCell, k, dt, out double dtShort);
                    if (shortNow)
                    {
                        // re-advance to the moment the filament spans the separator
                        Restore(saveL, saveR, saveShort);
                        dt = Math.Max(dtShort, 1e-3);
                        Advance(i, iCell, k, dt, out _);
                        _shorted = true;
                    }
                    (v, _) = Voltage(i, k);
                    if (!shortNow && Math.Abs(v - vLast) > Math.Max(_opt.MaxVoltageChange, 0.05 * Math.Abs(vLast)) && dt > 1.0)
                    {
                        Restore(saveL, saveR, saveShort);
                        dt *= 0.5;
                        continue;
                    }
                    break;
                }

                if (exhausts && !_shorted)
                {
                    acc?.Add(Math.Abs(vLast), Math.Abs(v), dt, i, Math.Abs(vLast - iCellLast * k.REl), Math.Abs(v - iCell * k.REl));
                    _t += dt;
                    if (_opt.RecordSeries) series.Add(Snapshot(i, v, cycle, stepIndex));
                    var side = i > 0 ? cell.Left : cell.Right;
                    endReason = $"stopped: the metal of {side.Label} is used up at {_t / 3600:G5} h; the cell cannot carry the current";
                    events.Add(new SimulationEvent(_t, cycle, "stop", endReason));
                    stopRun = true;
                    break;
                }

                // stop conditions (step 'until' and global 'Stop if')
                var hit = FirstMet(until, protocol.StopConditions, v, shortNow);
                if (hit is not null && hit is not ShortCircuitCondition && dt > 1.0)
                {
                    // bisect for the crossing time
                    double lo = 0, hi = dt;
                    for (int b = 0; b < 14 && hi - lo > 0.5; b++)
                    {
                        double mid = 0.5 * (lo + hi);
                        Restore(saveL, saveR, saveShort);
                        Advance(i, iCell, k, mid, out _);
                        var (vm, _) = Voltage(i, k);
                        if (FirstMet(until, protocol.StopConditions, vm, false) is not null) hi = mid; else lo = mid;
                    }
                    Restore(saveL, saveR, saveShort);
                    Advance(i, iCell, k, hi, out _);
                    dt = hi;
                    (v, _) = Voltage(i, k);
                }

                acc?.Add(Math.Abs(vLast), Math.Abs(v), dt, i, Math.Abs(vLast - iCellLast * k.REl), Math.Abs(v - iCell * k.REl));
                iCellLast = iCell;
                _t += dt;
                vLast = v;
                if (_opt.RecordSeries) series.Add(Snapshot(i, v, cycle, stepIndex));

                if (shortNow)
                {
                    shortTime = _t; shortCycle = Math.Max(cycle, 1);
                    var side = _l.Filament >= cell.SeparatorThickness ? cell.Left : cell.Right;
                    events.Add(new SimulationEvent(_t, shortCycle.Value, "short_circuit",
                        $"short circuit: a metal filament from {side.Label} spans the {cell.SeparatorThickness * 1e6:G4} µm separator"));
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
                CheckDepletion(ref _l, cell.Left, events, cycle);
                CheckDepletion(ref _r, cell.Right, events, cycle);

                if (hit is not null)
                {
                    if (hit == until) break; // ends this step only
                    endReason = hit is ShortCircuitCondition ? "stopped at the short circuit" : $"stopped: {hit.Text} at {_t / 3600:G5} h";
                    events.Add(new SimulationEvent(_t, cycle, "stop", endReason));
                    stopRun = true;
                    break;
                }
                if (progress is not null && planned > 0)
                {
                    double f = Math.Min(1, _t / planned);
                    if (f - lastProgress >= 0.005) { progress.Report(f); lastProgress = f; }
                }
            }
        }
        if (acc is not null) cycles.Add(acc.Finish(_t));
        progress?.Report(1);

        var complete = cycles.Where(c => c.ChargePlated > 0 && c.ChargeStripped > 0).ToList();
        return new SimulationResult(cell.Spec.Name, cell.Area, cell.TemperatureK, series,
            complete.Count > 0 ? complete : cycles, events, shortTime.HasValue, shortTime, shortCycle, ccd, endReason, spectra,
            SymmetricCellReport.Derived(cell), cell.Left.Amalgam is not null || cell.Right.Amalgam is not null,
            _c is not null, totalSteps);
    }

    static Condition? FirstMet(Condition? until, IReadOnlyList<StopStep> stops, double v, bool shortNow)
    {
        if (until is VoltageCondition uv && uv.IsMet(v)) return until;
        if (until is ShortCircuitCondition && shortNow) return until;
        foreach (var s in stops)
        {
            if (s.Condition is VoltageCondition vc && vc.IsMet(v)) return vc;
            if (s.Condition is ShortCircuitCondition && shortNow) return s.Condition;
        }
        return null;
    }

    void Restore(SideState l, SideState r, bool shorted)
    {
        _l = l; _r = r; _shorted = shorted;
        if (_c is not null) Array.Copy(_cSave!, _c, _c.Length);
    }

    void CheckDepletion(ref SideState s, ElectrodeSide side, List<SimulationEvent> events, int cycle)
    {
        if (!s.Depleted && s.Metal < side.Contact.AsperityHeight)
        {
            s.Depleted = true;
            events.Add(new SimulationEvent(_t, cycle, "metal_depleted", $"{side.Label}: the metal foil is used up (< {side.Contact.AsperityHeight * 1e6:G3} µm left)"));
        }
    }

    SideState Initial(ElectrodeSide s) => new()
    {
        Phi = s.Amalgam is null ? s.InitialContact : Math.Min(s.InitialContact, 1),
        L0 = s.Paths[0].Growth?.InitialThicknessM ?? 0,
        L1 = s.Paths.Count > 1 ? s.Paths[1].Growth?.InitialThicknessM ?? 0 : 0,
        Metal = s.MetalThickness,
        X = 0, // liquid amalgam film thickness (m)
    };

    void SetConstants(StepConstants k, double T)
    {
        var cell = _cell;
        if (k.T == T && k.BvL.Length > 0) return;
        k.T = T;
        k.REl = cell.ElectrolyteAsr(T);
        k.Resupply = cell.Left.Contact.ResupplyCurrent(T, cell.StackPressure);
        k.Creep = cell.Left.Contact.CreepRecoveryRate(T, cell.StackPressure);
        k.DSalt = cell.SaltDiffusivity?.Invoke(T) ?? 0;
        k.BvL = cell.Left.Paths.Select(p => p.Kinetics.At(T)).ToArray();
        k.BvR = cell.Right.Paths.Select(p => p.Kinetics.At(T)).ToArray();
        k.TolL = Tolerances(cell.Left, k.BvL, T);
        k.TolR = Tolerances(cell.Right, k.BvR, T);
    }

    static double[][] Tolerances(ElectrodeSide s, ButlerVolmer[] bv, double T) =>
        s.Paths.Select((p, i) => p.Segments.Select(seg => seg.criterion.TolerableCurrent(bv[i], T)).ToArray()).ToArray();

    // ------------------------------------------------------------------ state advance

    /// <summary>Seconds until the stripping electrode has no metal left (∞ when none strips or the cell is shorted).</summary>
    double TimeToExhaustion(double i)
    {
        if (i == 0 || _shorted) return double.PositiveInfinity;
        var (side, st) = i > 0 ? (_cell.Left, _l) : (_cell.Right, _r);
        return Math.Max(0, st.Metal) / (Math.Abs(i) * side.MetalProps.ThicknessPerCharge);
    }

    /// <summary>Time step suggested by how fast the state changes.</summary>
    double SuggestDt(double i, StepConstants k, double elapsed)
    {
        double dt = double.PositiveInfinity;
        dt = Math.Min(dt, SideDt(_cell.Left, _l, i, k, k.BvL, k.TolL));
        dt = Math.Min(dt, SideDt(_cell.Right, _r, -i, k, k.BvR, k.TolR));
        if (_c is not null)
        {
            double tau = _cell.Concentration!.TimeConstant(k.DSalt);
            // resolve the diffusion transient after every change of current
            if (elapsed < 3 * tau) dt = Math.Min(dt, Math.Max(2.0, Math.Max(0.25 * elapsed, tau / 40)));
        }
        return Math.Max(dt, 0.05);
    }

    double SideDt(ElectrodeSide s, in SideState st, double j, StepConstants k, ButlerVolmer[] bv, double[][] tol)
    {
        double dt = double.PositiveInfinity;
        // contact
        var (loss, rec, flow, wet) = ContactRates(s, st, j, k);
        double dphi = Math.Abs(-loss * st.Phi + rec * (1 - st.Phi) + flow * (wet - st.Phi));
        if (dphi > 1e-12) dt = Math.Min(dt, _opt.MaxContactChange / dphi);
        // nucleation spike at the start of plating
        if (j < 0)
        {
            var kin = s.Paths[0].Kinetics;
            if (kin.NucleationOverpotentialV > 0 && st.QPlated < 6 * kin.NucleationChargeCPerM2)
                dt = Math.Min(dt, 0.5 * kin.NucleationChargeCPerM2 / -j);
            double v = FilamentVelocity(s, st, -j, bv, tol);
            if (v > 0) dt = Math.Min(dt, 0.02 * _cell.SeparatorThickness / v);
        }
        // amalgam liquid film: resolve its appearance and disappearance
        if (s.Amalgam is { } am && j != 0)
        {
            double s1 = am.AdvanceLiquid(st.X, j, s.AmalgamThickness, 1.0);
            double rate = Math.Abs(s1 - st.X);
            if (rate > 1e-15) dt = Math.Min(dt, 0.02 * s.AmalgamThickness / rate);
        }
        return dt;
    }

    /// <summary>(loss A, recovery B, flow rate r, wetted contact φ_w) for dφ/dt = −Aφ + B(1 − φ) + r(φ_w − φ).</summary>
    (double loss, double rec, double flow, double wet) ContactRates(ElectrodeSide s, in SideState st, double j, StepConstants k)
    {
        var cm = s.Contact;
        double resupply = k.Resupply;
        double flow = 0, wet = 0;
        if (s.Amalgam is { } am)
        {
            flow = am.FlowRate(st.X, cm.AsperityHeight);
            wet = am.WettedContact(am.SurfaceComposition(st.X));
        }
        // stripping an amalgam changes its composition instead of opening voids
        double loss = j > 0 && s.Amalgam is null ? cm.LossRate(j, resupply) : 0;
        double rec = k.Creep + s.ConformalRate + (j < 0 ? cm.PlatingRefillRate(-j) : 0);
        return (loss, rec, flow, wet);
    }

    double FilamentVelocity(ElectrodeSide s, in SideState st, double plate, ButlerVolmer[] bv, double[][] tol)
    {
        if (plate <= 0) return 0;
        double a = Math.Max(st.Phi * Psi(st.Metal, s.Contact.AsperityHeight), ContactModel.MinimumContact);
        double best = 0;
        for (int p = 0; p < s.Paths.Count; p++)
        {
            var path = s.Paths[p];
            // which layer the tip is in
            double pos = st.Filament, acc = 0;
            int seg = 0;
            while (seg < path.Segments.Count - 1 && pos >= acc + path.Segments[seg].thickness) { acc += path.Segments[seg].thickness; seg++; }
            double local = FilamentGrowth.LocalCurrent(plate, a, path.Kinetics.NucleationSiteFraction);
            double v = FilamentGrowth.Velocity(local, tol[p][seg], s.MetalProps.ThicknessPerCharge, path.Segments[seg].criterion.Amplification);
            if (v > best) best = v;
        }
        return best;
    }

    /// <summary>Advance both sides and the electrolyte by dt; returns true if a filament spans the separator (dtShort: when).</summary>
    bool Advance(double i, double iCell, StepConstants k, double dt, out double dtShort)
    {
        dtShort = dt;
        bool s1 = AdvanceSide(_cell.Left, ref _l, iCell, k, k.BvL, k.TolL, dt, ref dtShort);
        bool s2 = AdvanceSide(_cell.Right, ref _r, -iCell, k, k.BvR, k.TolR, dt, ref dtShort);
        if (_c is not null) _cell.Concentration!.Advance(_c, iCell, k.DSalt, dt);
        return !_shorted && (s1 || s2);
    }

    bool AdvanceSide(ElectrodeSide s, ref SideState st, double j, StepConstants k, ButlerVolmer[] bv, double[][] tol, double dt, ref double dtShort)
    {
        // contact: dφ/dt = −Aφ + B(1 − φ) + r(φ_w − φ), exact for constant coefficients
        var (loss, rec, flow, wet) = ContactRates(s, st, j, k);
        double kk = loss + rec + flow;
        if (kk > 0)
        {
            double eq = (rec + flow * wet) / kk;
            st.Phi = Math.Clamp(eq + (st.Phi - eq) * Math.Exp(-kk * dt), ContactModel.MinimumContact, 1);
        }
        // interphase on each path (driving force lowered on a low-activity amalgam surface)
        double drive = 1;
        if (s.Amalgam is { } am) drive = Math.Exp(-0.5 * Si.Faraday * am.SurfacePotential(am.SurfaceComposition(st.X), k.T) / (Si.GasConstant * k.T));
        if (s.Paths[0].Growth is { } g0) st.L0 = g0.Advance(st.L0, dt, k.T, drive);
        if (s.Paths.Count > 1 && s.Paths[1].Growth is { } g1) st.L1 = g1.Advance(st.L1, dt, k.T, drive);
        // filament (plating only)
        bool shorted = false;
        if (j < 0 && !_shorted)
        {
            double v = FilamentVelocity(s, st, -j, bv, tol);
            if (v > 0)
            {
                double remaining = _cell.SeparatorThickness - st.Filament;
                if (v * dt >= remaining)
                {
                    dtShort = Math.Min(dtShort, remaining / v);
                    st.Filament = _cell.SeparatorThickness;
                    shorted = true;
                }
                else st.Filament += v * dt;
            }
        }
        // a mixed-conducting interphase that spans the electrolyte shorts it electronically
        if (!_shorted && s.Paths[0].Growth is { MixedConducting: true } && st.L0 >= _cell.SeparatorThickness) shorted = true;
        // metal and nucleation charge
        st.Metal -= j * s.MetalProps.ThicknessPerCharge * dt;
        if (j < 0) st.QPlated += -j * dt; else if (j > 0) st.QPlated = 0;
        if (s.Amalgam is { } a2) st.X = a2.AdvanceLiquid(st.X, j, s.AmalgamThickness, dt);
        return shorted;
    }

    // ------------------------------------------------------------------ bookkeeping

    TimePoint Snapshot(double i, double v, int cycle, int stepIndex)
    {
        double ratioL = double.NaN, ratioR = double.NaN;
        if (_c is not null)
        {
            var cp = _cell.Concentration!;
            ratioL = _c[0] / cp.InitialConcentration;
            ratioR = _c[^1] / cp.InitialConcentration;
        }
        return new TimePoint(_t, i, v, cycle, stepIndex, _shorted, Snap(_cell.Left, _l), Snap(_cell.Right, _r), ratioL, ratioR);
    }

    static InterfaceSnapshot Snap(ElectrodeSide s, in SideState st)
    {
        double l = s.Paths.Count == 1 ? st.L0 : s.Paths[0].AreaFraction * st.L0 + s.Paths[1].AreaFraction * st.L1;
        return new InterfaceSnapshot(st.Phi, l, st.Filament, st.Metal,
            s.Amalgam is null ? double.NaN : s.Amalgam.SurfaceComposition(st.X),
            s.Amalgam is null ? double.NaN : st.X / s.AmalgamThickness);
    }

    double PlannedDuration(Step s, CurrentSpec? ramp) => s switch
    {
        RestStep r => r.DurationS,
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
            if (vAbs > _max) _max = vAbs;
            if (i < 0) _plated += -i * dt; else _stripped += i * dt;
        }

        public CycleStats Finish(double end) =>
            new(cycle, current, _time > 0 ? _integral / _time : 0, _max, _time > 0 ? _integralIr / _time : 0, start, end, _plated, _stripped);
    }

    internal SideSnapshotForImpedance SnapshotForImpedance() => new(_l.Phi, _l.L0, _l.L1, _l.Metal, _r.Phi, _r.L0, _r.L1, _r.Metal, _c?.ToArray());
}

internal readonly record struct SideSnapshotForImpedance(double PhiL, double L0L, double L1L, double MetalL, double PhiR, double L0R, double L1R, double MetalR, double[]? Conc);
