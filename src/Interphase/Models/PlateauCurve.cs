using Interphase.IO;
using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>One plateau of an open-circuit curve: its mid potential, its share of the capacity and how much it slopes (V).</summary>
public readonly record struct Plateau(double Potential, double Fraction, double Width);

/// <summary>
/// An open-circuit curve made of sloping plateaus (conversion cathodes, V2O5): plateau k spans its
/// share f_k of the capacity and its potential moves linearly by w_k across it; neighbouring plateaus
/// are joined by a smooth partition of unity (logistic weights of width 0.01), and steep walls close
/// the curve at both ends of the capacity. y is the progress along the curve in the direction the
/// plateaus are listed (0 … 1). Falling curves (discharge) drop by w_k across each plateau, rising
/// curves (charge) climb by it.
/// </summary>
public sealed class PlateauCurve
{
    const double Blend = 0.01, Wall = 0.004;
    readonly Plateau[] _p;
    readonly double[] _start;
    readonly bool _rising;

    public PlateauCurve(IReadOnlyList<Plateau> plateaus, bool rising)
    {
        _p = plateaus.ToArray();
        _rising = rising;
        _start = new double[_p.Length + 1];
        for (int k = 0; k < _p.Length; k++) _start[k + 1] = _start[k] + _p[k].Fraction;
    }

    public IReadOnlyList<Plateau> Plateaus => _p;

    static double Logistic(double z) => 0.5 * (1 + Math.Tanh(z / 2));

    public double At(double y)
    {
        double num = 0, den = 0;
        for (int k = 0; k < _p.Length; k++)
        {
            var p = _p[k];
            double lo = _start[k], hi = _start[k + 1];
            double w = (k == 0 ? 1 : Logistic((y - lo) / Blend)) * (k == _p.Length - 1 ? 1 : Logistic((hi - y) / Blend));
            double frac = Math.Clamp((y - lo) / Math.Max(p.Fraction, 1e-9), 0, 1);
            double u = p.Potential + (_rising ? 1 : -1) * p.Width * (frac - 0.5);
            num += w * u;
            den += w;
        }
        double uMain = num / Math.Max(den, 1e-300);
        // walls: the potential leaves the window steeply at both ends of the capacity
        double sign = _rising ? -1 : 1;
        double ends = sign * (0.5 * 0.5 * (1 - Math.Tanh(y / Wall)) - 1.0 * 0.5 * (1 + Math.Tanh((y - 1 + 2.5 * Wall) / Wall)));
        return uMain + ends;
    }

    /// <summary>Reads a list of {potential, fraction, width} plateaus whose fractions add up to 1.</summary>
    public static IReadOnlyList<Plateau> Read(Material m, string key)
    {
        var node = m.Properties.Get(key) ?? throw new InputException($"{m.Name} has no '{key}' in the library", m.Properties.Location);
        var list = node.Items().Select(it => new Plateau(
            it.Require("potential").Quantity(QuantityKind.Voltage),
            it.Require("fraction").Quantity(QuantityKind.Dimensionless),
            it.Require("width").Quantity(QuantityKind.Voltage))).ToList();
        if (list.Count == 0) throw new InputException($"{m.Name}: '{key}' is empty", node.Location);
        var sum = list.Sum(x => x.Fraction);
        if (Math.Abs(sum - 1) > 0.02) throw new InputException($"{m.Name}: the fractions of '{key}' add up to {sum:G3}, not 1", node.Location);
        return list;
    }
}
