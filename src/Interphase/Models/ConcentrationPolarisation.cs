using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Salt concentration across a binary polymer electrolyte with t+ &lt; 1 (dilute-solution theory,
/// Newman &amp; Thomas-Alyea, Electrochemical Systems, 3rd ed., ch. 12; Bruce &amp; Vincent,
/// J. Electroanal. Chem. 225, 1, 1987):
/// <code>
/// ∂c/∂t = D ∂²c/∂x²,   −D ∂c/∂x = (1 − t+)·i/(zF) at both electrodes (salt produced at the stripping side)
/// η_conc = (2RT/(zF))·(1 − t+)·ln(c(0)/c(L))
/// </code>
/// Solved by finite volumes and implicit Euler (unconditionally stable; Thomas algorithm).
/// At i·(1 − t+)·L/(2 z F D c0) → 1 the plating side empties (Sand behaviour) and η_conc diverges.
/// </summary>
public sealed class ConcentrationPolarisation
{
    public const int Cells = 40;
    readonly double _thickness, _c0, _tPlus;
    readonly int _z;
    readonly double[] _a = new double[Cells], _b = new double[Cells], _cc = new double[Cells], _d = new double[Cells];

    public ConcentrationPolarisation(double thickness, double saltConcentration, double transferenceNumber, int chargeNumber)
    {
        _thickness = thickness; _c0 = saltConcentration; _tPlus = transferenceNumber; _z = chargeNumber;
    }

    public double InitialConcentration => _c0;
    public double Thickness => _thickness;

    public double[] NewProfile() => Enumerable.Repeat(_c0, Cells).ToArray();

    /// <summary>Characteristic diffusion time L²/(π²D).</summary>
    public double TimeConstant(double diffusivity) => _thickness * _thickness / (Math.PI * Math.PI * diffusivity);

    /// <summary>Advance the profile c over dt at current density i (A/m², positive = electrode 1 strips).</summary>
    public void Advance(double[] c, double i, double diffusivity, double dt)
    {
        if (dt <= 0) return;
        double dx = _thickness / Cells;
        double r = diffusivity * dt / (dx * dx);
        double flux = (1 - _tPlus) * i / (_z * Si.Faraday); // mol/(m² s) into cell 0, out of the last cell
        for (int k = 0; k < Cells; k++)
        {
            _a[k] = k == 0 ? 0 : -r;
            _cc[k] = k == Cells - 1 ? 0 : -r;
            _b[k] = 1 + (k == 0 ? 0 : r) + (k == Cells - 1 ? 0 : r);
            _d[k] = c[k];
        }
        _d[0] += flux * dt / dx;
        _d[Cells - 1] -= flux * dt / dx;
        // Thomas algorithm
        for (int k = 1; k < Cells; k++)
        {
            double m = _a[k] / _b[k - 1];
            _b[k] -= m * _cc[k - 1];
            _d[k] -= m * _d[k - 1];
        }
        c[Cells - 1] = _d[Cells - 1] / _b[Cells - 1];
        for (int k = Cells - 2; k >= 0; k--) c[k] = (_d[k] - _cc[k] * c[k + 1]) / _b[k];
        double floor = 1e-9 * _c0;
        for (int k = 0; k < Cells; k++) if (c[k] < floor) c[k] = floor;
    }

    /// <summary>
    /// Advance the profile over dt and return the face concentrations at the start and the end of the step:
    /// where a nucleation spot runs out of salt (<see cref="SandOnset"/>), in symmetric and full cells alike.
    /// </summary>
    public ((double left, double right) start, (double left, double right) end) AdvanceWithFaces(double[] c, double i, double diffusivity, double dt)
    {
        var start = FaceConcentrations(c, i, diffusivity);
        Advance(c, i, diffusivity, dt);
        return (start, FaceConcentrations(c, i, diffusivity));
    }

    /// <summary>Concentration at the two electrode faces, extrapolated from the first and last cells.</summary>
    public (double left, double right) FaceConcentrations(double[] c, double i, double diffusivity)
    {
        double dx = _thickness / Cells;
        double flux = (1 - _tPlus) * i / (_z * Si.Faraday);
        double floor = 1e-9 * _c0;
        return (Math.Max(floor, c[0] + flux * dx / (2 * diffusivity)), Math.Max(floor, c[Cells - 1] - flux * dx / (2 * diffusivity)));
    }

    /// <summary>η_conc = (2RT/zF)(1 − t+)·ln(c_left/c_right) (V); positive when electrode 1 strips.</summary>
    public double Overpotential(double left, double right, double temperatureK) =>
        2 * Si.GasConstant * temperatureK / (_z * Si.Faraday) * (1 - _tPlus) * Math.Log(left / right);
}
