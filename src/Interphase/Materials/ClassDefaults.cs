using Interphase.IO;

namespace Interphase.Materials;

/// <summary>
/// Documented class-based defaults for values a material or interface of the library does not state
/// (model.yaml <c>class_defaults</c>, one mapping per material class and one for interfaces). A model
/// that needs a value the material lacks gets its class's default instead of an error, and the run
/// lists it among its warnings as "estimated (class default)" (<see cref="Parameters.Defaulted"/>).
/// A material's own value, or a cell's override, always wins.
/// </summary>
public sealed class ClassDefaults
{
    /// <summary>Key of the interfaces' defaults under <c>class_defaults</c>.</summary>
    public const string Interface = "interface";

    /// <summary>Key of the cathode|electrolyte interfaces' defaults, one mapping per electrolyte family (<see cref="ElectrolyteFamily"/>).</summary>
    public const string CathodeInterface = "cathode_interface";

    /// <summary>Key of the defaults of a blocking working electrode with an electrolyte (<c>class_defaults.blocking_interface</c>).</summary>
    public const string BlockingInterface = "blocking_interface";

    readonly YNode? _root;

    ClassDefaults(YNode? root) => _root = root;

    public static ClassDefaults Read(MaterialLibrary library) =>
        new(library.TryGet("model", out var model) ? model.Properties.Get("class_defaults") : null);

    /// <summary>The key of a material class in <c>class_defaults</c> (metal, solid_electrolyte, interlayer, ...).</summary>
    public static string Key(MaterialClass c) => Material.ClassKey(c);

    /// <summary>The default node for <paramref name="rel"/> (a dotted path) of class <paramref name="classKey"/> (itself dotted for a cathode interface: <c>cathode_interface.oxide</c>), or null.</summary>
    public YNode? Find(string classKey, string rel)
    {
        var cur = _root;
        foreach (var part in classKey.Split('.').Concat(rel.Split('.')))
        {
            if (cur is null || !cur.IsMapping) return null;
            cur = cur.Get(part);
        }
        return cur;
    }

    /// <summary>The default of <paramref name="rel"/> for class <paramref name="classKey"/> when it is a value (a mapping with <c>value</c>), or null.</summary>
    public YNode? FindValue(string classKey, string rel) =>
        Find(classKey, rel) is { IsMapping: true } d && d.Get("value") is not null ? d : null;

    /// <summary>Whether interfaces missing from interfaces.yaml may be built from the interface defaults.</summary>
    public bool HasInterfaceDefaults => _root?.Get(Interface) is { IsMapping: true };

    /// <summary>Whether a blocking electrode's pair missing from interfaces.yaml may be built from <c>blocking_interface</c>.</summary>
    public bool HasBlockingDefaults => _root?.Get(BlockingInterface) is { IsMapping: true };

    /// <summary>
    /// <c>cathode_interface.FAMILY</c> for a cathode|electrolyte pair when model.yaml has defaults for the electrolyte's
    /// family (<see cref="ElectrolyteFamily.Of"/>); null when the electrolyte states no family or the defaults have none for it.
    /// </summary>
    public string? CathodeInterfaceKey(Material electrolyte) =>
        ElectrolyteFamily.Of(electrolyte) is { } f && Find(CathodeInterface, f) is { IsMapping: true } ? $"{CathodeInterface}.{f}" : null;

    /// <summary>The one line saying what a class default stands for and where it stops holding (<c>represents:</c> of its block), or null.</summary>
    public string? Represents(string classKey) => Find(classKey, "represents") is { IsMapping: false } n ? n.Text().Trim() : null;
}

/// <summary>A value taken from <see cref="ClassDefaults"/>: the parameter path it stands for, its text and where the default is written.</summary>
public sealed record DefaultedValue(string Path, string ClassKey, string Text, SourceLocation Where)
{
    /// <summary>The warning line the run reports (summary.json <c>warnings</c>).</summary>
    /// <remarks>The default's line is named within the library (<c>model.yaml:36:27</c>), not by the library's
    /// absolute path, which for the shipped library lies in the build output and tells a user nothing.</remarks>
    public string Warning =>
        $"{(Where.File is { } f ? Where with { File = System.IO.Path.GetFileName(f) } : Where)}: {Path} = {Text}: estimated (class default for {ClassKey}, model.yaml class_defaults); the library has no value of its own";
}
