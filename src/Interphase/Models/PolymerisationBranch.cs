using System.Numerics;
using Interphase.Impedance;

namespace Interphase.Models;

/// <summary>
/// The small-signal branch of the electropolymerisation on a composite cathode (docs/models.md §16.2, decision 0077):
/// i_p = k_c(E)·c_s, E the network's potential against the pore electrolyte, c_s the monomer at the cathode face,
/// which diffuses from a domain of thickness L whose far end (the anode) passes none. Linearised about the present
/// state (δi_p = c_s·k_c'(E)·δE + k_c·δc_s) with the monomer's linear diffusion and first-order sink k = k_c/(nF):
/// <code>
/// Z_p = R_p + R_m·coth(√(jωτ_m))/√(jωτ_m),   R_p = 1/(c_s·dk_c/dE),   R_m = R_p·k·L/D_m,   τ_m = L²/D_m
/// </code>
/// R_p is the branch with the monomer held (a frozen state's); the second term is the monomer's supply, a finite-space
/// (reflective) diffusion element (Lasia, Electrochemical Impedance Spectroscopy and its Applications, Springer 2014,
/// §4.4), capacitive as ω → 0: there the consumed monomer is not replaced and the branch passes no steady current.
/// </summary>
public readonly record struct PolymerisationBranch(double Conductance, double SinkRate, double MonomerDiffusivity, double DomainThickness)
{
    /// <summary>None: no monomer, or the network below the onset.</summary>
    public static readonly PolymerisationBranch None = new(0, 0, 1, 1);

    /// <summary>Z_p (Ω m²) at jω; monomerSupply false leaves out the monomer's diffusion (R_p alone). ∞ without a branch.</summary>
    public Complex At(Complex jw, bool monomerSupply)
    {
        if (!(Conductance > 0)) return double.PositiveInfinity;
        double rp = 1 / Conductance;
        if (!monomerSupply || !(SinkRate > 0)) return rp;
        var u = Complex.Sqrt(jw * (DomainThickness * DomainThickness / MonomerDiffusivity));
        var (coth, _) = ComplexMath.CothCsch2(u);
        return rp + rp * SinkRate * DomainThickness / MonomerDiffusivity * coth / u;
    }
}
