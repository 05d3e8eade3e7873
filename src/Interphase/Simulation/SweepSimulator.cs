using Interphase.Protocols;

namespace Interphase.Simulation;

/// <summary>One point of a sweep: time (s), cell voltage (V), working-electrode potential vs the metal (V), current density (A/m², anodic at the working electrode positive).</summary>
public readonly record struct SweepPoint(double TimeS, double Voltage, double WorkingPotential, double CurrentDensity, int Segment, int Cycle);

/// <summary>A sweep run: its points, the metal left plated on the working electrode, warnings.</summary>
public sealed record SweepResult(string CellName, double AreaM2, double TemperatureK, IReadOnlyList<SweepPoint> Series, IReadOnlyList<string> Warnings, double PlatedChargeCPerM2);

/// <summary>
/// Linear and cyclic voltammetry of a <see cref="BlockingCell"/> (docs/models.md §16). The cell voltage
/// follows the protocol; the working electrode's potential E and the current solve, by backward Euler,
/// <code>
/// i = C_dl·dE/dt + i_ox(E) + i_M(E, Q),     V = E + i·R_el + η_counter(i)
/// i_ox = i_ox,0·exp((E − E_ox)/b)            the electrolyte oxidised above its limit E_ox
/// i_M  = i_BV(E) for E &lt; 0 (the metal plates) or while plated metal Q &gt; 0 is left to strip
/// </code>
/// with the counter's Butler–Volmer overpotential η_counter. V is increasing in E, so each step is a
/// bisection in E. A voltage step of at most 1 mV (or 1/500 of the sweep) sets the time step.
/// </summary>
public sealed class SweepSimulator
{
    readonly BlockingCell _cell;
    public SweepSimulator(BlockingCell cell) => _cell = cell;

    /// <summary>Largest voltage change per time step (V).</summary>
    public const double MaxVoltageStep = 1e-3;

    double _e, _q, _t, _v;

    public SweepResult Run(Protocol protocol, IProgress<double>? progress = null)
    {
        var warnings = _cell.WarningsFor(protocol);
        var steps = protocol.Flatten().Select(s => s.step).ToList();
        if (protocol.StopConditions.Count > 0)
            throw new InputException($"'{protocol.StopConditions[0].Text}': a sweep runs to its end; stop conditions are for galvanostatic steps", protocol.StopConditions[0].Where);
        var first = steps.FirstOrDefault(s => s is SweepStep or CyclicSweepStep)
            ?? throw new InputException("a blocking cell's protocol needs a Sweep or Cycle step ('Sweep from 3 V to 5.5 V at 0.1 mV/s')", new SourceLocation(protocol.Source));
        // the cell starts at rest at the first sweep's starting voltage (a cyclic sweep's upper vertex)
        _v = first is SweepStep s0 ? s0.FromV : ((CyclicSweepStep)first).HighV;
        _e = _v; _q = 0; _t = 0;
        var series = new List<SweepPoint> { new(0, _v, _e, 0, 0, 0) };
        var bv = _cell.MetalKinetics.At(_cell.TemperatureK);
        double rEl = _cell.ElectrolyteAsr(_cell.TemperatureK);
        int segment = 0, cycle = 0;
        double total = steps.Sum(Duration), done = 0;
        foreach (var step in steps)
        {
            switch (step)
            {
                case SweepStep sw:
                    if (Math.Abs(sw.FromV - _v) > 1e-9) Ramp(_v, sw.FromV, sw.RateVPerS, ++segment, cycle, series, bv, rEl);
                    Ramp(sw.FromV, sw.ToV, sw.RateVPerS, ++segment, cycle, series, bv, rEl);
                    break;
                case CyclicSweepStep cv:
                    for (int n = 0; n < cv.Count; n++)
                    {
                        cycle++;
                        // from where the cell is to the nearer vertex, then to the other, and back
                        bool downFirst = Math.Abs(_v - cv.HighV) <= Math.Abs(_v - cv.LowV);
                        double a = downFirst ? cv.LowV : cv.HighV, b = downFirst ? cv.HighV : cv.LowV;
                        Ramp(_v, a, cv.RateVPerS, ++segment, cycle, series, bv, rEl);
                        Ramp(a, b, cv.RateVPerS, ++segment, cycle, series, bv, rEl);
                        progress?.Report(Math.Min(1, (done + (n + 1) * 2 * (cv.HighV - cv.LowV) / cv.RateVPerS) / total));
                    }
                    break;
                case RestStep rest:
                    Rest(rest.DurationS, series, segment, cycle, bv, rEl);
                    break;
                default:
                    throw new InputException($"'{step.Text}': a blocking cell takes Sweep, Cycle and Rest steps", step.Where);
            }
            done += Duration(step);
            progress?.Report(total > 0 ? Math.Min(1, done / total) : 1);
        }
        return new SweepResult(_cell.Spec.Name, _cell.Area, _cell.TemperatureK, series, warnings, _q);
    }

    static double Duration(Step s) => s switch
    {
        SweepStep sw => Math.Abs(sw.ToV - sw.FromV) / sw.RateVPerS,
        CyclicSweepStep cv => cv.Count * 2 * (cv.HighV - cv.LowV) / cv.RateVPerS,
        RestStep r => r.DurationS,
        _ => 0,
    };

    void Ramp(double from, double to, double rate, int segment, int cycle, List<SweepPoint> series, Models.ButlerVolmer bv, double rEl)
    {
        double span = Math.Abs(to - from);
        if (span == 0) return;
        int n = (int)Math.Ceiling(span / Math.Min(MaxVoltageStep, span / 500));
        double dt = span / rate / n;
        for (int k = 1; k <= n; k++)
        {
            double v = from + (to - from) * k / n;
            double i = Advance(v, dt, bv, rEl);
            series.Add(new SweepPoint(_t, v, _e, i, segment, cycle));
        }
    }

    void Rest(double duration, List<SweepPoint> series, int segment, int cycle, Models.ButlerVolmer bv, double rEl)
    {
        // open circuit: the working electrode's double layer discharges through the oxidation (and the metal on it)
        int n = 200;
        double dt = duration / n;
        for (int k = 1; k <= n; k++)
        {
            double eNew = MonotoneRoot.Find(e => MetalCurrent(e, dt, bv) + _cell.OxidationCurrent(e) + _cell.DoubleLayerCapacitance * (e - _e) / dt, _e - 5, _e + 5);
            double iM = MetalCurrent(eNew, dt, bv);
            _q = Math.Max(0, _q - iM * dt);
            _e = eNew; _t += dt; _v = eNew;
            series.Add(new SweepPoint(_t, _v, _e, 0, segment, cycle));
        }
    }

    /// <summary>One backward-Euler step to cell voltage v: the working potential, the metal plated, the current.</summary>
    double Advance(double v, double dt, Models.ButlerVolmer bv, double rEl)
    {
        double eOld = _e;
        double Current(double e) => _cell.DoubleLayerCapacitance * (e - eOld) / dt + _cell.OxidationCurrent(e) + MetalCurrent(e, dt, bv);
        double Residual(double e)
        {
            double i = Current(e);
            return e + i * rEl + bv.Overpotential(i) - v;
        }
        double eNew = MonotoneRoot.Find(Residual, Math.Min(v, eOld) - 2, Math.Max(v, eOld) + 2);
        double iNew = Current(eNew);
        _q = Math.Max(0, _q - MetalCurrent(eNew, dt, bv) * dt);
        _e = eNew; _t += dt; _v = v;
        return iNew;
    }

    /// <summary>Metal plating (E &lt; 0, cathodic) or stripping of plated metal (E &gt; 0 while Q &gt; 0, at most Q/dt) on the working electrode (A/m²).</summary>
    double MetalCurrent(double e, double dt, Models.ButlerVolmer bv)
    {
        if (e < 0) return bv.Current(e);
        if (_q <= 0) return 0;
        return Math.Min(bv.Current(e), _q / dt);
    }
}
