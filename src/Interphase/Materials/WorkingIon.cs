using Interphase.Cells;
using Interphase.IO;

namespace Interphase.Materials;

/// <summary>
/// The working ion of a cell: the metal whose ions cross every layer between the electrodes (Li⁺ in a
/// Li | Li6PS5Cl | Li cell, Zn²⁺ in Zn | ZnSO4-aq | V2O5). Each material names the one it carries or
/// hosts (<c>working_ion:</c> in its file; a metal carries its own). A stack whose layers disagree (a Na
/// electrode on LLZO, a Li anode with a V2O5 whose data are for Zn²⁺) cannot pass a current: no model
/// describes it, so it is refused at the layer that breaks the chain (docs/materials-schema.md).
/// </summary>
public static class WorkingIon
{
    /// <summary>Classes that carry or host an ion and must therefore name it.</summary>
    static bool Needs(MaterialClass c) => c is not (MaterialClass.Metal or MaterialClass.Model or MaterialClass.BlockingElectrode);

    /// <summary>The <c>working_ion:</c> of a material file; a metal's own formula; null for the model and a blocking electrode.</summary>
    public static string? Read(YNode root, MaterialClass cls, string name)
    {
        if (root.Get("working_ion") is { } node)
        {
            var ion = node.Text().Trim();
            if (ion.Length is 0 or > 2 || !char.IsUpper(ion[0]) || (ion.Length == 2 && !char.IsLower(ion[1])))
                throw new InputException($"working_ion of {name} must be an element symbol such as 'Li' or 'Zn', got '{ion}'", node.Location);
            return ion;
        }
        if (cls == MaterialClass.Metal) return (root.Get("formula")?.Text() ?? name).Trim();
        if (Needs(cls))
            throw new InputException($"{name} ({Material.ClassKey(cls)}) has no working_ion: name the metal whose ions it carries, e.g. 'working_ion: Li'", root.Location);
        return null;
    }

    /// <summary>
    /// The ion every layer of the stack (and a cathode composite's own electrolyte) carries; refuses a
    /// stack whose layers disagree, at the first layer that differs from the first one that names an ion.
    /// </summary>
    public static string? Check(IReadOnlyList<LayerSpec> layers, MaterialLibrary library)
    {
        (string Ion, Material Material)? first = null;
        foreach (var layer in layers)
        {
            var carriers = new List<(Material M, SourceLocation Where)> { (layer.Material, layer.Where) };
            if (layer.IsCathode && layer.Node?.Get("electrolyte") is { } en) carriers.Add((library.Get(en.Text(), en.Location), en.Location));
            foreach (var (m, where) in carriers)
            {
                if (m.WorkingIon is not { } ion) continue;
                if (first is not { } f) { first = (ion, m); continue; }
                if (ion != f.Ion)
                    throw new InputException(
                        $"{m.Name} carries {ion} ions (its working_ion) but {f.Material.Name} carries {f.Ion}: every layer between the electrodes " +
                        $"must carry the same ion, so this stack cannot pass a current (use a {f.Ion}-ion {Material.ClassKey(m.Class).Replace('_', ' ')})", where);
            }
        }
        return first?.Ion;
    }
}
