namespace Interphase.Data;

/// <summary>
/// Receives one record of a streaming reader: the values of the columns asked for, in the order
/// asked for. The span is reused for the next record.
/// </summary>
public delegate void RowHandler(ReadOnlySpan<double> values);
