using Interphase.Cells;
using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Thickness and porosity of a layer in the assembled cell. A grown layer (e.g. Li2Se nanorods) is
/// densified by the assembly pressure p continuously, by Heckel's law ε_p = ε0·exp(−p/P_y)
/// (<see cref="HeckelDensification"/>), and mass conservation gives L = L0·(1 − ε0)/(1 − ε_p). Ionic
/// transport through a porous layer with empty pores follows Bruggeman, σ_eff = σ·(1 − ε)^1.5
/// (Tjaden et al., Curr. Opin. Chem. Eng. 12, 44, 2016); pores filled by the pressed electrolyte
/// are a parallel path (see the electrode-side network in the simulator).
/// </summary>
public sealed record LayerGeometry(double Thickness, double Porosity, bool PoresFilledByElectrolyte, string? Morphology)
{
    public double BruggemanFactor => Math.Pow(1 - Porosity, 1.5);

    public static LayerGeometry Resolve(LayerSpec layer, Parameters p, double? assemblyPressure)
    {
        var m = layer.Material;
        if (layer.Morphology is null)
        {
            if (layer.ThicknessM is null)
                throw new InputException($"layer '{m.Name}' needs a thickness (e.g. '10 um') or a morphology", layer.Where);
            return new LayerGeometry(layer.ThicknessM.Value, layer.Porosity ?? 0, false, null);
        }
        var morph = m.Properties.Get("morphologies")?.Get(layer.Morphology);
        if (morph is null)
        {
            var known = m.Properties.Get("morphologies")?.Keys.ToList() ?? new List<string>();
            throw new InputException(known.Count == 0
                ? $"{m.Name} has no morphologies in the library; remove 'morphology'"
                : $"unknown morphology '{layer.Morphology}' for {m.Name}: expected one of {string.Join(", ", known)}", layer.Where);
        }
        string path = $"morphologies.{layer.Morphology}";
        var thickness0 = layer.ThicknessM ?? p.Get(m, $"{path}.as_grown_thickness", QuantityKind.Length);
        var eps0 = layer.Porosity ?? p.Get(m, $"{path}.porosity", QuantityKind.Dimensionless);
        var filling = (p.OptionalText(m, $"{path}.pore_filling") ?? "none").Trim().ToLowerInvariant();
        if (filling is not ("none" or "electrolyte"))
            throw new InputException($"{m.Name} {layer.Morphology}: pore_filling must be 'none' or 'electrolyte', got '{filling}'", m.Properties.Location);
        // a dense layer has nothing to densify; a porous one follows Heckel's law from its as-made porosity
        double eps = eps0;
        if (eps0 > 0)
        {
            var py = p.Get(m, $"{path}.heckel_yield_pressure", QuantityKind.Pressure);
            if (py <= 0) throw new InputException($"{m.Name} {layer.Morphology}: heckel_yield_pressure must be positive", m.Properties.Location);
            eps = new HeckelDensification(eps0, py).Porosity(assemblyPressure ?? 0);
        }
        return new LayerGeometry(thickness0 * (1 - eps0) / (1 - eps), eps, filling == "electrolyte" && eps > 0, layer.Morphology);
    }
}
