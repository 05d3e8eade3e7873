namespace Interphase.Simulation;

/// <summary>The part of a cycle a full cell is in: before any current (a rest), a charge or a discharge.</summary>
public enum HalfCycleKind { Rest, Charge, Discharge }

/// <summary>
/// The half cycle a full cell is in and the charge passed in it so far, for the state written with each impedance
/// spectrum (cycle, half cycle, charge since the half cycle began, depth of discharge). A half cycle runs from the
/// first current step of its kind (charge or discharge) to the first step of the other kind; steps without current
/// (rests, spectra) in between belong to it. The charge counted is that of the half cycle's own sign.
/// The depth of discharge of a spectrum taken in a discharge is the charge passed so far over the charge that whole
/// discharge passed, known once the discharge has ended as the protocol says (the next half cycle began, or the run
/// ended without being stopped inside it); null until then, and for a spectrum taken in a charge.
/// </summary>
public sealed class HalfCycleTracker
{
    readonly Dictionary<int, double> _endedDischarges = [];
    bool? _firstCharge;

    /// <summary>The cycle in progress (0 before the first current step).</summary>
    public int Cycle { get; private set; }

    /// <summary>True in a charge, false in a discharge, null before the first current step.</summary>
    public bool? Charge { get; private set; }

    /// <summary>Charge passed since the half cycle began (C/m², of the half cycle's own sign).</summary>
    public double Passed { get; private set; }

    /// <summary>The half cycle in progress: <see cref="HalfCycleKind.Rest"/> before any current has passed.</summary>
    public HalfCycleKind Kind => Charge switch { true => HalfCycleKind.Charge, false => HalfCycleKind.Discharge, null => HalfCycleKind.Rest };

    /// <summary>"charge", "discharge", or "rest" before any current has passed: <see cref="Kind"/> as summary.json writes it.</summary>
    public string Name => NameOf(Kind);

    /// <summary>A half cycle's name as summary.json writes it (lower case).</summary>
    public static string NameOf(HalfCycleKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>A new half cycle of <paramref name="charge"/>'s kind starts in <paramref name="cycle"/>.</summary>
    public void Begin(int cycle, bool charge)
    {
        if (Charge == false) _endedDischarges[Cycle] = Passed;
        _firstCharge ??= charge;
        Cycle = cycle;
        Charge = charge;
        Passed = 0;
    }

    /// <summary>Current density <paramref name="i"/> (A/m², positive on charge) passed for <paramref name="dt"/> s.</summary>
    public void Add(double i, double dt)
    {
        if (Charge is bool c && (c ? i > 0 : i < 0)) Passed += Math.Abs(i) * dt;
    }

    /// <summary>The run ended; <paramref name="stopped"/>: inside a step (a short, the compliance, a 'Stop if').</summary>
    public void End(bool stopped)
    {
        if (!stopped && Charge == false) _endedDischarges[Cycle] = Passed;
    }

    /// <summary>
    /// The depth of discharge of a spectrum taken in <paramref name="halfCycle"/> of <paramref name="cycle"/> after
    /// <paramref name="passed"/> C/m², as a fraction of that discharge's whole charge; null when the discharge has not
    /// ended as the protocol says, for a spectrum in a charge, or for one before any current unless the run begins
    /// with a discharge (then 0: nothing of cycle 1's discharge has passed).
    /// </summary>
    public double? DepthOfDischarge(int cycle, HalfCycleKind halfCycle, double passed) => halfCycle switch
    {
        HalfCycleKind.Discharge when _endedDischarges.TryGetValue(cycle, out var q) && q > 0 => passed / q,
        HalfCycleKind.Rest when cycle == 0 && _firstCharge == false && _endedDischarges.TryGetValue(1, out var q1) && q1 > 0 => 0,
        _ => null,
    };

    /// <summary><see cref="DepthOfDischarge(int, HalfCycleKind, double)"/> of a spectrum whose half cycle is written by its name (<see cref="Name"/>).</summary>
    public double? DepthOfDischarge(int cycle, string halfCycle, double passed) =>
        DepthOfDischarge(cycle, Enum.GetValues<HalfCycleKind>().First(k => NameOf(k) == halfCycle), passed);
}
