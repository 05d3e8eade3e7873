namespace Interphase.Data.Eis;

/// <summary>
/// How many fields a row of an impedance table may have (decision 0085): at most the header's names (a row may leave
/// its last columns empty, and its trailing separators add no field), or, in a table without a header, exactly the
/// first row's. A wider row is what a decimal comma makes of a number in a comma-separated file.
/// </summary>
internal readonly record struct RowWidth(int Fields, bool Exact)
{
    public bool Fits(int count) => Exact ? count == Fields : count <= Fields;
}
