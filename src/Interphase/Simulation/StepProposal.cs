namespace Interphase.Simulation;

/// <summary>
/// What a step-proposal component reads of the cell at a time step's start: the electrodes' states (a full cell's anode
/// is electrode 1 and has no electrode 2), the current i (A/m², the cell's sign; a symmetric cell's ionic current) and
/// the time since the protocol step's current last changed (s). The simulator makes one per proposal, over its own
/// state, without copying it.
/// </summary>
internal readonly ref struct StepView
{
    public readonly ref readonly SideState Electrode1;
    public readonly ref readonly SideState Electrode2;
    public readonly double I, Elapsed;

    public StepView(ref readonly SideState electrode1, ref readonly SideState electrode2, double i, double elapsed)
    {
        Electrode1 = ref electrode1;
        Electrode2 = ref electrode2;
        I = i;
        Elapsed = elapsed;
    }
}

/// <summary>
/// One component of a cell's step proposal: the longest next time step one mechanism allows, before the
/// <see cref="StepLimit"/>s judge the attempted step (decision 0034: the proposal sizes a step from the state at its
/// start, the limits halve it on what the step did). A simulator registers one per mechanism its cell has, once per
/// run (decision 0054); its step proposal is the shortest of them (<see cref="Shortest"/>). <see cref="Component"/>
/// is the component (<see cref="ContactChangeStep"/>, <see cref="DiffusionTransientStep"/>, …), <see cref="Name"/> what
/// it watches, for people and tests ("contact, electrode 1"). A component proposes at the shipped tolerances; the run's
/// tolerance scale multiplies the shortest (<see cref="Shortest"/>).
/// </summary>
internal abstract class StepProposal(string name, double platingSign = 0)
{
    public string Name => name;

    /// <summary>The component itself.</summary>
    public abstract object Component { get; }

    /// <summary>The longest step (s) this component allows in the state <paramref name="v"/>; +∞ while its mechanism does not limit.</summary>
    public abstract double MaxStep(in StepView v);

    /// <summary>Shortest step (s) a proposal gives, whatever its components say (the step limits may halve below it).</summary>
    public const double Floor = 0.05;

    /// <summary>
    /// Nonzero for a component that limits only while its electrode plates (<see cref="IElectrodeStepProposal.PlatingOnly"/>):
    /// the sign that makes the cell's current its electrode's anodic current. <see cref="Shortest"/> passes it over
    /// without a call while that current is not negative (it would say +∞).
    /// </summary>
    public double PlatingSign => platingSign;

    /// <summary>
    /// The step proposal: the shortest of the components' longest steps, at least <see cref="Floor"/>, all times the run's
    /// tolerance scale <paramref name="toleranceScale"/> (SimulationOptions.ToleranceScale): halving it halves every
    /// component's proposal and the floor, so that the convergence check halves the proposal as it does the step limits
    /// (decision 0061). The scale is applied here, once, and not by each component; at 1 the proposal is the components'
    /// own minimum.
    /// </summary>
    public static double Shortest(ReadOnlySpan<StepProposal> proposals, in StepView v, double toleranceScale)
    {
        double dt = double.PositiveInfinity;
        for (int k = 0; k < proposals.Length; k++)
        {
            var p = proposals[k];
            if (p.PlatingSign != 0 && p.PlatingSign * v.I >= 0) continue;
            dt = Math.Min(dt, p.MaxStep(v));
        }
        return toleranceScale * Math.Max(dt, Floor);
    }
}

/// <summary>
/// An electrode's component (<see cref="IElectrodeStepProposal"/>) bound to one electrode of the cell: electrode 1 or 2
/// of the <see cref="StepView"/>, its side and conditions, and the sign that makes the cell's current its anodic current
/// (+1 for a symmetric cell's electrode 1, which strips at positive current; −1 for electrode 2 and a full cell's
/// anode). Generic over the component's type so that the call to it is direct.
/// </summary>
internal sealed class ElectrodeProposal<C>(C component, string name, ElectrodeSide side, SideConditions k, bool second, double sign)
    : StepProposal(name, component.PlatingOnly ? sign : 0) where C : struct, IElectrodeStepProposal
{
    public override object Component => component;

    public override double MaxStep(in StepView v) =>
        component.MaxStep(side, in (second ? ref v.Electrode2 : ref v.Electrode1), sign * v.I, k);
}

/// <summary>A component of the whole cell (a diffusion transient, the state of charge), bound by the simulator as a function of (i, elapsed).</summary>
internal sealed class CellProposal(object component, string name, Func<double, double, double> maxStep) : StepProposal(name)
{
    public override object Component => component;

    public override double MaxStep(in StepView v) => maxStep(v.I, v.Elapsed);
}
