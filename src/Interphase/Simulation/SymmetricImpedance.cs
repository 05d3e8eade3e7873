using System.Numerics;
using Interphase.Models;
using Interphase.Protocols;

namespace Interphase.Simulation;

/// <summary>
/// Small-signal impedance of a symmetric cell in its present state (linearised at open circuit):
/// <code>
/// Z = [(R_el ∥ C_geo) + Σ_sides Z_side + Z_diff] ∥ R_e      R_e: electronic leakage (ElectronicLeakage), absent when ∞
/// Z_side = (R_c ∥ C_c) + 1 / Σ_paths f_p / [Z_layer,p + (R_int/a ∥ C_int·a) + (R_ct/a ∥ C_dl·a)]
/// Z_layer = R_layer ∥ (ε0 ε_r / L)          geometric capacitance of each ionic layer
/// Z_diff = R_d · tanh(√(jωτ_d))/√(jωτ_d),  R_d = 2RTχ(1 − t+)² L/(z²F² D c0), τ_d = L²/(4D)   (SaltDiffusionImpedance)
/// </code>
/// (R_ct = RT/(F i0), a = contact fraction, R_c the constriction resistance of the contact spots,
/// <see cref="ConstrictionResistance"/>; Z_diff is the finite-length diffusion impedance of the
/// binary salt, present only when t+ &lt; 1; Bruce &amp; Vincent 1987; Barsoukov &amp; Macdonald,
/// Impedance Spectroscopy, 3rd ed., §2.2). Returns also the DC resistances grouped as in
/// domain.md's circuit: bulk, interphase/protective layer (R1) and charge transfer (R2).
/// </summary>
public static class SymmetricImpedance
{
    internal const double Epsilon0 = 8.8541878128e-12;

    internal static SimulatedSpectrum Spectrum(SymmetricCell cell, SideSnapshotForImpedance st, double T, MeasureEisStep step,
        int index, int afterCycle, double timeS, bool shorted, double bridgeAsr = double.PositiveInfinity)
    {
        var f = Frequencies(step);
        var zAsr = AreaSpecific(cell, st, T, f, shorted, bridgeAsr);
        var area = cell.Area;
        var z = zAsr.Select(x => x / area).ToArray();
        var (r1L, r2L) = SideResistances(cell.Left, st.PhiL, st.MetalL, st.L0L, st.L1L, T, st.ZoneL);
        var (r1R, r2R) = SideResistances(cell.Right, st.PhiR, st.MetalR, st.L0R, st.L1R, T, st.ZoneR);
        double rE = LeakageAsr(cell, st);
        bool leaks = !double.IsPositiveInfinity(rE);
        bool bridged = !shorted && double.IsFinite(bridgeAsr);
        // the grouping: the zones' matrix is the electrolyte's, as in the DC (its spectrum puts it in the electrodes' arcs)
        double rBulk = BulkBeyondFronts(cell, st, T) + ZoneMatrixAsr(cell.Left, st.PhiL, st.MetalL, st.ZoneL, T) + ZoneMatrixAsr(cell.Right, st.PhiR, st.MetalR, st.ZoneR, T);
        // a bridged spectrum's fit names what it determines, bridge ∥ bulk and bridge ∥ cell (BridgedSpectrumFit)
        var (bridgedCircuit, bridgedFit) = shorted || bridged ? BridgedSpectrumFit.Fit(f, z) : (null, null);
        return new SimulatedSpectrum(index, afterCycle, timeS, f, z, rBulk / area, (r1L + r1R) / area, (r2L + r2R) / area,
            bridgedFit ?? SpectrumFit.Fit(f, z, diffusion: cell.Concentration is not null))
        {
            RElectronic = leaks ? rE / area : null,
            RBridge = bridged ? bridgeAsr / area : null,
            // the hard short's generated resistance, in parallel as a bridge's (decision 0073)
            RShort = shorted ? cell.ShortCircuitAsr / area : null,
            FitCircuit = bridgedCircuit,
        };
    }

    /// <summary>
    /// The electrolyte's bulk ASR beyond the amalgam zones' fronts, lowered by filaments that have not yet spanned the
    /// separator (FilamentConduction) where they stand.
    /// </summary>
    static double BulkBeyondFronts(SymmetricCell cell, SideSnapshotForImpedance st, double T)
    {
        double dL = ElectrodeSideDynamics.ZonePathDepth(cell.Left, st.ZoneL), dR = ElectrodeSideDynamics.ZonePathDepth(cell.Right, st.ZoneR);
        return FilamentConduction.ElectrolyteAsr(ElectrodeSideDynamics.BulkBeyondZones(cell.ElectrolyteAsr(T), cell.ElectrolyteThickness, dL, dR),
            cell.SeparatorThickness, st.FilamentAreaL, st.FilamentL, st.FilamentAreaR, st.FilamentR);
    }

    /// <summary>
    /// Electronic leakage ASR in parallel with the ionic cell (ElectronicLeakage), ∞ for an insulating stack. The electrons cross
    /// the interphase where it stands, on the film-free contact φψθ_s (<see cref="IonArea"/>), the area the DC's leak uses
    /// (docs/models.md §7.3, decision 0071).
    /// </summary>
    static double LeakageAsr(SymmetricCell cell, SideSnapshotForImpedance st) =>
        cell.LeakageAsr(IonArea(cell.Left, st.PhiL, st.MetalL), st.L0L, st.L1L, IonArea(cell.Right, st.PhiR, st.MetalR), st.L0R, st.L1R);

    /// <summary>
    /// The cell's impedance per area (Ω m²) at the frequencies f; saltDiffusion false leaves out the salt's diffusion
    /// element Z_diff (the part of the low-frequency limit a frozen state's DC slope has not, decision 0071).
    /// </summary>
    internal static Complex[] AreaSpecific(SymmetricCell cell, SideSnapshotForImpedance st, double T, double[] f, bool shorted, double bridgeAsr, bool saltDiffusion = true)
    {
        int n = f.Length;
        var z = new Complex[n];
        // filaments that have not yet spanned the separator shorten the ionic path where they stand
        // the amalgam zones' metal reaches Z into the pellet: the bulk and its geometric capacitance end at their fronts,
        // the zones are the electrodes' transmission lines (AmalgamZone.InputImpedance)
        double dL = ElectrodeSideDynamics.ZonePathDepth(cell.Left, st.ZoneL), dR = ElectrodeSideDynamics.ZonePathDepth(cell.Right, st.ZoneR);
        double rEl = BulkBeyondFronts(cell, st, T);
        double cGeo = Epsilon0 * cell.ElectrolytePermittivity / (cell.ElectrolyteThickness - dL - dR);
        // electronic leakage in parallel with the ionic cell (ElectronicLeakage); ∞ for an insulating stack
        double rE = LeakageAsr(cell, st);
        bool leaks = !double.IsPositiveInfinity(rE);
        bool bridged = !shorted && double.IsFinite(bridgeAsr);
        // the salt's finite-length diffusion (SaltDiffusionImpedance), linearised about the uniform profile c0
        SaltDiffusionImpedance? salt = cell.Concentration is { } cp && saltDiffusion
            ? SaltDiffusionImpedance.Of(cp, cell.SaltDiffusivity!(T), T, cp.InitialConcentration) : null;
        for (int k = 0; k < n; k++)
        {
            double w = 2 * Math.PI * f[k];
            var jw = new Complex(0, w);
            Complex zc = Parallel(rEl, 1 / (jw * cGeo));
            zc += SideImpedance(cell.ElectrolytePermittivity, cell.Left, st.PhiL, st.MetalL, st.L0L, st.L1L, T, jw, st.ZoneL);
            zc += SideImpedance(cell.ElectrolytePermittivity, cell.Right, st.PhiR, st.MetalR, st.L0R, st.L1R, T, jw, st.ZoneR);
            if (salt is { } zd) zc += zd.At(jw);
            if (leaks) zc = Parallel(zc, rE);
            // a soft short's filament bridge (MetalBridge) is a resistor in parallel, as the leak is
            if (bridged) zc = Parallel(zc, bridgeAsr);
            if (shorted) zc = Parallel(zc, cell.ShortCircuitAsr);
            z[k] = zc;
        }
        return z;
    }

    internal static Complex Parallel(Complex a, Complex b) => a * b / (a + b);

    /// <summary>The charge-transfer area factor of an amalgam's infiltrated zone of depth zone at contact a (1 without one).</summary>
    static double ZoneFactor(ElectrodeSide s, double zone, double a, double T) =>
        s.Zone is { Porosity: > 0 } && s.Paths[0].NeighbourConductivity is { } sigma
            ? ElectrodeSideDynamics.ZoneFactor(s, zone, a, s.Paths[0].Kinetics.At(T), 1 / sigma.At(T)) : 1;

    /// <summary>
    /// DC ionic resistance (Ω m²) of an amalgam zone's matrix at contact phi (AmalgamZone.IonicResistance): grouped with
    /// the electrolyte's bulk, as the simulators' DC path counts it; 0 without a zone that shortens the path.
    /// </summary>
    internal static double ZoneMatrixAsr(ElectrodeSide s, double phi, double metal, double zone, double T)
    {
        double rho = ZonePathResistivity(s, zone, T);
        if (rho <= 0) return 0;
        double a = IonArea(s, phi, metal);
        return s.Zone!.IonicResistance(zone, a, s.Paths[0].Kinetics.At(T).LinearResistance, rho);
    }

    /// <summary>Resistivity (Ω m) of the electrolyte an amalgam zone that shortens the path sits in; 0 without one.</summary>
    static double ZonePathResistivity(ElectrodeSide s, double zone, double T) =>
        s.Zone is { } z && z.PathDepth(zone) > 0 && s.Paths[0].NeighbourConductivity is { } sigma ? 1 / sigma.At(T) : 0;

    /// <summary>Logarithmically spaced frequencies of a Measure EIS step, from high to low.</summary>
    internal static double[] Frequencies(MeasureEisStep step)
    {
        int decades = (int)Math.Ceiling(Math.Log10(step.FMaxHz / step.FMinHz) - 1e-9);
        int n = Math.Max(2, decades * step.PointsPerDecade + 1);
        var f = new double[n];
        for (int k = 0; k < n; k++) f[k] = step.FMaxHz * Math.Pow(step.FMinHz / step.FMaxHz, k / (double)(n - 1));
        return f;
    }

    /// <summary>
    /// Area fraction the ions cross at contact phi with metal thickness metal left: the one the DC drop uses
    /// (ElectrodeSideDynamics.ContactArea, φψθ_s, docs/models.md §6.2), so that the spectrum's low-frequency limit is
    /// the DC resistance (decision 0071).
    /// </summary>
    static double IonArea(ElectrodeSide s, double phi, double metal) => ElectrodeSideDynamics.ContactArea(s, new SideState { Phi = phi, Metal = metal });

    /// <summary>DC grouping per side: (layer + interphase, charge transfer) in Ω m², splitting parallel paths in proportion.</summary>
    internal static (double r1, double r2) SideResistances(ElectrodeSide s, double phi, double metal, double l0, double l1, double T, double zone = 0)
    {
        // ions cross the film-free fraction of the contact only (SurfaceFilm, docs/models.md §6.2)
        double a = IonArea(s, phi, metal);
        double m = ZoneFactor(s, zone, a, T);
        double g = 0, g1w = 0, g2w = 0;
        for (int p = 0; p < s.Paths.Count; p++)
        {
            var path = s.Paths[p];
            double l = p == 0 ? l0 : l1;
            double r1 = path.OhmicAsr + (path.Growth is null ? 0 : l / path.Growth.Conductivity / a);
            double r2 = ElectrodeSideDynamics.SmallSignalChargeTransferAsr(path, path.Kinetics.At(T), a * (p == 0 ? m : 1));
            double gp = path.AreaFraction / (r1 + r2);
            g += gp;
            g1w += gp * r1; g2w += gp * r2;
        }
        double rTot = 1 / g;
        // split the side's total resistance in the current-weighted proportion of its two parts;
        // the constriction of the contact spots (docs/models.md §6.1) counts with the layers (R1)
        double rc = s.Contact.Constriction.AreaSpecific(a, s.SpreadingResistivity(T));
        return (rTot * g1w / (g1w + g2w) + rc, rTot * g2w / (g1w + g2w));
    }

    /// <summary>
    /// The relaxations of one side (Ω m², s), as <see cref="SideImpedance"/> builds them: the constriction of the contact spots
    /// (R_c·C_c), the layers and interphase (R1 of <see cref="SideResistances"/> without R_c; τ of the first path's largest
    /// layer: ε0ε_r/σ of a grown layer, R·ε0ε_r/L of an interlayer) and the charge transfer (R_ct·C_dl of the first path).
    /// Time constants of the first path only: with parallel paths they order the arcs, they are not exact.
    /// </summary>
    internal static (double rc, double tauC, double layers, double tauLayers, double ct, double tauCt) SideArcs(double permittivity, ElectrodeSide s, double phi, double metal, double l0, double l1, double T, double zone = 0)
    {
        var (r1, r2) = SideResistances(s, phi, metal, l0, l1, T, zone);
        double a = IonArea(s, phi, metal);
        double rc = s.Contact.Constriction.AreaSpecific(a, s.SpreadingResistivity(T));
        double tauC = rc * s.Contact.Constriction.ArealCapacitance(permittivity);
        var path = s.Paths[0];
        double thick = s.Interlayers.Count > 0 ? s.Interlayers.Sum(x => x.geometry.Thickness) : 1e-6;
        double rOhmic = path.OhmicAsr, rGrown = path.Growth is { } g && l0 > 0 ? l0 / g.Conductivity / a : 0;
        double tauLayers = rGrown >= rOhmic && path.Growth is { } gr ? Epsilon0 * gr.RelativePermittivity / gr.Conductivity
            : rOhmic * Epsilon0 * permittivity / thick;
        double act = a * ZoneFactor(s, zone, a, T);
        double tauCt = ElectrodeSideDynamics.SmallSignalChargeTransferAsr(path, path.Kinetics.At(T), act) * path.Cdl * act;
        return (rc, tauC, r1 - rc, tauLayers, r2, tauCt);
    }

    internal static Complex SideImpedance(double permittivity, ElectrodeSide s, double phi, double metal, double l0, double l1, double T, Complex jw, double zone = 0)
    {
        // ions cross the film-free fraction of the contact only (SurfaceFilm, docs/models.md §6.2)
        double a = IonArea(s, phi, metal);
        double m = ZoneFactor(s, zone, a, T);
        double rhoZone = ZonePathResistivity(s, zone, T);
        Complex y = 0;
        for (int p = 0; p < s.Paths.Count; p++)
        {
            var path = s.Paths[p];
            double l = p == 0 ? l0 : l1;
            Complex zp = 0;
            if (path.OhmicAsr > 0)
            {
                // interlayer bulk with its geometric capacitance (ε_r of the layer ≈ that of the electrolyte)
                double thick = s.Interlayers.Count > 0 ? s.Interlayers.Sum(x => x.geometry.Thickness) : 1e-6;
                zp += Parallel(path.OhmicAsr, 1 / (jw * Epsilon0 * permittivity / thick));
            }
            if (path.Growth is { } g && l > 0)
                zp += Parallel(l / g.Conductivity / a, 1 / (jw * Epsilon0 * g.RelativePermittivity / l * a));
            var bv = path.Kinetics.At(T);
            if (p == 0 && rhoZone > 0)
            {
                // an amalgam's infiltrated zone: the transmission line of its matrix, walls and face (AmalgamZone, de Levie)
                double rWet = ElectrodeSideDynamics.SmallSignalChargeTransferAsr(path, bv, a) * a;
                zp += s.Zone!.InputImpedance(zone, a, Parallel(rWet, 1 / (jw * path.Cdl)), rhoZone);
            }
            else
            {
                // (amalgam_zone_path off) the zone's channel walls within λ of its front only add area (AmalgamZone.AreaFactor)
                double act = a * (p == 0 ? m : 1);
                zp += Parallel(ElectrodeSideDynamics.SmallSignalChargeTransferAsr(path, bv, act), 1 / (jw * path.Cdl * act));
            }
            y += path.AreaFraction / zp;
        }
        // constriction into the contact spots, with the capacitance of the constricted zone (Fleig & Maier 1997)
        double rc = s.Contact.Constriction.AreaSpecific(a, s.SpreadingResistivity(T));
        var zc = rc > 0 ? Parallel(rc, 1 / (jw * s.Contact.Constriction.ArealCapacitance(permittivity))) : Complex.Zero;
        return zc + 1 / y;
    }
}
