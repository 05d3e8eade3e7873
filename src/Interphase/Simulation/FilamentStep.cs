using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// Limits a plating electrode's filament to <paramref name="SeparatorShare"/> (2 %) of the separator
/// <paramref name="Separator"/> (m) per step at its present velocity (ElectrodeSideDynamics.FilamentVelocity, docs/models.md
/// §9): the step SeparatorShare·L/v. The velocity depends on the filament's depth (the segment it is in, a
/// brittle layer's flaw) and on the salt at the face (a spot's Sand onset, here by the long-time rule i_loc &gt; i_lim,
/// no profile at the step's end being known yet), all read at the step's start; a filament crossing the separator in
/// a few steps would carry one velocity across those changes, and the moment it touches the counter electrode with it
/// (decision 0006; docs/models.md §13). No limit while stripping or once the filament spans the separator; a full cell registers it
/// only with its short-circuit mechanism on (otherwise its anode's filament has nothing to reach).
/// </summary>
internal readonly record struct FilamentStep(double SeparatorShare, double Separator) : IElectrodeStepProposal
{
    /// <summary>2 % of the separator per step.</summary>
    public const double DefaultShare = 0.02;

    public string Mechanism => "filament";

    public bool PlatingOnly => true;

    public double MaxStep(ElectrodeSide s, in SideState st, double j, SideConditions k)
    {
        if (j >= 0 || st.Filament >= Separator) return double.PositiveInfinity;
        double v = ElectrodeSideDynamics.FilamentVelocity(s, st, -j, k);
        return v > 0 ? SeparatorShare * Separator / v : double.PositiveInfinity;
    }
}
