using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>State of one electrode's interface at a moment.</summary>
public readonly record struct InterfaceSnapshot(
    double Contact,            // fraction of the geometric area in contact
    double InterphaseM,        // interphase thickness (m), area-weighted over paths
    double FilamentM,          // longest filament from this electrode (m)
    double MetalM,             // metal left (m)
    double AmalgamLiFraction,  // Li mole fraction at the electrolyte side (NaN without amalgam)
    double AmalgamLiquidFraction) // liquid fraction of the amalgam layer
{
    /// <summary>Charge of the metal the interphase has taken since assembly (C/m² of geometric area).</summary>
    public double InterphaseChargeCPerM2 { get; init; }
    /// <summary>Depth of the electrolyte an amalgam has infiltrated (m, AmalgamZone); NaN without an amalgam on a solid electrolyte.</summary>
    public double AmalgamZoneM { get; init; }
    /// <summary>Thickness of the amalgam layer (m), less what it gave to the infiltrated zone; NaN without an amalgam.</summary>
    public double AmalgamLayerM { get; init; }
}

/// <summary>One row of the time series.</summary>
public readonly record struct TimePoint(
    double TimeS,
    double CurrentDensity,     // A/m², positive while electrode 1 strips
    double Voltage,            // V, φ1 − φ2
    int Cycle,
    int StepIndex,
    bool Shorted,
    InterfaceSnapshot Left,
    InterfaceSnapshot Right,
    double SaltRatioLeft,      // c/c0 at electrode 1 (NaN for single-ion conductors)
    double SaltRatioRight)
{
    /// <summary>A filament bridges the separator without a hard short (a soft short: its bridge carries part of the current).</summary>
    public bool Bridged { get; init; }
}

/// <summary>Per-cycle figures: a cycle is one plating and one stripping half cycle of electrode 1.</summary>
public sealed record CycleStats(
    int Cycle,
    double CurrentDensity,          // A/m², magnitude of the cycle's current
    double MeanAbsVoltage,          // V, time-weighted over the current-carrying time
    double MaxAbsVoltage,           // V
    double MeanAbsInterfacial,      // V, |V − i·R_bulk|: the overpotential without the electrolyte's ohmic drop
    double StartS,
    double EndS,
    double ChargePlated,            // C/m² on electrode 1
    double ChargeStripped)          // C/m² from electrode 1
{
    /// <summary>
    /// Both half cycles passed charge. An incomplete cycle (the run stopped inside it, or a half cycle never
    /// began) is listed with complete = 0 in cycles.csv and left out of every per-cycle average.
    /// </summary>
    public bool Complete => ChargePlated > 0 && ChargeStripped > 0 && !Interrupted;

    /// <summary>The run stopped inside this cycle (compliance, short circuit, used-up metal, a 'Stop if').</summary>
    public bool Interrupted { get; init; }
}

/// <summary>
/// A soft short: a filament touched the counter electrode and its metal bridge (ASR, Ω m² of cell area) either
/// fused at once or carried part of the current until it fused, dissolved or became the hard short. EndS is when
/// the cell recovered (equal to StartS for a bridge that fused at contact; null if it never did); Ending is
/// "fused", "dissolved", "hard_short" or "open" (still bridged at the end of the run); GapM the length of the
/// separator the fused bridge left open (m), null unless it fused.
/// </summary>
public sealed record SoftShort(double StartS, int Cycle, double BridgeAsr, string Electrode)
{
    public double? EndS { get; set; }
    public string Ending { get; set; } = "open";
    public double? GapM { get; set; }
    public bool Recovered => Ending is "fused" or "dissolved";
}

public sealed record SimulationEvent(double TimeS, int Cycle, string Kind, string Message);

/// <summary>An impedance spectrum of the simulated cell in its state at a moment.</summary>
public sealed record SimulatedSpectrum(int Index, int AfterCycle, double TimeS, double[] FrequencyHz, System.Numerics.Complex[] Impedance,
    double RBulk, double RInterphase, double RChargeTransfer, IReadOnlyDictionary<string, double> Fitted)
{
    /// <summary>Electronic leakage resistance in parallel with the ionic cell (Ω); null for an electronically insulating stack.</summary>
    public double? RElectronic { get; init; }

    /// <summary>The temperature of a spectrum of a temperature series (K); null for one at the step's temperature.</summary>
    public double? TemperatureK { get; init; }
    /// <summary>Resistance of a filament bridge (soft short) in parallel with the cell when the spectrum was taken (Ω); null without one.</summary>
    public double? RBridge { get; init; }

    /// <summary>Resistance of the hard short in parallel with the cell when the spectrum was taken (Ω, the model's short_circuit_asr); null before a short.</summary>
    public double? RShort { get; init; }

    /// <summary>The circuit a full cell's spectrum was fitted with (FullCellSpectrumFit), or a bridged symmetric cell's (BridgedSpectrumFit); null for the symmetric cell's fixed circuits (SpectrumFit).</summary>
    public string? FitCircuit { get; init; }

    /// <summary>What each fitted element of <see cref="FitCircuit"/> estimates ("R1" → "anode"); its generated value is in <see cref="Fitted"/> beside it.</summary>
    public IReadOnlyDictionary<string, string>? FitEstimates { get; init; }

    /// <summary>The cycle in progress when the spectrum was taken (0 before any current); null where not recorded.</summary>
    public int? Cycle { get; init; }

    /// <summary>The half cycle in progress: "charge"/"discharge" (full cell), "plate"/"strip" (symmetric), "rest" before any current.</summary>
    public string? HalfCycle { get; init; }

    /// <summary>Charge passed since the half cycle began (C/m² of cell area); full cells only.</summary>
    public double? HalfCycleCharge { get; init; }

    /// <summary>The same per mass of cathode active material (C/kg); full cells only.</summary>
    public double? HalfCycleSpecificCharge { get; init; }

    /// <summary>Depth of discharge (fraction of that cycle's discharge charge, HalfCycleTracker); null while unknown.</summary>
    public double? DepthOfDischarge { get; init; }
}

/// <summary>Everything a symmetric-cell run produced.</summary>
public sealed record SimulationResult(
    string CellName,
    double AreaM2,
    double TemperatureK,
    IReadOnlyList<TimePoint> Series,
    IReadOnlyList<CycleStats> Cycles,
    IReadOnlyList<SimulationEvent> Events,
    bool ShortCircuit,
    double? ShortCircuitTimeS,
    int? ShortCircuitCycle,
    double? CriticalCurrentDensity,     // A/m²
    string EndReason,
    IReadOnlyList<SimulatedSpectrum> Spectra,
    IReadOnlyDictionary<string, double> Derived,
    bool HasAmalgam,
    bool HasConcentration,
    int Steps)
{
    /// <summary>Where the run extrapolated beyond its materials' data (cell file and protocol), one line each; empty when none.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The mechanisms the run included (cell file <c>mechanisms:</c>, <c>simulate --without</c>).</summary>
    public Mechanisms Mechanisms { get; init; } = Mechanisms.All;
    /// <summary>Why the run ended: protocol_completed, compliance, short_circuit, metal_exhausted or stop_condition.</summary>
    public string StopReason { get; init; } = "protocol_completed";

    /// <summary>
    /// The first moment plating met a layer's penetration criterion (a filament started to grow): an
    /// interface property, unlike the time to short, which also depends on how far the filament has to go.
    /// Null when no filament grew.
    /// </summary>
    public DendriteOnset? Onset { get; init; }

    /// <summary>Charge of metal (C/m²) each electrode's interphases took from its foil over the run (electrode 1, electrode 2).</summary>
    public (double Left, double Right) InterphaseCharge { get; init; }

    /// <summary>Electronic leakage resistance of the cell at the end of the run (Ω m²); null for an electronically insulating stack.</summary>
    public double? LeakageAsr { get; init; }

    /// <summary>Thickness of the separating electrolyte (m): turns a temperature series' bulk resistances into conductivities.</summary>
    public double ElectrolyteThicknessM { get; init; }
    /// <summary>The soft shorts before the hard short (or the end of the run), in order; empty without any.</summary>
    public IReadOnlyList<SoftShort> SoftShorts { get; init; } = [];
    /// <summary>An amalgam sits on a solid electrolyte on either side: the time series and summary carry its infiltrated zone.</summary>
    public bool HasAmalgamZone { get; init; }

    /// <summary>The cycles that ended before a short circuit (all of them without one).</summary>
    public IReadOnlyList<CycleStats> CyclesBeforeShort =>
        Cycles.Where(c => c.Complete && (ShortCircuitTimeS is not { } ts || c.EndS <= ts + 1e-6)).ToList();

    /// <summary>Mean of the cycles' mean |V| before any short circuit (V), or NaN without such cycles.</summary>
    public double MeanOverpotential => CyclesBeforeShort is { Count: > 0 } c ? c.Average(x => x.MeanAbsVoltage) : double.NaN;

    /// <summary>The same for the IR-free (interfacial) overpotential (V).</summary>
    public double MeanInterfacialOverpotential => CyclesBeforeShort is { Count: > 0 } c ? c.Average(x => x.MeanAbsInterfacial) : double.NaN;
}

/// <summary>
/// Dendrite onset: when (s; the moment within its time step at which plating first met the penetration criterion,
/// located to 1 ms, OnsetLocation, decision 0073) and in which
/// cycle, at what plating current density (A/m², positive) and, in a current ramp, the ramp's current
/// density (A/m²): the onset critical current density, which does not depend on the separator thickness.
/// </summary>
public sealed record DendriteOnset(double TimeS, int Cycle, double CurrentDensity, double? RampCurrentDensity, string Electrode)
{
    /// <summary>The onset of a filament that started to grow at t0 (located within its time step; symmetric and full cells alike), with its event.</summary>
    internal static DendriteOnset Record(double t0, int cycle, double plating, double? ramp, string electrode, List<SimulationEvent> events)
    {
        var onset = new DendriteOnset(t0, Math.Max(cycle, 1), Math.Abs(plating), ramp, electrode);
        events.Add(new SimulationEvent(t0, onset.Cycle, "dendrite_onset",
            $"dendrite onset: plating at {onset.CurrentDensity / Si.MilliampPerCm2:G3} mA/cm² on {electrode} meets the penetration criterion; a filament grows"));
        return onset;
    }
}
