using System.CommandLine;
using Interphase;
using Interphase.Reports;

namespace Interphase.Cli;

/// <summary><c>interphase compare A B --out DIR</c>: two result folders or measured files in one report.</summary>
public static class CompareCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var a = new Argument<string>("a") { Description = "a result folder (simulate, analyze or calibrate output), a measured file, or a table of converted fraction (time_h, [depth_um,] converted_fraction) to overlay on a conversion cathode's run" };
        var b = new Argument<string>("b") { Description = "the other one" };
        var mass = new Option<string?>("--mass", "-m") { Description = "active mass for measured files given directly, e.g. 1.4 mg" };
        var area = new Option<string?>("--area", "-a") { Description = "electrode area for measured files given directly, e.g. 0.785 cm2" };
        var kind = new Option<string?>("--kind", "-k") { Description = "symmetric or full, for measured files given directly" }.OneOf("symmetric", "full");
        var output = new OutputOptions("output directory (default: out/compare)");
        var cmd = new Command("compare", "Overlay two results (measurement and/or simulation) in one report: voltage against time, and per cycle the overpotential or the capacity and coulombic efficiency.")
        {
            a, b, mass, area, kind, output.Out, output.Overwrite,
        };
        cmd.SetAction(parse => CliRunner.Guard(stderr, () =>
        {
            // a measured table of converted fraction (vs time or depth) against a simulated conversion cathode
            string pa = parse.GetValue(a)!, pb = parse.GetValue(b)!;
            bool ta = ConversionComparison.IsConversionTable(pa), tb = ConversionComparison.IsConversionTable(pb);
            if (ta || tb)
            {
                if (ta && tb) throw new InputException("both are tables of converted fraction: compare one with a simulated run's folder", pb);
                var (table, run) = ta ? (pa, pb) : (pb, pa);
                using var cf = output.Open(parse, Path.Combine("out", "compare"), pa, pb)!;
                var result = ConversionComparison.Compare(table, run);
                var written = ConversionComparison.Write(result, cf.WriteTo);
                cf.Commit();
                stdout.WriteLine($"{result.MeasuredLabel}: {result.Points.Count} points of converted fraction against {(result.VsDepth ? "depth" : "time")}, " +
                    $"{result.Compared} inside {result.SimulatedLabel}'s run; rms difference {ConsoleNumber.Show(double.IsFinite(result.Rms) ? result.Rms : null, "F3")}");
                CliRunner.Wrote(stdout, written, cf.Directory);
                return ExitCodes.Ok;
            }
            var options = AnalyzeCommand.Options(parse.GetValue(kind), parse.GetValue(mass), parse.GetValue(area));
            using var folder = output.Open(parse, Path.Combine("out", "compare"), parse.GetValue(a), parse.GetValue(b))!;
            var x = ResultSet.Load(parse.GetValue(a)!, options);
            var y = ResultSet.Load(parse.GetValue(b)!, options);
            var files = ComparisonReport.Write(x, y, folder.WriteTo);
            folder.Commit();
            stdout.WriteLine($"{x.Label} ({x.Cycle.Length} cycles) and {y.Label} ({y.Cycle.Length} cycles), {x.Kind} cells");
            CliRunner.Wrote(stdout, files, folder.Directory);
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
