using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;

namespace Interphase.Ensembles;

/// <summary>
/// The distributions of an ensemble: the cell file's <c>distributions:</c> block, then those of a side
/// file (a YAML file with a <c>distributions:</c> block of its own), which replace the cell file's for
/// the same quantity. Each entry is <c>KEY: DISTRIBUTION</c>, e.g.
/// <code>
/// distributions:
///   stack_pressure: normal(5 MPa, 1 MPa)
///   layers.2.thickness: uniform(250 um, 350 um)
///   "Li|Li6PS5Cl.exchange_current_density": lognormal(1.12 mA/cm2, 0.3)
/// </code>
/// </summary>
public sealed record EnsembleSpec(IReadOnlyList<SampledQuantity> Quantities)
{
    public static EnsembleSpec Read(CellSpec spec, MaterialLibrary library, string? sideFile = null)
    {
        var list = new List<SampledQuantity>();
        void Add(YNode block)
        {
            if (!block.IsMapping)
                throw new InputException("'distributions' must be a mapping of quantities to distributions, e.g. 'stack_pressure: normal(5 MPa, 1 MPa)'", block.Location);
            foreach (var (key, node) in block.Entries)
            {
                var q = SampledQuantity.Resolve(key, Distribution.Parse(node.Text(), node.Location), spec, library);
                list.RemoveAll(x => x.Target == q.Target && x.LayerIndex == q.LayerIndex && string.Equals(x.Key, q.Key, StringComparison.OrdinalIgnoreCase));
                list.Add(q);
            }
        }
        if (spec.Root.Get("distributions") is { } own) Add(own);
        if (sideFile is not null)
        {
            if (!File.Exists(sideFile)) throw new InputException("distributions file not found", sideFile);
            var root = YNode.Load(sideFile);
            foreach (var (key, node) in root.Entries)
                if (key != "distributions")
                    throw new InputException($"unknown key '{key}' in a distributions file: expected 'distributions:'", node.Location);
            Add(root.Require("distributions", "a mapping of quantities to distributions, e.g. 'stack_pressure: normal(5 MPa, 1 MPa)'"));
        }
        return new EnsembleSpec(list);
    }
}
