using Interphase.Units;

namespace Interphase.Simulation;

/// <summary>Derived figures of a resolved full cell for summary.json and the report.</summary>
public static class FullCellReportData
{
    public static IReadOnlyDictionary<string, double> Derived(FullCell cell)
    {
        var T = cell.TemperatureK;
        var cat = cell.Cathode;
        var d = new Dictionary<string, double>
        {
            ["area_cm2"] = cell.Area * 1e4,
            ["temperature_degC"] = T - Si.ZeroCelsius,
            ["stack_pressure_MPa"] = cell.StackPressure / 1e6,
            ["electrolyte_thickness_um"] = cell.ElectrolyteThickness * 1e6,
            ["electrolyte_asr_ohm_cm2"] = cell.ElectrolyteAsr(T) / Si.OhmCm2,
            ["cathode_loading_mg_cm2"] = cat.ActiveMass * 100,
            ["cathode_thickness_um"] = cat.Thickness * 1e6,
            ["cathode_composite_ionic_asr_ohm_cm2"] = cat.IonicAsr(T) / Si.OhmCm2,
            ["cathode_interface_asr_ohm_cm2"] = cat.Interface.Asr(0, T) / Si.OhmCm2,
            ["cathode_theoretical_capacity_mAh_g"] = (cat.Intercalation?.TheoreticalCapacity ?? cat.Conversion!.TheoreticalCapacity) / 3600,
            ["cathode_nominal_capacity_mAh_g"] = cat.NominalCapacity / 3600,
            ["cathode_full_charge_mAh_cm2"] = cat.FullCharge / Si.MahPerCm2,
            ["one_c_current_density_mA_cm2"] = cat.NominalCapacity * cat.ActiveMass / 3600 / Si.MilliampPerCm2,
            ["anode_potential_V"] = cell.AnodePotential,
            ["anode_metal_um"] = cell.Anode.MetalThickness * 1e6,
            ["separator_thickness_um"] = cell.SeparatorThickness * 1e6,
        };
        var bv = cell.Anode.Paths[0].Kinetics.At(T);
        d["anode_exchange_current_density_mA_cm2"] = bv.ExchangeCurrentDensity / Si.MilliampPerCm2;
        d["anode_tolerable_local_current_mA_cm2"] = cell.Anode.Paths[0].Segments[0].criterion.TolerableCurrent(bv, T) / Si.MilliampPerCm2;
        if (cat.Intercalation is { } ic)
        {
            d["cathode_particle_radius_um"] = cat.ParticleRadius * 1e6;
            d["cathode_diffusion_time_h"] = cat.ParticleRadius * cat.ParticleRadius / ic.Diffusivity(T) / 3600;
        }
        else
        {
            d["conversion_strain_accommodation"] = cat.Conversion!.StrainAccommodation;
            d["conversion_contact_loss_coefficient"] = cat.Conversion.ContactLossCoefficient;
            d["conversion_particle_radius_um"] = cat.Conversion.ParticleRadius * 1e6;
            d["conversion_anisotropy"] = cat.Conversion.Anisotropy;
        }
        return d;
    }
}
