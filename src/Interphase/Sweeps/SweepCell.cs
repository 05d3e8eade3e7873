using System.Text.RegularExpressions;
using Interphase.Cells;
using Interphase.IO;
using Interphase.Materials;
using Interphase.Protocols;
using Interphase.Simulation;
using YamlDotNet.RepresentationModel;

namespace Interphase.Sweeps;

/// <summary>
/// The cell and protocol of one design point: the parameters' texts are written into a fresh copy of the
/// cell file's YAML tree (a key, a layer's property, an <c>overrides:</c> entry) and into the protocol's
/// <c>$variables</c>, which are then read as a cell file and a protocol are, with their own checks.
/// </summary>
public static partial class SweepCell
{
    [GeneratedRegex(@"\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Variable();

    /// <summary>The cell and protocol with the parameters set to <paramref name="values"/>; a null value leaves the cell file's own.</summary>
    public static (CellSpec Cell, Protocol Protocol) Apply(SweepSpec spec, IReadOnlyList<SweepValue?> values, MaterialLibrary library)
    {
        var root = YNode.LoadText(spec.CellText, spec.CellFile);
        var map = (YamlMappingNode)root.Node;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int k = 0; k < spec.Parameters.Count; k++)
        {
            var p = spec.Parameters[k];
            if (values[k] is not { Text: var text }) continue;
            switch (p.Target)
            {
                case ParameterTarget.CellKey: Set(map, p.Path, text); break;
                case ParameterTarget.Override: Set(Mapping(map, "overrides"), [p.Key], text); break;
                case ParameterTarget.ProtocolVariable: variables[p.Key] = text; break;
                case ParameterTarget.Layer:
                    if (root.Get("layers")?.Node is not YamlSequenceNode layers || p.LayerIndex >= layers.Children.Count)
                        throw new InputException($"'{p.Key}': the cell has {(root.Get("layers")?.Node as YamlSequenceNode)?.Children.Count ?? 0} layers (layers[0] to layers[N−1], or layers.1 to layers.N)", p.Where);
                    if (layers.Children[p.LayerIndex] is not YamlMappingNode layer)
                        throw new InputException($"'{p.Key}': the layer is not a mapping", p.Where);
                    Set(layer, p.Path, text);
                    break;
            }
        }
        var cell = CellSpec.Parse(root, library);
        return (cell, Protocol(spec, cell, variables));
    }

    static Protocol Protocol(SweepSpec spec, CellSpec cell, IReadOnlyDictionary<string, string> variables)
    {
        IReadOnlyList<string> lines;
        string source;
        if (spec.ProtocolLines is not null) { lines = spec.ProtocolLines; source = $"{spec.File} (protocol)"; }
        else if (cell.ProtocolFile is not null) { lines = ProtocolFileLines(spec, cell); source = cell.ProtocolFile; }
        else if (cell.ProtocolLines is not null) { lines = cell.ProtocolLines; source = $"{cell.File} (protocol)"; }
        else throw new InputException("no protocol: add 'protocol:' to the spec or to the cell file", spec.File);
        if (variables.Count == 0) return ProtocolParser.Parse(string.Join('\n', lines), source);
        var text = Variable().Replace(string.Join('\n', lines), m => variables.TryGetValue(m.Value, out var v)
            ? v
            : throw new InputException($"protocol variable '{m.Value}' is not a parameter of the sweep", spec.ProtocolWhere));
        return ProtocolParser.Parse(text, source);
    }

    /// <summary>The protocol variables the protocol uses ($current), to check them against the parameters.</summary>
    public static IReadOnlySet<string> VariablesUsed(SweepSpec spec, CellSpec cell)
    {
        var lines = spec.ProtocolLines ?? (cell.ProtocolFile is not null ? ProtocolFileLines(spec, cell) : cell.ProtocolLines) ?? [];
        return lines.SelectMany(l => Variable().Matches(l).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The cell's protocol file as the spec read it (a parameter that names another file is read here).</summary>
    static IReadOnlyList<string> ProtocolFileLines(SweepSpec spec, CellSpec cell) =>
        spec.ProtocolFileText is { } text && !spec.Parameters.Any(p => p.Key.EndsWith("protocol_file", StringComparison.Ordinal))
            ? Lines(text)
            : File.ReadAllLines(cell.ProtocolFile!);

    /// <summary>The lines of a text as File.ReadAllLines gives them.</summary>
    static List<string> Lines(string text)
    {
        var lines = new List<string>();
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    static void Set(YamlMappingNode map, IReadOnlyList<string> path, string text)
    {
        for (int k = 0; k < path.Count - 1; k++) map = Mapping(map, path[k]);
        map.Children[new YamlScalarNode(path[^1])] = new YamlScalarNode(text);
    }

    static YamlMappingNode Mapping(YamlMappingNode map, string key)
    {
        var k = new YamlScalarNode(key);
        if (map.Children.TryGetValue(k, out var node))
            return node as YamlMappingNode ?? throw new InputException($"'{key}' of the cell file is not a mapping: a parameter cannot set a key inside it");
        var m = new YamlMappingNode();
        map.Children[k] = m;
        return m;
    }
}
