using System.Globalization;
using System.Text.RegularExpressions;
using Interphase.Cells;
using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Ensembles;

/// <summary>What a distribution varies: a quantity of the cell file or a library parameter.</summary>
public enum SampledTarget { StackPressure, AssemblyPressure, Temperature, LayerThickness, LayerPorosity, Parameter }

/// <summary>
/// One quantity of an ensemble and its distribution. <see cref="Key"/> is as the user wrote it:
/// <c>stack_pressure</c>, <c>assembly_pressure</c>, <c>temperature</c>, <c>layers.N.thickness</c> or
/// <c>layers.N.porosity</c> (N counts the cell file's layers from 1), or a library parameter path as
/// the cell file's <c>overrides:</c> take it (<c>"Li|Li6PS5Cl.exchange_current_density"</c>).
/// </summary>
public sealed partial record SampledQuantity(string Key, SampledTarget Target, int LayerIndex, Distribution Distribution)
{
    [GeneratedRegex(@"^layers\.(?<n>\d+)\.(?<what>thickness|porosity)$", RegexOptions.IgnoreCase)]
    private static partial Regex LayerKey();

    [GeneratedRegex(@"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*(?<unit>.*?)\s*$")]
    private static partial Regex NumberThenUnit();

    /// <summary>The column name in ensemble.csv: the key and the unit the samples are written in.</summary>
    public string Column => Distribution.Unit.Length > 0 ? $"{Key} ({Distribution.Unit})" : Key;

    QuantityKind? Kind => Target switch
    {
        SampledTarget.StackPressure or SampledTarget.AssemblyPressure => QuantityKind.Pressure,
        SampledTarget.Temperature => QuantityKind.Temperature,
        SampledTarget.LayerThickness => QuantityKind.Length,
        SampledTarget.LayerPorosity => QuantityKind.Dimensionless,
        _ => null,
    };

    /// <summary>Checks <paramref name="key"/> against the cell and the library and the distribution's unit against the quantity's.</summary>
    public static SampledQuantity Resolve(string key, Distribution d, CellSpec spec, MaterialLibrary library)
    {
        var where = d.Where;
        SampledTarget target;
        int layer = -1;
        switch (key.Trim().ToLowerInvariant())
        {
            case "stack_pressure": target = SampledTarget.StackPressure; break;
            case "assembly_pressure": target = SampledTarget.AssemblyPressure; break;
            case "temperature": target = SampledTarget.Temperature; break;
            default:
                if (LayerKey().Match(key.Trim()) is { Success: true } m)
                {
                    layer = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) - 1;
                    if (layer < 0 || layer >= spec.Layers.Count)
                        throw new InputException($"'{key}': the cell has layers 1 to {spec.Layers.Count}", where);
                    target = m.Groups["what"].Value.ToLowerInvariant() == "thickness" ? SampledTarget.LayerThickness : SampledTarget.LayerPorosity;
                }
                else if (key.Contains('.'))
                {
                    target = SampledTarget.Parameter;
                    var (canonical, nominal) = new Parameters(library, spec.Overrides).ValueText(key, where);
                    var nm = NumberThenUnit().Match(nominal);
                    if (!nm.Success)
                        throw new InputException($"'{key}' is '{nominal}', not a number with a unit: it cannot carry a distribution", where);
                    Unit nominalUnit, unit;
                    try { nominalUnit = UnitParser.Parse(nm.Groups["unit"].Value); unit = UnitParser.Parse(d.Unit); }
                    catch (InputException e) { throw new InputException(e.Message, where); }
                    if (nominalUnit.Dimension != unit.Dimension)
                        throw new InputException($"'{key}' is {nominal}, a {Measure.Describe(nominalUnit.Dimension)}; the distribution '{d.Text}' is in {(d.Unit.Length > 0 ? $"'{d.Unit}', a {Measure.Describe(unit.Dimension)}" : "no unit")}", where);
                    return new SampledQuantity(canonical, target, -1, d);
                }
                else throw new InputException($"unknown quantity '{key}': expected stack_pressure, assembly_pressure, temperature, layers.N.thickness, layers.N.porosity or a library parameter such as \"Li|Li6PS5Cl.exchange_current_density\"", where);
                break;
        }
        var q = new SampledQuantity(key.Trim(), target, layer, d);
        // the unit must be one of the quantity's
        Measure.Parse(d.Quantity(d.Centre), q.Kind!, where);
        return q;
    }

    /// <summary>
    /// The cell with this quantity set to <paramref name="value"/> (in the distribution's unit), checked
    /// as the cell file's value is; a parameter becomes an override (after the cell's own, so it wins).
    /// </summary>
    public CellSpec Apply(CellSpec spec, double value)
    {
        var text = Distribution.Quantity(value);
        var where = Distribution.Where;
        switch (Target)
        {
            case SampledTarget.Parameter:
                return spec with { Overrides = [.. spec.Overrides, new ParameterOverride(Key, text, where)] };
            case SampledTarget.StackPressure:
            {
                var p = Measure.Parse(text, QuantityKind.Pressure, where);
                if (p < 0) throw new InputException($"stack_pressure sampled {text}: a pressure cannot be negative", where);
                return spec with { StackPressurePa = p };
            }
            case SampledTarget.AssemblyPressure:
            {
                var p = Measure.Parse(text, QuantityKind.Pressure, where);
                if (p < 0) throw new InputException($"assembly_pressure sampled {text}: a pressure cannot be negative", where);
                return spec with { AssemblyPressurePa = p };
            }
            case SampledTarget.Temperature:
            {
                var t = Measure.Parse(text, QuantityKind.Temperature, where);
                if (t < 150 || t > 700) throw new InputException($"temperature sampled {text}: outside what the models cover (−120 to 430 °C)", where);
                return spec with { TemperatureK = t };
            }
            case SampledTarget.LayerThickness:
            {
                var th = Measure.Parse(text, QuantityKind.Length, where);
                if (!(th > 0)) throw new InputException($"{Key} sampled {text}: a thickness must be positive", where);
                return WithLayer(spec, spec.Layers[LayerIndex] with { ThicknessM = th });
            }
            case SampledTarget.LayerPorosity:
            {
                var por = Measure.Parse(text, QuantityKind.Dimensionless, where);
                if (por < 0 || por >= 1) throw new InputException($"{Key} sampled {text}: a porosity must be in [0, 1)", where);
                return WithLayer(spec, spec.Layers[LayerIndex] with { Porosity = por });
            }
            default: throw new ArgumentOutOfRangeException(nameof(Target), Target, "unknown target");
        }
    }

    CellSpec WithLayer(CellSpec spec, LayerSpec layer)
    {
        var layers = spec.Layers.ToArray();
        layers[LayerIndex] = layer;
        return spec with { Layers = layers };
    }
}
