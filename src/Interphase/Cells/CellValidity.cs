using System.Globalization;
using Interphase.Materials;
using Interphase.Protocols;

namespace Interphase.Cells;

/// <summary>
/// A cell against the validity domains of its materials (docs/models.md, "Validity domain"): at the
/// cell file's temperature and stack pressure, at every temperature its protocol sets, and across the
/// stability window of the electrolyte at each electrode. A condition the models cannot describe is
/// refused with one line naming the file, the material and the limit; one where they extrapolate
/// gives a warning line, which the run prints and stores in summary.json (<c>warnings</c>).
/// </summary>
public static class CellValidity
{
    /// <summary>Every material whose domain applies: each layer's, and a cathode composite's own electrolyte.</summary>
    public static IReadOnlyList<Material> Materials(CellSpec spec, MaterialLibrary library)
    {
        var list = new List<Material>();
        foreach (var layer in spec.Layers)
        {
            list.Add(layer.Material);
            if (layer.IsCathode && layer.Node?.Get("electrolyte") is { } en) list.Add(library.Get(en.Text(), en.Location));
        }
        return list.Distinct().ToList();
    }

    /// <summary>
    /// The cell file's conditions: a refusal throws at the temperature (or pressure) line; the
    /// warnings come back as "file:line:col: message" lines.
    /// </summary>
    public static IReadOnlyList<string> AtCellConditions(CellSpec spec, Parameters p)
    {
        var tWhere = spec.Root.Get("temperature")?.Location ?? new SourceLocation(spec.File);
        var pWhere = spec.Root.Get("stack_pressure")?.Location ?? new SourceLocation(spec.File);
        var warnings = new List<string>();
        foreach (var d in Domains(spec, p))
        {
            warnings.AddRange(Judge(d.AtTemperature(spec.TemperatureK), m => new InputException(m, tWhere)).Select(w => $"{tWhere}: {w}"));
            warnings.AddRange(Judge(d.AtPressure(spec.StackPressurePa), m => new InputException(m, pWhere)).Select(w => $"{pWhere}: {w}"));
        }
        if (spec.Root.Get("stack_pressure") is null && spec.Layers.Any(l => l.Material.Class == MaterialClass.SolidElectrolyte))
            warnings.Add($"{pWhere}: no stack_pressure given, so 0 MPa: a solid metal is pressed into contact with a ceramic or sulfide electrolyte only by it " +
                         "(Tabor: contact fraction = pressure / hardness), so the cell starts with almost no contact; give the pressure the cell is built and cycled at, e.g. 'stack_pressure: 5 MPa'");
        return warnings;
    }

    /// <summary>
    /// The temperatures a protocol sets ("Rest for 1 h at 40 degC"): a refusal throws at the step and
    /// names it and the cell file; warnings come back one line each.
    /// </summary>
    public static IReadOnlyList<string> ForProtocol(CellSpec spec, Parameters p, Protocol protocol)
    {
        var domains = Domains(spec, p);
        var warnings = new List<string>();
        foreach (var step in AllSteps(protocol.Steps))
        {
            var temperatures = step is MeasureEisStep { TemperaturesK.Count: > 0 } eis ? eis.TemperaturesK
                : StepTemperature(step) is { } t ? [t] : [];
            foreach (var T in temperatures)
            {
                var what = $"step '{step.Text}' puts {Path.GetFileName(spec.File)} at {ValidityDomain.Celsius(T)}";
                foreach (var d in domains)
                    warnings.AddRange(Judge(d.AtTemperature(T), m => new InputException($"{what}: {m}", step.Where)).Select(w => $"{step.Where}: {what}: {w}"));
            }
        }
        return warnings.Distinct().ToList();
    }

    /// <summary>
    /// The reduction side of the window (potentials vs the couple of the ion the cell carries: Li/Li⁺,
    /// Zn²⁺/Zn): a layer touching a depositing surface that sits below the
    /// layer's reduction potential is reduced by it. The interface's interphase model is that
    /// reduction; without one the library assumes kinetic stability, which is a warning.
    /// </summary>
    public static string? Reduction(CellSpec spec, Parameters p, double surfacePotential, Material surface, Material neighbour, bool interphaseModelled)
    {
        var d = ValidityDomain.Read(p, neighbour);
        if (interphaseModelled || d.ReductionPotential is not { } ured || surfacePotential >= ured) return null;
        return $"{Where(spec, neighbour)}: {neighbour.Name} is reduced below {Volts(ured)} ({d.PathOf("reduction_potential")}), the " +
               $"{surface.Name}|{neighbour.Name} interface sits at {Volts(surfacePotential)} and has no interphase model: the reduction is neglected (kinetic stability assumed)";
    }

    /// <summary>
    /// The oxidation side of the window for a full cell: the highest potential its protocol charges the
    /// cathode to (a charge cut-off or hold voltage, plus the anode's potential) against the composite
    /// electrolyte's oxidation potential. The cathode|electrolyte pair models oxidation by a parasitic
    /// current from its onset on; an onset above the electrolyte's window means the model takes the
    /// electrolyte as kinetically stable in between, which is a warning when the protocol goes there.
    /// </summary>
    public static string? Oxidation(Parameters p, Material electrolyte, string cathodePair, double onset, double anodePotential, Protocol protocol)
    {
        var d = ValidityDomain.Read(p, electrolyte);
        if (d.OxidationPotential is not { } uox || onset <= uox) return null;
        var top = AllSteps(protocol.Steps).Select(s => (step: s, volts: ChargeLimit(s))).Where(x => x.volts is not null)
            .OrderByDescending(x => x.volts).FirstOrDefault();
        if (top.step is null || top.volts!.Value + anodePotential <= uox) return null;
        return $"{top.step.Where}: step '{top.step.Text}' charges the cathode to {Volts(top.volts.Value + anodePotential)}, above " +
               $"{electrolyte.Name}'s oxidation potential {Volts(uox)} ({d.PathOf("oxidation_potential")}); the {cathodePair} interface models its " +
               $"oxidation only from {Volts(onset)} on (kinetic stability assumed below)";
    }

    static List<ValidityDomain> Domains(CellSpec spec, Parameters p) =>
        Materials(spec, p.Library).Select(m => ValidityDomain.Read(p, m)).ToList();

    /// <summary>Throws the first refusal; returns the warnings' messages.</summary>
    static IEnumerable<string> Judge(IEnumerable<ValidityFinding> findings, Func<string, InputException> refuse)
    {
        var list = findings.ToList();
        if (list.FirstOrDefault(f => f.Refused) is { } r) throw refuse(r.Message);
        return list.Select(f => f.Message);
    }

    static IEnumerable<Step> AllSteps(IReadOnlyList<Step> steps) => steps.SelectMany(s => s switch
    {
        RepeatBlock r => AllSteps(r.Body),
        RampBlock r => AllSteps(r.Body),
        _ => [s],
    });

    static double? StepTemperature(Step s) => s switch
    {
        CurrentStep c => c.TemperatureK,
        RestStep r => r.TemperatureK,
        HoldStep h => h.TemperatureK,
        _ => null,
    };

    /// <summary>The cell voltage a step charges up to: a charge's upper cut-off or a hold's voltage.</summary>
    static double? ChargeLimit(Step s) => s switch
    {
        HoldStep h => h.Volts,
        CurrentStep { Kind: CurrentKind.Charge, Until: VoltageCondition { Absolute: false, Op: Comparison.Greater or Comparison.GreaterOrEqual } v } => v.Volts,
        _ => null,
    };

    static SourceLocation Where(CellSpec spec, Material m) =>
        spec.Layers.FirstOrDefault(l => l.Material == m)?.Where ?? new SourceLocation(spec.File);

    static string Volts(double v) => v.ToString("0.###", CultureInfo.InvariantCulture) + " V";
}
