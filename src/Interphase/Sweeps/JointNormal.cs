using System.Text.Json;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Interphase.Sweeps;

/// <summary>
/// Parameters that vary together as a multivariate normal: the fitted values of a calibration, with the
/// covariance cov_ab = correlation_ab × se_a × se_b of its summary.json (<c>interphase calibrate</c>),
/// named in the spec as <c>calibrated: FILE</c>. A design point maps its numbers u in (0, 1) for these
/// parameters to independent standard normals z = Φ⁻¹(u) and sets x = value + L z, L the Cholesky factor
/// of the covariance, so that stratified and quasi-random designs keep their coverage.
/// </summary>
public sealed record JointNormal(IReadOnlyList<string> Keys, IReadOnlyList<string> Units, double[] Mean, double[] Sd, double[,] L, string File)
{
    public static JointNormal Read(string file, SourceLocation where)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(IO.YNode.ReadFile(file)).RootElement; }
        catch (JsonException e) { throw new InputException($"{Path.GetFileName(file)} is not a calibration's summary.json: {e.Message}", where); }
        if (!root.TryGetProperty("parameters", out var ps) || ps.ValueKind != JsonValueKind.Array || ps.GetArrayLength() == 0
            || !root.TryGetProperty("correlation", out var corr) || corr.ValueKind != JsonValueKind.Array)
            throw new InputException($"{Path.GetFileName(file)} has no 'parameters' and 'correlation' of a calibration (interphase calibrate writes them to summary.json)", where);
        var keys = new List<string>();
        var units = new List<string>();
        var mean = new List<double>();
        var sd = new List<double>();
        foreach (var p in ps.EnumerateArray())
        {
            var path = p.TryGetProperty("path", out var pp) ? pp.GetString() : null;
            if (path is null || !Number(p, "value", out var v) || !Number(p, "standard_error", out var se) || !(se >= 0))
                throw new InputException($"{Path.GetFileName(file)}: a fitted parameter without path, value or a standard error (the fit could not give one): it cannot carry a distribution", where);
            keys.Add(path);
            units.Add(p.TryGetProperty("unit", out var u) ? u.GetString() ?? "" : "");
            mean.Add(v);
            sd.Add(se);
        }
        int n = keys.Count;
        var cov = new double[n, n];
        var rows = corr.EnumerateArray().ToList();
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                if (rows.Count != n || rows[a].GetArrayLength() != n || rows[a][b].ValueKind != JsonValueKind.Number)
                    throw new InputException($"{Path.GetFileName(file)}: the correlation is not a full {n} × {n} matrix of numbers", where);
                cov[a, b] = rows[a][b].GetDouble() * sd[a] * sd[b];
            }
        double[,] l;
        try { l = Matrix<double>.Build.DenseOfArray(cov).Cholesky().Factor.ToArray(); }
        catch (ArgumentException) { throw new InputException($"{Path.GetFileName(file)}: the covariance of the fitted parameters is not positive definite (a parameter the data did not determine?)", where); }
        return new JointNormal(keys, units, [.. mean], [.. sd], l, file);
    }

    static bool Number(JsonElement e, string name, out double value)
    {
        value = double.NaN;
        return e.TryGetProperty(name, out var x) && x.ValueKind == JsonValueKind.Number && double.IsFinite(value = x.GetDouble());
    }

    /// <summary>Sets this group's values of a design point from the point's numbers <paramref name="u"/>.</summary>
    public void Apply(IReadOnlyList<SweepParameter> ps, double[] u, SweepValue[] values)
    {
        var members = Enumerable.Range(0, ps.Count).Where(k => ReferenceEquals(ps[k].Joint, this)).ToList();
        var z = new double[Keys.Count];
        foreach (var k in members) z[ps[k].JointIndex] = Normal.InvCDF(0, 1, u[k]);
        foreach (var k in members)
        {
            int i = ps[k].JointIndex;
            double x = Mean[i];
            for (int j = 0; j <= i; j++) x += L[i, j] * z[j];
            values[k] = SweepValue.Of(x, Units[i]);
        }
    }
}
