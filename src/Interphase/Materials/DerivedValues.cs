using System.Globalization;
using Interphase.IO;
using YamlDotNet.RepresentationModel;

namespace Interphase.Materials;

/// <summary>
/// Library values computed from another library value when the library is loaded, so that a value carried over
/// from a re-fitted one cannot go stale (docs/materials-schema.md, "Derived values"; decision 0079). A property
/// written as <c>{derived: {from: "LiFePO4|PT.interfacial_asr", factor: 0.010827}, unit: ..., source: ..., tag: ...}</c>
/// gets <c>value</c> = the other value × factor (1 when omitted), in the other value's unit. A derived value names
/// no number of its own: giving both <c>value</c> and <c>derived</c>, an unknown path, a factor that is not positive, a different unit or a chain
/// that returns to itself is a load error of one line naming the file and line.
/// </summary>
public static class DerivedValues
{
    /// <summary>Fill in <c>value</c> (and <c>unit</c>) of every derived property of the library's materials and pairs.</summary>
    public static void Resolve(IEnumerable<(string Owner, YNode Properties)> owners, Func<string, YNode?> ownerByName)
    {
        var pending = new List<(string Path, YNode Node)>();
        foreach (var (owner, props) in owners) Collect(props, owner, pending);
        var done = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        foreach (var (path, node) in pending) Resolve(path, node, ownerByName, done, []);
    }

    static void Collect(YNode node, string path, List<(string, YNode)> into)
    {
        if (!node.IsMapping) return;
        if (node.Get("derived") is not null)
        {
            into.Add((path, node));
            return;
        }
        foreach (var (key, child) in node.Entries) Collect(child, $"{path}.{key}", into);
    }

    /// <param name="chain">The values whose resolution led here (a value met again, by identity, whatever name or alias reached it, is a cycle).</param>
    static void Resolve(string path, YNode node, Func<string, YNode?> ownerByName, HashSet<YamlNode> done, List<(string Path, YamlNode Node)> chain)
    {
        if (done.Contains(node.Node)) return;
        var derived = node.Require("derived", "from: the path of the value it is derived from");
        if (node.Get("value") is { } v)
            throw new InputException($"{path} gives both a value and derived: a derived value is computed from '{derived.Get("from")?.Text()}'; remove its value", v.Location);
        if (chain.Any(c => ReferenceEquals(c.Node, node.Node)))
            throw new InputException($"{path} is derived from itself ({string.Join(" -> ", chain.Select(c => c.Path).Append(path))})", derived.Location);
        var fromNode = derived.Require("from", "the path of the value it is derived from, e.g. \"LiFePO4|PT.interfacial_asr\"");
        var from = fromNode.Text().Trim();
        var target = Find(from, ownerByName)
            ?? throw new InputException($"{path} is derived from '{from}', which is not a value of the library (expected 'Material.property' or 'Surface|Neighbour.property')", fromNode.Location);
        if (target.Get("derived") is not null) Resolve(from, target, ownerByName, done, [.. chain, (path, node.Node)]);
        var factorNode = derived.Get("factor");
        var factor = factorNode?.Number() ?? 1.0;
        // a copy carried by a ratio (of surfaces, of loadings): zero or a sign flip is a typing mistake, not a derivation
        if (factorNode is not null && !(factor > 0))
            throw new InputException($"{path} is derived from '{from}' with factor {factorNode.Text().Trim()}: a factor must be positive", factorNode.Location);
        var unit = target.Get("unit")?.Text().Trim() ?? "";
        if (node.Get("unit") is { } u && u.Text().Trim() != unit)
            throw new InputException($"{path} is in '{u.Text().Trim()}' but '{from}' is in '{unit}': a derived value takes the unit of the value it is derived from", u.Location);
        var value = target.Require("value", "a number").Number() * factor;
        var map = (YamlMappingNode)node.Node;
        map.Children[new YamlScalarNode("value")] = new YamlScalarNode(Format(value));
        if (unit.Length > 0 && node.Get("unit") is null) map.Children[new YamlScalarNode("unit")] = new YamlScalarNode(unit);
        done.Add(node.Node);
    }

    /// <summary>
    /// The value as computed (the shortest text that reads back as the same double: not rounded, so the derived copy is
    /// exactly original × factor), with the library's way of writing exponents (3.47e-5, not 3.47E-05).
    /// </summary>
    internal static string Format(double value)
    {
        var g = value.ToString("R", CultureInfo.InvariantCulture);
        var e = g.IndexOf('E');
        return e < 0 ? g : $"{g[..e]}e{int.Parse(g[(e + 1)..], CultureInfo.InvariantCulture)}";
    }

    /// <summary>The value node at "Owner.property.sub", or null.</summary>
    static YNode? Find(string path, Func<string, YNode?> ownerByName)
    {
        var dot = path.IndexOf('.');
        if (dot <= 0) return null;
        var cur = ownerByName(path[..dot].Trim());
        foreach (var part in path[(dot + 1)..].Split('.'))
        {
            if (cur is null || !cur.IsMapping) return null;
            cur = cur.Get(part.Trim());
        }
        return cur is { IsMapping: true } && (cur.Get("value") is not null || cur.Get("derived") is not null) ? cur : null;
    }

    /// <summary>What a derived value was computed from, for <c>materials show</c>: "LiFePO4|PT.interfacial_asr x 0.010827", or null.</summary>
    public static string? Describe(YNode node)
    {
        if (!node.IsMapping || node.Get("derived") is not { } d) return null;
        var factor = d.Get("factor")?.Text();
        return d.Get("from")?.Text() + (factor is null ? "" : $" x {factor}");
    }
}
