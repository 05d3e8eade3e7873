using System.Globalization;
using System.Text;
using System.Text.Json;
using Interphase.IO;
using Interphase.Models;

namespace Interphase.Reports;

/// <summary>
/// A measured table of a conversion cathode's converted fraction (from tomography phase maps, X-ray diffraction or
/// the charge passed), overlaid on a simulated run of the same cathode (docs/cli.md, `compare`). The table is CSV
/// with a header; lines starting with '#' are comments (its provenance). Two layouts:
/// <list type="bullet">
/// <item><c>time_h, converted_fraction</c>: the converted fraction against time, compared with the run's X(t)
/// interpolated linearly between its points;</item>
/// <item><c>time_h, depth_um</c> (or <c>depth_over_radius</c>), <c>converted_fraction</c> and optionally
/// <c>axis</c> (<c>fast</c>, <c>slow</c> or <c>shell</c>, the default): the converted fraction against depth from
/// the particle surface at the moment time_h, compared with the run's profile then (<see cref="ConversionProfile"/>,
/// the front depths interpolated linearly in time).</item>
/// </list>
/// A measured point outside the run's time span has no simulated value (null, "n/a"), never an extrapolated one.
/// </summary>
public static class ConversionComparison
{
    /// <summary>One measured point and the simulated value at the same time (and depth); Simulated is NaN where the run has none.</summary>
    public readonly record struct Point(int Line, double TimeH, double DepthUm, string Axis, double Measured, double Simulated);

    public sealed record Result(string MeasuredLabel, string SimulatedLabel, bool VsDepth, IReadOnlyList<Point> Points,
        double[] SimTimeH, double[] SimConverted, double RadiusUm, Func<double, double, string, double> Profile)
    {
        public IEnumerable<double> Differences => Points.Where(p => double.IsFinite(p.Simulated)).Select(p => p.Simulated - p.Measured);
        public double Rms => Differences.ToList() is { Count: > 0 } d ? Math.Sqrt(d.Average(x => x * x)) : double.NaN;
        public double Mean => Differences.ToList() is { Count: > 0 } d ? d.Average() : double.NaN;
        public int Compared => Points.Count(p => double.IsFinite(p.Simulated));
    }

    /// <summary>True when <paramref name="path"/> is a file whose header (the first line that is not a comment) has a converted_fraction column.</summary>
    public static bool IsConversionTable(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            foreach (var line in File.ReadLines(path).Take(200))
            {
                var t = line.Trim();
                if (t.Length == 0 || t.StartsWith('#')) continue;
                return t.Split(',').Select(c => c.Trim().Trim('"')).Contains("converted_fraction");
            }
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        return false;
    }

    sealed record Table(string[] Header, List<(int Line, string[] Cells)> Rows);

    static Table ReadTable(string path)
    {
        string[]? header = null;
        var rows = new List<(int, string[])>();
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            var t = line.Trim();
            if (t.Length == 0 || t.StartsWith('#')) continue;
            var cells = t.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
            if (header is null) { header = cells; continue; }
            if (cells.Length != header.Length)
                throw new InputException($"expected {header.Length} comma-separated values ({string.Join(", ", header)}), got {cells.Length}", path, n);
            rows.Add((n, cells));
        }
        if (header is null || rows.Count == 0) throw new InputException("expected a header line and at least one row of converted fraction", path, Math.Max(n, 1));
        return new Table(header, rows);
    }

    static double Number(string path, int line, string column, string cell)
    {
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new InputException($"'{cell}' in column '{column}' is not a number", path, line);
        return v;
    }

    /// <summary>Linear interpolation of y(x) at x0 on a non-decreasing x; NaN outside [x₀, x_N].</summary>
    static double Interpolate(double[] x, double[] y, double x0)
    {
        if (x.Length == 0 || x0 < x[0] || x0 > x[^1]) return double.NaN;
        int hi = Array.BinarySearch(x, x0);
        if (hi >= 0)
        {
            // several points can share a time (a step that ends at once): take the last of them
            while (hi + 1 < x.Length && x[hi + 1] == x0) hi++;
            return y[hi];
        }
        hi = ~hi;
        int lo = hi - 1;
        double w = (x0 - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + w * (y[hi] - y[lo]);
    }

    /// <summary>Reads the measured table and the run folder and pairs every measured point with the simulated value.</summary>
    public static Result Compare(string measuredPath, string runFolder)
    {
        var tab = ReadTable(measuredPath);
        int Col(string name) => Array.IndexOf(tab.Header, name);
        int iT = Col("time_h"), iX = Col("converted_fraction"), iD = Col("depth_um"), iDr = Col("depth_over_radius"), iA = Col("axis");
        if (iT < 0) throw new InputException("no column 'time_h': expected time_h, converted_fraction (vs time) or time_h, depth_um, converted_fraction (vs depth)", measuredPath, tab.Rows[0].Line - 1);
        bool vsDepth = iD >= 0 || iDr >= 0;

        // the run: a simulated conversion cathode
        if (!Directory.Exists(runFolder)) throw new InputException("expected a result folder of interphase simulate (a conversion cathode) to compare the measured table with", runFolder);
        var tables = !File.Exists(Path.Combine(runFolder, "timeseries.csv")) && File.Exists(Path.Combine(runFolder, "timeseries.parquet")) ? TableFormat.Parquet : TableFormat.Csv;
        var seriesPath = Path.Combine(runFolder, tables.FileName("timeseries"));
        var summaryPath = Path.Combine(runFolder, "summary.json");
        if (!File.Exists(seriesPath) || !File.Exists(summaryPath))
            throw new InputException("the folder has no timeseries and summary.json: expected the output of interphase simulate", runFolder);
        JsonElement s;
        try { s = JsonDocument.Parse(File.ReadAllText(summaryPath)).RootElement; }
        catch (JsonException e) { throw new InputException($"summary.json is not valid JSON: {e.Message}", summaryPath); }
        if (!s.TryGetProperty("derived", out var derived) || !derived.TryGetProperty("conversion_particle_radius_um", out var rNode) || rNode.ValueKind != JsonValueKind.Number)
            throw new InputException("this run has no conversion cathode (summary.json names no conversion_particle_radius_um): a converted fraction compares with a conversion cathode's run", summaryPath);
        double radiusUm = rNode.GetDouble();
        string simLabel = s.TryGetProperty("cell", out var c) && c.ValueKind == JsonValueKind.String ? $"{c.GetString()} (simulation)" : Path.GetFileName(Path.GetFullPath(runFolder).TrimEnd(Path.DirectorySeparatorChar));
        var cols = ResultSet.ReadColumns(seriesPath, "time_h", "converted_fraction", "front_depth_fast_axis", "front_depth_slow_axis");
        double[] t = cols[0], x = cols[1], fast = cols[2], slow = cols[3];

        double Profile(double timeH, double depthUm, string axis)
        {
            double ff = Interpolate(t, fast, timeH), fs = Interpolate(t, slow, timeH);
            if (!double.IsFinite(ff) || !double.IsFinite(fs) || depthUm < 0 || depthUm > radiusUm) return double.NaN;
            var (a, b) = ConversionProfile.Core(radiusUm, ff, fs);
            return axis switch
            {
                "fast" => ConversionProfile.AlongAxis(radiusUm, a, depthUm),
                "slow" => ConversionProfile.AlongAxis(radiusUm, b, depthUm),
                _ => ConversionProfile.ShellAverage(radiusUm, a, b, depthUm),
            };
        }

        var points = new List<Point>();
        foreach (var (line, cells) in tab.Rows)
        {
            double time = Number(measuredPath, line, "time_h", cells[iT]);
            double measured = Number(measuredPath, line, "converted_fraction", cells[iX]);
            if (measured is < 0 or > 1) throw new InputException($"converted_fraction {cells[iX]} is outside 0 … 1", measuredPath, line);
            if (!vsDepth) { points.Add(new Point(line, time, double.NaN, "", measured, Interpolate(t, x, time))); continue; }
            double depth = iD >= 0 ? Number(measuredPath, line, "depth_um", cells[iD]) : Number(measuredPath, line, "depth_over_radius", cells[iDr]) * radiusUm;
            if (depth < 0) throw new InputException($"a depth of {depth:G4} um is above the particle surface: expected 0 or more", measuredPath, line);
            string axis = iA >= 0 ? cells[iA].ToLowerInvariant() : "shell";
            if (axis is not ("fast" or "slow" or "shell")) throw new InputException($"axis '{cells[iA]}': expected fast, slow or shell", measuredPath, line);
            points.Add(new Point(line, time, depth, axis, measured, Profile(time, depth, axis)));
        }
        return new Result(Path.GetFileName(measuredPath), simLabel, vsDepth, points, t, x, radiusUm, Profile);
    }

    static string F(double v, string fmt = "G4") => double.IsFinite(v) ? v.ToString(fmt, CultureInfo.InvariantCulture) : "n/a";

    public static string Csv(Result r)
    {
        var csv = r.VsDepth
            ? new CsvText("line", "time_h", "depth_um", "axis", "measured_converted_fraction", "simulated_converted_fraction", "difference")
            : new CsvText("line", "time_h", "measured_converted_fraction", "simulated_converted_fraction", "difference");
        static string N(double v) => CsvText.Format(v);
        foreach (var p in r.Points)
            csv.RawRow(r.VsDepth
                ? [p.Line.ToString(CultureInfo.InvariantCulture), N(p.TimeH), N(p.DepthUm), p.Axis, N(p.Measured), N(p.Simulated), N(p.Simulated - p.Measured)]
                : [p.Line.ToString(CultureInfo.InvariantCulture), N(p.TimeH), N(p.Measured), N(p.Simulated), N(p.Simulated - p.Measured)]);
        return csv.ToString();
    }

    public static string SummaryJson(Result r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("kind", r.VsDepth ? "converted_fraction_vs_depth" : "converted_fraction_vs_time");
            w.WriteString("measured", r.MeasuredLabel);
            w.WriteString("simulated", r.SimulatedLabel);
            w.WriteNumber("measured_points", r.Points.Count);
            w.WriteNumber("compared_points", r.Compared);
            SimulationWriter.Num(w, "rms_difference", r.Rms);
            SimulationWriter.Num(w, "mean_difference", r.Mean);
            SimulationWriter.Num(w, "particle_radius_um", r.RadiusUm);
            w.WriteString("difference", "simulated - measured converted fraction; points outside the run's time span have no simulated value and are not compared");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static HtmlReport Build(Result r)
    {
        var rep = new HtmlReport($"{r.MeasuredLabel} and {r.SimulatedLabel}: converted fraction");
        rep.AddTable(["", "value"],
        [
            ["measured points", r.Points.Count.ToString(CultureInfo.InvariantCulture)],
            ["compared (inside the run's time span)", r.Compared.ToString(CultureInfo.InvariantCulture)],
            ["rms difference (simulated − measured)", F(r.Rms, "F3")],
            ["mean difference", F(r.Mean, "F3")],
        ]);
        if (!r.VsDepth)
        {
            rep.AddFigure(new Figure("Converted fraction", "time / h", "converted fraction")
            {
                Traces =
                [
                    new Trace($"{r.SimulatedLabel}", r.SimTimeH, r.SimConverted) { Color = "#d62728" }.Decimated(20000),
                    new Trace($"{r.MeasuredLabel} (measured)", r.Points.Select(p => p.TimeH).ToArray(), r.Points.Select(p => p.Measured).ToArray()) { Mode = TraceMode.Markers, Color = "#222222" },
                ],
            });
            return rep;
        }
        foreach (var g in r.Points.GroupBy(p => (p.TimeH, p.Axis)))
        {
            var depths = Enumerable.Range(0, 81).Select(k => r.RadiusUm * k / 80).ToArray();
            rep.AddFigure(new Figure($"Converted fraction against depth at {F(g.Key.TimeH)} h ({g.Key.Axis})", "depth from the particle surface / µm", "converted fraction")
            {
                Traces =
                [
                    new Trace($"{r.SimulatedLabel}", depths, depths.Select(d => r.Profile(g.Key.TimeH, d, g.Key.Axis)).ToArray()) { Color = "#d62728" },
                    new Trace($"{r.MeasuredLabel} (measured)", g.Select(p => p.DepthUm).ToArray(), g.Select(p => p.Measured).ToArray()) { Mode = TraceMode.Markers, Color = "#222222" },
                ],
            });
        }
        return rep;
    }

    public static IReadOnlyList<string> Write(Result r, string outDir)
    {
        using var staging = new OutputStaging(outDir);
        staging.WriteText("conversion_comparison.csv", Csv(r));
        staging.WriteText("summary.json", SummaryJson(r));
        Build(r).Write(staging);
        return staging.Commit();
    }
}
