using System.Numerics;
using System.Text;

namespace Interphase.Impedance;

/// <summary>One parameter of a circuit: its name as impedance.py spells it ("R0", "CPE1_0"), its element and its spec.</summary>
public sealed record CircuitParameter(string Name, string ElementName, ElementType Element, int IndexInElement)
{
    public ElementParameter Spec => Element.Parameters[IndexInElement];
    public string Unit => Spec.Unit;
    public ParameterKind Kind => Spec.Kind;
}

/// <summary>
/// An equivalent circuit: a tree of elements in series and parallel with a flat parameter vector.
/// Build it from the impedance.py string grammar (<see cref="Parse(string)"/>: series <c>-</c>, parallel
/// <c>p(a,b,…)</c>, elements named by symbol plus a number or underscore: <c>R0-p(R1,CPE1)-p(R2-Wo1,C2)</c>)
/// or from <see cref="CircuitNode"/>s. Parameters are numbered left to right; an element with several
/// parameters names them <c>NAME_0</c>, <c>NAME_1</c>, … as impedance.py does. Immutable and thread-safe.
/// </summary>
public sealed class Circuit
{
    readonly Op[] _program;
    readonly int _stackDepth;
    readonly double[]? _values;

    /// <summary>The circuit in canonical string form (no spaces).</summary>
    public string Text { get; }

    /// <summary>The tree the circuit was built from.</summary>
    public CircuitNode Root { get; }

    /// <summary>The parameters in vector order.</summary>
    public IReadOnlyList<CircuitParameter> Parameters { get; }

    /// <summary>The elements in the order they appear in <see cref="Text"/>.</summary>
    public IReadOnlyList<ElementNode> ElementNodes { get; }

    /// <summary>Parameter values attached to the circuit (from <see cref="WithValues"/> or the nodes), or null.</summary>
    public IReadOnlyList<double>? Values => _values;

    public int ParameterCount => Parameters.Count;

    Circuit(CircuitNode root, double[]? values)
    {
        Root = root;
        var parameters = new List<CircuitParameter>();
        var elements = new List<ElementNode>();
        var ops = new List<Op>();
        _stackDepth = Emit(root, ops, parameters, elements);
        _program = ops.ToArray();
        Parameters = parameters;
        ElementNodes = elements;
        Text = Format(root);
        // Parsed strings are checked with the column by the parser; trees built in code are checked here.
        if (elements.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InputException($"circuit {Text}: element name '{twice.Key}' is used twice: give each element its own name");
        if (values is null)
        {
            var given = elements.Where(e => e.Values.Count > 0).ToList();
            if (given.Count > 0)
            {
                if (given.Count != elements.Count)
                    throw new InputException($"circuit {Text}: give values for every element or for none (missing for {string.Join(", ", elements.Except(given).Select(e => e.Name))})");
                values = elements.SelectMany(e => e.Values).ToArray();
            }
        }
        if (values is not null) CheckCount(values.Length);
        _values = values;
    }

    /// <summary>Parse an impedance.py circuit string; mistakes are reported with their column.</summary>
    public static Circuit Parse(string text) => new(CircuitParser.Parse(text), null);

    /// <summary>Parse a circuit string and attach parameter values (in <see cref="Parameters"/> order).</summary>
    public static Circuit Parse(string text, params double[] values) => new(CircuitParser.Parse(text), values.ToArray());

    /// <summary>A circuit from nodes built in code.</summary>
    public static Circuit From(CircuitNode root) => new(root, null);

    /// <summary>The same circuit with parameter values attached.</summary>
    public Circuit WithValues(params double[] values) => new(Root, values.ToArray());

    /// <summary>Index of a parameter by name (names are unique: a circuit refuses a repeated element name); InputException if absent.</summary>
    public int IndexOf(string name)
    {
        int found = -1;
        for (int i = 0; i < Parameters.Count && found < 0; i++)
            if (Parameters[i].Name == name) found = i;
        if (found < 0)
            throw new InputException($"circuit {Text} has no parameter '{name}'; its parameters are {string.Join(", ", Parameters.Select(p => p.Name))}");
        return found;
    }

    internal void CheckCount(int count)
    {
        if (count != Parameters.Count)
            throw new InputException($"circuit {Text} has {Parameters.Count} parameter{(Parameters.Count == 1 ? "" : "s")} ({string.Join(", ", Parameters.Select(p => p.Name))}); {count} value{(count == 1 ? " was" : "s were")} given");
    }

    /// <summary>Impedance at each frequency (Hz) with the attached <see cref="Values"/>.</summary>
    public Complex[] Evaluate(ReadOnlySpan<double> frequenciesHz)
    {
        if (_values is null) throw new InputException($"circuit {Text} has no parameter values: use WithValues(…) or Evaluate(frequencies, parameters)");
        return Evaluate(frequenciesHz, _values);
    }

    /// <summary>Impedance at each frequency (Hz) for the given parameter vector.</summary>
    public Complex[] Evaluate(ReadOnlySpan<double> frequenciesHz, ReadOnlySpan<double> parameters)
    {
        var z = new Complex[frequenciesHz.Length];
        Evaluate(frequenciesHz, parameters, z, Span<Complex>.Empty);
        return z;
    }

    /// <summary>
    /// Impedance and, when <paramref name="jacobian"/> is not empty, its analytic derivatives:
    /// <c>jacobian[i * ParameterCount + k] = ∂Z(fᵢ)/∂p_k</c>.
    /// </summary>
    public void Evaluate(ReadOnlySpan<double> frequenciesHz, ReadOnlySpan<double> parameters, Span<Complex> impedance, Span<Complex> jacobian)
    {
        CheckCount(parameters.Length);
        int m = Parameters.Count;
        if (impedance.Length < frequenciesHz.Length) throw new ArgumentException("impedance span too short", nameof(impedance));
        bool withJ = !jacobian.IsEmpty;
        if (withJ && jacobian.Length < frequenciesHz.Length * m) throw new ArgumentException("jacobian span too short", nameof(jacobian));
        int n = frequenciesHz.Length;
        var w = new double[n];
        var lw = new double[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = 2 * Math.PI * frequenciesHz[i];
            lw[i] = Math.Log(w[i]);
        }
        Sweep(w, lw, parameters, impedance, withJ ? jacobian[..(n * m)] : Span<Complex>.Empty, new Complex[SweepScratch(n)]);
    }

    /// <summary>Evaluation on precomputed ω and ln ω at one point.</summary>
    internal Complex EvaluateAt(double omega, double lnOmega, ReadOnlySpan<double> parameters, Span<Complex> dZ) =>
        Run(omega, lnOmega, parameters, dZ);

    /// <summary>Complex numbers of scratch <see cref="Sweep"/> needs for <paramref name="points"/> frequencies.</summary>
    internal int SweepScratch(int points) => _stackDepth * points;

    /// <summary>
    /// The whole spectrum at once on precomputed ω and ln ω, used by the fitter's inner loop: the same arithmetic as
    /// <see cref="EvaluateAt"/> point by point (so the same numbers, bit for bit), but each instruction runs over every
    /// frequency, so an element computes what does not depend on ω once per sweep (a CPE's cos πα/2 and sin πα/2)
    /// and no delegate is called per point for the elements that have a sweep (<see cref="ElementType.Sweep"/>).
    /// <paramref name="dZ"/>, when not empty, receives ∂Z(ωᵢ)/∂p_k at <c>i * ParameterCount + k</c>;
    /// <paramref name="scratch"/> holds at least <see cref="SweepScratch"/> numbers. Allocates nothing.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Sweep(ReadOnlySpan<double> omega, ReadOnlySpan<double> lnOmega, ReadOnlySpan<double> p, Span<Complex> z, Span<Complex> dZ, Span<Complex> scratch)
    {
        int n = omega.Length, m = Parameters.Count, top = 0;
        bool withJ = !dZ.IsEmpty;
        var ops = _program;
        for (int o = 0; o < ops.Length; o++)
        {
            ref readonly var op = ref ops[o];
            switch (op.Kind)
            {
                case OpKind.Element:
                {
                    var zs = scratch.Slice(top++ * n, n);
                    var pe = p.Slice(op.Start, op.Count);
                    if (op.Sweep is { } sweep)
                        sweep(pe, omega, lnOmega, zs, withJ ? dZ[op.Start..] : Span<Complex>.Empty, m);
                    else
                        for (int i = 0; i < n; i++)
                            zs[i] = op.F!(pe, omega[i], lnOmega[i], withJ ? dZ.Slice(i * m + op.Start, op.Count) : Span<Complex>.Empty);
                    break;
                }
                case OpKind.Series:
                {
                    int b0 = top - op.Count;
                    var first = scratch.Slice(b0 * n, n);
                    for (int i = 0; i < n; i++)
                    {
                        var zi = first[i];
                        for (int b = b0 + 1; b < top; b++) zi += scratch[b * n + i];
                        first[i] = zi;
                    }
                    top = b0 + 1;
                    break;
                }
                default:
                {
                    int b0 = top - op.Count;
                    var starts = op.BranchStarts!;
                    for (int i = 0; i < n; i++)
                    {
                        var y = Complex.Zero;
                        for (int b = b0; b < top; b++)
                        {
                            var rb = ComplexMath.Reciprocal(scratch[b * n + i]);
                            scratch[b * n + i] = rb;
                            y += rb;
                        }
                        var zi = ComplexMath.Reciprocal(y);
                        if (withJ)
                        {
                            var dzi = dZ.Slice(i * m, m);
                            for (int b = 0; b < op.Count; b++)
                            {
                                var r = zi * scratch[(b0 + b) * n + i];
                                var f = r * r;
                                for (int k = starts[b]; k < starts[b + 1]; k++) dzi[k] *= f;
                            }
                        }
                        scratch[b0 * n + i] = zi;
                    }
                    top = b0 + 1;
                    break;
                }
            }
        }
        scratch[..n].CopyTo(z);
    }

    public override string ToString() => Text;

    static string Format(CircuitNode node) => node switch
    {
        ElementNode e => e.Name,
        SeriesNode s => string.Join("-", s.Parts.Select(Format)),
        ParallelNode p => "p(" + string.Join(",", p.Branches.Select(Format)) + ")",
        _ => throw new ArgumentException("unknown node", nameof(node)),
    };

    /// <summary>The element symbol inside a name: impedance.py drops digits and underscores ("CPE_1" → "CPE").</summary>
    public static string SymbolOf(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name) if (!char.IsAsciiDigit(ch) && ch != '_') sb.Append(ch);
        return sb.ToString();
    }

    static InputException UnknownElement(string name, string symbol, int column)
    {
        var hint = Elements.All.FirstOrDefault(t => string.Equals(t.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
        var where = column > 0 ? $" at column {column}" : "";
        var suggestion = hint is not null ? $" (symbols are case-sensitive: did you mean {hint.Symbol}?)" : "";
        return new InputException($"unknown circuit element '{symbol}' in '{name}'{where}{suggestion}; known elements: {Elements.SymbolList}");
    }

    /// <summary>
    /// One instruction of the compiled circuit, evaluated in postfix order on a small stack: an element
    /// pushes its impedance; a series node pops its parts and pushes their sum; a parallel node pops its
    /// branches, pushes 1/Σ(1/Zᵢ) and scales the derivatives of branch b's parameters by (Z/Z_b)².
    /// The parameters of any subtree are contiguous, so a branch is a parameter range.
    /// </summary>
    readonly record struct Op(OpKind Kind, ElementFunction? F, int Start, int Count, int[]? BranchStarts, ElementSweep? Sweep = null);

    enum OpKind : byte { Element, Series, Parallel }

    static int Emit(CircuitNode node, List<Op> ops, List<CircuitParameter> parameters, List<ElementNode> elements)
    {
        switch (node)
        {
            case ElementNode e:
            {
                var symbol = SymbolOf(e.Name);
                var type = Elements.Find(symbol) ?? throw UnknownElement(e.Name, symbol, e.Column);
                if (e.Values.Count != 0 && e.Values.Count != type.ParameterCount)
                    throw new InputException($"element {e.Name} ({type.Title}) takes {type.ParameterCount} parameter{(type.ParameterCount == 1 ? "" : "s")} ({string.Join(", ", type.Parameters.Select(p => p.Symbol))}); {e.Values.Count} given");
                int start = parameters.Count;
                for (int k = 0; k < type.ParameterCount; k++)
                    parameters.Add(new CircuitParameter(type.ParameterCount == 1 ? e.Name : $"{e.Name}_{k}", e.Name, type, k));
                elements.Add(e);
                ops.Add(new Op(OpKind.Element, type.Impedance, start, type.ParameterCount, null, type.Sweep));
                return 1;
            }
            case SeriesNode sn:
            {
                if (sn.Parts.Count == 0) throw new InputException("a series connection needs at least one part");
                int depth = 0;
                for (int i = 0; i < sn.Parts.Count; i++) depth = Math.Max(depth, i + Emit(sn.Parts[i], ops, parameters, elements));
                if (sn.Parts.Count > 1) ops.Add(new Op(OpKind.Series, null, 0, sn.Parts.Count, null));
                return depth;
            }
            case ParallelNode pn:
            {
                if (pn.Branches.Count < 2) throw new InputException("a parallel connection p(…) needs at least two branches separated by ','");
                var starts = new int[pn.Branches.Count + 1];
                int depth = 0;
                for (int i = 0; i < pn.Branches.Count; i++)
                {
                    starts[i] = parameters.Count;
                    depth = Math.Max(depth, i + Emit(pn.Branches[i], ops, parameters, elements));
                }
                starts[^1] = parameters.Count;
                ops.Add(new Op(OpKind.Parallel, null, 0, pn.Branches.Count, starts));
                return depth;
            }
            default:
                throw new ArgumentException("unknown node", nameof(node));
        }
    }

    Complex Run(double w, double lw, ReadOnlySpan<double> p, Span<Complex> dz)
    {
        Span<Complex> stack = stackalloc Complex[_stackDepth];
        int top = 0;
        var ops = _program;
        for (int i = 0; i < ops.Length; i++)
        {
            ref readonly var op = ref ops[i];
            switch (op.Kind)
            {
                case OpKind.Element:
                    stack[top++] = op.F!(p.Slice(op.Start, op.Count), w, lw, dz.IsEmpty ? dz : dz.Slice(op.Start, op.Count));
                    break;
                case OpKind.Series:
                {
                    int b0 = top - op.Count;
                    var z = stack[b0];
                    for (int b = b0 + 1; b < top; b++) z += stack[b];
                    top = b0;
                    stack[top++] = z;
                    break;
                }
                default:
                {
                    int b0 = top - op.Count;
                    var y = Complex.Zero;
                    for (int b = b0; b < top; b++)
                    {
                        stack[b] = ComplexMath.Reciprocal(stack[b]);
                        y += stack[b];
                    }
                    var z = ComplexMath.Reciprocal(y);
                    if (!dz.IsEmpty)
                    {
                        var starts = op.BranchStarts!;
                        for (int b = 0; b < op.Count; b++)
                        {
                            var r = z * stack[b0 + b];
                            var f = r * r;
                            for (int k = starts[b]; k < starts[b + 1]; k++) dz[k] *= f;
                        }
                    }
                    top = b0;
                    stack[top++] = z;
                    break;
                }
            }
        }
        return stack[0];
    }
}
