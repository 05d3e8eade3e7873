using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// Kinetic properties of one depositing-surface|neighbour pair: exchange current density with its
/// Arrhenius temperature law, transfer coefficient, double-layer capacitance, and the nucleation
/// behaviour of plating on that surface.
/// </summary>
public sealed record InterfaceKinetics(
    string Pair,
    double ExchangeCurrentDensityRef,
    double ReferenceTemperatureK,
    double ActivationEnergy,
    double TransferCoefficient,
    double DoubleLayerCapacitance,
    double NucleationOverpotentialV,
    double NucleationChargeCPerM2,
    double NucleationSiteFraction)
{
    public double ExchangeCurrentDensity(double temperatureK) =>
        ExchangeCurrentDensityRef * Arrhenius.Factor(ActivationEnergy, temperatureK, ReferenceTemperatureK);

    /// <summary>α_a = α, α_c = 1 − α (one-electron transfer).</summary>
    public ButlerVolmer At(double temperatureK) =>
        new(ExchangeCurrentDensity(temperatureK), TransferCoefficient, 1 - TransferCoefficient, temperatureK);

    public static InterfaceKinetics Read(Parameters p, MaterialPair pair)
    {
        var i0 = p.Get(pair, "exchange_current_density", QuantityKind.CurrentDensity);
        var alpha = p.Get(pair, "transfer_coefficient", QuantityKind.Dimensionless);
        var site = p.Get(pair, "nucleation_site_fraction", QuantityKind.Dimensionless);
        var loc = pair.Properties.Location;
        if (i0 <= 0) throw new InputException($"{pair.Key}: exchange_current_density must be positive", loc);
        if (alpha <= 0 || alpha >= 1) throw new InputException($"{pair.Key}: transfer_coefficient must be in (0, 1), got {alpha}", loc);
        if (site <= 0 || site > 1) throw new InputException($"{pair.Key}: nucleation_site_fraction must be in (0, 1], got {site}", loc);
        var qn = p.Get(pair, "nucleation_charge", QuantityKind.ArealCapacity);
        var etaN = p.Get(pair, "nucleation_overpotential", QuantityKind.Voltage);
        if (etaN < 0) throw new InputException($"{pair.Key}: nucleation_overpotential cannot be negative", loc);
        if (etaN > 0 && qn <= 0) throw new InputException($"{pair.Key}: nucleation_charge must be positive when there is a nucleation overpotential", loc);
        return new InterfaceKinetics(
            pair.Key, i0,
            p.Get(pair, "reference_temperature", QuantityKind.Temperature),
            p.Get(pair, "activation_energy", QuantityKind.MolarEnergy),
            alpha,
            p.Get(pair, "double_layer_capacitance", QuantityKind.ArealCapacitance),
            etaN, qn, site);
    }
}

/// <summary>
/// Nucleation overpotential at the start of plating (Pei et al., Nano Lett. 17, 1132, 2017: a
/// nucleation barrier at the onset, then a lower growth plateau; lithiophilic seeds remove it,
/// Yan et al., Nat. Energy 1, 16010, 2016). We interpolate between the two with an exponential
/// in the charge plated since the surface last stripped: η_n(q) = η_n0·exp(−q/q_n).
/// </summary>
public static class NucleationOverpotential
{
    public static double At(double eta0, double chargePlated, double characteristicCharge) =>
        eta0 == 0 ? 0 : eta0 * Math.Exp(-chargePlated / characteristicCharge);
}
