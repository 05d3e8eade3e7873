using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// Limits a plating electrode's filament to <paramref name="SeparatorShare"/> (2 %) of the separator
/// <paramref name="Separator"/> (m) per step at its present velocity (ElectrodeSideDynamics.FilamentVelocity, docs/models.md
/// §9): the step SeparatorShare·L/v, shorter where the velocity changes with depth (a crack's ∝ √(c + ℓ)): at most
/// <see cref="MaxVelocityChange"/> of itself per step (decision 0086). The velocity depends on the filament's depth (the segment it is in, a
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

    /// <summary>
    /// The velocity changes by at most this share per step where it depends on the tip's depth (decision 0086): a crack's
    /// velocity grows as √(c + ℓ) from a segment's entry (CrackGrowth), by a factor 3.7 over one 2 %-of-the-separator
    /// advance from a 0.9 µm flaw, which Heun's trapezoid does not resolve.
    /// </summary>
    public const double MaxVelocityChange = 0.1;

    /// <summary>Advance (m) over which the velocity's change with depth is taken (within the tip's segment).</summary>
    public const double DepthProbe = 1e-9;

    public double MaxStep(ElectrodeSide s, in SideState st, double j, SideConditions k)
    {
        if (j >= 0 || st.Filament >= Separator) return double.PositiveInfinity;
        double v = ElectrodeSideDynamics.FilamentVelocity(s, st, -j, k);
        if (!(v > 0)) return double.PositiveInfinity;
        return Math.Min(SeparatorShare * Separator, VelocityChangeAdvance(s, st, -j, k, v)) / v;
    }

    /// <summary>
    /// The advance (m) over which the velocity v changes by <see cref="MaxVelocityChange"/> of itself at its present rate
    /// with depth dv/dh (taken over <see cref="DepthProbe"/> within the tip's segment); +∞ when it does not change with depth.
    /// </summary>
    double VelocityChangeAdvance(ElectrodeSide s, in SideState st, double plate, SideConditions k, double v)
    {
        double h = st.Filament;
        if (!(h + DepthProbe < SegmentCrossing.NextBoundary(s, h, Separator)) || h + DepthProbe >= Separator) return double.PositiveInfinity;
        var deeper = st;
        deeper.Filament = h + DepthProbe;
        double slope = Math.Abs(ElectrodeSideDynamics.FilamentVelocity(s, deeper, plate, k) - v) / DepthProbe;
        return slope > 0 ? MaxVelocityChange * v / slope : double.PositiveInfinity;
    }
}
