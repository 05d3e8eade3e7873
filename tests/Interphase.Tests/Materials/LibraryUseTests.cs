using Interphase.Cells;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;

namespace Interphase.Tests.Materials;

/// <summary>
/// Every library value of a material (or pair) the shipped cases use is read by a model, or is listed
/// here as not yet used, with what is to become of it (issue 9, item 5). A new value no model reads
/// fails the test, and so does a listed value once a model reads it (take it off the list).
/// </summary>
public class LibraryUseTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);

    /// <summary>Read as whole blocks by code outside <see cref="Parameters"/>: the plateaus of PlateauCurve, the morphologies of LayerGeometry,
    /// model.yaml's class defaults (read by ClassDefaults only for a value a material lacks; ClassDefaultTests covers them).</summary>
    static bool ReadAsABlock(string path) => path.Contains("_plateaus[") || path.Contains(".morphologies.") || path.Contains(".class_defaults.");

    /// <summary>Values in the library that no model reads yet, by what is to become of them.</summary>
    static readonly Dictionary<string, string> NotYetUsed = new List<(string reason, string[] paths)>
    {
        ("electronic conduction of cathodes (the composite is taken as electronically connected by its carbon) and of amalgams (an amalgam conducts electrons by its class)",
            ["LiCoO2.electronic_conductivity", "LiFePO4.electronic_conductivity", "NCM523.electronic_conductivity", "V2O5.electronic_conductivity",
             "FeS2.electronic_conductivity", "LiHg.electronic_conductivity", "ZnHg.electronic_conductivity",
             "NaHg.electronic_conductivity", "AlHg.electronic_conductivity", "MgHg.electronic_conductivity"]),
        ("stated for readers; the model computes it from other values (NCM523's 277.6 mAh/g disagrees with the 199.6 its max_concentration and density give: to resolve)",
            ["LiCoO2.theoretical_capacity", "LiFePO4.theoretical_capacity", "NCM523.theoretical_capacity", "V2O5.theoretical_capacity", "FeS2.theoretical_capacity"]),
        ("descriptive (which ion a host takes, the standard potential of the metal, lithiophilicity): use in checks or delete",
            ["LiCoO2.ion", "LiFePO4.ion", "NCM523.ion", "V2O5.ion", "Li.standard_potential", "Zn.standard_potential", "Na.standard_potential", "K.standard_potential", "Al.standard_potential", "Mg.standard_potential", "DCPL.lithiophilic", "Li2Se.lithiophilic",
             "SS.electronic_conductivity"]),
        ("densities and viscosities of electrolytes and layers with no model of mass or flow yet",
            ["DOL-DME-LiTFSI.density", "LP30.density", "ZnSO4-aq.density", "LLTO.density", "Li2Se.density", "Li6PS5Cl.density", "Li7P3S11.density",
             "PEO-LiTFSI.density", "PT-PEO.density", "DOL-DME-LiTFSI.viscosity", "LP30.viscosity", "ZnSO4-aq.viscosity",
             "LPS-glass.density", "NaPF6-EC-PC.density", "NaPF6-EC-PC.viscosity", "AlCl3-EMIMCl.density", "AlCl3-EMIMCl.viscosity",
             "Mg-TFSI-DME.density", "Mg-TFSI-DME.viscosity", "beta-alumina.density"]),
        ("the amalgam's host and the lithium diffusion in it, for the amalgam's composition profile (issue 9 item 4)",
            ["LiHg.host_density", "ZnHg.host_density", "ZnHg.lithium_diffusivity", "Li-In.lithium_fraction",
             "NaHg.host_density", "NaHg.lithium_diffusivity", "AlHg.host_density", "AlHg.lithium_diffusivity", "MgHg.host_density", "MgHg.lithium_diffusivity"]),
        ("PT's electronic, dielectric and mechanical values: the layer grown in a blocking cell (docs/models.md §16.1) uses its growth, density and ionic conductivity; its doped electronic conduction at a cathode is not modelled yet",
            ["PT.doping_onset_potential", "PT.electronic_conductivity", "PT.electronic_conductivity_doped", "PT.lithiophilic", "PT.relative_permittivity", "PT.shear_modulus"]),
        ("DCPL's own ionic conduction (the model takes its interphase as the resistance), Li2Se's permittivity (no layer capacitance yet), the default composite electrolyte fraction (every shipped cathode states its own)",
            ["DCPL.conductivity.activation_energy", "DCPL.conductivity.reference_conductivity", "DCPL.conductivity.reference_temperature",
             "Li2Se.relative_permittivity", "model.composite_electrolyte_fraction"]),
    }.SelectMany(g => g.paths.Select(p => (p, g.reason))).ToDictionary(x => x.p, x => x.reason, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void EveryValueOfTheShippedCasesMaterialsIsReadOrListedAsNotYetUsed()
    {
        var read = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in Directory.GetFiles(TestPaths.Cases, "*.yaml").Order())
        {
            var spec = CellSpec.Load(f, Lib);
            if (spec.Kind == "blocking")
            {
                var b = BlockingCell.Build(spec, Lib);
                b.WarningsFor(ProtocolParser.ParseFile(spec.ProtocolFile!));
                read.UnionWith(b.Parameters.ReadPaths);
                continue;
            }
            CellWithElectrolyte cell = spec.Kind == "full" ? FullCell.Build(spec, Lib) : SymmetricCell.Build(spec, Lib);
            cell.WarningsFor(ProtocolParser.ParseFile(spec.ProtocolFile!));
            read.UnionWith(cell.Parameters.ReadPaths);
        }
        var owners = read.Select(r => r[..r.IndexOf('.')]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var values = Lib.All.Where(m => owners.Contains(m.Name)).SelectMany(m => LibraryValue.In(m.Properties, m.Name))
            .Concat(Lib.Pairs.Where(p => owners.Contains(p.Key)).SelectMany(p => LibraryValue.In(p.Properties, p.Key)));
        var unread = values.Select(v => v.Path).Where(p => !read.Contains(p) && !ReadAsABlock(p)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unlisted = unread.Where(p => !NotYetUsed.ContainsKey(p)).Order().ToList();
        Assert.True(unlisted.Count == 0, "values no model reads (use them, delete them, or list them here with what is to become of them): " + string.Join(", ", unlisted));
        var nowRead = NotYetUsed.Keys.Where(p => !unread.Contains(p)).Order().ToList();
        Assert.True(nowRead.Count == 0, "listed as not yet used but now read (or gone): take them off the list: " + string.Join(", ", nowRead));
    }
}
