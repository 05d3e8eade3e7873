using Interphase.Units;

namespace Interphase.Models;

/// <summary>Arrhenius temperature factor k(T)/k(T_ref) = exp(−E_a/R·(1/T − 1/T_ref)).</summary>
public static class Arrhenius
{
    public static double Factor(double activationEnergyJPerMol, double temperatureK, double referenceK) =>
        Math.Exp(-activationEnergyJPerMol / Si.GasConstant * (1.0 / temperatureK - 1.0 / referenceK));
}
