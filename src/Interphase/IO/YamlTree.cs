using System.Globalization;
using Interphase.Units;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Interphase.IO;

/// <summary>
/// A YAML node that remembers the file and line it came from, so that every error about a
/// value can name where it is. Built on YamlDotNet's representation model.
/// </summary>
public sealed class YNode
{
    public YamlNode Node { get; }
    public string File { get; }
    public string Path { get; }

    public YNode(YamlNode node, string file, string path)
    {
        Node = node; File = file; Path = path;
    }

    public SourceLocation Location => new(File, (int)Node.Start.Line, (int)Node.Start.Column);

    public static YNode Load(string file) => LoadText(ReadFile(file), file);

    public static string ReadFile(string file)
    {
        try { return System.IO.File.ReadAllText(file); }
        catch (FileNotFoundException) { throw new InputException($"file not found: {file}"); }
        catch (DirectoryNotFoundException) { throw new InputException($"file not found: {file}"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot read {file}: {e.Message}"); }
    }

    public static YNode LoadText(string text, string file)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            var msg = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes messages with "(Line: .., Col: ..)"; the location is given separately.
            var idx = msg.IndexOf("): ", StringComparison.Ordinal);
            if (msg.StartsWith("(Line", StringComparison.Ordinal) && idx > 0) msg = msg[(idx + 3)..];
            throw new InputException($"malformed YAML: {msg}{YamlQuoteHint.ForLine(text, (int)e.Start.Line)}", new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on a flow list or mapping left open
            throw new InputException("malformed YAML: a '[' or '{' is not closed on this line", file, UnclosedLine(text));
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is null)
            throw new InputException("the file is empty; expected a YAML mapping", file, 1);
        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode)
            throw new InputException("expected a YAML mapping (key: value lines) at the top level", new SourceLocation(file, (int)root.Start.Line, (int)root.Start.Column));
        return new YNode(root, file, "");
    }

    /// <summary>The first line whose brackets or braces (outside quotes) do not close, or 0.</summary>
    static int UnclosedLine(string text)
    {
        var lines = text.Split('\n');
        for (int k = 0; k < lines.Length; k++)
        {
            int depth = 0;
            char quote = '\0';
            foreach (var ch in lines[k])
            {
                if (quote != '\0') { if (ch == quote) quote = '\0'; continue; }
                if (ch is '"' or '\'') quote = ch;
                else if (ch == '#') break;
                else if (ch is '[' or '{') depth++;
                else if (ch is ']' or '}') depth--;
            }
            if (depth > 0) return k + 1;
        }
        return 0;
    }


    InputException Error(string message) => new(message, Location);

    public bool IsMapping => Node is YamlMappingNode;
    public bool IsScalar => Node is YamlScalarNode;
    public bool IsSequence => Node is YamlSequenceNode;

    string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public IEnumerable<string> Keys => Node is YamlMappingNode m ? m.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "") : [];

    public IEnumerable<(string key, YNode value)> Entries =>
        Node is YamlMappingNode m
            ? m.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? "", new YNode(kv.Value, File, Child(((YamlScalarNode)kv.Key).Value ?? ""))))
            : [];

    public YNode? Get(string key)
    {
        if (Node is not YamlMappingNode m) throw Error($"'{Path}' must be a mapping (key: value), found {Kind}");
        foreach (var kv in m.Children)
            if (kv.Key is YamlScalarNode k && k.Value == key) return new YNode(kv.Value, File, Child(key));
        return null;
    }

    public YNode Require(string key, string what = "")
    {
        var n = Get(key);
        if (n is null) throw Error($"missing '{Child(key)}'{(what.Length > 0 ? $": expected {what}" : "")}");
        return n;
    }

    string Kind => Node switch { YamlMappingNode => "a mapping", YamlSequenceNode => "a list", _ => "a value" };

    public string Text()
    {
        if (Node is YamlScalarNode s) return s.Value ?? "";
        throw Error($"'{Path}' must be a single value, found {Kind}");
    }

    public IReadOnlyList<YNode> Items()
    {
        if (Node is YamlSequenceNode seq) return seq.Children.Select((c, i) => new YNode(c, File, $"{Path}[{i}]")).ToList();
        throw Error($"'{Path}' must be a list, found {Kind}");
    }

    public double Number()
    {
        var t = Text();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        throw Error($"'{Path}' must be a number, got '{t}'");
    }

    public int Integer()
    {
        var t = Text();
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        throw Error($"'{Path}' must be a whole number, got '{t}'");
    }

    /// <summary>
    /// A physical value in SI. Accepts "2e-3 S/cm" or a mapping {value: 2e-3, unit: S/cm, source: ...}.
    /// </summary>
    public double Quantity(QuantityKind kind)
    {
        if (Node is YamlMappingNode)
        {
            var value = Require("value", $"a number in {kind.Name}");
            var unit = Get("unit")?.Text() ?? "";
            return Measure.ToSi(value.Number(), unit, kind, value.Location, $"{value.Text()} {unit}");
        }
        return Measure.Parse(Text(), kind, Location);
    }

    /// <summary>The source/citation of a value given as a mapping, or null.</summary>
    public string? Source => Node is YamlMappingNode ? Get("source")?.Text() : null;
}
