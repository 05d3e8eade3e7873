namespace Interphase.Data;

/// <summary>Columns of a <see cref="CyclingDataset"/> that a caller may let go of (<see cref="CyclingDataset.Release"/>).</summary>
[Flags]
public enum DatasetColumns
{
    None = 0,
    /// <summary>The instrument's charge- and discharge-energy counters.</summary>
    EnergyCounters = 1,
    /// <summary>The cell temperature.</summary>
    Temperature = 2,
}
