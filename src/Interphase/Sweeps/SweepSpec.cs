using System.Globalization;
using CsvHelper;
using Interphase.IO;
using Interphase.Protocols;

namespace Interphase.Sweeps;

/// <summary>
/// A sweep spec (YAML):
/// <code>
/// cell: ../cases/A-bare-Li-LPSCl.yaml      # relative to the spec file
/// protocol:                                # optional: else the cell's own protocol
///   - "Repeat 20 times: Plate at $current for 1 h; Strip at $current for 1 h"
/// design: {method: lhs, samples: 40, seed: 1}
/// parameters:
///   stack_pressure: {from: 1 MPa, to: 10 MPa}
///   $current: {values: [0.1 mA/cm2, 0.2 mA/cm2]}
/// </code>
/// <see cref="Text"/>, <see cref="CellText"/>, <see cref="ProtocolFileText"/> and <see cref="ListText"/> are
/// kept: the results store holds them, a rerun resumes only a sweep of the same texts, and every run reads
/// its protocol from them, not from the files again.
/// </summary>
public sealed record SweepSpec(
    string File,
    string Text,
    string CellFile,
    string CellText,
    IReadOnlyList<string>? ProtocolLines,
    SourceLocation ProtocolWhere,
    SweepDesign Design,
    IReadOnlyList<SweepParameter> Parameters,
    string? ListText,
    string? ProtocolFileText = null)
{
    static readonly string[] Keys = ["cell", "protocol", "design", "parameters", "calibrated", "description"];

    public static SweepSpec Read(string file)
    {
        var text = YNode.ReadFile(file);
        var root = YNode.LoadText(text, file);
        foreach (var (key, node) in root.Entries)
            if (!Keys.Contains(key))
                throw new InputException($"unknown key '{key}' in the sweep spec: expected {string.Join(", ", Keys)}", node.Location);
        var dir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        var cellNode = root.Require("cell", "the cell file, relative to the spec, e.g. 'cells/A-bare-Li-LPSCl.yaml'");
        var cellFile = Path.Combine(dir, cellNode.Text());
        if (!System.IO.File.Exists(cellFile)) throw new InputException($"cell file '{cellNode.Text()}' not found next to the spec", cellNode.Location);
        List<string>? protocol = null;
        var protocolWhere = cellNode.Location;
        if (root.Get("protocol") is { } pn) { protocol = YamlProtocol.Lines(pn); protocolWhere = pn.Location; }
        var design = SweepDesign.Read(root.Require("design", "{method: lhs, samples: 40, seed: 1} (grid, lhs, sobol, random or list)"));

        var parameters = new List<SweepParameter>();
        string? listText = null;
        if (design.Method == DesignMethod.List)
        {
            var designNode = root.Require("design");
            var fn = designNode.Require("file", "the CSV of the designs, one column per parameter, relative to the spec");
            if ((root.Get("parameters") ?? root.Get("calibrated")) is { } extra)
                throw new InputException("a list design takes its parameters from the CSV's header: leave 'parameters' and 'calibrated' out", extra.Location);
            var csvFile = Path.Combine(dir, fn.Text());
            listText = YNode.ReadFile(csvFile);
            parameters.AddRange(ReadList(listText, csvFile));
        }
        else
        {
            if (root.Get("calibrated") is { } cal)
            {
                // the fitted parameters of a calibration, varying together with its covariance
                var joint = JointNormal.Read(Path.Combine(dir, cal.Text()), cal.Location);
                for (int i = 0; i < joint.Keys.Count; i++)
                    parameters.Add(SweepParameter.Resolve(joint.Keys[i], cal.Location) with
                        { Spread = ParameterSpread.Joint, Joint = joint, JointIndex = i, Unit = joint.Units[i] });
                if (design.Method == DesignMethod.Grid)
                    throw new InputException("'calibrated' parameters vary as a distribution: use design method random, lhs or sobol", cal.Location);
            }
            var ps = root.Get("parameters");
            if (ps is null && parameters.Count == 0)
                throw new InputException("missing 'parameters' (a mapping of parameters to ranges, lists or distributions) or 'calibrated'", root.Location);
            if (ps is not null && (!ps.IsMapping || !ps.Entries.Any()))
                throw new InputException("'parameters' must map each parameter to {from: …, to: …}, {values: […]} or a distribution", ps.Location);
            foreach (var (key, node) in ps?.Entries ?? [])
            {
                var p = SweepParameter.Read(key, node);
                if (parameters.Any(x => string.Equals(x.Key, p.Key, StringComparison.OrdinalIgnoreCase)))
                    throw new InputException($"parameter '{key}' is given twice", node.Location);
                if (design.Method == DesignMethod.Grid) p.Levels(design.Levels);   // refuses a distribution, at its line
                parameters.Add(p);
            }
        }
        // the cell's own protocol file, when the spec gives no protocol: read once, and part of the sweep's identity
        var cellText = YNode.ReadFile(cellFile);
        string? protocolFileText = null;
        if (protocol is null && YNode.LoadText(cellText, cellFile).Get("protocol_file") is { } pf)
        {
            var protocolFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cellFile)) ?? ".", pf.Text());
            if (!System.IO.File.Exists(protocolFile))
                throw new InputException($"protocol file '{pf.Text()}' not found next to the cell file", pf.Location);
            protocolFileText = YNode.ReadFile(protocolFile);
        }
        return new SweepSpec(file, text, cellFile, cellText, protocol, protocolWhere, design, parameters, listText, protocolFileText);
    }

    /// <summary>The columns of a list design's CSV as parameters, each listing its rows' values.</summary>
    static IEnumerable<SweepParameter> ReadList(string text, string file)
    {
        var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, TrimWhitespace = true, SkipEmptyLines = true, FieldCountMismatch = CsvFieldCountHandling.Allow };
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        CsvReader csv;
        IReadOnlyList<string> header;
        try
        {
            csv = CsvReader.Create(stream, options, leaveOpen: true);
            header = csv.Headers;
        }
        catch (CsvFormatException e) { throw new InputException($"cannot read the header: {e.Message}", file, 1); }
        using var _ = csv;
        if (header.Count == 0 || header.Any(h => h.Length == 0))
            throw new InputException("expected a header naming one parameter per column, e.g. 'stack_pressure,temperature'", file, 1);
        var columns = header.Select(_ => new List<(string, SourceLocation)>()).ToList();
        while (csv.Read())
        {
            int line = (int)csv.LineNumber;
            if (csv.FieldCount != header.Count)
                throw new InputException($"expected {header.Count} values (one per column of the header), got {csv.FieldCount}", file, line);
            for (int k = 0; k < header.Count; k++)
            {
                var cell = System.Text.Encoding.UTF8.GetString(csv.GetSpan(k)).Trim();
                if (cell.Length == 0) throw new InputException($"empty value of '{header[k]}'", file, line);
                columns[k].Add((cell, new SourceLocation(file, line, 0)));
            }
        }
        if (columns[0].Count == 0) throw new InputException("the design list has a header but no design", file, 1);
        for (int k = 0; k < header.Count; k++)
        {
            var where = new SourceLocation(file, 1, 0);
            var p = SweepParameter.Resolve(header[k], where);
            yield return p with { Spread = ParameterSpread.Values, Values = SweepParameter.ValuesOf(header[k], columns[k], out var unit), Unit = unit };
        }
    }

    /// <summary>The design points (run i is point i − 1).</summary>
    /// <remarks>Made once: the runner, the store and the command all ask for it, and a large grid or a joint draw is not free.</remarks>
    public IReadOnlyList<SweepValue[]> Points() => _points ??= Design.Points(Parameters);

    IReadOnlyList<SweepValue[]>? _points;
}
