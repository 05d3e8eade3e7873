using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>
/// A cell with a blocking working electrode (<c>kind: blocking</c>: metal | electrolyte | stainless steel),
/// on which voltage sweeps find an electrolyte's stability window (docs/models.md §16). The metal is
/// counter and reference; the working electrode passes no current until the electrolyte oxidises on
/// it (above the electrolyte's <c>validity.oxidation_potential</c>), the electrolyte is reduced on it (below its
/// <c>validity.reduction_potential</c>, until its film passivates the electrode, §16.4) or the metal plates on it
/// (below 0 V), apart from charging its double layer.
/// </summary>
public sealed class BlockingCell
{
    public required CellSpec Spec { get; init; }
    public required Parameters Parameters { get; init; }
    public required Material Metal { get; init; }
    public required Material Electrolyte { get; init; }
    public required Material WorkingElectrode { get; init; }
    /// <summary>Counter electrode (metal|electrolyte) kinetics, also those of the metal plated on the working electrode.</summary>
    public required InterfaceKinetics MetalKinetics { get; init; }
    public required double ElectrolyteThickness { get; init; }
    public required IonicConductivity ElectrolyteConductivity { get; init; }
    /// <summary>Double-layer capacitance of the working electrode (F/m²).</summary>
    public required double DoubleLayerCapacitance { get; init; }
    /// <summary>Thermodynamic oxidation limit of the electrolyte vs the metal (V).</summary>
    public required double OxidationPotential { get; init; }
    /// <summary>Oxidation current density at the oxidation potential (A/m²).</summary>
    public required double OxidationCurrentDensity { get; init; }
    /// <summary>Voltage per e-fold of the oxidation current (V).</summary>
    public required double OxidationTafelSlope { get; init; }
    public required int ChargeNumber { get; init; }
    /// <summary>The electrolyte's reduction on the working electrode (docs/models.md §16.4); null when the electrolyte states no reduction potential above 0 V or no rate is known.</summary>
    public ElectrolyteReduction? Reduction { get; init; }
    /// <summary>The layer grown on the working electrode during the protocol (docs/models.md §16.1), or null.</summary>
    public Electropolymerisation? Growth { get; init; }
    /// <summary>Interface ASR of the bare working electrode at its reference temperature (Ω m²); 0 when the library gives none.</summary>
    public double WorkingInterfaceAsrRef { get; init; }
    public double WorkingInterfaceReferenceK { get; init; } = 298.15;
    public double WorkingInterfaceActivationEnergy { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    public double Area => Spec.AreaM2;
    public double TemperatureK => Spec.TemperatureK;
    public double ElectrolyteAsr(double temperatureK) => ElectrolyteThickness / ElectrolyteConductivity.At(temperatureK);

    /// <summary>Interface ASR (Ω m²) of the working electrode with its grown layer at mean thickness L (m; 0 without one).</summary>
    public double WorkingInterfaceAsr(double layerThicknessM, double temperatureK) =>
        Growth is { } g ? g.InterfaceAsr(layerThicknessM, temperatureK)
        : WorkingInterfaceAsrRef / Arrhenius.Factor(WorkingInterfaceActivationEnergy, temperatureK, WorkingInterfaceReferenceK);

    /// <summary>Oxidation current density (A/m²) of the electrolyte on the working electrode at potential E vs the metal (V).</summary>
    public double OxidationCurrent(double e) => OxidationCurrentDensity * Math.Exp((e - OxidationPotential) / OxidationTafelSlope);

    /// <summary>
    /// The same on an electrode a grown layer covers by the fraction θ: the bare fraction oxidises the electrolyte from its
    /// limit, the covered fraction from the film's own onset (docs/models.md §16.3, <see cref="Electropolymerisation.ShieldingFactor"/>).
    /// </summary>
    public double OxidationCurrent(double e, double coverage) =>
        Growth is { } g ? OxidationCurrent(e) * g.ShieldingFactor(coverage, OxidationPotential, OxidationTafelSlope) : OxidationCurrent(e);

    public IReadOnlyList<string> WarningsFor(Protocol protocol) =>
        [.. Warnings.Concat(CellValidity.ForProtocol(Spec, Parameters, protocol)).Concat(UnmodelledReduction(protocol)).Concat(StartBelowReduction(protocol)).Distinct()];

    /// <summary>
    /// The reduction side of the window when the cell has no reduction law (<see cref="Reduction"/> null: neither the pair
    /// nor model.yaml's blocking defaults give its rate): a sweep below the electrolyte's <c>reduction_potential</c> would
    /// show no reduction current where the electrolyte is reduced; the lowest such sweep is named in one warning.
    /// </summary>
    IEnumerable<string> UnmodelledReduction(Protocol protocol)
    {
        var d = ValidityDomain.Read(Parameters, Electrolyte);
        if (Reduction is not null || d.ReductionPotential is not { } ured || ured <= 0) yield break;
        var low = protocol.Flatten().Select(x => (step: x.step, v: x.step switch { SweepStep w => Math.Min(w.FromV, w.ToV), CyclicSweepStep c => c.LowV, _ => double.NaN }))
            .Where(x => x.v < ured).OrderBy(x => x.v).FirstOrDefault();
        if (low.step is null) yield break;
        yield return $"{low.step.Where}: step '{low.step.Text}' sweeps {WorkingElectrode.Name} to {low.v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} V, below " +
                     $"{Electrolyte.Name}'s reduction potential {ured.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} V ({d.PathOf("reduction_potential")}): " +
                     $"its reduction on the working electrode is not modelled, so the current there is the double layer's (and below 0 V the {Metal.Name} plating) only";
    }

    /// <summary>
    /// A protocol whose first sweep starts below the reduction potential puts the bare electrode there at once: the
    /// film then forms in the first time steps, a spike of reduction current at the start (as after a potential step
    /// from open circuit), not a peak on the way down. One line says so.
    /// </summary>
    IEnumerable<string> StartBelowReduction(Protocol protocol)
    {
        if (Reduction is not { } red) yield break;
        var first = protocol.Flatten().Select(s => s.step).FirstOrDefault(s => s is SweepStep or CyclicSweepStep or CurrentStep);
        double start = first switch { SweepStep s0 => s0.FromV, CyclicSweepStep c0 => c0.HighV, _ => double.NaN };
        if (first is null || !(start < red.ReductionPotential)) yield break;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        yield return $"{first.Where}: step '{first.Text}' starts the bare {WorkingElectrode.Name} at {start.ToString("0.###", c)} V, below {Electrolyte.Name}'s reduction " +
                     $"potential {red.ReductionPotential.ToString("0.###", c)} V: its reducing film forms in the first time steps (a spike of current, as after a potential step), " +
                     "not in a peak on the way down; start the sweep above the reduction potential to see the peak";
    }

    public static BlockingCell Build(CellSpec spec, MaterialLibrary library)
    {
        if (spec.Kind != "blocking") throw new InputException($"'{spec.Name}' is a {spec.Kind} cell, not a cell with a blocking electrode", spec.File);
        var layers = spec.Layers;
        // an optional fourth layer between the electrolyte and the working electrode grows in the cell (grown_by:)
        bool grown = layers.Count == 4 && layers[2].GrownBy is not null;
        if (layers.Count is not (3 or 4) || !layers[0].Material.IsMetalLike || !layers[1].Material.IsElectrolyte || layers[^1].Material.Class != MaterialClass.BlockingElectrode
            || (layers.Count == 4 && !grown))
            throw new InputException("a blocking cell is three layers: the metal (counter and reference), the electrolyte, the blocking working electrode (e.g. SS); " +
                "or four, with a layer grown on the working electrode during the protocol ({material: PT, grown_by: electropolymerisation, monomer_concentration: 50 mM}) before it",
                layers.Count > 0 ? layers[0].Where : new SourceLocation(spec.File));
        if (layers.Take(2).Append(layers[^1]).FirstOrDefault(l => l.GrownBy is not null) is { } misplaced)
            throw new InputException("a layer grown in the cell sits between the electrolyte and the working electrode, on which it grows", misplaced.Where);
        var p = new Parameters(library, spec.Overrides);
        var warnings = new List<string>(CellValidity.AtCellConditions(spec, p));
        var metal = layers[0].Material;
        var el = layers[1].Material;
        var we = layers[^1].Material;
        var thickness = layers[1].ThicknessM ?? throw new InputException($"the electrolyte {el.Name} needs a thickness, e.g. '100 um'", layers[1].Where);
        // pairs the library lacks take model.yaml's class defaults, each value named among the warnings (decision 0056)
        var pair = p.PairOrClassDefault(metal, el, "the counter electrode's kinetics", layers[0].Where);
        var wePair = p.BlockingPair(we, el, "the blocking electrode's double layer and the electrolyte's oxidation on it", layers[^1].Where);
        var oxidation = p.Optional(el, "validity.oxidation_potential", QuantityKind.Voltage)
            ?? throw new InputException($"{el.Name} has no validity.oxidation_potential: a sweep needs the electrolyte's oxidation limit", el.Properties.Location);
        double Positive(double v, string what) => v > 0 ? v : throw new InputException($"{wePair.Key}: {what} must be positive", wePair.Properties.Location);
        // the electrolyte's reduction on the working electrode (§16.4): only below a reduction potential above the metal's own
        // (0 V means stable down to the metal's deposition, which i_M is) and with a rate from the pair or the blocking defaults
        ElectrolyteReduction? reduction = null;
        if (p.Optional(el, "validity.reduction_potential", QuantityKind.Voltage) is { } ured && ured > 0
            && p.OrClassDefault(wePair, "reduction_current_density", QuantityKind.CurrentDensity) is { } ir0)
            reduction = new ElectrolyteReduction(ured, Positive(ir0, "reduction_current_density"),
                Positive(p.Get(wePair, "reduction_tafel_slope", QuantityKind.Voltage), "reduction_tafel_slope"),
                Positive(p.Get(wePair, "reduction_passivation_charge", QuantityKind.ArealCapacity), "reduction_passivation_charge"));
        var cell = new BlockingCell
        {
            Spec = spec, Parameters = p, Metal = metal, Electrolyte = el, WorkingElectrode = we,
            MetalKinetics = InterfaceKinetics.Read(p, pair),
            ElectrolyteThickness = thickness,
            ElectrolyteConductivity = IonicConductivity.Read(p, el),
            DoubleLayerCapacitance = Positive(p.Get(wePair, "double_layer_capacitance", QuantityKind.ArealCapacitance), "double_layer_capacitance"),
            OxidationPotential = oxidation,
            OxidationCurrentDensity = Positive(p.Get(wePair, "oxidation_current_density", QuantityKind.CurrentDensity), "oxidation_current_density"),
            OxidationTafelSlope = Positive(p.Get(wePair, "oxidation_tafel_slope", QuantityKind.Voltage), "oxidation_tafel_slope"),
            ChargeNumber = MetalProperties.Read(p, metal).ChargeNumber,
            Warnings = warnings,
            Reduction = reduction,
            Growth = grown ? Electropolymerisation.Read(p, library, layers[2].Material, el, we, layers[2].MonomerConcentration!.Value, layers[2].Where) : null,
            WorkingInterfaceAsrRef = p.Optional(wePair, "interfacial_asr", QuantityKind.AreaSpecificResistance) ?? 0,
            WorkingInterfaceReferenceK = p.Optional(wePair, "reference_temperature", QuantityKind.Temperature) ?? 298.15,
            WorkingInterfaceActivationEnergy = p.Optional(wePair, "activation_energy", QuantityKind.MolarEnergy) ?? 0,
        };
        if (p.Unused.FirstOrDefault() is { } unused)
            throw new InputException($"override '{unused.Path}' is not used by the blocking-cell model", unused.Where);
        warnings.AddRange(p.Defaulted.Select(d => d.Warning));
        warnings.AddRange(p.Borrowed);
        return cell;
    }
}
