namespace Interphase.Impedance;

/// <summary>
/// A piece of an equivalent circuit built from code: an element, a series connection or a parallel
/// connection. <see cref="Circuit.From"/> turns a tree of them into a <see cref="Circuit"/>.
/// <code>
/// var c = Circuit.From(CircuitNode.Series(
///     CircuitNode.Element("R0", 10),
///     CircuitNode.Parallel(CircuitNode.Element("R1", 60), CircuitNode.Element("CPE1", 1e-6, 0.9))));
/// </code>
/// </summary>
public abstract record CircuitNode
{
    /// <summary>An element named as in circuit strings ("R0", "CPE1", "Wo"), optionally with its parameter values.</summary>
    public static CircuitNode Element(string name, params double[] values) => new ElementNode(name, values);

    /// <summary>Elements or sub-circuits in series: Z = Σ Zᵢ.</summary>
    public static CircuitNode Series(params CircuitNode[] parts) => new SeriesNode(parts);

    /// <summary>Elements or sub-circuits in parallel: 1/Z = Σ 1/Zᵢ.</summary>
    public static CircuitNode Parallel(params CircuitNode[] branches) => new ParallelNode(branches);
}

/// <summary>A named element ("CPE1"); <see cref="Values"/> is empty when no values were given.</summary>
public sealed record ElementNode(string Name, IReadOnlyList<double> Values) : CircuitNode
{
    /// <summary>1-based column in the circuit string the element came from (0 when built from code).</summary>
    public int Column { get; init; }
}

public sealed record SeriesNode(IReadOnlyList<CircuitNode> Parts) : CircuitNode;

public sealed record ParallelNode(IReadOnlyList<CircuitNode> Branches) : CircuitNode;
