using Interphase.Materials;
using Interphase.Units;

namespace Interphase.Models;

/// <summary>
/// The cathode|electrolyte interface of a composite electrode: its resistance and the interphase
/// (CEI) that electrolyte oxidation grows on it.
/// <code>
/// R_ci = R_ci0 + r_q·q_cei                                   (Ω m² of electrode area)
/// i_par = i_p·exp((U − U_ox − 0.1 V)/b)/(1 + q_cei/q_p)       parasitic oxidation current, passivating
/// </code>
/// The parasitic current is charge that flows without delithiating the cathode: the coulombic
/// efficiency (discharge/charge) falls below 100 % and rises as the CEI passivates; a higher cut-off
/// voltage makes both effects stronger. Tafel-type onset with passivation as in the SEI/CEI models
/// reviewed by Reniers et al. (J. Electrochem. Soc. 166, A3189, 2019); domain.md D gives the
/// interface resistances (LFP|PEO 13 040 Ω, LFP|PT-PEO 1 765 Ω). R_ci0 and i_p follow Arrhenius laws in T.
/// Below an optional reduction onset the electrolyte is reduced on the cathode (an SEI, e.g. FeS2 in
/// an ether below 1.0 V, domain.md C) until its charge Q_red is used: an irreversible extra plateau.
/// </summary>
public sealed record CathodeInterface(
    string Pair,
    double InitialAsr,
    double OxidationOnset,
    double ParasiticCurrent,
    double TafelSlope,
    double PassivationCharge,
    double ResistancePerCharge,
    double DoubleLayerCapacitance)
{
    /// <summary>Temperature of InitialAsr and ParasiticCurrent, and their activation energies (the ASR falls with T).</summary>
    public double ReferenceTemperatureK { get; init; } = 298.15;
    public double AsrActivationEnergy { get; init; }
    public double ParasiticActivationEnergy { get; init; }
    /// <summary>Electrolyte reduction on the cathode below this potential (e.g. SEI on FeS2 in ethers below 1.0 V), up to ReductionCharge.</summary>
    public double ReductionOnset { get; init; } = double.NegativeInfinity;
    public double ReductionCharge { get; init; }

    public double Asr(double cei, double T) =>
        InitialAsr / Arrhenius.Factor(AsrActivationEnergy, T, ReferenceTemperatureK) + ResistancePerCharge * cei;

    public double Parasitic(double potential, double cei, double T) =>
        ParasiticCurrent * Arrhenius.Factor(ParasiticActivationEnergy, T, ReferenceTemperatureK)
        * Math.Exp((potential - OxidationOnset - 0.1) / TafelSlope) / (1 + cei / PassivationCharge);

    public static CathodeInterface Read(Parameters p, MaterialPair pair) => new(
        pair.Key,
        p.Get(pair, "interfacial_asr", QuantityKind.AreaSpecificResistance),
        p.Get(pair, "oxidation_onset", QuantityKind.Voltage),
        p.Get(pair, "parasitic_current_density", QuantityKind.CurrentDensity),
        p.Get(pair, "parasitic_tafel_slope", QuantityKind.Voltage),
        Positive(p.Get(pair, "passivation_charge", QuantityKind.ArealCapacity), pair, "passivation_charge"),
        p.Get(pair, "cei_resistance_per_charge", new QuantityKind("resistance per areal charge", QuantityKind.AreaSpecificResistance.Dimension / QuantityKind.ArealCapacity.Dimension, "100 Ohm cm2 per mAh/cm2")),
        p.Get(pair, "double_layer_capacitance", QuantityKind.ArealCapacitance))
    {
        ReferenceTemperatureK = p.Optional(pair, "reference_temperature", QuantityKind.Temperature) ?? 298.15,
        AsrActivationEnergy = p.Optional(pair, "activation_energy", QuantityKind.MolarEnergy) ?? 0,
        ParasiticActivationEnergy = p.Optional(pair, "parasitic_activation_energy", QuantityKind.MolarEnergy) ?? 0,
        ReductionOnset = p.Optional(pair, "reduction_onset", QuantityKind.Voltage) ?? double.NegativeInfinity,
        ReductionCharge = p.Optional(pair, "reduction_charge", QuantityKind.ArealCapacity) ?? 0,
    };

    static double Positive(double v, MaterialPair pair, string what) =>
        v > 0 ? v : throw new InputException($"{pair.Key}: {what} must be positive", pair.Properties.Location);
}
