using Interphase.Protocols;

namespace Interphase.Simulation;

/// <summary>
/// One point of a sweep: time (s), cell voltage (V), working-electrode potential vs the metal (V), current
/// density (A/m², anodic at the working electrode positive); with a layer grown in the cell also its
/// polymerisation current (A/m²), mean thickness (m), coverage and the working interface's ASR (Ω m²); with the
/// electrolyte's reduction (§16.4) its current (A/m², negative) and the charge it has passed (C/m²).
/// </summary>
public readonly record struct SweepPoint(double TimeS, double Voltage, double WorkingPotential, double CurrentDensity, int Segment, int Cycle,
    double PolymerisationCurrent = 0, double LayerThicknessM = 0, double Coverage = 0, double InterfaceAsr = 0,
    double ReductionCurrent = 0, double ReductionCharge = 0);

/// <summary>The grown layer at the end of a CV cycle (or of the run): its charge (C/m²), thickness (m), coverage and interface ASR (Ω m², at the cell temperature).</summary>
public sealed record FormationRow(int Cycle, double TimeS, double ChargeCPerM2, double ThicknessM, double Coverage, double InterfaceAsr, double MonomerConsumedFraction);

/// <summary>What a layer grown in the cell did over the run (docs/models.md §16.1).</summary>
public sealed record FormationResult(Models.Electropolymerisation Growth, double ChargeCPerM2, double MassKgPerM2, double ThicknessM, double Coverage,
    double MonomerConsumedFraction, double InitialInterfaceAsr, double FinalInterfaceAsr, IReadOnlyList<FormationRow> Cycles);

/// <summary>A sweep run: its points, the metal left plated on the working electrode, warnings; spectra, events and the formation of a grown layer.</summary>
public sealed record SweepResult(string CellName, double AreaM2, double TemperatureK, IReadOnlyList<SweepPoint> Series, IReadOnlyList<string> Warnings, double PlatedChargeCPerM2)
{
    public IReadOnlyList<SimulatedSpectrum> Spectra { get; init; } = [];
    public IReadOnlyList<SimulationEvent> Events { get; init; } = [];
    public FormationResult? Formation { get; init; }
    /// <summary>The charge of the electrolyte's reduction on the working electrode over the run (C/m², §16.4).</summary>
    public double ReductionChargeCPerM2 { get; init; }
}

/// <summary>
/// Linear and cyclic voltammetry of a <see cref="BlockingCell"/> (docs/models.md §16). The cell voltage
/// follows the protocol; the working electrode's potential E and the current solve, by backward Euler,
/// <code>
/// i = C_dl·dE/dt + i_ox(E) + i_red(E, q) + i_M(E, Q) + i_p(E, c_s),     V = E + i·(R_el + R_we(θ)) + η_counter(i)
/// i_ox = i_ox,0·exp((E − E_ox)/b)            the electrolyte oxidised above its limit E_ox
/// i_red = −i_r0·exp((E_red − E)/b_r)·(1 − q/q_m)   the electrolyte reduced below E_red until its film closes (§16.4)
/// i_M  = i_BV(E) for E &lt; 0 (the metal plates) or while plated metal Q &gt; 0 is left to strip
/// i_p  = the electropolymerisation of a layer grown in the cell (§16.1), 0 without one
/// </code>
/// with the counter's Butler–Volmer overpotential η_counter and the working interface's resistance
/// R_we (the coverage θ of the grown layer taken from the start of the step). V is increasing in E, so
/// each step is a bisection in E. A voltage step of at most 1 mV (or 1/500 of the sweep) sets the time
/// step. <c>Measure EIS</c> records the spectrum of the cell in its state (§16.1).
/// </summary>
public sealed class SweepSimulator
{
    readonly BlockingCell _cell;
    readonly Models.Electropolymerisation? _g;
    readonly Models.MonomerProfile? _monomer;
    public SweepSimulator(BlockingCell cell)
    {
        _cell = cell;
        _g = cell.Growth;
        if (_g is not null) _monomer = new Models.MonomerProfile(_g.MonomerConcentration, cell.ElectrolyteThickness);
    }

    /// <summary>Largest voltage change per time step (V).</summary>
    public const double MaxVoltageStep = 1e-3;

    double _e, _q, _t, _v, _qPoly, _iPoly, _qRed, _iRed;
    readonly List<SimulatedSpectrum> _spectra = [];
    readonly List<SimulationEvent> _events = [];
    readonly List<FormationRow> _rows = [];
    int _cycle;
    bool _onsetSeen;
    readonly HashSet<double> _coverageMarks = [];

    double Thickness => _g?.Thickness(_qPoly) ?? 0;
    double Coverage => _g?.Coverage(Thickness) ?? 0;
    double WeAsr(double T) => _cell.WorkingInterfaceAsr(Thickness, T);

    public SweepResult Run(Protocol protocol, IProgress<double>? progress = null)
    {
        var warnings = _cell.WarningsFor(protocol);
        var steps = protocol.Flatten().Select(s => s.step).ToList();
        if (protocol.StopConditions.Count > 0)
            throw new InputException($"'{protocol.StopConditions[0].Text}': a sweep runs to its end; stop conditions are for galvanostatic steps", protocol.StopConditions[0].Where);
        var first = steps.FirstOrDefault(s => s is SweepStep or CyclicSweepStep or CurrentStep)
            ?? throw new InputException("a blocking cell's protocol needs a Sweep, Cycle or galvanostatic step ('Sweep from 3 V to 5.5 V at 0.1 mV/s', 'Charge at 10 uA/cm2 for 1 h')", new SourceLocation(protocol.Source));
        foreach (var c in steps.OfType<CurrentStep>()) CheckCurrentStep(c);
        // the cell starts at rest at the first sweep's starting voltage (a cyclic sweep's upper vertex);
        // before a galvanostatic step, at the cell's open circuit, taken as the working electrode's onset of nothing: its double layer at 3 V
        _v = first switch { SweepStep s0 => s0.FromV, CyclicSweepStep c0 => c0.HighV, _ => OpenCircuitVoltage };
        _e = _v; _q = 0; _t = 0;
        double T = _cell.TemperatureK;
        var series = new List<SweepPoint> { Point(0, T) };
        double initialAsr = WeAsr(T);
        if (_g is not null) _rows.Add(Row(T));
        int segment = 0;
        double total = steps.Sum(Duration), done = 0;
        foreach (var step in steps)
        {
            switch (step)
            {
                case SweepStep sw:
                    if (Math.Abs(sw.FromV - _v) > 1e-9) Ramp(_v, sw.FromV, sw.RateVPerS, ++segment, series, T);
                    Ramp(sw.FromV, sw.ToV, sw.RateVPerS, ++segment, series, T);
                    if (_g is not null) _rows.Add(Row(T));
                    break;
                case CyclicSweepStep cv:
                    for (int n = 0; n < cv.Count; n++)
                    {
                        _cycle++;
                        // from where the cell is to the nearer vertex, then to the other, and back
                        bool downFirst = Math.Abs(_v - cv.HighV) <= Math.Abs(_v - cv.LowV);
                        double a = downFirst ? cv.LowV : cv.HighV, b = downFirst ? cv.HighV : cv.LowV;
                        Ramp(_v, a, cv.RateVPerS, ++segment, series, T);
                        Ramp(a, b, cv.RateVPerS, ++segment, series, T);
                        if (_g is not null) _rows.Add(Row(T));
                        progress?.Report(Math.Min(1, (done + (n + 1) * 2 * (cv.HighV - cv.LowV) / cv.RateVPerS) / total));
                    }
                    break;
                case RestStep rest:
                    Rest(rest.DurationS, series, segment, T);
                    break;
                case CurrentStep cs:
                    if (cs.Kind == CurrentKind.Charge) _cycle++;
                    Galvanostatic(cs, series, ++segment, T);
                    if (_g is not null) _rows.Add(Row(T));
                    break;
                case MeasureEisStep eis:
                    foreach (var te in eis.TemperaturesK.Count > 0 ? eis.TemperaturesK : [T])
                        _spectra.Add(Spectrum(eis, te) with { TemperatureK = eis.TemperaturesK.Count > 0 ? te : null });
                    break;
                default:
                    throw new InputException($"'{step.Text}': a blocking cell takes Sweep, Cycle, Charge, Discharge, Rest and Measure EIS steps", step.Where);
            }
            done += Duration(step);
            progress?.Report(total > 0 ? Math.Min(1, done / total) : 1);
        }
        FormationResult? formation = null;
        if (_g is not null)
        {
            if (_rows.Count == 0 || _rows[^1].TimeS < _t) _rows.Add(Row(T));
            formation = new FormationResult(_g, _qPoly, _g.MassPerArea(_qPoly), Thickness, Coverage, Consumed, initialAsr, WeAsr(T), _rows);
        }
        return new SweepResult(_cell.Spec.Name, _cell.Area, _cell.TemperatureK, series, warnings, _q)
        {
            Spectra = _spectra, Events = _events, Formation = formation, ReductionChargeCPerM2 = _qRed,
        };
    }

    double Consumed => _monomer is null ? 0 : 1 - _monomer.Left / _monomer.Initial;

    FormationRow Row(double T) => new(_cycle, _t, _qPoly, Thickness, Coverage, WeAsr(T), Consumed);

    SweepPoint Point(int segment, double T) =>
        new(_t, _v, _e, 0, segment, _cycle, _iPoly, Thickness, Coverage, WeAsr(T), _iRed, _qRed);

    /// <summary>
    /// Open-circuit voltage of a blocking cell before a galvanostatic step (V): the working electrode's
    /// potential is set by its double layer alone, which the model takes as uncharged at 3 V vs the metal
    /// (an assumption: a real cell's rest potential depends on the steel's surface; docs/models.md §16.1).
    /// </summary>
    public const double OpenCircuitVoltage = 3.0;

    static void CheckCurrentStep(CurrentStep c)
    {
        if (c.Current is not { } cur || cur.Unit is not (CurrentUnit.Density or CurrentUnit.Absolute))
            throw new InputException($"'{c.Text}': a blocking cell's galvanostatic step takes a current density or a current ('Charge at 10 uA/cm2 for 1 h'); it has no capacity for a C-rate or a specific current", c.Where);
        if (c.Kind is CurrentKind.Plate or CurrentKind.Strip)
            throw new InputException($"'{c.Text}': in a blocking cell write Charge (oxidation at the working electrode) or Discharge (reduction at it)", c.Where);
        if (c.DurationS is null)
            throw new InputException($"'{c.Text}': a blocking cell's galvanostatic step needs a duration ('for 1 h'), optionally with 'until 4.2 V'", c.Where);
        if (c.Capacity is not null || c.Until is not (null or VoltageCondition))
            throw new InputException($"'{c.Text}': a blocking cell's galvanostatic step ends after its duration or at a voltage ('until 4.2 V')", c.Where);
    }

    /// <summary>
    /// Constant current through the working electrode (Charge: anodic, Discharge: cathodic) for the step's
    /// duration or until the cell voltage meets its condition: by backward Euler, E solves
    /// C_dl·dE/dt + i_ox(E) + i_M(E) + i_p(E) = i, and V = E + i·(R_el + R_we) + η_counter(i).
    /// </summary>
    void Galvanostatic(CurrentStep c, List<SweepPoint> series, int segment, double T)
    {
        double i = c.Current!.Value.Unit == CurrentUnit.Absolute ? c.Current.Value.Value / _cell.Area : c.Current.Value.Value;
        if (c.Kind == CurrentKind.Discharge) i = -i;
        var bv = _cell.MetalKinetics.At(T);
        double duration = c.DurationS!.Value;
        int n = Math.Max(500, (int)Math.Ceiling(duration / 2.0));
        double dt = duration / n;
        var until = c.Until as VoltageCondition;
        for (int k = 1; k <= n; k++)
        {
            double eOld = _e;
            double eNew = MonotoneRoot.Find(e => _cell.DoubleLayerCapacitance * (e - eOld) / dt + _cell.OxidationCurrent(e, Coverage) + ReductionCurrent(e, dt) + MetalCurrent(e, dt, bv) + Polymerisation(e, dt, T, false) - i,
                eOld - 1, eOld + 1);
            _q = Math.Max(0, _q - MetalCurrent(eNew, dt, bv) * dt);
            CommitReduction(eNew, dt);
            double r = _cell.ElectrolyteAsr(T) + WeAsr(T);
            Commit(eNew, dt, T);
            _e = eNew; _t += dt;
            _v = eNew + i * r + bv.Overpotential(i);
            series.Add(Point(segment, T) with { CurrentDensity = i });
            if (until is not null && until.IsMet(_v))
            {
                _events.Add(new SimulationEvent(_t, _cycle, "step_end", $"'{c.Text}' ended at {_v:F3} V"));
                break;
            }
        }
    }

    static double Duration(Step s) => s switch
    {
        CurrentStep c => c.DurationS ?? 0,
        SweepStep sw => Math.Abs(sw.ToV - sw.FromV) / sw.RateVPerS,
        CyclicSweepStep cv => cv.Count * 2 * (cv.HighV - cv.LowV) / cv.RateVPerS,
        RestStep r => r.DurationS,
        _ => 0,
    };

    void Ramp(double from, double to, double rate, int segment, List<SweepPoint> series, double T)
    {
        double span = Math.Abs(to - from);
        if (span == 0) return;
        int n = (int)Math.Ceiling(span / Math.Min(MaxVoltageStep, span / 500));
        double dt = span / rate / n;
        for (int k = 1; k <= n; k++)
        {
            double v = from + (to - from) * k / n;
            double i = Advance(v, dt, T);
            series.Add(Point(segment, T) with { CurrentDensity = i });
        }
    }

    void Rest(double duration, List<SweepPoint> series, int segment, double T)
    {
        // open circuit: the working electrode's double layer discharges through the oxidation, the metal on it and the polymerisation
        var bv = _cell.MetalKinetics.At(T);
        int n = 200;
        double dt = duration / n;
        for (int k = 1; k <= n; k++)
        {
            double eOld = _e;
            double eNew = MonotoneRoot.Find(e => MetalCurrent(e, dt, bv) + _cell.OxidationCurrent(e, Coverage) + ReductionCurrent(e, dt) + Polymerisation(e, dt, T, false) + _cell.DoubleLayerCapacitance * (e - eOld) / dt, _e - 5, _e + 5);
            double iM = MetalCurrent(eNew, dt, bv);
            _q = Math.Max(0, _q - iM * dt);
            CommitReduction(eNew, dt);
            Commit(eNew, dt, T);
            _e = eNew; _t += dt; _v = eNew;
            series.Add(Point(segment, T));
        }
    }

    /// <summary>One backward-Euler step to cell voltage v: the working potential, the metal plated, the layer grown, the current.</summary>
    double Advance(double v, double dt, double T)
    {
        var bv = _cell.MetalKinetics.At(T);
        double rEl = _cell.ElectrolyteAsr(T) + WeAsr(T);
        double eOld = _e;
        double Current(double e) => _cell.DoubleLayerCapacitance * (e - eOld) / dt + _cell.OxidationCurrent(e, Coverage) + ReductionCurrent(e, dt) + MetalCurrent(e, dt, bv) + Polymerisation(e, dt, T, false);
        double Residual(double e)
        {
            double i = Current(e);
            return e + i * rEl + bv.Overpotential(i) - v;
        }
        double eNew = MonotoneRoot.Find(Residual, Math.Min(v, eOld) - 2, Math.Max(v, eOld) + 2);
        double iNew = Current(eNew);
        _q = Math.Max(0, _q - MetalCurrent(eNew, dt, bv) * dt);
        CommitReduction(eNew, dt);
        Commit(eNew, dt, T);
        _e = eNew; _t += dt; _v = v;
        return iNew;
    }

    /// <summary>The electrolyte's reduction current density (A/m², ≤ 0) at E over a step dt from the charge passed so far (§16.4); 0 without one.</summary>
    double ReductionCurrent(double e, double dt) => _cell.Reduction is { } r ? r.Current(_qRed, e, dt) : 0;

    /// <summary>Keeps the step's reduction charge and current.</summary>
    void CommitReduction(double eNew, double dt)
    {
        if (_cell.Reduction is not { } r) return;
        double q = r.ChargeAfter(_qRed, eNew, dt);
        _iRed = -(q - _qRed) / dt;   // ElectrolyteReduction.Current, without solving the step twice
        _qRed = q;
    }

    /// <summary>Polymerisation current density (A/m²) at E over a step dt: the Butler–Volmer rate on the monomer's surface concentration after the step.</summary>
    double Polymerisation(double e, double dt, double T, bool commit)
    {
        if (_g is null) return 0;
        double kc = _g.CurrentPerConcentration(e, T);               // A m/mol
        double k = kc / (_g.ElectronsPerMonomer * Units.Si.Faraday); // m/s
        // below the onset nothing reacts: the monomer only relaxes by diffusion (committed below)
        double cs = kc > 0 || commit ? _monomer!.Step(k, _g.MonomerDiffusivity(T), dt, commit) : _monomer!.Surface;
        return kc * cs;
    }

    /// <summary>Keeps the step's monomer profile and polymer charge; records the events of the layer.</summary>
    void Commit(double eNew, double dt, double T)
    {
        if (_g is null) return;
        _iPoly = Polymerisation(eNew, dt, T, true);
        _qPoly += _iPoly * dt;
        if (_iPoly > 0 && !_onsetSeen)
        {
            _onsetSeen = true;
            _events.Add(new SimulationEvent(_t + dt, _cycle, "polymerisation_onset",
                $"{_g.Monomer} starts to polymerise on {_cell.WorkingElectrode.Name} at E = {eNew:F3} V vs {_cell.Metal.Name} (onset {_g.OnsetPotential:F2} V)"));
        }
        foreach (var mark in (double[])[0.5, 0.9, 0.99])
            if (Coverage >= mark && _coverageMarks.Add(mark))
                _events.Add(new SimulationEvent(_t + dt, _cycle, "coverage",
                    $"the {_g.Polymer} layer covers {mark * 100:G3} % of {_cell.WorkingElectrode.Name} (mean thickness {Thickness * 1e9:F1} nm); interface {WeAsr(T) * 1e4:G4} Ohm cm2"));
        if (Consumed >= 0.9 && _coverageMarks.Add(-1))
            _events.Add(new SimulationEvent(_t + dt, _cycle, "monomer_consumed", $"90 % of the {_g.Monomer} in the electrolyte is polymerised"));
    }

    /// <summary>
    /// The cell's impedance in its state at temperature T (docs/models.md §16.1):
    /// Z = R_el + R_ct ‖ C_dl,counter + R_we ‖ C_dl,we + 1/(jωC_dl,we); the working interface's
    /// resistance in parallel with its double layer, then the blocking double layer that stops DC.
    /// </summary>
    SimulatedSpectrum Spectrum(MeasureEisStep step, double T)
    {
        var f = SymmetricImpedance.Frequencies(step);
        var z = new System.Numerics.Complex[f.Length];
        double a = _cell.Area;
        double rEl = _cell.ElectrolyteAsr(T) / a;
        double rCt = _cell.MetalKinetics.At(T).LinearResistance / a;
        double cCt = _cell.MetalKinetics.DoubleLayerCapacitance * a;
        double rWe = WeAsr(T) / a;
        double cWe = _cell.DoubleLayerCapacitance * a;
        for (int k = 0; k < f.Length; k++)
        {
            var jw = new System.Numerics.Complex(0, 2 * Math.PI * f[k]);
            var zc = 1 / (1 / rCt + jw * cCt);
            var zw = rWe > 0 ? 1 / (1 / rWe + jw * cWe) : System.Numerics.Complex.Zero;
            z[k] = rEl + zc + zw + 1 / (jw * cWe);
        }
        var fitted = new Dictionary<string, double>();
        if (_g is not null)
        {
            fitted["layer_thickness_nm"] = Thickness * 1e9;
            fitted["layer_coverage"] = Coverage;
        }
        return new SimulatedSpectrum(_spectra.Count + 1, _cycle, _t, f, z, rEl, rWe, rCt, fitted);
    }

    /// <summary>Metal plating (E &lt; 0, cathodic) or stripping of plated metal (E &gt; 0 while Q &gt; 0, at most Q/dt) on the working electrode (A/m²).</summary>
    double MetalCurrent(double e, double dt, Models.ButlerVolmer bv)
    {
        if (e < 0) return bv.Current(e);
        if (_q <= 0) return 0;
        return Math.Min(bv.Current(e), _q / dt);
    }
}
