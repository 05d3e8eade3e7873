using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;
using Interphase.Simulation;
using Interphase.Units;

namespace Interphase.Tests.Simulation;

/// <summary>
/// The step proposal's components (decision 0054), each read through the list a simulator registered for its run and
/// evaluated in the cell's initial state (a run of one impedance measurement, in which no time passes): what each
/// component limits, checked against the quantity it names (the contact's change, the charge plated, the filament's
/// growth, the amalgam film's advance, the charge passed).
/// </summary>
public class StepProposalTests
{
    static readonly MaterialLibrary Lib = MaterialLibrary.Load(TestPaths.Library);
    static readonly Protocol NoTime = ProtocolParser.ParseLines(["Measure EIS from 1 kHz to 10 Hz"]);

    static SymmetricCell Symmetric(string file) => SymmetricCell.Build(CellSpec.Load(Path.Combine(TestPaths.Cases, file), Lib), Lib);

    /// <summary>The symmetric simulator's registered components after a run in which no time passed.</summary>
    static IReadOnlyList<StepProposal> Registered(SymmetricCell cell, SimulationOptions? options = null)
    {
        var sim = new SymmetricSimulator(cell, options);
        sim.Run(NoTime);
        return sim.StepProposals;
    }

    /// <summary>An electrode's conditions at the cell's temperature and pressure, as the simulator sets them for a step.</summary>
    static SideConditions Conditions(ElectrodeSide side, CellWithElectrolyte cell)
    {
        var k = new SideConditions();
        k.Realise(side, null);
        k.Set(side, cell.TemperatureK, cell.StackPressure);
        return k;
    }

    static StepProposal Named(IReadOnlyList<StepProposal> list, string name) => Assert.Single(list, p => p.Name == name);

    /// <summary>A registered component's proposal at current i with electrodes e1 and e2 (a symmetric cell's, or a full cell's anode twice) in their initial state.</summary>
    static double At(StepProposal p, ElectrodeSide e1, ElectrodeSide e2, double i)
    {
        var s1 = ElectrodeSideDynamics.Initial(e1);
        var s2 = ElectrodeSideDynamics.Initial(e2);
        return p.MaxStep(new StepView(in s1, in s2, i, 0));
    }

    [Fact]
    public void TheContactComponentProposesTheStepInWhichTheContactChangesByMaxContactChange()
    {
        // A-bare-Li-LPSCl stripping 1 mA/cm², above the vacancy supply: the contact's rate at its initial value from a
        // finite difference of its own implicit update; the proposal is the step at which that rate moves it by 0.01
        var cell = Symmetric("A-bare-Li-LPSCl.yaml");
        var list = Registered(cell, new SimulationOptions { MaxContactChange = 0.01 });
        double i = 1 * Si.MilliampPerCm2;
        var side = cell.Left;
        var st = ElectrodeSideDynamics.Initial(side);
        var drive = ElectrodeSideDynamics.ContactRates(side, st, i, Conditions(side, cell));
        const double h = 1e-3;
        double rate = (drive.Step(st.Phi, h) - st.Phi) / h;
        Assert.True(Math.Abs(rate) > 1e-9, $"the contact should move while stripping (dφ/dt = {rate:G3} /s)");
        double dt = At(Named(list, "contact, electrode 1"), cell.Left, cell.Right, i);
        Assert.Equal(0.01, dt * Math.Abs(rate), 1e-5);
        // electrode 2 strips when the current is negative, the same cell mirrored
        Assert.Equal(dt, At(Named(list, "contact, electrode 2"), cell.Left, cell.Right, -i), 1e-9 * dt);
    }

    [Fact]
    public void TheNucleationComponentProposesTheTimeToPlateHalfANucleationCharge()
    {
        // Li | LPSCl has a nucleation overpotential (25 mV, q_n from interfaces.yaml); electrode 2 plates at positive current
        var cell = Symmetric("A-bare-Li-LPSCl.yaml");
        var list = Registered(cell);
        var kin = cell.Right.Paths[0].Kinetics;
        Assert.True(kin.NucleationOverpotentialV > 0);
        double i = 0.3 * Si.MilliampPerCm2;
        var nucleation = Named(list, "nucleation, electrode 2");
        Assert.Equal(0.5 * kin.NucleationChargeCPerM2, At(nucleation, cell.Left, cell.Right, i) * i, 1e-12 * kin.NucleationChargeCPerM2);
        // not while the electrode strips, nor once six nucleation charges have plated
        Assert.Equal(double.PositiveInfinity, At(nucleation, cell.Left, cell.Right, -i));
        var plated = ElectrodeSideDynamics.Initial(cell.Right) with { QPlated = 6 * kin.NucleationChargeCPerM2 };
        var left = ElectrodeSideDynamics.Initial(cell.Left);
        Assert.Equal(double.PositiveInfinity, nucleation.MaxStep(new StepView(in left, in plated, i, 0)));
        var almost = plated with { QPlated = 5.9 * kin.NucleationChargeCPerM2 };
        Assert.Equal(0.5 * kin.NucleationChargeCPerM2, nucleation.MaxStep(new StepView(in left, in almost, i, 0)) * i, 1e-12 * kin.NucleationChargeCPerM2);
    }

    [Fact]
    public void TheFilamentComponentProposesTheTimeToGrowTwoPerCentOfTheSeparator()
    {
        // A-bare-Li-LPSCl plating 5 mA/cm², far above its critical current: a filament grows from the first instant
        var cell = Symmetric("A-bare-Li-LPSCl.yaml");
        var list = Registered(cell);
        double i = 5 * Si.MilliampPerCm2;
        var side = cell.Right;
        double v = ElectrodeSideDynamics.FilamentVelocity(side, ElectrodeSideDynamics.Initial(side), i, Conditions(side, cell));
        Assert.True(v > 0, "a filament should grow at 5 mA/cm²");
        double dt = At(Named(list, "filament, electrode 2"), cell.Left, cell.Right, i);
        // at the crack's start its velocity (∝ √(c + ℓ)) changes with depth: the step lets it change by 10 % (decision 0086)
        Assert.True(v * dt < 0.02 * cell.SeparatorThickness, $"advance {v * dt:G4} m at the crack's start");
        var deeper = ElectrodeSideDynamics.Initial(side) with { Filament = v * dt };
        double vDeeper = ElectrodeSideDynamics.FilamentVelocity(side, deeper, i, Conditions(side, cell));
        Assert.InRange(vDeeper / v, 1.09, 1.11);
        // deep in the pellet it changes slowly: 2 % of the separator per step
        var deep = ElectrodeSideDynamics.Initial(side) with { Filament = 0.6 * cell.SeparatorThickness };
        double vDeep = ElectrodeSideDynamics.FilamentVelocity(side, deep, i, Conditions(side, cell));
        var left = ElectrodeSideDynamics.Initial(cell.Left);
        double dtDeep = Named(list, "filament, electrode 2").MaxStep(new StepView(in left, in deep, i, 0));
        Assert.Equal(0.02 * cell.SeparatorThickness, vDeep * dtDeep, 1e-9 * cell.SeparatorThickness);
        // none while the electrode strips
        Assert.Equal(double.PositiveInfinity, At(Named(list, "filament, electrode 2"), cell.Left, cell.Right, -i));
    }

    [Fact]
    public void TheAmalgamComponentProposesTheStepInWhichTheFilmMovesTwoPerCentOfTheZone()
    {
        // E-amalgam-Li-LLTO stripping 1 mA/cm² from electrode 1: the liquid film's advance over one second from its
        // initial thickness; the proposal moves it by 2 % of the asperity-deep zone at that rate
        var cell = Symmetric("E-amalgam-Li-LLTO.yaml");
        var list = Registered(cell);
        var side = cell.Left;
        var am = side.Amalgam!;
        var st = ElectrodeSideDynamics.Initial(side);
        double i = 1 * Si.MilliampPerCm2;
        double layer = ElectrodeSideDynamics.AmalgamLayer(side, st);
        double zone = Math.Min(layer, side.Contact.AsperityHeight);
        Assert.True(st.X < zone);
        double perSecond = Math.Abs(am.AdvanceLiquid(st.X, i, layer, 1.0) - st.X);
        Assert.True(perSecond > 0, "the film should move while the amalgam strips");
        double dt = At(Named(list, "amalgam film, electrode 1"), cell.Left, cell.Right, i);
        Assert.Equal(0.02 * zone, perSecond * dt, 1e-9 * zone);
        Assert.Equal(double.PositiveInfinity, At(Named(list, "amalgam film, electrode 1"), cell.Left, cell.Right, 0));
    }

    [Fact]
    public void EachSymmetricCellRegistersTheComponentsOfItsMechanisms()
    {
        string[] Names(string file) => [.. Registered(Symmetric(file)).Select(p => p.Name)];
        // a garnet-like solid: contact, nucleation and filament on both electrodes, no salt profile
        Assert.Equal(["contact, electrode 1", "nucleation, electrode 1", "filament, electrode 1",
            "contact, electrode 2", "nucleation, electrode 2", "filament, electrode 2"], Names("A-bare-Li-LPSCl.yaml"));
        // a polymer: the salt profile's transient besides
        Assert.Contains("salt transient", Names("B-bare-Li-PEO.yaml"));
        // an amalgam on both electrodes: its film on each
        var amalgam = Names("E-amalgam-Li-LLTO.yaml");
        Assert.Contains("amalgam film, electrode 1", amalgam);
        Assert.Contains("amalgam film, electrode 2", amalgam);
    }

    [Fact]
    public void TheFullCellsCapacityComponentProposesTheTimeToPassFivePerCentOfTheCathode()
    {
        var lib = Lib;
        var spec = CellSpec.Load(Path.Combine(TestPaths.Cases, "B-LFP-bare-Li.yaml"), lib);
        var cell = FullCell.Build(spec, lib);
        var sim = new FullCellSimulator(cell);
        sim.Run(NoTime);
        var list = sim.StepProposals;
        double i = 3; // A/m², charging
        var soc = Named(list, "state of charge");
        Assert.Equal(0.05 * cell.Cathode.FullCharge, At(soc, cell.Anode, cell.Anode, i) * i, 1e-12 * cell.Cathode.FullCharge);
        Assert.Equal(At(soc, cell.Anode, cell.Anode, i), At(soc, cell.Anode, cell.Anode, -i));
        Assert.Equal(double.PositiveInfinity, At(soc, cell.Anode, cell.Anode, 0));
        // the anode's components (it plates on charge: a filament across the separator with the short circuit on),
        // and both diffusion transients
        Assert.Equal(["contact, anode", "nucleation, anode", "filament, anode", "particle transient", "salt transient", "state of charge"],
            list.Select(p => p.Name).ToArray());
        var anode = cell.Anode;
        double v = ElectrodeSideDynamics.FilamentVelocity(anode, ElectrodeSideDynamics.Initial(anode), 30, Conditions(anode, cell));
        Assert.True(v > 0, "the anode's filament should grow at 3 mA/cm²");
        Assert.Equal(0.02 * cell.SeparatorThickness, v * At(Named(list, "filament, anode"), cell.Anode, cell.Anode, 30), 1e-9 * cell.SeparatorThickness);
    }
    /// <summary>
    /// Each registered component's proposal through a simulator's own SuggestDt path (Suggest, one component at a time),
    /// at currents of both signs and two times since the current changed, in the electrodes' initial states; the
    /// proposals the component limits (finite), by the component's type.
    /// </summary>
    static Dictionary<(string Name, double I, double Elapsed), double> Proposed(IReadOnlyList<StepProposal> list,
        Func<StepProposal, StepView, double> suggest, ElectrodeSide e1, ElectrodeSide e2)
    {
        var s1 = ElectrodeSideDynamics.Initial(e1);
        var s2 = ElectrodeSideDynamics.Initial(e2);
        var at = new Dictionary<(string, double, double), double>();
        foreach (var p in list)
            foreach (double mA in new[] { 0.3, 1, 5, -0.3, -1, -5 })
                foreach (double elapsed in new[] { 1.0, 30 })
                {
                    double dt = suggest(p, new StepView(in s1, in s2, mA * Si.MilliampPerCm2, elapsed));
                    if (double.IsFinite(dt)) at[(p.Name, mA, elapsed)] = dt;
                }
        return at;
    }

    [Fact]
    public void HalvingTheToleranceScaleHalvesEveryComponentsProposal()
    {
        // every kind of component, each alone through the simulator's proposal at ToleranceScale 1 and 0.5: a garnet-like
        // solid (contact, nucleation, filament), an amalgam (its film), a polymer (the salt transient), a full cell (its
        // anode's, both diffusion transients, the state of charge)
        var covered = new HashSet<Type>();
        void Check(IReadOnlyList<StepProposal> l1, IReadOnlyList<StepProposal> lHalf,
            Func<StepProposal, StepView, double> s1, Func<StepProposal, StepView, double> sHalf, ElectrodeSide e1, ElectrodeSide e2)
        {
            Assert.Equal(l1.Select(p => p.Name), lHalf.Select(p => p.Name));
            var one = Proposed(l1, s1, e1, e2);
            var half = Proposed(lHalf, sHalf, e1, e2);
            Assert.Equal(one.Keys.Order(), half.Keys.Order());
            foreach (var (key, dt) in one)
            {
                // halving is exact in binary: the proposal at 0.5 is the one at 1 to the last bit
                Assert.True(0.5 * dt == half[key], $"{key}: {dt:R} s at scale 1, {half[key]:R} s at 0.5");
                // the component, not the floor, proposed it
                if (dt > StepProposal.Floor) covered.Add(l1.Single(p => p.Name == key.Name).Component.GetType());
            }
        }
        var half = new SimulationOptions { ToleranceScale = 0.5 };
        foreach (var file in new[] { "A-bare-Li-LPSCl.yaml", "E-amalgam-Li-LLTO.yaml", "B-bare-Li-PEO.yaml" })
        {
            var cell = Symmetric(file);
            var a = new SymmetricSimulator(cell);
            a.Run(NoTime);
            var b = new SymmetricSimulator(cell, half);
            b.Run(NoTime);
            Check(a.StepProposals, b.StepProposals, (p, v) => a.Suggest([p], v), (p, v) => b.Suggest([p], v), cell.Left, cell.Right);
        }
        var full = FullCell.Build(CellSpec.Load(Path.Combine(TestPaths.Cases, "B-LFP-bare-Li.yaml"), Lib), Lib);
        var fa = new FullCellSimulator(full);
        fa.Run(NoTime);
        var fb = new FullCellSimulator(full, half);
        fb.Run(NoTime);
        Check(fa.StepProposals, fb.StepProposals, (p, v) => fa.Suggest([p], v), (p, v) => fb.Suggest([p], v), full.Anode, full.Anode);
        Assert.Equal(new[] { typeof(AmalgamFilmStep), typeof(CapacityShareStep), typeof(ContactChangeStep), typeof(DiffusionTransientStep),
            typeof(FilamentStep), typeof(NucleationStep) }, covered.OrderBy(t => t.Name));
    }
    [Fact]
    public void AComponentHeldUnscaledKeepsItsShippedProposalWhileTheOthersHalve()
    {
        // the convergence check's switch (SimulationOptions.UnscaledProposals): nucleation held on both electrodes of
        // A-bare-Li-LPSCl at ToleranceScale 0.5, the contact not
        var cell = Symmetric("A-bare-Li-LPSCl.yaml");
        var one = new SymmetricSimulator(cell);
        one.Run(NoTime);
        var held = new SymmetricSimulator(cell, new SimulationOptions { ToleranceScale = 0.5, UnscaledProposals = new HashSet<string> { "nucleation" } });
        held.Run(NoTime);
        var s1 = ElectrodeSideDynamics.Initial(cell.Left);
        var s2 = ElectrodeSideDynamics.Initial(cell.Right);
        var v = new StepView(in s1, in s2, 0.3 * Si.MilliampPerCm2, 1);
        double Alone(SymmetricSimulator sim, string name, in StepView view) => sim.Suggest([Named(sim.StepProposals, name)], view);
        double nucleation = Alone(one, "nucleation, electrode 2", v);
        Assert.True(nucleation > StepProposal.Floor && double.IsFinite(nucleation));
        Assert.Equal(nucleation, Alone(held, "nucleation, electrode 2", v));
        Assert.Equal(0.5 * Alone(one, "contact, electrode 1", v), Alone(held, "contact, electrode 1", v));
        Assert.Equal(["nucleation, electrode 1", "nucleation, electrode 2"], held.StepProposals.OfType<UnscaledProposal>().Select(p => p.Name).ToArray());
    }
}
