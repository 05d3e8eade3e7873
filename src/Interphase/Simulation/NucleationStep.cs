using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// Resolves the nucleation overpotential's spike and decay at the start of plating (docs/models.md §4 and §13, "the nucleation
/// decay"; decision 0006): while less than <paramref name="Window"/> nucleation charges q_n have plated on the electrode,
/// a plating step passes at most <paramref name="ChargeShare"/>·q_n, the step ChargeShare·q_n/|j|. The overpotential
/// decays over the first q_n or so; a longer step would jump from the spike to the plateau. Not while stripping, nor
/// on a metal without a nucleation overpotential (not registered then).
/// </summary>
internal readonly record struct NucleationStep(double ChargeShare, double Window) : IElectrodeStepProposal
{
    /// <summary>Half a nucleation charge per step, over the first six.</summary>
    public static readonly NucleationStep Default = new(0.5, 6);

    public string Mechanism => "nucleation";

    public bool PlatingOnly => true;

    public double MaxStep(ElectrodeSide s, in SideState st, double j, SideConditions k)
    {
        if (j >= 0) return double.PositiveInfinity;
        var kin = s.Paths[0].Kinetics;
        return kin.NucleationOverpotentialV > 0 && st.QPlated < Window * kin.NucleationChargeCPerM2
            ? ChargeShare * kin.NucleationChargeCPerM2 / -j
            : double.PositiveInfinity;
    }
}
