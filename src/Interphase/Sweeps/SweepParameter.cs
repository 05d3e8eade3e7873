using System.Globalization;
using System.Text.RegularExpressions;
using Interphase.Cells;
using Interphase.Ensembles;
using Interphase.IO;

namespace Interphase.Sweeps;

/// <summary>What a sweep parameter sets: a cell-file key, a layer's property, a library override or a protocol variable.</summary>
public enum ParameterTarget { CellKey, Layer, Override, ProtocolVariable }

/// <summary>How a parameter's values are given: a range (<c>{from, to}</c>), a list (<c>{values: […]}</c>), a distribution, or jointly with others (<see cref="JointNormal"/>).</summary>
public enum ParameterSpread { Range, Values, Distribution, Joint }

/// <summary>
/// One parameter of a sweep spec, named as the user wrote it (the column of the runs table):
/// <list type="bullet">
/// <item><c>temperature</c>, <c>stack_pressure</c>, <c>degradation.contact_loss</c>: any cell-file key (a dotted path into a mapping);</item>
/// <item><c>layers[1].thickness</c> (counting from 0) or <c>layers.2.thickness</c> (counting from 1): a property of a layer;</item>
/// <item><c>"Li|Li6PS5Cl.exchange_current_density"</c>: a library override, as the cell file's <c>overrides:</c> take it;</item>
/// <item><c>$current</c>: a protocol variable, written <c>$current</c> in a protocol step.</item>
/// </list>
/// Values are in the user's units: <c>{from: 1 MPa, to: 10 MPa}</c> (<c>scale: log</c> for a logarithmic
/// range), <c>{values: [2 um, 5 um]}</c>, or a distribution (<c>normal(5 MPa, 0.5 MPa)</c>,
/// <c>lognormal(1 mA/cm2, 0.3)</c>, <c>uniform(20 degC, 30 degC)</c>).
/// </summary>
public sealed partial record SweepParameter(string Key, ParameterTarget Target, ParameterSpread Spread, SourceLocation Where)
{
    [GeneratedRegex(@"^layers(\[(?<zero>\d+)\]|\.(?<one>\d+))\.(?<prop>[A-Za-z_][A-Za-z0-9_.]*)$")]
    private static partial Regex LayerKey();

    [GeneratedRegex(@"^\$[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableKey();

    /// <summary>Column names of the runs table that a parameter cannot take.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "id", "status", "reason", "seed", "elapsed_s" };

    /// <summary>The unit the numbers are in ("" for words and plain numbers).</summary>
    public string Unit { get; init; } = "";
    public double From { get; init; }
    public double To { get; init; }
    public bool Log { get; init; }
    public IReadOnlyList<SweepValue> Values { get; init; } = [];
    public Distribution? Distribution { get; init; }
    /// <summary>The multivariate normal of a calibration this parameter belongs to, and its place in it.</summary>
    public JointNormal? Joint { get; init; }
    public int JointIndex { get; init; }
    /// <summary>The layer (from 0) of a layer property.</summary>
    public int LayerIndex { get; init; } = -1;
    /// <summary>The path set in the cell file (a key, or a layer's property; dotted for nested mappings).</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>The value at <paramref name="u"/> in [0, 1): a point of the range (linear or logarithmic), one of the values, or the distribution's quantile.</summary>
    public SweepValue At(double u) => Spread switch
    {
        ParameterSpread.Range => SweepValue.Of(Log ? From * Math.Pow(To / From, u) : From + (To - From) * u, Unit),
        ParameterSpread.Values => Values[Math.Min(Values.Count - 1, (int)(u * Values.Count))],
        ParameterSpread.Joint => SweepValue.Of(Joint!.Mean[JointIndex] + Joint.Sd[JointIndex] * MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, u), Unit),   // the marginal; the design applies the correlation
        _ => SweepValue.Of(Distribution!.Quantile(u), Unit),
    };

    /// <summary>The values of a grid: a range's <paramref name="levels"/> evenly spaced points (ends included), or the listed values.</summary>
    public IReadOnlyList<SweepValue> Levels(int levels) => Spread switch
    {
        ParameterSpread.Values => Values,
        ParameterSpread.Range => Enumerable.Range(0, levels).Select(j =>
        {
            double f = levels == 1 ? 0 : (double)j / (levels - 1);
            return j == levels - 1 && levels > 1 ? SweepValue.Of(To, Unit) : SweepValue.Of(Log ? From * Math.Pow(To / From, f) : From + (To - From) * f, Unit);
        }).ToList(),
        _ => throw new InputException($"'{Key}' carries a distribution: a grid takes ranges and value lists; use design method random, lhs or sobol", Where),
    };

    /// <summary>Values that check the parameter against the cell: a range's ends, every listed value, a distribution's centre.</summary>
    public IReadOnlyList<SweepValue> Probes => Spread switch
    {
        ParameterSpread.Range => [SweepValue.Of(From, Unit), SweepValue.Of(To, Unit)],
        ParameterSpread.Values => Values.DistinctBy(v => v.Text).ToList(),
        ParameterSpread.Joint => [SweepValue.Of(Joint!.Mean[JointIndex], Unit)],
        _ => [SweepValue.Of(Distribution!.Centre, Unit)],
    };

    /// <summary>Reads <c>KEY: SPREAD</c> of the spec's <c>parameters:</c>; every mistake names the spec's line and column.</summary>
    public static SweepParameter Read(string key, YNode node)
    {
        var p = Resolve(key, node.Location);
        if (node.IsScalar)
        {
            var d = Distribution.Parse(node.Text(), node.Location);
            return p with { Spread = ParameterSpread.Distribution, Distribution = d, Unit = d.Unit };
        }
        if (!node.IsMapping)
            throw new InputException($"'{key}': expected {{from: …, to: …}}, {{values: […]}} or a distribution such as 'normal(5 MPa, 0.5 MPa)'", node.Location);
        foreach (var (k, v) in node.Entries)
            if (k is not ("from" or "to" or "scale" or "values" or "distribution"))
                throw new InputException($"unknown key '{k}' of parameter '{key}': expected from, to, scale, values or distribution", v.Location);
        if (node.Get("distribution") is { } dn)
        {
            var d = Distribution.Parse(dn.Text(), dn.Location);
            return p with { Spread = ParameterSpread.Distribution, Distribution = d, Unit = d.Unit };
        }
        if (node.Get("values") is { } vn)
        {
            if (!vn.IsSequence || vn.Items().Count == 0)
                throw new InputException($"'{key}': 'values' must be a non-empty list, e.g. [2 um, 5 um, 10 um]", vn.Location);
            return p with { Spread = ParameterSpread.Values, Values = ValuesOf(key, vn.Items().Select(i => (i.Text(), i.Location)).ToList(), out var unit), Unit = unit };
        }
        var fromNode = node.Require("from", "the lower end of the range, e.g. '1 MPa'");
        var toNode = node.Require("to", "the upper end of the range, e.g. '10 MPa'");
        var (from, unitFrom) = SweepValue.Parse(fromNode.Text());
        var (to, unitTo) = SweepValue.Parse(toNode.Text());
        if (from.Number is null) throw new InputException($"'{fromNode.Text()}' is not a number with a unit, such as '1 MPa'", fromNode.Location);
        if (to.Number is null) throw new InputException($"'{toNode.Text()}' is not a number with a unit, such as '10 MPa'", toNode.Location);
        if (!string.Equals(unitFrom, unitTo, StringComparison.Ordinal))
            throw new InputException($"'{key}': write both ends of the range in one unit ('{unitFrom}'), got '{unitTo}'", toNode.Location);
        bool log = false;
        if (node.Get("scale") is { } sn)
        {
            log = sn.Text().Trim().ToLowerInvariant() switch
            {
                "log" or "logarithmic" => true,
                "linear" => false,
                _ => throw new InputException($"unknown scale '{sn.Text()}': expected linear or log", sn.Location),
            };
            if (log && !(from.Number > 0 && to.Number > 0))
                throw new InputException($"'{key}': a logarithmic range needs both ends positive", sn.Location);
        }
        return p with { Spread = ParameterSpread.Range, From = from.Number!.Value, To = to.Number!.Value, Log = log, Unit = unitFrom };
    }

    /// <summary>A list of values as texts (one unit for all numbers); used by <c>values:</c> and by the columns of a list design.</summary>
    public static IReadOnlyList<SweepValue> ValuesOf(string key, IReadOnlyList<(string Text, SourceLocation Where)> items, out string unit)
    {
        var values = new List<SweepValue>();
        string? first = null;
        foreach (var (text, where) in items)
        {
            var (v, u) = SweepValue.Parse(text);
            if (v.Number is not null)
            {
                first ??= u;
                if (!string.Equals(first, u, StringComparison.Ordinal))
                    throw new InputException($"'{key}': write every value in one unit ('{first}'), got '{text}'", where);
            }
            values.Add(v);
        }
        unit = first ?? "";
        return values;
    }

    /// <summary>What <paramref name="key"/> names, checked for its form (the cell check comes later, with the cell).</summary>
    public static SweepParameter Resolve(string key, SourceLocation where)
    {
        key = key.Trim();
        if (Reserved.Contains(key)) throw new InputException($"'{key}' is a column of the runs table, not a parameter", where);
        if (key.StartsWith('$'))
        {
            if (!VariableKey().IsMatch(key)) throw new InputException($"'{key}' is not a protocol variable name: expected '$' and a name such as '$current'", where);
            return new SweepParameter(key, ParameterTarget.ProtocolVariable, ParameterSpread.Values, where);
        }
        if (LayerKey().Match(key) is { Success: true } m)
        {
            int index = m.Groups["zero"].Success
                ? int.Parse(m.Groups["zero"].Value, CultureInfo.InvariantCulture)
                : int.Parse(m.Groups["one"].Value, CultureInfo.InvariantCulture) - 1;
            if (index < 0) throw new InputException($"'{key}': layers.N counts from 1 (layers[N] from 0)", where);
            return new SweepParameter(key, ParameterTarget.Layer, ParameterSpread.Values, where) { LayerIndex = index, Path = m.Groups["prop"].Value.Split('.') };
        }
        var path = key.Split('.');
        if (CellSpec.Keys.Contains(path[0]))
        {
            if (path[0] is "layers" or "overrides" or "distributions" or "protocol" or "protocol_file" or "name" or "kind")
                throw new InputException($"'{key}' cannot be swept: give a layer's property (layers[1].thickness), a library override or another cell key", where);
            return new SweepParameter(key, ParameterTarget.CellKey, ParameterSpread.Values, where) { Path = path };
        }
        if (key.Contains('.') || key.Contains('|'))
            return new SweepParameter(key, ParameterTarget.Override, ParameterSpread.Values, where);
        throw new InputException($"unknown parameter '{key}': expected a cell-file key (temperature, stack_pressure, …), a layer property (layers[1].thickness), " +
            "a library override (\"Li|Li6PS5Cl.exchange_current_density\") or a protocol variable ($current)", where);
    }
}
