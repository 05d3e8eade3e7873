namespace Interphase.Simulation;

/// <summary>State of the cathode composite at a moment.</summary>
public readonly record struct CathodeSnapshot(
    double Stoichiometry,      // average Li fraction of the intercalation particles (NaN for conversion)
    double SurfaceStoichiometry,
    double ConvertedFraction,  // conversion cathodes: X (NaN for intercalation)
    double FastAxisFront,      // conversion: front depth along the fast axis / R
    double SlowAxisFront,      // conversion: front depth along the slow axes / R
    double Contact,            // fraction of the active material still in contact
    double ActiveFraction,     // fraction of the active material not lost at high potential
    double CeiCharge,          // parasitic charge that built the CEI (C/m²)
    double Potential)          // cathode potential vs the anode's reference (V)
{
    /// <summary>Charge taken by the electrolyte's reduction on the cathode (C/m², cumulative): a side reaction that adds to a discharge (FeS2 in a liquid below 1.0 V).</summary>
    public double ReductionCharge { get; init; }
    /// <summary>Conversion cathodes: mean lithiation of the converted material, 0 (FeS_y + S) … ½ (Li2FeS2) … 1 (Fe + 2 Li2S); NaN otherwise or before any conversion.</summary>
    public double ProductLithiation { get; init; } = double.NaN;
    /// <summary>Conversion cathodes: share of the converted material still in particles that touch the electrolyte; NaN otherwise.</summary>
    public double ReachableProduct { get; init; } = double.NaN;
    /// <summary>Charge taken by the polymerisation of a layer grown on the cathode (C/m², cumulative, docs/models.md §16.2): a side reaction that adds to a charge.</summary>
    public double PolymerisationCharge { get; init; }
}

public readonly record struct FullTimePoint(
    double TimeS,
    double CurrentDensity,     // A/m², positive on charge
    double Voltage,
    double StepCapacity,       // C/m² passed since the step began (signed like the current)
    int Cycle,
    int StepIndex,
    bool Shorted,
    InterfaceSnapshot Anode,
    CathodeSnapshot Cathode,
    double SaltRatioCathode,
    double SaltRatioAnode)
{
    /// <summary>Charge the electronic leak has passed (C/m², cumulative, before any short): external charge that moved no lithium.</summary>
    public double LeakCharge { get; init; }
    /// <summary>True while a soft short's filament bridge stands in parallel with the cell (SoftShortBridges).</summary>
    public bool Bridged { get; init; }
    /// <summary>Charge the standing bridges have passed (C/m², cumulative, before any hard short): external charge, or the cell's own, that moved no lithium.</summary>
    public double BridgeCharge { get; init; }
}

/// <summary>One cycle of a full cell: the charge and discharge halves (in the order the protocol runs them).</summary>
public sealed record FullCycleStats(
    int Cycle,
    double ChargeCapacity,      // C/m²
    double DischargeCapacity,   // C/m²
    double ChargeEnergy,        // J/m²
    double DischargeEnergy,     // J/m²
    double ChargeCurrent,       // A/m², mean magnitude during constant-current charge (NaN if none)
    double DischargeCurrent,    // A/m², the same on discharge
    double StartS,
    double EndS,
    bool ChargeFirst)
{
    public double MeanChargeVoltage => ChargeCapacity > 0 ? ChargeEnergy / ChargeCapacity : double.NaN;
    public double MeanDischargeVoltage => DischargeCapacity > 0 ? DischargeEnergy / DischargeCapacity : double.NaN;
    /// <summary>
    /// Charge (C/m²) below which a half cycle counts as negligible for the coulombic efficiency: 1 % of the
    /// cathode's nominal areal capacity. A step that hits its cut-off at once (a cell that cannot take the
    /// current) passes a trace of charge whose ratio to the other half means nothing.
    /// </summary>
    public double NegligibleCharge { get; init; }

    /// <summary>The run stopped inside this cycle (compliance, a short circuit, a used-up anode, a 'Stop if').</summary>
    public bool Interrupted { get; init; }

    /// <summary>Both halves ran and ended as the protocol says: such a cycle enters retention and rate capability.</summary>
    public bool Complete => ChargeCapacity > 0 && DischargeCapacity > 0 && !Interrupted;

    /// <summary>Second half over first half (discharge/charge for a cell that starts discharged), only for a
    /// complete cycle whose halves both pass more than <see cref="NegligibleCharge"/>; NaN (written null) otherwise.</summary>
    public double CoulombicEfficiency => !Complete || ChargeCapacity <= NegligibleCharge || DischargeCapacity <= NegligibleCharge ? double.NaN
        : ChargeFirst ? DischargeCapacity / ChargeCapacity : ChargeCapacity / DischargeCapacity;
}

public sealed record RatePoint(double CRate, double DischargeCapacity, int Cycles);

public sealed record FullCellResult(
    string CellName,
    double AreaM2,
    double TemperatureK,
    double ActiveMassKgPerM2,
    double NominalCapacity,         // C/kg
    double TheoreticalCapacity,     // C/kg
    IReadOnlyList<FullTimePoint> Series,
    IReadOnlyList<FullCycleStats> Cycles,
    IReadOnlyList<SimulationEvent> Events,
    bool ShortCircuit,
    double? ShortCircuitTimeS,
    int? ShortCircuitCycle,
    string EndReason,
    int ReferenceCycle,
    IReadOnlyList<SimulatedSpectrum> Spectra,
    IReadOnlyDictionary<string, double> Derived,
    bool Conversion,
    bool HasConcentration,
    int Steps)
{
    /// <summary>Where the run extrapolated beyond its materials' data (cell file and protocol), one line each; empty when none.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>The mechanisms the run included (cell file <c>mechanisms:</c>, <c>simulate --without</c>).</summary>
    public Mechanisms Mechanisms { get; init; } = Mechanisms.All;

    /// <summary>Thickness of the separating electrolyte (m): turns a temperature series' bulk resistances into conductivities.</summary>
    public double ElectrolyteThicknessM { get; init; }
    /// <summary>Why the run ended: protocol_completed, compliance, short_circuit, metal_exhausted or stop_condition.</summary>
    public string StopReason { get; init; } = "protocol_completed";
    /// <summary>The first time step in which a filament grew from the anode (null when none did).</summary>
    public DendriteOnset? Onset { get; init; }
    /// <summary>Electronic leakage ASR at the end of the run (Ω m²; null for an electronically insulating stack).</summary>
    public double? LeakageAsr { get; init; }
    /// <summary>The cathode's values a BPX file supplied, each with its source (file and key); null when the cell names no BPX file.</summary>
    public IReadOnlyDictionary<string, string>? CathodeBpxSources { get; init; }
    /// <summary>Soft shorts before the hard one (filament bridges that fused, dissolved or stood), as in a symmetric cell.</summary>
    public IReadOnlyList<SoftShort> SoftShorts { get; init; } = [];
    /// <summary>The layer grown on the composite cathode during the run (docs/models.md §16.2), or null; its rows per cycle at the cell temperature.</summary>
    public FormationResult? Formation { get; init; }
    /// <summary>The particles' surface per electrode area on which that layer grew (m²/m²), or null.</summary>
    public double? CathodeLayerSurfaceArea { get; init; }

    /// <summary>Specific capacity (C/kg of active material) from an areal one.</summary>
    public double Specific(double areal) => areal / ActiveMassKgPerM2;

    public IReadOnlyList<FullCycleStats> Complete => Cycles.Where(c => c.Complete).ToList();

    /// <summary>Discharge capacity of the last complete cycle over that of the reference cycle (×100).</summary>
    public double RetentionPercent
    {
        get
        {
            var c = Complete;
            var reference = c.FirstOrDefault(x => x.Cycle == ReferenceCycle);
            if (reference is null || c.Count == 0 || reference.DischargeCapacity <= 0) return double.NaN;
            return 100 * c[^1].DischargeCapacity / reference.DischargeCapacity;
        }
    }

    public double FirstCycleCoulombicEfficiencyPercent => Complete.FirstOrDefault(x => x.Cycle == 1) is { } c1 ? 100 * c1.CoulombicEfficiency : double.NaN;

    /// <summary>Cycle 1's charge and discharge capacities (mAh/g) when it is complete; null otherwise.</summary>
    public (double Charge, double Discharge)? FirstCycleMahPerG =>
        Complete.FirstOrDefault(c => c.Cycle == 1) is { } c1 ? (Specific(c1.ChargeCapacity) / 3600, Specific(c1.DischargeCapacity) / 3600) : null;

    /// <summary>The last complete cycle's discharge capacity (mAh/g); null without a complete cycle.</summary>
    public double? LastDischargeMahPerG => Complete is { Count: > 0 } c ? Specific(c[^1].DischargeCapacity) / 3600 : null;

    /// <summary>Mean charge − discharge voltage over the complete cycles that define both (V); null without one.</summary>
    public double? MeanVoltageHysteresis =>
        Complete.Select(c => c.MeanChargeVoltage - c.MeanDischargeVoltage).Where(double.IsFinite).ToList() is { Count: > 0 } h ? h.Average() : null;

    /// <summary>Mean discharge capacity per C-rate (relative to the nominal capacity), when the protocol has more than one rate.</summary>
    public IReadOnlyList<RatePoint> RateCapability
    {
        get
        {
            var groups = Complete.Where(c => double.IsFinite(c.DischargeCurrent) && c.DischargeCurrent > 0)
                .GroupBy(c => Math.Round(c.DischargeCurrent / (NominalCapacity * ActiveMassKgPerM2 / 3600), 3))
                .OrderBy(g => g.Key).ToList();
            if (groups.Count < 2) return [];
            return groups.Select(g => new RatePoint(g.Key, g.Average(c => c.DischargeCapacity), g.Count())).ToList();
        }
    }
}
