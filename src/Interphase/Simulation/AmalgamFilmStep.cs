using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// Resolves an amalgam electrode's liquid film at the electrolyte side (docs/models.md §8): its film thickness X moves
/// at most <paramref name="Share"/> (2 %) of a length per step, at the rate AmalgamInterlayer.AdvanceLiquid gives over
/// one second at the present X; the length is the asperity-deep zone (the smaller of the amalgam layer and the asperity
/// height) while X is within it, the whole layer beyond. Within the zone its liquid fraction decides whether it flows into
/// the contact's voids (AmalgamInterlayer, decision 0035); its appearance and disappearance set when the film wets.
/// No limit at open circuit, nor on a metal electrode (not registered then).
/// </summary>
internal readonly record struct AmalgamFilmStep(double Share) : IElectrodeStepProposal
{
    /// <summary>2 % of the zone (or the layer) per step.</summary>
    public static readonly AmalgamFilmStep Default = new(0.02);

    public string Mechanism => "amalgam film";

    public bool PlatingOnly => false;

    public double MaxStep(ElectrodeSide s, in SideState st, double j, SideConditions k)
    {
        if (s.Amalgam is not { } am || j == 0) return double.PositiveInfinity;
        double h = ElectrodeSideDynamics.AmalgamLayer(s, st);
        double rate = Math.Abs(am.AdvanceLiquid(st.X, j, h, 1.0) - st.X);
        double zone = Math.Min(h, s.Contact.AsperityHeight);
        return rate > 1e-15 ? Share * (st.X < zone ? zone : h) / rate : double.PositiveInfinity;
    }
}
