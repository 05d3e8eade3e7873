using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Units;

namespace Interphase.Cells;

/// <summary>One layer of the stack as the user wrote it.</summary>
public sealed record LayerSpec(
    Material Material,
    double? ThicknessM,
    string? Morphology,
    double? Porosity,
    SourceLocation Where,
    YNode? Node = null)
{
    public bool IsCathode => Material.Class is MaterialClass.Cathode or MaterialClass.ConversionCathode;

    /// <summary>
    /// How the layer forms in the cell, when it is not there as assembled: <c>electropolymerisation</c>
    /// (<c>grown_by:</c>), from a monomer dissolved in the neighbouring electrolyte at
    /// <see cref="MonomerConcentration"/> (mol/m³). Null for a layer present from the start.
    /// </summary>
    public string? GrownBy { get; init; }
    public double? MonomerConcentration { get; init; }
}

/// <summary>
/// A cell file: geometry, conditions, the layer stack from electrode 1 to electrode 2, overrides of
/// library values and an optional default protocol. Read from YAML; every mistake names its line.
/// </summary>
public sealed record CellSpec(
    string Name,
    string Description,
    string Kind,
    string File,
    double AreaM2,
    double TemperatureK,
    double StackPressurePa,
    double? AssemblyPressurePa,
    IReadOnlyList<LayerSpec> Layers,
    IReadOnlyList<ParameterOverride> Overrides,
    IReadOnlyList<string>? ProtocolLines,
    string? ProtocolFile,
    YNode Root)
{
    /// <summary>The instrument's voltage compliance (V) from the cell file's <c>compliance:</c>, or null for the default.</summary>
    public double? ComplianceVolts { get; init; }

    /// <summary>
    /// The pressure (Pa) at which the metal foils were pressed onto their neighbours when the cell was
    /// made (<c>metal_pressing_pressure:</c>), or null when the cell file does not say: the metal is then
    /// taken as pressed at the stack pressure. Plastic contact does not spring back on unloading, so the
    /// initial contact is set by the larger of the two (docs/models.md §6).
    /// </summary>
    public double? MetalPressingPressurePa { get; init; }

    /// <summary>
    /// The mechanisms the run includes (<c>mechanisms:</c> and the older <c>degradation:</c>; <c>simulate --without</c>
    /// switches more off): all unless the file switches some off.
    /// </summary>
    public Simulation.Mechanisms Mechanisms { get; init; } = Simulation.Mechanisms.All;

    /// <summary>The pressure that densifies pressed porous layers (Heckel): the assembly pressure, or null when densification is switched off.</summary>
    public double? DensifyingPressurePa => Mechanisms.Densification ? AssemblyPressurePa : null;

    /// <summary>
    /// The surface state of the metal|electrolyte interfaces (<c>surface:</c>): a library state name such as
    /// <c>as-made</c> or <c>cleaned</c>, <c>{film_free_fraction: x}</c> or <c>{interface_asr: "X ohm cm2"}</c>;
    /// null for the pair's default state (docs/models.md §6.2, <see cref="Models.SurfaceFilm"/>).
    /// </summary>
    public YNode? Surface { get; init; }

    /// <summary>The pressure that set the metal's initial (pressed) contact: the pressing pressure or the stack pressure, whichever is larger.</summary>
    public double ContactFormingPressurePa => Math.Max(StackPressurePa, MetalPressingPressurePa ?? 0);

    /// <summary>
    /// A layer grown in the cell (<c>grown_by:</c>) forms in a blocking cell's formation protocol
    /// (docs/models.md §16.1); the symmetric and full-cell models take the layers as assembled.
    /// </summary>
    public void RefuseGrownLayers()
    {
        if (Layers.FirstOrDefault(l => l.GrownBy is not null) is { } g)
            throw new InputException($"the {g.Material.Name} layer is grown in the cell ({g.GrownBy}): its formation runs in a cell with a blocking working electrode (kind: blocking, e.g. data/cases/D-PT-formation.yaml); a {Kind} cell takes its layers as made", g.Where);
    }

    /// <summary>The keys a cell file may have at its top level.</summary>
    public static readonly IReadOnlySet<string> Keys = new HashSet<string> { "name", "description", "kind", "area", "diameter", "temperature", "stack_pressure",
            "assembly_pressure", "metal_pressing_pressure", "surface", "layers", "overrides", "protocol", "protocol_file", "notes", "degradation", "mechanisms", "reference_cycle", "references", "calibration", "compliance", "distributions" };

    public static CellSpec Load(string file, MaterialLibrary library) => Parse(YNode.Load(file), library);

    public static CellSpec Parse(YNode root, MaterialLibrary library)
    {
        var file = root.File;
        var known = Keys;
        foreach (var (key, node) in root.Entries)
            if (!known.Contains(key))
                throw new InputException($"unknown key '{key}' in the cell file: expected one of {string.Join(", ", known.Take(11))}", node.Location);

        var name = root.Get("name")?.Text() ?? Path.GetFileNameWithoutExtension(file);
        var kind = (root.Get("kind")?.Text() ?? "symmetric").Trim().ToLowerInvariant();
        if (kind is not ("symmetric" or "full" or "blocking"))
            throw new InputException($"unknown cell kind '{kind}': expected 'symmetric', 'full' or 'blocking' (metal | electrolyte | blocking electrode, for voltage sweeps)", root.Get("kind")!.Location);

        double area;
        var areaNode = root.Get("area");
        var diaNode = root.Get("diameter");
        if (areaNode is not null && diaNode is not null)
            throw new InputException("give either 'area' or 'diameter', not both", diaNode.Location);
        if (areaNode is not null) area = areaNode.Quantity(QuantityKind.Area);
        else if (diaNode is not null)
        {
            var d = diaNode.Quantity(QuantityKind.Length);
            if (d <= 0) throw new InputException($"diameter must be positive, got '{diaNode.Text()}'", diaNode.Location);
            area = Math.PI * d * d / 4;
        }
        else throw new InputException("missing 'area' (e.g. '0.785 cm2') or 'diameter' (e.g. '10 mm')", root.Location);
        var areaLoc = (areaNode ?? diaNode)!.Location;
        if (!(area > 0)) throw new InputException("the electrode area must be positive", areaLoc);
        if (area > 0.1) throw new InputException($"an electrode area of {area * 1e4:G4} cm2 is not a laboratory cell; check the unit (e.g. '0.785 cm2')", areaLoc);

        var tNode = root.Require("temperature", "the cell temperature, e.g. '25 degC'");
        var T = tNode.Quantity(QuantityKind.Temperature);
        if (T < 150 || T > 700) throw new InputException($"temperature {T - 273.15:G4} °C is outside what the models cover (−120 to 430 °C)", tNode.Location);

        var pNode = root.Get("stack_pressure");
        var p = pNode?.Quantity(QuantityKind.Pressure) ?? 0.0;
        if (p < 0) throw new InputException("stack pressure cannot be negative", pNode!.Location);
        if (p > 1e9) throw new InputException($"stack pressure {p / 1e6:G4} MPa is not physical for a cell; check the unit", pNode!.Location);
        var apNode = root.Get("assembly_pressure");
        double? ap = apNode?.Quantity(QuantityKind.Pressure);
        if (ap is < 0) throw new InputException("assembly pressure cannot be negative", apNode!.Location);
        var mpNode = root.Get("metal_pressing_pressure");
        double? mp = mpNode?.Quantity(QuantityKind.Pressure);
        if (mp is < 0) throw new InputException("metal pressing pressure cannot be negative", mpNode!.Location);
        if (mp > 2e9) throw new InputException($"metal pressing pressure {mp / 1e6:G4} MPa is not physical; check the unit", mpNode!.Location);

        var layersNode = root.Require("layers", "the layer stack from electrode 1 to electrode 2");
        var layers = new List<LayerSpec>();
        foreach (var ln in layersNode.Items())
        {
            if (!ln.IsMapping) throw new InputException("each layer must be a mapping such as '{material: Li, thickness: 100 um}'", ln.Location);
            var matNode = ln.Require("material", "a material name from the library");
            var mat = library.Get(matNode.Text(), matNode.Location);
            bool cathode = mat.Class is MaterialClass.Cathode or MaterialClass.ConversionCathode;
            foreach (var (key, node) in ln.Entries)
            {
                if (key is "material" or "thickness" or "morphology" or "porosity" or "role" or "note") continue;
                if (!cathode && key is "grown_by" or "monomer_concentration") continue;
                if (cathode && key is "loading" or "electrolyte_fraction" or "active_volume_fraction" or "particle_radius" or "nominal_capacity" or "electrolyte" or "bpx")
                    continue;
                throw new InputException(cathode
                    ? $"unknown cathode key '{key}': expected material, loading, thickness, electrolyte_fraction, active_volume_fraction, particle_radius, nominal_capacity, electrolyte, bpx, morphology or porosity"
                    : $"unknown layer key '{key}': expected material, thickness, morphology, porosity, grown_by or monomer_concentration", node.Location);
            }
            var thNode = ln.Get("thickness");
            double? th = thNode?.Quantity(QuantityKind.Length);
            if (th is not null)
            {
                if (th <= 0) throw new InputException($"layer thickness must be positive, got '{thNode!.Text()}'", thNode.Location);
                if (th > 0.05) throw new InputException($"a {th * 1e3:G4} mm thick layer is not a cell layer; check the unit (e.g. '500 um')", thNode!.Location);
            }
            var morph = ln.Get("morphology")?.Text();
            var porNode = ln.Get("porosity");
            double? por = porNode?.Quantity(QuantityKind.Dimensionless);
            if (por is not null && (por < 0 || por >= 1))
                throw new InputException($"porosity must be in [0, 1), got {por}", porNode!.Location);
            string? grownBy = null;
            double? monomer = null;
            if (ln.Get("grown_by") is { } gNode)
            {
                grownBy = gNode.Text().Trim().ToLowerInvariant() switch
                {
                    "electropolymerisation" or "electropolymerization" => "electropolymerisation",
                    _ => throw new InputException($"unknown grown_by '{gNode.Text().Trim()}': expected 'electropolymerisation' (a layer grown in the cell from a monomer in the electrolyte)", gNode.Location),
                };
                var mNode = ln.Require("monomer_concentration", "the monomer's concentration in the electrolyte, e.g. '50 mM'");
                monomer = mNode.Quantity(QuantityKind.Concentration);
                if (!(monomer > 0) || monomer > 5000) throw new InputException($"monomer_concentration must be between 0 and 5 M, got '{mNode.Text()}'", mNode.Location);
                if (thNode is not null) throw new InputException("a layer grown in the cell starts at zero thickness: its thickness comes from the formation (remove 'thickness')", thNode.Location);
            }
            else if (ln.Get("monomer_concentration") is { } mOnly)
                throw new InputException("monomer_concentration belongs to a layer grown in the cell: add 'grown_by: electropolymerisation'", mOnly.Location);
            layers.Add(new LayerSpec(mat, th, morph, por, ln.Location, ln) { GrownBy = grownBy, MonomerConcentration = monomer });
        }
        if (layers.Count < 3)
            throw new InputException("a cell needs at least three layers: electrode | electrolyte | electrode", layersNode.Location);
        WorkingIon.Check(layers, library);

        var overrides = new List<ParameterOverride>();
        if (root.Get("overrides") is { } ov)
            foreach (var (key, node) in ov.Entries)
                overrides.Add(new ParameterOverride(key, node.Text(), node.Location));

        List<string>? protocol = null;
        if (root.Get("protocol") is { } pr)
            protocol = YamlProtocol.Lines(pr);
        string? protocolFile = null;
        if (root.Get("protocol_file") is { } pf)
        {
            protocolFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", pf.Text());
            if (!System.IO.File.Exists(protocolFile))
                throw new InputException($"protocol file '{pf.Text()}' not found next to the cell file", pf.Location);
        }

        double? compliance = root.Get("compliance") is { } cNode ? Compliance(cNode.Text(), cNode.Location) : null;

        return new CellSpec(name, root.Get("description")?.Text() ?? "", kind, file, area, T, p, ap, layers, overrides, protocol, protocolFile, root)
        {
            ComplianceVolts = compliance,
            MetalPressingPressurePa = mp,
            Mechanisms = Simulation.Mechanisms.Read(root.Get("mechanisms"), root.Get("degradation"), kind),
            Surface = root.Get("surface"),
        };
    }

    /// <summary>
    /// The instrument's voltage compliance (V) from its text ("10 V"): a simulated step ends where |V|
    /// would pass it. Between 0 and 1000 V (the range of battery cyclers and potentiostats).
    /// </summary>
    public static double Compliance(string text, SourceLocation where)
    {
        double v = Measure.Parse(text, QuantityKind.Voltage, where);
        if (!(v > 0) || v > 1000)
            throw new InputException($"compliance must be a voltage between 0 and 1000 V, got '{text.Trim()}'", where);
        return v;
    }
}
