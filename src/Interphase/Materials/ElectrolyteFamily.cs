using Interphase.IO;

namespace Interphase.Materials;

/// <summary>
/// The family of an electrolyte as far as a composite cathode's interface is concerned: a polymer wets the
/// particles, a liquid floods them, a sulfide is cold-pressed into a dense composite and an oxide ceramic needs
/// co-sintering to make contact at all (docs/materials.md, "Class defaults"). Polymers and liquids are known by
/// their class; a solid electrolyte names its family in its file (<c>family: sulfide</c> or <c>family: oxide</c>).
/// The family picks the cathode|electrolyte class default of model.yaml (<c>class_defaults.cathode_interface.FAMILY</c>).
/// </summary>
public static class ElectrolyteFamily
{
    public const string Sulfide = "sulfide", Oxide = "oxide", Polymer = "polymer", Liquid = "liquid";

    /// <summary>The <c>family:</c> of a material file: only a solid electrolyte states one, and it is sulfide or oxide; null if absent.</summary>
    public static string? Read(YNode root, MaterialClass cls, string name)
    {
        if (root.Get("family") is not { } node) return null;
        if (cls != MaterialClass.SolidElectrolyte)
            throw new InputException($"family: is stated by solid electrolytes only (sulfide or oxide); {name} is a {Material.ClassKey(cls)}, whose class says it", node.Location);
        var f = node.Text().Trim().ToLowerInvariant();
        if (f is not (Sulfide or Oxide))
            throw new InputException($"family of {name} must be '{Sulfide}' or '{Oxide}', got '{f}'", node.Location);
        return f;
    }

    /// <summary>The family of an electrolyte (polymer, liquid, or a solid electrolyte's stated sulfide/oxide); null for a solid electrolyte that states none, or for a material that is no electrolyte.</summary>
    public static string? Of(Material m) => m.Class switch
    {
        MaterialClass.PolymerElectrolyte => Polymer,
        MaterialClass.LiquidElectrolyte => Liquid,
        MaterialClass.SolidElectrolyte => m.Family,
        _ => null,
    };
}
