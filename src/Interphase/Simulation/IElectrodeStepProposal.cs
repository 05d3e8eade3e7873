using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// A step-proposal component that watches one metal electrode (<see cref="ElectrodeSideDynamics"/>), shared by the
/// symmetric cell's two electrodes and the full cell's anode (decision 0054). A simulator binds each to an electrode
/// (<see cref="Register"/>, an <see cref="ElectrodeProposal{C}"/>).
/// </summary>
internal interface IElectrodeStepProposal
{
    /// <summary>The mechanism it watches, for people ("contact").</summary>
    string Mechanism { get; }

    /// <summary>True when it limits only while its electrode plates (j &lt; 0): +∞ otherwise.</summary>
    bool PlatingOnly { get; }

    /// <summary>
    /// The longest step (s) its mechanism allows electrode <paramref name="s"/> in state <paramref name="st"/> at anodic
    /// current density <paramref name="j"/> (A/m², positive while it strips) under the protocol step's conditions
    /// <paramref name="k"/>; +∞ while it does not limit.
    /// </summary>
    double MaxStep(ElectrodeSide s, in SideState st, double j, SideConditions k);

    /// <summary>
    /// Adds to <paramref name="list"/> the components an electrode needs: its contact always, the nucleation decay when its
    /// metal has a nucleation overpotential, a filament's approach when there is a counter electrode to reach
    /// (<paramref name="separator"/> finite), the amalgam film when it has one; bound to electrode 2 of the
    /// <see cref="StepView"/> when <paramref name="second"/>, the cell's current times <paramref name="sign"/> its anodic
    /// current. <paramref name="maxContactChange"/>: SimulationOptions.MaxContactChange; <paramref name="where"/>: the
    /// electrode's name for people.
    /// </summary>
    static void Register(List<StepProposal> list, ElectrodeSide s, SideConditions k, bool second, double sign, string where,
        double separator, double maxContactChange)
    {
        void Add<C>(C c) where C : struct, IElectrodeStepProposal => list.Add(new ElectrodeProposal<C>(c, $"{c.Mechanism}, {where}", s, k, second, sign));
        Add(new ContactChangeStep(maxContactChange));
        if (s.Paths[0].Kinetics.NucleationOverpotentialV > 0) Add(NucleationStep.Default);
        if (double.IsFinite(separator)) Add(new FilamentStep(FilamentStep.DefaultShare, separator));
        if (s.Amalgam is not null) Add(AmalgamFilmStep.Default);
    }
}
