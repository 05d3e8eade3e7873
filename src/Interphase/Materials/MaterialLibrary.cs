using Interphase.IO;

namespace Interphase.Materials;

/// <summary>
/// The shipped materials library: every <c>data/materials/*.yaml</c> file (one material each) and
/// <c>interfaces.yaml</c> (properties of pairs in contact). Names and aliases are matched
/// case-insensitively; an unknown name is an error that suggests the closest names. Loading checks
/// every value's tag (a calibrated value must say what it was calibrated on) and each material's
/// <c>validity:</c> block; a mistake is one line naming the file and line.
/// </summary>
public sealed class MaterialLibrary
{
    readonly Dictionary<string, Material> _byName = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, MaterialPair> _pairs = new(StringComparer.OrdinalIgnoreCase);
    readonly List<Material> _all = new();

    public string Directory { get; }
    public IReadOnlyList<Material> All => _all;
    public IEnumerable<MaterialPair> Pairs => _pairs.Values;

    MaterialLibrary(string dir) => Directory = dir;

    static readonly Dictionary<string, MaterialLibrary> Cache = new();
    static readonly object CacheLock = new();

    /// <summary>Load (once per directory and process) the library in <paramref name="dir"/>.</summary>
    public static MaterialLibrary Load(string? dir = null)
    {
        dir = Path.GetFullPath(dir ?? DefaultDirectory());
        lock (CacheLock)
        {
            if (Cache.TryGetValue(dir, out var lib)) return lib;
            lib = LoadUncached(dir);
            Cache[dir] = lib;
            return lib;
        }
    }

    /// <summary>
    /// Where the shipped library is: $INTERPHASE_LIBRARY, else data/materials next to the program,
    /// else data/materials in the current directory or one of its parents.
    /// </summary>
    public static string DefaultDirectory()
    {
        var env = Environment.GetEnvironmentVariable("INTERPHASE_LIBRARY");
        if (!string.IsNullOrEmpty(env)) return env;
        var beside = Path.Combine(AppContext.BaseDirectory, "data", "materials");
        if (System.IO.Directory.Exists(beside)) return beside;
        for (var d = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            var p = Path.Combine(d.FullName, "data", "materials");
            if (System.IO.Directory.Exists(p)) return p;
        }
        throw new InputException("cannot find the materials library (data/materials); set INTERPHASE_LIBRARY or pass --library");
    }

    static MaterialLibrary LoadUncached(string dir)
    {
        if (!System.IO.Directory.Exists(dir))
            throw new InputException($"materials library folder not found: {dir}");
        var lib = new MaterialLibrary(dir);
        foreach (var file in System.IO.Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file).Equals("interfaces.yaml", StringComparison.OrdinalIgnoreCase))
            {
                lib.LoadPairs(file);
                continue;
            }
            var root = YNode.Load(file);
            var name = root.Require("name", "the material's name").Text().Trim();
            var aliases = root.Get("aliases") is { } a ? a.Items().Select(x => x.Text().Trim()).ToList() : new List<string>();
            var cls = Material.ParseClass(root.Require("class", "the material class"));
            var m = new Material
            {
                Name = name,
                Class = cls,
                WorkingIon = Materials.WorkingIon.Read(root, cls, name),
                Family = ElectrolyteFamily.Read(root, cls, name),
                Aliases = aliases,
                Formula = root.Get("formula")?.Text() ?? name,
                Description = root.Get("description")?.Text() ?? "",
                File = file,
                Root = root,
                Properties = root.Require("properties", "the material's properties"),
            };
            foreach (var key in aliases.Prepend(name))
            {
                if (lib._byName.TryGetValue(key, out var other))
                    throw new InputException($"material name or alias '{key}' is used by both {other.Name} ({Path.GetFileName(other.File)}) and {name}", root.Location);
                lib._byName[key] = m;
            }
            ValidityDomain.CheckBlock(m);
            lib._all.Add(m);
        }
        DerivedValues.Resolve(
            lib._all.Select(m => (m.Name, m.Properties)).Concat(lib._pairs.Values.Select(p => (p.Key, p.Properties))),
            lib.OwnerProperties);
        foreach (var v in lib.Values) v.CheckTag();
        return lib;
    }

    /// <summary>The properties of a material (name or alias) or of a pair ("Surface|Neighbour" as written in interfaces.yaml), or null.</summary>
    YNode? OwnerProperties(string owner) =>
        owner.Contains('|')
            ? (_pairs.TryGetValue(owner, out var p) ? p.Properties : null)
            : (_byName.TryGetValue(owner, out var m) ? m.Properties : null);

    /// <summary>Every sourced value of the library: the materials' properties, then the pairs'.</summary>
    public IEnumerable<LibraryValue> Values =>
        _all.SelectMany(m => LibraryValue.In(m.Properties, m.Name))
            .Concat(_pairs.Values.SelectMany(p => LibraryValue.In(p.Properties, p.Key)));

    void LoadPairs(string file)
    {
        var root = YNode.Load(file);
        var list = root.Require("interfaces", "a mapping of \"Surface|Neighbour\" pairs");
        foreach (var (key, node) in list.Entries)
        {
            var parts = key.Split('|');
            if (parts.Length != 2 || parts.Any(p => p.Trim().Length == 0))
                throw new InputException($"interface key '{key}' must be 'Surface|Neighbour', e.g. 'Li|Li6PS5Cl'", node.Location);
            var pair = new MaterialPair { Surface = parts[0].Trim(), Neighbour = parts[1].Trim(), Properties = node };
            _pairs[pair.Key] = pair;
        }
    }

    public bool TryGet(string name, out Material material) => _byName.TryGetValue(name.Trim(), out material!);

    /// <summary>A material by name or alias; an unknown name names the closest known ones.</summary>
    public Material Get(string name, SourceLocation where = default)
    {
        if (TryGet(name, out var m)) return m;
        var suggestions = _byName.Keys.OrderBy(k => Levenshtein(k.ToLowerInvariant(), name.ToLowerInvariant())).Take(3);
        throw new InputException($"unknown material '{name}': did you mean {string.Join(", ", suggestions.Select(s => $"'{s}'"))}? ('interphase materials list' shows all)", where);
    }

    /// <summary>The pair record for surface|neighbour, matching names or aliases of either side.</summary>
    public MaterialPair? FindPair(Material surface, Material neighbour)
    {
        foreach (var s in surface.Aliases.Prepend(surface.Name))
            foreach (var n in neighbour.Aliases.Prepend(neighbour.Name))
                if (_pairs.TryGetValue($"{s}|{n}", out var p)) return p;
        return null;
    }

    public MaterialPair RequirePair(Material surface, Material neighbour, string why, SourceLocation where = default) =>
        FindPair(surface, neighbour) ?? throw new InputException(
            $"no interface data for '{surface.Name}|{neighbour.Name}' in {Path.Combine(Directory, "interfaces.yaml")}; it is needed for {why}", where);

    static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
