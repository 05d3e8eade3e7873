using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;

namespace Interphase.Simulation;

/// <summary>
/// What a symmetric and a full cell share: the cell file, its resolved parameters, and the electrolyte
/// separator between the electrodes, resolved at the cell's temperature and pressure.
/// </summary>
public abstract class CellWithElectrolyte
{
    public required CellSpec Spec { get; init; }
    public required Parameters Parameters { get; init; }
    public required Material Electrolyte { get; init; }
    public required double ElectrolyteThickness { get; init; }
    public required IonicConductivity ElectrolyteConductivity { get; init; }
    public required double TransferenceNumber { get; init; }
    public required ConcentrationPolarisation? Concentration { get; init; }
    public required Func<double, double>? SaltDiffusivity { get; init; }
    public required double ElectrolytePermittivity { get; init; }
    /// <summary>Distance between the two depositing surfaces that a filament must cross.</summary>
    public required double SeparatorThickness { get; init; }
    /// <summary>Area-specific resistance of the metallic path after a short (Ω m²).</summary>
    public required double ShortCircuitAsr { get; init; }

    public double Area => Spec.AreaM2;
    public double TemperatureK => Spec.TemperatureK;
    public double StackPressure => Spec.StackPressurePa;

    /// <summary>
    /// Resolve the cell file against the library with <paramref name="build"/>; an override in the file
    /// that the model never read is an error (a typo would otherwise be silently ignored).
    /// </summary>
    protected static T BuildChecked<T>(CellSpec spec, MaterialLibrary library, Func<CellSpec, Parameters, T> build, string model)
    {
        var parameters = new Parameters(library, spec.Overrides);
        var cell = build(spec, parameters);
        if (parameters.Unused.FirstOrDefault() is { } unused)
            throw new InputException($"override '{unused.Path}' is not used by the {model} model of this stack", unused.Where);
        return cell;
    }

    /// <summary>Bulk ionic ASR of the electrolyte at temperature T (Ω m²).</summary>
    public double ElectrolyteAsr(double temperatureK) => ElectrolyteThickness / ElectrolyteConductivity.At(temperatureK);
}
