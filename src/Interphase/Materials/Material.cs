using Interphase.IO;

namespace Interphase.Materials;

public enum MaterialClass { Metal, SolidElectrolyte, PolymerElectrolyte, LiquidElectrolyte, Interlayer, Amalgam, Alloy, Cathode, ConversionCathode, Model, BlockingElectrode }

/// <summary>One material of the shipped library: its name, class and the YAML tree of its properties.</summary>
public sealed class Material
{
    public required string Name { get; init; }
    public required MaterialClass Class { get; init; }
    public required IReadOnlyList<string> Aliases { get; init; }
    public string Formula { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>
    /// The metal whose ions the material carries or hosts (<c>working_ion:</c>, e.g. Li for Li6PS5Cl, Na for
    /// NaHg, Zn for V2O5 in aqueous ZnSO4); a metal's is its own formula. Null for a blocking electrode.
    /// </summary>
    public string? WorkingIon { get; init; }
    /// <summary>A solid electrolyte's <c>family:</c> (sulfide or oxide), which picks its cathode-interface class default (<see cref="ElectrolyteFamily"/>); null otherwise.</summary>
    public string? Family { get; init; }
    public required string File { get; init; }
    /// <summary>The whole file.</summary>
    public required YNode Root { get; init; }
    /// <summary>The <c>properties:</c> mapping.</summary>
    public required YNode Properties { get; init; }

    public bool IsElectrolyte => Class is MaterialClass.SolidElectrolyte or MaterialClass.PolymerElectrolyte or MaterialClass.LiquidElectrolyte;
    /// <summary>Polymers and liquids: soft, conformal, with a binary salt.</summary>
    public bool IsSoftElectrolyte => Class is MaterialClass.PolymerElectrolyte or MaterialClass.LiquidElectrolyte;
    public bool IsMetalLike => Class is MaterialClass.Metal or MaterialClass.Alloy;
    public override string ToString() => Name;

    /// <summary>Each class with the key that names it in the library's files (<c>class:</c>) and in model.yaml's <c>class_defaults</c>.</summary>
    static readonly (string Key, MaterialClass Class)[] ClassKeys =
    [
        ("metal", MaterialClass.Metal), ("solid_electrolyte", MaterialClass.SolidElectrolyte),
        ("polymer_electrolyte", MaterialClass.PolymerElectrolyte), ("liquid_electrolyte", MaterialClass.LiquidElectrolyte),
        ("interlayer", MaterialClass.Interlayer), ("amalgam", MaterialClass.Amalgam), ("alloy", MaterialClass.Alloy),
        ("cathode", MaterialClass.Cathode), ("conversion_cathode", MaterialClass.ConversionCathode), ("model", MaterialClass.Model),
        ("blocking_electrode", MaterialClass.BlockingElectrode),
    ];

    /// <summary>The key of a class in the library's files (solid_electrolyte, blocking_electrode, ...).</summary>
    public static string ClassKey(MaterialClass c) => ClassKeys.First(k => k.Class == c).Key;

    public static MaterialClass ParseClass(YNode node)
    {
        var text = node.Text().Trim().ToLowerInvariant();
        foreach (var (key, c) in ClassKeys)
            if (key == text) return c;
        throw new InputException(
            $"unknown material class '{text}': expected {string.Join(", ", ClassKeys[..^1].Select(k => k.Key))} or {ClassKeys[^1].Key}",
            node.Location);
    }
}

/// <summary>Properties of a pair of materials in contact: "Li|Li6PS5Cl" (depositing surface | neighbour).</summary>
public sealed class MaterialPair
{
    public required string Surface { get; init; }
    public required string Neighbour { get; init; }
    public required YNode Properties { get; init; }
    /// <summary>
    /// The model.yaml <c>class_defaults</c> entry a value this pair lacks is taken from: <c>interface</c> for a metal's
    /// pair, <c>cathode_interface.FAMILY</c> for a cathode's (<see cref="Parameters.CathodePair"/>).
    /// </summary>
    public string DefaultsKey { get; init; } = ClassDefaults.Interface;
    /// <summary>The library has no record of this pair: every value it gives comes from <see cref="DefaultsKey"/>, optional ones included.</summary>
    public bool FromClassDefaults { get; init; }
    public string Key => $"{Surface}|{Neighbour}";
    public override string ToString() => Key;
}
