using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>
/// One current path from the depositing surface through the layers next to it, used in parallel
/// with others when a porous interlayer lets the electrolyte reach the metal through its pores.
/// </summary>
public sealed class CurrentPath
{
    public required string Description { get; init; }
    /// <summary>The layer the depositing surface meets on this path (an interlayer or the electrolyte).</summary>
    public required Material Neighbour { get; init; }
    public required double AreaFraction { get; init; }
    public required InterfaceKinetics Kinetics { get; init; }
    public required ButlerVolmer Kinetic { get; init; }
    public required InterphaseGrowth? Growth { get; init; }
    /// <summary>Series ionic resistance of the interlayer material(s) on this path (Ω m² of path area).</summary>
    public required double OhmicAsr { get; init; }
    /// <summary>Layers a filament growing from this path must cross, from the surface outwards.</summary>
    public required IReadOnlyList<(double thickness, PenetrationCriterion criterion)> Segments { get; init; }
    public double Cdl => Kinetics.DoubleLayerCapacitance;
    /// <summary>Ionic conductivity of <see cref="Neighbour"/>, into which the contact spots spread the current.</summary>
    public IonicConductivity? NeighbourConductivity { get; init; }
    /// <summary>Grain-interior over total conductivity of the neighbour (1 unless the library gives a grain_conductivity):
    /// contact spots smaller than a grain spread the current inside the first grain (Fleig &amp; Maier 1997).</summary>
    public double SpreadingConductivityFactor { get; init; } = 1;
}

/// <summary>One electrode of a symmetric cell: its metal, interlayers and the interface network.</summary>
public sealed class ElectrodeSide
{
    public required string Label { get; init; }
    public required Material Metal { get; init; }
    public required MetalProperties MetalProps { get; init; }
    public required double MetalThickness { get; init; }
    public required ContactModel Contact { get; init; }
    public required Material Surface { get; init; }
    public required AmalgamInterlayer? Amalgam { get; init; }
    public required double AmalgamThickness { get; init; }
    /// <summary>The zone of a solid electrolyte the amalgam infiltrates (AmalgamZone); null without an amalgam on a solid electrolyte.</summary>
    public AmalgamZone? Zone { get; init; }
    public required IReadOnlyList<CurrentPath> Paths { get; init; }
    /// <summary>1/τ of a soft (polymer) neighbour flowing back into gaps, 0 for rigid ones.</summary>
    public required double ConformalRate { get; init; }
    public required double InitialContact { get; init; }
    /// <summary>Film-free fraction θ_s of the metal|electrolyte interface (SurfaceFilm, docs/models.md §6.2): ions cross only there; 1 without a film.</summary>
    public double FilmFreeFraction { get; init; } = 1;
    /// <summary>The surface state θ_s came from (a library state, a given fraction or a given ASR), for reporting.</summary>
    public string SurfaceState { get; init; } = SurfaceFilm.None.State;
    /// <summary>Equilibrium potential of the electrode vs its pure metal (an alloy such as Li–In: 0.622 V); 0 for the metal.</summary>
    public double SurfacePotential { get; init; }
    /// <summary>Electronic resistance of the ionic interlayers in series (Ω m², ElectronicLeakage.Layer); 0 without any, ∞ when one is an insulator.</summary>
    public double InterlayerElectronicAsr { get; init; }
    /// <summary>The metal creeping into the electrolyte's open pores, where it touches a pressed electrolyte (null otherwise).</summary>
    public PoreIntrusion? Intrusion { get; init; }
    /// <summary>Ionic interlayers and their thickness/porosity, for reporting.</summary>
    public required IReadOnlyList<(Material material, LayerGeometry geometry)> Interlayers { get; init; }

    // ---- the electrode's mechanisms as chosen when the cell was built (Mechanisms; all true unless switched off)
    /// <summary>Stripping opens voids (the contact law's stripping term); false: contact-loss off.</summary>
    public bool VoidsOpen { get; init; } = true;
    /// <summary>The interphases grow and take metal; false: interphase-growth off (they keep their initial thickness).</summary>
    public bool InterphaseGrows { get; init; } = true;
    /// <summary>The contact spots add their constriction resistance; false: constriction off.</summary>
    public bool Constricts { get; init; } = true;
    /// <summary>A filament lowers the separator's resistance before it spans it; false: filament-conduction off.</summary>
    public bool FilamentsConduct { get; init; } = true;
    /// <summary>The salt at the electrode's face can run out (Sand's time); false: concentration-polarisation off (uniform salt).</summary>
    public bool SaltDepletes { get; init; } = true;

    /// <summary>Resistivity (Ω m) the contact spots spread into: 1/Σ f_p σ_p of the paths' neighbours (0 if none is ionic, or constriction is off).</summary>
    public double SpreadingResistivity(double T)
    {
        if (!Constricts) return 0;
        double g = 0;
        foreach (var p in Paths) g += p.AreaFraction * p.SpreadingConductivityFactor * (p.NeighbourConductivity?.At(T) ?? 0);
        return g > 0 ? 1 / g : 0;
    }
}

/// <summary>
/// A symmetric cell metal | [interlayers] | electrolyte | [interlayers] | metal, resolved against the
/// materials library at the cell's temperature and pressure: everything the simulator needs.
/// </summary>
public sealed class SymmetricCell : CellWithElectrolyte
{
    public required ElectrodeSide Left { get; init; }
    public required ElectrodeSide Right { get; init; }
    /// <summary>The metal bridge a filament makes at its first contact with the counter electrode (soft shorts); null when the metal's data are missing.</summary>
    public MetalBridge? Bridge { get; init; }
    protected override IEnumerable<ElectrodeSide> Electrodes => [Left, Right];

    const double ElectronicConductorThreshold = 1.0; // S/m (1e-2 S/cm): above this an interlayer carries electrons
    /// <summary>A liquid electrolyte refills any gap at once (1/s): there is no contact loss against it.</summary>
    internal const double LiquidWettingRate = 1.0;

    public static SymmetricCell Build(CellSpec spec, MaterialLibrary library) => BuildChecked(spec, library, Build, "symmetric-cell");

    public static SymmetricCell Build(CellSpec spec, Parameters p)
    {
        var layers = spec.Layers;
        spec.RefuseGrownLayers();
        var eIdx = layers.Select((l, i) => (l, i)).Where(x => x.l.Material.IsElectrolyte).Select(x => x.i).ToList();
        if (eIdx.Count == 0)
            throw new InputException("the stack has no electrolyte layer (solid or polymer electrolyte)", spec.Root.Require("layers").Location);
        if (eIdx.Count > 1)
            throw new InputException($"the stack has {eIdx.Count} electrolyte layers; a symmetric cell has exactly one", layers[eIdx[1]].Where);
        int e = eIdx[0];
        if (!layers[0].Material.IsMetalLike)
            throw new InputException($"the first layer must be the metal electrode, found {layers[0].Material.Name} ({layers[0].Material.Class})", layers[0].Where);
        if (!layers[^1].Material.IsMetalLike)
            throw new InputException($"the last layer must be the metal electrode, found {layers[^1].Material.Name} ({layers[^1].Material.Class})", layers[^1].Where);
        if (!string.Equals(layers[0].Material.Name, layers[^1].Material.Name, StringComparison.OrdinalIgnoreCase))
            throw new InputException($"a symmetric cell has the same metal on both sides, found {layers[0].Material.Name} and {layers[^1].Material.Name}", layers[^1].Where);
        for (int i = 1; i < layers.Count - 1; i++)
        {
            if (i == e) continue;
            var c = layers[i].Material.Class;
            if (c is not (MaterialClass.Interlayer or MaterialClass.Amalgam))
                throw new InputException($"{layers[i].Material.Name} ({c}) cannot sit between the metal and the electrolyte; expected an interlayer or amalgam", layers[i].Where);
        }

        var el = ElectrolyteStack.Read(p, layers[e], spec, metal0: layers[0].Material);
        var electrolyte = el.Material;
        var elGeom = el.Geometry;
        var sigma = el.Conductivity;
        var metal = el.Metal;
        var criterion = el.Criterion;

        var leftLayers = layers.Skip(1).Take(e - 1).ToList();
        var rightLayers = layers.Skip(e + 1).Take(layers.Count - e - 2).Reverse().ToList();
        var left = BuildSide("electrode 1", layers[0], leftLayers, rightLayers, layers[e], elGeom, spec, p, metal, sigma, criterion);
        var right = BuildSide("electrode 2", layers[^1], rightLayers, leftLayers, layers[e], elGeom, spec, p, metal, sigma, criterion);

        double SeparatorFromSide(ElectrodeSide s) => s.Paths[0].Segments.Sum(x => x.thickness);
        var model = library(p).Get("model");
        var shortAsr = p.Get(model, "short_circuit_asr", QuantityKind.AreaSpecificResistance);

        return new SymmetricCell
        {
            Spec = spec, Parameters = p, Left = left, Right = right,
            Electrolyte = electrolyte, ElectrolyteThickness = elGeom.Thickness, ElectrolyteConductivity = sigma,
            TransferenceNumber = el.TransferenceNumber, Concentration = el.Concentration, SaltDiffusivity = el.SaltDiffusivity,
            ElectrolytePermittivity = el.Permittivity,
            SeparatorThickness = SeparatorFromSide(left), ShortCircuitAsr = shortAsr,
            ElectrolyteElectronicConductivity = el.ElectronicConductivity,
            Bridge = MetalBridge.Read(p, layers[0].Material),
        };
    }

    static MaterialLibrary library(Parameters p) => p.Library;

    /// <summary>
    /// Electronic leakage resistance of the whole cell (Ω m², ElectronicLeakage): both sides in series with the
    /// electrolyte the interphase fronts have left (none once they meet). ∞ for an electronically insulating stack.
    /// </summary>
    internal double LeakageAsr(double aL, double l0L, double l1L, double aR, double l0R, double l1R) =>
        ElectronicPathAsr(ElectrodeSideDynamics.ElectrolyteConsumed(Left, l0L) + ElectrodeSideDynamics.ElectrolyteConsumed(Right, l0R),
            ElectrodeSideDynamics.ElectronicAsr(Left, aL, l0L, l1L) + ElectrodeSideDynamics.ElectronicAsr(Right, aR, l0R, l1R));

    internal static ElectrodeSide BuildSide(string label, LayerSpec metalLayer, List<LayerSpec> inner, List<LayerSpec> farInner, LayerSpec electrolyteLayer,
        LayerGeometry elGeom, CellSpec spec, Parameters p, MetalProperties metal, IonicConductivity elSigma,
        Func<Material, double, SourceLocation, PenetrationCriterion> criterion)
    {
        if (metalLayer.ThicknessM is null)
            throw new InputException($"the metal layer {metalLayer.Material.Name} needs a thickness, e.g. '100 um'", metalLayer.Where);
        var T = spec.TemperatureK;
        var contact = ContactModel.Read(p, metalLayer.Material, metal);

        // depositing surface: the metal, or electronically conducting interlayers next to it
        Material surface = metalLayer.Material;
        AmalgamInterlayer? amalgam = null;
        double amalgamThickness = 0;
        int k = 0;
        double hardness = metal.Hardness;
        while (k < inner.Count)
        {
            var m = inner[k].Material;
            bool electronic = m.Class == MaterialClass.Amalgam ||
                (p.Optional(m, "electronic_conductivity", QuantityKind.Conductivity) ?? 0) >= ElectronicConductorThreshold;
            if (!electronic) break;
            surface = m;
            if (m.Class == MaterialClass.Amalgam)
            {
                if (amalgam is not null) throw new InputException("only one amalgam layer per electrode is supported", inner[k].Where);
                amalgam = AmalgamInterlayer.Read(p, m);
                // amalgam-wetting off: the same amalgam without infiltration (as model.amalgam_wetting: off)
                if (!spec.Mechanisms.AmalgamWetting) amalgam = amalgam with { Wetting = false };
                amalgamThickness = LayerGeometry.Resolve(inner[k], p, spec.DensifyingPressurePa).Thickness;
            }
            k++;
        }
        var ionic = inner.Skip(k).ToList();
        var ionicGeoms = ionic.Select(l => (l.Material, LayerGeometry.Resolve(l, p, spec.DensifyingPressurePa))).ToList();
        foreach (var (m, _) in ionicGeoms)
            if (m.Class == MaterialClass.Amalgam)
                throw new InputException($"the amalgam {m.Name} must touch the metal", ionic.First(l => l.Material == m).Where);

        var electrolyte = electrolyteLayer.Material;
        // layers a filament crosses beyond the first contact: rest of this side, electrolyte, far side's ionic interlayers
        var farIonic = farInner.Where(l => !(l.Material.Class == MaterialClass.Amalgam ||
            (p.Optional(l.Material, "electronic_conductivity", QuantityKind.Conductivity) ?? 0) >= ElectronicConductorThreshold)).ToList();
        var tail = new List<(double, PenetrationCriterion)>();
        tail.Add((elGeom.Thickness, criterion(electrolyte, elGeom.Thickness, electrolyteLayer.Where)));
        foreach (var l in Enumerable.Reverse(farIonic))
            tail.Add((LayerGeometry.Resolve(l, p, spec.DensifyingPressurePa).Thickness, criterion(l.Material, 0, l.Where)));

        double Sig(Material m) => IonicConductivity.Read(p, m).At(T);
        CurrentPath MakePath(string desc, double fraction, Material neighbour, double ohmic, List<(double, PenetrationCriterion)> segments, SourceLocation where)
        {
            var pair = p.PairOrClassDefault(surface, neighbour, "the charge transfer, nucleation and interphase at this interface", where);
            var kin = InterfaceKinetics.Read(p, pair);
            var nSigma = neighbour == electrolyte ? elSigma : IonicConductivity.Read(p, neighbour);
            double grain = p.Optional(neighbour, "grain_conductivity", QuantityKind.Conductivity) is { } gc ? gc / nSigma.At(Si.ZeroCelsius + 25) : 1;
            return new CurrentPath
            {
                Description = desc, Neighbour = neighbour, AreaFraction = fraction, Kinetics = kin, Kinetic = kin.At(T),
                Growth = InterphaseGrowth.Read(p, pair, neighbour), OhmicAsr = ohmic, Segments = segments,
                NeighbourConductivity = nSigma, SpreadingConductivityFactor = grain,
            };
        }

        var paths = new List<CurrentPath>();
        if (ionicGeoms.Count == 0)
        {
            paths.Add(MakePath($"{surface.Name}|{electrolyte.Name}", 1, electrolyte, 0, tail, electrolyteLayer.Where));
        }
        else
        {
            var (first, g0) = ionicGeoms[0];
            double restOhmic = 0;
            var restSegments = new List<(double, PenetrationCriterion)>();
            for (int j = 1; j < ionicGeoms.Count; j++)
            {
                var (m, g) = ionicGeoms[j];
                restOhmic += g.Thickness / (Sig(m) * g.BruggemanFactor);
                restSegments.Add((g.Thickness, criterion(m, g.Thickness, ionic[j].Where)));
            }
            restSegments.AddRange(tail);
            var wallSegments = new List<(double, PenetrationCriterion)> { (g0.Thickness, criterion(first, g0.Thickness, ionic[0].Where)) };
            wallSegments.AddRange(restSegments);
            if (g0.PoresFilledByElectrolyte)
            {
                // dense walls in parallel with electrolyte-filled pores that reach the metal
                paths.Add(MakePath($"{surface.Name}|{first.Name} (walls, {1 - g0.Porosity:P0} of area)", 1 - g0.Porosity, first,
                    g0.Thickness / Sig(first) + restOhmic, wallSegments, ionic[0].Where));
                var poreSegments = new List<(double, PenetrationCriterion)> { (g0.Thickness, criterion(electrolyte, g0.Thickness, ionic[0].Where)) };
                poreSegments.AddRange(restSegments);
                paths.Add(MakePath($"{surface.Name}|{electrolyte.Name} (electrolyte-filled pores, {g0.Porosity:P0} of area)", g0.Porosity, electrolyte,
                    g0.Thickness / elSigma.At(T) + restOhmic, poreSegments, ionic[0].Where));
            }
            else
            {
                paths.Add(MakePath($"{surface.Name}|{first.Name}", 1, first,
                    g0.Thickness / (Sig(first) * g0.BruggemanFactor) + restOhmic, wallSegments, ionic[0].Where));
            }
        }

        // a soft polymer neighbour flows back into gaps
        var neighbour = ionicGeoms.Count > 0 ? ionicGeoms[0].Item1 : electrolyte;
        double conformal = 0;
        if (neighbour.Class == MaterialClass.PolymerElectrolyte)
            conformal = 1 / p.Get(neighbour, "conformal_relaxation_time", QuantityKind.Time);
        else if (neighbour.Class == MaterialClass.LiquidElectrolyte)
            conformal = LiquidWettingRate;

        // initial contact: a soft polymer conforms; an amalgam is applied as liquid Hg, which spreads to
        // its wetted fraction (1 + cos θ0)/2 before Li turns it solid; a solid metal is pressed (Tabor) at the
        // larger of the stack pressure and the pressure it was pressed on with when the cell was made
        var initial = conformal > 0 ? 1.0
            : amalgam is not null ? amalgam.WettedContact(0)
            : ContactModel.InitialContact(spec.ContactFormingPressurePa, hardness);

        // a surface film on the electrolyte (Li2CO3/LiOH on a garnet) leaves ions only its film-free fraction
        // (SurfaceFilm, docs/models.md §6.2); it applies where the metal itself touches the electrolyte
        var film = SurfaceFilm.None;
        if (ionicGeoms.Count == 0 && surface == metalLayer.Material)
        {
            var path0 = paths[0];
            film = SurfaceFilm.Resolve(p, p.PairOrClassDefault(surface, electrolyte, "the surface state of this interface", electrolyteLayer.Where),
                spec.Surface, t => path0.Kinetics.At(t).LinearResistance, contact.Constriction,
                t => 1 / (path0.SpreadingConductivityFactor * path0.NeighbourConductivity!.At(t)), T);
        }
        else if (spec.Surface is { } sk)
            throw new InputException($"surface: the surface state applies where the metal touches the electrolyte directly; {label} has {surface.Name}{(ionicGeoms.Count > 0 ? " and " + string.Join(", ", ionicGeoms.Select(x => x.Item1.Name)) : "")} between them", sk.Location);

        return new ElectrodeSide
        {
            FilmFreeFraction = film.FilmFreeFraction, SurfaceState = film.State,
            Label = label, Metal = metalLayer.Material, MetalProps = metal, MetalThickness = metalLayer.ThicknessM.Value,
            Contact = contact, Surface = surface, Amalgam = amalgam, AmalgamThickness = amalgamThickness, Paths = paths,
            // an amalgam touching a solid electrolyte infiltrates its surface channels (docs/models.md §8.1)
            Zone = amalgam is not null && ionicGeoms.Count == 0 && electrolyte.Class == MaterialClass.SolidElectrolyte
                ? AmalgamZone.Read(p, surface, electrolyte) : null,
            ConformalRate = conformal, InitialContact = initial, Interlayers = ionicGeoms,
            InterlayerElectronicAsr = ionicGeoms.Sum(x => ElectronicLeakage.Layer(x.Item2.Thickness, p.Optional(x.Item1, "electronic_conductivity", QuantityKind.Conductivity) ?? 0)),
            // a solid metal pressed directly on an electrolyte with open pores creeps into them (Doux 2020)
            Intrusion = amalgam is null && ionicGeoms.Count == 0 && surface == metalLayer.Material && conformal == 0 && spec.Mechanisms.PoreIntrusion
                ? PoreIntrusion.Read(p, metalLayer.Material, electrolyte, elGeom.Thickness) : null,
            VoidsOpen = spec.Mechanisms.ContactLoss, InterphaseGrows = spec.Mechanisms.InterphaseGrowth,
            Constricts = spec.Mechanisms.Constriction, FilamentsConduct = spec.Mechanisms.FilamentConduction,
            SaltDepletes = spec.Mechanisms.ConcentrationPolarisation,
            SurfacePotential = metalLayer.Material.Class == MaterialClass.Alloy ? p.Get(metalLayer.Material, "potential_vs_li", QuantityKind.Voltage) : 0,
        };
    }
}

/// <summary>The electrolyte layer of a stack, read once: conductivity, salt transport and the penetration criteria of the layers.</summary>
internal sealed record ElectrolyteStack(
    Material Material, LayerGeometry Geometry, IonicConductivity Conductivity, double TransferenceNumber,
    ConcentrationPolarisation? Concentration, Func<double, double>? SaltDiffusivity, double Permittivity,
    MetalProperties Metal, Func<Material, double, SourceLocation, PenetrationCriterion> Criterion, double ElectronicConductivity)
{
    public static ElectrolyteStack Read(Parameters p, LayerSpec layer, CellSpec spec, Material metal0)
    {
        var electrolyte = layer.Material;
        var elGeom = LayerGeometry.Resolve(layer, p, spec.DensifyingPressurePa);
        var sigma = IonicConductivity.Read(p, electrolyte);
        var tPlus = p.Get(electrolyte, "transference_number", QuantityKind.Dimensionless);
        if (tPlus <= 0 || tPlus > 1) throw new InputException($"{electrolyte.Name}: transference_number must be in (0, 1]", electrolyte.Properties.Location);
        var metal = MetalProperties.Read(p, metal0);

        ConcentrationPolarisation? conc = null;
        Func<double, double>? dSalt = null;
        if (tPlus < 1)
        {
            var c0 = p.Get(electrolyte, "salt_concentration", QuantityKind.Concentration);
            var d0 = p.Get(electrolyte, "salt_diffusivity", QuantityKind.Diffusivity);
            var tRef = p.Get(electrolyte, "conductivity.reference_temperature", QuantityKind.Temperature);
            var sRef = sigma.At(tRef);
            // D(T) = D_ref·σ(T)/σ(T_ref): salt diffusion follows the segmental motion that sets σ
            dSalt = T => d0 * sigma.At(T) / sRef;
            // switched off (concentration-polarisation): the salt stays uniform, no profile is simulated
            // χ = 1 + d ln f±/d ln c: 1 (ideal) unless the material gives it
            double chi = p.Has(electrolyte, "thermodynamic_factor") ? p.Get(electrolyte, "thermodynamic_factor", QuantityKind.Dimensionless) : 1;
            if (!(chi > 0)) throw new InputException($"{electrolyte.Name}: thermodynamic_factor must be positive", electrolyte.Properties.Location);
            if (spec.Mechanisms.ConcentrationPolarisation) conc = new ConcentrationPolarisation(elGeom.Thickness, c0, tPlus, metal.ChargeNumber, chi);
        }

        var cache = new Dictionary<string, PenetrationCriterion>();
        PenetrationCriterion Criterion(Material m, double thickness, SourceLocation where)
        {
            if (cache.TryGetValue(m.Name, out var c)) return c;
            if (p.Has(m, "fracture_toughness") || !m.IsSoftElectrolyte && p.HasOrClassDefault(m, "fracture_toughness"))
            {
                var flaws = new FlawDistribution(
                    p.Get(m, "surface_flaws.characteristic_size", QuantityKind.Length),
                    p.Get(m, "surface_flaws.weibull_modulus", QuantityKind.Dimensionless),
                    p.Get(m, "surface_flaws.reference_area", QuantityKind.Area));
                if (!(flaws.CharacteristicSize > 0 && flaws.WeibullModulus > 0 && flaws.ReferenceArea > 0))
                    throw new InputException($"{m.Name}: surface_flaws needs a positive characteristic_size, weibull_modulus and reference_area", m.Properties.Location);
                var nu = p.Get(m, "poisson_ratio", QuantityKind.Dimensionless);
                if (!(nu > -1 && nu < 0.5)) throw new InputException($"{m.Name}: poisson_ratio must lie in (-1, 0.5), got {nu}", m.Properties.Location);
                c = new FractureCriterion(m.Name, p.Get(m, "fracture_toughness", QuantityKind.FractureToughness),
                    flaws.MedianLargestFlaw(spec.AreaM2), metal.MolarVolume, metal.ChargeNumber, spec.StackPressurePa,
                    CrackGrowth.PlaneStrainModulus(p.Get(m, "shear_modulus", QuantityKind.Pressure), nu), flaws, spec.AreaM2);
            }
            else if (m.IsSoftElectrolyte && dSalt is not null)
                c = new DiffusionLimitCriterion(m.Name, p.Get(m, "salt_concentration", QuantityKind.Concentration), dSalt, tPlus, elGeom.Thickness, metal.ChargeNumber,
                    new MonroeNewmanStability(p.Optional(m, "shear_modulus", QuantityKind.Pressure) ?? 0, metal.ShearModulus),
                    p.Optional(m, "retained_fibre_fraction", QuantityKind.Dimensionless) ?? 1);
            else
                throw new InputException($"{m.Name} has no fracture_toughness (and is not a polymer or liquid electrolyte): the dendrite model cannot judge penetration through it", where);
            // dendrites off: the layer's criterion is read (its values are used by nothing else) and replaced by one no filament meets
            if (!spec.Mechanisms.Dendrites) c = new NoPenetration(m.Name);
            cache[m.Name] = c;
            return c;
        }

        return new ElectrolyteStack(electrolyte, elGeom, sigma, tPlus, conc, dSalt,
            p.Optional(electrolyte, "relative_permittivity", QuantityKind.Dimensionless) ?? 30, metal, Criterion,
            p.Optional(electrolyte, "electronic_conductivity", QuantityKind.Conductivity) ?? 0);
    }
}
