using Interphase.IO;

namespace Interphase.Materials;

/// <summary>
/// One sourced value of the library, as written: <c>{value, unit, source, tag, calibrated_on, note}</c>.
/// <see cref="Path"/> is the parameter path (<c>Li2Se.conductivity.reference_conductivity</c>,
/// <c>Li|Li6PS5Cl.exchange_current_density</c>) that overrides and error messages use.
/// </summary>
public sealed record LibraryValue(string Path, YNode Node)
{
    /// <summary>The tags of docs/materials-schema.md.</summary>
    public static readonly IReadOnlyList<string> Tags = ["verified", "literature", "estimate", "calibrated"];

    public string Value => Node.Get("value")!.Text();
    public string? Unit => Node.Get("unit")?.Text();
    public string? Source => Node.Get("source")?.Text();
    public string? Tag => Node.Get("tag")?.Text().Trim();
    /// <summary>For <c>tag: calibrated</c>: the data and what was matched.</summary>
    public string? CalibratedOn => Node.Get("calibrated_on")?.Text();
    public string? Note => Node.Get("note")?.Text();

    /// <summary>Every value under a <c>properties:</c> mapping (or a pair's mapping), depth first, lists included.</summary>
    public static IEnumerable<LibraryValue> In(YNode node, string path)
    {
        if (node.IsMapping && node.Get("value") is not null)
        {
            yield return new LibraryValue(path, node);
            yield break;
        }
        if (node.IsMapping)
            foreach (var (key, child) in node.Entries)
                foreach (var v in In(child, $"{path}.{key}")) yield return v;
        else if (node.IsSequence)
        {
            int i = 0;
            foreach (var item in node.Items())
                foreach (var v in In(item, $"{path}[{i++}]")) yield return v;
        }
    }

    /// <summary>
    /// The tag rules the loader enforces: a tag, when given, is one of <see cref="Tags"/>, and a
    /// calibrated value says what it was calibrated on. One line naming the file, line and value.
    /// </summary>
    public void CheckTag()
    {
        if (Tag is not { } tag) return;
        if (!Tags.Contains(tag))
            throw new InputException($"{Path}: unknown tag '{tag}': expected {string.Join(", ", Tags)}", Node.Get("tag")!.Location);
        if (tag == "calibrated" && string.IsNullOrWhiteSpace(CalibratedOn))
            throw new InputException($"{Path} is tagged calibrated but has no calibrated_on: say which data it was fitted to and what was matched", Node.Location);
        if (tag != "calibrated" && CalibratedOn is not null)
            throw new InputException($"{Path} has calibrated_on but is tagged {tag}: tag it calibrated", Node.Get("calibrated_on")!.Location);
    }
}
