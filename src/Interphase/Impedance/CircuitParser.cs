namespace Interphase.Impedance;

/// <summary>
/// Recursive-descent parser for the impedance.py circuit grammar:
/// <code>
/// series  := term ('-' term)*
/// term    := 'p(' series (',' series)+ ')' | element
/// element := letter (letter | digit | '_')*      e.g. R0, CPE1, Wo_2
/// </code>
/// Whitespace is ignored, as impedance.py ignores it. Every element name may appear once (a name is
/// how a parameter is addressed: "R1", "CPE1_0"). Errors name the 1-based column in the text as typed.
/// </summary>
internal sealed class CircuitParser
{
    readonly string _text;
    readonly List<(char c, int col)> _chars = new();
    readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    int _pos;

    CircuitParser(string text)
    {
        _text = text;
        for (int i = 0; i < text.Length; i++)
            if (!char.IsWhiteSpace(text[i])) _chars.Add((text[i], i + 1));
    }

    public static CircuitNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var p = new CircuitParser(text);
        if (p._chars.Count == 0) throw new InputException("circuit string is empty: expected something like 'R0-p(R1,CPE1)'");
        var node = p.ParseSeries();
        if (p._pos < p._chars.Count)
        {
            var (c, col) = p._chars[p._pos];
            throw p.Error(col, c == ')' ? "unmatched ')'" : c == ',' ? "',' outside p(…)" : $"unexpected '{c}': expected '-' or the end of the circuit");
        }
        return node;
    }

    char Peek(int ahead = 0) => _pos + ahead < _chars.Count ? _chars[_pos + ahead].c : '\0';
    int Column => _pos < _chars.Count ? _chars[_pos].col : _text.TrimEnd().Length + 1;

    InputException Error(int column, string what) =>
        new($"circuit '{_text}', column {column}: {what}");

    CircuitNode ParseSeries()
    {
        var parts = new List<CircuitNode> { ParseTerm() };
        while (Peek() == '-')
        {
            _pos++;
            parts.Add(ParseTerm());
        }
        return parts.Count == 1 ? parts[0] : new SeriesNode(parts);
    }

    CircuitNode ParseTerm()
    {
        if (Peek() == 'p' && Peek(1) == '(')
        {
            int open = Column;
            _pos += 2;
            var branches = new List<CircuitNode> { ParseSeries() };
            while (Peek() == ',')
            {
                _pos++;
                branches.Add(ParseSeries());
            }
            if (Peek() != ')')
            {
                var found = _pos < _chars.Count ? $"found '{Peek()}'" : "the circuit ended";
                throw Error(Column, $"expected ',' or ')' to close 'p(' opened at column {open}, but {found}");
            }
            _pos++;
            if (branches.Count < 2)
                throw Error(open, "p(…) has one branch; a parallel connection needs two or more, separated by ','");
            return new ParallelNode(branches);
        }
        int col = Column;
        if (!char.IsAsciiLetter(Peek()))
        {
            var what = _pos >= _chars.Count ? "the circuit ended" : $"found '{Peek()}'";
            throw Error(col, $"expected an element name such as R1, CPE1 or p(…), but {what}");
        }
        int start = _pos;
        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_') _pos++;
        var name = new string(_chars.Skip(start).Take(_pos - start).Select(x => x.c).ToArray());
        if (Peek() == '(')
            throw Error(Column, $"'{name}(' is not valid: only 'p(' opens a parallel connection");
        var symbol = Circuit.SymbolOf(name);
        if (Elements.Find(symbol) is null)
        {
            var hint = Elements.All.FirstOrDefault(t => string.Equals(t.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
            var suggestion = hint is not null ? $" (symbols are case-sensitive: did you mean {hint.Symbol}?)" : "";
            throw Error(col, $"unknown element '{symbol}' in '{name}'{suggestion}; known elements: {Elements.SymbolList}");
        }
        if (!_names.TryAdd(name, col))
            throw Error(col, $"element name '{name}' is used twice (first at column {_names[name]}): give each element its own name");
        return new ElementNode(name, Array.Empty<double>()) { Column = col };
    }
}
