using System.Numerics;
using Interphase.Impedance;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>
/// Small-signal impedance of a full cell at open circuit in its present state:
/// <code>
/// Z = [(R_sep ∥ C_geo) + Z_anode + R_comp + (R_ci/φ_c ∥ C_ci) + Z_F ∥ C_dl + Z_d] ∥ R_e [∥ R_sh]
/// 1/Z_F = 1/Z_int + 1/R_ox + (1 + (R_ci/φ_c)/Z_int)/Z_p,  Z_int = R_ct + Z_s,  Z_p the polymerisation (PolymerisationBranch)
/// Z_s = R_s·tanh(s)/(s − tanh(s)),  s = √(jω R²/D),  R_s = (dU/dc)·R/(z F D a)
/// Z_d = R_d·tanh(√(jωτ_d))/√(jωτ_d)      the salt across the separator when t+ &lt; 1 (SaltDiffusionImpedance)
/// </code>
/// Z_anode is the anode side of the symmetric-cell impedance (§12); R_ct = RT/(zF·i0·a) on the
/// particle surface a; Z_s is the diffusion impedance of a sphere with a reflecting centre (Jacobsen
/// &amp; West, Electrochim. Acta 40, 255, 1995); for a conversion cathode the front resistance and the
/// product shell take its place. Grouping for summary.json: R_bulk = separator; R_interphase = anode
/// layers and interphase + cathode interface; R_ct = anode and cathode charge transfer. As in a symmetric
/// cell, an anode filament lowers R_sep (FilamentConduction), the electronic leak R_e lies in parallel
/// (ElectronicLeakage, absent when ∞) and after a short the metallic path R_sh too.
/// </summary>
internal static class FullCellImpedance
{
    /// <summary>The elements of the cell's circuit in the simulator's present state at temperature T (Ω m², F/m², s).</summary>
    readonly record struct Elements(double RSep, double CGeo, double RComp, double RCi, double CCi, double Rct, double Rs, double Tau, double Cdl,
        double RE, double RB, bool Shorted, double ROx, PolymerisationBranch Poly, SaltDiffusionImpedance? Salt);

    static Elements Build(FullCell cell, FullCellSimulator sim, double T)
    {
        var (anode, particle, x, phiC, active, cei, _) = sim.State;
        var cat = cell.Cathode;
        // an anode filament that has not yet spanned the separator shortens the ionic path where it stands (as in a symmetric cell)
        double rSep = sim.SeparatorAsr(cell.ElectrolyteAsr(T));
        // electronic leakage in parallel with the ionic cell (ElectronicLeakage); ∞ for an insulating stack
        double rE = sim.LeakageAsr();
        bool shorted = sim.Shorted;
        // a soft short's standing filament bridge (MetalBridge), a resistor in parallel as in a symmetric cell
        double rB = sim.BridgeAsr(T);
        double cGeo = SymmetricImpedance.Epsilon0 * cell.ElectrolytePermittivity / (cell.ElectrolyteThickness - ElectrodeSideDynamics.ZonePathDepth(cell.Anode, anode.Zone));
        double rComp = cat.IonicAsr(T);
        // the pristine pair's resistance or that of the layer grown on the particles (§16.2), with the CEI
        double rCi = sim.CathodeInterfaceAsr(T) / Math.Max(phiC, 1e-6);
        double cCi = cat.Interface.DoubleLayerCapacitance * Math.Max(phiC, 1e-6) * cat.SurfaceArea;
        double rct, rs = 0, tau = 1, cdl, rOx = double.PositiveInfinity;
        var poly = PolymerisationBranch.None;
        if (cat.Intercalation is { } ic)
        {
            double a = cat.SurfaceArea * Math.Max(phiC * active, 1e-9);
            double cs = particle![^1];
            double i0 = ic.ExchangeCurrentDensity(cs, T);
            // linearised about open circuit at T (the step's or a temperature series'): the intercalation then carries the
            // self-discharge current the side reactions draw at T (OpenCircuitPoint), and the slope of η = (2RT/zF)·asinh(i/2ai0) there
            var (u0, i00) = sim.OpenCircuitPoint(T);
            double xr = i00 / (2 * a * i0);
            rct = Si.GasConstant * T / (ic.ChargeNumber * Si.Faraday * i0 * a) / Math.Sqrt(1 + xr * xr);
            double xs = cs / ic.MaxConcentration, dx = 1e-4;
            double dUdc = (ic.OpenCircuit(xs + dx, T) - ic.OpenCircuit(xs - dx, T)) / (2 * dx * ic.MaxConcentration);
            double d = ic.Diffusivity(T);
            rs = Math.Abs(dUdc) * cat.ParticleRadius / (ic.ChargeNumber * Si.Faraday * d * a);
            tau = cat.ParticleRadius * cat.ParticleRadius / d;
            cdl = cat.Interface.DoubleLayerCapacitance * a;
            // the parasitic oxidation at the surface's potential, a faradaic path in parallel with the intercalation (§14.2)
            double g = sim.ParasiticConductance(u0, T);
            rOx = g > 0 ? 1 / g : double.PositiveInfinity;
            // the electropolymerisation's small-signal branch at its own potential U₀ + i_int,0·R_ci/φ_c (§16.2, decision 0077)
            poly = sim.PolymerisationBranchAt(u0, i00, T);
        }
        else
        {
            var cc = cat.Conversion!;
            var (b, area) = FullCellSimulator.ConversionFront(cc, x);
            double nP = cat.ActiveVolume / (4.0 / 3 * Math.PI * Math.Pow(cc.ParticleRadius, 3));
            double front = Math.Max(area * phiC, 1e-30) * nP;                // front area per electrode area
            rct = Si.GasConstant * T / (Si.Faraday * cc.Front(T) * front)
                + (1 / Math.Max(b, 1e-3 * cc.ParticleRadius) - 1 / cc.ParticleRadius) / (4 * Math.PI * cc.Shell(T) * nP)
                + cc.IronLayerResistance * x * ConversionCathode.MetallicIron(sim.ProductLithiation) / Math.Max(phiC, 1e-6);
            cdl = cat.Interface.DoubleLayerCapacitance * front;
        }
        // the salt's finite-length diffusion across the separator (SaltDiffusionImpedance), linearised about the present faces
        SaltDiffusionImpedance? salt = sim.SaltFaces() is { } faces
            ? SaltDiffusionImpedance.Of(cell.Concentration!, cell.SaltDiffusivity!(T), T, SaltDiffusionImpedance.About(faces.left, faces.right)) : null;
        return new Elements(rSep, cGeo, rComp, rCi, cCi, rct, rs, tau, cdl, rE, rB, shorted, rOx, poly, salt);
    }

    /// <summary>
    /// The cell's impedance per area (Ω m²) at the frequencies f in the simulator's present state; cathodeDiffusion
    /// false leaves out the particles' diffusion element Z_s and the monomer's supply Z_m (the profiles relaxing: the part
    /// of the low-frequency limit a frozen state's DC slope has not, decisions 0071, 0077), saltDiffusion false the salt's Z_d (whose limit is the DC slope with the salt
    /// relaxed, decision 0077).
    /// </summary>
    internal static Complex[] AreaSpecific(FullCell cell, FullCellSimulator sim, double T, double[] f, bool cathodeDiffusion = true, bool saltDiffusion = true)
    {
        var e = Build(cell, sim, T);
        return AreaSpecific(cell, sim.State.anode, T, f, saltDiffusion ? e : e with { Salt = null }, cathodeDiffusion);
    }

    static Complex[] AreaSpecific(FullCell cell, SideState anode, double T, double[] f, Elements e, bool cathodeDiffusion = true)
    {
        var z = new Complex[f.Length];
        bool leaks = !double.IsPositiveInfinity(e.RE), bridged = !double.IsPositiveInfinity(e.RB);
        for (int k = 0; k < f.Length; k++)
        {
            var jw = new Complex(0, 2 * Math.PI * f[k]);
            Complex zc = SymmetricImpedance.Parallel(e.RSep, 1 / (jw * e.CGeo));
            zc += SymmetricImpedance.SideImpedance(cell.ElectrolytePermittivity, cell.Anode, anode.Phi, anode.Metal, anode.L0, anode.L1, T, jw, anode.Zone);
            zc += e.RComp;
            zc += SymmetricImpedance.Parallel(e.RCi, 1 / (jw * e.CCi));
            // Z_s = R_s/g, g = s coth s − 1: the fitter's Wsph element computes it (its series where s → 0)
            Complex zint = e.Rs > 0 && cathodeDiffusion ? e.Rct + e.Rs / Impedance.Elements.SphereDiffusion(jw * e.Tau).g : e.Rct;
            // the side reactions in parallel with the intercalation: the oxidation at the surface's potential (R_ox) and the
            // polymerisation at the network's, δE_p = δU + (R_ci/φ_c)·δi_int, whose current is δU·(1 + (R_ci/φ_c)/Z_int)/Z_p
            Complex zf = double.IsFinite(e.ROx) ? SymmetricImpedance.Parallel(zint, e.ROx) : zint;
            if (e.Poly.Conductance > 0) zf = 1 / (1 / zf + (1 + e.RCi / zint) / e.Poly.At(jw, cathodeDiffusion));
            zc += SymmetricImpedance.Parallel(zf, 1 / (jw * e.Cdl));
            if (e.Salt is { } zd) zc += zd.At(jw);
            if (leaks) zc = SymmetricImpedance.Parallel(zc, e.RE);
            if (bridged) zc = SymmetricImpedance.Parallel(zc, e.RB);
            if (e.Shorted) zc = SymmetricImpedance.Parallel(zc, cell.ShortCircuitAsr);
            z[k] = zc;
        }
        return z;
    }

    public static SimulatedSpectrum Spectrum(FullCell cell, FullCellSimulator sim, double T, MeasureEisStep step, int index, int afterCycle, double timeS)
    {
        var f = SymmetricImpedance.Frequencies(step);
        var anode = sim.State.anode;
        var e = Build(cell, sim, T);
        var (rSep, cGeo, rComp, rCi, cCi, rct, rs, tau, cdl, rE, rB, shorted, _, _, _) = e;
        bool leaks = !double.IsPositiveInfinity(rE), bridged = !double.IsPositiveInfinity(rB);
        var z = AreaSpecific(cell, anode, T, f, e).Select(x => x / cell.Area).ToArray();
        var (r1a, r2a) = SymmetricImpedance.SideResistances(cell.Anode, anode.Phi, anode.Metal, anode.L0, anode.L1, T, anode.Zone);
        // the grouping: the anode zone's matrix is the electrolyte's, as in the DC (its spectrum puts it in the anode's arc)
        double rBulk = rSep + SymmetricImpedance.ZoneMatrixAsr(cell.Anode, anode.Phi, anode.Metal, anode.Zone, T);
        FullCellFit? fit = null;
        if (!shorted && !bridged)
        {
            // the generated relaxations, each with its resistance and peak frequency, that the fitted circuit is built from (decision 0062)
            double A = cell.Area;
            var sa = SymmetricImpedance.SideArcs(cell.ElectrolytePermittivity, cell.Anode, anode.Phi, anode.Metal, anode.L0, anode.L1, T, anode.Zone);
            static double Hz(double tau) => 1 / (2 * Math.PI * tau);
            GeneratedArc[] arcs =
            [
                new("bulk", rBulk / A, Hz(rSep * cGeo)),
                new("anode_constriction", sa.rc / A, Hz(sa.tauC)),
                new("anode_interphase", sa.layers / A, Hz(sa.tauLayers)),
                new("anode_charge_transfer", sa.ct / A, Hz(sa.tauCt)),
                new("cathode_interface", rCi / A, Hz(rCi * cCi)),
                new("cathode_charge_transfer", rct / A, Hz(rct * cdl)),
            ];
            // the particles' diffusion: R_s and τ_s as generated (the fit uses W1 or Wsph for it, FullCellSpectrumFit)
            var sphere = rs > 0 ? new GeneratedSphere(rs / A, tau) : null;
            fit = FullCellSpectrumFit.Fit(f, z, ("cathode_ionic", rComp / A), arcs, sphere);
        }
        return new SimulatedSpectrum(index, afterCycle, timeS, f, z, rBulk / cell.Area, (r1a + rCi) / cell.Area, (r2a + rct) / cell.Area,
            fit?.Fitted ?? new Dictionary<string, double>())
        { RElectronic = leaks ? rE / cell.Area : null, RBridge = bridged ? rB / cell.Area : null, RShort = shorted ? cell.ShortCircuitAsr / cell.Area : null, FitCircuit = fit?.Circuit, FitEstimates = fit?.Estimates };
    }
}
