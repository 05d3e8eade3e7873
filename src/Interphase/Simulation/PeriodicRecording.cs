namespace Interphase.Simulation;

/// <summary>
/// The time series of a step with a PyBaMM output period (<c>(1 minute period)</c>, Step.PeriodS): the
/// integrator's steps end on the grid start + n·period, only the points on it are written, and the step's last
/// point is written wherever the step ends (a cut-off, a stop, its duration). Without a period every
/// integration point is written, as before. Shared by the symmetric and the full-cell simulators.
/// Every point written is also handed to <c>recorded</c> (a writer that formats the series while the run goes on).
/// </summary>
internal sealed class PeriodicRecording<T>(List<T> series, Action<T>? recorded = null)
{
    // relative tolerance of "on the grid": the grid times are sums of the step sizes, so they carry rounding
    const double GridTolerance = 1e-9;

    double _start;
    double? _period;
    T _pending = default!;
    bool _hasPending;

    /// <summary>Starts a step at time <paramref name="start"/> (s) with its period (s), or null for every point.</summary>
    public void BeginStep(double start, double? period)
    {
        _start = start; _period = period; _hasPending = false;
    }

    /// <summary>The time step dt from t, shortened so that it does not pass the next grid time.</summary>
    public double Limit(double t, double dt)
    {
        if (_period is not { } p) return dt;
        double n = Math.Floor((t - _start) / p + GridTolerance) + 1;
        return Math.Min(dt, _start + n * p - t);
    }

    /// <summary>Writes <paramref name="point"/> whatever the period (the run's first point).</summary>
    public void Write(T point)
    {
        series.Add(point);
        recorded?.Invoke(point);
    }

    /// <summary>The point at time t: written if it is on the grid (or there is no period), kept as the step's possible last point otherwise.</summary>
    public void Add(double t, T point)
    {
        if (_period is not { } p || Math.Abs((t - _start) / p - Math.Round((t - _start) / p)) <= GridTolerance * Math.Max(1, (t - _start) / p))
        {
            Write(point);
            _hasPending = false;
        }
        else
        {
            _pending = point;
            _hasPending = true;
        }
    }

    /// <summary>Ends the step: its last point is written if it fell between grid times.</summary>
    public void EndStep()
    {
        if (_hasPending) Write(_pending);
        _hasPending = false;
    }
}
