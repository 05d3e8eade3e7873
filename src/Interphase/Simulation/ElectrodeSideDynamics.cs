using Interphase.Models;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>Mutable interface state of one metal electrode.</summary>
internal struct SideState
{
    public double Phi, L0, L1, Filament, Metal, QPlated;
    /// <summary>Thickness of the liquid amalgam film at the electrolyte side (m).</summary>
    public double X;
    /// <summary>ℓ^(n+1) of the metal crept into the electrolyte's open pores (PoreIntrusion).</summary>
    public double Intrusion;
    public bool Depleted;
}

/// <summary>Everything about one electrode that is fixed during a protocol step (temperature-dependent values).</summary>
internal sealed class SideConditions
{
    public double T, Resupply, Creep, IntrusionRate;
    public ButlerVolmer[] Bv = [];
    public double[][] Tol = [];
    /// <summary>The penetration criterion of each path's segments for this run (a brittle layer's drawn flaw); the cell's own when null.</summary>
    public PenetrationCriterion[][]? Criteria;

    /// <summary>Draws this electrode's random properties (the largest flaw of each brittle layer) for one run; no generator keeps the medians.</summary>
    public void Realise(ElectrodeSide s, Random? rng)
    {
        Criteria = rng is null ? null : s.Paths.Select(p => p.Segments.Select(seg => seg.criterion.Realise(rng)).ToArray()).ToArray();
        this.T = double.NaN;
    }

    public PenetrationCriterion Criterion(ElectrodeSide s, int path, int segment) => Criteria?[path][segment] ?? s.Paths[path].Segments[segment].criterion;

    public void Set(ElectrodeSide s, double T, double pressure)
    {
        this.T = T;
        Resupply = s.Contact.ResupplyCurrent(T, pressure);
        Creep = s.Contact.CreepRecoveryRate(T, pressure);
        IntrusionRate = s.Intrusion?.Rate(T, pressure) ?? 0;
        Bv = s.Paths.Select(p => p.Kinetics.At(T)).ToArray();
        Tol = s.Paths.Select((p, i) => p.Segments.Select((seg, j) => Criterion(s, i, j).TolerableCurrent(Bv[i], T)).ToArray()).ToArray();
    }
}

/// <summary>
/// The mechanics of one metal electrode (docs/models.md §3–§10), shared by the symmetric and the
/// full-cell simulators: its overpotential network, contact, interphase, filament, foil and amalgam.
/// j is the electrode's anodic current density (positive while it strips).
/// </summary>
internal static class ElectrodeSideDynamics
{
    public static double Psi(double metal, double asperity) => 1 - Math.Exp(-Math.Max(metal, 0) / asperity);

    public static double ContactArea(ElectrodeSide s, in SideState st) =>
        Math.Max(st.Phi * Psi(st.Metal, s.Contact.AsperityHeight), ContactModel.MinimumContact);

    public static SideState Initial(ElectrodeSide s) => new()
    {
        Phi = s.InitialContact,
        L0 = s.Paths[0].Growth?.InitialThicknessM ?? 0,
        L1 = s.Paths.Count > 1 ? s.Paths[1].Growth?.InitialThicknessM ?? 0 : 0,
        Metal = s.MetalThickness,
        X = 0,
    };

    /// <summary>Overpotential of the electrode (V) at anodic current density j.</summary>
    public static double Drop(ElectrodeSide s, in SideState st, ButlerVolmer[] bv, double j, bool nucleation = true)
    {
        double a = ContactArea(s, st);
        double drop;
        var paths = s.Paths;
        if (paths.Count == 1)
        {
            var p = paths[0];
            double rInt = p.Growth is null ? 0 : st.L0 / p.Growth.Conductivity;
            drop = bv[0].Overpotential(j / a) + j * (p.OhmicAsr + rInt / a);
        }
        else drop = ParallelDrop(paths, bv, st, a, j);
        if (j < 0 && nucleation)
        {
            var k = paths[0].Kinetics;
            drop -= NucleationOverpotential.At(k.NucleationOverpotentialV, st.QPlated, k.NucleationChargeCPerM2);
        }
        return drop;
    }

    /// <summary>Common drop η over parallel paths with Σ f_p·j_p(η) = j (Newton; each j_p(η) by inner Newton).</summary>
    static double ParallelDrop(IReadOnlyList<CurrentPath> paths, ButlerVolmer[] bv, in SideState st, double a, double j)
    {
        if (j == 0) return 0;
        double gsum = 0;
        for (int p = 0; p < paths.Count; p++)
            gsum += paths[p].AreaFraction / (bv[p].LinearResistance / a + PathSeries(paths[p], st, p, a));
        double eta = j / gsum;
        for (int it = 0; it < 30; it++)
        {
            double f = -j, df = 0;
            for (int p = 0; p < paths.Count; p++)
            {
                var (jp, dj) = PathCurrent(bv[p], PathSeries(paths[p], st, p, a), a, eta);
                f += paths[p].AreaFraction * jp;
                df += paths[p].AreaFraction * dj;
            }
            double step = f / df;
            eta -= step;
            if (Math.Abs(step) < 1e-10 + 1e-9 * Math.Abs(eta)) break;
        }
        return eta;
    }

    static double PathSeries(CurrentPath p, in SideState st, int index, double a)
    {
        double l = index == 0 ? st.L0 : st.L1;
        return p.OhmicAsr + (p.Growth is null ? 0 : l / p.Growth.Conductivity / a);
    }

    /// <summary>Current density through a path at drop η: solves η = η_BV(x/a) + x·R.</summary>
    static (double j, double dj) PathCurrent(ButlerVolmer bv, double r, double a, double eta)
    {
        double x = eta / (bv.LinearResistance / a + r);
        for (int it = 0; it < 40; it++)
        {
            double etaCt = bv.Overpotential(x / a);
            double g = etaCt + x * r - eta;
            double dg = 1 / (a * bv.Conductance(etaCt)) + r;
            double step = g / dg;
            x -= step;
            if (Math.Abs(step) < 1e-12 + 1e-10 * Math.Abs(x)) break;
        }
        double dEta = bv.Overpotential(x / a);
        return (x, 1 / (1 / (a * bv.Conductance(dEta)) + r));
    }

    /// <summary>(loss A, recovery B, infiltration rate r, wetted contact φ_w) for dφ/dt = −Aφ + B(1 − φ) + r(φ_w − φ).</summary>
    public static (double loss, double rec, double flow, double wet) ContactRates(ElectrodeSide s, in SideState st, double j, SideConditions k)
    {
        var cm = s.Contact;
        // voids open wherever stripping outpaces resupply, on an amalgam as on a bare metal;
        // only the liquid part of an amalgam flows back into them (AmalgamInterlayer.Infiltration)
        double loss = j > 0 ? cm.LossRate(j, k.Resupply) : 0;
        double rec = k.Creep + s.ConformalRate + (j < 0 ? cm.PlatingRefillRate(-j) : 0);
        var (flow, wet) = s.Amalgam is { } am ? am.Infiltration(st.X, s.AmalgamThickness, cm.AsperityHeight) : (0.0, 0.0);
        return (loss, rec, flow, wet);
    }

    /// <summary>Speed (m/s) of the fastest filament growing from the electrode while it plates at density plate.</summary>
    public static double FilamentVelocity(ElectrodeSide s, in SideState st, double plate, SideConditions k)
    {
        if (plate <= 0) return 0;
        double a = ContactArea(s, st);
        double best = 0;
        for (int p = 0; p < s.Paths.Count; p++)
        {
            var path = s.Paths[p];
            double pos = st.Filament, acc = 0;
            int seg = 0;
            while (seg < path.Segments.Count - 1 && pos >= acc + path.Segments[seg].thickness) { acc += path.Segments[seg].thickness; seg++; }
            double local = FilamentGrowth.LocalCurrent(plate, a, path.Kinetics.NucleationSiteFraction);
            double v = k.Criterion(s, p, seg).GrowthVelocity(local, plate, k.Tol[p][seg], k.Bv[p], s.MetalProps.ThicknessPerCharge, Math.Max(0, pos - acc));
            if (v > best) best = v;
        }
        return best;
    }

    /// <summary>Largest time step that keeps this electrode's state changes resolved.</summary>
    public static double SuggestDt(ElectrodeSide s, in SideState st, double j, SideConditions k, double separator, double maxContactChange)
    {
        double dt = double.PositiveInfinity;
        var (loss, rec, flow, wet) = ContactRates(s, st, j, k);
        double dphi = Math.Abs(-loss * st.Phi + rec * (1 - st.Phi) + flow * (wet - st.Phi));
        if (dphi > 1e-12) dt = Math.Min(dt, maxContactChange / dphi);
        if (j < 0)
        {
            // nucleation spike at the start of plating
            var kin = s.Paths[0].Kinetics;
            if (kin.NucleationOverpotentialV > 0 && st.QPlated < 6 * kin.NucleationChargeCPerM2)
                dt = Math.Min(dt, 0.5 * kin.NucleationChargeCPerM2 / -j);
            double v = st.Filament < separator ? FilamentVelocity(s, st, -j, k) : 0;
            if (v > 0) dt = Math.Min(dt, 0.02 * separator / v);
        }
        // amalgam liquid film: resolve its appearance and disappearance, and its growth through the
        // asperity-deep zone whose liquid fraction decides whether it flows into voids
        if (s.Amalgam is { } am && j != 0)
        {
            double s1 = am.AdvanceLiquid(st.X, j, s.AmalgamThickness, 1.0);
            double rate = Math.Abs(s1 - st.X);
            double zone = Math.Min(s.AmalgamThickness, s.Contact.AsperityHeight);
            if (rate > 1e-15) dt = Math.Min(dt, 0.02 * (st.X < zone ? zone : s.AmalgamThickness) / rate);
        }
        return dt;
    }

    /// <summary>
    /// Advance the electrode by dt at anodic current density j. Returns true when a filament (or a
    /// mixed-conducting interphase) spans the separator; dtShort then holds when.
    /// </summary>
    public static bool Advance(ElectrodeSide s, ref SideState st, double j, SideConditions k, double dt, double separator, bool cellShorted, ref double dtShort)
    {
        // contact: dφ/dt = −Aφ + B(1 − φ) + r(φ_w − φ), exact for constant coefficients
        var (loss, rec, flow, wet) = ContactRates(s, st, j, k);
        double kk = loss + rec + flow;
        if (kk > 0)
        {
            double eq = (rec + flow * wet) / kk;
            st.Phi = Math.Clamp(eq + (st.Phi - eq) * Math.Exp(-kk * dt), ContactModel.MinimumContact, 1);
        }
        // interphase on each path: its driving force is lowered on a surface of low Li activity (an amalgam,
        // an alloy such as Li–In at 0.622 V), Tafel factor exp(−α z F E/RT) with α = 0.5
        double drive = 1;
        if (s.Amalgam is { } am) drive = Math.Exp(-0.5 * am.ChargeNumber * Si.Faraday * am.SurfacePotential(am.SurfaceComposition(st.X), k.T) / (Si.GasConstant * k.T));
        else if (s.SurfacePotential > 0) drive = Math.Exp(-0.5 * s.MetalProps.ChargeNumber * Si.Faraday * s.SurfacePotential / (Si.GasConstant * k.T));
        if (s.Paths[0].Growth is { } g0) st.L0 = g0.Advance(st.L0, dt, k.T, drive);
        if (s.Paths.Count > 1 && s.Paths[1].Growth is { } g1) st.L1 = g1.Advance(st.L1, dt, k.T, drive);
        // filament (plating only)
        bool shorted = false;
        if (j < 0 && !cellShorted)
        {
            double v = FilamentVelocity(s, st, -j, k);
            if (v > 0)
            {
                double remaining = separator - st.Filament;
                if (v * dt >= remaining)
                {
                    dtShort = Math.Min(dtShort, remaining / v);
                    st.Filament = separator;
                    shorted = true;
                }
                else st.Filament += v * dt;
            }
        }
        // metal creeping into the open pores of a pressed electrolyte under the stack pressure (Doux 2020)
        if (s.Intrusion is { } pi && k.IntrusionRate > 0 && !cellShorted)
        {
            double full = pi.State(pi.PathLength);
            if (st.Intrusion < full)
            {
                double next = st.Intrusion + k.IntrusionRate * dt;
                if (next >= full)
                {
                    dtShort = Math.Min(dtShort, (full - st.Intrusion) / k.IntrusionRate);
                    shorted = true;
                }
                st.Intrusion = Math.Min(next, full);
            }
        }
        // a mixed-conducting interphase that spans the electrolyte shorts it electronically
        if (!cellShorted && s.Paths[0].Growth is { MixedConducting: true } && st.L0 >= separator) shorted = true;
        // metal and nucleation charge
        st.Metal -= j * s.MetalProps.ThicknessPerCharge * dt;
        if (j < 0) st.QPlated += -j * dt; else if (j > 0) st.QPlated = 0;
        if (s.Amalgam is { } a2) st.X = a2.AdvanceLiquid(st.X, j, s.AmalgamThickness, dt);
        return shorted;
    }

    /// <summary>True once the metal has crept through the electrolyte's open pores (PoreIntrusion).</summary>
    public static bool Intruded(ElectrodeSide s, in SideState st) => s.Intrusion is { } pi && st.Intrusion >= pi.State(pi.PathLength);

    public static InterfaceSnapshot Snap(ElectrodeSide s, in SideState st)
    {
        double l = s.Paths.Count == 1 ? st.L0 : s.Paths[0].AreaFraction * st.L0 + s.Paths[1].AreaFraction * st.L1;
        return new InterfaceSnapshot(st.Phi, l, st.Filament, st.Metal,
            s.Amalgam is null ? double.NaN : s.Amalgam.SurfaceComposition(st.X),
            s.Amalgam is null ? double.NaN : st.X / s.AmalgamThickness);
    }

    /// <summary>Records the first time the foil thins below the asperity height.</summary>
    public static void CheckDepletion(ref SideState s, ElectrodeSide side, List<SimulationEvent> events, double t, int cycle)
    {
        if (!s.Depleted && s.Metal < side.Contact.AsperityHeight)
        {
            s.Depleted = true;
            events.Add(new SimulationEvent(t, cycle, "metal_depleted", $"{side.Label}: the metal foil is used up (< {side.Contact.AsperityHeight * 1e6:G3} µm left)"));
        }
    }
}
