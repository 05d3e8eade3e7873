using System.Globalization;
using System.Text;
using Interphase.Data.Analysis;

namespace Interphase.Reports;

/// <summary>
/// One file of a batch (<c>interphase analyze FILE FILE… | FOLDER</c>): what the combined table and report need of
/// its analysis, and the folder it was written to, or why it failed. It keeps no measurement: a batch of many large
/// files holds only their per-cycle figures and a voltage trace decimated for the overlay (extrema kept).
/// </summary>
public sealed record BatchItem(string File, string? Folder, string? Error)
{
    public bool Done => Error is null;

    /// <summary>What the file was analysed as: symmetric, full, eis or open_circuit (null for a failed file).</summary>
    public string? Kind { get; init; }

    /// <summary>An impedance file's sweeps, or those a cycling file holds between its cycles: index, fitted circuit and χ².</summary>
    public IReadOnlyList<(int Index, string Circuit, double ChiSquare)> Spectra { get; init; } = [];

    /// <summary>A cycling file's cycles and voltage (the trace decimated); null for impedance, open-circuit or failed files.</summary>
    public ResultSet? Cycling { get; init; }

    /// <summary>The batch's view of an analysis, its voltage trace reduced to at most <paramref name="tracePoints"/> points.</summary>
    public static BatchItem Of(string file, string folder, Measurement m, int tracePoints)
    {
        if (m.OpenCircuit is not null) return new BatchItem(file, folder, null) { Kind = "open_circuit" };
        if (m.Eis is { } e)
            return new BatchItem(file, folder, null) { Kind = "eis", Spectra = [.. e.Sweeps.Select(s => (s.Index, s.Fit.Circuit.ToString(), s.Fit.ChiSquare))] };
        var r = ResultSet.FromMeasurement(m);
        var trace = Decimation.Decimate(r.TimeH, r.VoltageV, Math.Max(8, tracePoints));
        return new BatchItem(file, folder, null)
        {
            Kind = r.Kind, Cycling = r with { TimeH = trace.X, VoltageV = trace.Y },
            // the impedance sweeps a mixed-technique file holds between its cycles (Measurement.Interleaved)
            Spectra = m.Interleaved is { } il ? [.. il.Analysis.Sweeps.Select(s => (s.Index, s.Fit.Circuit.ToString(), s.Fit.ChiSquare))] : [],
        };
    }
}

/// <summary>
/// The combined outputs of a batch: batch.csv with one row per file and cycle (cycling) or spectrum (impedance),
/// a failed file's row carrying its one-line reason; and report.html overlaying the files' voltages and their
/// per-cycle overpotential or capacity and coulombic efficiency (issue 11, item 3).
/// </summary>
public static class BatchReport
{
    /// <summary>The points of all voltage traces of the overlay together.</summary>
    public const int OverlayPoints = 20000;

    public const string CsvHeader = "file,status,reason,kind,cycle,spectrum,mean_abs_overpotential_mV,max_abs_overpotential_mV," +
        "charge_capacity,discharge_capacity,capacity_unit,coulombic_efficiency_percent,circuit,chi_square,folder";

    /// <summary>batch.csv: the files in the order given, every cycle or spectrum a row; empty cells where a quantity does not apply or could not be computed.</summary>
    public static string Csv(IReadOnlyList<BatchItem> items)
    {
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (var it in items)
        {
            var file = CsvText.Escape(Path.GetFileName(it.File));
            var folder = it.Folder is null ? "" : CsvText.Escape(Path.GetFileName(it.Folder));
            if (!it.Done)
            {
                sb.Append($"{file},failed,{CsvText.Escape(it.Error ?? "")},,,,,,,,,,,,\n");
                continue;
            }
            if (it.Kind == "open_circuit")
            {
                // a rest-only record: no cycles, one row (its drift is in the file's own summary.json)
                sb.Append($"{file},done,,open_circuit,,,,,,,,,,,{folder}\n");
                continue;
            }
            // an impedance file has no cycles, only the sweeps below
            var r = it.Cycling;
            for (int k = 0; k < (r?.Cycle.Length ?? 0); k++)
            {
                sb.Append($"{file},done,,{r!.Kind},{N(r.Cycle[k])},,");
                if (r.Kind == "symmetric")
                    sb.Append($"{N(At(r.MeanOverpotentialMv, k))},{N(At(r.MaxOverpotentialMv, k))},,,,,");
                else
                    sb.Append($",,{N(At(r.ChargeCapacity, k))},{N(At(r.DischargeCapacity, k))},{r.CapacityUnit},{N(At(r.CoulombicEfficiencyPct, k))},");
                sb.Append($",,{folder}\n");
            }
            // an impedance file's sweeps, or a mixed-technique file's after its cycles
            foreach (var (index, circuit, chi) in it.Spectra)
                sb.Append($"{file},done,,eis,,{index},,,,,,,{CsvText.Escape(circuit)},{N(chi)},{folder}\n");
        }
        return sb.ToString();
    }

    static double At(double[] x, int k) => k < x.Length ? x[k] : double.NaN;

    static string N(double x) => double.IsFinite(x) ? x.ToString("G7", CultureInfo.InvariantCulture) : "";

    /// <summary>The overlay report: a table of the files and their status, then every cycling file's voltage, and its per-cycle figures by kind.</summary>
    public static HtmlReport Build(IReadOnlyList<BatchItem> items)
    {
        var rep = new HtmlReport($"Batch of {items.Count} files");
        int failed = items.Count(i => !i.Done);
        if (failed > 0) rep.AddWarning($"{failed} of {items.Count} files could not be analysed; their reasons are in the table and in batch.csv.");
        rep.AddTable(["file", "status", "analysed as", "cycles or spectra", "folder"],
            items.Select(i => (IReadOnlyList<string>)[Path.GetFileName(i.File), i.Done ? "done" : "failed: " + i.Error,
                i.Kind switch { null => "", "eis" => "impedance", "open_circuit" => "open-circuit trace", "symmetric" => "symmetric cell", _ => "full cell" },
                i.Kind is null or "open_circuit" ? "" : i.Kind == "eis" ? i.Spectra.Count.ToString(CultureInfo.InvariantCulture)
                    : i.Cycling!.Cycle.Length.ToString(CultureInfo.InvariantCulture),
                i.Folder is null ? "" : Path.GetFileName(i.Folder)]));

        var sets = items.Select(i => i.Cycling).OfType<ResultSet>().ToList();
        if (sets.Count == 0) return rep;
        // one colour per file in every figure
        string Colour(ResultSet s) => FullCellReport.Palette[sets.IndexOf(s) % FullCellReport.Palette.Length];
        rep.AddFigure(new Figure("Voltage", "time / h", "cell voltage / V")
        {
            Height = 460,
            Traces = [.. sets.Select(s => new Trace(s.Label, s.TimeH, s.VoltageV) { Color = Colour(s) }.Decimated(Math.Max(8, OverlayPoints / sets.Count)))],
        });
        var sym = sets.Where(s => s.Kind == "symmetric").ToList();
        if (sym.Count > 0)
            rep.AddFigure(new Figure("Mean overpotential per cycle", "cycle", "mean |V| / mV")
            {
                Traces = [.. sym.Select(s => new Trace(s.Label, s.Cycle, s.MeanOverpotentialMv) { Mode = TraceMode.LinesAndMarkers, Color = Colour(s) })],
            });
        foreach (var group in sets.Where(s => s.Kind == "full").GroupBy(s => s.CapacityUnit))
            rep.AddFigure(new Figure("Discharge capacity and coulombic efficiency", "cycle", $"discharge capacity / {group.Key}")
            {
                Y2Title = "coulombic efficiency / %",
                Traces = [.. group.SelectMany(s => new[]
                {
                    new Trace($"{s.Label}: discharge", s.Cycle, s.DischargeCapacity) { Mode = TraceMode.Markers, LegendGroup = s.Label, Color = Colour(s) },
                    new Trace($"{s.Label}: CE", s.Cycle, s.CoulombicEfficiencyPct) { Mode = TraceMode.LinesAndMarkers, Dash = LineDash.Dot, YAxis = 2, LegendGroup = s.Label, Color = Colour(s) },
                })],
            });
        return rep;
    }
}
