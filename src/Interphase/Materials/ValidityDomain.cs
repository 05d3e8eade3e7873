using System.Globalization;
using Interphase.IO;
using Interphase.Units;

namespace Interphase.Materials;

/// <summary>What a material's validity domain says about a condition: refused (outside what the models can describe) or a warning (extrapolated).</summary>
public sealed record ValidityFinding(bool Refused, string Message);

/// <summary>
/// Where a material's data hold: the <c>validity:</c> block of its properties (docs/materials-schema.md),
/// read through <see cref="Parameters"/> so that a cell file can override it. All values in SI; null
/// when the file does not give the limit. <see cref="AtTemperature"/> and <see cref="AtPressure"/> apply the rules of docs/models.md
/// ("Validity domain"):
/// <list type="bullet">
/// <item>refused: T ≥ melting_point (solid-metal models), T ≥ boiling_point, T ≤ freezing_point
/// (liquid models), T ≤ glass_transition or T ≤ the VTF temperature T0 (the VTF law
/// σ = A·T^−½·exp(−B/(T − T0)) describes the melt above Tg and diverges at T0);</item>
/// <item>warned: T outside [temperature_min, temperature_max], the range of the data (extrapolation);
/// stack pressure above pressure_max, the range of the mechanics data.</item>
/// </list>
/// The stability window (reduction_potential, oxidation_potential) is checked by the cell, which
/// knows which electrode each layer touches (Cells/CellValidity).
/// </summary>
public sealed record ValidityDomain(
    string Material,
    double? TemperatureMin,
    double? TemperatureMax,
    double? MeltingPoint,
    double? GlassTransition,
    double? FreezingPoint,
    double? BoilingPoint,
    double? ReductionPotential,
    double? OxidationPotential,
    double? PressureMax,
    double? VtfT0)
{
    public const string Group = "validity";

    /// <summary>The keys of a <c>validity:</c> block and the kind of quantity each holds.</summary>
    public static readonly IReadOnlyDictionary<string, QuantityKind> Keys = new Dictionary<string, QuantityKind>
    {
        ["temperature_min"] = QuantityKind.Temperature,
        ["temperature_max"] = QuantityKind.Temperature,
        ["melting_point"] = QuantityKind.Temperature,
        ["glass_transition"] = QuantityKind.Temperature,
        ["freezing_point"] = QuantityKind.Temperature,
        ["boiling_point"] = QuantityKind.Temperature,
        ["reduction_potential"] = QuantityKind.Voltage,
        ["oxidation_potential"] = QuantityKind.Voltage,
        ["pressure_max"] = QuantityKind.Pressure,
    };

    /// <summary>The parameter path of a limit, as messages and overrides name it: <c>Li.validity.melting_point</c>.</summary>
    public string PathOf(string key) => $"{Material}.{Group}.{key}";

    public static ValidityDomain Read(Parameters p, Material m)
    {
        double? Get(string key) => p.Optional(m, $"{Group}.{key}", Keys[key]);
        double? t0 = (p.OptionalText(m, "conductivity.law") ?? "").Trim().Equals("vtf", StringComparison.OrdinalIgnoreCase)
            ? p.Optional(m, "conductivity.ideal_glass_temperature", QuantityKind.Temperature) : null;
        return new ValidityDomain(m.Name, Get("temperature_min"), Get("temperature_max"), Get("melting_point"), Get("glass_transition"),
            Get("freezing_point"), Get("boiling_point"), Get("reduction_potential"), Get("oxidation_potential"), Get("pressure_max"), t0);
    }

    /// <summary>
    /// The loader's check of a material's <c>validity:</c> block: known keys, each a sourced value of
    /// the right kind, temperature_min ≤ temperature_max and a glass transition above the VTF T0.
    /// </summary>
    public static void CheckBlock(Material m)
    {
        if (m.Properties.Get(Group) is not { } block) return;
        if (!block.IsMapping)
            throw new InputException($"{m.Name}.{Group} must be a mapping of limits such as 'melting_point: {{value: 180.5, unit: degC, source: ...}}'", block.Location);
        var values = new Dictionary<string, double>();
        foreach (var (key, node) in block.Entries)
        {
            if (!Keys.TryGetValue(key, out var kind))
                throw new InputException($"unknown key '{key}' in {m.Name}.{Group}: expected one of {string.Join(", ", Keys.Keys)}", node.Location);
            if (!node.IsMapping || node.Get("value") is null || string.IsNullOrWhiteSpace(node.Get("source")?.Text()))
                throw new InputException($"{m.Name}.{Group}.{key} must be a value with its source, e.g. {{value: 1, unit: {kind.Example.Split(' ').Last()}, source: ...}}", node.Location);
            values[key] = node.Quantity(kind);
        }
        if (values.TryGetValue("temperature_min", out var lo) && values.TryGetValue("temperature_max", out var hi) && lo > hi)
            throw new InputException($"{m.Name}.{Group}: temperature_min {Celsius(lo)} is above temperature_max {Celsius(hi)}", block.Location);
        if (values.TryGetValue("glass_transition", out var tg) && m.Properties.Get("conductivity")?.Get("ideal_glass_temperature") is { } t0Node
            && t0Node.Quantity(QuantityKind.Temperature) is var t0 && tg <= t0)
            throw new InputException($"{m.Name}.{Group}.glass_transition {Celsius(tg)} must lie above the VTF temperature T0 {Celsius(t0)}", block.Get("glass_transition")!.Location);
    }

    /// <summary>The findings at temperature T (K): refusals first, then warnings.</summary>
    public IEnumerable<ValidityFinding> AtTemperature(double temperatureK)
    {
        var T = temperatureK;
        if (MeltingPoint is { } tm && T >= tm)
            yield return Refuse($"{Material} at {Celsius(T)} is above its melting point {Celsius(tm)} ({PathOf("melting_point")}): the models treat it as a solid");
        if (BoilingPoint is { } tb && T >= tb)
            yield return Refuse($"{Material} at {Celsius(T)} is above its boiling point {Celsius(tb)} ({PathOf("boiling_point")})");
        if (FreezingPoint is { } tf && T <= tf)
            yield return Refuse($"{Material} at {Celsius(T)} is below its freezing point {Celsius(tf)} ({PathOf("freezing_point")}): the models treat it as a liquid");
        if (GlassTransition is { } tg && T <= tg)
            yield return Refuse($"{Material} at {Celsius(T)} is below its glass transition {Celsius(tg)} ({PathOf("glass_transition")}), under which its VTF conductivity law"
                + (VtfT0 is { } t0g ? $" (T0 = {Celsius(t0g)})" : "") + " no longer describes it; the law diverges as T approaches T0");
        else if (VtfT0 is { } t0 && T <= t0)
            yield return Refuse($"{Material} at {Celsius(T)} is at or below the VTF temperature T0 = {Celsius(t0)} ({Material}.conductivity.ideal_glass_temperature), where its conductivity law diverges");

        if (TemperatureMin is { } lo && T < lo - Tolerance)
            yield return Warn($"{Material} at {Celsius(T)} is below the temperature range of its data, {Range()} ({PathOf("temperature_min")}): its values are extrapolated");
        if (TemperatureMax is { } hi && T > hi + Tolerance)
            yield return Warn($"{Material} at {Celsius(T)} is above the temperature range of its data, {Range()} ({PathOf("temperature_max")}): its values are extrapolated");
    }

    /// <summary>The finding at a stack pressure (Pa): a warning above the range of the mechanics data.</summary>
    public IEnumerable<ValidityFinding> AtPressure(double stackPressurePa)
    {
        if (PressureMax is { } pm && stackPressurePa > pm * (1 + 1e-9))
            yield return Warn($"{Material} under a stack pressure of {Megapascal(stackPressurePa)} is above the range of its mechanics data, up to {Megapascal(pm)} ({PathOf("pressure_max")}): contact and creep are extrapolated");
    }

    /// <summary>Temperatures compare with a margin far below any measurement's (1 mK) so that "25 degC" is inside "25 to 25 degC".</summary>
    const double Tolerance = 1e-3;

    string Range() => $"{(TemperatureMin is { } a ? Celsius(a) : "?")} to {(TemperatureMax is { } b ? Celsius(b) : "?")}";

    static ValidityFinding Refuse(string m) => new(true, m);
    static ValidityFinding Warn(string m) => new(false, m);

    /// <summary>A temperature as users write it: "-40 degC", "180.5 degC".</summary>
    public static string Celsius(double kelvin) => (kelvin - Si.ZeroCelsius).ToString("0.##", CultureInfo.InvariantCulture) + " degC";

    static string Megapascal(double pa) => (pa / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " MPa";
}
