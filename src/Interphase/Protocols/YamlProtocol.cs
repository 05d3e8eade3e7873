using Interphase.IO;
using YamlDotNet.RepresentationModel;

namespace Interphase.Protocols;

/// <summary>
/// The <c>protocol:</c> entry of a cell file: a YAML list with one step per item, or a block of text with
/// one step per line. An unquoted item with ": " in it (<c>- Repeat 10 times: Plate …; Strip …</c>) is read
/// by YAML as a key: value pair; it is refused at its line and column with the hint to quote it.
/// </summary>
public static class YamlProtocol
{
    public static List<string> Lines(YNode node) =>
        node.IsSequence ? node.Items().Select(Step).ToList() : node.Text().Split('\n').ToList();

    static string Step(YNode item)
    {
        if (item.Node is YamlMappingNode { Children.Count: 1 } m && m.Children.First() is { Key: YamlScalarNode key, Value: YamlScalarNode value })
        {
            var text = $"{key.Value}: {value.Value}";
            throw new InputException($"protocol step '{text}' is read by YAML as a 'key: value' pair ({YamlQuoteHint.For("step", text)})",
                new SourceLocation(item.File, (int)key.Start.Line, (int)key.Start.Column));
        }
        return item.Text();
    }
}
