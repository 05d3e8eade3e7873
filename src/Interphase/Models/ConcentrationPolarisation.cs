using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Salt concentration across a binary polymer electrolyte with t+ &lt; 1 (dilute-solution theory,
/// Newman &amp; Thomas-Alyea, Electrochemical Systems, 3rd ed., ch. 12; Bruce &amp; Vincent,
/// J. Electroanal. Chem. 225, 1, 1987):
/// <code>
/// ∂c/∂t = D ∂²c/∂x²,   −D ∂c/∂x = (1 − t+)·i/(zF) at both electrodes (salt produced at the stripping side)
/// η_conc = (2RT/(zF))·χ·(1 − t+)·ln(c(0)/c(L)),   χ = 1 + d ln f±/d ln c (the thermodynamic factor, 1 for an ideal solution)
/// </code>
/// χ enters the potential only, not the salt balance (Newman &amp; Thomas-Alyea, eq. 12.29 with the concentration cell's
/// potential; Balsara &amp; Newman, J. Electrochem. Soc. 162, A2720, 2015): it sets how much of a held voltage the salt
/// gradient takes, and so the steady current fraction ρ+ of a Bruce–Vincent hold (docs/decisions/0058).
/// Solved by finite volumes (40 cells), exactly in time over a step of constant current (their cosine modes, <see cref="Advance"/>).
/// At i·(1 − t+)·L/(2 z F D c0) → 1 the plating side empties (Sand behaviour) and η_conc diverges.
/// </summary>
public sealed class ConcentrationPolarisation
{
    public const int Cells = 40;
    readonly double _thickness, _c0, _tPlus, _chi;
    readonly int _z;
    readonly double[] _d = new double[Cells];

    public ConcentrationPolarisation(double thickness, double saltConcentration, double transferenceNumber, int chargeNumber,
        double thermodynamicFactor = 1)
    {
        _thickness = thickness; _c0 = saltConcentration; _tPlus = transferenceNumber; _z = chargeNumber; _chi = thermodynamicFactor;
    }

    /// <summary>χ = 1 + d ln f±/d ln c at the initial concentration (1: an ideal solution).</summary>
    public double ThermodynamicFactor => _chi;

    public double InitialConcentration => _c0;
    public double Thickness => _thickness;
    public double TransferenceNumber => _tPlus;
    public int ChargeNumber => _z;

    /// <summary>
    /// A uniform profile at the initial concentration. A profile is held as the amplitudes of the cells' cosine modes
    /// (<see cref="Advance"/>), so that a time step costs O(N); <see cref="CellAt"/> gives a cell's concentration.
    /// </summary>
    public double[] NewProfile()
    {
        var p = new double[Cells];
        p[0] = _c0 * Math.Sqrt(Cells); // the mean's mode: c0 on every cell times the mode's √(1/N), summed
        return p;
    }

    /// <summary>Concentration (mol/m³) of cell k (0 at electrode 1, N − 1 at electrode 2) of profile p.</summary>
    public double CellAt(double[] p, int k)
    {
        var q = Modes;
        double v = 0;
        for (int m = 0; m < Cells; m++) v += q[m * Cells + k] * p[m];
        return v;
    }

    /// <summary>Characteristic diffusion time L²/(π²D).</summary>
    public double TimeConstant(double diffusivity) => _thickness * _thickness / (Math.PI * Math.PI * diffusivity);

    /// <summary>
    /// Advance the profile c over dt at current density i (A/m², positive = electrode 1 strips), exactly in time for the
    /// 40 finite volumes: with zero-flux walls their Laplacian is diagonal in the cosine modes
    /// φ_m(k) = cos(π m (k + ½)/N) (the DCT-II basis) with rates λ_m = −(4D/Δx²)·sin²(π m/(2N)), and a current constant
    /// over the step adds the walls' salt flux as a constant source, so that each mode goes
    /// ĉ_m ← e^{λ_m Δt} ĉ_m + b̂_m (e^{λ_m Δt} − 1)/λ_m (the mean, m = 0, keeps its value: salt is conserved). The
    /// profile c holds the modes' amplitudes ĉ (<see cref="NewProfile"/>), so a step costs O(N), as the cell-wise
    /// implicit solver did; transforming to the modes and back at every step cost D-LFP-PT-PEO's 1000 cycles 1.7×. Implicit
    /// Euler, used before, is first-order in Δt: a step as long as the time since a change of current smoothed the
    /// transient (decision 0042).
    /// </summary>
    public void Advance(double[] c, double i, double diffusivity, double dt)
    {
        if (dt <= 0) return;
        double dx = _thickness / Cells;
        double flux = (1 - _tPlus) * i / (_z * Si.Faraday); // mol/(m² s) into cell 0, out of the last cell
        double rate = 4 * diffusivity / (dx * dx), source = flux / dx;
        var q = Modes;
        // each mode advanced exactly; the walls' source, +flux/Δx into cell 0 and −flux/Δx out of cell N − 1, projects
        // on the odd modes only (φ_m(N − 1) = (−1)^m φ_m(0))
        for (int m = 1; m < Cells; m++)
        {
            double lambda = -rate * ModeShape[m];
            double e = Math.Exp(lambda * dt);
            double b = (m & 1) == 1 ? 2 * source * q[m * Cells] : 0;
            c[m] = e * c[m] + b * (e - 1) / lambda;
        }
        // a face cell emptied past Sand's time: every cell below the floor is held at it, as the cell-wise solver did
        // (the plating side's cells are the profile's lowest while it depletes)
        double floor = 1e-9 * _c0;
        if (CellAt(c, 0) < floor || CellAt(c, Cells - 1) < floor)
        {
            for (int k = 0; k < Cells; k++) _d[k] = Math.Max(floor, CellAt(c, k));
            for (int m = 0; m < Cells; m++)
            {
                double hat = 0;
                for (int k = 0; k < Cells; k++) hat += q[m * Cells + k] * _d[k];
                c[m] = hat;
            }
        }
    }

    /// <summary>The orthonormal cosine modes of the cells, row m: √(w_m/N)·cos(π m (k + ½)/N), w_0 = 1, else 2.</summary>
    static readonly double[] Modes = MakeModes();

    /// <summary>sin²(π m/(2N)) of each mode: its decay rate over 4D/Δx².</summary>
    static readonly double[] ModeShape = Enumerable.Range(0, Cells).Select(m => Math.Pow(Math.Sin(Math.PI * m / (2.0 * Cells)), 2)).ToArray();

    static double[] MakeModes()
    {
        var q = new double[Cells * Cells];
        for (int m = 0; m < Cells; m++)
            for (int k = 0; k < Cells; k++)
                q[m * Cells + k] = Math.Sqrt((m == 0 ? 1.0 : 2.0) / Cells) * Math.Cos(Math.PI * m * (k + 0.5) / Cells);
        return q;
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

    /// <summary>Concentration at the two electrode faces of profile c, extrapolated from the first and last cells.</summary>
    public (double left, double right) FaceConcentrations(double[] c, double i, double diffusivity)
    {
        double dx = _thickness / Cells;
        double flux = (1 - _tPlus) * i / (_z * Si.Faraday);
        double floor = 1e-9 * _c0;
        return (Math.Max(floor, CellAt(c, 0) + flux * dx / (2 * diffusivity)), Math.Max(floor, CellAt(c, Cells - 1) - flux * dx / (2 * diffusivity)));
    }

    /// <summary>
    /// The face concentrations of profile c with the salt relaxed at current i: c plus the increment a current i held far
    /// beyond the profile's time constant adds to a uniform profile (this model's own modes, <see cref="Advance"/>, over
    /// 100 L²/(π²D): the slowest mode is left with e^−100), c itself not relaxed. Diffusion is linear, so this is the
    /// steady state the DC reaches at i about the present profile: the DC side of the salt's diffusion element's
    /// low-frequency limit (SaltDiffusionImpedance, decision 0077). c is not changed.
    /// </summary>
    public (double left, double right) RelaxedFaces(double[] c, double i, double diffusivity)
    {
        var increment = NewProfile();
        Advance(increment, i, diffusivity, 100 * TimeConstant(diffusivity));
        var relaxed = (double[])c.Clone();
        // the mean's mode (m = 0) is the salt there is: the current moves salt, it adds none
        for (int m = 1; m < Cells; m++) relaxed[m] += increment[m];
        return FaceConcentrations(relaxed, i, diffusivity);
    }

    /// <summary>η_conc = (2RT/zF)·χ·(1 − t+)·ln(c_left/c_right) (V); positive when electrode 1 strips.</summary>
    public double Overpotential(double left, double right, double temperatureK) =>
        2 * Si.GasConstant * temperatureK / (_z * Si.Faraday) * _chi * (1 - _tPlus) * Math.Log(left / right);
}
