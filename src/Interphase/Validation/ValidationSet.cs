using Interphase.IO;

namespace Interphase.Validation;

/// <summary>
/// data/validation/validation.yaml read into <see cref="ValidationEntry"/> records. Every mistake names
/// the file and line and what was expected (an unknown key, a set other than calibration/validation, an
/// unknown tolerance kind or measure, a duplicate id, a reference to no entry).
/// </summary>
public sealed class ValidationSet
{
    public string File { get; }
    public IReadOnlyList<ValidationEntry> Entries { get; }

    ValidationSet(string file, IReadOnlyList<ValidationEntry> entries) { File = file; Entries = entries; }

    /// <summary>The shipped set, beside the shipped library: data/validation/validation.yaml.</summary>
    public static string DefaultPath(string libraryFolder) =>
        Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(libraryFolder)))!, "validation", "validation.yaml");

    public static ValidationSet Load(string file) => Parse(YNode.Load(file));

    static readonly HashSet<string> EntryKeys = ["id", "set", "mechanism", "system", "conditions", "quantity", "value", "unit", "tolerance", "source", "where", "reliability", "simulate", "no_model", "not_runnable"];
    static readonly HashSet<string> SimulateKeys = ["case", "electrolyte", "measure", "reference", "ramp_from_mA_cm2", "ramp_to_mA_cm2", "ramp_factor", "step_h", "duration_h", "heat_temperature_degC", "heat_h", "currents_mA_cm2", "pressures_MPa", "interface_asrs_ohm_cm2", "note"];

    public static ValidationSet Parse(YNode root)
    {
        foreach (var (key, node) in root.Entries)
            if (key != "entries") throw new InputException($"unknown key '{key}' at the top of the validation set: expected 'entries'", node.Location);
        var list = root.Require("entries", "the list of validation entries");
        var entries = new List<ValidationEntry>();
        var ids = new Dictionary<string, SourceLocation>();
        foreach (var n in list.Items())
        {
            var e = ParseEntry(n);
            if (ids.TryGetValue(e.Id, out var first))
                throw new InputException($"duplicate id '{e.Id}' (first at line {first.Line}): expected every id once", e.Location);
            ids[e.Id] = e.Location;
            entries.Add(e);
        }
        foreach (var e in entries)
            if (e.Simulate?.Reference is { } r && !ids.ContainsKey(r))
                throw new InputException($"simulate.reference '{r}' names no entry of this file: expected the id of another entry", e.Simulate.Where);
        return new ValidationSet(root.File, entries);
    }

    static ValidationEntry ParseEntry(YNode n)
    {
        if (!n.IsMapping) throw new InputException("each entry must be a mapping starting with 'id:'", n.Location);
        foreach (var (key, node) in n.Entries)
            if (!EntryKeys.Contains(key)) throw new InputException($"unknown key '{key}' in a validation entry: expected one of {string.Join(", ", EntryKeys)}", node.Location);
        var id = n.Require("id", "an entry id such as c2-sharafi-llzo-ccd-70C").Text();
        var setNode = n.Require("set", "calibration or validation");
        var set = setNode.Text();
        if (set is not ("calibration" or "validation"))
            throw new InputException($"set '{set}' of '{id}': expected 'calibration' or 'validation'", setNode.Location);
        var system = n.Require("system", "a mapping with metal, electrolyte and electrolyte_thickness_um");
        var cond = n.Require("conditions", "a mapping with temperature_degC, stack_pressure_MPa, current_density_mA_cm2 and protocol");
        var tol = ParseTolerance(n.Require("tolerance", "a mapping {kind: factor, value: 2, reason: …}"), id);
        var value = OptionalNumber(n.Get("value"));
        if (value is null && tol.Kind is "factor" or "lower-bound" or "upper-bound" or "range" or "exponent-abs" or "ratio-factor" && n.Get("value") is null)
            throw new InputException($"'{id}' has no 'value': expected a number, or 'null' while it is to extract", n.Location);
        SimulateSpec? sim = n.Get("simulate") is { } s ? ParseSimulate(s, id) : null;
        return new ValidationEntry(
            id, set,
            n.Require("mechanism", "the mechanism the entry tests").Text(),
            system.Get("electrolyte")?.Text() ?? "",
            OptionalNumber(system.Get("electrolyte_thickness_um")),
            OptionalNumber(cond.Get("temperature_degC")),
            OptionalNumber(cond.Get("stack_pressure_MPa")),
            OptionalNumber(cond.Get("current_density_mA_cm2")),
            n.Require("quantity", "what was measured").Text(),
            value,
            NullableText(n.Get("unit")),
            tol,
            n.Require("source", "the paper").Text(),
            n.Get("where")?.Text() ?? "",
            n.Require("reliability", "text, text-secondhand, project-cited, caption, qualitative or to-extract").Text(),
            sim,
            n.Get("no_model")?.Text(),
            n.Get("not_runnable")?.Text(),
            n.Location)
        {
            MetalPressingPressureMPa = OptionalNumber(cond.Get("metal_pressing_pressure_MPa")),
            ElectrodeDiameterMm = Positive(cond, "electrode_diameter_mm", id),
            Surface = cond.Get("surface") is { } sf && !(sf.IsScalar && sf.Text() is "" or "null" or "~") ? sf : null,
        };
    }

    static Tolerance ParseTolerance(YNode t, string id)
    {
        if (!t.IsMapping) throw new InputException($"tolerance of '{id}': expected a mapping {{kind: factor, value: 2, reason: …}}", t.Location);
        var kindNode = t.Require("kind", string.Join(", ", Tolerance.Kinds));
        var kind = kindNode.Text();
        if (!Tolerance.Kinds.Contains(kind))
            throw new InputException($"unknown tolerance kind '{kind}' of '{id}': expected one of {string.Join(", ", Tolerance.Kinds)}", kindNode.Location);
        double? value = null, low = null, high = null;
        if (t.Get("value") is { } v)
        {
            if (v.IsSequence)
            {
                var items = v.Items();
                if (kind != "range" || items.Count != 2)
                    throw new InputException($"tolerance value of '{id}': a list [low, high] is only for kind 'range'", v.Location);
                low = items[0].Number();
                high = items[1].Number();
                if (!(low < high)) throw new InputException($"tolerance range of '{id}': expected low < high", v.Location);
            }
            else value = OptionalNumber(v);
        }
        if (kind is "factor" or "ratio-factor" && !(value > 1))
            throw new InputException($"tolerance of '{id}': a {kind} needs a value above 1, e.g. 2", kindNode.Location);
        if (kind is "exponent-abs" or "lower-bound" or "upper-bound" && !(value > 0))
            throw new InputException($"tolerance of '{id}': a {kind} needs a positive value", kindNode.Location);
        if (kind == "range" && low is null)
            throw new InputException($"tolerance of '{id}': a range needs value: [low, high]", kindNode.Location);
        return new Tolerance(kind, value, low, high, t.Get("reason")?.Text() ?? "");
    }

    static SimulateSpec ParseSimulate(YNode s, string id)
    {
        if (!s.IsMapping) throw new InputException($"simulate of '{id}': expected a mapping {{case: …, measure: …}}", s.Location);
        foreach (var (key, node) in s.Entries)
            if (!SimulateKeys.Contains(key)) throw new InputException($"unknown key '{key}' in simulate of '{id}': expected one of {string.Join(", ", SimulateKeys)}", node.Location);
        var measureNode = s.Require("measure", string.Join(", ", SimulateSpec.Measures));
        var measure = measureNode.Text();
        if (!SimulateSpec.Measures.Contains(measure))
            throw new InputException($"unknown measure '{measure}' of '{id}': expected one of {string.Join(", ", SimulateSpec.Measures)}", measureNode.Location);
        var factor = OptionalNumber(s.Get("ramp_factor")) ?? 1.1;
        if (!(factor > 1)) throw new InputException($"ramp_factor of '{id}' must be above 1 (each step multiplies the current by it)", s.Get("ramp_factor")!.Location);
        var from = Positive(s, "ramp_from_mA_cm2", id);
        var to = Positive(s, "ramp_to_mA_cm2", id);
        if (from is { } f && to is { } tt && !(tt > f)) throw new InputException($"ramp_to_mA_cm2 of '{id}' must be above ramp_from_mA_cm2", s.Get("ramp_to_mA_cm2")!.Location);
        var currents = RisingSeries(s, "currents_mA_cm2", id, zeroAllowed: false, "positive current densities");
        var pressures = RisingSeries(s, "pressures_MPa", id, zeroAllowed: true, "stack pressures (MPa, 0 or more)");
        var asrs = RisingSeries(s, "interface_asrs_ohm_cm2", id, zeroAllowed: false, "positive interface ASRs (ohm cm2)");
        if (measure == "onset_ccd_vs_interface_asr" && asrs.Count < 3)
            throw new InputException($"'{id}': measure onset_ccd_vs_interface_asr needs interface_asrs_ohm_cm2 with at least three interface ASRs", measureNode.Location);
        if (measure == "critical_stripping_current_vs_pressure" && pressures.Count < 3)
            throw new InputException($"'{id}': measure critical_stripping_current_vs_pressure needs pressures_MPa with at least three stack pressures", measureNode.Location);
        if (measure == "onset_time_trend" && currents.Count < 2)
            throw new InputException($"'{id}': measure onset_time_trend needs currents_mA_cm2 with at least two current densities", measureNode.Location);
        return new SimulateSpec(
            s.Require("case", "a shipped case name such as A-bare-Li-LPSCl").Text(),
            s.Get("electrolyte")?.Text(),
            measure,
            s.Get("reference")?.Text(),
            from, to, factor,
            Positive(s, "step_h", id) ?? 1.0,
            Positive(s, "duration_h", id),
            OptionalNumber(s.Get("heat_temperature_degC")),
            Positive(s, "heat_h", id),
            s.Location) { CurrentsMilliampPerCm2 = currents, PressuresMPa = pressures, InterfaceAsrsOhmCm2 = asrs };
    }

    /// <summary>The values of a series key (currents, pressures, ASRs of a series measure), each above zero (or at least
    /// zero) and above the one before; empty when the key is absent; a value out of order is a one-line error at it.</summary>
    static List<double> RisingSeries(YNode s, string key, string id, bool zeroAllowed, string what)
    {
        var values = new List<double>();
        if (s.Get(key) is not { } list) return values;
        foreach (var item in list.Items())
        {
            var v = item.Number();
            if (!(zeroAllowed ? v >= 0 : v > 0) || values.Count > 0 && !(v > values[^1]))
                throw new InputException($"{key} of '{id}': expected {what} in rising order", item.Location);
            values.Add(v);
        }
        return values;
    }

    static double? Positive(YNode s, string key, string id)
    {
        var v = OptionalNumber(s.Get(key));
        if (v is not null && !(v > 0)) throw new InputException($"{key} of '{id}' must be positive", s.Get(key)!.Location);
        return v;
    }

    static bool IsNull(YNode n) => n.IsScalar && n.Text() is "" or "null" or "~" or "Null" or "NULL";

    static string? NullableText(YNode? n) => n is null || IsNull(n) ? null : n.Text();

    /// <summary>A number, or null for a missing key or 'null'.</summary>
    static double? OptionalNumber(YNode? n) => n is null || IsNull(n) ? null : n.Number();
}
