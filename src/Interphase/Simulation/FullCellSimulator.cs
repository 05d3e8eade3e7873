using Interphase.Models;
using Interphase.Protocols;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>
/// Runs a protocol (Charge/Discharge at a current, C-rate or mA/g until a voltage, Hold at a voltage
/// until a current, Rest, Measure EIS) on a <see cref="FullCell"/>. The cell voltage is
/// <code>
/// V = U_c(x_s) + η_c − U_a − η_anode(−i) + i·(R_sep + R_comp + R_ci/φ_c) + η_conc
/// </code>
/// with the cathode's surface stoichiometry from the particle model (or the conversion front), the
/// anode's overpotential network of the symmetric-cell model, and the degradation mechanisms of
/// docs/models.md §14. Positive current charges the cell.
/// </summary>
public sealed class FullCellSimulator : IStepModel
{
    readonly FullCell _cell;
    readonly SimulationOptions _opt;

    public FullCellSimulator(FullCell cell, SimulationOptions? options = null)
    {
        _cell = cell;
        _opt = options ?? new SimulationOptions();
    }

    /// <summary>
    /// Called with each point of the time series as it is recorded, on the solver's thread (a writer that formats the
    /// series while the run goes on, Reports' StreamTimeSeries); null: none. Not called without RecordSeries.
    /// </summary>
    public Action<FullTimePoint>? Recorded { get; init; }

    sealed class StepConstants
    {
        public double T = double.NaN, RSeparator, RComposite, DParticle, DSalt, RInterface;
        public readonly SideConditions Anode = new();
    }

    // ---- state
    SideState _a;
    double[]? _cs, _csSave;
    double[]? _salt, _saltSave;
    double _x;              // conversion: converted fraction of the pyrite (it never re-forms)
    double _s = 1;          // conversion: lithiation of the reachable converted material (0 FeS_y + S, ½ Li2FeS2, 1 Fe + 2 Li2S)
    double _xr;             // conversion: converted material still in connected particles (share of all FeS2)
    double _liStranded;     // conversion: lithiation stranded with the particles that lost contact (share of all FeS2 × s)
    bool _discharging;      // conversion: direction of the last current
    double _phiC = 1;       // cathode contact (connected fraction)
    double _active = 1;     // active material left (high-potential loss)
    double _cei;            // parasitic charge (C/m²)
    double _uc;             // cathode potential at the last evaluation (V)
    double _reduced;        // charge taken by electrolyte reduction on the cathode (C/m²)
    double _leaked;         // charge the electronic leak passed before any short (C/m²)
    double _bridgeCharge;   // charge the soft shorts' standing bridges passed (C/m²)
    bool _shorted;
    double _t;
    // soft shorts: the anode filament's bridges to the cathode (SoftShortBridges, side 0), made in Run
    SoftShortBridges _bridges = new(null, 0, 0, false);
    // a layer grown on the composite cathode (docs/models.md §16.2): the monomer across the separator and pores, the polymer's charge (C/m²)
    MonomerProfile? _monomer;
    double[]? _monomerSave;
    double _qPoly;
    double _iPolyLast;      // the polymerisation current of the last step (A/m²)
    double _polyDt;         // the time step being advanced: the polymerisation then takes the monomer's surface concentration after it (implicit)
    double _polyDtLast;     // the last step advanced: trial currents between steps (a hold's root) take the monomer after a step as long (§16.2)

    record struct Saved(SideState A, double X, double S, double Xr, double LiStranded, bool Dis, double Phi, double Active, double Cei, double Uc, double Reduced, double Leaked, bool Shorted,
        double BridgeCharge, SoftShortBridges.State Bridges, double QPoly);

    // the state at the start of the time step under way (IStepModel.RestoreStep) and the step's constants
    Saved _saved;
    StepConstants _k = null!;

    Saved Save()
    {
        if (_cs is not null) Array.Copy(_cs, _csSave!, _cs.Length);
        if (_salt is not null) Array.Copy(_salt, _saltSave!, _salt.Length);
        _monomer?.Save(_monomerSave!);
        return new(_a, _x, _s, _xr, _liStranded, _discharging, _phiC, _active, _cei, _uc, _reduced, _leaked, _shorted, _bridgeCharge, _bridges.Save(), _qPoly);
    }

    void Restore(Saved s)
    {
        if (_cs is not null) Array.Copy(_csSave!, _cs, _cs.Length);
        if (_salt is not null) Array.Copy(_saltSave!, _salt, _salt.Length);
        _monomer?.Restore(_monomerSave!);
        _qPoly = s.QPoly;
        (_a, _x, _s, _xr, _liStranded, _discharging, _phiC, _active, _cei, _uc, _reduced, _leaked, _shorted) = (s.A, s.X, s.S, s.Xr, s.LiStranded, s.Dis, s.Phi, s.Active, s.Cei, s.Uc, s.Reduced, s.Leaked, s.Shorted);
        _bridgeCharge = s.BridgeCharge;
        _bridges.Restore(s.Bridges);
    }

    CompositeCathode Cat => _cell.Cathode;

    /// <summary>Coulombic efficiency above 100 % by more than this gets an event that says why (0.1 %).</summary>
    public const double EfficiencyNoteExcess = 1e-3;

    // ------------------------------------------------------------------ voltage

    double Parasitic(StepConstants k) => _cell.Degradation.CathodeInterphase ? Oxidation(_uc, k.T) : 0;

    /// <summary>
    /// The electrolyte's oxidation at the cathode (§14.2) at potential u, on the fraction of the particles' surface a grown
    /// layer leaves bare and, from the film's own onset, on the covered fraction (§16.3: the layer shields the electrolyte).
    /// </summary>
    double Oxidation(double u, double T)
    {
        double i = Cat.Interface.Parasitic(u, _cei, T);
        return _cell.CathodeGrowth is { } g ? i * g.Law.ShieldingFactor(g.Coverage(_qPoly), Cat.Interface.OxidationOnset, Cat.Interface.TafelSlope) : i;
    }

    /// <summary>
    /// The intercalation cathode's operating point at open circuit in the present state (the surface as it is): the
    /// intercalation current i_int = −i_par that the parasitic side reactions draw from it (self-discharge, ParasiticShare
    /// at i = 0) and the surface's potential U(c_s) + η(i_int) there. (U(c_s), 0) without side reactions. The impedance
    /// is linearised about it (decision 0071), at temperature T: the step's constants, or constants built at T for a
    /// temperature series (the side reactions' self-discharge current is then the one they draw at T).
    /// </summary>
    internal (double u, double iInt) OpenCircuitPoint(double T)
    {
        var k = ConstantsAt(T);
        _surfaceFrozen = true;
        try
        {
            double iInt = -ParasiticShare(0, k);
            return (CathodePotential(iInt, k, out _, electrode: false), iInt);
        }
        finally { _surfaceFrozen = false; }
    }

    /// <summary>
    /// The parasitic oxidation's small-signal conductance dI_ox/dU (S/m² of electrode) at the particle surface's
    /// potential u and temperature T (central difference, 1e-5 V against a Tafel slope of tens of mV): the faradaic path
    /// that ParasiticShare puts in parallel with the intercalation, for the impedance (decision 0071). 0 with
    /// cathode-interphase off.
    /// </summary>
    internal double ParasiticConductance(double u, double T)
    {
        if (!_cell.Degradation.CathodeInterphase) return 0;
        const double h = 1e-5;
        return (Oxidation(u + h, T) - Oxidation(u - h, T)) / (2 * h);
    }

    /// <summary>
    /// The electropolymerisation's small-signal branch (PolymerisationBranch) at the open-circuit point (u, i_int) and
    /// temperature T: its conductance c_s·dk_c/dE at the network's potential u + i_int·R_ci/φ_c (the one ParasiticShare
    /// drives it at) with the monomer's surface concentration c_s held, the monomer's sink rate there and its supply
    /// domain. None without a grown layer, without monomer or below the onset.
    /// </summary>
    internal PolymerisationBranch PolymerisationBranchAt(double u, double iInt, double T)
    {
        if (_cell.CathodeGrowth is not { } g || !(_monomer!.Surface > 0)) return PolymerisationBranch.None;
        double e = PolymerisationPotential(u, iInt, ConstantsAt(T));
        double cs = _monomer.Surface;
        return new PolymerisationBranch(cs * g.CurrentPerConcentrationSlope(e, T), g.SinkRate(e, T), g.Law.MonomerDiffusivity(T), g.MonomerDomainThickness);
    }

    /// <summary>
    /// The salt's concentrations at the two faces (cathode, anode) of the present profile (mol/m³) at open circuit, where a
    /// spectrum is taken; null without a simulated profile. At zero current the faces' extrapolation carries no flux term,
    /// so the diffusivity does not enter (any positive value).
    /// </summary>
    internal (double left, double right)? SaltFaces() => _salt is null ? null : _cell.Concentration!.FaceConcentrations(_salt, i: 0, diffusivity: 1);

    /// <summary>
    /// Splits the current i between intercalation and the side reactions at the cathode, parasitic oxidation and, with
    /// a layer grown on the cathode, the monomer's polymerisation (§16.2), which run in parallel with it:
    /// i = i_int + i_par(U_c(i_int)) + i_poly(U_c(i_int) + i_int·R_ci). Solved by bisection on the side current when it
    /// matters (the solution is unique: the side current falls as it takes more of the current).
    /// </summary>
    double ParasiticShare(double i, StepConstants k) => ParasiticShare(i, k, out _);

    double ParasiticShare(double i, StepConstants k, out double poly)
    {
        poly = 0;
        if (_cell.CathodeGrowth is { } g && _monomer!.Surface > 0)
        {
            double Side(double iInt, out double pp)
            {
                double u = CathodePotential(iInt, k, out _, electrode: false);
                pp = Polymerisation(g, PolymerisationPotential(u, iInt, k), k.T);
                return pp + (_cell.Degradation.CathodeInterphase ? Oxidation(u, k.T) : 0);
            }
            double top = Side(i, out double pTop);
            if (pTop > 0)
            {
                double lo = 0, hi = top;
                for (int it = 0; it < 50 && hi - lo > 1e-9 * (Math.Abs(i) + hi); it++)
                {
                    double mid = 0.5 * (lo + hi);
                    if (mid - Side(i - mid, out _) > 0) hi = mid; else lo = mid;
                }
                double share = 0.5 * (lo + hi);
                // the polymerisation's part at the split found (Advance keeps the monomer step it evaluated)
                Side(i - share, out poly);
                return share;
            }
        }
        return ParasiticOnly(i, k);
    }

    /// <summary>
    /// The potential that drives the polymerisation (V vs Li): the composite's electronic network (carbon, particle
    /// surface) against the electrolyte in its pores, U_c + η_c + i_int·R_ci/φ_c; the monomer oxidises on surfaces
    /// that pass no Li⁺, so the interface's ionic drop is across it (docs/models.md §16.2).
    /// </summary>
    double PolymerisationPotential(double u, double iInt, StepConstants k) => u + iInt * CathodeInterfaceAsr(k) / Math.Max(_phiC, 1e-6);

    /// <summary>
    /// Polymerisation current per electrode area (A/m²) at potential E: on the monomer's surface concentration now (the
    /// state frozen: SmallSignalAsr, OpenCircuitPoint), or after the step being advanced.
    /// </summary>
    double Polymerisation(CompositeLayerGrowth g, double e, double T)
    {
        double kc = g.CurrentPerConcentration(e, T);
        if (kc <= 0) return 0;
        // implicit in the monomer: the current cannot take more monomer than the step's diffusion brings (explicit, far above the
        // onset, a hold's trial currents near the particles' diffusion limit would polymerise monomer that is not there); a
        // frozen state holds the monomer as it is, as it holds the particles' surface (its relaxation is the branch's Z_m, decision 0077)
        double dt = _surfaceFrozen ? 0 : _polyDt > 0 ? _polyDt : _polyDtLast;
        double cs = dt > 0 ? _monomer!.Step(kc / (g.Law.ElectronsPerMonomer * Si.Faraday), g.Law.MonomerDiffusivity(T), dt, commit: false) : _monomer!.Surface;
        return kc * cs;
    }

    /// <summary>The cathode interface's ASR per electrode area (Ω m², before the contact φ_c): the pristine pair's or the grown layer's, and the CEI's.</summary>
    double CathodeInterfaceAsr(StepConstants k) =>
        (_cell.CathodeGrowth is { } g ? g.InterfaceAsr(_qPoly, k.T) : k.RInterface) + Cat.Interface.ResistancePerCharge * _cei;

    /// <summary>The same at temperature T, for the impedance and the formation's record.</summary>
    internal double CathodeInterfaceAsr(double T) =>
        (_cell.CathodeGrowth is { } g ? g.InterfaceAsr(_qPoly, T) : Cat.Interface.Asr(0, T)) + Cat.Interface.ResistancePerCharge * _cei;

    /// <summary>The parasitic oxidation's share of i alone (no polymerisation at the cathode).</summary>
    double ParasiticOnly(double i, StepConstants k)
    {
        if (!_cell.Degradation.CathodeInterphase) return 0;
        // far below the oxidation onset (even 0.2 V above the last potential it would not matter): explicit
        if (Oxidation(_uc + 0.2, k.T) < 1e-4 * Math.Abs(i)) return Oxidation(_uc, k.T);
        double Par(double iInt) => Oxidation(CathodePotential(iInt, k, out _, electrode: false), k.T);
        double hi = Par(i);
        if (hi <= 1e-4 * Math.Abs(i) || hi <= 1e-9) return hi;
        double lo = 0;
        // to 1e-9 of the current, as the polymerisation's split: the share then moves the small-signal slope by less than
        // 1e-9·(1 + 2 i_par/di) (at 1e-6, A-LCO-bare-Li's slope after a charge to 4.3 V was off by 3e-5; decision 0071)
        for (int it = 0; it < 40 && hi - lo > 1e-9 * (Math.Abs(i) + hi); it++)
        {
            double p = 0.5 * (lo + hi);
            if (p - Par(i - p) > 0) hi = p; else lo = p;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>True while an electrolyte reduction on the cathode takes the discharge current (cathode below its onset, charge left).</summary>
    bool Reducing(double iInt, double mainPotential) =>
        iInt < 0 && _reduced < Cat.Interface.ReductionCharge && mainPotential < Cat.Interface.ReductionOnset;

    /// <summary>
    /// Cathode potential (OCV + kinetic and particle-level drops) at intercalation current iInt (A/m², +
    /// delithiation). With <paramref name="electrode"/> false it is the potential the particle surface
    /// actually reaches, without the runaway that signals an emptied surface: the potential that drives
    /// electrolyte oxidation and structural loss.
    /// </summary>
    double CathodePotential(double iInt, StepConstants k, out double surfaceX, bool electrode = true)
    {
        var c = Cat;
        if (c.Intercalation is { } ic)
        {
            double a = ActiveSurface;
            // (the surface frozen, SmallSignalAsr: the concentration the particle's profile has now, whatever the current)
            double raw = c.Particle!.Surface(_cs!, _surfaceFrozen ? 0 : ParticleFlux(iInt, ic, a), k.DParticle);
            // a surface that diffusion has emptied (or filled) cannot carry the current at any potential: the
            // open-circuit potential diverges there (its ideal-solution term), so the cell voltage is infinite
            // and a cut-off or the compliance ends the step just before. A surface at its bound with no more
            // than a trace of current (the parasitic share at open circuit of an as-made, fully lithiated
            // cathode) is at the lattice floor instead.
            double over = 1e-6 * ic.MaxConcentration;
            if (electrode && raw < -over && iInt > 0) { surfaceX = 0; return double.PositiveInfinity; }
            if (electrode && raw > ic.MaxConcentration + over && iInt < 0) { surfaceX = 1; return double.NegativeInfinity; }
            double cs = Math.Clamp(raw, IntercalationCathode.LatticeFloor * ic.MaxConcentration, (1 - IntercalationCathode.LatticeFloor) * ic.MaxConcentration);
            surfaceX = cs / ic.MaxConcentration;
            double i0 = ic.ExchangeCurrentDensity(cs, k.T);
            double eta = 2 * Si.GasConstant * k.T / (ic.ChargeNumber * Si.Faraday) * Math.Asinh(iInt / (a * 2 * i0));
            return ic.OpenCircuit(surfaceX, k.T) + eta;
        }
        var cc = c.Conversion!;
        surfaceX = _x;
        // a fully converted particle whose reachable product is fully lithiated takes no more lithium, and reachable
        // product with no lithium left gives none: no potential carries the current there (the cut-off or compliance
        // ends the step before; on discharge an electrolyte reduction may take the current instead, IntactVoltage)
        if (electrode && (iInt < 0 && ConversionFull || iInt > 0 && ConversionEmpty)) return iInt < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        bool dis = iInt < 0 || (iInt == 0 && _discharging);
        double u = ConversionOpenCircuit(cc, dis, out _);
        if (iInt == 0) return u;
        var (b, area) = ConversionFront(cc, _x);
        double nP = c.ActiveVolume / (4.0 / 3 * Math.PI * Math.Pow(cc.ParticleRadius, 3));
        double ip = iInt / nP;                                            // A per particle
        double front = Math.Max(area * _phiC, 1e-30);
        double etaF = 2 * Si.GasConstant * k.T / Si.Faraday * Math.Asinh(ip / (2 * cc.Front(k.T) * front));
        double shell = ip * (1 / Math.Max(b, 1e-3 * cc.ParticleRadius) - 1 / cc.ParticleRadius) / (4 * Math.PI * cc.Shell(k.T));
        double fe = iInt * cc.IronLayerResistance * _x * ConversionCathode.MetallicIron(ProductLithiation) / Math.Max(_phiC, 1e-6);
        return u + etaF + shell + fe;
    }

    /// <summary>Reachable converted material that can still be lithiated is below this (share of all FeS2): none.</summary>
    const double ConversionTrace = 1e-12;

    /// <summary>No more lithium fits: the pyrite is all converted and the reachable product is fully lithiated (or there is none).</summary>
    bool ConversionFull => _x >= 1 && (_s >= 1 || _xr <= ConversionTrace);

    /// <summary>No lithium to give: the reachable product holds none.</summary>
    bool ConversionEmpty => _xr * _s <= ConversionTrace;

    /// <summary>
    /// Open-circuit potential of a conversion cathode. On charge only the reachable converted material gives lithium
    /// (pyrite holds none and does not re-form), on its charge plateaus. On discharge the reaction at the higher
    /// potential takes the current: the reformed phases while they have room (their plateaus lie above pyrite's), the
    /// pyrite front otherwise. <paramref name="toShell"/> says which.
    /// </summary>
    double ConversionOpenCircuit(ConversionCathode cc, bool discharging, out bool toShell)
    {
        if (!discharging) { toShell = true; return cc.ShellOpenCircuit(_s, false); }
        bool room = _s < 1 && _xr > ConversionTrace;
        double uShell = room ? cc.ShellOpenCircuit(_s, true) : double.NegativeInfinity;
        double uPyrite = _x < 1 ? cc.OpenCircuit(_x, true) : double.NegativeInfinity;
        toShell = room && (uShell >= uPyrite || _x >= 1);
        return toShell ? uShell : _x < 1 ? uPyrite : cc.OpenCircuit(1, true);
    }

    /// <summary>
    /// Core of a conversion particle at converted fraction X: slow-axis semi-axis b and the front area.
    /// The fast axis a = R − κ(R − b); X = 1 − a·b²/R³ (solved for b by bisection); spheroid area by
    /// Thomsen's formula (p = 1.6075).
    /// </summary>
    internal static (double b, double area) ConversionFront(ConversionCathode cc, double x)
    {
        double R = cc.ParticleRadius, kap = cc.Anisotropy;
        double lo = Math.Max(0, R * (1 - 1 / kap)), hi = R;
        double target = Math.Clamp(1 - x, 0, 1);
        for (int it = 0; it < 40; it++)
        {
            double mid = 0.5 * (lo + hi);
            double aa = Math.Max(0, R - kap * (R - mid));
            if (aa * mid * mid / (R * R * R) > target) hi = mid; else lo = mid;
        }
        double bb = 0.5 * (lo + hi);
        double a = Math.Max(0, R - kap * (R - bb));
        const double p = 1.6075;
        double ap = Math.Pow(a, p), bp = Math.Pow(bb, p);
        double area = 4 * Math.PI * Math.Pow((2 * ap * bp + bp * bp) / 3, 1 / p);
        return (bb, area);
    }

    /// <summary>
    /// The cell's small-signal DC resistance dV/di (Ω m²) in its present state, frozen: the central difference of the
    /// voltage (<see cref="Voltage(double, StepConstants)"/>'s circuit) at ±di, without the anode's nucleation overpotential (a step at i = 0),
    /// the salt's polarisation and the particles' surface moved by the current (the profiles changing, which the
    /// impedance's diffusion elements carry and a frozen state does not; decision 0071).
    /// </summary>
    internal double SmallSignalAsr(double di) => SmallSignalAsr(di, _k.T);

    /// <summary>The same with the salt relaxed (relaxedSalt, below) at the step's temperature.</summary>
    internal double SmallSignalAsr(double di, bool relaxedSalt) => SmallSignalAsr(di, _k.T, relaxedSalt);

    /// <summary>
    /// The same at temperature T (the state frozen, the constants built at T: a temperature series' spectrum, decision 0071);
    /// relaxedSalt adds the salt's concentration overpotential with the profile relaxed to its steady increment at each
    /// current about the present one (ConcentrationPolarisation.RelaxedFaces): the slope the salt's diffusion element
    /// Z_d ends at (decision 0077).
    /// </summary>
    internal double SmallSignalAsr(double di, double T, bool relaxedSalt = false)
    {
        var k = ConstantsAt(T);
        _surfaceFrozen = true;
        try
        {
            double Ionic(double x) => IntactVoltage(x, k, nucleation: false, salt: false) + (relaxedSalt ? RelaxedSaltOverpotential(x, k) : 0);
            double V(double x) => Voltage(x, k, Ionic, Ionic).v;
            return (V(di) - V(-di)) / (2 * di);
        }
        finally { _surfaceFrozen = false; }
    }

    bool _surfaceFrozen;

    /// <summary>The salt's concentration overpotential at ionic current i with the profile relaxed about the present one (0 without a profile).</summary>
    double RelaxedSaltOverpotential(double i, StepConstants k)
    {
        if (_salt is null) return 0;
        var (cl, cr) = _cell.Concentration!.RelaxedFaces(_salt, i, k.DSalt);
        return _cell.Concentration.Overpotential(cl, cr, k.T);
    }

    /// <summary>
    /// The cell's impedance (Ω m²) in its present state at the step's temperature (FullCellImpedance.AreaSpecific), for
    /// comparing with <see cref="SmallSignalAsr(double)"/>. Both elements are chosen by the caller (no default): the
    /// written spectrum has them all, a comparison with a frozen DC leaves out what that DC does not relax.
    /// </summary>
    internal System.Numerics.Complex[] AreaSpecificImpedance(double[] f, bool cathodeDiffusion, bool saltDiffusion) =>
        FullCellImpedance.AreaSpecific(_cell, this, _k.T, f, cathodeDiffusion, saltDiffusion);

    /// <summary>The same at temperature T, as a temperature series' spectrum takes it.</summary>
    internal System.Numerics.Complex[] AreaSpecificImpedance(double[] f, bool cathodeDiffusion, double T, bool saltDiffusion) =>
        FullCellImpedance.AreaSpecific(_cell, this, T, f, cathodeDiffusion, saltDiffusion);

    /// <summary>The step's constants when T is its temperature, otherwise constants built at T (the state is not touched).</summary>
    StepConstants ConstantsAt(double T)
    {
        if (T == _k.T) return _k;
        var k = new StepConstants();
        SetConstants(k, T);
        return k;
    }

    /// <summary>Called before each step of the flattened protocol with its 1-based index, and after the last, the state frozen (for tests).</summary>
    internal Action<int>? BeforeStep { get; init; }

    double IntactVoltage(double i, StepConstants k, bool nucleation = true, bool salt = true)
    {
        double iInt = i - ParasiticShare(i, k);
        double uc = CathodePotential(iInt, k, out _);
        if (Reducing(iInt, uc)) uc = Cat.Interface.ReductionOnset;
        double ua = _cell.AnodePotential + ElectrodeSideDynamics.Drop(_cell.Anode, _a, k.Anode, -i, nucleation);
        double rci = CathodeInterfaceAsr(k) / Math.Max(_phiC, 1e-6);
        double conc = 0;
        if (_salt is not null && salt)
        {
            var (cl, cr) = _cell.Concentration!.FaceConcentrations(_salt, i, k.DSalt);
            conc = _cell.Concentration.Overpotential(cl, cr, k.T);
        }
        return uc - ua + i * (SeparatorAsr(k) + k.RComposite + rci) + conc;
    }

    /// <summary>The separator's ASR, lowered by an anode filament that has not yet spanned it (FilamentConduction, as in a symmetric cell).</summary>
    double SeparatorAsr(StepConstants k) => SeparatorAsr(k.RSeparator) + ElectrodeSideDynamics.ZoneMatrixAsr(_cell.Anode, _a, k.Anode);

    /// <summary>The separator's ASR <paramref name="rBulk"/> (at the temperature wanted) lowered by the present anode filament; shared with the impedance.</summary>
    internal double SeparatorAsr(double rBulk)
    {
        // an amalgam zone's metal reaches its depth into the separator: the bulk ends at its front (AmalgamZone; the
        // zone's matrix is added to it in the DC, and is the anode's transmission line in the impedance)
        rBulk = ElectrodeSideDynamics.BulkBeyondZones(rBulk, _cell.ElectrolyteThickness, ElectrodeSideDynamics.ZonePathDepth(_cell.Anode, _a.Zone), 0);
        return _a.Filament <= 0 ? rBulk
            : FilamentConduction.ElectrolyteAsr(rBulk, _cell.SeparatorThickness, ElectrodeSideDynamics.FilamentArea(_cell.Anode, _a), _a.Filament, 0, 0);
    }

    /// <summary>
    /// Voltage and the current through the cell's ionic path (<see cref="CellCircuit"/>, as in a symmetric
    /// cell): the electronic leak R_e takes V/R_e of the current (at open circuit it self-discharges the
    /// cell); after a short the metallic path R_sh joins it.
    /// </summary>
    (double v, double iCell) Voltage(double i, StepConstants k) => Voltage(i, k, _ionic!, _ionicAfterShort!);

    /// <summary>The same with the ionic path's voltage given (before and after a short; SmallSignalAsr's without the nucleation and the salt).</summary>
    (double v, double iCell) Voltage(double i, StepConstants k, Func<double, double> ionic, Func<double, double> ionicAfterShort) =>
        !_shorted && !_cell.MayLeak && !_bridges.Any ? (ionic(i), i)
        : CellCircuit.Solve(i, _shorted, ElectronicAsr(k.T), _cell.ShortCircuitAsr, ionic, ionicAfterShort);

    // the ionic path's voltage at its own current, made once per run (not at every evaluation)
    Func<double, double>? _ionic, _ionicAfterShort;

    /// <summary>Electronic leakage resistance of the present state (Ω m², ∞ for an insulating stack).</summary>
    internal double LeakageAsr() => !_cell.MayLeak ? double.PositiveInfinity : _cell.LeakageAsr(ElectrodeSideDynamics.ContactArea(_cell.Anode, _a), _a.L0, _a.L1);

    /// <summary>Every electronic path in parallel with the ionic cell: the leak and a soft short's standing bridge (Ω m²).</summary>
    internal double ElectronicAsr(double T) => _bridges.InParallelWith(LeakageAsr(), T);

    /// <summary>The standing bridges' ASR at T (Ω m², ∞ without one), for the impedance.</summary>
    internal double BridgeAsr(double T) => _bridges.Asr(T);

    /// <summary>The current through the ionic path at external current i (all of it unless a leak, a bridge or a short takes a share).</summary>
    double IonicCurrent(double i, StepConstants k) => _shorted || !double.IsPositiveInfinity(ElectronicAsr(k.T)) ? Voltage(i, k).iCell : i;

    // ------------------------------------------------------------------ run

    public FullCellResult Run(Protocol protocol, IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        var cell = _cell;
        var warnings = cell.WarningsFor(protocol); // refuses a step temperature outside the materials' domain
        var cat = Cat;
        _a = ElectrodeSideDynamics.Initial(cell.Anode);
        _shorted = false; _t = 0; _phiC = 1; _active = 1; _cei = 0; _reduced = 0; _leaked = 0; _bridgeCharge = 0;
        _bridges = new SoftShortBridges(cell.Bridge, cell.SeparatorThickness, cell.Area, cell.Spec.Mechanisms.SoftShorts);
        if (cat.Intercalation is { } ic0)
        {
            _cs = Enumerable.Repeat(ic0.Initial * ic0.MaxConcentration, cat.Particle!.Shells).ToArray();
            _csSave = new double[_cs.Length];
        }
        _x = 0; _s = 1; _xr = 0; _liStranded = 0; _discharging = true;
        _qPoly = 0; _polyDt = 0; _polyDtLast = 0; _iPolyLast = 0;
        _monomer = cell.CathodeGrowth is { } growth0 ? new MonomerProfile(growth0.Law.MonomerConcentration, growth0.MonomerDomainThickness) : null;
        _monomerSave = _monomer is null ? null : new double[_monomer.Cells];
        var formationRows = new List<FormationRow>();
        var formationMarks = new HashSet<double>();
        _salt = cell.Concentration?.NewProfile();
        _saltSave = _salt is null ? null : new double[_salt.Length];

        var k = _k = new StepConstants();
        _proposals = Proposals(k);
        _ionic = x => IntactVoltage(x, k);
        _ionicAfterShort = x => IntactVoltage(x, k, nucleation: false);
        k.Anode.Realise(cell.Anode, _opt.Seed is { } seed ? new Random(seed) : null);
        SetConstants(k, cell.TemperatureK);
        _uc = CathodePotential(0, k, out _, electrode: false);

        double capacityPerC = cat.NominalCapacity * cat.ActiveMass / 3600; // A/m² at 1C
        var steps = protocol.Flatten().ToList();
        var log = new RunLog<FullTimePoint>(_opt.RecordSeries, steps.Sum(s => PlannedDuration(s.step, s.rampCurrent, capacityPerC)), progress, Recorded);
        var recording = log.Recording;
        var cycles = new List<FullCycleStats>();
        var events = log.Events;
        var spectra = new List<SimulatedSpectrum>();
        double? shortTime = null;
        int? shortCycle = null;
        DendriteOnset? onset = null;
        double complianceVolts = cell.Spec.ComplianceVolts ?? _opt.ComplianceVolts;
        var stops = StepControl.WithCompliance(protocol, complianceVolts);
        // resolve knees of the voltage curve (VoltageRules) and the decay of a hold current (the current that holds the
        // voltage at the end of the step may differ by at most 15 %), down to StepEngine.MinStep
        double ts = _opt.ToleranceScale;
        StepLimit[] voltageLimits = [new VoltageStepLimit(ts * _opt.MaxFullCellVoltageChange, 0, ts * StepEngine.MinStep, VoltageRules(k, ts))];
        StepLimit[] holdLimits = [new HoldCurrentLimit(ts * 0.15, ts * 1e-4 * capacityPerC, ts * StepEngine.MinStep)];
        int stepIndex = 0, cycle = 0;
        bool? firstCharge = null;
        bool? prevCharge = null;
        CycleAccumulator? acc = null;
        var halves = new HalfCycleTracker();
        if (log.RecordsSeries) log.Recording.Write(Snapshot(0, IntactVoltage(0, k), 0, 0, 0, k));
        double formationAsr0 = CathodeInterfaceAsr(cell.TemperatureK);
        if (cell.CathodeGrowth is not null) formationRows.Add(FormationRecord(0, cell.TemperatureK));

        foreach (var (step, rampCurrent, _) in steps)
        {
            if (log.Stopped) break;
            stepIndex++;
            cancel.ThrowIfCancellationRequested();
            BeforeStep?.Invoke(stepIndex);
            if (step is MeasureEisStep eis)
            {
                int after = Math.Max(0, acc is { HasBoth: true } ? cycle : cycle - 1);
                if (eis.TemperaturesK.Count == 0) spectra.Add(FullCellImpedance.Spectrum(cell, this, k.T, eis, spectra.Count + 1, after, _t) with
                {
                    Cycle = halves.Cycle, HalfCycle = halves.Name, HalfCycleCharge = halves.Passed, HalfCycleSpecificCharge = halves.Passed / cat.ActiveMass,
                });
                else
                    // a temperature series: the cell's present state at each temperature (no time passes)
                    foreach (var T in eis.TemperaturesK)
                        spectra.Add(FullCellImpedance.Spectrum(cell, this, T, eis, spectra.Count + 1, after, _t) with
                        {
                            TemperatureK = T, Cycle = halves.Cycle, HalfCycle = halves.Name, HalfCycleCharge = halves.Passed,
                            HalfCycleSpecificCharge = halves.Passed / cat.ActiveMass,
                        });
                continue;
            }

            // ---- what this step does
            double? stepT = null, duration = null, holdV = null;
            double i = 0, capacityLimit = double.PositiveInfinity;
            CurrentProfile? profile = null;
            double profileScale = 0;
            Condition? until = null;
            bool isCharge = false, isCurrent = false;
            switch (step)
            {
                case RestStep r:
                    duration = r.DurationS; stepT = r.TemperatureK;
                    break;
                case CurrentStep cs:
                {
                    if (cs.Kind is CurrentKind.Plate or CurrentKind.Strip)
                        throw new InputException($"'{cs.Text}': Plate/Strip are symmetric-cell steps; a full cell uses Charge and Discharge", cs.Where);
                    isCharge = cs.Kind == CurrentKind.Charge;
                    isCurrent = true;
                    if (cs.Profile is { } prof)
                    {
                        // a drive cycle: A/m² per profile unit, signed by the verb (a positive value discharges a Discharge step)
                        profile = prof;
                        profileScale = (isCharge ? 1 : -1) * ToDensity(new CurrentSpec(1, prof.Unit), capacityPerC);
                        i = profileScale * prof.At(0);
                    }
                    else
                    {
                        var spec = cs.Current ?? rampCurrent ?? throw new InputException($"'{cs.Text}' has no current: add 'at 0.1C' or 'at 0.2 mA/cm2'", cs.Where);
                        double mag = ToDensity(spec, capacityPerC);
                        i = isCharge ? mag : -mag;
                    }
                    duration = cs.DurationS;
                    if (cs.Capacity is { } cap) capacityLimit = ToAreal(cap);
                    until = cs.Until;
                    if (until is CapacityCondition cc) { capacityLimit = Math.Min(capacityLimit, ToAreal(cc)); until = null; }
                    if (duration is null && double.IsPositiveInfinity(capacityLimit) && until is null)
                        throw new InputException($"'{cs.Text}' never ends: add 'until 4.3 V', 'for 10 h' or a capacity", cs.Where);
                    stepT = cs.TemperatureK;
                    break;
                }
                case HoldStep h:
                    holdV = h.Volts; duration = h.DurationS; until = h.Until; stepT = h.TemperatureK;
                    isCurrent = true;
                    isCharge = h.Volts >= IntactVoltage(0, k); // holding above the rest voltage charges
                    break;
                case SweepStep or CyclicSweepStep:
                    throw new InputException($"'{step.Text}': voltage sweeps run on a cell with a blocking working electrode (kind: blocking; metal | electrolyte | SS)", step.Where);
                default:
                    throw new InvalidOperationException($"unexpected step {step.GetType().Name}");
            }
            if (isCurrent)
            {
                firstCharge ??= isCharge;
                if (isCharge == firstCharge && prevCharge != firstCharge)
                {
                    if (acc is not null) cycles.Add(acc.Finish(_t));
                    if (acc is not null && cell.CathodeGrowth is not null) formationRows.Add(FormationRecord(cycle, cell.TemperatureK));
                    cycle++;
                    acc = new CycleAccumulator(cycle, _t, firstCharge.Value, 0.01 * capacityPerC * 3600);
                }
                if (isCharge != prevCharge) halves.Begin(cycle, isCharge);
                prevCharge = isCharge;
            }
            SetConstants(k, stepT ?? cell.TemperatureK);
            // an 'until' that never comes (e.g. an electrolyte that oxidises at the cut-off) gives up after
            // three times the time to pass the cathode's full charge at this current, or 2000 h
            double maxDuration = duration ?? (i != 0 ? Math.Min(2000 * 3600.0, 3 * cat.FullCharge / Math.Abs(i)) : 2000 * 3600.0);
            double currentLimit = until is CurrentBelowCondition cb ? ToDensity(cb.Limit, capacityPerC) : 0;

            // ---- integrate
            double tStart = _t, tEnd = _t + maxDuration, stepQ = 0;
            double dtOut = step.PeriodS ?? Math.Max(1.0, Math.Min(maxDuration, holdV is null ? EstimatedDuration(i, capacityLimit, maxDuration) : 3600) / _opt.PointsPerStep);
            recording.BeginStep(_t, step.PeriodS);
            if (holdV is { } hv) i = SolveHoldCurrent(hv, k, i);
            _holdV = holdV;
            // what halves a time step: a hold's current at the end of the step, or the voltage
            var plan = holdV is null ? new StepPlan(voltageLimits, HoldControl.None, null, profile, profileScale)
                : new StepPlan(holdLimits, HoldControl.AtEnd, null, profile, profileScale);
            var (vLast, _) = Voltage(i, k);
            double iLast = i;
            bool first = true;
            while (_t < tEnd - 1e-9)
            {
                log.TimeSteps++;
                double t0 = _t;
                double elapsed = _t - tStart;
                double dt = recording.Limit(_t, Math.Min(tEnd - _t, dtOut));
                // a drive cycle: no interval spans a row of the profile, and its current is the profile's mean over the
                // interval (exact for piecewise-linear), so that the charge passed is the profile's integral
                if (profile is not null)
                {
                    dt = Math.Min(dt, Math.Max(profile.NextRow(elapsed) - elapsed, 1e-6));
                    i = profileScale * profile.MeanOver(elapsed, elapsed + dt);
                }
                dt = Math.Min(dt, SuggestDt(i, elapsed));
                if (first) { dt = Math.Min(dt, 1.0); first = false; }
                if (i != 0 && !double.IsPositiveInfinity(capacityLimit))
                    dt = Math.Min(dt, Math.Max(1e-3, (capacityLimit - Math.Abs(stepQ)) / Math.Abs(i)));
                if (profile is not null) i = profileScale * profile.MeanOver(elapsed, elapsed + dt);
                var saved = _saved = Save();
                // the attempt loop (halve on a too-large change; the filament's contact; the standing bridges): StepEngine.TakeStep
                var a = StepEngine.TakeStep(this, plan, dt, i, vLast, _t, cycle, elapsed);
                dt = a.Dt; i = a.I;
                double v = a.V, iCell = a.ICell, iEnd = a.IEnd;
                bool shortNow = a.ShortNow;
                SoftShort? contact = a.Contact, ended = a.Ended;
                double? vBeforeEvent = a.VBeforeEvent;
                double vBridged = a.VBridged;
                // stop conditions: 'until' of this step, 'Stop if' of the run, the cathode running out
                // a condition that the state just before this step's event did not meet was met by the event: the step
                // ends with the event and writes the voltage after it. One met before the event is located as any other,
                // and the event, which comes after that moment, is undone (Restore).
                var stop = StepEngine.Check(until, stops, v, shortNow, holdV is null ? i : iEnd, currentLimit, vBeforeEvent);
                var hit = stop.Hit;
                if (hit is not null && hit is not ShortCircuitCondition && !stop.MetByEvent)
                {
                    shortNow = false; contact = null; ended = null;
                    // locate the crossing (StepControl.Locate: a cut-off to 1 mV and 10⁻⁴ of the step's time, a hold's current limit to
                    // 10⁻⁴ of the step's time, the compliance to 1 ms) and end the step there; the voltage written is the one computed at that moment
                    (hit, dt) = StepEngine.EndAtCrossing(this, hit, dt, v, Probe(i, k, holdV, until, stops, currentLimit), stops, complianceVolts, i, iCell,
                        holdV is null && profile is null ? vLast : double.NaN, StepEngine.CrossingTimeTolerance(elapsed, dt, ts),
                        iStart: i, iEnd: holdV is null ? i : iEnd, currentLimit: currentLimit);
                    stop = stop with { Hit = hit };
                    if (holdV is { } h4) iEnd = SolveHoldCurrent(h4, k, i);
                    (v, _) = Voltage(holdV is null ? i : iEnd, k);
                }
                // the charge of the interval is the one the state was advanced with (a hold's starting current; counting the
                // end current instead lost the decay's share, and a hold cycle's efficiency came out above 100 %)
                double iPassed = i;
                if (holdV is not null) i = iEnd;
                // a current the cell cannot take even at its start (|V| beyond compliance at once) leaves no point
                if (StepEngine.Records(dt, stop, v))
                {
                    acc?.Add(iPassed, vLast, v, dt, isCharge, holdV is null && profile is null);
                    halves.Add(iPassed, dt);
                    stepQ += iPassed * dt;
                    _t += dt;
                    vLast = v; iLast = i;
                    if (log.RecordsSeries) recording.Add(_t, Snapshot(i, v, stepQ, cycle, stepIndex, k));
                    if (cell.CathodeGrowth is not null) NoteFormation(saved.QPoly, events, formationMarks, cycle, k.T);
                }

                StepEngine.NoteSoftShorts(events, _bridges, contact, a.StandingBefore, ended, vBridged, _t, cycle);

                if (onset is null && _a.Filament > saved.A.Filament)
                {
                    // the first time step in which a filament grew: plating met the electrolyte's penetration criterion,
                    // located within the step (decision 0073): the longest advance from its start over which none grows, to 1 ms
                    double delay = OnsetLocation.Delay(tau => GrowsWithin(iCell, k, tau), dt);
                    onset = DendriteOnset.Record(t0 + delay, cycle, iCell, rampCurrent is { } rc ? ToDensity(rc, capacityPerC) : null, cell.Anode.Label, events);
                }
                if (shortNow)
                {
                    shortTime = _t; shortCycle = Math.Max(cycle, 1);
                    events.Add(new SimulationEvent(_t, shortCycle.Value, "short_circuit", ElectrodeSideDynamics.Intruded(cell.Anode, _a)
                        ? $"short circuit: the anode's metal crept through the open pores of the {cell.SeparatorThickness * 1e6:G4} µm electrolyte under the stack pressure; the cell discharges through it"
                        : $"short circuit: a metal filament from the anode spans the {cell.SeparatorThickness * 1e6:G4} µm electrolyte; the cell discharges through it"));
                    // the cell's end, not a stop condition: no "stop" event
                    log.EndReason = $"the cell failed: short circuit at {_t / 3600:G5} h";
                    log.StopReason = "short_circuit";
                    log.Stopped = true;
                    break;
                }
                ElectrodeSideDynamics.CheckDepletion(ref _a, cell.Anode, events, _t, cycle);
                if (_a.Metal <= 0 && i < 0)
                {
                    log.Stop(_t, cycle, $"stopped: the anode's metal is used up at {_t / 3600:G5} h", "metal_exhausted");
                    break;
                }
                if (hit is not null)
                {
                    if (hit == until || hit is CurrentBelowCondition || hit is CapacityCondition) break;
                    log.Stop(_t, cycle, hit, step);
                    break;
                }
                if (!double.IsPositiveInfinity(capacityLimit) && Math.Abs(stepQ) >= capacityLimit * (1 - 1e-9)) break;
                if (_t >= tEnd - 1e-9 && duration is null && until is not null)
                {
                    events.Add(new SimulationEvent(_t, cycle, "timeout", $"'{step.Text}' did not reach its condition within {maxDuration / 3600:G4} h"));
                }
                log.Progress(_t);
            }
            recording.EndStep();
        }
        BeforeStep?.Invoke(steps.Count + 1); // and the state the run ends in
        if (acc is not null) cycles.Add(acc.Finish(_t) with { Interrupted = log.Stopped });
        // each spectrum's depth of discharge, now that the discharges it was taken in have ended (HalfCycleTracker)
        halves.End(log.Stopped);
        for (int n = 0; n < spectra.Count; n++)
            spectra[n] = spectra[n] with { DepthOfDischarge = halves.DepthOfDischarge(spectra[n].Cycle!.Value, spectra[n].HalfCycle!, spectra[n].HalfCycleCharge!.Value) };
        FormationResult? formation = null;
        if (cell.CathodeGrowth is { } gr)
        {
            formationRows.Add(FormationRecord(Math.Max(cycle, 1), cell.TemperatureK));
            formation = new FormationResult(gr.Law, _qPoly, gr.MassPerArea(_qPoly), gr.Thickness(_qPoly), gr.Coverage(_qPoly), MonomerConsumed,
                formationAsr0, CathodeInterfaceAsr(cell.TemperatureK) / Math.Max(_phiC, 1e-6), formationRows);
        }
        // an efficiency above 100 % is written as computed, with an event that says where it can come from (the
        // charge is conserved): charge stored before the cycle, which a half cycle that its cut-off ended early
        // left, or, for a cell that starts discharged-first, the electrolyte's oxidation on charge
        foreach (var c in cycles.Where(c => c.CoulombicEfficiency > 1 + EfficiencyNoteExcess))
            events.Add(new SimulationEvent(c.EndS, c.Cycle, "coulombic_efficiency_above_100",
                $"cycle {c.Cycle}: coulombic efficiency {100 * c.CoulombicEfficiency:F1} %: " + (c.ChargeFirst
                    ? c == cycles[0] && cat.Intercalation is { } firstCathode
                        ? $"its discharge went beyond the state the cell started in (the cathode started at stoichiometry {firstCathode.Initial:G3}, short of where the discharge's cut-off lies)"
                        : "its discharge returned charge stored before the cycle (left by an earlier discharge that its cut-off ended early)"
                    : "its charge passed more than its discharge: charge stored before the cycle, or the electrolyte's oxidation (cei_charge_mAh_cm2 in timeseries.csv)")));
        progress?.Report(1);

        return new FullCellResult(cell.Spec.Name, cell.Area, cell.TemperatureK, cat.ActiveMass, cat.NominalCapacity,
            cat.Intercalation?.TheoreticalCapacity ?? cat.Conversion!.TheoreticalCapacity,
            log.Series, cycles, events, shortTime.HasValue, shortTime, shortCycle, log.EndReason, cell.ReferenceCycle, spectra,
            FullCellReportData.Derived(cell), cat.Conversion is not null, _salt is not null, log.TimeSteps)
        {
            Warnings = [.. warnings, .. SpectrumFit.Warnings(spectra)], StopReason = log.StopReason, Onset = onset, Mechanisms = cell.Spec.Mechanisms, ElectrolyteThicknessM = cell.ElectrolyteThickness,
            LeakageAsr = LeakageAsr() is var re && double.IsFinite(re) ? re : null,
            CathodeBpxSources = cat.Bpx?.Sources,
            SoftShorts = _bridges.Records,
            Formation = formation,
            CathodeLayerSurfaceArea = cell.CathodeGrowth?.SurfaceArea,
        };
    }

    /// <summary>Share of the monomer there was that has polymerised (0 without a grown layer).</summary>
    double MonomerConsumed => _monomer is null ? 0 : 1 - _monomer.Left / _monomer.Initial;

    /// <summary>The grown layer and the cathode interface (Ω m², with the CEI and over the contact) at temperature T now.</summary>
    FormationRow FormationRecord(int cycle, double T)
    {
        var g = _cell.CathodeGrowth!;
        return new FormationRow(cycle, _t, _qPoly, g.Thickness(_qPoly), g.Coverage(_qPoly), CathodeInterfaceAsr(T) / Math.Max(_phiC, 1e-6), MonomerConsumed);
    }

    /// <summary>Events of the grown layer: the polymerisation's onset, its coverage passing 50, 90 and 99 %, 90 % of the monomer used.</summary>
    void NoteFormation(double qBefore, List<SimulationEvent> events, HashSet<double> marks, int cycle, double T)
    {
        var g = _cell.CathodeGrowth!;
        if (_qPoly > qBefore && marks.Add(double.NaN))
            events.Add(new SimulationEvent(_t, Math.Max(cycle, 1), "polymerisation_onset",
                $"{g.Law.Monomer} starts to polymerise on the {Cat.Material.Name} composite (onset {g.Law.OnsetPotential:F2} V; cathode at {_uc:F3} V, cell at {T - Si.ZeroCelsius:G3} °C)"));
        double theta = g.Coverage(_qPoly);
        foreach (var mark in (double[])[0.5, 0.9, 0.99])
            if (theta >= mark && marks.Add(mark))
                events.Add(new SimulationEvent(_t, Math.Max(cycle, 1), "coverage",
                    $"the {g.Law.Polymer} layer covers {mark * 100:G3} % of the {Cat.Material.Name} particles' surface (mean thickness {g.Thickness(_qPoly) * 1e9:F2} nm); cathode interface {CathodeInterfaceAsr(T) / Math.Max(_phiC, 1e-6) / Si.OhmCm2:G4} Ohm cm2 at {T - Si.ZeroCelsius:G3} °C"));
        if (MonomerConsumed >= 0.9 && marks.Add(-1))
            events.Add(new SimulationEvent(_t, Math.Max(cycle, 1), "monomer_consumed", $"90 % of the {g.Law.Monomer} in the electrolyte is polymerised"));
    }

    /// <summary>True when the anode's metal crept through the electrolyte's pores (a hard short at once).</summary>
    bool Crept() => ElectrodeSideDynamics.Intruded(_cell.Anode, _a);

    /// <summary>A fused bridge leaves the anode's filament at <paramref name="length"/> (the separator less the molten gap).</summary>
    void Cut(int side, double length)
    {
        _a.Filament = length;
        _a.FibreOwed = Math.Min(_a.FibreOwed, length);
    }

    /// <summary>
    /// The probe StepControl.Locate bisects with (StepEngine.EndAtCrossing): from the saved state at the step's start,
    /// advanced by τ at current i (or the current that holds <paramref name="holdV"/>). A method of its own so that its
    /// closure is made only when a condition is met, not at every time step.
    /// </summary>
    Func<double, (bool Met, double V, double I)> Probe(double i, StepConstants k, double? holdV, Condition? until, IReadOnlyList<StopStep> stops, double currentLimit) => tau =>
    {
        Restore(_saved);
        Advance(i, IonicCurrent(i, k), k, tau, out _);
        double im = holdV is { } h ? SolveHoldCurrent(h, k, i) : i;
        var (vm, _) = Voltage(im, k);
        return (StepControl.FirstMet(until, stops, vm, false, im, currentLimit) is not null, vm, im);
    };

    void IStepModel.RestoreStep() => Restore(_saved);

    bool IStepModel.Advance(double i, double iCell, double dt, out double dtShort) => Advance(i, iCell, _k, dt, out dtShort);

    double IStepModel.VoltageAt(double i) => Voltage(i, _k).v;

    double IStepModel.IonicCurrentAt(double i) => IonicCurrent(i, _k);

    bool IStepModel.MakesNewContact() => Crept() || !_bridges.StandsOn(0);

    SoftShort? IStepModel.Touch(double i, double t, int cycle, out int standingBefore)
    {
        standingBefore = _bridges.Bridges.Count;
        // across the bridge: the cell's voltage with it in parallel, or in a hold the voltage the instrument holds
        var contact = _bridges.Contact(0, _cell.Anode.Label, i, _k.T, cycle, t, Crept(), () => _holdV ?? Voltage(i, _k).v, _cut ??= Cut, out bool hard);
        if (hard) _shorted = true;
        return contact;
    }

    bool IStepModel.IsShorted => _shorted;

    bool IStepModel.HasStandingBridges => _bridges.Any;

    SoftShortBridges.Change IStepModel.StepBridges(double i, double v, double t, out SoftShort? ended)
    {
        (ended, var what) = _bridges.Step(i, _k.T, v, t, _filament ??= _ => _a.Filament, _cut ??= Cut);
        if (what == SoftShortBridges.Change.HardShort) _shorted = true;
        return what;
    }

    // made once per run, not at every call
    Func<int, double>? _filament;
    Action<int, double>? _cut;

    double IStepModel.ImplicitHoldCurrent(double dt) => throw new NotSupportedException("a full cell's hold solves its current at the end of the step (HoldControl.AtEnd)");

    double IStepModel.HoldCurrentAt(double guess) => SolveHoldCurrent(_holdV!.Value, _k, guess);

    // the set voltage of the hold under way (null: not a hold)
    double? _holdV;

    double ToDensity(CurrentSpec spec, double capacityPerC) => spec.Unit switch
    {
        CurrentUnit.Density => spec.Value,
        CurrentUnit.Absolute => spec.Value / _cell.Area,
        CurrentUnit.CRate => spec.Value * capacityPerC,
        _ => spec.Value * Cat.ActiveMass,
    };

    double ToAreal(CapacityCondition c) => c.Unit switch
    {
        CurrentUnit.Density => c.Value,
        CurrentUnit.Absolute => c.Value / _cell.Area,
        _ => c.Value * Cat.ActiveMass,
    };

    double EstimatedDuration(double i, double capacityLimit, double maxDuration)
    {
        if (i == 0) return maxDuration;
        double full = Cat.NominalCapacity * Cat.ActiveMass / Math.Abs(i);
        return Math.Min(Math.Min(full, capacityLimit / Math.Abs(i)), maxDuration);
    }

    double PlannedDuration(Step s, CurrentSpec? ramp, double capacityPerC) => s switch
    {
        RestStep r => r.DurationS,
        CurrentStep { Profile: not null } c => c.DurationS ?? 0,
        CurrentStep c when (c.Current ?? ramp) is { } cur => c.DurationS ?? Cat.NominalCapacity * Cat.ActiveMass / ToDensity(cur, capacityPerC),
        HoldStep h => h.DurationS ?? 1800,
        _ => 0,
    };

    /// <summary>
    /// The current that holds the cell at voltage vHold: the particle's diffusion limit when even that
    /// current leaves the cell below the held voltage, otherwise the root of V(i) = vHold (V increases
    /// with i) by safeguarded Newton from the last current, with an outward bracket search and
    /// bisection with secant steps (Illinois variant of regula falsi) as the fallback.
    /// </summary>
    double SolveHoldCurrent(double vHold, StepConstants k, double guess)
    {
        // the electronic leak passes vHold/R_e at the held voltage on top of the ionic path's current (0 when R_e = ∞)
        double leak = _shorted ? 0 : vHold / ElectronicAsr(k.T);
        return leak + SolveHoldIonicCurrent(vHold, k, guess - leak);
    }

    /// <summary>The ionic path's current at which its voltage is vHold (see <see cref="SolveHoldCurrent"/>).</summary>
    double SolveHoldIonicCurrent(double vHold, StepConstants k, double guess)
    {
        double scale = Cat.NominalCapacity * Cat.ActiveMass / 3600; // 1C
        double G(double i) => IntactVoltage(i, k) - vHold;
        // an intercalation cathode cannot pass more than diffusion brings to its surface: when even the
        // current that empties (or fills) the surface leaves the cell short of the held voltage, the hold
        // current is that diffusion limit (the voltage is discontinuous there, so no root finder lands on it).
        // Otherwise a safeguarded Newton iteration keeps a bracket [lo, hi] of the root and bisects whenever
        // a step would leave it.
        double lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        if (DiffusionLimitedCurrent(k, charging: guess >= 0) is { } lim)
        {
            double gl = G(lim);
            if (guess >= 0 ? gl <= 0 : gl >= 0) return lim;
            // the root lies inside the limit: start from there if the last current is beyond it
            if (guess >= 0) { hi = lim; guess = Math.Min(guess, lim); }
            else { lo = lim; guess = Math.Max(guess, lim); }
        }
        // Newton from the last current (it changes little from step to step); 1 µV is far below any
        // voltage the model resolves
        const double tol = 1e-6;
        {
            // the difference step points toward zero current, away from the diffusion limit, and shrinks
            // with the Newton steps
            double x = guess, h = 1e-3 * scale;
            for (int it = 0; it < 16; it++)
            {
                double g = G(x);
                if (Math.Abs(g) < tol) return x;
                if (g > 0) hi = Math.Min(hi, x); else lo = Math.Max(lo, x);
                if (hi - lo < 1e-10 * scale) return 0.5 * (lo + hi);
                double hs = x >= 0 ? -h : h;
                double dg = (G(x + hs) - g) / hs;
                double nx = x - g / dg;
                if (!(dg > 0) || !double.IsFinite(nx) || nx <= lo || nx >= hi)
                {
                    if (double.IsInfinity(lo) || double.IsInfinity(hi)) break;
                    nx = 0.5 * (lo + hi);
                }
                h = Math.Clamp(Math.Abs(nx - x), 1e-7 * scale, 1e-3 * scale);
                x = nx;
            }
        }
        double a = guess, fa = G(a);
        if (fa == 0) return a;
        double step = Math.Max(0.01 * scale, 0.1 * Math.Abs(guess));
        double b = fa > 0 ? a - step : a + step, fb = G(b);
        for (int n = 0; n < 60 && Math.Sign(fa) == Math.Sign(fb); n++)
        {
            a = b; fa = fb;
            step *= 2;
            b = fa > 0 ? a - step : a + step;
            fb = G(b);
        }
        if (Math.Sign(fa) == Math.Sign(fb)) return b;
        int side = 0;
        for (int it = 0; it < 80; it++)
        {
            double c = (a * fb - b * fa) / (fb - fa);
            if (!double.IsFinite(c) || c <= Math.Min(a, b) || c >= Math.Max(a, b)) c = 0.5 * (a + b);
            double fc = G(c);
            if (Math.Abs(fc) < tol || Math.Abs(b - a) < 1e-10 * scale) return c;
            if (Math.Sign(fc) == Math.Sign(fb)) { b = c; fb = fc; if (side == -1) fa *= 0.5; side = -1; }
            else { a = c; fa = fc; if (side == 1) fb *= 0.5; side = 1; }
        }
        return 0.5 * (a + b);
    }


    /// <summary>Electrochemically active particle surface per cell area: the connected, intact material's.</summary>
    double ActiveSurface => Cat.SurfaceArea * Math.Max(_phiC * _active, 1e-9);

    /// <summary>Outward molar flux at the particle surface (mol/(m² s)) for intercalation current iInt (A/m²) through active surface a.</summary>
    static double ParticleFlux(double iInt, IntercalationCathode ic, double a) => iInt / (ic.ChargeNumber * Si.Faraday * a);

    /// <summary>
    /// The external current at which the cathode particle surface just empties (charging) or fills
    /// (discharging), a hair inside so that the surface still carries it; null for conversion cathodes.
    /// </summary>
    double? DiffusionLimitedCurrent(StepConstants k, bool charging)
    {
        var c = Cat;
        if (c.Intercalation is not { } ic) return null;
        double target = charging ? 1e-9 * ic.MaxConcentration : (1 - 1e-9) * ic.MaxConcentration;
        double iInt = c.Particle!.FluxForSurface(_cs!, target, k.DParticle) * ic.ChargeNumber * Si.Faraday * ActiveSurface;
        // a surface already at the limit passes no intercalation current until diffusion refills it
        iInt = charging ? Math.Max(iInt, 0) : Math.Min(iInt, 0);
        iInt *= 1 - 1e-9;
        // external current = intercalation + the parasitic share it carries (fixed point; the share is
        // a weak function of the current)
        double i = iInt;
        for (int it = 0; it < 4; it++)
        {
            double next = iInt + ParasiticShare(i, k);
            if (Math.Abs(next - i) <= 1e-9 * Math.Abs(iInt)) { i = next; break; }
            i = next;
        }
        return i;
    }

    void SetConstants(StepConstants k, double T)
    {
        if (k.T == T) return;
        var cell = _cell;
        k.T = T;
        k.RSeparator = cell.ElectrolyteAsr(T);
        k.RComposite = Cat.IonicAsr(T);
        k.RInterface = Cat.Interface.Asr(0, T);
        k.DParticle = Cat.Intercalation?.Diffusivity(T) ?? 0;
        k.DSalt = cell.SaltDiffusivity?.Invoke(T) ?? 0;
        k.Anode.Set(cell.Anode, T, cell.StackPressure);
    }

    /// <summary>
    /// The mechanisms' limits on the voltage change of a step, below the full-cell default: half a Tafel slope while a
    /// strongly potential-dependent process (parasitic oxidation, active-material loss) matters, since those are coupled
    /// explicitly through the cathode potential (VoltageStepLimit).
    /// </summary>
    VoltageStepRule[] VoltageRules(StepConstants k, double ts)
    {
        var deg = _cell.Degradation;
        var rules = new List<VoltageStepRule>();
        if (deg.CathodeInterphase)
            rules.Add(new("cathode-interphase", i => Parasitic(k) > 1e-3 * Math.Abs(i) ? ts * 0.5 * Cat.Interface.TafelSlope : double.PositiveInfinity));
        if (deg.ActiveMaterialLoss && Cat.Intercalation?.Fade is { } f)
            rules.Add(new("active-material-loss", i => f.Rate(_uc) > 1e-7 ? ts * 0.5 * f.PotentialSlope : double.PositiveInfinity));
        // the polymerisation on the cathode (§16.2) is split off at the step's start like the parasitic oxidation: a tenth
        // of its e-folding voltage RT/(αF) per step keeps the split from swinging as the particles' surface empties under it
        if (_cell.CathodeGrowth is { } g)
            rules.Add(new("cathode layer growth (polymerisation, decision 0029)", i => _iPolyLast > 1e-3 * Math.Abs(i)
                ? ts * 0.1 * Si.GasConstant * k.T / (g.Law.TransferCoefficient * Si.Faraday) : double.PositiveInfinity));
        return [.. rules];
    }

    /// <summary>The particles' diffusion after a change of current: the step at most the time since it, τ/100 or 1 s, for 0.3 τ.</summary>
    static readonly DiffusionTransientStep ParticleTransient = new(1, 0.01, 1, 0.3);

    /// <summary>
    /// The salt profile across the electrolyte after a change of current: the step at most the time since it, τ/20 or 1 s,
    /// for 3 τ. The profile itself is exact in time (ConcentrationPolarisation.Advance); this resolves what reads its
    /// faces over a step (the concentration overpotential in the voltage limit, a nucleation spot's Sand onset).
    /// </summary>
    static readonly DiffusionTransientStep SaltTransient = new(1, 0.05, 1, 3);

    /// <summary>The state of charge: at most 5 % of the cathode's full charge per step.</summary>
    static readonly CapacityShareStep CapacityShare = new(0.05);

    /// <summary>The step proposal's components, registered for the run under way (<see cref="Proposals"/>).</summary>
    StepProposal[] _proposals = [];

    /// <summary>The step proposal's components of this run (for tests); empty before a run.</summary>
    internal IReadOnlyList<StepProposal> StepProposals => _proposals;

    /// <summary>
    /// The step proposal's components (decision 0054): the anode's (IElectrodeStepProposal.Register: contact, nucleation,
    /// the filament across the separator when the short-circuit mechanism is on, amalgam film; it plates on charge), the
    /// diffusion transients after a change of current (the particles', the salt profile's; the solvers are stable at any
    /// step, so these are for accuracy only; scaled by the tolerance scale, decision 0042), and the state of charge.
    /// </summary>
    StepProposal[] Proposals(StepConstants k)
    {
        var cell = _cell;
        var list = new List<StepProposal>();
        double sep = cell.Degradation.ShortCircuit ? cell.SeparatorThickness : double.PositiveInfinity;
        IElectrodeStepProposal.Register(list, cell.Anode, k.Anode, false, -1, "anode", sep, _opt.MaxContactChange);
        if (Cat.Particle is { } pd)
            list.Add(new CellProposal(ParticleTransient, "particle transient", (_, elapsed) => ParticleTransient.MaxStep(elapsed, pd.TimeConstant(k.DParticle))));
        if (_salt is not null)
            list.Add(new CellProposal(SaltTransient, "salt transient", (_, elapsed) => SaltTransient.MaxStep(elapsed, cell.Concentration!.TimeConstant(k.DSalt))));
        list.Add(new CellProposal(CapacityShare, "state of charge", (i, _) => CapacityShare.MaxStep(i, Cat.FullCharge)));
        return UnscaledProposal.Hold(list, _opt);
    }

    /// <summary>Time step suggested by how fast the state changes at current i: the shortest of the run's components (the anode is electrode 1).</summary>
    double SuggestDt(double i, double elapsed) => Suggest(_proposals, new StepView(in _a, in _a, i, elapsed));

    /// <summary>The proposal of the components <paramref name="proposals"/> in <paramref name="v"/> at this run's tolerance scale (SuggestDt's; tests pass one component).</summary>
    internal double Suggest(ReadOnlySpan<StepProposal> proposals, in StepView v) => StepProposal.Shortest(proposals, v, _opt.ToleranceScale);

    /// <summary>
    /// Advance the anode a and the salt profile salt (null: none simulated) by dt at ionic current iCell (the anode plates while
    /// the cell charges, iCell &gt; 0), in a cell shorted or not. True when the anode's filament or creeping metal reaches the cathode.
    /// </summary>
    bool AdvanceAnode(ref SideState a, double[]? salt, bool shorted, double iCell, StepConstants k, double dt, ref double dtShort)
    {
        // the salt at the anode's face before and after the step: where a nucleation spot runs out (SandOnset),
        // from the simulated profile as in a symmetric cell (the anode is the profile's right-hand face: it
        // plates while the cell charges, i > 0)
        double face0 = double.NaN, face1 = double.NaN;
        if (salt is not null) ((_, face0), (_, face1)) = _cell.Concentration!.AdvanceWithFaces(salt, iCell, k.DSalt, dt);
        // anode; its interphase front may convert the whole electrolyte, up to the cathode
        double sep = _cell.Degradation.ShortCircuit ? _cell.SeparatorThickness : double.PositiveInfinity;
        return ElectrodeSideDynamics.Advance(_cell.Anode, ref a, -iCell, k.Anode, dt, sep, shorted, ref dtShort,
            face0, face1, ElectrodeSideDynamics.InterphaseRoom(_cell.Anode, _cell.ElectrolyteThickness, 0));
    }

    /// <summary>
    /// Whether the anode's filament grows over an advance of tau from the saved start of the time step at ionic current iCell
    /// (OnsetLocation): the saved anode and a copy of the saved salt profile advanced, the model's own state left as it is.
    /// </summary>
    bool GrowsWithin(double iCell, StepConstants k, double tau)
    {
        var a = _saved.A;
        double[]? salt = null;
        if (_saltSave is not null) { salt = _saltProbe ??= new double[_saltSave.Length]; Array.Copy(_saltSave, salt, salt.Length); }
        double dtShort = tau;
        AdvanceAnode(ref a, salt, _saved.Shorted, iCell, k, tau, ref dtShort);
        return a.Filament > _saved.A.Filament;
    }

    // the salt profile GrowsWithin advances (made once per run)
    double[]? _saltProbe;

    /// <summary>Advance every state by dt at external current i (iCell through the ionic path). True when the cell shorts.</summary>
    bool Advance(double i, double iCell, StepConstants k, double dt, out double dtShort)
    {
        dtShort = dt;
        var deg = _cell.Degradation;
        var cat = Cat;
        _polyDt = dt;
        double side = ParasiticShare(iCell, k, out double iPoly);
        _polyDt = 0;
        _polyDtLast = dt;
        double iPar = side - iPoly;
        double iInt = iCell - side;
        if (_cell.CathodeGrowth is { } growth)
        {
            // the monomer consumed in the step at the split's potential: the same implicit step the split evaluated, kept,
            // so that the polymer's charge and the monomer left add up to the monomer there was
            double kSink = iPoly > 0 ? growth.SinkRate(PolymerisationPotential(CathodePotential(iInt, k, out _, electrode: false), iInt, k), k.T) : 0;
            double cs = _monomer!.Step(kSink, growth.Law.MonomerDiffusivity(k.T), dt, commit: true);
            _iPolyLast = kSink * growth.Law.ElectronsPerMonomer * Si.Faraday * cs;
            _qPoly += _iPolyLast * dt;
        }
        // the salt profile and the anode (AdvanceAnode)
        var anodeState = _a;
        bool shorted = AdvanceAnode(ref anodeState, _salt, _shorted, iCell, k, dt, ref dtShort);
        _a = anodeState;
        // cathode
        double uc = CathodePotential(iInt, k, out _, electrode: false);
        // a fully converted cathode cannot take the discharge current: a reduction, where there is one, does
        bool converted = cat.Conversion is not null && ConversionFull && iInt < 0;
        if (Reducing(iInt, converted ? double.NegativeInfinity : uc))
        {
            // the discharge current reduces the electrolyte instead of lithiating the cathode, as far as there
            // is electrolyte left to reduce; the rest of the step's charge lithiates the cathode
            double take = Math.Min(-iInt * dt, cat.Interface.ReductionCharge - _reduced);
            _reduced += take;
            iInt += take / dt;
            uc = cat.Interface.ReductionOnset;
        }
        if (cat.Intercalation is { } ic)
        {
            cat.Particle!.Advance(_cs!, ParticleFlux(iInt, ic, ActiveSurface), k.DParticle, dt);
            if (deg.ContactLoss && cat.ContactFatigue > 0)
            {
                // the stoichiometry swing of the step: |i_int|·dt over the charge of the connected material
                double dx = Math.Abs(iInt) * dt / (cat.FullCharge * Math.Max(_phiC * _active, 1e-9));
                _phiC = Math.Max(1e-6, _phiC * Math.Exp(-cat.ContactFatigue * ic.VolumeChange * dx));
            }
            if (deg.ActiveMaterialLoss && ic.Fade is { } fade)
                _active = Math.Max(1e-6, _active * Math.Exp(-fade.Rate(uc) * dt));
        }
        else
        {
            var cc = cat.Conversion!;
            double q = cat.FullCharge;
            double dQ = -iInt * dt / q;                 // lithium taken up, as a share of the full conversion
            double x0 = _x, eps0 = _x * (cc.RelativeVolume(_s) - 1);
            if (iInt != 0) _discharging = iInt < 0;
            if (dQ > 0)
            {
                // discharge: the reformed phases first while their potential is the higher, then the pyrite front
                ConversionOpenCircuit(cc, true, out bool toShell);
                if (toShell)
                {
                    double room = _xr * (1 - _s);
                    double take = Math.Min(dQ, room);
                    _s = room - take <= ConversionTrace ? 1 : _s + take / _xr;
                    dQ -= take;
                }
                if (dQ > 0)
                {
                    // new product forms, fully lithiated, in the connected particles (they carry the current)
                    double conv = Math.Min(dQ, 1 - _x);
                    _s = (_s * _xr + conv) / Math.Max(_xr + conv, 1e-300);
                    _xr += conv; _x += conv; dQ -= conv;
                    if (_x >= 1 - 1e-12) _x = 1;
                    // the part of a discharge step beyond full conversion goes to the electrolyte's reduction while it
                    // lasts; any charge still beyond an end makes the voltage infinite there, so the step is ended
                    // before it (StepControl.Locate) and no charge is lost from the record
                    if (dQ > 0 && _reduced < cat.Interface.ReductionCharge)
                        _reduced = Math.Min(cat.Interface.ReductionCharge, _reduced + dQ * q);
                }
            }
            else if (dQ < 0)
            {
                // charge: the reachable product gives its lithium back through Li2FeS2 to FeS_y + S (pyrite does not re-form)
                double have = _xr * _s, give = Math.Min(-dQ, have);
                _s = have - give <= ConversionTrace ? 0 : _s - give / Math.Max(_xr, 1e-300);
                // the part of a charge step beyond what the reachable product holds: the electrolyte's oxidation carries
                // the current (ParasiticShare), and that charge builds the CEI
                if (-dQ > give && deg.CathodeInterphase) _cei += (-dQ - give) * q;
            }
            if (deg.ContactLoss && cc.ContactLossCoefficient > 0)
            {
                // contact lost in proportion to the strain beyond what the electrolyte accommodates, on every swing of the
                // particle's volume (expansion on discharge, contraction on charge); in the first discharge the strain is
                // ΔV/V·X and this is dφ = −β·max(0, ΔV/V·X − ε_acc)·|dX|
                double eps1 = _x * (cc.RelativeVolume(_s) - 1);
                double excess = Math.Max(0, 0.5 * (eps0 + eps1) - cc.StrainAccommodation);
                double phi0 = _phiC;
                _phiC = Math.Max(1e-6, _phiC - cc.ContactLossCoefficient / cc.VolumeExpansion * excess * Math.Abs(eps1 - eps0));
                // the particles that lost contact take their product with them: it can no longer be charged or discharged
                if (_phiC < phi0 && _xr > 0)
                {
                    double keep = _phiC <= 1e-6 ? 0 : _phiC / phi0;
                    _liStranded += (1 - keep) * _xr * _s;
                    _xr *= keep;
                }
            }
        }
        if (deg.CathodeInterphase) _cei += iPar * dt;
        _uc = uc;
        // the external charge the electronic leak and a standing bridge carried past the ions, split between them as
        // parallel conductances (after a short the shunt takes a share too)
        if (!_shorted && i != iCell)
        {
            double gB = _bridges.Any ? 1 / _bridges.Asr(k.T) : 0, gE = 1 / LeakageAsr();
            double toBridge = gB > 0 ? gB / (gB + gE) : 0;
            _bridgeCharge += toBridge * (i - iCell) * dt;
            _leaked += (1 - toBridge) * (i - iCell) * dt;
        }
        return !_shorted && shorted;
    }

    // ------------------------------------------------------------------ bookkeeping

    FullTimePoint Snapshot(double i, double v, double stepQ, int cycle, int stepIndex, StepConstants k)
    {
        var cat = Cat;
        CathodeSnapshot cs;
        if (cat.Intercalation is { } ic)
        {
            CathodePotential(i - ParasiticShare(i, k), k, out var xs);
            cs = new CathodeSnapshot(cat.Particle!.Average(_cs!) / ic.MaxConcentration, xs, double.NaN, double.NaN, double.NaN, _phiC, _active, _cei, _uc) { ReductionCharge = _reduced, PolymerisationCharge = _qPoly };
        }
        else
        {
            var (b, _) = ConversionFront(cat.Conversion!, _x);
            double R = cat.Conversion!.ParticleRadius;
            double aAxis = Math.Max(0, R - cat.Conversion.Anisotropy * (R - b));
            cs = new CathodeSnapshot(double.NaN, double.NaN, _x, 1 - aAxis / R, 1 - b / R, _phiC, _active, _cei, _uc)
            {
                ReductionCharge = _reduced,
                ProductLithiation = _x > 0 ? (_xr * _s + _liStranded) / _x : double.NaN,
                ReachableProduct = _x > 0 ? _xr / _x : double.NaN,
            };
        }
        double rc = double.NaN, ra = double.NaN;
        if (_salt is not null)
        {
            var cp = _cell.Concentration!;
            rc = cp.CellAt(_salt, 0) / cp.InitialConcentration;
            ra = cp.CellAt(_salt, ConcentrationPolarisation.Cells - 1) / cp.InitialConcentration;
        }
        return new FullTimePoint(_t, i, v, stepQ, cycle, stepIndex, _shorted, ElectrodeSideDynamics.Snap(_cell.Anode, _a), cs, rc, ra) { LeakCharge = _leaked, Bridged = _bridges.Any, BridgeCharge = _bridgeCharge };
    }

    /// <summary>The present state, for the impedance model.</summary>
    internal (SideState anode, double[]? particle, double x, double phiC, double active, double cei, double uc) State => (_a, _cs, _x, _phiC, _active, _cei, _uc);

    /// <summary>
    /// Conversion cathodes: mean lithiation of all the converted material, reachable and stranded (1 = Fe + 2 Li2S; 1
    /// before any conversion). The metallic Fe of the dense surface layer is there whether or not its particle still
    /// touches the electrolyte.
    /// </summary>
    internal double ProductLithiation => _x > 0 ? Math.Clamp((_xr * _s + _liStranded) / _x, 0, 1) : 1;

    /// <summary>True once a filament (or the metal crept through pores) has shorted the cell.</summary>
    internal bool Shorted => _shorted;

    sealed class CycleAccumulator(int cycle, double start, bool chargeFirst, double negligible)
    {
        double _qc, _qd, _ec, _ed, _icQ, _icT, _idQ, _idT;
        public bool HasBoth => _qc > 0 && _qd > 0;

        public void Add(double i, double vPrev, double v, double dt, bool charge, bool constantCurrent)
        {
            if (i == 0) return;
            double q = Math.Abs(i) * dt;
            double e = q * 0.5 * (vPrev + v);
            if (i > 0) { _qc += q; _ec += e; if (constantCurrent) { _icQ += q; _icT += dt; } }
            else { _qd += q; _ed += e; if (constantCurrent) { _idQ += q; _idT += dt; } }
        }

        public FullCycleStats Finish(double end) =>
            new(cycle, _qc, _qd, _ec, _ed, _icT > 0 ? _icQ / _icT : double.NaN, _idT > 0 ? _idQ / _idT : double.NaN, start, end, chargeFirst) { NegligibleCharge = negligible };
    }
}
