using Interphase.IO;
using Interphase.Units;

namespace Interphase.Materials;

/// <summary>An override of one library value, given in a cell file or by a calibration.</summary>
public sealed record ParameterOverride(string Path, string Text, SourceLocation Where);

/// <summary>
/// Reads physical parameters from the library, applying overrides. Paths are
/// <c>Material.property.sub</c> or <c>Surface|Neighbour.property</c>, relative to the material's
/// <c>properties:</c>. Every value comes back in SI; every error names the file and line.
/// </summary>
public sealed class Parameters
{
    readonly Dictionary<string, ParameterOverride> _overrides = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every parameter path a model read through this object (<c>Li.density</c>, <c>Li|Li6PS5Cl.exchange_current_density</c>).</summary>
    public IReadOnlyCollection<string> ReadPaths => _read;

    public MaterialLibrary Library { get; }

    readonly ClassDefaults _defaults;
    readonly Dictionary<string, DefaultedValue> _defaulted = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Values a model needed that the library does not state, taken from model.yaml's class defaults (docs/materials.md).</summary>
    public IReadOnlyCollection<DefaultedValue> Defaulted => _defaulted.Values;

    public Parameters(MaterialLibrary library, IEnumerable<ParameterOverride>? overrides = null)
    {
        Library = library;
        _defaults = ClassDefaults.Read(library);
        foreach (var o in overrides ?? [])
        {
            var (owner, rel) = Split(o.Path, o.Where);
            // an interface the library lacks takes its values from the interface class defaults (PairOrClassDefault):
            // each of those may be overridden in the cell file like a stated one
            if (DefaultedPairName(owner, o.Where) is { } pairName)
            {
                var ends = pairName.Split('|');
                if (Find(BorrowedFrom(Library.Get(ends[0]), Library.Get(ends[1]))?.Properties, rel) is not null)
                {
                    _overrides[$"{pairName}.{rel}"] = o with { Path = $"{pairName}.{rel}" };
                    continue;
                }
                var key = DefaultsKeyOf(Library.Get(ends[0]), Library.Get(ends[1]));
                if (_defaults.FindValue(key, rel) is null)
                    throw new InputException($"override '{o.Path}': the library has no interface '{pairName}', and its class defaults (model.yaml class_defaults.{key}) have no '{rel}'", o.Where);
                _overrides[$"{pairName}.{rel}"] = o with { Path = $"{pairName}.{rel}" };
                continue;
            }
            var node = ResolveOwner(owner, o.Where);
            var canonical = $"{OwnerName(owner, o.Where)}.{rel}";
            // a value the material lacks but its class has a default for (Na.contact.creep_efficiency) may be overridden too
            bool classDefault = !owner.Contains('|') && _defaults.FindValue(ClassDefaults.Key(Library.Get(owner, o.Where).Class), rel) is not null;
            if (Find(node, rel) is null && !classDefault)
                throw new InputException($"override '{o.Path}': {OwnerName(owner, o.Where)} has no property '{rel}' ('interphase materials show {OwnerName(owner, o.Where)}' lists them)", o.Where);
            _overrides[canonical] = o with { Path = canonical };
        }
    }

    public IReadOnlyCollection<ParameterOverride> Overrides => _overrides.Values;

    static (string owner, string rel) Split(string path, SourceLocation where)
    {
        var i = path.IndexOf('.');
        if (i <= 0 || i == path.Length - 1)
            throw new InputException($"parameter path '{path}' must be 'Material.property' or 'Surface|Neighbour.property'", where);
        return (path[..i].Trim(), path[(i + 1)..].Trim());
    }

    /// <summary>"Surface|Neighbour" when the library has no such interface but class defaults for it exist, else null.</summary>
    string? DefaultedPairName(string owner, SourceLocation where)
    {
        if (!owner.Contains('|')) return null;
        var p = owner.Split('|');
        var (surface, neighbour) = (Library.Get(p[0].Trim(), where), Library.Get(p[1].Trim(), where));
        if (!_defaults.HasInterfaceDefaults && DefaultsKeyOf(surface, neighbour) == ClassDefaults.Interface) return null;
        return Library.FindPair(surface, neighbour) is null ? $"{surface.Name}|{neighbour.Name}" : null;
    }

    YNode ResolveOwner(string owner, SourceLocation where)
    {
        if (owner.Contains('|'))
        {
            var p = owner.Split('|');
            var pair = Library.FindPair(Library.Get(p[0], where), Library.Get(p[1], where))
                ?? throw new InputException($"no interface '{owner}' in the library", where);
            return pair.Properties;
        }
        return Library.Get(owner, where).Properties;
    }

    string OwnerName(string owner, SourceLocation where)
    {
        if (!owner.Contains('|')) return Library.Get(owner, where).Name;
        var p = owner.Split('|');
        var pair = Library.FindPair(Library.Get(p[0], where), Library.Get(p[1], where))!;
        return pair.Key;
    }

    static YNode? Find(YNode? node, string rel)
    {
        if (node is null) return null;
        var cur = node;
        foreach (var part in rel.Split('.'))
        {
            if (!cur.IsMapping) return null;
            var next = cur.Get(part);
            if (next is null) return null;
            cur = next;
        }
        return cur;
    }

    /// <summary>
    /// A parameter's value as written ("1.12 mA/cm2"), after this cell's overrides, with its canonical
    /// path. Calibration scales the number and keeps the unit.
    /// </summary>
    public (string Path, string Text) ValueText(string path, SourceLocation where = default)
    {
        var (owner, rel) = Split(path, where);
        var node = ResolveOwner(owner, where);
        var canonical = $"{OwnerName(owner, where)}.{rel}";
        if (_overrides.TryGetValue(canonical, out var o)) return (canonical, o.Text);
        var n = Find(node, rel)
            ?? throw new InputException($"parameter '{path}': {OwnerName(owner, where)} has no property '{rel}' ('interphase materials show {OwnerName(owner, where)}' lists them)", where);
        if (n.IsMapping)
        {
            var v = n.Get("value") ?? throw new InputException($"parameter '{path}' is a group of values, not one value", where);
            return (canonical, $"{v.Text()} {n.Get("unit")?.Text() ?? ""}".Trim());
        }
        return (canonical, n.Text());
    }

    // ---- reading ----

    public double Get(Material m, string rel, QuantityKind kind) => Read(m.Properties, m.Name, rel, kind, required: true, ClassDefaults.Key(m.Class))!.Value;
    public double? Optional(Material m, string rel, QuantityKind kind) => Read(m.Properties, m.Name, rel, kind, required: false);
    public double Get(MaterialPair p, string rel, QuantityKind kind) => Read(p.Properties, p.Key, rel, kind, required: true, p.DefaultsKey)!.Value;
    /// <summary>A value the model can do without; a pair built wholly from class defaults takes even these from its defaults (a cathode interface's temperature law).</summary>
    public double? Optional(MaterialPair p, string rel, QuantityKind kind) => Read(p.Properties, p.Key, rel, kind, required: false, p.FromClassDefaults ? p.DefaultsKey : null);
    /// <summary>The pair's value, else its class default (named among the warnings), else null: a model that runs only when one of the two gives it.</summary>
    public double? OrClassDefault(MaterialPair p, string rel, QuantityKind kind) => Read(p.Properties, p.Key, rel, kind, required: false, p.DefaultsKey);
    public bool Has(Material m, string rel) => Find(m.Properties, rel) is not null;
    public bool Has(MaterialPair p, string rel) => Find(p.Properties, rel) is not null;
    /// <summary>Whether the material states <paramref name="rel"/> or its class has a default for it.</summary>
    public bool HasOrClassDefault(Material m, string rel) => Has(m, rel) || _defaults.FindValue(ClassDefaults.Key(m.Class), rel) is not null;

    /// <summary>
    /// The interface record of surface|neighbour from interfaces.yaml; when there is none and model.yaml
    /// has interface class defaults, an empty record whose every value comes from those defaults (and is
    /// reported as estimated); otherwise the library's one-line error.
    /// </summary>
    public MaterialPair PairOrClassDefault(Material surface, Material neighbour, string why, SourceLocation where = default)
    {
        if (Library.FindPair(surface, neighbour) is { } pair) return pair;
        if (!_defaults.HasInterfaceDefaults) return Library.RequirePair(surface, neighbour, why, where);
        return new MaterialPair
        {
            Surface = surface.Name, Neighbour = neighbour.Name,
            Properties = new YNode(new YamlDotNet.RepresentationModel.YamlMappingNode(), Path.Combine(Library.Directory, "interfaces.yaml"), $"{surface.Name}|{neighbour.Name}"),
        };
    }
    /// <summary>
    /// The cathode|electrolyte interface of a composite: the library's record; when it has none, the record
    /// of the same electrolyte with another cathode of the same class (NCM523|Li6PS5Cl takes
    /// LiCoO2|Li6PS5Cl's values: the interface resistance and the onset of oxidation are set mostly by the
    /// electrolyte), reported among the warnings as estimated; with no such record, the library's one-line error.
    /// </summary>
    /// <remarks>
    /// With neither the pair's own record nor a relative, the pair is built from model.yaml's class default for the
    /// electrolyte's family (<c>class_defaults.cathode_interface.FAMILY</c>, <see cref="ElectrolyteFamily"/>): each value
    /// the models read is then listed as "estimated (class default …)", and one line says what the default represents
    /// (its <c>represents:</c>). Only without that default is the pair refused.
    /// </remarks>
    public MaterialPair CathodePair(Material cathode, Material electrolyte, string why, SourceLocation where = default)
    {
        var defaultsKey = _defaults.CathodeInterfaceKey(electrolyte);
        if (Library.FindPair(cathode, electrolyte) is { } pair)
            return defaultsKey is null ? pair : new MaterialPair { Surface = pair.Surface, Neighbour = pair.Neighbour, Properties = pair.Properties, DefaultsKey = defaultsKey };
        if (BorrowedFrom(cathode, electrolyte) is { } donor)
        {
            _borrowed.Add($"{where}: {cathode.Name}|{electrolyte.Name} has no interface data in the library: its values are {donor.Key}'s " +
                          $"(the same electrolyte with another {Material.ClassKey(cathode.Class).Replace('_', ' ')}): estimated; give its own values as overrides " +
                          $"('{cathode.Name}|{electrolyte.Name}.interfacial_asr: ...') when they are known");
            return new MaterialPair { Surface = cathode.Name, Neighbour = electrolyte.Name, Properties = donor.Properties, DefaultsKey = defaultsKey ?? ClassDefaults.Interface };
        }
        if (defaultsKey is null) return Library.RequirePair(cathode, electrolyte, why, where);
        _borrowed.Add($"{where}: {cathode.Name}|{electrolyte.Name} has no interface data in the library and no other {Material.ClassKey(cathode.Class).Replace('_', ' ')} " +
                      $"with {electrolyte.Name} to take them from: its values are the class default for {ElectrolyteFamily.Of(electrolyte)} electrolytes (model.yaml class_defaults.{defaultsKey}), " +
                      $"which represents {_defaults.Represents(defaultsKey) ?? "no stated composite"}");
        return new MaterialPair
        {
            Surface = cathode.Name, Neighbour = electrolyte.Name, DefaultsKey = defaultsKey, FromClassDefaults = true,
            Properties = new YNode(new YamlDotNet.RepresentationModel.YamlMappingNode(), Path.Combine(Library.Directory, "interfaces.yaml"), $"{cathode.Name}|{electrolyte.Name}"),
        };
    }

    /// <summary>
    /// The working electrode|electrolyte pair of a blocking cell: the library's record; when it has none and model.yaml has
    /// <c>class_defaults.blocking_interface</c>, a record whose every value comes from it (each listed as "estimated (class
    /// default …)", and one line says what the default represents); otherwise the library's one-line error.
    /// </summary>
    public MaterialPair BlockingPair(Material electrode, Material electrolyte, string why, SourceLocation where = default)
    {
        if (Library.FindPair(electrode, electrolyte) is { } pair)
            // a value the library's pair does not state (the reduction's, §16.4) comes from the blocking defaults, named as such
            return _defaults.HasBlockingDefaults ? new MaterialPair { Surface = pair.Surface, Neighbour = pair.Neighbour, Properties = pair.Properties, DefaultsKey = ClassDefaults.BlockingInterface } : pair;
        if (!_defaults.HasBlockingDefaults) return Library.RequirePair(electrode, electrolyte, why, where);
        _borrowed.Add($"{where}: {electrode.Name}|{electrolyte.Name} has no interface data in the library: its values are the class default for a blocking electrode " +
                      $"(model.yaml class_defaults.{ClassDefaults.BlockingInterface}), which represents {_defaults.Represents(ClassDefaults.BlockingInterface) ?? "no stated electrode"}");
        return new MaterialPair
        {
            Surface = electrode.Name, Neighbour = electrolyte.Name, DefaultsKey = ClassDefaults.BlockingInterface, FromClassDefaults = true,
            Properties = new YNode(new YamlDotNet.RepresentationModel.YamlMappingNode(), Path.Combine(Library.Directory, "interfaces.yaml"), $"{electrode.Name}|{electrolyte.Name}"),
        };
    }

    /// <summary>The class_defaults entry of a surface|neighbour pair the library lacks: a cathode's by its electrolyte's family, a blocking electrode's, else the metal interfaces'.</summary>
    string DefaultsKeyOf(Material surface, Material neighbour) =>
        surface.Class is MaterialClass.Cathode or MaterialClass.ConversionCathode && _defaults.CathodeInterfaceKey(neighbour) is { } k ? k
        : surface.Class == MaterialClass.BlockingElectrode && _defaults.HasBlockingDefaults ? ClassDefaults.BlockingInterface
        : ClassDefaults.Interface;

    /// <summary>The library's pair of <paramref name="electrolyte"/> with another material of the cathode's class, first by name; null if none.</summary>
    MaterialPair? BorrowedFrom(Material cathode, Material electrolyte) =>
        cathode.Class is not (MaterialClass.Cathode or MaterialClass.ConversionCathode) ? null
        : Library.Pairs.Distinct()
            .Where(p => Library.TryGet(p.Neighbour, out var n) && n == electrolyte && Library.TryGet(p.Surface, out var s) && s.Class == cathode.Class && s != cathode)
            .OrderBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault();

    readonly List<string> _borrowed = [];
    /// <summary>The warnings of interfaces built from another pair's record (<see cref="CathodePair"/>).</summary>
    public IReadOnlyList<string> Borrowed => _borrowed;

    public string Text(Material m, string rel) => ReadText(m.Properties, m.Name, rel, required: true)!;
    public string? OptionalText(Material m, string rel) => ReadText(m.Properties, m.Name, rel, required: false);
    public string Text(MaterialPair p, string rel) => ReadText(p.Properties, p.Key, rel, required: true)!;
    public string? OptionalText(MaterialPair p, string rel) => ReadText(p.Properties, p.Key, rel, required: false);

    /// <summary>
    /// A model switch of model.yaml (<c>amalgam_wetting</c>, <c>amalgam_zone_path</c>): on unless it says off (on/true/yes,
    /// off/false/no); a cell switches it with <c>overrides: {model.key: off}</c>. Anything else is an error at the override
    /// or in model.yaml.
    /// </summary>
    public bool ModelSwitch(string key)
    {
        var model = Library.Get("model");
        var text = OptionalText(model, key);
        return text?.Trim().ToLowerInvariant() switch
        {
            null or "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => throw new InputException($"model.{key} must be on or off, got '{text}'",
                Overrides.FirstOrDefault(o => o.Path.Equals($"model.{key}", StringComparison.OrdinalIgnoreCase))?.Where ?? model.Properties.Location),
        };
    }

    double? Read(YNode props, string owner, string rel, QuantityKind kind, bool required, string? classKey = null)
    {
        var key = $"{owner}.{rel}";
        _read.Add(key);
        if (_overrides.TryGetValue(key, out var o))
        {
            _used.Add(key);
            return Measure.Parse(o.Text, kind, o.Where);
        }
        var node = Find(props, rel);
        if (node is null)
        {
            if (!required && classKey is null) return null;
            if (classKey is not null && _defaults.FindValue(classKey, rel) is { } d)
            {
                _defaulted[key] = new DefaultedValue(key, classKey, $"{d.Get("value")!.Text()} {d.Get("unit")?.Text() ?? ""}".Trim(), d.Location);
                return d.Quantity(kind);
            }
            if (!required) return null;
            throw new InputException($"{owner} has no '{rel}' ({kind.Name}) in the library, but the model needs it", props.Location);
        }
        return node.Quantity(kind);
    }

    string? ReadText(YNode props, string owner, string rel, bool required)
    {
        var key = $"{owner}.{rel}";
        _read.Add(key);
        if (_overrides.TryGetValue(key, out var o)) { _used.Add(key); return o.Text; }
        var node = Find(props, rel);
        if (node is null)
        {
            if (!required) return null;
            throw new InputException($"{owner} has no '{rel}' in the library, but the model needs it", props.Location);
        }
        if (node.IsMapping && node.Get("value") is { } v) return v.Text();
        return node.Text();
    }

    /// <summary>Overrides that no model read: a sign of a typo or of a parameter this cell does not use.</summary>
    public IEnumerable<ParameterOverride> Unused => _overrides.Values.Where(o => !_used.Contains(o.Path));
}
