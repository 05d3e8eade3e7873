using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// Limits how much an electrode's contact φ (the share of its interface in contact, docs/models.md §6) changes in one
/// step: at most <paramref name="MaxChange"/> (SimulationOptions.MaxContactChange, 0.02) at its present rate
/// |dφ/dt| (ContactDrive.Rate). The voltage, the filaments' local current and the interphase read φ at the step's
/// start and φ's own update is implicit in ln φ (ContactDrive.Step), so a step that opened or closed much of the
/// contact would skip the voltage's rise as voids open under stripping (decision 0006, docs/models.md §13). No limit
/// while φ is held at full contact (a rate that would raise it past 1) or its rate is infinite (an instant refill);
/// a rate below 10⁻¹² /s is no change.
/// </summary>
internal readonly record struct ContactChangeStep(double MaxChange) : IElectrodeStepProposal
{
    public string Mechanism => "contact";

    public bool PlatingOnly => false;

    public double MaxStep(ElectrodeSide s, in SideState st, double j, SideConditions k)
    {
        var drive = ElectrodeSideDynamics.ContactRates(s, st, j, k);
        double rate = drive.Rate(st.Phi);
        double dphi = (st.Phi >= 1 && drive.Rate(1) >= 0) || double.IsInfinity(rate) ? 0 : Math.Abs(rate);
        return dphi > 1e-12 ? MaxChange / dphi : double.PositiveInfinity;
    }
}
