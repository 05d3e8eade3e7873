using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// A step-proposal component that watches one metal electrode (<see cref="ElectrodeSideDynamics"/>), shared by the
/// symmetric cell's two electrodes and the full cell's anode (decision 0054). A simulator binds each to an electrode
/// as a <see cref="StepProposal"/>.
/// </summary>
internal interface IElectrodeStepProposal
{
    /// <summary>The mechanism it watches, for people ("contact").</summary>
    string Mechanism { get; }

    /// <summary>
    /// The longest step (s) its mechanism allows electrode <paramref name="s"/> in state <paramref name="st"/> at anodic
    /// current density <paramref name="j"/> (A/m², positive while it strips) under the protocol step's conditions
    /// <paramref name="k"/>; +∞ while it does not limit.
    /// </summary>
    double MaxStep(ElectrodeSide s, in SideState st, double j, SideConditions k);

    /// <summary>
    /// The components an electrode needs: its contact always, the nucleation decay when its metal has a nucleation
    /// overpotential, a filament's approach when there is a counter electrode to reach (<paramref name="separator"/>
    /// finite), the amalgam film when it has one. <paramref name="maxContactChange"/>: SimulationOptions.MaxContactChange.
    /// </summary>
    static IElectrodeStepProposal[] For(ElectrodeSide s, double separator, double maxContactChange)
    {
        var list = new List<IElectrodeStepProposal> { new ContactChangeStep(maxContactChange) };
        if (s.Paths[0].Kinetics.NucleationOverpotentialV > 0) list.Add(NucleationStep.Default);
        if (double.IsFinite(separator)) list.Add(new FilamentStep(FilamentStep.DefaultShare, separator));
        if (s.Amalgam is not null) list.Add(AmalgamFilmStep.Default);
        return [.. list];
    }
}
