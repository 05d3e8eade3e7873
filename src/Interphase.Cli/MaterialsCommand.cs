using System.CommandLine;
using Interphase.IO;
using Interphase.Materials;
using YamlDotNet.RepresentationModel;

namespace Interphase.Cli;

/// <summary><c>interphase materials list</c> and <c>interphase materials show NAME</c>.</summary>
public static class MaterialsCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var library = new Option<string?>("--library") { Description = "materials library folder (default: the shipped data/materials)" };
        var list = new Command("list", "List the materials and interfaces in the library.") { library };
        list.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var lib = MaterialLibrary.Load(parse.GetValue(library));
            foreach (var group in lib.All.Where(m => m.Class != MaterialClass.Model).GroupBy(m => m.Class).OrderBy(g => g.Key))
            {
                stdout.WriteLine($"{ClassName(group.Key)}:");
                foreach (var m in group.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
                {
                    var aliases = m.Aliases.Count > 0 ? $" (also {string.Join(", ", m.Aliases)})" : "";
                    stdout.WriteLine($"  {m.Name,-14} {m.Description}{aliases}");
                }
            }
            stdout.WriteLine("interfaces:");
            foreach (var p in lib.Pairs.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
                stdout.WriteLine($"  {p.Key}");
            return ExitCodes.Ok;
        }));

        var nameArg = new Argument<string>("name") { Description = "material name or alias, or an interface 'Li|Li6PS5Cl'" };
        var show = new Command("show", "Show every property of a material (value, unit, tag, source).") { nameArg, library };
        show.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            var lib = MaterialLibrary.Load(parse.GetValue(library));
            var name = parse.GetValue(nameArg)!;
            if (name.Contains('|'))
            {
                var parts = name.Split('|');
                var pair = lib.FindPair(lib.Get(parts[0]), lib.Get(parts[1]))
                    ?? throw new InputException($"no interface '{name}' in the library ('interphase materials list' shows them)");
                stdout.WriteLine($"{pair.Key}  (interfaces.yaml)");
                Print(stdout, pair.Properties, 1);
                return ExitCodes.Ok;
            }
            var m = lib.Get(name);
            stdout.WriteLine($"{m.Name}  [{ClassName(m.Class)}]  {m.Formula}");
            if (m.Description.Length > 0) stdout.WriteLine($"  {m.Description}");
            if (m.Aliases.Count > 0) stdout.WriteLine($"  aliases: {string.Join(", ", m.Aliases)}");
            stdout.WriteLine($"  file: {Path.GetFileName(m.File)}");
            Print(stdout, m.Properties, 1);
            var pairs = lib.Pairs.Where(p => string.Equals(p.Surface, m.Name, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Neighbour, m.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (pairs.Count > 0) stdout.WriteLine($"  interfaces: {string.Join(", ", pairs.Select(p => p.Key))}");
            return ExitCodes.Ok;
        }));

        return new Command("materials", "The materials library: every value with its unit and source.") { list, show };
    }

    static string ClassName(MaterialClass c) => c switch
    {
        MaterialClass.Metal => "metals",
        MaterialClass.SolidElectrolyte => "solid electrolytes",
        MaterialClass.PolymerElectrolyte => "polymer electrolytes",
        MaterialClass.LiquidElectrolyte => "liquid electrolytes",
        MaterialClass.Interlayer => "interlayers",
        MaterialClass.Amalgam => "amalgams",
        MaterialClass.Alloy => "alloys",
        MaterialClass.Cathode => "cathodes",
        MaterialClass.ConversionCathode => "conversion cathodes",
        MaterialClass.BlockingElectrode => "blocking electrodes",
        _ => "model constants",
    };

    static void Print(TextWriter o, YNode node, int depth)
    {
        var pad = new string(' ', 2 * depth);
        foreach (var (key, child) in node.Entries)
        {
            if (child.IsMapping && child.Get("value") is { } v)
            {
                var unit = child.Get("unit")?.Text() ?? "";
                var tag = child.Get("tag")?.Text();
                var src = child.Get("source")?.Text() ?? "(no source)";
                o.WriteLine($"{pad}{key}: {v.Text()} {unit}".TrimEnd() + (tag is null ? "" : $"  [{tag}]") + $"  — {src}");
                if (child.Get("calibrated_on") is { } cal) o.WriteLine($"{pad}  calibrated on: {cal.Text()}");
                if (DerivedValues.Describe(child) is { } from) o.WriteLine($"{pad}  derived from: {from}");
                if (child.Get("note") is { } note) o.WriteLine($"{pad}  note: {note.Text()}");
            }
            else if (child.IsMapping)
            {
                o.WriteLine($"{pad}{key}:");
                Print(o, child, depth + 1);
            }
            else if (child.IsSequence)
                o.WriteLine($"{pad}{key}: {string.Join(", ", child.Items().Select(i => i.IsScalar ? i.Text() : "…"))}");
            else
                o.WriteLine($"{pad}{key}: {child.Text()}");
        }
    }
}
