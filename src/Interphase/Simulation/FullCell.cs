using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>
/// The full-cell degradation mechanisms a run includes, from the cell's <see cref="Mechanisms"/> (cell file
/// <c>mechanisms:</c> or the older <c>degradation:</c>): the anode interphase, the cathode interphase, the cathode
/// particles' contact, high-potential loss of active material, and the anode's filaments (short circuit). The
/// anode's own contact law (voids) is its electrode's (<see cref="ElectrodeSide.VoidsOpen"/>).
/// </summary>
public sealed record DegradationSwitches(bool AnodeInterphase, bool CathodeInterphase, bool ContactLoss, bool ActiveMaterialLoss, bool ShortCircuit)
{
    public static readonly DegradationSwitches All = new(true, true, true, true, true);

    public static DegradationSwitches Of(Mechanisms m) =>
        new(m.InterphaseGrowth, m.CathodeInterphase, m.CathodeContactLoss, m.ActiveMaterialLoss, m.Dendrites);
}

/// <summary>
/// A composite cathode: active particles (intercalation or conversion), the electrolyte that carries
/// ions through it, and its interface with that electrolyte.
/// </summary>
public sealed class CompositeCathode
{
    public required Material Material { get; init; }
    public required Material Electrolyte { get; init; }
    public required IntercalationCathode? Intercalation { get; init; }
    public required ConversionCathode? Conversion { get; init; }
    public required ParticleDiffusion? Particle { get; init; }
    /// <summary>Active mass per electrode area (kg/m²).</summary>
    public required double ActiveMass { get; init; }
    public required double Thickness { get; init; }
    public required double ElectrolyteFraction { get; init; }
    public required IonicConductivity ElectrolyteConductivity { get; init; }
    public required CathodeInterface Interface { get; init; }
    /// <summary>Practical specific capacity that C-rates refer to (C/kg).</summary>
    public required double NominalCapacity { get; init; }
    /// <summary>A liquid fills the composite and refills cracks: no contact loss.</summary>
    public required bool LiquidFilled { get; init; }
    /// <summary>Contact lost per unit of volumetric strain swing (intercalation cathodes in a solid electrolyte).</summary>
    public required double ContactFatigue { get; init; }
    public required double ParticleRadius { get; init; }
    /// <summary>The BPX file that supplied the active material's OCV, diffusion and stoichiometry window (<c>bpx:</c>), or null.</summary>
    public BpxCathode? Bpx { get; init; }

    public double Density => Intercalation?.Density ?? Conversion!.Density;
    public double ActiveVolume => ActiveMass / Density;
    /// <summary>Particle surface per electrode area (m²/m²), 3V/R.</summary>
    public double SurfaceArea => 3 * ActiveVolume / ParticleRadius;

    /// <summary>Charge the active material holds over its whole stoichiometry range (C/m²).</summary>
    public double FullCharge => Intercalation is { } ic
        ? ic.MaxConcentration * ic.ChargeNumber * Si.Faraday * ActiveVolume
        : Conversion!.TheoreticalCapacity * ActiveMass;

    /// <summary>Ionic resistance of the composite for a uniform reaction distribution, L/(3σ_eff), σ_eff = σ·ε^1.5 (Ω m²).</summary>
    public double IonicAsr(double T) => Thickness / (3 * ElectrolyteConductivity.At(T) * Math.Pow(ElectrolyteFraction, 1.5));
}

/// <summary>
/// A full cell: a metal or alloy anode with the interface model of the symmetric cells, an electrolyte
/// separator, and a composite cathode. Stack in the cell file: anode | [interlayers] | electrolyte | cathode.
/// </summary>
public sealed class FullCell : CellWithElectrolyte
{
    public required ElectrodeSide Anode { get; init; }
    /// <summary>Equilibrium potential of the anode vs Li/Li⁺ (or vs the host metal): 0 for a metal, 0.622 V for Li–In.</summary>
    public required double AnodePotential { get; init; }
    public required CompositeCathode Cathode { get; init; }
    public required DegradationSwitches Degradation { get; init; }
    public required int ReferenceCycle { get; init; }
    protected override IEnumerable<ElectrodeSide> Electrodes => [Anode];
    /// <summary>The metal bridge an anode filament makes when it touches the cathode (soft shorts, as in a symmetric cell); null when the metal's data are missing.</summary>
    public MetalBridge? Bridge { get; init; }
    /// <summary>A layer grown on the composite cathode during the protocol (<c>grown_by:</c> before the cathode, docs/models.md §16.2), or null.</summary>
    public CompositeLayerGrowth? CathodeGrowth { get; init; }

    /// <summary>The charge voltage of the protocol against the composite electrolyte's oxidation potential.</summary>
    protected override IEnumerable<string> ProtocolWarnings(Protocol protocol) =>
        (CellValidity.Oxidation(Parameters, Cathode.Electrolyte, Cathode.Interface.Pair, Cathode.Interface.OxidationOnset, AnodePotential, protocol) is { } w ? new[] { w } : [])
        .Concat(Cathode.Bpx?.Warnings ?? []);

    /// <summary>
    /// Electronic leakage resistance of the cell (Ω m², ElectronicLeakage, the same path as a symmetric
    /// cell's with one metal side): the anode's interphases and interlayers in series with the electrolyte
    /// its interphase front has not converted. The composite cathode adds none: its carbon conducts the
    /// electrons that reach it. ∞ for an electronically insulating stack.
    /// </summary>
    internal double LeakageAsr(double contact, double l0, double l1) =>
        ElectronicPathAsr(ElectrodeSideDynamics.ElectrolyteConsumed(Anode, l0), ElectrodeSideDynamics.ElectronicAsr(Anode, contact, l0, l1));

    public static FullCell Build(CellSpec spec, MaterialLibrary library) => BuildChecked(spec, library, Build, "full-cell");

    public static FullCell Build(CellSpec spec, Parameters p)
    {
        var layers = spec.Layers;
        // a layer grown in the cell (grown_by:) may sit between the electrolyte and the cathode, on which it grows
        // during the protocol (docs/models.md §16.2); it is then set aside from the stack as assembled
        LayerSpec? grown = layers.Count >= 4 && layers[^2].GrownBy is not null && layers[^1].IsCathode ? layers[^2] : null;
        var asWritten = spec;
        if (grown is not null) spec = spec with { Layers = [.. layers.Take(layers.Count - 2), layers[^1]] };
        spec.RefuseGrownLayers();
        layers = spec.Layers;
        var layersLoc = spec.Root.Require("layers").Location;
        if (!layers[0].Material.IsMetalLike)
            throw new InputException($"the first layer of a full cell is the anode (a metal or alloy), found {layers[0].Material.Name} ({layers[0].Material.Class})", layers[0].Where);
        if (!layers[^1].IsCathode)
            throw new InputException($"the last layer of a full cell is the cathode composite (a cathode material with a loading), found {layers[^1].Material.Name}", layers[^1].Where);
        var eIdx = layers.Select((l, i) => (l, i)).Where(x => x.l.Material.IsElectrolyte).Select(x => x.i).ToList();
        if (eIdx.Count != 1)
            throw new InputException(eIdx.Count == 0 ? "the stack has no electrolyte layer between anode and cathode" : "a full cell has one electrolyte layer", eIdx.Count == 0 ? layersLoc : layers[eIdx[1]].Where);
        int e = eIdx[0];
        if (e != layers.Count - 2)
            throw new InputException("the cathode must follow the electrolyte directly", layers[e + 1].Where);
        for (int i = 1; i < e; i++)
            if (layers[i].Material.Class is not (MaterialClass.Interlayer or MaterialClass.Amalgam))
                throw new InputException($"{layers[i].Material.Name} ({layers[i].Material.Class}) cannot sit between the anode and the electrolyte; expected an interlayer or amalgam", layers[i].Where);

        var el = ElectrolyteStack.Read(p, layers[e], spec, metal0: layers[0].Material);
        var anode = SymmetricCell.BuildSide("anode", layers[0], layers.Skip(1).Take(e - 1).ToList(), [], layers[e], el.Geometry, spec, p, el.Metal, el.Conductivity, el.Criterion);
        double anodeU = layers[0].Material.Class == MaterialClass.Alloy ? p.Get(layers[0].Material, "potential_vs_li", QuantityKind.Voltage) : 0;
        var model = p.Library.Get("model");
        var cathode = BuildCathode(layers[^1], el.Material, spec, p, model);
        var growth = grown is null ? null : ReadCathodeGrowth(grown, cathode, el.Geometry.Thickness, p);

        int refCycle = spec.Root.Get("reference_cycle") is { } rc ? rc.Integer() : 1;
        if (refCycle < 1) throw new InputException("reference_cycle must be 1 or more", spec.Root.Get("reference_cycle")!.Location);

        return new FullCell
        {
            Spec = asWritten, Parameters = p, Anode = anode, AnodePotential = anodeU,
            Electrolyte = el.Material, ElectrolyteThickness = el.Geometry.Thickness, ElectrolyteConductivity = el.Conductivity,
            TransferenceNumber = el.TransferenceNumber, Concentration = el.Concentration, SaltDiffusivity = el.SaltDiffusivity,
            ElectrolytePermittivity = el.Permittivity, ElectrolyteElectronicConductivity = el.ElectronicConductivity, Cathode = cathode,
            SeparatorThickness = anode.Paths[0].Segments.Sum(x => x.thickness),
            ShortCircuitAsr = p.Get(model, "short_circuit_asr", QuantityKind.AreaSpecificResistance),
            Degradation = DegradationSwitches.Of(spec.Mechanisms),
            ReferenceCycle = refCycle,
            Bridge = MetalBridge.Read(p, layers[0].Material),
            CathodeGrowth = growth,
        };
    }

    /// <summary>
    /// The layer grown on the composite cathode (docs/models.md §16.2): the electropolymerisation of §16.1 from the
    /// composite's electrolyte, per real area of the particles' surface a = 3V/R; the bare interface per real area is
    /// the cathode pair's (per electrode area) × a, the covered one adds the film's interface with the active material
    /// (<c>cathode|polymer.interfacial_asr</c>). The monomer diffuses across the separator and the composite's pores.
    /// </summary>
    static CompositeLayerGrowth ReadCathodeGrowth(LayerSpec layer, CompositeCathode cathode, double separatorThickness, Parameters p)
    {
        if (cathode.Intercalation is null)
            throw new InputException($"a layer grown on a conversion cathode ({cathode.Material.Name}) is not modelled; docs/models.md §16.2 grows it on an intercalation cathode's particles", layer.Where);
        var law = Electropolymerisation.Read(p, p.Library, layer.Material, cathode.Electrolyte, cathode.Material, layer.MonomerConcentration!.Value, layer.Where);
        var onFilm = p.Library.RequirePair(cathode.Material, layer.Material, $"the Li+ transfer from the grown {layer.Material.Name} into {cathode.Material.Name}", layer.Where);
        double a = cathode.SurfaceArea;
        double rSub = p.Get(onFilm, "interfacial_asr", QuantityKind.AreaSpecificResistance);
        if (!(rSub >= 0)) throw new InputException($"{onFilm.Key}.interfacial_asr must not be negative", onFilm.Properties.Location);
        law = law with { PristineAsrRef = law.PristineAsrRef * a }; // per real area: the pair's value is per electrode area
        law = law with
        {
            SubstrateAsrRef = rSub,
            SubstrateAsrReferenceK = p.Get(onFilm, "reference_temperature", QuantityKind.Temperature),
            SubstrateAsrActivationEnergy = p.Get(onFilm, "activation_energy", QuantityKind.MolarEnergy),
        };
        return new CompositeLayerGrowth(law, a, separatorThickness + cathode.ElectrolyteFraction * cathode.Thickness);
    }

    static CompositeCathode BuildCathode(LayerSpec layer, Material cellElectrolyte, CellSpec spec, Parameters p, Material model)
    {
        var node = layer.Node!;
        var m = layer.Material;
        var compElectrolyte = node.Get("electrolyte") is { } en ? p.Library.Get(en.Text(), en.Location) : cellElectrolyte;
        if (!compElectrolyte.IsElectrolyte)
            throw new InputException($"{compElectrolyte.Name} is not an electrolyte", node.Get("electrolyte")!.Location);
        var loadingNode = node.Require("loading", "the active-material loading, e.g. '1.4 mg/cm2'");
        var loading = loadingNode.Quantity(QuantityKind.ArealMass);
        if (loading <= 0 || loading > 1) throw new InputException($"a loading of {loading * 100:G4} mg/cm2 is not a battery electrode", loadingNode.Location);
        bool liquid = compElectrolyte.Class == MaterialClass.LiquidElectrolyte;
        double Fraction(string key, string modelKey)
        {
            var n = node.Get(key);
            var v = n?.Quantity(QuantityKind.Dimensionless) ?? p.Get(model, modelKey, QuantityKind.Dimensionless);
            if (v <= 0 || v >= 1) throw new InputException($"{key} must be between 0 and 1, got {v}", n?.Location ?? node.Location);
            return v;
        }
        var elFrac = Fraction("electrolyte_fraction", "composite_electrolyte_fraction");
        var amFrac = Fraction("active_volume_fraction", "composite_active_volume_fraction");
        if (elFrac + amFrac > 1) throw new InputException($"electrolyte_fraction + active_volume_fraction = {elFrac + amFrac:G3} exceeds 1", node.Location);

        IntercalationCathode? ic = null;
        ConversionCathode? cc = null;
        double radius;
        BpxCathode? bpx = null;
        if (m.Class == MaterialClass.Cathode)
        {
            ic = IntercalationCathode.Read(p, m) with
            {
                ElectrolyteConcentration = compElectrolyte.IsSoftElectrolyte
                    ? p.Get(compElectrolyte, "salt_concentration", QuantityKind.Concentration) : 1000,
            };
            if (node.Get("bpx") is { } bpxNode)
            {
                bpx = ReadBpx(bpxNode, m, spec);
                ic = bpx.Apply(ic);
            }
            radius = node.Get("particle_radius")?.Quantity(QuantityKind.Length) ?? ic.ParticleRadius;
            // the cell file's particle_radius wins over the BPX file's: its source is then the cell file
            if (bpx is not null && node.Get("particle_radius") is not null)
                bpx = bpx with { Sources = bpx.Sources.Where(x => x.Key != "particle_radius").ToDictionary() };
        }
        else if (node.Get("bpx") is { } bpxNode)
            throw new InputException($"{m.Name} is a conversion cathode; a BPX file describes an intercalation electrode", bpxNode.Location);
        else
        {
            // strain the electrolyte accommodates: porous microspheres with electrolyte grown inside buffer the expansion
            double accommodation = p.Get(m, "electrolyte_strain_accommodation", QuantityKind.Dimensionless);
            if (layer.Morphology is "microsphere")
            {
                var por = layer.Porosity ?? throw new InputException("a microsphere cathode needs its internal porosity, e.g. 'porosity: 0.4'", layer.Where);
                accommodation = Math.Max(accommodation, por / (1 - por));
            }
            else if (layer.Morphology is not null)
                throw new InputException($"unknown cathode morphology '{layer.Morphology}': expected microsphere (or none)", layer.Where);
            double beta = liquid ? 0 : p.Get(m, "contact_loss_coefficient", QuantityKind.Dimensionless);
            cc = ConversionCathode.Read(p, m, accommodation, beta);
            radius = node.Get("particle_radius")?.Quantity(QuantityKind.Length) ?? cc.ParticleRadius;
            // the cell file's particle radius is the one the shrinking core converts (it was read and not used)
            if (radius > 0) cc = cc with { ParticleRadius = radius };
        }
        if (radius <= 0) throw new InputException("particle_radius must be positive", layer.Where);
        double density = ic?.Density ?? cc!.Density;
        double activeVolume = loading / density;
        double thickness = layer.ThicknessM ?? activeVolume / amFrac;

        var pair = p.CathodePair(m, compElectrolyte, "the cathode|electrolyte interface (resistance, oxidation)", layer.Where);
        var theoretical = ic?.TheoreticalCapacity ?? cc!.TheoreticalCapacity;
        var nominal = node.Get("nominal_capacity")?.Quantity(QuantityKind.SpecificCapacity) ?? theoretical;
        if (nominal <= 0 || nominal > 1.02 * theoretical)
            throw new InputException($"nominal_capacity {nominal / 3600:G4} mAh/g must be positive and at most the theoretical {theoretical / 3600:G4} mAh/g", node.Get("nominal_capacity")?.Location ?? layer.Where);

        return new CompositeCathode
        {
            Material = m, Electrolyte = compElectrolyte, Intercalation = ic, Conversion = cc,
            Particle = ic is null ? null : new ParticleDiffusion(radius),
            ActiveMass = loading, Thickness = thickness, ElectrolyteFraction = elFrac,
            ElectrolyteConductivity = IonicConductivity.Read(p, compElectrolyte),
            Interface = CathodeInterface.Read(p, pair), NominalCapacity = nominal, LiquidFilled = liquid,
            // a liquid refills and a polymer flows back into the gaps a breathing particle opens; a ceramic or glass does not
            ContactFatigue = compElectrolyte.IsSoftElectrolyte ? 0 : p.Get(model, "composite_contact_fatigue", QuantityKind.Dimensionless),
            ParticleRadius = radius,
            Bpx = bpx,
        };
    }

    /// <summary>
    /// The cathode layer's <c>bpx: file.json</c> (relative to the cell file). A library override of a value the
    /// BPX file supplies is refused: one of the two would be silently ignored.
    /// </summary>
    static BpxCathode ReadBpx(YNode node, Material m, CellSpec spec)
    {
        var rel = node.Text().Trim();
        if (rel.Length == 0) throw new InputException("bpx: expected the path of a BPX (JSON) file, relative to the cell file", node.Location);
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec.File)) ?? ".", rel);
        if (!File.Exists(path)) throw new InputException($"BPX file '{rel}' not found next to the cell file", node.Location);
        foreach (var o in spec.Overrides)
        {
            var dot = o.Path.IndexOf('.');
            if (dot > 0 && string.Equals(o.Path[..dot].Trim(), m.Name, StringComparison.OrdinalIgnoreCase)
                && BpxCathode.Replaces.Contains(o.Path[(dot + 1)..].Trim().Split('.')[0]))
                throw new InputException($"override '{o.Path}': the cathode's BPX file ({rel}) supplies this value; change it there or drop the bpx key", o.Where);
        }
        return BpxCathode.Load(path, node.Location);
    }
}
