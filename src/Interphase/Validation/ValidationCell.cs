using System.Globalization;
using Interphase.Cells;
using Interphase.Materials;

namespace Interphase.Validation;

/// <summary>
/// The cell an entry describes: the shipped case named in <c>simulate.case</c>, with the entry's
/// electrolyte (<c>simulate.electrolyte</c>), electrolyte thickness, temperature, stack pressure, metal pressing pressure,
/// surface and electrode diameter where
/// the entry gives them. What the entry leaves open stays as in the case and is listed as an assumption.
/// </summary>
public static class ValidationCell
{
    public static (CellSpec spec, string description, List<string> assumptions) Build(ValidationEntry e, string casesFolder, MaterialLibrary lib)
    {
        var sim = e.Simulate ?? throw new InvalidOperationException("entry without simulate block");
        var file = Path.Combine(casesFolder, sim.Case + ".yaml");
        if (!File.Exists(file))
            throw new InputException($"simulate.case '{sim.Case}' of '{e.Id}' is not a shipped case: expected a file {sim.Case}.yaml in data/cases", sim.Where);
        var spec = CellSpec.Load(file, lib);
        if (spec.Kind != "symmetric")
            throw new InputException($"simulate.case '{sim.Case}' of '{e.Id}' is a {spec.Kind} cell: the validation measures need a symmetric cell", sim.Where);
        var assumptions = new List<string>();
        var layers = spec.Layers.ToList();
        // the separator: the thickest electrolyte layer
        var electrolytes = Enumerable.Range(0, layers.Count).Where(k => IsElectrolyte(layers[k].Material)).ToList();
        if (electrolytes.Count == 0) throw new InputException($"simulate.case '{sim.Case}' of '{e.Id}' has no electrolyte layer", sim.Where);
        int el = electrolytes.OrderByDescending(k => layers[k].ThicknessM ?? 0).First();
        if (sim.Electrolyte is { } name)
            layers[el] = layers[el] with { Material = lib.Get(name, sim.Where) };
        if (e.ElectrolyteThicknessUm is { } th)
            layers[el] = layers[el] with { ThicknessM = th * 1e-6 };
        else assumptions.Add($"electrolyte thickness {Um(layers[el].ThicknessM)} um (case {sim.Case}; the source's is not recorded)");
        var T = spec.TemperatureK;
        if (e.TemperatureC is { } tc) T = tc + 273.15;
        else assumptions.Add($"temperature {spec.TemperatureK - 273.15:G4} degC (case {sim.Case})");
        var p = spec.StackPressurePa;
        if (e.StackPressureMPa is { } pm) p = pm * 1e6;
        else assumptions.Add($"stack pressure {spec.StackPressurePa / 1e6:G4} MPa (case {sim.Case})");
        var pressed = spec.MetalPressingPressurePa;
        if (e.MetalPressingPressureMPa is { } mp) pressed = mp * 1e6;
        else assumptions.Add(spec.MetalPressingPressurePa is { } cp
            ? $"metal pressed on at {cp / 1e6:G4} MPa (case {sim.Case})"
            : "metal pressed on at the stack pressure (the source's pressing is not recorded)");
        var surface = spec.Surface;
        if (e.Surface is { } sf) surface = sf;
        else if (spec.Surface is null && DefaultSurfaceState(lib, layers[0].Material, layers[el].Material) is { } state)
            assumptions.Add($"surface {state}: the library's default state of {layers[0].Material.Name}|{layers[el].Material.Name} (the source's surface preparation is not recorded)");
        if (spec.AssemblyPressurePa is { } ap) assumptions.Add($"assembly pressure {ap / 1e6:G4} MPa (case {sim.Case})");
        var area = e.ElectrodeDiameterMm is { } dmm ? Math.PI * Math.Pow(dmm * 1e-3 / 2, 2) : spec.AreaM2;
        assumptions.Add(e.ElectrodeDiameterMm is null
            ? $"electrode area {spec.AreaM2 * 1e4:G3} cm2 and metal foils as in case {sim.Case}"
            : $"metal foils as in case {sim.Case}");
        spec = spec with
        {
            Name = e.Id,
            AreaM2 = area,
            Layers = layers,
            TemperatureK = T,
            StackPressurePa = p,
            MetalPressingPressurePa = pressed,
            Surface = surface,
            ProtocolFile = null,
            ProtocolLines = null,
        };
        var desc = string.Join(" | ", layers.Select(l => l.ThicknessM is { } t ? $"{l.Material.Name} {Um(t)} um" : l.Material.Name))
            + $"; {T - 273.15:G4} degC; {p / 1e6:G4} MPa";
        return (spec, desc, assumptions);
    }

    /// <summary>The pair's default surface state (surface_film.default_state), null when the pair carries no surface film.</summary>
    static string? DefaultSurfaceState(MaterialLibrary lib, Material metal, Material electrolyte)
    {
        var p = new Parameters(lib);
        var pair = p.PairOrClassDefault(metal, electrolyte, "the surface state");
        return p.OptionalText(pair, "surface_film.default_state");
    }

    static bool IsElectrolyte(Material m) =>
        m.Class is MaterialClass.SolidElectrolyte or MaterialClass.PolymerElectrolyte or MaterialClass.LiquidElectrolyte;

    static string Um(double? m) => m is { } v ? (v * 1e6).ToString("G4", CultureInfo.InvariantCulture) : "n/a";
}
