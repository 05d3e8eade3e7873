using Interphase.Models;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>Mutable interface state of one metal electrode.</summary>
internal struct SideState
{
    public double Phi, L0, L1, Filament, Metal, QPlated;
    /// <summary>Charge of the metal the interphases have taken (C/m² of geometric area, both paths).</summary>
    public double QInterphase;
    /// <summary>Thickness of the liquid amalgam film at the electrolyte side (m).</summary>
    public double X;
    /// <summary>Depth of the electrolyte the amalgam has infiltrated (m, AmalgamZone) and the amalgam (m per area) the layer gave to it.</summary>
    public double Zone, ZoneTaken;
    /// <summary>ℓ^(n+1) of the metal crept into the electrolyte's open pores (PoreIntrusion).</summary>
    public double Intrusion;
    public bool Depleted;
    /// <summary>Fibre length grown in plating that the next stripping dissolves (m), <see cref="FilamentRedissolution"/>.</summary>
    public double FibreOwed;
}

/// <summary>Everything about one electrode that is fixed during a protocol step (temperature-dependent values).</summary>
internal sealed class SideConditions
{
    /// <summary>Vacancy-diffusion supply i_D and creep supply at full contact i_c(p) (A/m²); resistivity the contact spots spread into (Ω m).</summary>
    public double T, Diffusion, Creep, SpreadingResistivity;
    /// <summary>Rate of d(ℓ^(n+1))/dt of the metal creeping into the electrolyte's open pores (PoreIntrusion).</summary>
    public double IntrusionRate;
    /// <summary>Resistivity (Ω m) of the electrolyte an amalgam zone sits in (AmalgamZone.AreaFactor); 0 without a zone.</summary>
    public double ZoneResistivity;
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
        Diffusion = s.Contact.Supply.DiffusionCurrent(T, s.MetalThickness);
        // an amalgam's contact spots are the amalgam, for which no creep data exist (docs/models.md §6)
        Creep = s.Amalgam is null ? s.Contact.Supply.CreepCurrent(pressure, T) : 0;
        SpreadingResistivity = s.SpreadingResistivity(T);
        IntrusionRate = s.Intrusion?.Rate(T, pressure) ?? 0;
        ZoneResistivity = s.Zone is { Porosity: > 0 } && s.Paths[0].NeighbourConductivity is { } zs ? 1 / zs.At(T) : 0;
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

    /// <summary>Area fraction ions cross: the contact φψ times the film-free fraction θ_s of a surface film (SurfaceFilm, docs/models.md §6.2).</summary>
    public static double ContactArea(ElectrodeSide s, in SideState st) =>
        Math.Max(st.Phi * Psi(st.Metal, s.Contact.AsperityHeight) * s.FilmFreeFraction, ContactModel.MinimumContact);

    public static SideState Initial(ElectrodeSide s) => new()
    {
        Phi = s.InitialContact,
        L0 = s.Paths[0].Growth?.InitialThicknessM ?? 0,
        L1 = s.Paths.Count > 1 ? s.Paths[1].Growth?.InitialThicknessM ?? 0 : 0,
        Metal = s.MetalThickness,
        X = 0,
        Zone = s.Zone?.InitialThickness ?? 0,
    };

    /// <summary>Thickness of the amalgam layer (m): as made, less what it gave to the infiltrated zone.</summary>
    public static double AmalgamLayer(ElectrodeSide s, in SideState st) => s.AmalgamThickness - st.ZoneTaken;

    /// <summary>
    /// Factor m by which an amalgam's infiltrated zone enlarges the charge-transfer area of contact a
    /// (AmalgamZone.AreaFactor, de Levie); 1 without a zone or with the resistivity unknown (rho = 0).
    /// </summary>
    public static double ZoneFactor(ElectrodeSide s, double zone, double a, ButlerVolmer bv, double rho) =>
        s.Zone is { } z && rho > 0 ? z.AreaFactor(zone, a, bv.LinearResistance, rho) : 1;

    /// <summary>
    /// Depth (m) by which the electrode's amalgam zone shortens the electrolyte's bulk path (AmalgamZone.PathDepth):
    /// the ions cross the bulk up to the zone's front, then the zone's matrix (<see cref="ZoneMatrixAsr"/>); 0 without one.
    /// </summary>
    public static double ZonePathDepth(ElectrodeSide s, double zone) => s.Zone?.PathDepth(zone) ?? 0;

    /// <summary>
    /// Ionic resistance (Ω m²) of the electrode's amalgam zone's matrix, from its front to the metal, in series with
    /// the charge transfer on the area m (AmalgamZone.IonicResistance, de Levie): part of the electrolyte's ohmic path
    /// (the simulators add it to the bulk beyond the fronts); 0 without a zone that shortens the path.
    /// </summary>
    public static double ZoneMatrixAsr(ElectrodeSide s, in SideState st, SideConditions k) =>
        s.Zone is { } z && k.ZoneResistivity > 0 ? z.IonicResistance(st.Zone, ContactArea(s, st), k.Bv[0].LinearResistance, k.ZoneResistivity) : 0;

    /// <summary>
    /// The bulk ASR rBulk of an electrolyte of thickness thickness with the electrodes' zones (depths dl, dr from
    /// <see cref="ZonePathDepth"/>) cut off: rBulk·(L − dl − dr)/L; rBulk itself without zones.
    /// </summary>
    public static double BulkBeyondZones(double rBulk, double thickness, double dl, double dr) =>
        dl + dr <= 0 ? rBulk : rBulk * Math.Max(thickness - dl - dr, 0) / thickness;

    /// <summary>Overpotential of the electrode (V) at anodic current density j.</summary>
    public static double Drop(ElectrodeSide s, in SideState st, SideConditions k, double j, bool nucleation = true)
    {
        var bv = k.Bv;
        double a = ContactArea(s, st);
        // constriction of the current into the remaining contact spots (§6.1), in series with the paths
        double drop = j * s.Contact.Constriction.AreaSpecific(a, k.SpreadingResistivity);
        var paths = s.Paths;
        if (paths.Count == 1)
        {
            var p = paths[0];
            double rInt = p.Growth is null ? 0 : st.L0 / p.Growth.Conductivity;
            double m = s.Zone is null ? 1 : ZoneFactor(s, st.Zone, a, bv[0], k.ZoneResistivity);
            drop += bv[0].Overpotential(j / (ChargeTransferArea(p, a, j) * m)) + j * (p.OhmicAsr + rInt / a);
        }
        else drop += ParallelDrop(paths, bv, st, a, j);
        if (j < 0 && nucleation)
        {
            var kin = paths[0].Kinetics;
            drop -= NucleationOverpotential.At(kin.NucleationOverpotentialV, st.QPlated, kin.NucleationChargeCPerM2);
        }
        return drop;
    }

    /// <summary>
    /// Area fraction that carries the charge transfer: plating nucleates on the fraction θ of the
    /// contact (the same current focusing, i/(φθ), as the filament growth), stripping uses all of it.
    /// </summary>
    static double ChargeTransferArea(CurrentPath p, double contact, double j) =>
        j < 0 ? Math.Max(contact * p.Kinetics.NucleationSiteFraction, ContactModel.MinimumContact) : contact;

    /// <summary>
    /// The charge-transfer ASR a small alternating current sees about open circuit (Ω m²): the mean of the
    /// plating slope R_ct/(φθ) and the stripping slope R_ct/φ. The drop is linear on each side of zero with
    /// these two slopes (<see cref="ChargeTransferArea"/>), and the first harmonic of such a kinked response to
    /// a sinusoid centred on zero has the mean slope (the describing function of a piecewise-linear element;
    /// Gelb &amp; Vander Velde 1968). With it a symmetric cell's impedance, whose two electrodes each see both
    /// half waves, has the low-frequency limit R_ct/(φθ) + R_ct/φ that its DC small-signal resistance has, one
    /// electrode plating and the other stripping (docs/models.md §13.1).
    /// </summary>
    internal static double SmallSignalChargeTransferAsr(CurrentPath p, ButlerVolmer bv, double contact) =>
        0.5 * (bv.LinearResistance / ChargeTransferArea(p, contact, -1) + bv.LinearResistance / ChargeTransferArea(p, contact, 1));

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
                var (jp, dj) = PathCurrent(bv[p], PathSeries(paths[p], st, p, a), ChargeTransferArea(paths[p], a, j), eta);
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

    /// <summary>The contact law's coefficients over a step (<see cref="ContactDrive"/>, docs/models.md §6).</summary>
    public static ContactDrive ContactRates(ElectrodeSide s, in SideState st, double j, SideConditions k)
    {
        var cm = s.Contact;
        // voids open wherever stripping outpaces the supply, on an amalgam as on a bare metal; plating
        // deposits on the contact spots and fills none; only the liquid part of an amalgam flows back
        // into them (AmalgamInterlayer.Infiltration)
        // (contact-loss off: stripping opens no voids)
        var (flow, wet) = s.Amalgam is { } am ? am.Infiltration(st.X, AmalgamLayer(s, st), cm.AsperityHeight) : (0.0, 0.0);
        return new ContactDrive(cm.ThicknessPerCharge / cm.AsperityHeight, k.Diffusion, k.Creep, cm.Supply.CreepExponent,
            s.VoidsOpen ? Math.Max(j, 0) : 0, s.ConformalRate, flow, wet, SupplyCloses: s.Amalgam is null);
    }

    /// <summary>
    /// Speed (m/s, averaged over the step) of the fastest filament growing from the electrode while it
    /// plates at density plate. faceStart and faceEnd are the salt concentrations at this electrode's face
    /// at the start and end of the step from the simulated profile (NaN where none is simulated).
    /// </summary>
    public static double FilamentVelocity(ElectrodeSide s, in SideState st, double plate, SideConditions k, double faceStart = double.NaN, double faceEnd = double.NaN)
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
            var criterion = k.Criterion(s, p, seg);
            double v = criterion is DiffusionLimitCriterion dl
                ? dl.DriftVelocity(plate) * DepletedFraction(s, dl, local, plate, k, faceStart, faceEnd)
                : criterion.GrowthVelocity(local, plate, k.Tol[p][seg], k.Bv[p], s.MetalProps.ThicknessPerCharge, Math.Max(0, pos - acc));
            if (v > best) best = v;
        }
        return best;
    }

    /// <summary>
    /// Fraction of the step during which a nucleation spot at local current local is depleted of salt
    /// (<see cref="SandOnset"/>); without a simulated profile, 1 while local exceeds the steady limiting
    /// current (∞ where the electrolyte suppresses roughening, Monroe–Newman). 0 when the salt stays uniform
    /// (concentration-polarisation off).
    /// </summary>
    static double DepletedFraction(ElectrodeSide s, DiffusionLimitCriterion dl, double local, double plate, SideConditions k, double faceStart, double faceEnd)
    {
        if (dl.Stability.SuppressesRoughening || !s.SaltDepletes) return 0;
        if (double.IsNaN(faceStart) || double.IsNaN(faceEnd)) return local > dl.LimitingCurrent(k.T) ? 1 : 0;
        return SandOnset.DepletedFraction(dl.SaltConcentration, faceStart, faceEnd, local / plate);
    }

    /// <summary>
    /// The filament's mean velocity over a time step of length dt (Heun's trapezoid, decision 0069): the mean of the
    /// velocity in the step's start state <paramref name="start"/> and in its end state <paramref name="end"/> (contact
    /// and metal after the step) with the filament advanced by the first velocity, capped at the separator. One
    /// velocity, evaluated in one state of the step, is first order in dt. When the velocity is zero at one end of the
    /// step and not at the other, the plating spot's current crossed the layer's threshold within the step: the
    /// crossing is located (<see cref="VelocityThreshold"/>, decision 0078) and the trapezoid taken over the part of
    /// the step in which the filament grows.
    /// </summary>
    static double FilamentStep(ElectrodeSide s, in SideState start, in SideState end, double j, SideConditions k, double dt, double separator,
        double faceStart, double faceEnd, double interphaseRoom)
    {
        double plate = -j;
        double v0 = FilamentVelocity(s, start, plate, k, faceStart, faceEnd);
        // the predictor reaches the next segment of the path: the velocity jumps there (decision 0086)
        if (v0 > 0 && start.Filament + v0 * dt >= SegmentCrossing.NextBoundary(s, start.Filament, separator))
            return CrossingMean(s, start.Filament, end, plate, k, dt, separator, faceStart, faceEnd, v0);
        double v1 = VelocityWithTip(s, end, end.Filament + v0 * dt, plate, k, separator, faceStart, faceEnd);
        if ((v0 > 0) == (v1 > 0)) return 0.5 * (v0 + v1);
        return LocatedMean(s, start, end, j, k, dt, separator, faceStart, faceEnd, interphaseRoom, v0);
    }

    /// <summary>
    /// <see cref="FilamentStep"/>'s mean velocity over dt when its predictor reaches the next segment of the path
    /// (<see cref="SegmentCrossing"/>): the velocity in the step's end state with the tip at h.
    /// </summary>
    static double CrossingMean(ElectrodeSide s, double h0, SideState end, double plate, SideConditions k, double dt, double separator,
        double faceStart, double faceEnd, double v0)
    {
        double At(double h) => VelocityWithTip(s, end, h, plate, k, separator, faceStart, faceEnd);
        return SegmentCrossing.MeanVelocity(h0, v0, dt, At, h => SegmentCrossing.NextBoundary(s, h, separator));
    }

    /// <summary>The filament's velocity in state <paramref name="st"/> with its tip moved to <paramref name="filament"/> (capped at the separator).</summary>
    static double VelocityWithTip(ElectrodeSide s, SideState st, double filament, double plate, SideConditions k, double separator, double faceStart, double faceEnd)
    {
        st.Filament = Math.Min(separator, filament);
        return FilamentVelocity(s, st, plate, k, faceStart, faceEnd);
    }

    /// <summary>
    /// <see cref="FilamentStep"/>'s mean velocity over dt when the threshold is crossed within the step (a method of its own
    /// so that its closures are made only then): the velocity in the state advanced by τ from the step's start
    /// (<see cref="AdvanceSurface"/>: the contact and interphases by the step's own code; the filament at its start length
    /// while it does not grow, advanced by the start velocity while it does).
    /// </summary>
    static double LocatedMean(ElectrodeSide s, SideState start, SideState end, double j, SideConditions k, double dt, double separator,
        double faceStart, double faceEnd, double interphaseRoom, double v0)
    {
        double plate = -j;
        double At(double tau, double filament)
        {
            var st = start;
            AdvanceSurface(s, ref st, j, k, tau, separator, interphaseRoom);
            return VelocityWithTip(s, st, filament, plate, k, separator, faceStart, faceEnd);
        }
        double EndVelocity(double filament) => VelocityWithTip(s, end, filament, plate, k, separator, faceStart, faceEnd);
        return VelocityThreshold.MeanVelocity(v0, start.Filament, dt, At, EndVelocity);
    }

    /// <summary>
    /// The electrode's contact and interphases advanced by dt at anodic current density j (the first part of
    /// <see cref="Advance"/>; the filament, the metal and the amalgam follow there).
    /// </summary>
    static void AdvanceSurface(ElectrodeSide s, ref SideState st, double j, SideConditions k, double dt, double separator, double interphaseRoom)
    {
        // contact: supply against stripping, soft and liquid refill (implicit step, ContactDrive.Step)
        st.Phi = ContactRates(s, st, j, k).Step(st.Phi, dt);
        // interphase on each path, driven by the electrolyte's reduction potential against the local electrode
        // potential: the surface's own potential (0 for the metal, 0.622 V for Li–In, the amalgam's E(x)) moved by
        // the charge-transfer overpotential of the local current (ReductionDrive); the metal it takes comes off the foil
        double eSurface = s.Amalgam is { } am ? am.SurfacePotential(am.SurfaceComposition(st.X), k.T) : s.SurfacePotential;
        double aContact = ContactArea(s, st);
        for (int p = 0; p < s.Paths.Count && p < 2 && s.InterphaseGrows; p++)
        {
            if (s.Paths[p].Growth is not { } g) continue;
            double e = eSurface + k.Bv[p].Overpotential(j / aContact);
            var drive = ReductionDrive.At(g.ReductionPotential, e, s.MetalProps.ChargeNumber, k.T);
            double l = p == 0 ? st.L0 : st.L1;
            // a front that converts the electrolyte stops where it meets the other side's (interphaseRoom)
            double next = g.Advance(l, dt, k.T, drive, p == 0 ? Math.Min(separator, interphaseRoom) : separator);
            double q = s.Paths[p].AreaFraction * g.MetalConsumed(l, next) * s.MetalProps.ChargeNumber * Si.Faraday;
            st.QInterphase += q;
            st.Metal -= q * s.MetalProps.ThicknessPerCharge;
            if (p == 0) st.L0 = next; else st.L1 = next;
        }
    }

    /// <summary>
    /// Advance the electrode by dt at anodic current density j. Returns true when a filament spans the
    /// separator; dtShort then holds when. (A mixed-conducting interphase is an electronic leakage path,
    /// ElectronicLeakage, not a short.)
    /// </summary>
    public static bool Advance(ElectrodeSide s, ref SideState st, double j, SideConditions k, double dt, double separator, bool cellShorted, ref double dtShort,
        double faceStart = double.NaN, double faceEnd = double.NaN, double interphaseRoom = double.PositiveInfinity)
    {
        var start = st;
        AdvanceSurface(s, ref st, j, k, dt, separator, interphaseRoom);
        // filament (plating only)
        bool shorted = false;
        if (j < 0 && !cellShorted)
        {
            double v = FilamentStep(s, start, st, j, k, dt, separator, faceStart, faceEnd, interphaseRoom);
            if (v > 0)
            {
                double remaining = separator - st.Filament;
                double grown = Math.Min(v * dt, remaining);
                if (v * dt >= remaining)
                {
                    dtShort = Math.Min(dtShort, remaining / v);
                    st.Filament = separator;
                    shorted = true;
                }
                else st.Filament += v * dt;
                if (SoftCriterion(s) is { } dl) st.FibreOwed += FilamentRedissolution.Owed(grown, dl.RetainedFibreFraction);
            }
        }
        else if (j > 0 && st.FibreOwed > 0 && !cellShorted && SoftCriterion(s) is { } dl)
        {
            // stripping dissolves the fresh fibres first, down to the retained fraction
            double back = FilamentRedissolution.Retreat(st.FibreOwed, dl.DriftVelocity(j), dt);
            st.Filament = Math.Max(0, st.Filament - back);
            st.FibreOwed -= back;
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
        // metal and nucleation charge
        st.Metal -= j * s.MetalProps.ThicknessPerCharge * dt;
        if (j < 0) st.QPlated += -j * dt; else if (j > 0) st.QPlated = 0;
        if (s.Amalgam is { } a2)
        {
            st.X = a2.AdvanceLiquid(st.X, j, AmalgamLayer(s, st), dt);
            // the flowing amalgam infiltrates the electrolyte's channels while the electrode strips (AmalgamZone);
            // Washburn's law is integrated exactly over the step, so it sets no step of its own
            if (s.Zone is { } zn)
            {
                var (depth, taken) = zn.Advance(a2, st.Zone, st.X, AmalgamLayer(s, st), s.Contact.AsperityHeight, j, dt);
                st.Zone = depth;
                st.X -= taken;
                st.ZoneTaken += taken;
            }
        }
        return shorted;
    }

    /// <summary>Area fraction of the cross-section the electrode's filament front covers: the plating spots φθ (0 with filament-conduction off: it then lowers no resistance).</summary>
    public static double FilamentArea(ElectrodeSide s, in SideState st) =>
        s.FilamentsConduct ? ContactArea(s, st) * s.Paths[0].Kinetics.NucleationSiteFraction : 0;

    /// <summary>The soft (salt-depletion) criterion of the layer the electrode's filament grows in, if any.</summary>
    static DiffusionLimitCriterion? SoftCriterion(ElectrodeSide s)
    {
        var segs = s.Paths[0].Segments;
        return segs[^1].criterion as DiffusionLimitCriterion;
    }

    /// <summary>
    /// Electronic resistance of one side (Ω m²): its interphases on the contact area a, in parallel over the
    /// paths, in series with its ionic interlayers (ElectronicLeakage). ∞ when no path conducts electrons.
    /// </summary>
    public static double ElectronicAsr(ElectrodeSide s, double a, double l0, double l1)
    {
        double g = 0;
        for (int p = 0; p < s.Paths.Count && p < 2; p++)
        {
            var growth = s.Paths[p].Growth;
            double r = growth is null ? 0 : growth.ElectronicResistance(p == 0 ? l0 : l1) / a;
            g += s.Paths[p].AreaFraction / r; // r = 0 (no interphase): the metal touches the next layer
        }
        return 1 / g + s.InterlayerElectronicAsr;
    }

    /// <summary>False when <see cref="ElectronicAsr"/> is ∞ whatever the state: every path's interphase insulates, or an interlayer does.</summary>
    public static bool MayConductElectrons(ElectrodeSide s)
    {
        if (double.IsPositiveInfinity(s.InterlayerElectronicAsr)) return false;
        for (int p = 0; p < s.Paths.Count && p < 2; p++)
            if (s.Paths[p].Growth is not { } g || g.ElectronicConductivity > 0) return true;
        return false;
    }

    /// <summary>Largest L0 this side's interphase can reach before its front meets the other side's (m), given how much electrolyte the other has converted.</summary>
    public static double InterphaseRoom(ElectrodeSide s, double electrolyteThickness, double otherConsumed) =>
        s.Interlayers.Count == 0 && s.Paths[0].Growth is { } g ? electrolyteThickness - otherConsumed + g.InitialThicknessM : double.PositiveInfinity;

    /// <summary>Thickness of the electrolyte this side's interphase has converted (m): its front grows into the electrolyte only where they touch.</summary>
    public static double ElectrolyteConsumed(ElectrodeSide s, double l0) =>
        s.Interlayers.Count == 0 && s.Paths[0].Growth is { } g ? Math.Max(0, l0 - g.InitialThicknessM) : 0;

    /// <summary>True once the metal has crept through the electrolyte's open pores (PoreIntrusion).</summary>
    public static bool Intruded(ElectrodeSide s, in SideState st) => s.Intrusion is { } pi && st.Intrusion >= pi.State(pi.PathLength);

    public static InterfaceSnapshot Snap(ElectrodeSide s, in SideState st)
    {
        double l = s.Paths.Count == 1 ? st.L0 : s.Paths[0].AreaFraction * st.L0 + s.Paths[1].AreaFraction * st.L1;
        return new InterfaceSnapshot(st.Phi, l, st.Filament, st.Metal,
            s.Amalgam is null ? double.NaN : s.Amalgam.SurfaceComposition(st.X),
            s.Amalgam is null ? double.NaN : st.X / AmalgamLayer(s, st))
        { InterphaseChargeCPerM2 = st.QInterphase, AmalgamZoneM = s.Zone is null ? double.NaN : st.Zone, AmalgamLayerM = s.Amalgam is null ? double.NaN : AmalgamLayer(s, st) };
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
