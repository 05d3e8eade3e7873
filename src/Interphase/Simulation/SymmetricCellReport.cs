using Interphase.Models;
using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>Derived figures of a resolved cell, for summary.json and the report: what the model made of the inputs.</summary>
public static class SymmetricCellReport
{
    public static IReadOnlyDictionary<string, double> Derived(SymmetricCell cell)
    {
        var T = cell.TemperatureK;
        var d = new Dictionary<string, double>
        {
            ["area_cm2"] = cell.Area * 1e4,
            ["temperature_degC"] = T - Si.ZeroCelsius,
            ["stack_pressure_MPa"] = cell.StackPressure / 1e6,
            ["electrolyte_thickness_um"] = cell.ElectrolyteThickness * 1e6,
            ["electrolyte_conductivity_S_cm"] = cell.ElectrolyteConductivity.At(T) / Si.SiemensPerCm,
            ["electrolyte_asr_ohm_cm2"] = cell.ElectrolyteAsr(T) / Si.OhmCm2,
            ["separator_thickness_um"] = cell.SeparatorThickness * 1e6,
            ["void_onset_current_density_mA_cm2"] = cell.Left.Contact.Supply.CriticalStrippingCurrent(cell.StackPressure, T, cell.Left.MetalThickness) / Si.MilliampPerCm2,
        };
        foreach (var (s, tag) in new[] { (cell.Left, "e1"), (cell.Right, "e2") })
        {
            d[$"initial_contact_{tag}"] = s.InitialContact;
            for (int p = 0; p < s.Paths.Count; p++)
            {
                var path = s.Paths[p];
                var bv = path.Kinetics.At(T);
                var pre = s.Paths.Count == 1 ? tag : $"{tag}_path{p + 1}";
                d[$"exchange_current_density_mA_cm2_{pre}"] = bv.ExchangeCurrentDensity / Si.MilliampPerCm2;
                d[$"charge_transfer_asr_ohm_cm2_{pre}"] = bv.LinearResistance / Si.OhmCm2;
                d[$"layer_asr_ohm_cm2_{pre}"] = path.OhmicAsr / Si.OhmCm2;
                d[$"path_area_fraction_{pre}"] = path.AreaFraction;
                var tol = path.Segments[0].criterion.TolerableCurrent(bv, T);
                // a layer that suppresses roughening tolerates any current: no number to write
                if (double.IsFinite(tol)) d[$"tolerable_local_current_mA_cm2_{pre}"] = tol / Si.MilliampPerCm2;
                if (path.Segments[^1].criterion is DiffusionLimitCriterion dl)
                {
                    // Monroe & Newman (2005): does the soft electrolyte flatten the metal's protrusions?
                    d[$"monroe_newman_shear_ratio_{pre}"] = dl.Stability.Ratio;
                    d[$"monroe_newman_suppresses_roughening_{pre}"] = dl.Stability.SuppressesRoughening ? 1 : 0;
                }
                // apparent critical current density at the initial contact: CCD ≈ i_tol·φ·θ_s·θ (θ_s: film-free fraction, §6.2)
                if (s.FilmFreeFraction < 1) d[$"surface_film_free_fraction_{pre}"] = s.FilmFreeFraction;
                if (double.IsFinite(tol)) d[$"ccd_estimate_mA_cm2_{pre}"] = tol * s.InitialContact * s.FilmFreeFraction * path.Kinetics.NucleationSiteFraction / Si.MilliampPerCm2;
                if (path.Segments[0].criterion is FractureCriterion f)
                {
                    // the median largest flaw of this electrode's area and the overpotential that opens it (a seeded run draws its own)
                    d[$"largest_flaw_um_{pre}"] = f.FlawSize * 1e6;
                    d[$"critical_overpotential_mV_{pre}"] = f.CriticalOverpotential * 1e3;
                }
            }
            if (s.Intrusion is { } pi)
            {
                var rate = pi.Rate(T, cell.StackPressure);
                // hours for the metal to creep through the open pores at the cell's pressure (null in summary.json when it never does)
                d[$"pore_intrusion_time_h_{tag}"] = rate > 0 ? pi.TimeToCross(T, cell.StackPressure) / Si.Hour : double.PositiveInfinity;
            }
            for (int k = 0; k < s.Interlayers.Count; k++)
            {
                var (m, g) = s.Interlayers[k];
                d[$"interlayer_thickness_um_{tag}_{m.Name}"] = g.Thickness * 1e6;
                d[$"interlayer_porosity_{tag}_{m.Name}"] = g.Porosity;
            }
        }
        if (cell.Concentration is { } cp && cell.SaltDiffusivity is { } ds)
        {
            double iLim = 2 * cell.Left.MetalProps.ChargeNumber * Si.Faraday * cp.InitialConcentration * ds(T) / ((1 - cell.TransferenceNumber) * cp.Thickness);
            d["limiting_current_density_mA_cm2"] = iLim / Si.MilliampPerCm2;
            d["salt_diffusivity_cm2_s"] = ds(T) * 1e4;
        }
        return d;
    }
}
