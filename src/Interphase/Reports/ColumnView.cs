using System.Collections;

namespace Interphase.Reports;

/// <summary>
/// A column seen through a conversion (s → h, A → mA), computed on access instead of copied: a report's
/// series of a file with millions of records is decimated to a few thousand points, and a converted copy of
/// every column would only be garbage (issue 11: the memory of <c>analyze</c>). Each value is the same
/// expression of the same number as the copy would hold.
/// </summary>
public sealed class ColumnView(double[] source, Func<double, double> convert) : IReadOnlyList<double>
{
    public double this[int index] => convert(source[index]);
    public int Count => source.Length;

    public IEnumerator<double> GetEnumerator()
    {
        foreach (var x in source) yield return convert(x);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
