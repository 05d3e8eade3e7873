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

    public static MaterialClass ParseClass(YNode node) => node.Text().Trim().ToLowerInvariant() switch
    {
        "metal" => MaterialClass.Metal,
        "solid_electrolyte" => MaterialClass.SolidElectrolyte,
        "polymer_electrolyte" => MaterialClass.PolymerElectrolyte,
        "liquid_electrolyte" => MaterialClass.LiquidElectrolyte,
        "interlayer" => MaterialClass.Interlayer,
        "amalgam" => MaterialClass.Amalgam,
        "alloy" => MaterialClass.Alloy,
        "cathode" => MaterialClass.Cathode,
        "conversion_cathode" => MaterialClass.ConversionCathode,
        "model" => MaterialClass.Model,
        "blocking_electrode" => MaterialClass.BlockingElectrode,
        var other => throw new InputException(
            $"unknown material class '{other}': expected metal, solid_electrolyte, polymer_electrolyte, liquid_electrolyte, interlayer, amalgam, alloy, cathode, conversion_cathode or blocking_electrode",
            node.Location),
    };
}

/// <summary>Properties of a pair of materials in contact: "Li|Li6PS5Cl" (depositing surface | neighbour).</summary>
public sealed class MaterialPair
{
    public required string Surface { get; init; }
    public required string Neighbour { get; init; }
    public required YNode Properties { get; init; }
    public string Key => $"{Surface}|{Neighbour}";
    public override string ToString() => Key;
}
