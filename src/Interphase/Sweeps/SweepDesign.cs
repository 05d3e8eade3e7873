using Interphase.Ensembles;
using Interphase.IO;
using MathNet.Numerics.Random;

namespace Interphase.Sweeps;

/// <summary>How the design points are chosen.</summary>
public enum DesignMethod { Grid, Lhs, Sobol, Random, List }

/// <summary>
/// The spec's <c>design:</c>: <c>{method: grid, levels: 5}</c> (every combination; a range takes
/// <c>levels</c> evenly spaced values, ends included), <c>{method: lhs | sobol | random, samples: 40,
/// seed: 1}</c> (each parameter's values through its range, list or distribution quantile), or
/// <c>{method: list, file: designs.csv}</c> (one design per row). Points depend only on the spec: run
/// <c>i</c> is the same design on any number of cores, in any shard.
/// </summary>
public sealed record SweepDesign(DesignMethod Method, int Samples, int Seed, int Levels, SourceLocation Where)
{
    public const int DefaultLevels = 5;

    public static SweepDesign Read(YNode node)
    {
        if (!node.IsMapping) throw new InputException("'design' must be a mapping such as {method: lhs, samples: 40, seed: 1}", node.Location);
        foreach (var (k, v) in node.Entries)
            if (k is not ("method" or "samples" or "seed" or "levels" or "file"))
                throw new InputException($"unknown key '{k}' of 'design': expected method, samples, seed, levels or file", v.Location);
        var mn = node.Require("method", "grid, lhs, sobol, random or list");
        var method = mn.Text().Trim().ToLowerInvariant() switch
        {
            "grid" => DesignMethod.Grid,
            "lhs" or "latin-hypercube" => DesignMethod.Lhs,
            "sobol" => DesignMethod.Sobol,
            "random" => DesignMethod.Random,
            "list" or "csv" => DesignMethod.List,
            _ => throw new InputException($"unknown design method '{mn.Text()}': expected grid, lhs, sobol, random or list", mn.Location),
        };
        int samples = 0;
        if (method is DesignMethod.Lhs or DesignMethod.Sobol or DesignMethod.Random)
        {
            var sn = node.Require("samples", "the number of designs, e.g. 40");
            samples = sn.Integer();
            if (samples < 1) throw new InputException($"samples must be 1 or more, got {samples}", sn.Location);
        }
        else if (node.Get("samples") is { } extra)
            throw new InputException($"a {mn.Text()} design sets its own number of points: 'samples' is for lhs, sobol and random", extra.Location);
        int levels = DefaultLevels;
        if (node.Get("levels") is { } ln)
        {
            if (method != DesignMethod.Grid) throw new InputException("'levels' is the number of values of each range in a grid", ln.Location);
            levels = ln.Integer();
            if (levels < 2) throw new InputException($"a grid range needs 2 or more levels, got {levels}", ln.Location);
        }
        int seed = node.Get("seed") is { } seedNode ? seedNode.Integer() : 1;
        if (node.Get("file") is { } fn && method != DesignMethod.List)
            throw new InputException("'file' is the CSV of a list design (method: list)", fn.Location);
        return new SweepDesign(method, samples, seed, levels, node.Location);
    }

    /// <summary>The design points: one value per parameter, in the parameters' order.</summary>
    public IReadOnlyList<SweepValue[]> Points(IReadOnlyList<SweepParameter> ps)
    {
        int d = ps.Count;
        switch (Method)
        {
            case DesignMethod.Grid:
            {
                IEnumerable<SweepValue[]> points = [[]];
                foreach (var p in ps)
                {
                    var levels = p.Levels(Levels);
                    points = points.SelectMany(x => levels.Select(v => (SweepValue[])[.. x, v]));
                }
                return points.ToList();
            }
            case DesignMethod.List:
                // the parameters of a list design are its columns, each listing its rows' values
                return Enumerable.Range(0, ps.Count == 0 ? 0 : ps[0].Values.Count).Select(i => ps.Select(p => p.Values[i]).ToArray()).ToList();
            case DesignMethod.Sobol:
            {
                if (d > SobolSequence.MaxDimensions)
                    throw new InputException($"a Sobol' design takes at most {SobolSequence.MaxDimensions} parameters, got {d}: use lhs", Where);
                // point 0 (the origin) is left out: it is the lower end of every range and −∞ for a normal distribution
                var u = new SobolSequence(Math.Max(d, 1)).Points(Samples + 1);
                return Enumerable.Range(1, Samples).Select(i => Map(ps, u[i])).ToList();
            }
            case DesignMethod.Lhs:
            {
                // one point in each of Samples equal strata of every parameter, strata paired at random
                var rng = new Xoshiro256StarStar(Seed, threadSafe: false);
                var u = new double[Samples][];
                for (int i = 0; i < Samples; i++) u[i] = new double[d];
                for (int k = 0; k < d; k++)
                {
                    var perm = Enumerable.Range(0, Samples).ToArray();
                    rng.Shuffle(perm);
                    for (int i = 0; i < Samples; i++) u[i][k] = (perm[i] + Open(rng)) / Samples;
                }
                return u.Select(x => Map(ps, x)).ToList();
            }
            default:
            {
                var rng = new Xoshiro256StarStar(Seed, threadSafe: false);
                return Enumerable.Range(0, Samples).Select(_ => Map(ps, ps.Select(_ => Open(rng)).ToArray())).ToList();
            }
        }
    }

    /// <summary>A design point from its numbers in (0, 1), one per parameter; parameters of a calibration vary jointly.</summary>
    static SweepValue[] Map(IReadOnlyList<SweepParameter> ps, double[] u)
    {
        var values = ps.Select((p, k) => p.At(u[k])).ToArray();
        foreach (var joint in ps.Select(p => p.Joint).OfType<JointNormal>().Distinct()) joint.Apply(ps, u, values);
        return values;
    }

    /// <summary>A uniform number in (0, 1): never 0, whose quantile is −∞ for a normal distribution.</summary>
    static double Open(System.Random rng)
    {
        double x;
        do x = rng.NextDouble(); while (x == 0);
        return x;
    }
}
