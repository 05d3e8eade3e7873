using Interphase.Cells;
using Interphase.Materials;
using Interphase.Models;
using Interphase.Protocols;

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
    /// <summary>Electronic conductivity of the electrolyte (S/m); 0 when the library states none (an insulator).</summary>
    public required double ElectrolyteElectronicConductivity { get; init; }

    /// <summary>
    /// Where the cell file's conditions lie outside its materials' data but the models extrapolate:
    /// one line each (Cells/CellValidity). A condition outside what they can describe was refused when
    /// the cell was built.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>The electrodes whose interfaces the stability window is checked at.</summary>
    protected abstract IEnumerable<ElectrodeSide> Electrodes { get; }

    /// <summary>
    /// The cell's warnings and those of a protocol run on it (its step temperatures, and for a full
    /// cell its charge voltage against the electrolyte's window). A step outside the materials' domain
    /// throws, naming the step.
    /// </summary>
    public IReadOnlyList<string> WarningsFor(Protocol protocol) =>
        [.. Warnings.Concat(CellValidity.ForProtocol(Spec, Parameters, protocol)).Concat(ProtocolWarnings(protocol)).Distinct()];

    /// <summary>Checks of a protocol that only one kind of cell makes.</summary>
    protected virtual IEnumerable<string> ProtocolWarnings(Protocol protocol) => [];

    public double Area => Spec.AreaM2;
    public double TemperatureK => Spec.TemperatureK;
    public double StackPressure => Spec.StackPressurePa;

    /// <summary>
    /// Resolve the cell file against the library with <paramref name="build"/>. Conditions outside the
    /// materials' validity domain are refused before anything is built, extrapolations become
    /// <see cref="Warnings"/>; an override in the file that the model never read is an error (a typo
    /// would otherwise be silently ignored).
    /// </summary>
    protected static T BuildChecked<T>(CellSpec spec, MaterialLibrary library, Func<CellSpec, Parameters, T> build, string model)
        where T : CellWithElectrolyte
    {
        var parameters = new Parameters(library, spec.Overrides);
        var warnings = CellValidity.AtCellConditions(spec, parameters);
        var cell = build(spec, parameters);
        cell.Warnings = [.. warnings, .. cell.Electrodes.SelectMany(side => side.Paths.Select(path => CellValidity.Reduction(
            spec, parameters, side.SurfacePotential, side.Surface, path.Neighbour, path.Growth is not null))).OfType<string>().Distinct(),
            .. parameters.Defaulted.Select(d => d.Warning), .. parameters.Borrowed];
        if (parameters.Unused.FirstOrDefault() is { } unused)
            throw new InputException($"override '{unused.Path}' is not used by the {model} model of this stack", unused.Where);
        return cell;
    }

    /// <summary>
    /// Electronic resistance of the whole cell (Ω m², ElectronicLeakage): the electrode sides' own
    /// (<paramref name="sidesAsr"/>) in series with the electrolyte the interphase fronts have not yet
    /// converted (<paramref name="consumed"/> is what they have; nothing is left once they meet). ∞ for
    /// an electronically insulating stack.
    /// </summary>
    internal double ElectronicPathAsr(double consumed, double sidesAsr)
    {
        if (!Spec.Mechanisms.ElectronicLeakage) return double.PositiveInfinity;
        double rest = ElectrolyteThickness - consumed;
        return sidesAsr + (rest > 0 ? ElectronicLeakage.Layer(rest, ElectrolyteElectronicConductivity) : 0);
    }

    /// <summary>
    /// False when an electrode's interphases or interlayers block electrons at any thickness (R_e = ∞ for
    /// good), or when electronic-leakage is switched off: the simulators then skip the leak's path altogether.
    /// </summary>
    internal bool MayLeak => _mayLeak ??= Spec.Mechanisms.ElectronicLeakage && Electrodes.All(ElectrodeSideDynamics.MayConductElectrons);
    bool? _mayLeak;

    /// <summary>Bulk ionic ASR of the electrolyte at temperature T (Ω m²).</summary>
    public double ElectrolyteAsr(double temperatureK) => ElectrolyteThickness / ElectrolyteConductivity.At(temperatureK);
}
