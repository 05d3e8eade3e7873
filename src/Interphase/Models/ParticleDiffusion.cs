namespace Interphase.Models;

/// <summary>
/// Solid diffusion in a spherical particle (single-particle model, e.g. Marquis et al.,
/// J. Electrochem. Soc. 166, A3693, 2019):
/// <code>
/// ∂c/∂t = (1/r²) ∂/∂r (r² D ∂c/∂r),   ∂c/∂r = 0 at r = 0,   −D ∂c/∂r = N at r = R
/// </code>
/// N is the molar flux out of the particle (positive on delithiation). Finite volumes on equal
/// radial steps, implicit Euler (unconditionally stable), Thomas algorithm. The surface value is
/// extrapolated from the outer shell with the imposed flux.
/// </summary>
public sealed class ParticleDiffusion
{
    readonly int _n;
    readonly double _radius;
    readonly double[] _vol, _area, _a, _b, _c, _d;

    public ParticleDiffusion(double radius, int shells = 12)
    {
        _n = shells; _radius = radius;
        _vol = new double[shells]; _area = new double[shells + 1];
        _a = new double[shells]; _b = new double[shells]; _c = new double[shells]; _d = new double[shells];
        double dr = radius / shells;
        for (int k = 0; k <= shells; k++) _area[k] = 4 * Math.PI * Math.Pow(k * dr, 2);
        for (int k = 0; k < shells; k++) _vol[k] = 4.0 / 3 * Math.PI * (Math.Pow((k + 1) * dr, 3) - Math.Pow(k * dr, 3));
    }

    public int Shells => _n;
    public double Radius => _radius;

    /// <summary>Volume-averaged concentration.</summary>
    public double Average(double[] c)
    {
        double s = 0, v = 0;
        for (int k = 0; k < _n; k++) { s += c[k] * _vol[k]; v += _vol[k]; }
        return s / v;
    }

    /// <summary>Concentration at the surface for an outward flux N (mol/(m² s)).</summary>
    public double Surface(double[] c, double flux, double diffusivity) =>
        c[_n - 1] - flux * (_radius / _n) / (2 * diffusivity);

    /// <summary>
    /// The outward flux (mol/(m² s)) that brings the surface concentration to <paramref name="target"/>:
    /// the inverse of <see cref="Surface"/>. With target 0 it is the largest flux diffusion can feed out of
    /// the particle; with target c_max, the largest flux into it (negative).
    /// </summary>
    public double FluxForSurface(double[] c, double target, double diffusivity) =>
        (c[_n - 1] - target) * 2 * diffusivity / (_radius / _n);

    /// <summary>Diffusion time constant R²/D.</summary>
    public double TimeConstant(double diffusivity) => _radius * _radius / diffusivity;

    public void Advance(double[] c, double flux, double diffusivity, double dt)
    {
        if (dt <= 0) return;
        double dr = _radius / _n;
        for (int k = 0; k < _n; k++)
        {
            double gIn = k == 0 ? 0 : diffusivity * _area[k] / dr;
            double gOut = k == _n - 1 ? 0 : diffusivity * _area[k + 1] / dr;
            double m = _vol[k] / dt;
            _a[k] = -gIn;
            _c[k] = -gOut;
            _b[k] = m + gIn + gOut;
            _d[k] = m * c[k];
        }
        _d[_n - 1] -= flux * _area[_n];
        for (int k = 1; k < _n; k++)
        {
            double w = _a[k] / _b[k - 1];
            _b[k] -= w * _c[k - 1];
            _d[k] -= w * _d[k - 1];
        }
        c[_n - 1] = _d[_n - 1] / _b[_n - 1];
        for (int k = _n - 2; k >= 0; k--) c[k] = (_d[k] - _c[k] * c[k + 1]) / _b[k];
    }
}
